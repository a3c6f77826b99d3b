"""Screening: which exercises are for this person, and every reason each other one is not.

An exercise is left out when a requested condition rules it out or limits it away (by
kind of work, knee bend or level), when it is above the requested level, when it needs
equipment the person does not have, or when it is floor work and they asked for none.
The planner (:mod:`kneefit.planner`), the programs and the checks of a layered catalogue
all screen with these rules."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from kneefit.catalogue import Catalogue
from kneefit.exclusions import (
    AboveConditionLevel,
    AboveYourLevel,
    BendsTooFar,
    NeedsKit,
    OnlyKinds,
    OnTheFloor,
    RuledOut,
    WhyNot,
)
from kneefit.models import (
    Condition,
    Equipment,
    Exclusion,
    Exercise,
    KneeLoad,
    Level,
    PlanRequest,
    Trait,
)
from kneefit.pose import Poses

#: When an exercise has no poses to measure, how deep it bends the knee: a deep-flexion
#: tag means deeper than any cap kneefit's conditions set; otherwise a chair's right angle.
_DEEP_FLEXION = 130
_USUAL_FLEXION = 90


@functools.lru_cache(maxsize=512)
def _drawn_flexion(poses: Poses) -> int:
    # The geometry takes about a millisecond a drawing; a week's planning asks many times.
    from kneefit.figure import peak_knee_flexion

    return round(peak_knee_flexion(poses))


def knee_flexion(exercise: Exercise) -> int:
    """The deepest knee bend of ``exercise`` in degrees: from its poses where it has them,
    otherwise from its deep-knee-flexion tag."""
    if exercise.poses is not None:
        return _drawn_flexion(exercise.poses)
    return _DEEP_FLEXION if KneeLoad.DEEP_KNEE_FLEXION in exercise.knee_load else _USUAL_FLEXION


def effective_level(level: Level, conditions: Sequence[Condition]) -> Level:
    """The request's level, lowered to the lowest ``max_level`` of the conditions."""
    for condition in conditions:
        cap = condition.limits.max_level if condition.limits else None
        if cap is not None and cap.rank < level.rank:
            level = cap
    return level


def exclusion_reasons(
    exercise: Exercise,
    conditions: Sequence[Condition],
    level: Level | None,
    equipment: frozenset[Equipment] | None,
    floor: bool = True,
) -> list[WhyNot]:
    """Every reason ``exercise`` is not for this person, as typed records
    (:mod:`kneefit.exclusion_words` words them); empty when it is."""
    reasons: list[WhyNot] = []
    for condition in conditions:
        for rule in condition.rules_out:
            tags = rule.matched(exercise)
            if tags is not None:
                reasons.append(RuledOut(condition.name, tags, rule.reason))
        limits = condition.limits
        if limits is None:
            continue
        if limits.only_traits and not set(limits.only_traits) & set(exercise.traits):
            kinds = tuple(t.value for t in limits.only_traits)
            reasons.append(OnlyKinds(condition.name, kinds, limits.reason))
        if limits.max_knee_flexion is not None and knee_flexion(exercise) > limits.max_knee_flexion:
            reasons.append(BendsTooFar(limits.max_knee_flexion, condition.name, limits.reason))
        if limits.max_level is not None and exercise.level.rank > limits.max_level.rank:
            reasons.append(
                AboveConditionLevel(limits.max_level.value, condition.name, limits.reason)
            )
    if level is not None and exercise.level.rank > level.rank:
        reasons.append(AboveYourLevel(exercise.level.value))
    if equipment is not None:
        # A mat is a comfort, not a requirement: a carpet, a bed or a folded towel will do.
        missing = tuple(
            e.value for e in exercise.equipment if e not in equipment and e is not Equipment.MAT
        )
        if missing:
            reasons.append(NeedsKit(missing))
    if not floor and on_the_floor(exercise):
        reasons.append(OnTheFloor())
    return reasons


def on_the_floor(exercise: Exercise) -> bool:
    """Whether ``exercise`` is done lying, sitting or kneeling on the floor."""
    return Trait.FLOOR in exercise.traits or Equipment.MAT in exercise.equipment


def screen(
    exercises: Iterable[Exercise],
    conditions: Sequence[Condition],
    level: Level | None,
    equipment: frozenset[Equipment] | None,
    floor: bool = True,
) -> tuple[list[Exercise], list[Exclusion]]:
    """Split exercises into those allowed and those left out, with the reasons."""
    allowed: list[Exercise] = []
    excluded: list[Exclusion] = []
    for exercise in exercises:
        reasons = exclusion_reasons(exercise, conditions, level, equipment, floor)
        if reasons:
            excluded.append(Exclusion(id=exercise.id, name=exercise.name, reasons=tuple(reasons)))
        else:
            allowed.append(exercise)
    return allowed, excluded


#: Screenings by catalogue and request: a week's days and a plan's minutes screen alike.
_SCREENED: dict[tuple[object, ...], tuple[Catalogue, list[Exercise], list[Exclusion]]] = {}
_SCREENED_MAX = 256


def screened(
    catalogue: Catalogue, request: PlanRequest, conditions: Sequence[Condition], level: Level
) -> tuple[list[Exercise], list[Exclusion]]:
    """``screen`` of the whole catalogue for this request, worked out once."""
    key = (id(catalogue), request.conditions, level, request.equipment, request.floor)
    known = _SCREENED.get(key)
    if known is None or known[0] is not catalogue:
        if len(_SCREENED) >= _SCREENED_MAX:
            _SCREENED.clear()
        allowed, excluded = screen(
            catalogue.exercises.values(), conditions, level, request.equipment, request.floor
        )
        known = (catalogue, allowed, excluded)
        _SCREENED[key] = known
    return known[1], known[2]
