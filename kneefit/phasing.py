"""Where a person is in their program, and when their log moves them on to the next phase.

A plan follows the phase each condition starts a person in, unless ``--phase`` names a
later one, or the log shows that the plan moved on: each session records the phase it was
done in (as ``program/phase``) when that was not a starting phase, and the next plan
carries on from the latest session's.

A phase whose template gives ``advance`` (see :class:`kneefit.templates.Advance`) is left
for the next when the log shows all of it: enough weeks and sessions in the phase; every
session of the last week in it (two or more) at or below the pain it names, with no red
flag, each settled by the next morning to the person's usual level; and, where it asks,
every exercise progressed to the top of the phase. The move is announced with the numbers
that made it, and the exercises start again at the bottom of the new phase's ranges. A
phase without ``advance`` whose plan has run out of steps says what the next phase is and
that a clinician should check its criteria first. Nothing here reads the log or the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import NamedTuple

from kneefit.catalogue import Catalogue
from kneefit.catalogue.lookup import normalise
from kneefit.errors import UsageError
from kneefit.models import PlanRequest, Progression, Routine, Schedule, Session, Step
from kneefit.prescribe import PhaseChoice, phases_for
from kneefit.progression import Decision, usual_next_morning
from kneefit.reasons import MovedOn, NothingLeftInPhase, ReadyForNextPhase
from kneefit.templates import Phase

#: "The last week" of a phase, in days.
WEEK_DAYS = 7


def phase_key(choice: PhaseChoice) -> str:
    """The phase as a log records it: ``program/phase``."""
    return f"{choice.program.id}/{choice.phase.id}"


def _choices(
    catalogue: Catalogue, request: PlanRequest, phase: str | None
) -> tuple[PhaseChoice, ...] | None:
    conditions = [catalogue.conditions[c] for c in dict.fromkeys(request.conditions)]
    return phases_for(catalogue, conditions, phase)


def logged_phase(
    catalogue: Catalogue, request: PlanRequest, sessions: Sequence[Session]
) -> str | None:
    """The phase the latest session was done in, if the request's programs still have it
    (None: their starting phases)."""
    if not sessions:
        return None
    latest = max(sessions, key=lambda s: (s.date, s.id or 0))
    if latest.phase is None:
        return None
    try:
        found = _choices(catalogue, request, latest.phase)
    except UsageError:  # the conditions changed: that program is no longer theirs
        return None
    return latest.phase if found is not None else None


def _next(choice: PhaseChoice) -> Phase | None:
    phases = choice.program.phases
    index = phases.index(choice.phase)
    return phases[index + 1] if index + 1 < len(phases) else None


def _in_phase(choice: PhaseChoice, ordered: Sequence[Session]) -> list[Session]:
    """The latest run of sessions done in ``choice``'s phase, oldest first."""
    key = phase_key(choice)
    starting = bool(choice.phase.conditions)
    run: list[Session] = []
    for session in reversed(ordered):
        if session.phase == key or (session.phase is None and starting):
            run.append(session)
        else:
            break
    return run[::-1]


def _settled(session: Session, earlier: Sequence[Session]) -> bool:
    morning = session.next_morning_pain
    if morning is None:
        return False
    usual = usual_next_morning(earlier, morning)
    return usual is None or morning <= usual


def _ready(choice: PhaseChoice, ordered: Sequence[Session], at_top: bool) -> MovedOn | None:
    """The move out of ``choice``'s phase its ``advance`` allows, or None."""
    advance, after = choice.phase.advance, _next(choice)
    if advance is None or after is None:
        return None
    run = _in_phase(choice, ordered)
    if len(run) < advance.sessions or (advance.top_step and not at_top):
        return None
    first, latest = run[0], run[-1]
    if (latest.date - first.date).days < advance.weeks * WEEK_DAYS:
        return None
    last_week = [s for s in run if s.date > latest.date - timedelta(days=WEEK_DAYS)]
    if len(last_week) < 2:
        return None
    for session in last_week:
        if session.pain > advance.pain_at_most or session.red_flags:
            return None
        earlier = ordered[: ordered.index(session)]
        if not _settled(session, earlier):
            return None
    return MovedOn(
        program=choice.program.name,
        before=choice.phase.name,
        before_id=choice.phase.id,
        after=after.name,
        weeks=advance.weeks,
        sessions=advance.sessions,
        pain_at_most=advance.pain_at_most,
    )


class Move(NamedTuple):
    """The phase the next plan follows, and the decision that moved it there."""

    phase: str
    decision: Decision


def moved_on(
    catalogue: Catalogue,
    request: PlanRequest,
    phase: str | None,
    sessions: Sequence[Session],
    decision: Decision,
    routine: Routine,
) -> Move | None:
    """The next phase, when the log meets the ``advance`` criteria of the phase the plan
    follows (``phase``: the phase named or logged; ``routine``: the plan made in it, to
    know whether its steps have run out); None to stay. Only a decision to step up (or to
    hold at the highest step) moves on: pain, effort or a red flag hold the phase."""
    if decision.blocked or decision.step is not Step.UP:
        return None
    choices = _choices(catalogue, request, phase)
    if choices is None:
        return None
    ordered = sorted(sessions, key=lambda s: (s.date, s.id or 0))
    progression = routine.progression
    at_top = _steps_ran_out(progression)
    for choice in choices:
        reason = _ready(choice, ordered, at_top)
        after = _next(choice)
        if reason is not None and after is not None:
            key = f"{choice.program.id}/{after.id}"
            return Move(key, Decision(Step.UP, 0, (reason,)))
    return None


def _steps_ran_out(progression: Progression | None) -> bool:
    """Whether the plan's steps have run out in its phase (by the minutes or the ranges)."""
    return progression is not None and any(
        isinstance(r, NothingLeftInPhase) for r in progression.reasons
    )


def next_phase_notes(
    catalogue: Catalogue, request: PlanRequest, phase: str | None, routine: Routine
) -> tuple[ReadyForNextPhase, ...]:
    """For a plan whose steps have run out: each of its phases that kneefit does not leave
    by itself, with the next phase, for the person to check with their clinician."""
    progression = routine.progression
    if not _steps_ran_out(progression):
        return ()
    choices = _choices(catalogue, request, phase) or ()
    notes = []
    for choice in choices:
        after = _next(choice)
        if after is None or choice.phase.advance is not None:
            continue
        condition = after.conditions[0] if after.conditions else None
        notes.append(
            ReadyForNextPhase(
                phase=choice.phase.name,
                next_phase=after.name,
                next_id=after.id,
                next_condition=condition,
            )
        )
    return tuple(notes)


def recorded_phase(catalogue: Catalogue, request: PlanRequest, phase: str | None) -> str | None:
    """``phase`` (an id, a name or a key) as a log records it, ``program/phase``; None
    for no phase named or conditions without a program. A starting phase named is kept
    too: the next plan then stays in it rather than in a later phase logged before."""
    if phase is None:
        return None
    named = _choices(catalogue, request, phase)
    if named is None:
        return None
    starting = _choices(catalogue, request, None) or ()
    for choice in named:
        if choice not in starting:
            return phase_key(choice)
    program_id, _, name = phase.rpartition("/")
    for choice in named:
        if (not program_id or choice.program.id == program_id) and normalise(name) in (
            choice.phase.id,
            normalise(choice.phase.name),
        ):
            return phase_key(choice)
    return None


def followed(
    catalogue: Catalogue,
    request: PlanRequest,
    phase: str | None,
    sessions: Sequence[Session],
    decision: Decision | None,
    make: Callable[[str | None, Decision | None], Schedule],
    *,
    pinned: bool = False,
) -> tuple[Schedule, str | None, Decision | None]:
    """The plan ``make`` gives in ``phase``, or in the next phase when the log has met the
    criteria for moving on (not when the phase was ``pinned`` by ``--phase``); with, when
    its steps have run out, what the next phase is. Returns the schedule, the phase it
    follows (as a log records it: ``program/phase``, None for the starting phases) and
    the decision it carries."""
    schedule = make(phase, decision)
    phase = recorded_phase(catalogue, request, phase)
    if decision is None:
        return schedule, phase, decision
    if not pinned:
        move = moved_on(catalogue, request, phase, sessions, decision, schedule.routine)
        if move is not None:
            return make(move.phase, move.decision), move.phase, move.decision
    notes = next_phase_notes(catalogue, request, phase, schedule.routine)
    progression = schedule.routine.progression
    if notes and progression is not None:
        told = replace(progression, reasons=(*progression.reasons, *notes))
        schedule = replace(schedule, routine=replace(schedule.routine, progression=told))
    return schedule, phase, decision
