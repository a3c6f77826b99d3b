"""Which knee a plan is for (issue 32, part 3): ``--knee`` on plan, start and program new,
a program file's ``knee:``, the remembered plan, and every format that shows a plan.

Without a knee every output stays byte-identical: tests/test_render.py compares the same
fixtures with the files it always has; here the same fixtures with a knee named are
compared with files of their own (``FORMAT-plan-left``, ``FORMAT-week-right``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from kneefit.catalogue import Catalogue
from kneefit.log.remembered import LAST_PLAN, RememberedPlan, last_plan, remember_plan
from kneefit.models import Routine
from kneefit.render import renderer_for
from kneefit.render.common import knee_sentence, request_text
from kneefit.vocabulary import Format
from tests.conftest import Invoke, clean_env, run, small_schedule
from tests.test_json_schemas import _check as check_schema
from tests.test_render import ONE, ROUTINE, SMALL, SUFFIX, WHAT, _check, _options
from tests.test_start import Terminal

#: Every format that shows a plan as text (the PDF prints the html; the picture draws cards).
PLAN_FORMATS = [
    Format.TEXT,
    Format.MARKDOWN,
    Format.TABLE,
    Format.JSON,
    Format.CSV,
    Format.HTML,
    Format.ICS,
]


#: The expected files these tests compare with (tests/test_render.py counts them as used).
KNEE_FILES = {
    f"{fmt.value}-{what}{SUFFIX.get(fmt, '.txt')}"
    for fmt in PLAN_FORMATS
    for what in ("plan-left", "week-right")
}


def _for(routine: Routine, knee: str | None) -> Routine:
    return replace(routine, knee=knee)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", PLAN_FORMATS, ids=lambda f: f.value)
def test_a_plan_for_the_left_knee_is_exactly_as_expected(fmt: Format) -> None:
    actual = renderer_for(fmt, _options()).plan(replace(ONE, routine=_for(ROUTINE, "left")))
    _check(f"{fmt.value}-plan-left{SUFFIX.get(fmt, '.txt')}", actual)
    assert ("left knee" in actual) or ('"knee": "left"' in actual)
    if fmt is not Format.JSON:
        # The small plan's calf stretch is done each side: the left first.
        unfolded = actual.replace("\r\n ", "").replace("\\,", ",")  # a calendar's folds
        assert "left side first, then the right" in unfolded


@pytest.mark.parametrize("fmt", PLAN_FORMATS, ids=lambda f: f.value)
def test_a_week_for_the_right_knee_is_exactly_as_expected(fmt: Format) -> None:
    actual = renderer_for(fmt, _options()).plan(small_schedule(_for(ROUTINE, "right")))
    _check(f"{fmt.value}-week-right{SUFFIX.get(fmt, '.txt')}", actual)
    assert ("right knee" in actual) or ('"knee": "right"' in actual)


@pytest.mark.parametrize("fmt", PLAN_FORMATS, ids=lambda f: f.value)
def test_without_a_knee_the_plan_is_the_one_it_always_was(fmt: Format) -> None:
    # The same files tests/test_render.py keeps: a plan naming no knee is unchanged.
    for what, schedule in (("plan", ONE), ("week", small_schedule(ROUTINE))):
        assert _for(schedule.routine, None) == schedule.routine
        actual = WHAT[what](renderer_for(fmt, _options()), SMALL)
        _check(f"{fmt.value}-{what}{SUFFIX.get(fmt, '.txt')}", actual)
        assert '"knee":' not in actual and "knee;" not in actual and "side first" not in actual


def test_both_knees_name_no_side_to_start_on() -> None:
    routine = _for(ROUTINE, "both")
    assert "; both knees;" in request_text(routine)
    assert "side first" not in request_text(routine)
    assert knee_sentence(routine) == "For both knees."


def test_a_plan_with_nothing_done_each_side_names_the_knee_alone() -> None:
    sections = tuple(
        replace(s, items=tuple(i for i in s.items if not i.dose.per_side)) for s in ROUTINE.sections
    )
    routine = replace(_for(ROUTINE, "right"), sections=sections)
    assert "; right knee;" in request_text(routine)
    assert knee_sentence(routine) == "For the right knee."


def test_the_calendar_names_the_knee_in_each_event() -> None:
    text = renderer_for(Format.ICS, _options()).plan(small_schedule(_for(ROUTINE, "left")))
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:kneefit: strength session (" in unfolded
    assert "min\\, left knee)" in unfolded
    assert "For the left knee. Exercises done each side: left side first\\, then the right." in (
        unfolded
    )


# ---------------------------------------------------------------------- the remembered plan


def test_the_remembered_plan_keeps_the_knee_and_refuses_a_made_up_one(tmp_path: Path) -> None:
    made = datetime(2026, 11, 18, 9, 0, tzinfo=timezone.utc)
    remember_plan(tmp_path, RememberedPlan(made=made, stage=0, exercises=(), knee="right"))
    found = last_plan(tmp_path)
    assert found is not None and found.knee == "right"
    data = json.loads((tmp_path / LAST_PLAN).read_text(encoding="utf-8"))
    data["knee"] = "middle"
    (tmp_path / LAST_PLAN).write_text(json.dumps(data), encoding="utf-8")
    assert last_plan(tmp_path) is None
    # Without a knee the file holds no "knee" key, as an older kneefit wrote it.
    remember_plan(tmp_path, RememberedPlan(made=made, stage=0, exercises=()))
    assert "knee" not in json.loads((tmp_path / LAST_PLAN).read_text(encoding="utf-8"))
    found = last_plan(tmp_path)
    assert found is not None and found.knee is None


# ---------------------------------------------------------------------- the commands


def test_plan_names_the_knee_in_any_case_and_json_says_it(cli: Invoke) -> None:
    result = cli("plan", "-c", "arthritis", "--knee", " Left ", "-f", "json")
    assert result.code == 0, result.stderr
    plan = check_schema(result.stdout, "plan")
    assert plan["request"]["knee"] == "left"
    text = cli("plan", "-c", "arthritis", "--knee", "right", "-f", "text")
    assert text.code == 0
    assert "Osteoarthritis; right knee; level beginner" in text.stdout
    assert "Exercises done each side: right side first, then the left." in " ".join(
        text.stdout.split()
    )
    without = cli("plan", "-c", "arthritis", "-f", "json")
    assert "knee" not in json.loads(without.stdout)["request"]


def test_a_knee_that_is_none_is_a_usage_mistake(cli: Invoke) -> None:
    for command in (["plan"], ["start"], ["program", "new"]):
        result = cli(*command, "--knee", "middle")
        assert result.code == 2
        assert result.stdout == ""
        assert "'middle' is not a knee: give left, right or both" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_log_after_a_plan_records_its_knee_unless_told_otherwise(
    cli: Invoke, pinned_today: object
) -> None:
    assert cli("plan", "-c", "arthritis", "--knee", "left").code == 0
    logged = cli("log", "--pain", "2", "--effort", "5")
    assert logged.code == 0, logged.stderr
    assert "(left knee)" in logged.stdout
    told = cli("log", "--pain", "1", "--effort", "4", "--date", "2026-11-17", "--knee", "right")
    assert told.code == 0 and "(right knee)" in told.stdout
    assert cli("plan", "-c", "arthritis").code == 0  # a plan naming none: none by default
    none = cli("log", "--pain", "1", "--effort", "4", "--date", "2026-11-16")
    assert none.code == 0 and " knee)" not in none.stdout
    sessions = json.loads(cli("history", "-f", "json").stdout)["sessions"]
    assert {s["date"]: s.get("knee") for s in sessions} == {
        "2026-11-18": "left",
        "2026-11-17": "right",
        "2026-11-16": None,
    }


def test_program_new_writes_the_knee_and_plan_uses_it(cli: Invoke, tmp_path: Path) -> None:
    plain = cli("program", "new", "-c", "arthritis")
    named = cli("program", "new", "-c", "arthritis", "--knee", "right")
    assert plain.code == named.code == 0
    assert "knee:" not in plain.stdout  # without --knee, the file it always was
    assert named.stdout.startswith(plain.stdout)
    assert named.stdout.endswith("knee: right\n")
    program = tmp_path / "knee.yaml"
    program.write_text(named.stdout, encoding="utf-8")
    result = cli("plan", "--program", str(program), "-f", "json")
    assert result.code == 0, result.stderr
    assert check_schema(result.stdout, "plan")["request"]["knee"] == "right"
    same = cli("plan", "--program", str(program), "--knee", "right", "-f", "markdown")
    assert same.code == 0 and "; right knee;" in same.stdout
    other = cli("plan", "--program", str(program), "--knee", "left")
    assert other.code == 2 and other.stdout == ""
    assert f"the program file {program} is for the right knee" in other.stderr
    calendar = cli("plan", "--program", str(program), "-f", "ics")
    assert calendar.code == 0 and "right knee" in calendar.stdout


def test_a_program_file_with_a_knee_that_is_none_is_refused_where_it_stands(
    cli: Invoke, tmp_path: Path
) -> None:
    text = cli("program", "new", "-c", "arthritis", "--knee", "left").stdout
    lines = text.splitlines()
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("knee: left", "knee: middle"), encoding="utf-8")
    result = cli("plan", "--program", str(bad))
    assert result.code == 1 and result.stdout == ""
    assert f"bad.yaml:{len(lines)}:7: knee: must be 'left', 'right' or 'both'" in result.stderr


def test_the_handout_names_the_knee_in_its_header(cli: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "handout.html"
    result = cli("plan", "-c", "arthritis", "--knee", "left", "-o", str(out))
    assert result.code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    header = page[page.index("<p class='meta'>") :].split("</p>")[0]
    assert "Osteoarthritis; left knee; level beginner" in header
    assert "left side first, then the right" in header


# ---------------------------------------------------------------------- kneefit start


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    """Every terminal a test opens is killed and closed at the end, whatever happened."""
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def test_start_names_the_knee_first_and_logs_it_with_the_session(
    catalogue: Catalogue, tmp_path: Path, pinned_today: object, terminals: list[Terminal]
) -> None:
    env = clean_env(
        KNEEFIT_HOME=str(tmp_path / "home"),
        KNEEFIT_CACHE_DIR=str(tmp_path / "cache"),
        TERM="xterm-256color",
    )
    high = catalogue.safety.pain_rule.acceptable_max + 1
    args = ["start", "-c", "arthritis", "--plain", "--quiet", "--knee", "left"]
    term = Terminal(args, env)
    terminals.append(term)
    term.expect("Before you start: For the left knee.")
    term.expect("Press Enter to begin")
    term.send("\r")
    # Two pains above the ceiling in a row end the session; it is logged all the same.
    term.expect("Exercise 1 of")
    term.send("\r")
    term.expect("Press Enter when")
    term.send(f"{high}\r")
    term.expect("Press Enter to")
    term.send("\r")
    term.expect("Exercise 2 of")
    term.send("\r")
    term.expect("Press Enter when")
    term.send(f"{high}\r")
    term.expect("Press Enter to stop the session;")
    term.send("\r")
    term.expect("Stopping here.")
    term.send(f"{high}\r4\r\r")
    term.expect("Logged 2026-11-18 (left knee):")
    assert term.wait() == 0
    history = run(["history", "-f", "json"], env=env)
    assert history.code == 0, history.stderr
    (session,) = json.loads(history.stdout)["sessions"]
    assert session["knee"] == "left"


def test_the_readmes_example_program_names_its_knee() -> None:
    from kneefit.program import parse_program
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("<!-- program-example -->\n```yaml\n", 1)[1].split("```", 1)[0]
    assert parse_program(example, "anna.yaml").data.knee == "left"
