"""A person's program from the condition templates: stable, sourced, at a working dose.

Each of the person's conditions starts them in a phase of its program (see
:mod:`kneefit.templates`); a person who names no condition gets the program that serves
none. The phases' roles are put together (the union of roles; a role two phases share
keeps the first one's dose and candidates, then the other's candidates), the strictest
rules apply (every candidate is screened against every condition, the level, the kit and
the floor) and the lowest pain ceiling holds.

For each role the exercise is the first allowed candidate at the person's level (the
candidates run easiest first), else the hardest allowed below it; among candidates of
that level, one that uses kit the person listed comes first. Nothing here depends on the
day: the same request gives the same program every day of a phase.

Doses are the phase's working dose: the fewest sets and reps of its ranges, its hold,
rest and days a week. :mod:`kneefit.fit_to_time` fits the prescription to a session's
minutes and assembles the routine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from kneefit.catalogue import Catalogue
from kneefit.catalogue.lookup import normalise
from kneefit.dosing import holding_dose
from kneefit.errors import UsageError
from kneefit.exclusions import NeedsKit
from kneefit.i18n import _
from kneefit.models import (
    Category,
    Condition,
    Dose,
    DoseKind,
    Equipment,
    Exclusions,
    Exercise,
    Level,
    PlanRequest,
    Role,
    Safety,
)
from kneefit.planner import Selection, front_warnings
from kneefit.screening import effective_level, screen, screened
from kneefit.templates import DoseTarget, Phase, ProgramTemplate, RoleSlot

#: What most homes have: using it earns no preference (a bike or a pool does).
_EVERYDAY = frozenset({Equipment.CHAIR, Equipment.STEP, Equipment.TOWEL, Equipment.MAT})


class PhaseChoice(NamedTuple):
    """The phase of a program a person is in, and the condition that put them there."""

    program: ProgramTemplate
    phase: Phase
    condition: Condition | None


class RolePlan(NamedTuple):
    """One role of a person's program: the phases' slot put together."""

    role: Role
    slot: RoleSlot
    candidates: tuple[str, ...]
    priority: int
    order: int
    #: The conditions whose programs give this role: their own volume limits are already
    #: in the program's dose.
    served: frozenset[str] = frozenset()
    #: Whether a phase giving it is a protected early phase (a single set may do there).
    early: bool = False


class Prescribed(NamedTuple):
    """The exercise chosen for a role, and the candidates it may progress along."""

    role: Role
    exercise: Exercise
    dose: Dose
    priority: int
    order: int
    target: DoseTarget | None
    chain: tuple[str, ...]
    #: From a protected early phase: short sessions done several times a day, every role of
    #: which matters, so no room is kept for it (see
    #: :data:`kneefit.fit_to_time.GROWTH_RESERVE`).
    early: bool = False


class Prescription(NamedTuple):
    """A person's program before it is fitted to time."""

    phases: tuple[PhaseChoice, ...]
    items: tuple[Prescribed, ...]
    #: Roles no allowed candidate could fill, each with a candidate that only lacks kit
    #: the person did not list (its name and what it needs), if there is one.
    unfilled: tuple[tuple[Role, tuple[str, NeedsKit] | None], ...]
    pain_ceiling: int


def program_for(catalogue: Catalogue, condition: Condition | None) -> PhaseChoice | None:
    """The program and phase ``condition`` starts a person in (None: the program for no
    condition), or None when the catalogue has no program for it."""
    for program in catalogue.programs.values():
        if condition is None:
            if not program.conditions:
                return PhaseChoice(program, program.phases[0], None)
            continue
        if condition.id in program.conditions:
            phase = next(
                (p for p in program.phases if condition.id in p.conditions), program.phases[0]
            )
            return PhaseChoice(program, phase, condition)
    return None


def phases_for(
    catalogue: Catalogue, conditions: Sequence[Condition], phase: str | None = None
) -> tuple[PhaseChoice, ...] | None:
    """The phase each condition starts a person in, one a program and phase (None when a
    condition has no program: the caller plans without templates). ``phase`` names a later
    phase of one of those programs that the person has reached by its criteria; a name no
    program of theirs has is a :class:`~kneefit.errors.UsageError`."""
    chosen: list[PhaseChoice] = []
    for condition in conditions or (None,):
        found = program_for(catalogue, condition)
        if found is None:
            return None
        if not any(
            c.program.id == found.program.id and c.phase.id == found.phase.id for c in chosen
        ):
            chosen.append(found)
    if phase is None:
        return tuple(chosen)
    # A phase a log recorded names its program too: 'patellar-tendinopathy/heavy-slow'.
    program_id, _slash, name = phase.rpartition("/")
    wanted = normalise(name)
    for index, choice in enumerate(chosen):
        if program_id and choice.program.id != program_id:
            continue
        for later in choice.program.phases:
            if wanted in (later.id, normalise(later.name)):
                chosen[index] = choice._replace(phase=later)
                return tuple(chosen)
    names = sorted({p.id for c in chosen for p in c.program.phases})
    if program_id:
        raise UsageError(
            _("no phase {phase!r} in the program for these conditions").format(phase=phase)
        )
    raise UsageError(
        _("no phase {phase!r} in the program for these conditions; its phases: {phases}").format(
            phase=phase, phases=", ".join(names)
        )
    )


def protected(choice: PhaseChoice) -> bool:
    """Whether ``choice`` is a protected early phase: the condition that starts it allows
    only some kinds of work (gentle tightening and range of motion after surgery, say)."""
    limits = choice.condition.limits if choice.condition is not None else None
    return limits is not None and bool(limits.only_traits)


def role_plans(phases: Sequence[PhaseChoice]) -> list[RolePlan]:
    """The union of the phases' roles, in the order the phases give them."""
    plans: dict[Role, RolePlan] = {}
    for choice in phases:
        served = frozenset(choice.program.conditions)
        early = protected(choice)
        for slot in choice.phase.roles:
            known = plans.get(slot.role)
            if known is None:
                plans[slot.role] = RolePlan(
                    role=slot.role,
                    slot=slot,
                    candidates=slot.candidates,
                    priority=slot.priority,
                    order=len(plans),
                    served=served,
                    early=early,
                )
                continue
            more = tuple(c for c in slot.candidates if c not in known.candidates)
            plans[slot.role] = known._replace(
                candidates=known.candidates + more,
                priority=min(known.priority, slot.priority),
                served=known.served | served,
                early=known.early or early,
            )
    return list(plans.values())


def pick(candidates: Sequence[Exercise], level: Level, kit: frozenset[Equipment]) -> int | None:
    """The index in ``candidates`` (allowed ones, easiest first) to start a person at: the
    first of the highest level up to theirs, one using their own kit first (past the
    beginner level, and for cardio)."""
    fitting = [i for i, e in enumerate(candidates) if e.level.rank <= level.rank]
    if not fitting:
        return None
    top = max(candidates[i].level.rank for i in fitting)
    at_top = [i for i in fitting if candidates[i].level.rank == top]
    # A beginner starts where the template starts; kit changes the choice from the next
    # level up, and for cardio (a bike, a pool) at any level.
    own = [
        i
        for i in at_top
        if (top > Level.BEGINNER.rank or candidates[i].category is Category.CARDIO)
        and any(e in kit and e not in _EVERYDAY for e in candidates[i].equipment)
    ]
    return (own or at_top)[0]


#: Strength work outside the protected early phases: at least this many sets (ACSM: 2 to
#: 4 sets for strength; a single set is for the first days after surgery).
MIN_STRENGTH_SETS = 2
#: A hold this long or longer is a hold series (a tendon's 45-second holds), not a set of
#: reps: the set floor does not apply to it.
LONG_HOLD_SECONDS = 30


def working_dose(
    exercise: Exercise, target: DoseTarget | None, volume: float = 1.0, *, early: bool = False
) -> Dose:
    """The exercise's dose at the bottom of the target's ranges (its own where the target
    says nothing), lightened by a condition's volume limit in reps, holds and minutes but
    never below the fewest sets; strength work has at least two sets outside a protected
    early phase."""
    dose = _target_dose(exercise, target)
    if volume < 1.0:
        dose = _lightened(dose, volume)
    if (
        not early
        and exercise.category is Category.STRENGTH
        and dose.kind is DoseKind.REPS
        and (dose.hold_seconds or 0) < LONG_HOLD_SECONDS
        and dose.sets < MIN_STRENGTH_SETS
    ):
        dose = dose.model_copy(
            update={"sets": MIN_STRENGTH_SETS, "rest_seconds": max(dose.rest_seconds, 30)}
        )
    return holding_dose(exercise, dose)


def target_for(exercise: Exercise, target: DoseTarget | None) -> DoseTarget | None:
    """The role's ``target`` as it applies to ``exercise``. A hold series (five holds of 45
    s) under a target of sets and reps that names no hold keeps its own sourced sets, reps
    and rest, and grows no reps: the target's would make it two sets of 8 to 12 holds of
    45 s. Its days a week and intensity still hold."""
    dose = exercise.dose
    if (
        target is not None
        and dose.kind is DoseKind.REPS
        and (dose.hold_seconds or 0) >= LONG_HOLD_SECONDS
        and target.hold_seconds is None
        and (target.sets is not None or target.reps is not None)
    ):
        return target.model_copy(
            update={"sets": None, "reps": None, "rest_seconds": None, "progress": "reps"}
        )
    return target


def _target_dose(exercise: Exercise, target: DoseTarget | None) -> Dose:
    """The exercise's dose with what the target says put in, at the bottom of its ranges."""
    dose = exercise.dose
    target = target_for(exercise, target)
    if target is None:
        return dose
    update: dict[str, int | None] = {}
    if target.sets is not None and dose.kind is not DoseKind.MINUTES:
        update["sets"] = target.sets[0]
    if dose.kind is DoseKind.REPS and target.reps is not None:
        # Heavy slow resistance starts at a weight lifted the most times, and gets heavier.
        update["reps"] = target.reps[1] if target.progress == "load" else target.reps[0]
    # A hold's time, or each rep's hold where the exercise holds its reps.
    if target.hold_seconds is not None and (
        dose.kind is DoseKind.HOLD or (dose.kind is DoseKind.REPS and dose.hold_seconds)
    ):
        update["hold_seconds"] = target.hold_seconds
    if target.minutes is not None and dose.kind is DoseKind.MINUTES:
        update["minutes"] = target.minutes
    if target.rest_seconds is not None:
        update["rest_seconds"] = target.rest_seconds
    if target.days_per_week is not None:
        update["days_per_week"] = target.days_per_week
    return dose.model_copy(update={**update, "intensity": target.intensity})


def _lightened(dose: Dose, volume: float) -> Dose:
    """Fewer reps, shorter holds (to the nearest 5 s) or fewer minutes, at ``volume`` of
    them; sets kept."""
    if dose.reps is not None:
        return dose.model_copy(update={"reps": max(5, round(dose.reps * volume))})
    if dose.hold_seconds is not None:
        held = max(5, 5 * round(dose.hold_seconds * volume / 5))
        return dose.model_copy(update={"hold_seconds": held})
    if dose.minutes is not None:
        return dose.model_copy(update={"minutes": max(5, round(dose.minutes * volume))})
    return dose


def prescribe(
    catalogue: Catalogue, request: PlanRequest, phases: Sequence[PhaseChoice]
) -> tuple[Prescription, Selection]:
    """Choose each role's exercise for ``request`` from ``phases``; also the selection
    (conditions, exclusions, warnings) the routine is assembled from."""
    conditions = [catalogue.conditions[c] for c in dict.fromkeys(request.conditions)]
    level = effective_level(request.level, conditions)
    volume = min((c.limits.volume for c in conditions if c.limits), default=1.0)
    plans = role_plans(phases)

    def volume_for(plan: RolePlan) -> float:
        # A condition's own program already doses for it; another condition's limit on
        # volume still lightens this role (the stricter rule).
        return min(
            (c.limits.volume for c in conditions if c.limits and c.id not in plan.served),
            default=1.0,
        )

    # The whole catalogue is screened (once per request; the planner keeps it) when what
    # was left out is read, so that --explain can say why any exercise is not in the plan.
    # Choosing needs only the roles' candidates, each screened against every rule.
    excluded = Exclusions(lambda: screened(catalogue, request, conditions, level)[1])
    # Progression may take a person one level past where they started, as their log
    # earns it (never past what a condition allows): the chains hold those steps too.
    ranks = sorted(Level, key=lambda lv: lv.rank)
    above = effective_level(ranks[min(level.rank + 1, len(ranks) - 1)], conditions)
    named = dict.fromkeys(c for p in plans for c in p.candidates)
    wanted = [catalogue.exercises[c] for c in named if c in catalogue.exercises]
    kit, floor = request.equipment, request.floor
    reachable = {e.id for e in screen(wanted, conditions, above, kit, floor)[0]}
    items: list[Prescribed] = []
    unfilled: list[tuple[Role, tuple[str, NeedsKit] | None]] = []
    why = {e.id: e for e in screen(wanted, conditions, level, kit, floor)[1]}
    for plan in plans:
        chain = tuple(c for c in plan.candidates if c in reachable)
        exercises = [catalogue.exercises[c] for c in chain]
        index = pick(exercises, level, request.equipment)
        if index is None:
            # A candidate that only lacks kit: the plan can say what would fill the role.
            kit_only = next(
                (
                    (why[c].name, only)
                    for c in plan.candidates
                    if c in why
                    for only in why[c].reasons
                    if len(why[c].reasons) == 1 and isinstance(only, NeedsKit)
                ),
                None,
            )
            unfilled.append((plan.role, kit_only))
            continue
        exercise = exercises[index]
        same = next((i for i, p in enumerate(items) if p.exercise.id == exercise.id), None)
        if same is not None:
            # Aerobic work in the exercise the warm-up already holds: the warm-up becomes
            # the aerobic spell (it grows with the time there is).
            if plan.role is Role.AEROBIC:
                items[same] = items[same]._replace(role=Role.AEROBIC)
            continue
        items.append(
            Prescribed(
                role=plan.role,
                exercise=exercise,
                dose=working_dose(exercise, plan.slot.dose, volume_for(plan), early=plan.early),
                priority=plan.priority,
                order=plan.order,
                target=target_for(exercise, plan.slot.dose),
                chain=chain,
                early=plan.early,
            )
        )
    ceiling = pain_ceiling(catalogue, phases)
    warnings = front_warnings(conditions, level, request)
    selection = Selection(
        request=request,
        conditions=tuple(conditions),
        candidates=(),
        excluded=excluded,
        warnings=tuple(warnings),
        volume=volume,
    )
    return (
        Prescription(
            phases=tuple(phases),
            items=tuple(items),
            unfilled=tuple(unfilled),
            pain_ceiling=ceiling,
        ),
        selection,
    )


def pain_ceiling(catalogue: Catalogue, phases: Sequence[PhaseChoice]) -> int:
    """The most pain during exercise the person's phases accept: the lowest of their
    ceilings, never above the catalogue's acceptable level."""
    ceilings = [p.phase.pain_ceiling for p in phases]
    return min([*ceilings, catalogue.safety.pain_rule.acceptable_max])


def with_ceiling(safety: Safety, ceiling: int) -> Safety:
    """The safety guidance with its pain rule held to ``ceiling`` (a program's own, lower
    than the general rule's: 2 out of 10 for Osgood-Schlatter disease)."""
    rule = safety.pain_rule
    if ceiling >= rule.acceptable_max:
        return safety
    tighter = rule.model_copy(
        update={"safe_max": min(rule.safe_max, ceiling), "acceptable_max": ceiling}
    )
    return safety.model_copy(update={"pain_rule": tighter})
