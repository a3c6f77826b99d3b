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
from datetime import date, datetime, timedelta

from kneefit.catalogue import Catalogue
from kneefit.dosing import dose_minutes, step_dose, weekly_volume
from kneefit.models import (
    Category,
    Clearance,
    PainRule,
    PlannedExercise,
    Progression,
    Routine,
    Session,
    Step,
)
from kneefit.reasons import (
    AtHighestStep,
    Changed,
    ChangeKind,
    ClearedByClinician,
    EarlierMorningWorse,
    EarlierPainAbove,
    FeltHard,
    FirstSessionOfPhase,
    MorningNotLogged,
    MorningWorse,
    NoSessions,
    OneSessionSoFar,
    PainAboveCeiling,
    PainNotSettling,
    PainRising,
    Reason,
    RedFlagStands,
    SteppingUp,
)
from kneefit.screening import exclusion_reasons

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
    reasons: tuple[Reason, ...]
    see_clinician: bool = False
    #: A red flag not yet cleared by a clinician: the plan holds no exercises.
    blocked: bool = False


def usual_next_morning(earlier: Sequence[Session], first: int | None) -> float | None:
    """The person's usual next-morning pain: the median of their earlier mornings (the last
    five); with none logged before, the first one they log sets it (``first``)."""
    values = [s.next_morning_pain for s in earlier if s.next_morning_pain is not None]
    if values:
        return float(statistics.median(values[-5:]))
    return None if first is None else float(first)


def _clearance_order(clearance: Clearance) -> tuple[date, float]:
    when = clearance.recorded
    return (clearance.date, when.timestamp() if when is not None else 0.0)


def flag_after(flag: Session, day: date, recorded: datetime | None) -> bool:
    """Whether a red flag came after a clearance of ``day`` (logged at ``recorded``): a
    later day, or the same day recorded later. The same day with either time unknown, or
    both recorded in the same second (the log keeps whole seconds), counts as after: the
    safer reading, the flag stands until a clinician clears it again. The plan and the
    report both read a flag's clearance this way."""
    if flag.date != day:
        return flag.date > day
    if flag.recorded is None or recorded is None:
        return True
    try:
        return flag.recorded.replace(microsecond=0) >= recorded.replace(microsecond=0)
    except TypeError:  # one time with a zone, one without: order unknown
        return True


@dataclass(frozen=True)
class _Log:
    """What the rules below read: the sessions since the last clearance, oldest first."""

    ordered: Sequence[Session]
    recent: Sequence[Session]
    rule: PainRule
    max_stage: int

    @property
    def latest(self) -> Session:
        return self.ordered[-1]

    @property
    def base(self) -> int:
        return self.latest.stage

    def trend_spans(self) -> bool:
        """Whether the last two weeks hold a trend: three sessions over a week or more."""
        recent = self.recent
        return len(recent) >= 3 and (recent[-1].date - recent[0].date).days >= (TREND_MIN_SPAN_DAYS)


def _hold(log: _Log, reason: Reason) -> Decision:
    return Decision(Step.HOLD, log.base, (reason,))


def _down(log: _Log, reason: Reason) -> Decision:
    return Decision(Step.DOWN, max(MIN_STAGE, log.base - 1), (reason,))


def _not_settling(log: _Log) -> Decision | None:
    """Rule 2: every session of two weeks above the ceiling: see a clinician."""
    ceiling = log.rule.acceptable_max
    if log.trend_spans() and all(s.pain > ceiling for s in log.recent):
        return Decision(
            Step.STOP,
            log.base,
            (PainNotSettling(log.recent[0].date, ceiling),),
            see_clinician=True,
        )
    return None


def _morning_worse(log: _Log) -> Decision | None:
    """Rule 3a: the next morning worse than the person's usual: step down."""
    morning = log.latest.next_morning_pain
    usual = usual_next_morning(log.ordered[:-1], morning)
    if morning is not None and usual is not None and morning > usual:
        return _down(log, MorningWorse(log.latest.date, morning, usual))
    return None


def _pain_above(log: _Log) -> Decision | None:
    """Rule 3b: the last session above the ceiling: step down."""
    latest, ceiling = log.latest, log.rule.acceptable_max
    if latest.pain > ceiling:
        return _down(log, PainAboveCeiling(latest.date, latest.pain, ceiling))
    return None


def _rising(log: _Log) -> Decision | None:
    """Rule 4: pain rising over two weeks, above the safe level: hold."""
    if not log.trend_spans():
        return None
    half = len(log.recent) // 2
    earlier = statistics.mean(s.pain for s in log.recent[:half])
    later = statistics.mean(s.pain for s in log.recent[-half:])
    if later - earlier >= 1.0 and log.latest.pain > log.rule.safe_max:
        return _hold(log, PainRising(earlier, later))
    return None


def _hard(log: _Log) -> Decision | None:
    """Rule 5: an effort of 8 or more: hold."""
    if log.latest.effort >= HARD_EFFORT:
        return _hold(log, FeltHard(log.latest.date, log.latest.effort))
    return None


def _one_session(log: _Log) -> Decision | None:
    """Rule 7: one session so far: hold, saying what steps up."""
    if len(log.ordered) < 2:
        latest = log.latest
        return _hold(log, OneSessionSoFar(latest.date, latest.pain, log.rule.acceptable_max))
    return None


def _new_phase(log: _Log) -> Decision | None:
    """Rule 7: the last session was the first of a new phase of the program: hold."""
    latest, previous = log.latest, log.ordered[-2]
    if latest.phase is not None and latest.phase != previous.phase:
        return _hold(log, FirstSessionOfPhase(latest.phase))
    return None


def _morning_unknown(log: _Log) -> Decision | None:
    """Rule 7: next morning not logged for both sessions: hold, saying how to log it."""
    if log.latest.next_morning_pain is None or log.ordered[-2].next_morning_pain is None:
        return _hold(log, MorningNotLogged())
    return None


def _earlier_not_good(log: _Log) -> Decision | None:
    """Rule 6 needs two good sessions in a row: the one before the last must be good too."""
    previous = log.ordered[-2]
    morning = previous.next_morning_pain
    before = usual_next_morning(log.ordered[:-2], morning)
    if before is not None and morning is not None and morning > before:
        return _hold(log, EarlierMorningWorse(previous.date))
    if previous.pain > log.rule.acceptable_max or previous.red_flags:
        return _hold(log, EarlierPainAbove(previous.date))
    return None


def _step_up(log: _Log) -> Decision:
    """Rule 6: two good sessions, settled by the next morning: step up (if a step is left)."""
    if log.base >= log.max_stage:
        return _hold(log, AtHighestStep())
    previous, latest = log.ordered[-2], log.latest
    return Decision(
        Step.UP,
        log.base + 1,
        (
            SteppingUp(
                (previous.date, latest.date),
                (previous.pain, latest.pain),
                log.rule.acceptable_max,
            ),
        ),
    )


#: The rules after the red flags and clearances, in the order the README's progression
#: table gives them: the first that decides, decides.
_RULES = (
    _not_settling,
    _morning_worse,
    _pain_above,
    _rising,
    _hard,
    _one_session,
    _new_phase,
    _morning_unknown,
    _earlier_not_good,
)


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
    cleared = max(clearances, key=_clearance_order, default=None)
    if flagged and (cleared is None or flag_after(flagged[-1], cleared.date, cleared.recorded)):
        last = flagged[-1]
        return Decision(
            Step.STOP,
            last.stage,
            (RedFlagStands(last.date, last.red_flags),),
            see_clinician=True,
            blocked=True,
        )
    if cleared is not None:
        ordered = [s for s in ordered if s.date > cleared.date]
        if not ordered:
            stage = max(MIN_STAGE, (flagged[-1].stage if flagged else 0) - 1)
            return Decision(Step.DOWN, stage, (ClearedByClinician(cleared.date, cleared.text),))
    if not ordered:
        return Decision(Step.HOLD, 0, (NoSessions(),))
    log = _Log(
        ordered=ordered,
        recent=[s for s in ordered if s.date >= today - timedelta(days=WINDOW_DAYS)],
        rule=rule,
        max_stage=max_stage,
    )
    for check in _RULES:
        decision = check(log)
        if decision is not None:
            return decision
    return _step_up(log)


# ---------------------------------------------------------------------- applying a step


def decided(routine: Routine, decision: Decision, changes: tuple[Changed, ...] = ()) -> Routine:
    """``routine`` carrying ``decision`` (its step, stage, reasons and ``changes``); a
    blocked decision (a red flag not cleared) empties every section, so the plan holds its
    warnings and safety notes only. A decision that sends the person to a clinician is
    the plan's first warning: the renderers put its reason before the others."""
    progression_of = Progression(
        step=decision.step,
        stage=decision.stage,
        reasons=decision.reasons,
        changes=changes,
        see_clinician=decision.see_clinician,
    )
    if decision.blocked:
        sections = tuple(replace(s, items=()) for s in routine.sections)
        return replace(
            routine, sections=sections, estimated_minutes=0.0, progression=progression_of
        )
    return replace(routine, progression=progression_of)


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
    changes += [Changed(ChangeKind.LEFT_OUT, name) for name in left_out]
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


def _change(before: PlannedExercise, after: PlannedExercise) -> Changed | None:
    """What changed between two placings of an exercise; None if nothing did."""
    if after.exercise.id != before.exercise.id:
        harder = after.exercise.id == before.exercise.harder
        return Changed(
            ChangeKind.HARDER if harder else ChangeKind.EASIER,
            before.exercise.name,
            after.exercise.name,
            before.dose,
            after.dose,
        )
    if after.dose != before.dose:
        return Changed(
            ChangeKind.DOSE, before.exercise.name, before.exercise.name, before.dose, after.dose
        )
    return None
