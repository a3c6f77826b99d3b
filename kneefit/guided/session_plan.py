"""What a guided session is made of before it starts: its exercises and their blocks (each
set, each side of it), the pain rule, the easier variant to offer for each exercise, the
safety notes and the warning signs a person can note during it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from kneefit.catalogue import Catalogue
from kneefit.dosing import dose_minutes
from kneefit.models import DoseKind, PainRule, PlannedExercise, RedFlag, Routine, Urgency
from kneefit.screening import exclusion_reasons


class Side(str, Enum):
    """Which side of an exercise done each side a block is: the first (the named knee's,
    when one knee is named) or the other."""

    FIRST = "first side"
    OTHER = "other side"


SIDES = (Side.FIRST, Side.OTHER)


@dataclass(frozen=True)
class Block:
    """One set, or one side of a set, of an exercise."""

    set: int
    sets: int
    side: Side | None
    #: Seconds of a timed block; None for reps, which end when the person says so.
    seconds: int | None


def blocks(item: PlannedExercise) -> tuple[Block, ...]:
    """The blocks of ``item``'s dose, in order: each set, each side of it."""
    dose = item.dose
    sides: tuple[Side | None, ...] = SIDES if dose.per_side else (None,)
    seconds: int | None
    if dose.kind is DoseKind.MINUTES:
        seconds = (dose.minutes or 1) * 60
    elif dose.kind is DoseKind.HOLD:
        seconds = dose.hold_seconds
    else:
        seconds = None
    return tuple(
        Block(number, dose.sets, side, seconds)
        for number in range(1, dose.sets + 1)
        for side in sides
    )


@dataclass(frozen=True)
class SessionPlan:
    """What does not change during a session: the exercises, the pain rule, the variants."""

    items: tuple[PlannedExercise, ...]
    pain_rule: PainRule
    #: By exercise id: the easier variant to offer when that exercise hurts too much.
    easier: Mapping[str, PlannedExercise] = field(default_factory=dict)
    #: Safety notes and warnings shown before the session starts.
    notes: tuple[str, ...] = ()
    #: The warning signs a person can note during the session (key r), at most nine.
    red_flags: tuple[RedFlag, ...] = ()
    #: Which knee the session is for ("left", "right", "both"; None: not said): an
    #: exercise done each side starts on the named knee's side.
    knee: str | None = None


def build(
    items: Sequence[PlannedExercise],
    pain_rule: PainRule,
    easier: Mapping[str, PlannedExercise] | None = None,
    notes: Sequence[str] = (),
    red_flags: Sequence[RedFlag] = (),
    knee: str | None = None,
) -> SessionPlan:
    """A session plan from the planner's items (in order)."""
    return SessionPlan(
        tuple(items), pain_rule, dict(easier or {}), tuple(notes), tuple(red_flags)[:9], knee
    )


def session_red_flags(flags: Sequence[RedFlag]) -> tuple[RedFlag, ...]:
    """The warning signs a session offers to note: those that call for help now or today
    (emergency, then urgent), which can start during exercise; at most nine, one key each."""
    wanted = (Urgency.EMERGENCY, Urgency.URGENT)
    return tuple(f for urgency in wanted for f in flags if f.urgency is urgency)[:9]


def easier_variants(catalogue: Catalogue, routine: Routine) -> dict[str, PlannedExercise]:
    """By exercise id: the easier variant to offer for each exercise of ``routine``.

    Only a variant this person may do (conditions, level, equipment) and that is not in
    the routine already, with no more sets than the exercise it replaces.
    """
    items = [item for section in routine.sections for item in section.items]
    in_plan = {item.exercise.id for item in items}
    request = routine.request
    conditions = list(routine.conditions)
    easier: dict[str, PlannedExercise] = {}
    for item in items:
        variant = catalogue.exercises.get(item.exercise.easier or "")
        if (
            variant is None
            or variant.id in in_plan
            or exclusion_reasons(
                variant, conditions, request.level, request.equipment, request.floor
            )
        ):
            continue
        dose = variant.dose.model_copy(update={"sets": min(item.dose.sets, variant.dose.sets)})
        easier[item.exercise.id] = PlannedExercise(
            exercise=variant, dose=dose, minutes=dose_minutes(dose)
        )
    return easier
