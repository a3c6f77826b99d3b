"""Safe swaps and short programs: never harder on the knee, never outside the person's rules."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kneefit.catalogue import Catalogue, load_catalogue
from kneefit.errors import UsageError
from kneefit.exclusions import WorksLike
from kneefit.models import Category, Equipment, Level, PlanRequest
from kneefit.planner import KNEE_GROUPS
from kneefit.reasons import Shortened
from kneefit.screening import exclusion_reasons
from kneefit.swap import alternatives, apply_swaps, preferred_ids, shorten
from tests.conftest import Invoke, plan_routine

CATALOGUE = load_catalogue()
requests = st.builds(
    PlanRequest,
    conditions=st.lists(st.sampled_from(sorted(CATALOGUE.conditions)), max_size=3, unique=True).map(
        tuple
    ),
    level=st.sampled_from(list(Level)),
    equipment=st.frozensets(st.sampled_from(list(Equipment))),
    minutes=st.integers(10, 90),
)
exercises = st.sampled_from(sorted(CATALOGUE.exercises))


@settings(max_examples=80, deadline=None)
@given(exercises, requests)
def test_every_alternative_is_safe_and_no_harder_on_the_knee(
    ident: str, request: PlanRequest
) -> None:
    original = CATALOGUE.exercises[ident]
    conditions = [CATALOGUE.conditions[c] for c in request.conditions]
    found = alternatives(original, CATALOGUE, request)
    assert len({a.exercise.id for a in found}) == len(found)
    for alt in found:
        swap = alt.exercise
        assert swap.id != original.id and swap.category is original.category
        assert set(swap.primary_muscles) & set(original.primary_muscles)
        assert set(swap.knee_load) <= set(original.knee_load)
        assert swap.level.rank <= original.level.rank
        assert not exclusion_reasons(swap, conditions, request.level, request.equipment)
        assert alt.reasons and isinstance(alt.reasons[0], WorksLike)
    # Best first: those working all the original's main muscles come before the rest.
    covers = [set(original.primary_muscles) <= set(a.exercise.primary_muscles) for a in found]
    assert covers == sorted(covers, reverse=True)


def test_swap_lists_sit_to_stand_first_for_a_mini_squat(cli: Invoke) -> None:
    result = cli("swap", "mini", "squat", "-c", "arthritis", "-c", "torn meniscus")
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "Instead of Mini squat with support (mini-squat): strength, quadriceps, glutes; knee "
        "load weight-bearing; beginner.",
        "1. Sit to stand (sit-to-stand)",
        "     - works the quadriceps and glutes like Mini squat with support",
        "     - knee load weight-bearing, none that Mini squat with support lacks",
        "     - level beginner",
        "     - needs chair, which you have",
    ]
    assert lines[-1] == "Use one: kneefit plan ... --swap 'mini-squat=sit-to-stand'"
    assert result.stderr == ""


def test_an_unsafe_swap_is_refused_with_the_reason(catalogue: Catalogue) -> None:
    request = PlanRequest(conditions=("arthritis",), equipment=frozenset(Equipment))
    routine = plan_routine(catalogue, request)
    first = next(
        i.exercise
        for s in routine.sections
        for i in s.items
        if i.exercise.category is Category.STRENGTH
    )
    with pytest.raises(UsageError, match="Ruled out by Osteoarthritis"):
        apply_swaps(routine, catalogue, swaps=[(first, catalogue.exercise("pistol-squat"))])
    with pytest.raises(UsageError, match="is not in this plan"):
        apply_swaps(routine, catalogue, without=[catalogue.exercise("pistol-squat")])


def test_plan_swap_and_without_on_the_command_line(cli: Invoke) -> None:
    base = ("plan", "-c", "arthritis", "-c", "torn meniscus", "--no-history", "-f", "json")
    result = cli(*base, "--swap", "sit to stand=mini squat", "--without", "calf raise")
    assert result.code == 0, result.stderr
    assert '"id": "mini-squat"' in result.stdout and '"id": "sit-to-stand"' not in result.stdout
    assert '"id": "calf-raise",\n          "name"' not in result.stdout
    refused = cli(*base, "--swap", "sit to stand=pistol squat")
    assert refused.code == 2 and refused.stdout == ""
    assert "cannot swap Sit to stand for Pistol squat" in refused.stderr
    assert "Bending the knee beyond about 90 degrees" in refused.stderr
    assert cli(*base, "--swap", "sit to stand").code == 2


@settings(max_examples=40, deadline=None)
@given(requests, st.integers(1, 12))
def test_a_short_program_keeps_the_knee_groups_first(request: PlanRequest, limit: int) -> None:
    routine = plan_routine(CATALOGUE, request)
    short = shorten(routine, CATALOGUE, limit)
    before = [i.exercise.id for s in routine.sections for i in s.items]
    after = [i.exercise.id for s in short.sections for i in s.items]
    assert len(after) == min(limit, len(before))
    assert [e for e in before if e in after] == after  # a subset, in plan order
    strength = [
        i.exercise
        for s in routine.sections
        for i in s.items
        if i.exercise.category is Category.STRENGTH
    ]
    preferred = preferred_ids(
        routine.conditions, [i.exercise for s in routine.sections for i in s.items]
    )
    if strength and limit > len(preferred & set(before)):
        # The first knee group the plan covers is kept, after what the conditions prefer.
        first = next(m for m in KNEE_GROUPS if any(m in e.primary_muscles for e in strength))
        kept = [CATALOGUE.exercises[e] for e in after]
        assert any(first in e.primary_muscles and e.category is Category.STRENGTH for e in kept)
    if len(after) < len(before):
        assert short.notices[-1] == Shortened(
            limit, len(before), tuple(CATALOGUE.exercises[e].name for e in before if e not in after)
        )


def test_a_short_program_keeps_what_the_conditions_prefer(catalogue: Catalogue) -> None:
    from types import SimpleNamespace

    request = PlanRequest(conditions=("arthritis",), equipment=frozenset(Equipment))
    routine = plan_routine(catalogue, request)
    last = [i.exercise.id for s in routine.sections for i in s.items][-1]
    # A catalogue whose conditions say what they prefer ('prefers', by exercise id).
    liking = routine.conditions[0].model_copy(
        update={"prefers": (SimpleNamespace(exercises=(last,), traits=()),)}
    )
    short = shorten(replace(routine, conditions=(liking,)), catalogue, 2)
    kept = [i.exercise.id for s in short.sections for i in s.items]
    assert last in kept and len(kept) == 2
