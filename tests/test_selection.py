"""What plans choose: the whole catalogue gets used, condition data steers, doses hold."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kneefit.catalogue import Catalogue
from kneefit.dosing import STRETCH_TOTAL_SECONDS, weekly_volume
from kneefit.models import (
    Category,
    DoseKind,
    Equipment,
    Level,
    PlannedExercise,
    PlanRequest,
    Schedule,
    Step,
    Trait,
)
from kneefit.planner import preferred
from kneefit.progression import Decision, apply
from kneefit.reasons import AtHighestStep, ChangeKind
from kneefit.render import RenderOptions, renderer_for
from kneefit.render.common import dose_line
from kneefit.schedule import Layout, build, plan_schedule, single
from kneefit.screening import exclusion_reasons, on_the_floor
from kneefit.vocabulary import HOUSEHOLD, Format
from tests.conftest import plan_routine, warning_texts

MONDAY = date(2026, 11, 30)
KITS: tuple[frozenset[Equipment], ...] = (frozenset(), HOUSEHOLD, frozenset(Equipment))


def every_plan(
    catalogue: Catalogue, when: date = MONDAY, pairs: bool = True
) -> Iterator[tuple[PlanRequest, Schedule]]:
    """Every condition alone (and none) x 3 levels x 3 kits x 20/30/60 minutes, and every
    pair of conditions x 3 levels x 3 kits in 60 minutes (the longest session holds the most
    exercises, so the most chances to break a rule): one session each, on ``when``."""
    ids = sorted(catalogue.conditions)
    singles = [(), *((c,) for c in ids)]
    grid = itertools.product(singles, Level, KITS, (20, 30, 60))
    both = itertools.product(itertools.combinations(ids, 2), Level, KITS, (60,))
    for conditions, level, kit, minutes in itertools.chain(grid, both if pairs else ()):
        request = PlanRequest(conditions=conditions, level=level, equipment=kit, minutes=minutes)
        yield request, plan_schedule(catalogue, request, None, Layout(1, 1, when, one_off=True))


@pytest.fixture(scope="module")
def plans(catalogue: Catalogue) -> list[tuple[PlanRequest, Schedule]]:
    return list(every_plan(catalogue))


def items_of(schedule: Schedule) -> Iterator[tuple[date, str, PlannedExercise]]:
    for day in schedule.days:
        for section in day.sections:
            for item in section.items:
                yield day.date, item.exercise.id, item


def test_most_of_what_the_programs_name_is_planned(
    catalogue: Catalogue, plans: list[tuple[PlanRequest, Schedule]]
) -> None:
    # A program names each role's candidates, easiest first; a plan starts a person at one
    # of them (the others are the steps progression takes), so most are planned for someone.
    named = {
        ident
        for program in catalogue.programs.values()
        for phase in program.phases
        if phase.conditions or not program.conditions
        for slot in phase.roles
        for ident in slot.candidates
    }
    seen = {ident for _, schedule in plans for _, ident, _ in items_of(schedule)}
    assert len(seen & named) >= 0.6 * len(named), sorted(named - seen)


def test_no_plan_holds_what_a_condition_rules_out_and_stretches_hold(
    catalogue: Catalogue, plans: list[tuple[PlanRequest, Schedule]]
) -> None:
    for request, schedule in plans:
        conditions = [catalogue.conditions[c] for c in request.conditions]
        for day in schedule.days:
            # Within 10% of the minutes asked for (whole roles are left out when short).
            assert day.minutes <= request.minutes * 1.1 + 1e-6, (request, day.minutes)
            for section in day.sections:
                for item in section.items:
                    assert not exclusion_reasons(
                        item.exercise, conditions, request.level, request.equipment
                    ), (request, item.exercise.id)
                    dose = item.dose
                    if item.exercise.category is Category.STRETCH and dose.kind is DoseKind.HOLD:
                        assert dose.hold_seconds is not None
                        assert dose.sets * dose.hold_seconds >= STRETCH_TOTAL_SECONDS, item


def test_every_conditions_preferred_exercises_appear(
    catalogue: Catalogue, plans: list[tuple[PlanRequest, Schedule]]
) -> None:
    for condition in catalogue.conditions.values():
        if not condition.prefers:
            continue
        found = [
            item
            for request, schedule in plans
            if condition.id in request.conditions
            for _, _, item in items_of(schedule)
            if preferred(item.exercise, [condition])
        ]
        assert found, condition.id


def test_a_thirty_minute_request_gives_close_to_thirty(
    plans: list[tuple[PlanRequest, Schedule]],
) -> None:
    for request, schedule in plans:
        if request.minutes == 30 and not request.conditions and request.equipment:
            assert schedule.days[0].minutes >= 25, (request, schedule.days[0].minutes)


def test_bodyweight_plans_use_the_floor_and_say_so(catalogue: Catalogue) -> None:
    routine = plan_routine(catalogue, PlanRequest(equipment=frozenset(), minutes=30))
    strength = [i for s in routine.sections if s.kind.value == "strength" for i in s.items]
    assert len(strength) >= 4 and routine.estimated_minutes >= 25
    assert any(on_the_floor(i.exercise) for i in strength)
    assert any("a carpet, a bed or a folded towel" in w for w in warning_texts(routine))


def test_no_floor_gives_standing_and_seated_work(catalogue: Catalogue) -> None:
    routine = plan_routine(catalogue, PlanRequest(equipment=HOUSEHOLD, floor=False))
    items = [i.exercise for s in routine.sections for i in s.items]
    assert items and not any(on_the_floor(e) for e in items)
    assert all(Trait.FLOOR not in e.traits for e in items)


def test_a_bike_or_a_pool_changes_the_warm_up(catalogue: Catalogue) -> None:
    for kit, wanted in ((Equipment.STATIONARY_BIKE, "stationary-bike"), (Equipment.POOL, "pool")):
        routine = plan_routine(catalogue, PlanRequest(equipment=HOUSEHOLD | {kit}))
        warm_up = routine.sections[0].items[0].exercise
        assert wanted in [e.value for e in warm_up.equipment], warm_up.id


def test_days_of_a_week_take_turns(catalogue: Catalogue) -> None:
    schedule = build(catalogue, PlanRequest(equipment=HOUSEHOLD), None, Layout(3, 1, MONDAY))
    sessions = [
        {i for s in d.sections for i in (x.exercise.id for x in s.items)}
        for d in schedule.session_days
    ]
    assert len({frozenset(s) for s in sessions}) == len(sessions)  # no two days alike
    again = build(catalogue, PlanRequest(equipment=HOUSEHOLD), None, Layout(3, 1, MONDAY))
    assert again == schedule  # the same request and date: the same plan


requests = st.builds(
    PlanRequest,
    conditions=st.lists(st.sampled_from(["arthritis", "torn-meniscus", "overuse"]), max_size=2).map(
        tuple
    ),
    level=st.sampled_from(list(Level)),
    equipment=st.sets(st.sampled_from(list(Equipment))).map(frozenset),
    minutes=st.integers(min_value=10, max_value=90),
    floor=st.booleans(),
)


@settings(max_examples=25, deadline=None)
@given(request=requests, days=st.integers(min_value=1, max_value=4), offset=st.integers(0, 400))
def test_one_dose_per_exercise_per_day_in_every_format(
    catalogue: Catalogue, request: PlanRequest, days: int, offset: int
) -> None:
    layout = Layout(days, 1, MONDAY + timedelta(days=offset))
    schedule = plan_schedule(catalogue, request, None, layout)
    expected = {(d, i): item.dose.describe() for d, i, item in items_of(schedule)}
    with_days = {(d, i): dose_line(item.dose) for d, i, item in items_of(schedule)}
    options = RenderOptions()
    data = json.loads(renderer_for(Format.JSON, options).plan(schedule))
    shown = [
        (date.fromisoformat(day["date"]), e["id"], e["dose"]["text"])
        for day in data["days"]
        for section in day["sections"]
        for e in section["exercises"]
    ]
    assert {(d, i): t for d, i, t in shown} == expected and len(shown) == len(expected)
    rows = list(csv.DictReader(io.StringIO(renderer_for(Format.CSV, options).plan(schedule))))
    in_csv = [(date.fromisoformat(r["date"]), r["id"], r["dose"]) for r in rows if r["id"]]
    assert {(d, i): t for d, i, t in in_csv} == with_days and len(in_csv) == len(expected)


@settings(max_examples=25, deadline=None)
@given(request=requests)
def test_one_off_handout_shows_the_planned_dose_everywhere(
    catalogue: Catalogue, request: PlanRequest
) -> None:
    from html import escape

    routine = plan_routine(catalogue, request)
    page = renderer_for(Format.HTML, RenderOptions()).plan(single(routine, MONDAY))
    for section in routine.sections:
        for item in section.items:
            assert f"<p class='dose'>{escape(item.dose.describe(), quote=True)};" in page


@settings(max_examples=30, deadline=None)
@given(request=requests, stage=st.integers(min_value=1, max_value=6))
def test_a_step_up_never_lowers_an_exercises_weekly_volume(
    catalogue: Catalogue, request: PlanRequest, stage: int
) -> None:
    routine = plan_routine(catalogue, request)
    adapted = apply(routine, catalogue, Decision(Step.UP, stage, (AtHighestStep(),)))
    before = {i.exercise.id: i for s in routine.sections for i in s.items}
    after = {i.exercise.id: i for s in adapted.sections for i in s.items}
    conditions = [catalogue.conditions[c] for c in request.conditions]
    for ident, item in after.items():
        assert not exclusion_reasons(
            item.exercise, conditions, request.level, request.equipment, request.floor
        )
        if ident in before:
            assert weekly_volume(item.dose) >= weekly_volume(before[ident].dose), ident
    # Whatever was swapped for a harder variant keeps its volume too.
    assert adapted.progression is not None
    swapped = [c.name for c in adapted.progression.changes if c.kind is ChangeKind.HARDER]
    for ident, item in before.items():
        if item.exercise.name in swapped and item.exercise.harder in after:
            harder = after[item.exercise.harder]
            assert weekly_volume(harder.dose) >= weekly_volume(item.dose), ident
    assert adapted.estimated_minutes <= request.minutes + 1e-6
