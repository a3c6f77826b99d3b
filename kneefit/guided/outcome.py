"""What a guided session did, read from the machine's last state: each exercise done,
skipped or stopped for pain, what was done of its dose, and whether to log it."""

from __future__ import annotations

from dataclasses import dataclass

from kneefit.guided.machine import Phase, Record, State, Status
from kneefit.guided.session_plan import blocks
from kneefit.models import LoggedDose, PlannedExercise, RedFlag, Shortfall


@dataclass(frozen=True)
class ExerciseOutcome:
    """One exercise of the session: its id, name, and what was done of its dose."""

    id: str
    name: str
    dose: LoggedDose
    pain: int | None = None
    #: Sets (or sides of sets) finished: 0 for an exercise stopped before any.
    blocks_done: int = 0


@dataclass(frozen=True)
class GuidedOutcome:
    """What a guided session did, and what to log."""

    done: tuple[ExerciseOutcome, ...]
    skipped: tuple[ExerciseOutcome, ...]
    stopped: tuple[ExerciseOutcome, ...]
    minutes: float
    pain: int | None
    effort: int | None
    log: bool
    #: Names of the exercises the session never came to (it was stopped before them).
    not_reached: tuple[str, ...] = ()
    #: The session was ended at the suggestion to stop for pain (two high answers in a row).
    ended_for_pain: bool = False
    #: A warning sign noted during the session (it ended the session).
    red_flag: RedFlag | None = None


def done_dose(item: PlannedExercise, record: Record) -> LoggedDose:
    """What was done of ``item``'s dose, as data: the dose planned, and how much of it was
    done when not all of it (``LoggedDose.describe`` words it)."""
    planned = item.dose.for_session()
    if record.status is Status.SKIPPED:
        return LoggedDose(dose=planned)
    whole = record.blocks_done >= len(blocks(item))
    stopped = record.status is Status.STOPPED
    if whole and not record.cut_short and not stopped:
        return LoggedDose(dose=planned)
    short = Shortfall(
        blocks_done=None if whole else record.blocks_done,
        ended_early=record.cut_short,
        stopped_for_pain=record.pain if stopped else None,
    )
    return LoggedDose(dose=planned, shortfall=short)


def outcome(state: State) -> GuidedOutcome:
    """What the session did: each exercise once, by what happened to it, and what to log."""
    by_status: dict[Status, list[ExerciseOutcome]] = {s: [] for s in Status}
    for record in state.records:
        item = state.queue[record.index]
        by_status[record.status].append(
            ExerciseOutcome(
                item.exercise.id,
                item.exercise.name,
                done_dose(item, record),
                record.pain,
                record.blocks_done,
            )
        )
    return GuidedOutcome(
        done=tuple(by_status[Status.DONE]),
        skipped=tuple(by_status[Status.SKIPPED]),
        stopped=tuple(by_status[Status.STOPPED]),
        minutes=round(state.active_seconds / 60, 1),
        pain=state.pain,
        effort=state.effort,
        log=state.log
        and state.phase is Phase.DONE
        and (state.has_work() or state.red_flag is not None),
        not_reached=tuple(
            item.exercise.name
            for index, item in enumerate(state.queue)
            if index not in {r.index for r in state.records}
        ),
        ended_for_pain=state.ended_for_pain,
        red_flag=state.red_flag,
    )
