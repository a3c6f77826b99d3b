"""The planner: safety rules, time budget, coverage, determinism."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kneefit.catalogue import Catalogue
from kneefit.exclusions import NeedsKit, RuledOut
from kneefit.models import Category, Equipment, Level, Muscle, PlanRequest, Routine
from kneefit.planner import KNEE_GROUPS
from kneefit.screening import exclusion_reasons, screen
from kneefit.vocabulary import HOUSEHOLD
from tests.conftest import plan_routine, small_catalogue, warning_texts

ALL = frozenset(Equipment)
NONE: frozenset[Equipment] = frozenset()


def planned(routine: Routine) -> list[str]:
    return [item.exercise.id for section in routine.sections for item in section.items]


def assert_safe(catalogue: Catalogue, routine: Routine) -> None:
    request = routine.request
    conditions = [catalogue.conditions[c] for c in request.conditions]
    for section in routine.sections:
        for item in section.items:
            ex = item.exercise
            for condition in conditions:
                for rule in condition.rules_out:
                    assert ex.id not in rule.exercises, (ex.id, condition.id)
                    if ex.id not in rule.allows:
                        assert not set(rule.tags) & set(ex.knee_load), (ex.id, condition.id)
                        assert not set(rule.traits) & set(ex.traits), (ex.id, condition.id)
            assert ex.level.rank <= request.level.rank, ex.id
            assert set(ex.equipment) - {Equipment.MAT} <= request.equipment, ex.id
            assert not exclusion_reasons(
                ex, conditions, request.level, request.equipment, request.floor
            ), ex.id
    assert routine.estimated_minutes <= request.minutes


def test_default_arthritis_plan_has_every_section_in_order(catalogue: Catalogue) -> None:
    routine = plan_routine(
        catalogue,
        PlanRequest(conditions=("arthritis",), equipment=HOUSEHOLD | {Equipment.FOAM_ROLLER}),
    )
    kinds = [s.kind.value for s in routine.sections if s.items]
    assert kinds == ["warm-up", "strength", "balance", "stretch", "release"]
    warm_up = routine.sections[0].items[0]
    assert warm_up.exercise.category is Category.CARDIO
    assert 5 <= (warm_up.dose.minutes or 0) <= 10
    assert_safe(catalogue, routine)


def test_plan_covers_the_muscles_that_carry_the_knee(catalogue: Catalogue) -> None:
    routine = plan_routine(catalogue, PlanRequest(equipment=HOUSEHOLD, minutes=45))
    strength = [i.exercise for s in routine.sections for i in s.items if s.kind.value == "strength"]
    covered = {m for ex in strength for m in ex.primary_muscles}
    assert set(KNEE_GROUPS) <= covered


def test_longer_plans_weight_the_posterior_chain(catalogue: Catalogue) -> None:
    routine = plan_routine(
        catalogue, PlanRequest(equipment=ALL, level=Level.INTERMEDIATE, minutes=90)
    )
    strength = [i.exercise for s in routine.sections for i in s.items if s.kind.value == "strength"]
    posterior = {Muscle.GLUTES, Muscle.HAMSTRINGS, Muscle.CALVES, Muscle.LOWER_BACK, Muscle.LATS}
    back = sum(1 for ex in strength if set(ex.primary_muscles) & posterior)
    front = sum(1 for ex in strength if not set(ex.primary_muscles) & posterior)
    assert back > front


def test_same_request_same_routine(catalogue: Catalogue) -> None:
    request = PlanRequest(conditions=("torn-meniscus", "overuse"), equipment=ALL, minutes=40)
    assert plan_routine(catalogue, request) == plan_routine(catalogue, request)


def test_every_exclusion_has_a_reason(catalogue: Catalogue) -> None:
    routine = plan_routine(catalogue, PlanRequest(conditions=("torn-meniscus",), equipment=NONE))
    by_id = {e.id: e for e in routine.excluded}
    assert "pistol-squat" in by_id
    assert any(
        isinstance(r, RuledOut) and r.condition == "Torn meniscus"
        for r in by_id["pistol-squat"].reasons
    )
    assert any(isinstance(r, NeedsKit) for r in by_id["foam-roll-quads"].reasons)
    assert all(e.reasons for e in routine.excluded)
    included = set(planned(routine))
    assert not included & set(by_id)


def test_clinician_first_conditions_warn(catalogue: Catalogue) -> None:
    routine = plan_routine(catalogue, PlanRequest(conditions=("bursitis",)))
    assert any("see a doctor or physiotherapist" in w for w in warning_texts(routine))
    assert routine.safety.red_flags


def test_without_release_equipment_the_plan_says_what_to_add(catalogue: Catalogue) -> None:
    routine = plan_routine(catalogue, PlanRequest(equipment=NONE))
    assert any("a foam roller or a massage ball" in w for w in warning_texts(routine))
    assert not any("--" in w for w in warning_texts(routine))  # no command-line syntax for patients


@pytest.mark.parametrize("minutes", [10, 15, 20, 30, 60, 180])
def test_plans_fit_their_time(catalogue: Catalogue, minutes: int) -> None:
    routine = plan_routine(catalogue, PlanRequest(equipment=ALL, minutes=minutes))
    assert 0 < routine.estimated_minutes <= minutes
    total = sum(i.minutes for s in routine.sections for i in s.items)
    assert total == pytest.approx(routine.estimated_minutes, abs=0.05)


def _condition_sets(catalogue: Catalogue) -> list[tuple[str, ...]]:
    ids = sorted(catalogue.conditions)
    return [(c,) for c in ids] + list(itertools.combinations(ids, 2))


def test_no_list_holds_what_a_condition_rules_out(catalogue: Catalogue) -> None:
    """Every condition and every pair (plans for every combination: tests/test_selection.py)."""
    checked = 0
    for conditions in _condition_sets(catalogue):
        chosen = [catalogue.conditions[c] for c in conditions]
        allowed, _ = screen(catalogue.exercises.values(), chosen, None, None)
        for ex in allowed:
            assert not exclusion_reasons(ex, chosen, None, None)
            for condition in chosen:
                for rule in condition.rules_out:
                    assert ex.id not in rule.exercises
                    assert ex.id in rule.allows or not set(rule.tags) & set(ex.knee_load)
                    assert ex.id in rule.allows or not set(rule.traits) & set(ex.traits)
        checked += 1
    n = len(catalogue.conditions)
    assert checked == n + n * (n - 1) // 2


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_random_requests_are_safe_and_fit(catalogue: Catalogue, data: st.DataObject) -> None:
    conditions = data.draw(st.lists(st.sampled_from(sorted(catalogue.conditions)), max_size=4))
    request = PlanRequest(
        conditions=tuple(conditions),
        level=data.draw(st.sampled_from(list(Level))),
        equipment=frozenset(data.draw(st.sets(st.sampled_from(list(Equipment))))),
        minutes=data.draw(st.integers(min_value=10, max_value=180)),
    )
    routine = plan_routine(catalogue, request)
    assert_safe(catalogue, routine)
    assert plan_routine(catalogue, request) == routine
    excluded = {e.id for e in routine.excluded}
    assert not excluded & set(planned(routine))


# ------------------------------------------------- a catalogue with gaps: warnings, not holes


def test_a_catalogue_without_cardio_or_release_says_so() -> None:
    small = small_catalogue()
    request = PlanRequest(equipment=HOUSEHOLD, minutes=10)
    routine = plan_routine(small, request)
    assert planned(routine) == ["sit-to-stand", "calf-stretch"]
    assert warning_texts(routine)[0] == (
        "No low-impact cardio fits your conditions and equipment for a warm-up."
    )
    assert "No release exercise is in the catalogue." in warning_texts(routine)
    assert routine.safety == small.safety


def test_a_catalogue_with_nothing_allowed_plans_nothing_and_says_why() -> None:
    small = small_catalogue()
    # Without a chair or a towel, neither exercise can be done.
    routine = plan_routine(small, PlanRequest(equipment=NONE, minutes=10))
    assert planned(routine) == []
    for label in ("strength", "stretch"):
        assert f"No {label} exercise fits your conditions, level and equipment." in (
            warning_texts(routine)
        )
    assert {e.id for e in routine.excluded} == {"sit-to-stand", "calf-stretch"}
    assert routine.safety.red_flags  # the safety notes come with an empty plan too
