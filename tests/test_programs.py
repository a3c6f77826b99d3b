"""Plans from the condition programs: what each program holds against its source, and the
properties every plan keeps (safe, stable from day to day, doses that work, time that is
true), checked over random requests."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kneefit.catalogue import load_catalogue
from kneefit.cautions import ProgramIsShort, RoomToGrow
from kneefit.dosing import dose_minutes
from kneefit.fit_to_time import MAX_AEROBIC_MINUTES, TIME_TOLERANCE, fit
from kneefit.models import (
    STAGE_LIMIT,
    Category,
    DoseKind,
    Equipment,
    Level,
    PhaseSummary,
    PlannedExercise,
    PlanRequest,
    ProgramSummary,
    Role,
    Routine,
)
from kneefit.prescribe import (
    LONG_HOLD_SECONDS,
    MIN_STRENGTH_SETS,
    phases_for,
    pick,
    prescribe,
    protected,
    with_ceiling,
)
from kneefit.render import RenderOptions, renderer_for
from kneefit.schedule import Layout, plan_schedule, single
from kneefit.screening import exclusion_reasons
from kneefit.stepping import stepped
from kneefit.vocabulary import HOUSEHOLD, Format
from tests.conftest import Invoke, plan_requests, small_catalogue, small_routine

CATALOGUE = load_catalogue()
MONDAY = date(2026, 11, 30)
CONDITIONS = sorted(CATALOGUE.conditions)


def session(request: PlanRequest, when: date = MONDAY) -> Routine:
    layout = Layout(days_per_week=1, weeks=1, start=when, one_off=True)
    return plan_schedule(CATALOGUE, request, None, layout).routine


def items(routine: Routine) -> list[PlannedExercise]:
    return [item for section in routine.sections for item in section.items]


def ids(routine: Routine) -> list[str]:
    return [item.exercise.id for item in items(routine)]


def is_protected(request: PlanRequest) -> bool:
    conditions = [CATALOGUE.conditions[c] for c in request.conditions]
    phases = phases_for(CATALOGUE, conditions)
    assert phases is not None
    return any(protected(p) for p in phases)


# ---------------------------------------------------------------- each program, its source


#: For each program's starting phase, what its source prescribes (by exercise), read from
#: the sources the phase cites: each must be a candidate of the phase.
FROM_THE_SOURCE: dict[tuple[str, str], set[str]] = {
    # AAOS Total Knee Replacement Exercise Guide: quad sets, straight-leg raises, ankle
    # pumps, knee straightening, bed- and sitting-supported knee bends.
    ("knee-replacement", "early"): {
        "quad-set",
        "straight-leg-raise",
        "ankle-pumps",
        "knee-straightening-stretch",
        "heel-slide",
        "seated-knee-bend",
    },
    # Penn and Allina later phase: standing at a counter (heel raises, mini squats, side
    # kicks, step-ups), sit to stand.
    ("knee-replacement", "strengthening"): {
        "calf-raise",
        "mini-squat",
        "standing-hip-abduction",
        "step-up",
        "sit-to-stand",
    },
    # GLA:D / NEMEX, My Knee Exercise and PEAK: sit to stand, knee extension, hip abduction,
    # step-ups, balance. (The supported mini squat is sit to stand's easier version, there
    # for a bad day and by swap; listed after it, progression would step down to it.)
    ("osteoarthritis", "strength-and-activity"): {
        "sit-to-stand",
        "step-up",
        "seated-knee-extension",
        "walking",
    },
    # Malliaras 2015 stage 1: isometric holds.
    ("patellar-tendinopathy", "isometric"): {"isometric-knee-extension", "spanish-squat"},
    # Healthwise MCL rehabilitation: quad sets, heel slides, straight-leg raises.
    ("ligament-sprain", "early"): {"quad-set", "heel-slide", "straight-leg-raise"},
    # NELFT leaflet: the standing quadriceps stretch, hamstring and calf stretches.
    ("osgood-schlatter", "stretch-and-strengthen"): {
        "standing-quad-stretch",
        "standing-calf-stretch",
    },
}


@pytest.mark.parametrize(("program", "phase"), sorted(FROM_THE_SOURCE))
def test_a_program_holds_what_its_source_prescribes(program: str, phase: str) -> None:
    found = CATALOGUE.programs[program]
    (chosen,) = [p for p in found.phases if p.id == phase]
    candidates = {ident for slot in chosen.roles for ident in slot.candidates}
    assert FROM_THE_SOURCE[(program, phase)] <= candidates
    assert chosen.sources


def test_every_condition_has_a_program_and_one_serves_no_condition() -> None:
    for condition in CATALOGUE.conditions.values():
        assert phases_for(CATALOGUE, [condition]) is not None, condition.id
    assert phases_for(CATALOGUE, []) is not None


def test_tendon_programs_go_from_holds_to_heavy_slow_to_energy_storage() -> None:
    program = CATALOGUE.programs["patellar-tendinopathy"]
    roles = [{slot.role for slot in phase.roles} for phase in program.phases]
    assert Role.TENDON_ISOMETRIC in roles[0]
    assert Role.TENDON_HEAVY_SLOW in roles[1]
    assert Role.TENDON_ENERGY_STORAGE in roles[2]
    hold = next(s for s in program.phases[0].roles if s.role is Role.TENDON_ISOMETRIC)
    assert hold.dose is not None and hold.dose.hold_seconds == 45


# ---------------------------------------------------------------- what the issue asked of plans


def test_the_same_request_gives_the_same_exercises_every_day() -> None:
    for conditions in [(), ("arthritis",), ("knee-replacement",), ("patellar-tendinopathy",)]:
        request = PlanRequest(conditions=conditions, equipment=HOUSEHOLD)
        week = {tuple(ids(session(request, MONDAY + timedelta(days=n)))) for n in range(7)}
        assert len(week) == 1, conditions


def test_a_beginners_three_day_week_holds_at_most_twelve_exercises() -> None:
    for condition in CONDITIONS:
        request = PlanRequest(conditions=(condition,), equipment=HOUSEHOLD, minutes=30)
        layout = Layout(days_per_week=3, weeks=1, start=MONDAY)
        schedule = plan_schedule(CATALOGUE, request, None, layout)
        distinct = {i.exercise.id for d in schedule.days for s in d.sections for i in s.items}
        assert 1 <= len(distinct) <= 12, (condition, sorted(distinct))


@pytest.mark.parametrize("condition", ["arthritis", "patellofemoral-pain", "it-band-syndrome"])
@pytest.mark.parametrize(
    "kit",
    [HOUSEHOLD, frozenset(), frozenset({Equipment.RESISTANCE_BAND})],
    ids=["household", "none", "band"],
)
def test_a_45_minute_plan_holds_real_quadriceps_and_hamstring_stretches(
    condition: str, kit: frozenset[Equipment]
) -> None:
    # The AAOS stretches need nothing: a chair or a wall to hold, the hands behind the thigh.
    routine = session(PlanRequest(conditions=(condition,), equipment=kit, minutes=45))
    roles = {i.role for i in items(routine) if i.exercise.category is Category.STRETCH}
    assert {Role.QUADRICEPS_STRETCH, Role.HAMSTRING_STRETCH} <= roles
    for item in items(routine):
        if item.role in (Role.QUADRICEPS_STRETCH, Role.HAMSTRING_STRETCH):
            assert item.exercise.category is Category.STRETCH, item.exercise.id


def test_osgood_schlatter_gets_a_quadriceps_stretch_that_suits_it() -> None:
    routine = session(PlanRequest(conditions=("osgood-schlatter",), equipment=HOUSEHOLD))
    stretch = [i.exercise for i in items(routine) if i.role is Role.QUADRICEPS_STRETCH]
    assert [e.id for e in stretch] == ["standing-quad-stretch"]
    assert not exclusion_reasons(stretch[0], [CATALOGUE.conditions["osgood-schlatter"]], None, None)


@pytest.mark.parametrize("condition", ["knee-replacement", "acl-reconstruction"])
@pytest.mark.parametrize("floor", [True, False])
def test_early_post_operative_plans_wake_the_quads_straighten_and_bend(
    condition: str, floor: bool
) -> None:
    request = PlanRequest(conditions=(condition,), equipment=HOUSEHOLD, floor=floor, minutes=30)
    roles = {i.role for i in items(session(request))}
    assert {Role.QUADRICEPS_ACTIVATION, Role.KNEE_STRAIGHTENING, Role.KNEE_BENDING} <= roles


def test_the_tendinopathy_runner_gets_tendon_loading_with_the_dumbbells() -> None:
    kit = HOUSEHOLD | {Equipment.DUMBBELLS, Equipment.STATIONARY_BIKE}
    request = PlanRequest(
        conditions=("patellar-tendinopathy",), level=Level.INTERMEDIATE, equipment=kit, minutes=20
    )
    planned = items(session(request))
    assert any(Equipment.DUMBBELLS in i.exercise.equipment for i in planned)
    assert any(i.role is Role.TENDON_ISOMETRIC for i in planned)
    drills = {"ankle-pumps", "quad-set", "glute-set", "heel-slide", "seated-knee-bend"}
    assert not drills & {i.exercise.id for i in planned}
    hold = next(i for i in planned if i.role is Role.TENDON_ISOMETRIC)
    assert hold.dose.hold_seconds == 45


@pytest.mark.parametrize(
    ("kit", "extra"),
    [(Equipment.DUMBBELLS, "dumbbells"), (Equipment.RESISTANCE_BAND, "resistance-band")],
)
def test_an_intermediate_persons_kit_is_used(kit: Equipment, extra: str) -> None:
    request = PlanRequest(
        conditions=("arthritis",), level=Level.INTERMEDIATE, equipment=HOUSEHOLD | {kit}
    )
    assert any(kit in i.exercise.equipment for i in items(session(request))), extra


@pytest.mark.parametrize(
    ("condition", "ceiling"), [("osgood-schlatter", 2), ("pes-anserine-bursitis", 3)]
)
def test_a_programs_pain_ceiling_is_the_plans(condition: str, ceiling: int) -> None:
    routine = session(PlanRequest(conditions=(condition,), equipment=HOUSEHOLD))
    assert routine.program is not None and routine.program.pain_ceiling == ceiling
    assert routine.safety.pain_rule.acceptable_max == ceiling
    text = renderer_for(Format.TEXT, RenderOptions()).plan(single(routine, MONDAY))
    assert f"Above {ceiling}: " in text
    assert f"Keep pain during exercise at {ceiling} out of 10 or less" in text
    assert "3 to 5: " not in text


def test_tai_chi_is_open_to_osteoarthritis() -> None:
    assert not exclusion_reasons(
        CATALOGUE.exercises["tai-chi"], [CATALOGUE.conditions["arthritis"]], None, None
    )


# ---------------------------------------------------------------- properties of every plan

requests = plan_requests(CONDITIONS, 180)


@settings(max_examples=120, deadline=None)
@given(request=requests, days=st.integers(1, 6))
def test_every_plan_is_safe_stable_dosed_and_timed_truly(request: PlanRequest, days: int) -> None:
    routine = session(request)
    again = session(request, MONDAY + timedelta(days=days))
    assert ids(routine) == ids(again)  # stable from day to day
    conditions = [CATALOGUE.conditions[c] for c in request.conditions]
    planned = items(routine)
    early = is_protected(request)
    for item in planned:
        exercise, dose = item.exercise, item.dose
        assert not exclusion_reasons(
            exercise, conditions, request.level, request.equipment, request.floor
        ), exercise.id
        assert item.minutes == round(dose_minutes(dose), 1)  # every set, rest and side
        if (
            not early
            and exercise.category is Category.STRENGTH
            and dose.kind is DoseKind.REPS
            and (dose.hold_seconds or 0) < LONG_HOLD_SECONDS
        ):
            assert dose.sets >= MIN_STRENGTH_SETS, exercise.id
        own = exercise.dose
        long_holds = (dose.hold_seconds or 0) >= LONG_HOLD_SECONDS
        if long_holds and own.kind is DoseKind.REPS and (own.hold_seconds or 0) >= 30:
            # A series of long holds is never multiplied by a role's sets and reps.
            holds = dose.sets * (dose.reps or 1)
            assert holds <= own.sets * (own.reps or 1), (exercise.id, dose.describe())
    total = sum(i.minutes for i in planned)
    assert abs(routine.estimated_minutes - total) < 0.05
    work = [i for i in planned if i.exercise.category is not Category.CARDIO]
    # Within 10% of the minutes asked for, unless the one core exercise alone is longer.
    assert total <= request.minutes * (1 + TIME_TOLERANCE) + 0.05 or len(work) == 1
    if total < request.minutes * (1 - TIME_TOLERANCE) - 0.05:
        # Short only when the plan says why, and never while aerobic work could fill it.
        said = {type(w) for w in routine.warnings}
        assert said & {ProgramIsShort, RoomToGrow}, (total, request.minutes)
        assert (
            not any(
                i.dose.kind is DoseKind.MINUTES
                and i.role in (Role.WARM_UP, Role.AEROBIC)
                and (i.dose.minutes or 0) < MAX_AEROBIC_MINUTES
                for i in planned
            )
            or early
        ), [(i.exercise.id, i.dose.minutes) for i in planned]
    assert routine.program is not None
    assert routine.safety.pain_rule.acceptable_max <= routine.program.pain_ceiling


def test_a_hold_series_keeps_its_own_dose_under_a_role_of_sets_and_reps() -> None:
    """After ACL reconstruction the open-chain role doses 2 to 3 sets of 8 to 12 reps and
    names no hold; its first candidate, the isometric knee extension, is five 45-second
    holds. It stays five holds (not 2 x 8 of them, 24 minutes), and steps up do not add
    holds to it: they move on to the next exercise of the role."""
    request = PlanRequest(
        conditions=("acl-reconstruction-cleared",),
        level=Level.BEGINNER,
        equipment=HOUSEHOLD | {Equipment.RESISTANCE_BAND},
        minutes=30,
    )
    (held,) = [i for i in items(session(request)) if i.exercise.id == "isometric-knee-extension"]
    assert (held.dose.sets, held.dose.reps, held.dose.hold_seconds) == (1, 5, 45)
    assert held.minutes < 10

    # With time to spare, the session grows other things: no second set of the holds (an
    # hour without floor work once gave 2 sets of 5 holds of 45 s, found by hypothesis).
    roomy = request.model_copy(update={"minutes": 61, "floor": False})
    (held,) = [i for i in items(session(roomy)) if i.exercise.id == "isometric-knee-extension"]
    assert (held.dose.sets, held.dose.reps, held.dose.hold_seconds) == (1, 5, 45)


def test_pick_starts_a_beginner_at_the_first_and_prefers_own_kit_above_that() -> None:
    chain = [
        CATALOGUE.exercises[i]
        for i in ("sit-to-stand", "box-step-up", "dumbbell-romanian-deadlift")
    ]
    assert pick(chain, Level.BEGINNER, frozenset({Equipment.DUMBBELLS})) == 0
    assert pick(chain, Level.INTERMEDIATE, frozenset()) == 1
    assert pick(chain, Level.INTERMEDIATE, frozenset({Equipment.DUMBBELLS})) == 2
    assert pick(chain[1:], Level.BEGINNER, frozenset()) is None


def test_a_ceiling_above_the_general_rule_changes_nothing() -> None:
    safety = CATALOGUE.safety
    assert with_ceiling(safety, 7) is safety
    tight = with_ceiling(safety, 2).pain_rule
    assert (tight.safe_max, tight.acceptable_max) == (2, 2)


def test_the_program_section_and_pain_rule_read_exactly() -> None:
    catalogue = small_catalogue()
    routine = small_routine(catalogue)
    program = ProgramSummary(
        phases=(
            PhaseSummary(
                program="Osteoarthritis program",
                phase="Strength",
                goal="Stronger legs.",
                move_on=("Pain settles by the next morning.",),
            ),
        ),
        pain_ceiling=3,
    )
    routine = replace(routine, program=program, safety=with_ceiling(routine.safety, 3))
    text = renderer_for(Format.TEXT, RenderOptions()).plan(single(routine, MONDAY))
    block = text.split("Your program:\n", 1)[1].split("\n\n", 1)[0]
    assert block.splitlines() == [
        "  - Osteoarthritis program: Strength. Stronger legs.",
        "  - Keep pain during exercise at 3 out of 10 or less, settled by the next",
        "    morning.",
        "  - Move on from strength when: Pain settles by the next morning.",
    ]
    rule = text.split("Pain rule (0 = no pain, 10 = worst imaginable):\n", 1)[1]
    bands = [line.split(":")[0].strip("- ").strip() for line in rule.splitlines()[:4]]
    assert bands == ["0 to 2", "3", "Above 3", "Next morning"]


# ---------------------------------------------------------------- later phases and reach


def test_a_later_phase_is_planned_by_name_and_an_unknown_one_is_a_usage_error(
    cli: Invoke,
) -> None:
    later = cli("plan", "-c", "jumper's knee", "--phase", "heavy-slow", "-f", "json")
    assert later.code == 0, later.stderr
    data = json.loads(later.stdout)
    assert [p["phase"] for p in data["program"]["phases"]] == ["Heavy slow strength"]
    wrong = cli("plan", "-c", "arthritis", "--phase", "nope")
    assert wrong.code == 2 and wrong.stdout == ""
    assert "no phase 'nope'" in wrong.stderr and "strength-and-activity" in wrong.stderr


#: The exercises the clinical review asked the catalogue for: each must be planned for
#: someone, at the start of a phase or along its progression.
ASKED_FOR = (
    "short-arc-quad",
    "terminal-knee-extension",
    "seated-knee-extension-weighted",
    "side-lying-hip-adduction",
    "prone-hang",
    "seated-heel-prop",
    "sitting-unsupported-knee-bend",
    "stair-practice",
    "walking-with-aids",
    "band-leg-press",
    "forward-lunge",
    "lateral-lunge",
    "lateral-step-up",
    "lateral-step-down",
    "decline-squat",
    "spanish-squat",
    "leg-press-hsr",
    "knee-extension-machine-hsr",
    "hop-and-landing",
)


def test_every_exercise_the_review_asked_for_is_reached_by_a_plan() -> None:
    reached: set[str] = set()
    kits = (HOUSEHOLD, frozenset(Equipment))
    for condition in [None, *CONDITIONS]:
        conditions = [] if condition is None else [CATALOGUE.conditions[condition]]
        start = phases_for(CATALOGUE, conditions)
        assert start is not None
        for choice in start:
            for phase in choice.program.phases:
                phases = phases_for(CATALOGUE, conditions, phase.id)
                assert phases is not None
                for level, kit, floor in itertools.product(Level, kits, (True, False)):
                    request = PlanRequest(
                        conditions=(condition,) if condition else (),
                        level=level,
                        equipment=kit,
                        floor=floor,
                        minutes=120,
                    )
                    prescription, _ = prescribe(CATALOGUE, request, phases)
                    items = fit(prescription.items, request.minutes).items
                    reached |= {p.exercise.id for p in items}
                    _, changes = stepped(items, STAGE_LIMIT, request.minutes, CATALOGUE.exercises)
                    reached |= {c.after.exercise.id for c in changes}
    assert set(ASKED_FOR) <= reached, sorted(set(ASKED_FOR) - reached)


def _layer(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "layer.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_clinicians_condition_without_a_program_is_planned_slot_by_slot(
    cli: Invoke, tmp_path: Path
) -> None:
    layer = _layer(
        tmp_path,
        "conditions:\n"
        "  - id: sore-knee\n"
        "    name: A sore knee\n"
        "    see_clinician_first: true\n"
        "    rules_out:\n"
        "      - tags: [kneeling]\n"
        "        reason: It hurts to kneel.\n"
        "    sources: [aaos-knee-conditioning]\n",
    )
    planned = cli("plan", "-c", "sore-knee", "--catalogue", str(layer), "-f", "json")
    assert planned.code == 0, planned.stderr
    data = json.loads(planned.stdout)
    assert data["program"] is None and any(s["exercises"] for s in data["sections"])
    refused = cli("plan", "-c", "sore-knee", "--catalogue", str(layer), "--phase", "early")
    assert refused.code == 2 and "--phase needs conditions with a program" in refused.stderr


def test_a_program_naming_what_its_phase_rules_out_is_a_located_error(
    cli: Invoke, tmp_path: Path
) -> None:
    layer = _layer(
        tmp_path,
        "programs:\n"
        "  - id: my-program\n"
        "    name: Mine\n"
        "    conditions: [bursitis]\n"
        "    sources: [aaos-knee-conditioning]\n"
        "    phases:\n"
        "      - id: first\n"
        "        name: First\n"
        "        goal: Move.\n"
        "        conditions: [bursitis]\n"
        "        days_per_week: 3\n"
        "        pain_ceiling: 3\n"
        "        sources: [aaos-knee-conditioning]\n"
        "        roles:\n"
        "          - role: hip-extensors\n"
        "            candidates: [bird-dog, no-such-move]\n",
    )
    checked = cli("validate", str(layer))
    assert checked.code == 1 and checked.stdout == ""
    assert "programs[id=my-program].phases[id=first].roles[hip-extensors]" in checked.stderr
    assert "'bird-dog' is a candidate of a phase whose conditions leave it out" in checked.stderr
    assert "no exercise with id 'no-such-move'" in checked.stderr


@pytest.mark.parametrize(
    ("candidates", "found"),
    [
        # Sit to stand names the supported mini squat as its easier version.
        ("[sit-to-stand, mini-squat]", "'mini-squat' comes after 'sit-to-stand', but it is the"),
        # The forward lunge is intermediate; the clamshell a beginner's.
        ("[forward-lunge, clamshell]", "'clamshell' (beginner) comes after 'forward-lunge'"),
    ],
)
def test_a_role_that_steps_to_an_easier_exercise_is_a_located_error(
    cli: Invoke, tmp_path: Path, candidates: str, found: str
) -> None:
    """Progression steps along a role's candidates, so they must go easiest first: the
    osteoarthritis programme once stepped from sit to stand "up" to the mini squat."""
    layer = _layer(
        tmp_path,
        "programs:\n"
        "  - id: my-program\n"
        "    name: Mine\n"
        "    conditions: [arthritis]\n"
        "    sources: [aaos-knee-conditioning]\n"
        "    phases:\n"
        "      - id: first\n"
        "        name: First\n"
        "        goal: Move.\n"
        "        conditions: [arthritis]\n"
        "        days_per_week: 3\n"
        "        pain_ceiling: 5\n"
        "        sources: [aaos-knee-conditioning]\n"
        "        roles:\n"
        "          - role: quadriceps-closed-chain\n"
        f"            candidates: {candidates}\n",
    )
    checked = cli("validate", str(layer))
    assert checked.code == 1 and checked.stdout == ""
    where = "programs[id=my-program].phases[id=first].roles[quadriceps-closed-chain].candidates"
    assert where in checked.stderr and found in checked.stderr
    fixed = _layer(tmp_path, layer.read_text().replace(candidates, "[mini-squat, sit-to-stand]"))
    assert cli("validate", str(fixed)).code == 0


def test_no_bundled_role_steps_back() -> None:
    """Every bundled program's progressing roles go easiest first (the load-time check,
    asserted directly so a weakened check cannot hide a bundled list)."""
    from kneefit.catalogue.program_checks import order_problems

    for program in CATALOGUE.programs.values():
        for phase in program.phases:
            for slot in phase.roles:
                assert order_problems(slot.candidates, CATALOGUE.exercises) == [], (
                    program.id,
                    phase.id,
                    slot.role,
                )


def test_time_to_spare_goes_to_a_longer_walk_or_ride() -> None:
    """A programme at its full dose may take less than an hour: outside the protected
    early phases, the warm-up's walk or ride grows to fill the time asked for (which a
    step up takes back as the exercises grow), rather than the plan stopping short."""
    request = PlanRequest(conditions=("patellofemoral-pain",), equipment=HOUSEHOLD, minutes=60)
    routine = session(request)
    (warm_up,) = [i for i in items(routine) if i.role is Role.WARM_UP]
    assert warm_up.dose.minutes is not None and warm_up.dose.minutes > 10
    assert 54 <= routine.estimated_minutes <= 66
    assert not [w for w in routine.warnings if isinstance(w, (ProgramIsShort, RoomToGrow))]


def test_an_early_phase_stays_short_and_says_it_is_repeated_through_the_day() -> None:
    """Early after knee replacement the session is the short one the protocols give,
    repeated through the day: an hour asked for does not make it longer."""
    request = PlanRequest(conditions=("knee-replacement",), equipment=HOUSEHOLD, minutes=60)
    routine = session(request)
    assert routine.estimated_minutes < 20
    (short,) = [w for w in routine.warnings if isinstance(w, ProgramIsShort)]
    assert short.early


def test_a_session_a_hair_short_of_its_minutes_is_fitted_and_ends() -> None:
    """A 22-minute session's total once sat a rounding error below 90% of its minutes: the
    walk grew by "the minutes it is short of", nought, for ever. It ends, within 10%."""
    request = PlanRequest(
        conditions=("arthritis",), level=Level.INTERMEDIATE, equipment=frozenset(), minutes=22
    )
    routine = session(request)
    assert 22 * (1 - TIME_TOLERANCE) - 0.05 <= routine.estimated_minutes <= 22 * 1.1 + 0.05
