"""Pain-guided progression: from the logged sessions, step the plan up, hold it, or step down.

The rules follow the pain-monitoring model (Silbernagel et al. 2007) and NEMEX (Ageberg et
al. 2010), with the plan's own pain rule for the numbers (safe up to 2 out of 10; the
acceptable level is the program's pain ceiling, 5 for osteoarthritis, 2 for
Osgood-Schlatter disease):

1. A red flag logged and not cleared by a clinician: no exercises at all.
2. Every session of the last two weeks (three or more, over a week or more) above the
   acceptable level: no progression, and see a clinician (pain beyond the ceiling that
   does not settle).
3. Next-morning pain worse than the person's usual (the median of their earlier mornings;
   the first morning they log sets it), or pain during the last session above the
   acceptable level: step down.
4. Pain rising over the last two weeks, above the safe level: hold.
5. An effort of 8/10 or more: hold until it feels easier.
6. The last two sessions within the acceptable level, each settled to the usual level by
   the next morning (logged): step up. Pain up to the ceiling that settles is carried on
   with, and progressed: it is not a reason to see anyone.
7. Otherwise (one session so far, a next morning not logged): hold, saying what for.

After a clearance (``kneefit log --cleared``) the plan resumes one step down. A step is
kept with each logged session. For a program's plan a step is one change to one exercise
(see :mod:`kneefit.stepping`); for a plan chosen slot by slot (a clinician's condition
without a program) a step changes each exercise once, as :func:`apply` says. Nothing here
reads the clock or the log: the caller passes both in.
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


def _usual_next_morning(earlier: Sequence[Session], first: int | None) -> float | None:
    """The person's usual next-morning pain: the median of their earlier mornings (the last
    five); with none logged before, the first one they log sets it (``first``)."""
    values = [s.next_morning_pain for s in earlier if s.next_morning_pain is not None]
    if values:
        return float(statistics.median(values[-5:]))
    return None if first is None else float(first)


def _clearance_order(clearance: Clearance) -> tuple[date, float]:
    when = clearance.recorded
    return (clearance.date, when.timestamp() if when is not None else 0.0)


def _flag_after(flag: Session, cleared: Clearance) -> bool:
    """Whether a red flag came after a clearance: a later day, or the same day recorded
    later. The same day with either time unknown counts as after: the safer reading, the
    flag stands until a clinician clears it again."""
    if flag.date != cleared.date:
        return flag.date > cleared.date
    if flag.recorded is None or cleared.recorded is None:
        return True
    try:
        return flag.recorded > cleared.recorded
    except TypeError:  # one time with a zone, one without: order unknown
        return True


def decide(
    sessions: Sequence[Session],
    rule: PainRule,
    today: date,
    clearances: Sequence[Clearance] = (),
    *,
    max_stage: int = MAX_STAGE,
) -> Decision:
    """The progression decision for the next plan, from ``sessions`` (any order) and the
    clinicians' clearances of red flags. ``rule`` is the plan's pain rule (its acceptable
    level is the program's pain ceiling); ``max_stage`` the most steps up it can take."""
    ordered = sorted(sessions, key=lambda s: (s.date, s.id or 0))
    flagged = [s for s in ordered if s.red_flags]
    cleared = max((c for c in clearances), key=_clearance_order, default=None)
    if flagged and (cleared is None or _flag_after(flagged[-1], cleared)):
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

    morning = latest.next_morning_pain
    usual = _usual_next_morning(ordered[:-1], morning)
    if (
        len(recent) >= 3
        and (recent[-1].date - recent[0].date).days >= TREND_MIN_SPAN_DAYS
        and all(s.pain > rule.acceptable_max for s in recent)
    ):
        return Decision(
            Step.STOP,
            base,
            (
                f"Every session since {_fmt(recent[0].date)} has hurt more than "
                f"{rule.acceptable_max}/10, even after stepping down. Pain above that which "
                "does not settle needs a doctor or physiotherapist: see one before doing more.",
            ),
            see_clinician=True,
        )
    if morning is not None and usual is not None and morning > usual:
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
    if len(recent) >= 3 and (recent[-1].date - recent[0].date).days >= TREND_MIN_SPAN_DAYS:
        half = len(recent) // 2
        earlier = statistics.mean(s.pain for s in recent[:half])
        later = statistics.mean(s.pain for s in recent[-half:])
        if later - earlier >= 1.0 and latest.pain > rule.safe_max:
            return Decision(
                Step.HOLD,
                base,
                (
                    f"Your pain has risen over the last two weeks (from about {earlier:.1f} "
                    f"to {later:.1f} out of 10). Pain should not climb from week to week: "
                    "keeping the same plan until it settles.",
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
    if len(ordered) < 2:
        return Decision(
            Step.HOLD,
            base,
            (
                f"Pain on {_fmt(latest.date)} was {latest.pain}/10, within the "
                f"{rule.acceptable_max}/10 this plan allows. One more session like it, settled "
                "by the next morning, and kneefit will step up.",
            ),
        )
    previous = ordered[-2]
    if morning is None or previous.next_morning_pain is None:
        return Decision(
            Step.HOLD,
            base,
            (
                "Your last two sessions were within the pain this plan allows; kneefit steps "
                "up only when it knows the pain settled by the next morning: "
                "'kneefit log --next-morning N'.",
            ),
        )
    before = _usual_next_morning(ordered[:-2], previous.next_morning_pain)
    if before is not None and previous.next_morning_pain > before:
        return Decision(
            Step.HOLD,
            base,
            (
                f"The morning after {_fmt(previous.date)} was worse than usual; waiting for "
                "two good sessions in a row.",
            ),
        )
    if previous.pain > rule.acceptable_max or previous.red_flags:
        return Decision(
            Step.HOLD,
            base,
            (
                f"The session on {_fmt(previous.date)} hurt more than this plan allows; "
                "waiting for two good sessions in a row.",
            ),
        )
    if base >= max_stage:
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
            f"{previous.pain}/10 and {latest.pain}/10, within the {rule.acceptable_max}/10 this "
            "plan allows, and settled by the next morning: stepping up.",
        ),
    )


# ---------------------------------------------------------------------- applying a step


def decided(routine: Routine, decision: Decision, changes: tuple[str, ...] = ()) -> Routine:
    """``routine`` carrying ``decision`` (its step, stage, reasons and ``changes``); a
    blocked decision (a red flag not cleared) empties every section, so the plan holds its
    warnings and safety notes only."""
    progression_of = Progression(
        step=decision.step,
        stage=decision.stage,
        reasons=decision.reasons,
        changes=changes,
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
    return replace(routine, warnings=warnings, progression=progression_of)


def apply(routine: Routine, catalogue: Catalogue, decision: Decision) -> Routine:
    """``routine`` moved ``decision.stage`` steps from where the planner put it, explained.

    A blocked decision (a red flag not cleared) empties every section: the plan then holds
    its warnings and safety notes only.
    """
    if decision.blocked:
        return decided(routine, decision)
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
    moved = replace(
        routine,
        sections=sections,
        estimated_minutes=round(sum(i.minutes for items in planned for i in items), 1),
        sources=catalogue.sources_for(ids),
    )
    return decided(moved, decision, tuple(changes))


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
