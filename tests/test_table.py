# ruff: noqa: E501  (the expected tables at 120 columns are wider than the code)
"""Tables on a terminal, exactly, at 80 and 120 columns: the lists (exercises, sessions,
swaps); no word or id of the catalogue ever broken.

The exact tests use exercises made by hand, so they test the layout, not the catalogue,
which changes. ``tests/test_columns.py`` tests the layout itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from kneefit.catalogue import Catalogue
from kneefit.models import (
    Dose,
    Exercise,
    SectionKind,
)
from kneefit.render import Renderer, RenderOptions, renderer_for
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
    reasons = (
        "works the quadriceps like Sit to stand (not the glutes)",
        "no knee-load tags",
        "level beginner",
        "needs towel, which you have",
    )
    return Swaps(
        found["sit-to-stand"],
        (),
        (
            Alternative(found["short-arc-quad"], reasons),
            Alternative(
                found["clamshell"],
                ("works the glutes like Sit to stand (not the quadriceps)", *reasons[1:3]),
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
