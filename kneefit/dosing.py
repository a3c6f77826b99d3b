"""Doses: how long they take, the least that still works, stepping them, fitting a session.

Every change to a dose goes through this module: the planner's time budget, progression's
steps up and down, and a week's gentle weekly steps. A session is fitted to its time budget
once, here, by :func:`fit`: exercises are placed in priority order at their minimum
effective dose, then grown towards their full dose while time allows. When time is short a
session holds fewer exercises, never thinner doses.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kneefit.models import Category, Dose, DoseKind, Exercise, PlannedExercise
from kneefit.models.routine import MAX_WARM_UP_MINUTES

#: Seconds one repetition takes, lowering and lifting under control.
SECONDS_PER_REP = 4
#: Seconds to get into position for an exercise, and to switch sides.
SETUP_SECONDS = 20

#: A stretch holds at least this long in total per side (ACSM: about 60 s per stretch).
STRETCH_TOTAL_SECONDS = 60
#: The fewest reps of a strength set (the references' range is 8 to 15, 1 to 3 sets).
MIN_STRENGTH_REPS = 8
#: The shortest warm-up, in minutes (the references: 5 to 10).
MIN_WARM_UP_MINUTES = 5

#: Rep and hold ranges a step stays within (from the references; a catalogue dose outside
#: them widens them to include it).
REPS_RANGE = (8, 15)
STRENGTH_HOLD_RANGE = (5, 60)
STRETCH_HOLD_RANGE = (15, 60)
ROLL_RANGE = (30, 120)
REPS_STEP = 2
HOLD_STEP = 5


def dose_minutes(dose: Dose) -> float:
    """How long a dose takes, including setup, switching sides and rest between sets."""
    sides = 2 if dose.per_side else 1
    if dose.kind is DoseKind.MINUTES:
        assert dose.minutes is not None
        return float(dose.minutes)
    if dose.kind is DoseKind.REPS:
        assert dose.reps is not None
        work = dose.reps * (SECONDS_PER_REP + (dose.hold_seconds or 0))
    else:
        work = _held_seconds(dose)
    seconds = SETUP_SECONDS * sides + dose.sets * work * sides
    seconds += (dose.sets - 1) * dose.rest_seconds
    return seconds / 60


def _held_seconds(dose: Dose) -> int:
    """The seconds of one hold or one roll."""
    return dose.hold_seconds or dose.roll_seconds or 0


def warm_up_minutes(budget: int) -> int:
    """5 to 10 minutes of warm-up, longer for longer sessions."""
    return max(MIN_WARM_UP_MINUTES, min(MAX_WARM_UP_MINUTES, budget // 6))


def minimum_dose(exercise: Exercise, dose: Dose) -> Dose:
    """The least of ``dose`` that still does its job; never more than ``dose`` itself.

    Stretches: at least 60 s of holding in total per side. Strength: one set (the
    references' lower bound), with holds kept whole. Cardio: a 5-minute warm-up. Other
    categories keep one set.
    """
    if dose.kind is DoseKind.MINUTES:
        assert dose.minutes is not None
        return dose.model_copy(update={"minutes": min(dose.minutes, MIN_WARM_UP_MINUTES)})
    if exercise.category is Category.STRETCH and dose.kind is DoseKind.HOLD:
        return dose.model_copy(update={"sets": min(dose.sets, stretch_sets(dose))})
    return dose.model_copy(update={"sets": 1})


def stretch_sets(dose: Dose) -> int:
    """How many holds of ``dose`` make the 60 s a stretch needs in total (at most 10)."""
    held = max(1, _held_seconds(dose))
    return min(10, math.ceil(STRETCH_TOTAL_SECONDS / held))


def holding_dose(exercise: Exercise, dose: Dose) -> Dose:
    """``dose``, with a stretch given enough holds for 60 s in total if it has fewer."""
    if exercise.category is Category.STRETCH and dose.kind is DoseKind.HOLD:
        return dose.model_copy(update={"sets": max(dose.sets, stretch_sets(dose))})
    return dose


def _bounded(value: int, step: int, low: int, high: int, base: int) -> int:
    return max(min(low, base), min(max(high, base), value + step))


def step_dose(exercise: Exercise, dose: Dose, direction: int) -> Dose:
    """``dose`` one step up (+1) or down (-1): reps or hold time, within the ranges.

    A stretch whose hold would fall below 60 s in total gains a set rather than lose time.
    """
    base = exercise.dose
    if exercise.category is Category.STRENGTH:
        if dose.kind is DoseKind.REPS and dose.reps is not None and base.reps is not None:
            reps = _bounded(dose.reps, direction * REPS_STEP, *REPS_RANGE, base.reps)
            return dose.model_copy(update={"reps": reps})
        if dose.hold_seconds is not None and base.hold_seconds is not None:
            hold = _bounded(
                dose.hold_seconds, direction * HOLD_STEP, *STRENGTH_HOLD_RANGE, base.hold_seconds
            )
            return dose.model_copy(update={"hold_seconds": hold})
    if (
        exercise.category is Category.STRETCH
        and dose.hold_seconds is not None
        and base.hold_seconds is not None
    ):
        hold = _bounded(
            dose.hold_seconds, direction * HOLD_STEP, *STRETCH_HOLD_RANGE, base.hold_seconds
        )
        stepped = dose.model_copy(update={"hold_seconds": hold})
        return stepped.model_copy(update={"sets": max(dose.sets, stretch_sets(stepped))})
    return dose


def scaled(dose: Dose, volume: float) -> Dose:
    """``dose`` scaled to ``volume`` (0.3 to 1.0) of itself: fewer sets first, then fewer reps,
    shorter holds or fewer minutes, never below one set or the references' lower bounds."""
    if volume >= 1.0:
        return dose
    update: dict[str, int] = {"sets": max(1, round(dose.sets * volume))}
    kept = update["sets"] / dose.sets
    rest = volume / kept if kept else volume
    if rest < 0.95:
        if dose.reps is not None:
            update["reps"] = min(dose.reps, max(MIN_STRENGTH_REPS, round(dose.reps * rest)))
        elif dose.hold_seconds is not None:
            update["hold_seconds"] = max(1, round(dose.hold_seconds * rest))
        elif dose.roll_seconds is not None:
            update["roll_seconds"] = max(ROLL_RANGE[0], round(dose.roll_seconds * rest))
        elif dose.minutes is not None:
            update["minutes"] = max(MIN_WARM_UP_MINUTES, round(dose.minutes * rest))
    return dose.model_copy(update=update)


def weekly_volume(dose: Dose, days_per_week: int | None = None) -> float:
    """Work per week: seconds of work a session times the sessions a week."""
    sides = 2 if dose.per_side else 1
    if dose.kind is DoseKind.MINUTES:
        assert dose.minutes is not None
        work = dose.minutes * 60.0
    elif dose.kind is DoseKind.REPS:
        assert dose.reps is not None
        work = dose.sets * dose.reps * (SECONDS_PER_REP + (dose.hold_seconds or 0)) * sides
    else:
        work = float(dose.sets * _held_seconds(dose) * sides)
    return work * (days_per_week if days_per_week is not None else dose.days_per_week)


@dataclass(frozen=True)
class Candidate:
    """An exercise the planner wants in a session, at its full dose, and how much it matters.

    ``priority`` orders candidates (lower first); ``core`` ones are placed before any extra.
    """

    exercise: Exercise
    dose: Dose
    priority: int
    core: bool = True


@dataclass(frozen=True)
class Fitted:
    """A session fitted to its budget: the exercises placed, in priority order, and the
    candidates that did not fit even at their minimum dose."""

    items: tuple[tuple[Candidate, PlannedExercise], ...]
    dropped: tuple[Candidate, ...]

    @property
    def minutes(self) -> float:
        return sum(item.minutes for _, item in self.items)


def fit(candidates: Sequence[Candidate], budget: float) -> Fitted:
    """Fit ``candidates`` into ``budget`` minutes.

    The core candidates, in priority order, are placed at their minimum dose where it fits,
    then grown one set at a time, round-robin, towards their full dose (a warm-up grows by
    minutes); then the extras the same way with the time left. Coverage comes before
    volume, and volume before variety; a candidate that does not fit at its minimum dose is
    left out rather than thinned.
    """
    placed: list[tuple[Candidate, Dose]] = []
    dropped: list[Candidate] = []
    used = 0.0
    for core in (True, False):
        start = len(placed)
        for candidate in sorted(
            (c for c in candidates if c.core is core), key=lambda c: c.priority
        ):
            low = minimum_dose(candidate.exercise, candidate.dose)
            cost = dose_minutes(low)
            if used + cost <= budget + 1e-9:
                placed.append((candidate, low))
                used += cost
            else:
                dropped.append(candidate)
        grew = True
        while grew:
            grew = False
            for n in range(start, len(placed)):
                candidate, dose = placed[n]
                bigger = _grown(dose, candidate.dose)
                if bigger is None:
                    continue
                extra = dose_minutes(bigger) - dose_minutes(dose)
                if used + extra <= budget + 1e-9:
                    placed[n] = (candidate, bigger)
                    used += extra
                    grew = True
    items = tuple(
        (
            c,
            PlannedExercise(exercise=c.exercise, dose=d, minutes=dose_minutes(d), extra=not c.core),
        )
        for c, d in placed
    )
    return Fitted(items=items, dropped=tuple(dropped))


def _grown(dose: Dose, full: Dose) -> Dose | None:
    """``dose`` one unit closer to ``full`` (a set, or a minute of cardio); None at full."""
    if dose.kind is DoseKind.MINUTES:
        assert dose.minutes is not None and full.minutes is not None
        if dose.minutes >= full.minutes:
            return None
        return dose.model_copy(update={"minutes": dose.minutes + 1})
    if dose.sets >= full.sets:
        return None
    return dose.model_copy(update={"sets": dose.sets + 1})
