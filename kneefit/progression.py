"""Pain-guided progression: from the logged sessions, step the plan up, hold it, or step down.

The rules follow the pain-monitoring model (Silbernagel et al. 2007) and the kneecap-pain
programmes' limits, with the catalogue's own pain rule for the numbers (safe up to 2,
acceptable up to 5, on 0 to 10):

1. A red flag logged in the last two weeks, pain rising over about two weeks, or pain above
   the safe level in every session for two weeks: no progression, and see a clinician.
2. Pain during the last session above the acceptable level, or next-morning pain worse than
   usual: step down.
3. Pain during the last session within the acceptable range: hold.
4. Pain within the safe range in the last two sessions at the current step, with
   next-morning pain logged and no worse than usual: step up.
5. Otherwise (too few sessions at this step, or next-morning pain not logged): hold.

A step is a whole-plan level, kept with each logged session: each step up moves every
strength exercise to its harder variant where one is allowed for this person, and otherwise
adds reps (up to 15) or hold time; stretches hold 5 s longer (up to 60 s). A step down does
the reverse, never below the references' ranges. Nothing here reads the clock or the log:
the caller passes both in.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from kneefit.catalogue import Catalogue
from kneefit.log import DoneExercise, Session
from kneefit.models import (
    Category,
    Dose,
    DoseKind,
    Exercise,
    PainRule,
    PlannedExercise,
    Progression,
    Routine,
    Section,
)
from kneefit.planner import dose_minutes, exclusion_reasons

#: Steps are bounded: the catalogue's ranges run out long before this.
MIN_STAGE = -3
MAX_STAGE = 6

#: How far back "about two weeks" looks, and how long a trend must span to count.
WINDOW_DAYS = 14
TREND_MIN_SPAN_DAYS = 7
PERSISTENT_MIN_SPAN_DAYS = 12

#: Rep and hold ranges a step stays within (from the references; a catalogue dose outside
#: them widens them to include it).
REPS_RANGE = (8, 15)
STRENGTH_HOLD_RANGE = (5, 60)
STRETCH_HOLD_RANGE = (15, 60)
REPS_STEP = 2
HOLD_STEP = 5


class Step(str, Enum):
    UP = "up"
    HOLD = "hold"
    DOWN = "down"
    STOP = "no progression"


@dataclass(frozen=True)
class Decision:
    """What to do next, at which step, and why."""

    step: Step
    stage: int
    reasons: tuple[str, ...]
    see_clinician: bool = False


def _fmt(day: date) -> str:
    return day.isoformat()


def _usual_next_morning(earlier: Sequence[Session], rule: PainRule) -> float:
    """The person's usual next-morning pain: the median of earlier ones, or the safe level."""
    values = [s.next_morning_pain for s in earlier if s.next_morning_pain is not None]
    return statistics.median(values[-5:]) if values else float(rule.safe_max)


def decide(sessions: Sequence[Session], rule: PainRule, today: date) -> Decision:
    """The progression decision for the next plan, from ``sessions`` (any order)."""
    ordered = sorted(sessions, key=lambda s: (s.date, s.id or 0))
    if not ordered:
        return Decision(
            Step.HOLD,
            0,
            (
                "No sessions logged yet. After a session, log how it went with "
                "'kneefit log --pain N --effort N' and kneefit will adapt the next plan.",
            ),
        )
    latest = ordered[-1]
    base = latest.stage
    recent = [s for s in ordered if s.date >= today - timedelta(days=WINDOW_DAYS)]

    flagged = [s for s in recent if s.red_flags]
    if flagged:
        last = flagged[-1]
        return Decision(
            Step.STOP,
            base,
            (
                f"You logged a red flag on {_fmt(last.date)}: {'; '.join(last.red_flags)}. "
                "See a doctor or physiotherapist now; kneefit will not progress the plan.",
            ),
            see_clinician=True,
        )

    if len(recent) >= 3 and (recent[-1].date - recent[0].date).days >= TREND_MIN_SPAN_DAYS:
        half = len(recent) // 2
        earlier = statistics.mean(s.pain for s in recent[:half])
        later = statistics.mean(s.pain for s in recent[-half:])
        if later - earlier >= 1.0:
            return Decision(
                Step.STOP,
                base,
                (
                    f"Your pain has risen over the last two weeks (from about {earlier:.1f} "
                    f"to {later:.1f} out of 10). Pain should not climb from week to week: see "
                    "a doctor or physiotherapist before doing more.",
                ),
                see_clinician=True,
            )
    if (
        len(recent) >= 2
        and (recent[-1].date - recent[0].date).days >= PERSISTENT_MIN_SPAN_DAYS
        and all(s.pain > rule.safe_max for s in recent)
    ):
        return Decision(
            Step.STOP,
            base,
            (
                f"Every session since {_fmt(recent[0].date)} has hurt more than "
                f"{rule.safe_max}/10. Knee pain that lasts a couple of weeks needs a "
                "specialist: see a doctor or physiotherapist.",
            ),
            see_clinician=True,
        )

    usual = _usual_next_morning(ordered[:-1], rule)
    morning = latest.next_morning_pain
    if morning is not None and morning > usual:
        return Decision(
            Step.DOWN,
            max(MIN_STAGE, base - 1),
            (
                f"The morning after {_fmt(latest.date)} your pain was {morning}/10, worse than "
                f"your usual {usual:g}/10: stepping down.",
            ),
        )
    if latest.pain > rule.acceptable_max:
        return Decision(
            Step.DOWN,
            max(MIN_STAGE, base - 1),
            (
                f"Pain during the session on {_fmt(latest.date)} was {latest.pain}/10, above "
                f"the acceptable {rule.acceptable_max}/10: stepping down.",
            ),
        )
    if latest.pain > rule.safe_max:
        return Decision(
            Step.HOLD,
            base,
            (
                f"Pain on {_fmt(latest.date)} was {latest.pain}/10: acceptable, not yet safe "
                f"(up to {rule.safe_max}/10). Keeping the same plan.",
            ),
        )
    at_step = [s for s in ordered if s.stage == base][-2:]
    if len(at_step) < 2 or at_step[0] is not ordered[-2]:
        return Decision(
            Step.HOLD,
            base,
            (
                f"Pain on {_fmt(latest.date)} was {latest.pain}/10, in the safe range. One "
                "more session like it at this step and kneefit will step up.",
            ),
        )
    if any(s.next_morning_pain is None for s in at_step):
        return Decision(
            Step.HOLD,
            base,
            (
                "Your last two sessions were in the safe range, but kneefit steps up only "
                "when next-morning pain is logged too: 'kneefit log --next-morning N'.",
            ),
        )
    previous = at_step[0]
    assert previous.next_morning_pain is not None and morning is not None
    if previous.pain > rule.safe_max or previous.red_flags:
        return Decision(
            Step.HOLD,
            base,
            (
                f"The session on {_fmt(previous.date)} was not in the safe range; waiting for "
                "two good sessions in a row.",
            ),
        )
    if previous.next_morning_pain > _usual_next_morning(ordered[:-2], rule):
        return Decision(
            Step.HOLD,
            base,
            (
                f"The morning after {_fmt(previous.date)} was worse than usual; waiting for "
                "two good sessions in a row.",
            ),
        )
    if base >= MAX_STAGE:
        return Decision(
            Step.HOLD,
            base,
            ("Your last two sessions went well; the plan is already at its highest step.",),
        )
    return Decision(
        Step.UP,
        base + 1,
        (
            f"Your last two sessions ({_fmt(previous.date)}, {_fmt(latest.date)}) had pain "
            f"{previous.pain}/10 and {latest.pain}/10 with next-morning pain no worse than "
            "usual: stepping up.",
        ),
    )


# ---------------------------------------------------------------------- applying a step


def _bounded(value: int, step: int, low: int, high: int, base: int) -> int:
    return max(min(low, base), min(max(high, base), value + step))


def step_dose(exercise: Exercise, dose: Dose, direction: int) -> Dose:
    """``dose`` one step up (+1) or down (-1): reps or hold time, within the ranges."""
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
        return dose.model_copy(update={"hold_seconds": hold})
    return dose


def apply(routine: Routine, catalogue: Catalogue, decision: Decision) -> Routine:
    """``routine`` moved ``decision.stage`` steps from where the planner put it, explained."""
    direction = 1 if decision.stage > 0 else -1
    conditions = list(routine.conditions)
    request = routine.request
    in_plan = {i.exercise.id for s in routine.sections for i in s.items}
    changes: list[str] = []
    planned: list[list[PlannedExercise]] = []
    for section in routine.sections:
        items: list[PlannedExercise] = []
        for item in section.items:
            exercise, dose = item.exercise, item.dose
            for _ in range(abs(decision.stage)):
                target = exercise.harder if direction > 0 else exercise.easier
                variant = catalogue.exercises.get(target) if target else None
                if (
                    exercise.category is Category.STRENGTH
                    and variant is not None
                    and variant.id not in in_plan
                    and not exclusion_reasons(variant, conditions, request.level, request.equipment)
                ):
                    in_plan.add(variant.id)
                    exercise = variant
                    sets = min(dose.sets, variant.dose.sets)
                    dose = variant.dose.model_copy(update={"sets": sets})
                else:
                    dose = step_dose(exercise, dose, direction)
            if exercise is not item.exercise:
                changes.append(
                    f"{item.exercise.name} -> {exercise.name} "
                    f"({'harder' if direction > 0 else 'easier'} variant)"
                )
            elif dose != item.dose:
                changes.append(f"{exercise.name}: {_short(item.dose)} -> {_short(dose)}")
            if exercise is item.exercise and dose == item.dose:
                items.append(item)
            else:
                minutes = dose_minutes(dose)
                items.append(PlannedExercise(exercise=exercise, dose=dose, minutes=minutes))
        planned.append(items)
    for name in fit_to_budget(planned, request.minutes):
        changes.append(f"{name}: left out to keep to {request.minutes} minutes")
    sections = [
        section.model_copy(update={"items": tuple(items)})
        for section, items in zip(routine.sections, planned, strict=True)
    ]
    progression = Progression(
        step=decision.step.value,
        stage=decision.stage,
        reasons=decision.reasons,
        changes=tuple(changes),
        see_clinician=decision.see_clinician,
    )
    warnings = routine.warnings
    if decision.see_clinician:
        warnings = (decision.reasons[0], *warnings)
    sources = routine.sources
    extra = [e.sources for s in sections for e in (i.exercise for i in s.items)]
    sources = catalogue.sources_for([*(s.id for s in sources), *(x for ids in extra for x in ids)])
    return routine.model_copy(
        update={
            "sections": tuple(sections),
            "estimated_minutes": round(sum(i.minutes for s in sections for i in s.items), 1),
            "warnings": warnings,
            "progression": progression,
            "sources": sources,
        }
    )


def fit_to_budget(planned: list[list[PlannedExercise]], budget: int) -> list[str]:
    """Make the session fit ``budget`` minutes again after a step up.

    First sets come off (last exercises first); if every exercise is down to one set, the
    last exercises of the strength, then stretch, then release sections are left out, never
    the last one of a section, and never the warm-up.
    """

    def total() -> float:
        return sum(i.minutes for items in planned for i in items)

    dropped: list[str] = []
    while total() > budget:
        for items in reversed(planned):
            index = next((n for n in reversed(range(len(items))) if items[n].dose.sets > 1), None)
            if index is not None:
                dose = items[index].dose.model_copy(update={"sets": items[index].dose.sets - 1})
                items[index] = items[index].model_copy(
                    update={"dose": dose, "minutes": dose_minutes(dose)}
                )
                break
        else:
            for items in planned[1:]:
                if len(items) > 1:
                    dropped.append(items.pop().exercise.name)
                    break
            else:
                break
    return dropped


def _short(dose: Dose) -> str:
    if dose.kind is DoseKind.REPS:
        return f"{dose.reps} reps"
    if dose.kind is DoseKind.HOLD:
        return f"{dose.hold_seconds} s hold"
    return f"{dose.minutes} min"


def done_exercises(sections: Sequence[Section]) -> tuple[DoneExercise, ...]:
    """What a session of these sections consists of, for the log."""
    return tuple(
        DoneExercise(item.exercise.id, item.exercise.name, item.dose.describe())
        for section in sections
        for item in section.items
    )
