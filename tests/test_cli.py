"""The commands, run in this process: exit codes, stdout and stderr checked separately."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneefit.catalogue import Catalogue
from tests.conftest import Invoke, plan_routine


def test_plan_text_is_complete(cli: Invoke) -> None:
    # 45 minutes: a 30-minute osteoarthritis program keeps its strength work and leaves
    # the stretches out (and says so); at 45 they are in.
    result = cli("plan", "--condition", "arthritis", "-f", "text", "--minutes", "45")
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    for expected in (
        "Osteoarthritis",
        "not medical advice",
        "Warm-up",
        "Strength",
        "Stretches",
        "How to do it:",
        "Pain rule",
        "Stop and see a clinician now if",
        "couple of weeks",
        "Sources",
        "see a doctor or physiotherapist before starting",
    ):
        assert expected in out, expected
    assert "\x1b[" not in out
    # Wrapped at 78 columns; only an unbreakable web address may stand longer.
    assert all(len(line) <= 78 for line in out.splitlines() if "://" not in line)


def test_plan_json_has_the_documented_shape(cli: Invoke) -> None:
    result = cli("plan", "-c", "torn meniscus", "-e", "all", "-f", "json", "--minutes", "40")
    assert result.code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert {"sections", "estimated_minutes", "warnings", "excluded", "safety"} <= set(data)
    assert data["estimated_minutes"] <= 40
    for section in data["sections"]:
        for ex in section["exercises"]:
            assert {"id", "name", "category", "dose"} <= set(ex)
    assert all({"id", "reason"} <= set(e) for e in data["excluded"])
    assert data["request"]["conditions"] == ["torn-meniscus"]
    assert data["safety"]["red_flags"]


@pytest.mark.parametrize(
    "name", ["torn meniscus", "meniscus-tear", "MENISCUS TEAR", "torn-meniscus"]
)
def test_condition_names_accept_everyday_forms(cli: Invoke, name: str) -> None:
    result = cli("plan", "-c", name, "-f", "json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["request"]["conditions"] == ["torn-meniscus"]


def test_unknown_condition_is_a_usage_error_with_a_suggestion(cli: Invoke) -> None:
    result = cli("plan", "--condition", "arthritus")
    assert result.code == 2
    assert result.stdout == ""
    assert "unknown condition 'arthritus'. Did you mean 'arthritis'?" in result.stderr
    assert "Valid conditions:" in result.stderr and "bursitis" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["list", "strech"], "Did you mean 'stretch'?"),
        (["list", "foam"], "Valid categories: cardio"),
        (["plan", "--level", "beginer"], "Did you mean 'beginner'?"),
        (["plan", "-e", "foam-rollr"], "Did you mean 'foam-roller'?"),
        (["plan", "-f", "jsn"], "Did you mean 'json'?"),
        (["show", "wal", "sitt"], "Did you mean"),
        # typer's wording of range errors differs between versions; the option is named.
        (["plan", "--minutes", "0"], "'--minutes'"),
        (["plan", "--minutes", "-5"], "'--minutes'"),
        (["plan", "--minutes", "100000"], "'--minutes'"),
        (["plan", "--minutes", "ten"], "'--minutes'"),
        (["plan", "--conditon", "arthritis"], "No such option"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_mistakes_exit_2(cli: Invoke, args: list[str], expected: str) -> None:
    result = cli(*args)
    assert result.code == 2, result
    assert result.stdout == ""
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "word",
    [
        "stretches",
        "stretch",
        "foam-rolling",
        "rolling",
        "release",
        "cardio",
        "low-impact",
        "strength",
    ],
)
def test_list_accepts_everyday_category_words(cli: Invoke, word: str) -> None:
    result = cli("list", word, "-f", "json")
    assert result.code == 0, result.stderr
    items = json.loads(result.stdout)["exercises"]
    assert len(items) >= 10
    assert len({i["category"] for i in items}) == 1


def test_list_filters_by_condition_level_and_equipment(cli: Invoke) -> None:
    everything = json.loads(cli("list", "-f", "json").stdout)["exercises"]
    filtered = json.loads(
        cli("list", "-c", "bursitis", "-l", "beginner", "-e", "none", "-f", "json").stdout
    )["exercises"]
    assert 0 < len(filtered) < len(everything)
    for item in filtered:
        assert "kneeling" not in item["knee_load"] and "deep-knee-flexion" not in item["knee_load"]
        # A mat is never required: a carpet, a bed or a folded towel will do.
        assert item["level"] == "beginner" and set(item["equipment"]) <= {"mat"}


def test_show_gives_what_a_person_needs(cli: Invoke) -> None:
    result = cli("show", "assisted", "squats", "-f", "text")
    assert result.code == 0, result.stderr
    for expected in (
        "How to do it:",
        "Form cues:",
        "Dose:",
        "Easier:",
        "Harder:",
        "Sources",
        "https://",
    ):
        assert expected in result.stdout, expected


def test_conditions_lists_rules_and_clinician_advice(cli: Invoke) -> None:
    result = cli("conditions", "-f", "text")
    assert result.code == 0
    assert "Rules out:" in result.stdout and "See a clinician before starting: yes" in result.stdout


@pytest.mark.parametrize("command", ["plan", "list", "show quad-set", "conditions"])
@pytest.mark.parametrize("fmt", ["table", "text", "markdown", "json", "csv"])
def test_every_command_renders_every_format(cli: Invoke, command: str, fmt: str) -> None:
    result = cli(*command.split(), "-f", fmt)
    assert result.code == 0, result.stderr
    assert result.stdout.strip()
    if fmt == "json":
        json.loads(result.stdout)


def test_every_format_has_a_renderer() -> None:
    from kneefit.render import RenderOptions, renderer_for
    from kneefit.vocabulary import Format

    for fmt in Format:
        renderer = renderer_for(fmt, RenderOptions())
        assert callable(renderer.plan) and callable(renderer.exercises), fmt


def test_a_word_only_one_exercise_has_finds_it(cli: Invoke) -> None:
    result = cli("show", "pistol", "-f", "json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "pistol-squat"
    many = cli("show", "curl")
    assert many.code == 2 and "See 'kneefit list' for all" in many.stderr


def test_explain_shows_what_was_left_out(cli: Invoke) -> None:
    plain = cli("plan", "-c", "bursitis", "-f", "text").stdout
    explained = cli("plan", "-c", "bursitis", "--explain", "-f", "text").stdout
    assert "Left out for you" not in plain
    assert "Left out for you" in explained and "kneeling" in explained


def test_catalogue_option_layers_a_file(cli: Invoke, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "exercises:\n  - id: towel-squeeze\n    name: Towel squeeze\n    category: strength\n"
        "    primary_muscles: [adductors]\n    level: beginner\n"
        "    dose: {sets: 2, reps: 10, days_per_week: 3}\n    steps: [Squeeze.]\n"
        "    sources: [aaos-knee-conditioning]\n",
        encoding="utf-8",
    )
    result = cli("show", "towel squeeze", "--catalog", str(mine), "-f", "json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "towel-squeeze"


def test_bad_catalogue_is_a_data_error(cli: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("exercises: [\n", encoding="utf-8")
    result = cli("plan", "--catalogue", str(bad))
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {bad}:")


def test_validate_reports_each_file(cli: Invoke, tmp_path: Path) -> None:
    good = Path(__file__).resolve().parent.parent / "data" / "exercises.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text("exercises:\n  - id: X\n", encoding="utf-8")
    ok = cli("validate", str(good))
    assert ok.code == 0 and "ok (" in ok.stdout and ok.stderr == ""
    both = cli("validate", str(good), str(bad))
    assert both.code == 1
    assert "ok (" in both.stdout
    assert f"{bad}:2:" in both.stderr and "must be a slug" in both.stderr


def test_version_and_help(cli: Invoke) -> None:
    from kneefit import __version__

    assert cli("--version").stdout == f"kneefit {__version__}\n"
    for command in ("plan", "list", "show", "conditions", "validate"):
        result = cli(command, "--help")
        assert result.code == 0 and "Usage: kneefit" in result.stdout, command


def test_internal_errors_are_one_line_without_locals(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kneefit.stepping

    def broken(*args: object, **kwargs: object) -> None:
        secret = "do-not-show"  # noqa: F841
        raise RuntimeError("boom")

    monkeypatch.setattr(kneefit.stepping, "progressed_routine", broken)
    result = cli("plan")
    assert result.code == 70
    assert result.stderr.startswith("Error: internal error: RuntimeError: boom")
    assert "--debug" in result.stderr and "Traceback" not in result.stderr
    debug = cli("--debug", "plan")
    assert "Traceback" in debug.stderr and "do-not-show" not in debug.stderr


def test_an_internal_error_exits_70_and_says_it_is_a_bug_and_where_to_report_it(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kneefit.usecases.plan

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("stage")

    monkeypatch.setattr(kneefit.usecases.plan, "make_plan", broken)
    result = cli("plan", "-c", "arthritis")
    assert (result.code, result.stdout) == (70, "")
    assert result.stderr == (
        "Error: internal error: KeyError: 'stage'\n"
        "  This is a bug in kneefit, not a problem with your data or command.\n"
        "  Please report it on kneefit's issue tracker (see 'Reporting a bug' in the README)\n"
        "  with the command you ran, 'kneefit --version' and the traceback that --debug\n"
        "  (or KNEEFIT_DEBUG=1) shows.\n"
    )
    monkeypatch.setenv("KNEEFIT_DEBUG", "1")
    debug = cli("plan", "-c", "arthritis")
    assert debug.code == 70
    assert debug.stderr.startswith("Traceback (most recent call last):")
    assert "Error: internal error: KeyError: 'stage'" in debug.stderr


def test_interrupt_exits_130(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import kneefit.stepping

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kneefit.stepping, "progressed_routine", interrupted)
    result = cli("plan")
    assert result.code == 130
    assert "Traceback" not in result.stderr


_words = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=15)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    option=st.sampled_from(["-c", "-e", "-l", "-m", "-f", "--catalogue"]),
    value=_words,
)
def test_arbitrary_option_values_never_crash(cli: Invoke, option: str, value: str) -> None:
    result = (
        cli("plan", option, value, "-f", "json") if option != "-f" else cli("plan", "-f", value)
    )
    assert result.code in (0, 1, 2), result
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr


def test_table_notes_wrap_under_their_own_text(catalogue: Catalogue) -> None:
    from kneefit.models import PlanRequest
    from kneefit.render.common import RenderOptions
    from kneefit.render.table import TableRenderer
    from kneefit.schedule import single

    routine = plan_routine(catalogue, PlanRequest(conditions=("arthritis",)))
    one = single(routine, date(2026, 11, 30))
    lines = TableRenderer(RenderOptions(width=60)).plan(one).splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("! "))
    block = lines[start : lines.index("", start)]
    assert len(block) > len(routine.warnings)  # something wrapped
    assert all(line.startswith(("! ", "  ")) for line in block), block
    assert all(line == line.rstrip() for line in lines)


@pytest.mark.parametrize(
    "args",
    [["plan", "--catalogue", "a\x00b"], ["plan", "-o", "a\x00b.txt"], ["log", "import", "a\x00b"]],
)
def test_a_nul_in_a_file_name_is_a_clean_error(cli: Invoke, args: list[str]) -> None:
    result = cli(*args)
    assert result.code in (1, 2), result
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
