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

A red flag stops the plan until a clinician has seen the knee (``kneefit log --cleared``):
it never expires by time alone, and after clearing the plan resumes one step down. An effort
of 8/10 or more holds the step.

A step is a whole-plan level, kept with each logged session. Each step makes one change to
each exercise: a strength exercise moves to its harder variant (at most one such swap a
step, same sets and reps, where the variant is allowed for this person) or adds reps (up to
15) or hold time; stretches hold 5 s longer (up to 60 s). A change that would overrun the
session's minutes is not made, so a step up never lowers the week's volume. A step down does
the reverse, never below the references' ranges. Nothing here reads the clock or the log:
the caller passes both in.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from kneefit.catalogue import Catalogue
from kneefit.dosing import dose_minutes, step_dose, weekly_volume
from kneefit.models import (
    Category,
    Clearance,
    Dose,
    DoseKind,
    PainRule,
    PlannedExercise,
    Progression,
    Routine,
    Session,
    Step,
)
from kneefit.planner import exclusion_reasons

#: Steps are bounded: the catalogue's ranges run out long before this.
MIN_STAGE = -3
MAX_STAGE = 6

#: How far back "about two weeks" looks, and how long a trend must span to count.
WINDOW_DAYS = 14
TREND_MIN_SPAN_DAYS = 7
PERSISTENT_MIN_SPAN_DAYS = 12

#: An effort at or above this (0 to 10) holds the step: the plan is hard enough for now.
HARD_EFFORT = 8


@dataclass(frozen=True)
class Decision:
    """What to do next, at which step, and why."""

    step: Step
    stage: int
    reasons: tuple[str, ...]
    see_clinician: bool = False
    #: A red flag not yet cleared by a clinician: the plan holds no exercises.
    blocked: bool = False


def _fmt(day: date) -> str:
    return day.isoformat()


def _usual_next_morning(earlier: Sequence[Session], rule: PainRule) -> float:
    """The person's usual next-morning pain: the median of earlier ones, or the safe level."""
    values = [s.next_morning_pain for s in earlier if s.next_morning_pain is not None]
    return statistics.median(values[-5:]) if values else float(rule.safe_max)


def decide(
    sessions: Sequence[Session],
    rule: PainRule,
    today: date,
    clearances: Sequence[Clearance] = (),
) -> Decision:
    """The progression decision for the next plan, from ``sessions`` (any order) and the
    clinicians' clearances of red flags."""
    ordered = sorted(sessions, key=lambda s: (s.date, s.id or 0))
    flagged = [s for s in ordered if s.red_flags]
    cleared = max((c for c in clearances), key=lambda c: c.date, default=None)
    if flagged and (cleared is None or cleared.date < flagged[-1].date):
        last = flagged[-1]
        return Decision(
            Step.STOP,
            last.stage,
            (
                f"Red flag logged on {_fmt(last.date)}: {'; '.join(last.red_flags)}. Stop "
                "exercising this knee and see a doctor or physiotherapist now. kneefit plans "
                "no exercises until you record that a clinician has seen your knee "
                '(kneefit log --cleared "who you saw and what they said").',
            ),
            see_clinician=True,
            blocked=True,
        )
    if cleared is not None:
        ordered = [s for s in ordered if s.date > cleared.date]
        if not ordered:
            stage = max(MIN_STAGE, (flagged[-1].stage if flagged else 0) - 1)
            return Decision(
                Step.DOWN,
                stage,
                (
                    f"A clinician saw your knee on {_fmt(cleared.date)} ({cleared.text}). "
                    "The plan resumes one step down from where it was.",
                ),
            )
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
    if latest.effort >= HARD_EFFORT:
        return Decision(
            Step.HOLD,
            base,
            (
                f"The session on {_fmt(latest.date)} felt hard (effort {latest.effort}/10). "
                "Keeping the same plan until it feels easier.",
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


def apply(routine: Routine, catalogue: Catalogue, decision: Decision) -> Routine:
    """``routine`` moved ``decision.stage`` steps from where the planner put it, explained.

    A blocked decision (a red flag not cleared) empties every section: the plan then holds
    its warnings and safety notes only.
    """
    progression_of = Progression(
        step=decision.step,
        stage=decision.stage,
        reasons=decision.reasons,
        see_clinician=decision.see_clinician,
    )
    warnings = routine.warnings
    if decision.see_clinician:
        warnings = (decision.reasons[0], *warnings)
    if decision.blocked:
        sections = tuple(replace(s, items=()) for s in routine.sections)
        return replace(
            routine,
            sections=sections,
            estimated_minutes=0.0,
            warnings=warnings,
            progression=progression_of,
        )
    planned = [list(section.items) for section in routine.sections]
    origin = {id(i): i for items in planned for i in items}
    budget = routine.request.minutes
    left_out: list[str] = []
    for _ in range(abs(decision.stage)):
        left_out += _one_step(
            planned, origin, routine, catalogue, 1 if decision.stage > 0 else -1, budget
        )
    changes = [
        change
        for items in planned
        for after in items
        if (change := _change(origin[id(after)], after))
    ]
    changes += [f"{name}: left out to make room for the step up" for name in left_out]
    sections = tuple(
        replace(section, items=tuple(items))
        for section, items in zip(routine.sections, planned, strict=True)
    )
    ids = [*(s.id for s in routine.sources)]
    ids += [ref for items in planned for i in items for ref in i.exercise.source_ids]
    return replace(
        routine,
        sections=sections,
        estimated_minutes=round(sum(i.minutes for items in planned for i in items), 1),
        warnings=warnings,
        progression=replace(progression_of, changes=tuple(changes)),
        sources=catalogue.sources_for(ids),
    )


def _one_step(
    planned: list[list[PlannedExercise]],
    origin: dict[int, PlannedExercise],
    routine: Routine,
    catalogue: Catalogue,
    direction: int,
    budget: float,
) -> list[str]:
    """One step: one change to each exercise, at most one harder-variant swap, and no change
    that would take the session past ``budget`` minutes or lower an exercise's volume. To
    make room for a step up, the last exercises of the later sections may be left out: their
    names are returned. ``origin`` maps each placed item to the one the planner placed."""
    request = routine.request
    conditions = list(routine.conditions)
    in_plan = {i.exercise.id for items in planned for i in items}
    swapped = False
    total = sum(i.minutes for items in planned for i in items)
    left_out: list[str] = []
    for items in planned:
        for item in list(items):
            if item not in items or item.exercise.category is Category.CARDIO:
                continue
            exercise = item.exercise
            target = exercise.harder if direction > 0 else exercise.easier
            variant = catalogue.exercises.get(target) if target else None
            changed: PlannedExercise | None = None
            if (
                exercise.category is Category.STRENGTH
                and variant is not None
                and variant.id not in in_plan
                and not (direction > 0 and swapped)
                and not exclusion_reasons(
                    variant, conditions, request.level, request.equipment, request.floor
                )
            ):
                dose = variant.dose.model_copy(update={"sets": item.dose.sets})
                if direction < 0 or weekly_volume(dose) >= weekly_volume(item.dose):
                    changed = PlannedExercise(
                        exercise=variant, dose=dose, minutes=dose_minutes(dose), role=item.role
                    )
            if changed is None:
                dose = step_dose(exercise, item.dose, direction)
                if dose != item.dose and (
                    direction < 0 or weekly_volume(dose) >= weekly_volume(item.dose)
                ):
                    changed = PlannedExercise(
                        exercise=exercise, dose=dose, minutes=dose_minutes(dose), role=item.role
                    )
            if changed is None:
                continue
            over = total - item.minutes + changed.minutes - budget
            if over > 1e-9:
                freed = _make_room(planned, over, keep=item)
                if freed is None:
                    continue
                total -= sum(i.minutes for i in freed)
                left_out += [i.exercise.name for i in freed]
            if changed.exercise is not exercise:
                in_plan.add(changed.exercise.id)
                swapped = swapped or direction > 0
            total += changed.minutes - item.minutes
            origin[id(changed)] = origin[id(item)]
            items[items.index(item)] = changed
    return left_out


def _make_room(
    planned: list[list[PlannedExercise]], needed: float, keep: PlannedExercise
) -> list[PlannedExercise] | None:
    """Leave out extra exercises (those added after the core of the session), the last
    first, never ``keep``, until ``needed`` minutes are free; those left out, or None (and
    nothing left out) if that is not possible."""
    removable = [
        (items, item)
        for items in reversed(planned)
        for item in reversed(items)
        if item.extra and item is not keep
    ]
    freed = 0.0
    chosen = []
    for items, item in removable:
        if freed >= needed - 1e-9:
            break
        chosen.append((items, item))
        freed += item.minutes
    if freed < needed - 1e-9:
        return None
    for items, item in chosen:
        items.remove(item)
    return [item for _, item in chosen]


def _change(before: PlannedExercise, after: PlannedExercise) -> str | None:
    """What changed between two placings of an exercise, in words; None if nothing did."""
    if after.exercise.id != before.exercise.id:
        way = "harder" if after.exercise.id == before.exercise.harder else "easier"
        return (
            f"{before.exercise.name} -> {after.exercise.name} ({way} variant, "
            f"{short_dose(after.dose)})"
        )
    if after.dose != before.dose:
        return f"{before.exercise.name}: {short_dose(before.dose)} -> {short_dose(after.dose)}"
    return None


def short_dose(dose: Dose) -> str:
    """A dose in a few characters: '2 x 10 reps', '3 x 30 s hold', '8 min'."""
    if dose.kind is DoseKind.MINUTES:
        return f"{dose.minutes} min"
    if dose.kind is DoseKind.REPS:
        text = f"{dose.sets} x {dose.reps} reps"
        return text + (f", hold {dose.hold_seconds} s" if dose.hold_seconds else "")
    if dose.kind is DoseKind.ROLL:
        return f"{dose.sets} x {dose.roll_seconds} s rolling"
    return f"{dose.sets} x {dose.hold_seconds} s hold"
