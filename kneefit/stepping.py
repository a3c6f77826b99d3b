"""Double progression within a program's phase: one change at a time, in a fixed order.

A program's exercises start at the bottom of their phase's ranges (see
:mod:`kneefit.prescribe`). Each step up makes exactly one change, to one exercise, taking
the strength, balance and range-of-motion exercises in turn (the program's order): 2 more
reps (to the top of the range), then, at the top, one more set (to the most sets), then,
at the most sets, the next candidate of its role (the harder exercise the program names
next, allowed for this person), at the same sets and reps. A hold grows by 5 seconds
where its target gives no fixed hold. A change that would take the session more than 10%
past its minutes gives way to the next one open to that exercise (a harder exercise takes
no longer than more reps), or else to the next exercise's. A step down removes the last
change; below the start each step lightens one exercise by 2 reps or 5 seconds, the last
in the program first.

The stage a log records is the number of changes: the same stage gives the same plan, and
the plan says which change the last step made or took back. Nothing here reads the log or
the clock.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import NamedTuple

from kneefit.catalogue import Catalogue
from kneefit.fit_to_time import TIME_TOLERANCE, aerobic_floor, assembled, fit, item_minutes
from kneefit.models import (
    STAGE_LIMIT,
    Dose,
    DoseKind,
    Exercise,
    PainRule,
    PlanRequest,
    Routine,
    Step,
)
from kneefit.prescribe import (
    PhaseChoice,
    Prescribed,
    pain_ceiling,
    phases_for,
    prescribe,
    target_for,
    with_ceiling,
)
from kneefit.progression import MAX_STAGE, Decision, decided
from kneefit.reasons import Changed, ChangeKind, NothingLeftInPhase, Reason, SteppingUp
from kneefit.templates import PROGRESSING

#: How much a step adds: reps, and seconds of a hold.
REPS_STEP = 2
HOLD_STEP = 5
#: The longest hold a step grows to when the target names no hold of its own.
MAX_HOLD_SECONDS = 60
#: The least a step below the start leaves.
MIN_REPS = 5
MIN_HOLD_SECONDS = 10


class Change(NamedTuple):
    """One step: which exercise changed, how, and from what to what."""

    kind: ChangeKind
    before: Prescribed
    after: Prescribed


def _up(item: Prescribed, exercises: Mapping[str, Exercise], taken: set[str]) -> list[Change]:
    """The changes up open to ``item``, in the order double progression takes them: more
    reps (to the top of the range) or a longer hold, then one more set (to the most sets),
    then the next exercise of its role. The first that fits the session is made."""
    dose, target = item.dose, target_for(item.exercise, item.target)
    if target is not None and target.progress == "load" and dose.kind is DoseKind.REPS:
        return _heavier(item, exercises, taken)
    options: list[Change] = []
    reps_top = target.reps[1] if target is not None and target.reps is not None else None
    sets_top = target.sets[1] if target is not None and target.sets is not None else None
    reps = dose.reps if dose.kind is DoseKind.REPS else None
    if reps is not None and reps_top is not None and reps < reps_top:
        more = min(reps_top, reps + REPS_STEP)
        options.append(_changed(ChangeKind.REPS, item, dose.model_copy(update={"reps": more})))
    fixed_hold = target is not None and target.hold_seconds is not None
    hold = dose.hold_seconds if dose.kind is DoseKind.HOLD and not fixed_hold else None
    if hold is not None and hold < MAX_HOLD_SECONDS:
        longer = min(MAX_HOLD_SECONDS, hold + HOLD_STEP)
        options.append(
            _changed(ChangeKind.HOLD, item, dose.model_copy(update={"hold_seconds": longer}))
        )
    if sets_top is not None and dose.sets < sets_top:
        options.append(
            _changed(ChangeKind.SET, item, dose.model_copy(update={"sets": dose.sets + 1}))
        )
    options += _next_exercise(item, exercises, taken, _carried(dose, item.exercise))
    return options


def _next_exercise(
    item: Prescribed, exercises: Mapping[str, Exercise], taken: set[str], dose: Dose
) -> list[Change]:
    """The next exercise of ``item``'s role open to the person, at ``dose`` (carried over
    to its own way of dosing); none at the end of the role."""
    here = item.chain.index(item.exercise.id) if item.exercise.id in item.chain else -1
    for ident in item.chain[here + 1 :]:
        harder = exercises[ident]
        if ident in taken or harder.level.rank < item.exercise.level.rank:
            continue
        return [
            Change(
                ChangeKind.VARIANT,
                item,
                item._replace(exercise=harder, dose=_carried(dose, harder)),
            )
        ]
    return []


def _heavier(item: Prescribed, exercises: Mapping[str, Exercise], taken: set[str]) -> list[Change]:
    """Heavy slow resistance (Kongsgaard 2009; Malliaras 2015): one more set (to the most
    sets); then a heavier weight, the reps falling by 2 or 3 (15, 12, 10, 8, 6) to the
    fewest of the range; then the next exercise of the role, back at the most reps and
    the first weight."""
    dose, target = item.dose, item.target
    assert target is not None and target.reps is not None and dose.reps is not None
    fewest, most = target.reps
    options: list[Change] = []
    if target.sets is not None and dose.sets < target.sets[1]:
        options.append(
            _changed(ChangeKind.SET, item, dose.model_copy(update={"sets": dose.sets + 1}))
        )
    if dose.reps > fewest:
        fewer = max(fewest, dose.reps - (3 if dose.reps > 12 else 2))
        heavier = dose.model_copy(update={"reps": fewer, "load_steps": dose.load_steps + 1})
        options.append(_changed(ChangeKind.LOAD, item, heavier))
    options += _next_exercise(
        item, exercises, taken, dose.model_copy(update={"reps": most, "load_steps": 0})
    )
    return options


def _carried(dose: Dose, harder: Exercise) -> Dose:
    """``dose`` carried over to the harder exercise: the same sets and reps (or hold), so a
    step up never does less work; its own way of dosing where it differs. A hold on each
    rep goes with the exercise that has one (a terminal knee extension's 6 s is not carried
    to a sit to stand), as does the note on its dose."""
    own = harder.dose
    if own.kind is not dose.kind:
        return own.model_copy(update={"sets": max(own.sets, dose.sets)})
    update: dict[str, object] = {"per_side": own.per_side, "range_note": own.range_note}
    if dose.kind is DoseKind.REPS and not (dose.hold_seconds and own.hold_seconds):
        update["hold_seconds"] = own.hold_seconds
    return dose.model_copy(update=update)


def _down(item: Prescribed) -> list[Change]:
    """One step below the start for ``item``: 2 fewer reps or 5 s less hold; none at the
    least."""
    dose = item.dose
    if dose.kind is DoseKind.REPS and dose.reps is not None and dose.reps > MIN_REPS:
        fewer = max(MIN_REPS, dose.reps - REPS_STEP)
        return [_changed(ChangeKind.LIGHTER, item, dose.model_copy(update={"reps": fewer}))]
    if dose.hold_seconds is not None and dose.hold_seconds > MIN_HOLD_SECONDS:
        shorter = max(MIN_HOLD_SECONDS, dose.hold_seconds - HOLD_STEP)
        return [
            _changed(ChangeKind.LIGHTER, item, dose.model_copy(update={"hold_seconds": shorter}))
        ]
    return []


def _changed(kind: ChangeKind, item: Prescribed, dose: Dose) -> Change:
    return Change(kind, item, item._replace(dose=dose))


def stepped(
    items: Sequence[Prescribed],
    stage: int,
    budget: int,
    exercises: Mapping[str, Exercise],
) -> tuple[list[Prescribed], list[Change]]:
    """``items`` moved ``stage`` single changes (up when positive, down when negative), and
    the changes made in order: fewer than ``stage`` when the phase has no more to give."""
    current = list(items)
    changes: list[Change] = []
    turn = [i for i, p in enumerate(current) if p.exercise.category in PROGRESSING]
    if not turn or stage == 0:
        return current, changes
    high = budget * (1 + TIME_TOLERANCE)
    if stage < 0:
        turn.reverse()
    pointer = 0
    for _ in range(abs(stage)):
        total = sum(item_minutes(p) for p in current)
        taken = {p.exercise.id for p in current}
        made = None
        for offset in range(len(turn)):
            index = turn[(pointer + offset) % len(turn)]
            item = current[index]
            options = _up(item, exercises, taken) if stage > 0 else _down(item)
            # A change that would take the session past its minutes gives way to the next
            # one (a harder exercise takes no longer than more reps or another set). The
            # minutes aerobic work was given beyond the warm-up are room for it.
            spare = _spare_aerobic(current, budget)
            fitting = [
                c
                for c in options
                if stage < 0
                or total + item_minutes(c.after) - item_minutes(item) - spare <= high + 1e-9
            ]
            if not fitting:
                continue
            made = fitting[0]
            current[index] = made.after
            over = sum(item_minutes(p) for p in current) - high
            if stage > 0 and over > 1e-9:
                _shorten_aerobic(current, budget, over)
            changes.append(made)
            pointer = (pointer + offset + 1) % len(turn)
            break
        if made is None:
            break
    return current, changes


def _steps_open(items: Sequence[Prescribed], exercises: Mapping[str, Exercise]) -> bool:
    """Whether a step up is still open to one of ``items`` (one that did not fit the
    session's minutes, when stepping has stopped)."""
    taken = {p.exercise.id for p in items}
    return any(_up(p, exercises, taken) for p in items if p.exercise.category in PROGRESSING)


def _spare_aerobic(items: Sequence[Prescribed], budget: int) -> float:
    """Minutes of warm-up and aerobic work beyond what a session of ``budget`` starts with
    (the time left over when it was fitted): a step up may take them."""
    spare = 0.0
    for item in items:
        floor = aerobic_floor(item, budget)
        if floor is not None:
            spare += max(0.0, item_minutes(item) - floor)
    return spare


def _shorten_aerobic(items: list[Prescribed], budget: int, minutes: float) -> None:
    """Take ``minutes`` (rounded up to whole minutes) from the aerobic work in ``items``,
    never below its warm-up; the last aerobic item first."""
    left = math.ceil(minutes - 1e-9)
    for index in reversed(range(len(items))):
        item = items[index]
        floor = aerobic_floor(item, budget)
        if floor is None or left <= 0 or item.dose.minutes is None:
            continue
        cut = min(left, item.dose.minutes - math.ceil(floor))
        if cut > 0:
            dose = item.dose.model_copy(update={"minutes": item.dose.minutes - cut})
            items[index] = item._replace(dose=dose)
            left -= cut


def recorded(change: Change, *, taken_back: bool = False) -> Changed:
    """A step's change as the plan reports it (``taken_back``: a step down undid it)."""
    before, after = change.before, change.after
    return Changed(
        change.kind,
        before.exercise.name,
        after.exercise.name,
        before.dose,
        after.dose,
        taken_back=taken_back,
    )


def progressed_routine(
    catalogue: Catalogue,
    request: PlanRequest,
    phases: Sequence[PhaseChoice],
    decision: Decision | None,
) -> Routine:
    """The program's routine for ``request`` moved to the log's stage, saying what the last
    step changed (or took back) and why."""
    prescription, selection = prescribe(catalogue, request, phases)
    fitted = fit(prescription.items, request.minutes)
    stage = decision.stage if decision is not None and not decision.blocked else 0
    items, changes = stepped(fitted.items, stage, request.minutes, catalogue.exercises)
    routine = assembled(
        catalogue, request, prescription, selection, fitted._replace(items=tuple(items))
    )
    if decision is None:
        return routine
    reached = len(changes) if stage >= 0 else -len(changes)
    said: list[Changed] = []
    reasons = decision.reasons
    if decision.step is Step.UP and changes and reached == stage:
        said.append(recorded(changes[-1]))
    elif decision.step is Step.UP and reached < stage:
        reasons = (
            *(_unmade(r) for r in reasons),
            NothingLeftInPhase(full=_steps_open(items, catalogue.exercises)),
        )
    elif decision.step is Step.DOWN:
        _, more = stepped(fitted.items, stage + 1, request.minutes, catalogue.exercises)
        if stage >= 0 and len(more) > len(changes):
            said.append(recorded(more[-1], taken_back=True))
        elif changes:
            said.append(recorded(changes[-1]))
    return decided(routine, replace(decision, stage=reached, reasons=reasons), tuple(said))


def _unmade(reason: Reason) -> Reason:
    """``reason`` for a step up that found nothing to change: ready for more, not more."""
    if isinstance(reason, SteppingUp):
        return SteppingUp(reason.days, reason.pains, reason.ceiling, made=False)
    return reason


def deciding_rule(
    catalogue: Catalogue, request: PlanRequest, phase: str | None = None
) -> tuple[PainRule, int]:
    """The pain rule and the most steps up that the log's decision uses for ``request``:
    its programs' (the lowest pain ceiling; a step is one change), or, for a condition
    without a program, the catalogue's rule and the slot planner's steps."""
    conditions = [catalogue.conditions[c] for c in dict.fromkeys(request.conditions)]
    phases = phases_for(catalogue, conditions, phase)
    if phases is None:
        return catalogue.safety.pain_rule, MAX_STAGE
    return with_ceiling(catalogue.safety, pain_ceiling(catalogue, phases)).pain_rule, STAGE_LIMIT
