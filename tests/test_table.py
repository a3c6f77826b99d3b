# ruff: noqa: E501  (the expected tables at 120 columns are wider than the code)
"""Tables on a terminal, exactly, at 80 and 120 columns: the routine table of a plan and the
lists (exercises, sessions, swaps); no word or id of the catalogue ever broken; and
``--brief``.

The exact tests use a session made by hand in the shape of the 30-minute osteoarthritis
plan (seven exercises in three sections, two warnings), so they test the layout, not the
catalogue, which changes. ``tests/test_columns.py`` tests the layout itself, and
``tests/test_first_screen.py`` the plan in a real terminal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from datetime import time as clock_time

import pytest

from kneefit.catalogue import Catalogue
from kneefit.cautions import LeftOut, SeeClinicianFirst
from kneefit.exclusions import AtLevel, KitYouHave, KneeLoadWithin, Qualifies, WorksLike
from kneefit.i18n import speaking
from kneefit.models import (
    Dose,
    Exercise,
    PlannedExercise,
    PlanRequest,
    Role,
    Routine,
    Section,
    SectionKind,
)
from kneefit.render import Renderer, RenderOptions, renderer_for
from kneefit.schedule import single
from kneefit.swap import Alternative, Swaps
from kneefit.vocabulary import Format
from tests.conftest import Invoke, small_catalogue, two_sessions

SMALL = small_catalogue()


def _exercise(
    ident: str, name: str, category: str, muscles: tuple[str, ...], kit: tuple[str, ...]
) -> Exercise:
    return Exercise(
        id=ident,
        name=name,
        category=category,
        primary_muscles=muscles,
        equipment=kit,
        level="beginner",
        dose={"sets": 2, "reps": 10, "days_per_week": 3},
        steps=("Do it slowly.",),
        sources=("knee-guide",),
    )


#: The session: (section, exercise, its dose, its minutes).
_SESSION = (
    (
        SectionKind.WARM_UP,
        _exercise("walking", "Walking", "cardio", ("quadriceps", "calves"), ()),
        Dose(minutes=5, days_per_week=5),
        5.0,
    ),
    (
        SectionKind.STRENGTH,
        _exercise("sit-to-stand", "Sit to stand", "strength", ("quadriceps", "glutes"), ("chair",)),
        Dose(sets=2, reps=10, rest_seconds=60, days_per_week=3),
        5.0,
    ),
    (
        SectionKind.STRENGTH,
        _exercise("short-arc-quad", "Short-arc quad", "strength", ("quadriceps",), ("towel",)),
        Dose(sets=2, reps=10, hold_seconds=5, per_side=True, rest_seconds=60, days_per_week=3),
        5.0,
    ),
    (
        SectionKind.STRENGTH,
        _exercise("clamshell", "Clamshell", "strength", ("glutes", "abductors"), ()),
        Dose(sets=2, reps=10, per_side=True, rest_seconds=60, days_per_week=3),
        5.0,
    ),
    (
        SectionKind.STRENGTH,
        _exercise(
            "standing-hamstring-curl",
            "Standing hamstring curl",
            "strength",
            ("hamstrings",),
            ("chair",),
        ),
        Dose(sets=2, reps=10, hold_seconds=5, per_side=True, rest_seconds=60, days_per_week=3),
        5.1,
    ),
    (
        SectionKind.STRENGTH,
        _exercise("calf-raise", "Calf raise", "strength", ("calves",), ("chair",)),
        Dose(sets=2, reps=10, rest_seconds=60, days_per_week=3),
        5.0,
    ),
    (
        SectionKind.BALANCE,
        _exercise("tandem-stance", "Tandem stance (heel to toe)", "balance", ("abductors",), ()),
        Dose(hold_seconds=10, sets=3, per_side=True, rest_seconds=10, days_per_week=3),
        2.0,
    ),
)


def _table(width: int, **options: bool) -> Renderer:
    return renderer_for(Format.TABLE, RenderOptions(width=width, **options))


# ---------------------------------------------------------------------- the lists


def _catalogue() -> Catalogue:
    """The small catalogue with the session's exercises."""
    exercises = {e.id: e.model_copy(update={"dose": d}) for _, e, d, _ in _SESSION}
    return Catalogue(
        sources=SMALL.sources,
        exercises=exercises,
        conditions=SMALL.conditions,
        safety=SMALL.safety,
    )


def _swaps() -> Swaps:
    found = {e.id: e for _, e, _, _ in _SESSION}
    reasons: tuple[Qualifies, ...] = (
        WorksLike(("quadriceps",), "Sit to stand", ("glutes",)),
        KneeLoadWithin((), "Sit to stand"),
        AtLevel("beginner"),
        KitYouHave(("towel",)),
    )
    return Swaps(
        found["sit-to-stand"],
        (),
        (
            Alternative(found["short-arc-quad"], reasons),
            Alternative(
                found["clamshell"],
                (WorksLike(("glutes",), "Sit to stand", ("quadriceps",)), *reasons[1:3]),
            ),
        ),
    )


#: Each list a table renders, by name.
LISTS: dict[str, Callable[[Renderer], str]] = {
    "list": lambda r: r.exercises(list(_catalogue().exercises.values()), _catalogue()),
    "history": lambda r: r.history(two_sessions()),
    "conditions": lambda r: r.conditions(list(SMALL.conditions.values()), SMALL),
    "swaps": lambda r: r.swaps(_swaps()),
}


LIST_80 = """\
Exercise                     Dose                                      Equipment
───────────────────────────  ────────────────────────────────────────  ─────────
Walking                      5 min; 5 days a week                      none
walking
Sit to stand                 2 sets of 10 reps, rest 60 s between;     chair
sit-to-stand                 3 days a week
Short-arc quad               2 sets of 10 reps, hold each 5 s, each    towel
short-arc-quad               side, rest 60 s between; 3 days a week
Clamshell                    2 sets of 10 reps, each side, rest 60 s   none
clamshell                    between; 3 days a week
Standing hamstring curl      2 sets of 10 reps, hold each 5 s, each    chair
standing-hamstring-curl      side, rest 60 s between; 3 days a week
Calf raise                   2 sets of 10 reps, rest 60 s between;     chair
calf-raise                   3 days a week
Tandem stance (heel to toe)  hold 10 s, 3 times, each side, rest 10 s  none
tandem-stance                between; 3 days a week

7 exercises. 'kneefit show ID' shows one in full; its ID is under its name.
"""

LIST_120 = """\
Exercise                     Dose                                      Equipment  Level     Kind      Works
───────────────────────────  ────────────────────────────────────────  ─────────  ────────  ────────  ──────────────────
Walking                      5 min; 5 days a week                      none       beginner  cardio    quadriceps, calves
walking
Sit to stand                 2 sets of 10 reps, rest 60 s between;     chair      beginner  strength  quadriceps, glutes
sit-to-stand                 3 days a week
Short-arc quad               2 sets of 10 reps, hold each 5 s, each    towel      beginner  strength  quadriceps
short-arc-quad               side, rest 60 s between; 3 days a week
Clamshell                    2 sets of 10 reps, each side, rest 60 s   none       beginner  strength  glutes, abductors
clamshell                    between; 3 days a week
Standing hamstring curl      2 sets of 10 reps, hold each 5 s, each    chair      beginner  strength  hamstrings
standing-hamstring-curl      side, rest 60 s between; 3 days a week
Calf raise                   2 sets of 10 reps, rest 60 s between;     chair      beginner  strength  calves
calf-raise                   3 days a week
Tandem stance (heel to toe)  hold 10 s, 3 times, each side, rest 10 s  none       beginner  balance   abductors
tandem-stance                between; 3 days a week

7 exercises. 'kneefit show ID' shows one in full; its ID is under its name.
"""

HISTORY_80 = """\
kneefit: your sessions
Date        Pain  Effort  Next morning  Notes                       Exercises
──────────  ────  ──────  ────────────  ──────────────────────────  ────────────
2026-11-24  2/10    5/10          1/10  Stairs felt easier.         Sit to stand
2026-11-26  6/10    7/10             -  RED FLAG: knee gave way;    -
                                        =SUM(A1)

Pain (P) and effort (E) by session, 0 to 10:
2026-11-24  P ██········  2   E █████·····  5  next morning 1
2026-11-26  P ██████····  6   E ███████···  7
"""

HISTORY_120 = """\
kneefit: your sessions
Date        Pain  Effort  Next morning  Notes                              Exercises
──────────  ────  ──────  ────────────  ─────────────────────────────────  ────────────
2026-11-24  2/10    5/10          1/10  Stairs felt easier.                Sit to stand
2026-11-26  6/10    7/10             -  RED FLAG: knee gave way; =SUM(A1)  -

Pain (P) and effort (E) by session, 0 to 10:
2026-11-24  P ██········  2   E █████·····  5  next morning 1
2026-11-26  P ██████····  6   E ███████···  7
"""

SWAPS_80 = """\
Instead of Sit to stand (sit-to-stand): strength, quadriceps, glutes; knee load
none; beginner.

#  Alternative     Why it is safe
─  ──────────────  ─────────────────────────────────────────────────────────
1  Short-arc quad  - works the quadriceps like Sit to stand (not the glutes)
   short-arc-quad  - no knee-load tags
                   - level beginner
                   - needs towel, which you have

2  Clamshell       - works the glutes like Sit to stand (not the quadriceps)
   clamshell       - no knee-load tags
                   - level beginner

Use one: kneefit plan ... --swap 'sit-to-stand=short-arc-quad'
"""

SWAPS_120 = """\
Instead of Sit to stand (sit-to-stand): strength, quadriceps, glutes; knee load none; beginner.

#  Alternative     Why it is safe                                             Dose
─  ──────────────  ─────────────────────────────────────────────────────────  ────────────────────────────────
1  Short-arc quad  - works the quadriceps like Sit to stand (not the glutes)  2 sets of 10 reps; 3 days a week
   short-arc-quad  - no knee-load tags
                   - level beginner
                   - needs towel, which you have

2  Clamshell       - works the glutes like Sit to stand (not the quadriceps)  2 sets of 10 reps; 3 days a week
   clamshell       - no knee-load tags
                   - level beginner

Use one: kneefit plan ... --swap 'sit-to-stand=short-arc-quad'
"""


@pytest.mark.parametrize(
    ("what", "width", "expected"),
    [
        ("list", 80, LIST_80),
        ("list", 120, LIST_120),
        ("history", 80, HISTORY_80),
        ("history", 120, HISTORY_120),
        ("swaps", 80, SWAPS_80),
        ("swaps", 120, SWAPS_120),
    ],
)
def test_the_lists_at_80_and_120_columns(what: str, width: int, expected: str) -> None:
    assert LISTS[what](_table(width)) == expected


def _tokens(text: str) -> set[str]:
    return set(text.split())


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120, 160, 200])
def test_no_word_or_id_of_the_catalogue_is_ever_broken(width: int, catalogue: Catalogue) -> None:
    from kneefit.render.common import dose_line, equipment_text, muscles_text, program_text

    exercises = list(catalogue.exercises.values())
    listed = _table(width).exercises(exercises, catalogue)
    said = {"Exercise", "Dose", "Equipment", "Level", "Kind", "Works", str(len(exercises))}
    said |= _tokens("exercises. 'kneefit show ID' shows one in full; its ID is under its name.")
    for e in exercises:
        said |= _tokens(f"{e.name} {e.id} {dose_line(e.dose)} {equipment_text(e)}")
        said |= _tokens(f"{e.level.value} {e.category.value} {muscles_text(e)}")
    assert {w for w in _tokens(listed) if set(w) != {"\u2500"}} <= said
    for e in exercises:
        assert re.search(rf"(?m)^{re.escape(e.id)}(\s|$)", listed), e.id

    conditions = list(catalogue.conditions.values())
    table = _table(width).conditions(conditions, catalogue).split("\n\n")[0]
    said = {"Condition", "Clinician", "first", "Program", "Also", "called", "yes", "advised"}
    for c in conditions:
        said |= _tokens(f"{c.name} {c.id} {program_text(c, catalogue)} {', '.join(c.aliases)}")
    assert {w for w in _tokens(table) if set(w) != {"\u2500"}} <= said
    for c in conditions:
        assert re.search(rf"(?m)^{re.escape(c.id)}(\s|$)", table), c.id


def test_stretches_take_at_most_three_lines_each_at_80_columns(catalogue: Catalogue) -> None:
    from kneefit.usecases.views import list_exercises

    stretches = list_exercises(catalogue, "stretches", [], None, None)
    lines = _table(80).exercises(stretches, catalogue).splitlines()
    assert len(stretches) >= 10
    assert len(lines) <= 3 * len(stretches), "\n".join(lines)
    assert max(len(line) for line in lines) <= 80


def test_swap_is_a_table_on_request_and_text_on_a_pipe(cli: Invoke) -> None:
    table = cli("swap", "wall sit", "-c", "arthritis", "-f", "table")
    text = cli("swap", "wall sit", "-c", "arthritis")
    assert table.code == text.code == 0, table.stderr
    assert "Why it is safe" in table.stdout and "Why it is safe" not in text.stdout
    assert text.stdout.startswith("Instead of Wall sit (partial) (wall-sit)")


# ---------------------------------------------------------------------- the routine table


def thirty_minutes() -> Routine:
    """A 30-minute session in the shape of the osteoarthritis plan."""
    sections = []
    for kind in (SectionKind.WARM_UP, SectionKind.STRENGTH, SectionKind.BALANCE):
        items = tuple(
            PlannedExercise(exercise=e, dose=d, minutes=m) for k, e, d, m in _SESSION if k is kind
        )
        sections.append(Section(kind=kind, items=items))
    return Routine(
        request=PlanRequest(
            conditions=("arthritis",),
            equipment=frozenset({"chair", "towel", "mat", "step"}),
            minutes=30,
        ),
        conditions=(SMALL.conditions["arthritis"],),
        sections=tuple(sections),
        estimated_minutes=32.1,
        warnings=(
            SeeClinicianFirst("Osteoarthritis"),
            LeftOut(
                30,
                (
                    "Standing quadriceps stretch",
                    "Lying hamstring stretch with a towel",
                    "Standing calf stretch",
                ),
                room=False,
            ),
        ),
        excluded=(),
        safety=SMALL.safety,
        sources=tuple(SMALL.sources.values()),
    )


def _plan(width: int, brief: bool = True) -> str:
    one = single(thirty_minutes(), date(2026, 11, 30), at=clock_time(7, 30))
    return _table(width, brief=brief).plan(one)


PLAN_80 = """\
kneefit: your knee routine for Osteoarthritis; level beginner; 30 minutes
Equipment: chair, mat, step, towel
kneefit is not medical advice and does not replace a doctor or physiotherapist.
! Osteoarthritis: see a doctor or physiotherapist before starting this routine.
! Left out to fit 30 minutes: Standing quadriceps stretch, Lying hamstring
  stretch with a towel, Standing calf stretch. A longer session adds them.

#  Exercise         Dose                                         Rest  Equipment
─  ───────────────  ───────────────────────────────────────────  ────  ─────────
   Warm-up: low-impact cardio (about 5 min, 5 days a week)
1  Walking          5 min                                              none
   Strength (about 25 min, 3 days a week)
2  Sit to stand     2 sets of 10 reps                            60 s  chair
3  Short-arc quad   2 sets of 10 reps, hold each 5 s, each side  60 s  towel
4  Clamshell        2 sets of 10 reps, each side                 60 s  none
5  Standing         2 sets of 10 reps, hold each 5 s, each side  60 s  chair
   hamstring curl
6  Calf raise       2 sets of 10 reps                            60 s  chair
   Balance and control (about 2 min, 3 days a week)
7  Tandem stance    hold 10 s, 3 times, each side                10 s  none
   (heel to toe)
   Total: 7 exercises, about 32 min
Stop an exercise if its pain goes above 5 out of 10. At any warning sign
('kneefit plan' without --brief lists them), stop and see a clinician now.
"""

PLAN_120 = """\
kneefit: your knee routine for Osteoarthritis; level beginner; 30 minutes
Equipment: chair, mat, step, towel
kneefit is not medical advice and does not replace a doctor or physiotherapist.
! Osteoarthritis: see a doctor or physiotherapist before starting this routine.
! Left out to fit 30 minutes: Standing quadriceps stretch, Lying hamstring stretch with a towel,
  Standing calf stretch. A longer session adds them.

#  Exercise                     Dose                                         Rest  Equipment  Works
─  ───────────────────────────  ───────────────────────────────────────────  ────  ─────────  ──────────────────
   Warm-up: low-impact cardio (about 5 min, 5 days a week)
1  Walking                      5 min                                              none       quadriceps, calves
   Strength (about 25 min, 3 days a week)
2  Sit to stand                 2 sets of 10 reps                            60 s  chair      quadriceps, glutes
3  Short-arc quad               2 sets of 10 reps, hold each 5 s, each side  60 s  towel      quadriceps
4  Clamshell                    2 sets of 10 reps, each side                 60 s  none       glutes, abductors
5  Standing hamstring curl      2 sets of 10 reps, hold each 5 s, each side  60 s  chair      hamstrings
6  Calf raise                   2 sets of 10 reps                            60 s  chair      calves
   Balance and control (about 2 min, 3 days a week)
7  Tandem stance (heel to toe)  hold 10 s, 3 times, each side                10 s  none       abductors
   Total: 7 exercises, about 32 min
Stop an exercise if its pain goes above 5 out of 10. At any warning sign ('kneefit plan' without
--brief lists them), stop and see a clinician now.
"""


def test_the_routine_table_at_80_columns() -> None:
    assert _plan(80) == PLAN_80


def test_the_routine_table_at_120_columns_shows_more_and_wraps_less() -> None:
    assert _plan(120) == PLAN_120


def test_in_colour_the_headings_are_underlined_instead_of_ruled() -> None:
    one = single(thirty_minutes(), date(2026, 11, 30), at=clock_time(7, 30))
    plain = _table(80, brief=True).plan(one)
    coloured = _table(80, brief=True, color=True).plan(one)
    assert "\u2500" in plain and "\u2500" not in coloured
    assert len(coloured.splitlines()) == len(plain.splitlines()) - 1 <= 23


def test_how_often_has_a_column_when_a_section_mixes_it() -> None:
    routine = thirty_minutes()
    strength = routine.sections[1]
    first = strength.items[0]
    daily = replace(first, dose=first.dose.model_copy(update={"days_per_week": 7}))
    mixed = replace(strength, items=(daily, *strength.items[1:]))
    routine = replace(routine, sections=(routine.sections[0], mixed, routine.sections[2]))
    lines = _table(80, brief=True).plan(single(routine, date(2026, 11, 30))).splitlines()
    header = next(line for line in lines if line.startswith("#  Exercise"))
    assert "How often" in header
    assert "   Strength (about 25 min)" in lines
    assert any(line.startswith("2  Sit to stand") and "daily" in line for line in lines)
    assert any(line.startswith("3  Short-arc quad") and "3 a week" in line for line in lines)


def test_the_text_plan_opens_with_the_routine_table_too(cli: Invoke) -> None:
    text = cli("plan", "-c", "arthritis", "-f", "text", "--no-history").stdout
    table_at = text.index("Total: ")
    assert table_at < text.index("Your program:") < text.index("How to do each exercise")
    assert text.index("Before you start:") < table_at


# ---------------------------------------------------------------------- --brief


def test_brief_stops_after_the_table_and_its_safety_line(cli: Invoke) -> None:
    whole = cli("plan", "-c", "arthritis", "-f", "text", "--no-history")
    brief = cli("plan", "-c", "arthritis", "-f", "text", "--no-history", "--brief")
    assert whole.code == brief.code == 0, brief.stderr
    assert whole.stdout.startswith(brief.stdout.rsplit("\n\n", 1)[0])
    assert brief.stdout.rstrip().endswith("stop and see a clinician now.")
    assert "How to do each exercise" not in brief.stdout and "Sources" not in brief.stdout
    assert "How to do each exercise" in whole.stdout and "(under Safety, below)" in whole.stdout
    week = cli("plan", "-c", "arthritis", "--days", "3", "-f", "text", "--no-history", "--brief")
    assert week.code == 0, week.stderr
    assert "Week 1" in week.stdout and "How to do each exercise" not in week.stdout


def test_brief_is_for_the_table_and_text_only(cli: Invoke) -> None:
    refused = cli("plan", "-c", "arthritis", "-f", "json", "--brief")
    assert refused.code == 2 and refused.stdout == ""
    assert "the json format holds the whole plan: use --brief with table or text" in (
        refused.stderr
    )


def test_a_plan_with_no_exercise_says_so_and_adds_no_stop_rule() -> None:
    empty = replace(thirty_minutes(), sections=(), estimated_minutes=0.0)
    for renderer in (_table(80), renderer_for(Format.TEXT, RenderOptions())):
        page = renderer.plan(single(empty, date(2026, 11, 30)))
        assert "No exercises in this plan." in page
        assert "Stop an exercise" not in page and "How to do each exercise" not in page
        assert "Stop and see a clinician now if" in page  # the safety notes, in full


@pytest.mark.parametrize(
    ("role", "minutes", "language", "heading"),
    [
        (Role.WARM_UP, 5, "en", "   Warm-up: low-impact cardio (about 5 min, 5 days a week)"),
        (Role.WARM_UP, 20, "en", "   Warm-up and low-impact cardio (about 20 min, 5 days a week)"),
        (Role.AEROBIC, 10, "en", "   Warm-up and low-impact cardio (about 10 min, 5 days a week)"),
        (
            Role.AEROBIC,
            10,
            "es",
            "   Calentamiento y ejercicio aeróbico de bajo impacto (unos 10 min, 5 días por",
        ),
    ],
)
def test_a_walk_longer_than_a_warm_up_is_headed_as_cardio_too(
    role: Role, minutes: int, language: str, heading: str
) -> None:
    """A warm-up grown on into aerobic work, or a program's aerobic work, is more than a
    warm-up: its heading says so (a 20-minute "warm-up" misleads)."""
    routine = thirty_minutes()
    walk = routine.sections[0].items[0]
    longer = replace(
        walk, dose=walk.dose.model_copy(update={"minutes": minutes}), minutes=minutes, role=role
    )
    cardio = replace(routine.sections[0], items=(longer,))
    routine = replace(routine, sections=(cardio, *routine.sections[1:]))
    with speaking(language):
        lines = _table(80, brief=True).plan(single(routine, date(2026, 11, 30))).splitlines()
    assert heading in lines
