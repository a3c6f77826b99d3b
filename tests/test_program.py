"""Program files: writing, reading, located errors and the safety screen."""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kneefit import progression
from kneefit.catalogue import Catalogue
from kneefit.errors import ProblemError
from kneefit.models import Equipment, Level, PlanRequest, Session
from kneefit.program import parse_program, routine_from_program
from kneefit.reasons import Changed, ChangeKind
from kneefit.render.program_file import program_from_routine
from tests.conftest import Invoke, plan_routine, warning_texts

KNEE = textwrap.dedent(
    """\
    name: Anna
    conditions: [arthritis, meniscus tear]
    equipment: [chair, step, mat]
    days_per_week: 3
    exercises:
      - exercise: walking
        dose: {minutes: 8}
      - exercise: sit to stand
        note: Use the armrests at first.
      - exercise: pistol squat
    notes: Stop any exercise that makes the knee catch.
    """
)


def _items(routine: object) -> list[tuple[str, object]]:
    return [(i.exercise.id, i.dose) for s in routine.sections for i in s.items]  # type: ignore[attr-defined]


def test_a_ruled_out_exercise_is_refused_with_the_rules_reason(catalogue: Catalogue) -> None:
    with pytest.raises(ProblemError) as caught:
        routine_from_program(parse_program(KNEE, "knee.yaml"), catalogue)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("knee.yaml", 10, 15)
    assert problem.path == "exercises[2].exercise"
    assert "Ruled out by Osteoarthritis: A full single-leg squat loads the knee" in problem.message
    assert "Ruled out by Torn meniscus (deep-knee-flexion)" in problem.message
    assert "clinician_override" in problem.message


def test_a_clinicians_reason_lets_it_in_and_the_plan_says_so(catalogue: Catalogue) -> None:
    text = KNEE.replace(
        "  - exercise: pistol squat\n",
        '  - exercise: pistol squat\n    clinician_override: "Supported, to 60 degrees."\n',
    )
    routine = routine_from_program(parse_program(text, "knee.yaml"), catalogue)
    assert [i for i, _ in _items(routine)] == ["walking", "sit-to-stand", "pistol-squat"]
    assert warning_texts(routine)[0] == "A program for Anna: 3 days a week."
    assert warning_texts(routine)[1] == (
        "Notes from your physiotherapist: Stop any exercise that makes the knee catch."
    )
    assert warning_texts(routine)[2].startswith(
        "Pistol squat (single-leg squat) is in this program"
    )
    assert warning_texts(routine)[2].endswith(
        "Your physiotherapist's reason: Supported, to 60 degrees."
    )
    walking, stand, pistol = (i for s in routine.sections for i in s.items)
    assert walking.dose.minutes == 8
    assert stand.exercise.notes is not None
    assert stand.exercise.notes.startswith("From your physiotherapist: Use the armrests")
    assert (
        pistol.exercise.notes is not None and "Supported, to 60 degrees." in pistol.exercise.notes
    )


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (("days_per_week: 3", "days_per_wek: 3"), (4, 15), "did you mean 'days_per_week'?"),
        (("walking\n", "walkng-fast\n"), (6, 15), "unknown exercise 'walkng-fast'"),
        (("meniscus tear]", "meniscus tear, gout]"), (2, 40), "unknown condition 'gout'"),
        (("{minutes: 8}", "{reps: 8}"), (7, 5), "Walking is done for minutes: give minutes"),
        (("note: Use", "dose: {minutes: 2}\n    note: Use"), (9, 5), "not minutes"),
        (("  - exercise: pistol squat\n", "  - exercise: walking\n"), (10, 15), "already"),
    ],
)
def test_problems_are_located(
    catalogue: Catalogue,
    change: tuple[str, str],
    where: tuple[int | None, int | None],
    message: str,
) -> None:
    text = KNEE.replace(*change)
    assert text != KNEE
    with pytest.raises(ProblemError) as caught:
        routine_from_program(parse_program(text, "k.yaml"), catalogue)
    first = caught.value.problems[0]
    assert (first.line, first.column) == where, first
    assert message in first.message


requests = st.builds(
    PlanRequest,
    conditions=st.lists(
        st.sampled_from(["arthritis", "torn-meniscus", "bursitis", "sprained-ligament", "injury"]),
        max_size=3,
        unique=True,
    ).map(tuple),
    level=st.sampled_from(list(Level)),
    equipment=st.frozensets(st.sampled_from(list(Equipment))),
    minutes=st.integers(10, 90),
)


@settings(max_examples=25, deadline=None)
@given(requests, st.integers(1, 7))
def test_a_written_program_reads_back_as_the_same_routine(
    catalogue: Catalogue, request: PlanRequest, days: int
) -> None:
    routine = plan_routine(catalogue, request)
    text = program_from_routine(routine, days, 'Ann O\'Neil "A"')
    program = parse_program(text, "p.yaml")
    assert program.data.days_per_week == days and program.data.name == 'Ann O\'Neil "A"'
    again = routine_from_program(program, catalogue)
    assert _items(again) == _items(routine)
    assert again.request.conditions == routine.request.conditions
    assert again.request.equipment == routine.request.equipment
    assert again.request.minutes == routine.request.minutes


def test_a_pinned_dose_does_not_progress(catalogue: Catalogue) -> None:
    from kneefit.program import progress_program

    text = textwrap.dedent(
        """\
        equipment: [chair, mat]
        exercises:
          - exercise: glute bridge
            pin_dose: true
          - exercise: clamshell
        """
    )
    program = parse_program(text, "p.yaml")
    routine = routine_from_program(program, catalogue)
    today = date(2026, 11, 30)
    log = [
        Session(date=today - timedelta(days=4), pain=1, effort=5, next_morning_pain=1),
        Session(date=today - timedelta(days=2), pain=1, effort=5, next_morning_pain=1),
    ]
    decision = progression.decide(log, catalogue.safety.pain_rule, today)
    assert decision.stage == 1
    adapted = progress_program(routine, program, catalogue, decision)
    before = dict(_items(routine))
    after = dict(_items(adapted))
    assert after["glute-bridge"] == before["glute-bridge"]
    assert "clamshell" not in after or after["clamshell"] != before["clamshell"]
    assert adapted.progression is not None
    assert Changed(ChangeKind.PINNED, "Glute bridge") in adapted.progression.changes


def test_plan_program_refuses_with_exit_1_and_prints_every_format(
    cli: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "knee.yaml"
    path.write_text(KNEE, encoding="utf-8")
    result = cli("plan", "--program", str(path), "--no-history")
    assert result.code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}:10:15: exercises[2].exercise: Pistol squat")
    assert "which build the same strength more gently" in result.stderr
    path.write_text(KNEE.replace("  - exercise: pistol squat\n", ""), encoding="utf-8")
    for fmt in ("text", "markdown", "json", "csv", "html", "ics"):
        result = cli("plan", "--program", str(path), "--no-history", "-f", fmt)
        assert result.code == 0, (fmt, result.stderr)
        # Every format but the calendar carries the clinician's notes; all but csv and ics
        # the exercise's own note.
        words = " ".join(result.stdout.replace("\\n", " ").split())
        if fmt != "ics":
            assert "Stop any exercise that makes the knee catch." in words, fmt
        if fmt not in ("csv", "ics"):
            assert "Use the armrests at first." in words, fmt
    result = cli("plan", "--program", str(path), "-c", "arthritis")
    assert result.code == 2 and "leave out -c, -l, -e and -m with --program" in result.stderr


def test_program_new_writes_a_file_that_plans(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "knee.yaml"
    result = cli(
        "program", "new", "-c", "arthritis", "--name", "Bo", "--max-exercises", "4",
        "-o", str(path),
    )  # fmt: skip
    assert result.code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.count("  - exercise: ") == 4 and 'name: "Bo"' in text
    assert "# beginner, intermediate or advanced" in text
    again = cli("program", "new", "-o", str(path))
    assert again.code == 1 and "exists" in again.stderr
    planned = cli("plan", "--program", str(path), "--no-history", "-f", "json")
    assert planned.code == 0, planned.stderr


def test_the_readme_example_program_is_valid_and_prints_its_override(
    catalogue: Catalogue,
) -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("<!-- program-example -->\n```yaml\n", 1)[1].split("```", 1)[0]
    routine = routine_from_program(parse_program(example, "anna.yaml"), catalogue)
    assert len(_items(routine)) == 5
    assert any(
        "side-lying" in w.lower() and "Assessed in clinic" in w for w in warning_texts(routine)
    )


def test_a_program_needs_exercises(catalogue: Catalogue) -> None:
    with pytest.raises(ProblemError) as caught:
        parse_program("name: A\nexercises: []\n", "p.yaml")
    assert str(caught.value) == "p.yaml:2:1: exercises: must list at least one exercise"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["arthritis", "torn-meniscus", "bursitis", "injury"]), max_size=2),
    st.sampled_from(list(Level)),
    st.frozensets(st.sampled_from(list(Equipment))),
    st.lists(st.tuples(st.integers(0, 72), st.booleans()), min_size=1, max_size=6),
)
def test_no_program_holds_a_ruled_out_exercise_without_a_reason(
    catalogue: Catalogue,
    conditions: list[str],
    level: Level,
    equipment: frozenset[Equipment],
    picks: list[tuple[int, bool]],
) -> None:
    from kneefit.screening import exclusion_reasons

    ids = sorted(catalogue.exercises)
    chosen = list(dict.fromkeys((ids[n % len(ids)], o) for n, o in picks))
    lines = [
        f"conditions: [{', '.join(conditions)}]",
        f"level: {level.value}",
        f"equipment: [{', '.join(sorted(e.value for e in equipment))}]",
        "exercises:",
    ]
    for ident, override in chosen:
        lines.append(f"  - exercise: {ident}")
        if override:
            lines.append('    clinician_override: "Seen in clinic."')
    overridden = {ident for ident, override in chosen if override}
    unsafe = {
        ident
        for ident, _ in chosen
        if exclusion_reasons(
            catalogue.exercises[ident],
            [catalogue.conditions[c] for c in conditions],
            level,
            equipment,
        )
    }
    text = "\n".join(lines) + "\n"
    if len({i for i, _ in chosen}) < len(chosen) or unsafe - overridden:
        with pytest.raises(ProblemError):
            routine_from_program(parse_program(text, "p.yaml"), catalogue)
        return
    routine = routine_from_program(parse_program(text, "p.yaml"), catalogue)
    assert sorted(i for i, _ in _items(routine)) == sorted(i for i, _ in chosen)
    for ident in unsafe:
        name = catalogue.exercises[ident].name
        assert any(
            w.startswith(f"{name} is in this program although") for w in warning_texts(routine)
        )


def test_start_runs_a_program_and_refuses_an_unsafe_one(tmp_path: Path) -> None:
    from tests.conftest import clean_env, run

    env = clean_env(KNEEFIT_HOME=str(tmp_path / "home"), KNEEFIT_CACHE_DIR=str(tmp_path / "c"))
    made = run(["program", "new", "-c", "arthritis", "-o", str(tmp_path / "p.yaml")], env=env)
    assert made.code == 0, made.stderr
    # The program loads and is checked before the terminal is asked for.
    result = run(["start", "--program", str(tmp_path / "p.yaml")], env=env)
    assert result.code == 2 and "needs a terminal" in result.stderr, result
    text = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    unsafe = tmp_path / "unsafe.yaml"
    first = text.index("  - exercise: ")
    unsafe.write_text(text[:first] + "  - exercise: pistol-squat\n" + text[first:], "utf-8")
    refused = run(["start", "--program", str(unsafe)], env=env)
    assert refused.code == 1, refused
    assert "is refused" in refused.stderr and "clinician_override" in refused.stderr
    assert "pistol" in refused.stderr.lower()
