"""What the clinical review of the catalogue asked for: true tags, cited sources that describe
what they are cited for, and a README that says what the data holds.

Each bundled exercise's every citation is a test of its own (``pytest -v`` lists each
source's note beside the exercise it is cited for).
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

import pytest

from kneefit.catalogue import Catalogue, load_catalogue
from kneefit.catalogue.positions import position_problems
from kneefit.errors import ProblemError
from kneefit.models import (
    Category,
    Citation,
    Equipment,
    Exercise,
    KneeLoad,
    Level,
    PlanRequest,
    Step,
    Support,
    Trait,
)
from kneefit.progression import Decision
from kneefit.reasons import AtHighestStep
from kneefit.schedule import Layout, plan_schedule
from tests.conftest import plan_routine

README = Path(__file__).resolve().parent.parent / "README.md"
BUNDLED = load_catalogue()


def _exercise(**changes: object) -> Exercise:
    data: dict[str, object] = {
        "id": "test-move",
        "name": "Test move",
        "category": "strength",
        "primary_muscles": ["quadriceps"],
        "level": "beginner",
        "dose": {"reps": 10, "days_per_week": 3},
        "steps": ["Stand tall."],
        "sources": ["aaos-knee-conditioning"],
    }
    data.update(changes)
    return Exercise.model_validate(data)


# ---------------------------------------------------------------- words against tags


@pytest.mark.parametrize(
    "step",
    [
        "Kneel on all fours on a mat.",
        "Start on your hands and knees.",
        "Lower to your knees if the hold gets shaky.",
        "Pad the knee that rests on the floor with a towel.",
        "Half-kneeling, tuck your pelvis under.",
    ],
)
def test_a_kneeling_step_needs_the_kneeling_tag(step: str) -> None:
    untagged = _exercise(steps=[step])
    assert any("kneeling" in p for p in position_problems(untagged))
    tagged = _exercise(steps=[step], knee_load=["kneeling"])
    assert position_problems(tagged) == []


@pytest.mark.parametrize(
    "step", ["Lie face down on the mat.", "Lie on your front with your head on your arms."]
)
def test_a_face_down_step_needs_the_prone_trait(step: str) -> None:
    assert any("prone" in p for p in position_problems(_exercise(steps=[step])))
    assert position_problems(_exercise(steps=[step], traits=["prone", "floor"])) == []


def test_a_position_named_only_to_forbid_it_does_not_count() -> None:
    assert position_problems(_exercise(cues=["Do not kneel on the sore knee."])) == []
    assert position_problems(_exercise(notes="Skip any pose that kneels.")) == []


def test_a_layer_with_an_untagged_kneeling_exercise_is_refused(tmp_path: Path) -> None:
    layer = tmp_path / "layer.yaml"
    layer.write_text(
        "exercises:\n"
        "  - id: sneaky-plank\n"
        "    name: Sneaky plank\n"
        "    category: strength\n"
        "    primary_muscles: [abdominals]\n"
        "    level: beginner\n"
        "    traits: [floor, isometric]\n"
        "    dose: {hold_seconds: 20, days_per_week: 3}\n"
        "    steps:\n"
        "      - Rest on your forearms and toes.\n"
        "      - Drop to your knees when you tire.\n"
        "    sources: [aaos-knee-conditioning]\n",
        encoding="utf-8",
    )
    with pytest.raises(ProblemError) as caught:
        load_catalogue([layer])
    assert "sneaky-plank" in str(caught.value)
    assert "'kneeling'" in str(caught.value)


def test_every_bundled_exercise_is_tagged_as_its_words_say() -> None:
    found = {e.id: position_problems(e) for e in BUNDLED.exercises.values()}
    assert {k: v for k, v in found.items() if v} == {}


# Prepatellar bursitis and Osgood-Schlatter disease forbid pressure on the front of the knee.
_FRONT_OF_KNEE = ("bursitis", "osgood-schlatter")


@pytest.mark.parametrize("condition", _FRONT_OF_KNEE)
def test_no_front_of_knee_plan_kneels_or_lies_face_down(condition: str) -> None:
    kits: tuple[frozenset[Equipment], ...] = (frozenset(), frozenset(Equipment))
    for level, kit, minutes, floor in itertools.product(Level, kits, (15, 30, 60), (True, False)):
        request = PlanRequest(
            conditions=(condition,), level=level, equipment=kit, minutes=minutes, floor=floor
        )
        # The plan the CLI makes (the condition's program, along all its progression) and
        # the slot planner's, for a catalogue whose condition has no program.
        layout = Layout(days_per_week=1, weeks=1, start=date(2026, 11, 30), one_off=True)
        routines = [plan_routine(BUNDLED, request)]
        for stage in (0, 10, 30):
            decision = Decision(Step.UP, stage, (AtHighestStep(),))
            routines.append(plan_schedule(BUNDLED, request, decision, layout).routine)
        for routine in routines:
            for section in routine.sections:
                for item in section.items:
                    exercise = item.exercise
                    assert KneeLoad.KNEELING not in exercise.knee_load, (request, exercise.id)
                    assert Trait.PRONE not in exercise.traits, (request, exercise.id)


# ---------------------------------------------------------------- sources


_CITATIONS = [
    pytest.param(e, c, id=f"{e.id}:{c.id}") for e in BUNDLED.exercises.values() for c in e.sources
]


@pytest.mark.parametrize(("exercise", "citation"), _CITATIONS)
def test_every_citation_says_what_its_source_supports(
    exercise: Exercise, citation: Citation
) -> None:
    assert citation.supports is not None, f"{exercise.id} cites {citation.id} for what?"
    assert citation.note, f"{exercise.id} cites {citation.id} without saying what it shows"


@pytest.mark.parametrize("exercise", BUNDLED.exercises.values(), ids=lambda e: e.id)
def test_every_exercise_has_a_source_with_an_address_that_describes_it(
    exercise: Exercise,
) -> None:
    describing = [
        c
        for c in exercise.sources
        if c.supports in (Support.EXERCISE, Support.BOTH) and BUNDLED.sources[c.id].url
    ]
    assert describing, f"{exercise.id} relies on no source with an address that describes it"


def test_a_plain_source_id_is_still_a_citation() -> None:
    exercise = _exercise(sources=["aaos-knee-conditioning"])
    assert exercise.sources == (Citation(id="aaos-knee-conditioning"),)
    assert exercise.source_ids == ("aaos-knee-conditioning",)


# ---------------------------------------------------------------- the README says what is there


_CATEGORY_WORDS = {
    Category.STRENGTH: "strength",
    Category.BALANCE: "balance and neuromuscular control",
    Category.RANGE_OF_MOTION: "range of motion",
    Category.STRETCH: "stretches",
    Category.FOAM_ROLLING: "foam-rolling and release",
    Category.CARDIO: "cardio",
}


def catalogue_summary(catalogue: Catalogue) -> str:
    """The README's first sentence about the bundled catalogue, from the data."""
    counts = dict.fromkeys(Category, 0)
    for exercise in catalogue.exercises.values():
        counts[exercise.category] += 1
    kinds = ", ".join(f"{counts[c]} {w}" for c, w in _CATEGORY_WORDS.items())
    return f"{len(catalogue.exercises)} exercises ({kinds}), {len(catalogue.conditions)} conditions"


def condition_table(catalogue: Catalogue) -> list[str]:
    """The README's condition table, one line a condition, from the data."""
    lines = [
        "| condition | see a clinician first | rules out | limits | favours |",
        "| --- | --- | --- | --- | --- |",
    ]
    for condition in catalogue.conditions.values():
        ruled = []
        for rule in condition.rules_out:
            ruled += [t.value for t in rule.tags]
            ruled += [f"{t.value} (trait)" for t in rule.traits]
            ruled += list(rule.exercises)
            if rule.allows:
                ruled[-1] += f" (but not {', '.join(rule.allows)})"
        limits = condition.limits
        parts = []
        if limits is not None:
            if limits.only_traits:
                parts.append("only " + " or ".join(t.value for t in limits.only_traits))
            if limits.max_level is not None:
                parts.append(f"{limits.max_level.value} level")
            if limits.max_knee_flexion is not None:
                parts.append(f"knee bend at most {limits.max_knee_flexion} degrees")
            if limits.volume < 1.0:
                parts.append(f"{round(limits.volume * 100)}% of the dose")
            if limits.max_days_per_week is not None:
                parts.append(f"at most {limits.max_days_per_week} days a week")
        favours = [
            name
            for pref in condition.prefers
            for name in (*(t.value for t in pref.traits), *pref.exercises)
        ]
        cells = [
            f"`{condition.id}`",
            "yes" if condition.see_clinician_first else "no",
            ", ".join(ruled) or "-",
            "; ".join(parts) or "-",
            ", ".join(favours) or "-",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def test_the_readme_counts_the_catalogue() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    summary = catalogue_summary(BUNDLED)
    assert summary in text, f"README should say: {summary}"
    flags = f"{len(BUNDLED.safety.red_flags)} red flags and {len(BUNDLED.sources)} sources"
    assert flags in text, f"README should say: {flags}"
    programs = f"{len(BUNDLED.programs)} condition programs"
    assert programs in text, f"README should say: {programs}"


def test_the_readme_condition_table_matches_the_data() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    expected = condition_table(BUNDLED)
    start = lines.index(expected[0])
    found = list(itertools.takewhile(lambda line: line.startswith("|"), lines[start:]))
    assert found == expected, "README's condition table should read:\n" + "\n".join(expected)


def test_the_table_writer_covers_every_rule_kind() -> None:
    # A rule by trait shows in the table, so a table cannot hide a rule.
    bursitis = BUNDLED.conditions["bursitis"]
    row = next(line for line in condition_table(BUNDLED) if line.startswith("| `bursitis`"))
    for rule in bursitis.rules_out:
        for name in (*rule.exercises, *(t.value for t in rule.tags)):
            assert re.search(rf"\b{re.escape(name)}\b", row)
