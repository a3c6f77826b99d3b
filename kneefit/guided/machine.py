"""The guided session as a pure state machine: a key or a tick of a clock in, a new state out.

Nothing here reads the clock, the terminal or the log: the caller passes the time with every
event (:func:`tick`, :func:`press`) and reads what to show from the state, and what to log
from it through :func:`kneefit.guided.outcome.outcome`. States are frozen, so a test can
keep any of them and replay from it. What a session is made of before it starts (its
exercises' blocks, the easier variants) is :mod:`kneefit.guided.session_plan`.

A session is a queue of exercises. Each exercise is a get-ready countdown, then its blocks
(a set, or one side of a set): a timed block (a hold, or minutes of cardio) counts down, a
block of reps waits for the person to say it is done. Rests count down between blocks.
After each exercise comes a one-key pain question; pain above the pain rule's acceptable
level stops the exercise and offers its easier variant for the rest of the session. Two
pain answers in a row above that level suggest stopping the session: Enter then ends it.
A pain answer above the level is never carried over to the next exercise by Enter alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from kneefit.guided.session_plan import Block, SessionPlan, blocks
from kneefit.i18n import _
from kneefit.models import (
    PlannedExercise,
    RedFlag,
)

#: Seconds to get into position before each exercise.
READY_SECONDS = 10
#: Seconds to change sides within a set.
SWITCH_SECONDS = 5
#: The shortest pause between sets, even when the dose gives no rest: time to reset.
MIN_REST_SECONDS = 5

#: Keys the machine knows (the terminal loop turns bytes into these).
ENTER = "enter"
ESCAPE = "escape"
BACKSPACE = "backspace"


class Phase(str, Enum):
    INTRO = "intro"  # the safety notes, before anything starts
    READY = "ready"  # get-ready countdown before an exercise
    WORK = "work"  # a timed block counting down
    REPS = "reps"  # a block of reps, ended by a key
    REST = "rest"  # countdown between blocks
    PAIN = "pain"  # after an exercise: pain now?
    STOPPED = "stopped"  # pain above the acceptable level: why, and the easier variant
    QUIT = "quit"  # q pressed: log what was done?
    RED_FLAG = "red-flag"  # r pressed: which warning sign? (it ends the session)
    ASK_PAIN = "ask-pain"  # at the end: pain during the session, 0 to 10
    ASK_EFFORT = "ask-effort"  # at the end: effort, 0 to 10
    SUMMARY = "summary"  # what was done, skipped and stopped
    DONE = "done"


#: Phases of an exercise in progress: the clock runs and space pauses them.
EXERCISE_PHASES = frozenset({Phase.READY, Phase.WORK, Phase.REPS, Phase.REST})
COUNTDOWNS = frozenset({Phase.READY, Phase.WORK, Phase.REST})
#: Phases whose time counts towards the session's minutes.
ACTIVE_PHASES = EXERCISE_PHASES | {Phase.PAIN, Phase.STOPPED}


class Status(str, Enum):
    DONE = "done"
    SKIPPED = "skipped"
    STOPPED = "stopped for pain"


@dataclass(frozen=True)
class Record:
    """How one exercise of the queue went."""

    index: int
    status: Status
    blocks_done: int
    cut_short: bool = False
    pain: int | None = None


@dataclass(frozen=True)
class State:
    plan: SessionPlan
    queue: tuple[PlannedExercise, ...]
    phase: Phase = Phase.INTRO
    #: The current exercise, as a position in ``queue``.
    index: int = 0
    #: The current block; in REST the next one; in PAIN and STOPPED how many were done.
    block: int = 0
    #: Seconds left in a countdown (READY, WORK, REST).
    remaining: float = 0.0
    #: Seconds into a block of reps.
    elapsed: float = 0.0
    #: A timed block of the current exercise was ended early.
    cut_short: bool = False
    #: Pain noted during the current exercise.
    current_pain: int | None = None
    paused: bool = False
    help: bool = False
    clock: float | None = None
    active_seconds: float = 0.0
    records: tuple[Record, ...] = ()
    #: The latest pain-now answer: what Enter means at the pain question.
    pain_now: int | None = None
    #: After a pain stop: the easier variant on offer.
    offer: PlannedExercise | None = None
    #: Pain answers above the acceptable level in a row (a lower answer starts it again).
    high_in_a_row: int = 0
    #: The session ended at the suggestion to stop it for pain.
    ended_for_pain: bool = False
    #: A warning sign noted during the session: it ends the session, and is logged.
    red_flag: RedFlag | None = None
    #: In QUIT: the state to carry on from.
    previous: State | None = None
    #: Digits typed at the final questions.
    entry: str = ""
    pain: int | None = None
    effort: int | None = None
    log: bool = False
    #: Counts changes of phase the person should hear (a terminal bell for each).
    chimes: int = 0
    #: A short line for the screen: what the last key did.
    message: str = ""

    # ------------------------------------------------------------------ views

    @property
    def item(self) -> PlannedExercise | None:
        return self.queue[self.index] if self.index < len(self.queue) else None

    @property
    def blocks(self) -> tuple[Block, ...]:
        item = self.item
        return blocks(item) if item is not None else ()

    @property
    def blocks_done(self) -> int:
        """Blocks of the current exercise finished so far."""
        if self.phase is Phase.READY:
            return 0
        return min(self.block, len(self.blocks))

    @property
    def progress(self) -> float:
        """How far through the session, 0 to 1."""
        if self.phase in (Phase.ASK_PAIN, Phase.ASK_EFFORT, Phase.SUMMARY, Phase.DONE):
            return 1.0
        if self.phase is Phase.INTRO or not self.queue:
            return 0.0
        if self.phase in (Phase.QUIT, Phase.RED_FLAG) and self.previous is not None:
            return self.previous.progress
        total = len(self.blocks) or 1
        done = 1.0 if self.phase in (Phase.PAIN, Phase.STOPPED) else self.blocks_done / total
        return min(1.0, (self.index + done) / len(self.queue))

    @property
    def default_pain(self) -> int | None:
        """What Enter means at the question of pain during the session: the highest noted."""
        noted = [r.pain for r in self.records if r.pain is not None]
        return max(noted) if noted else None

    @property
    def suggest_stopping(self) -> bool:
        """Whether the pain stop on show is the second in a row: time to end the session."""
        return self.phase is Phase.STOPPED and self.high_in_a_row >= 2

    @property
    def finished_in_pain(self) -> bool:
        """Whether the pain stop on show came after the exercise was done in full."""
        return self.phase is Phase.STOPPED and any(
            r.index == self.index and r.status is Status.DONE for r in self.records
        )

    @property
    def repeat_pain(self) -> int | None:
        """What Enter means at the pain question: the last answer, only while it was
        acceptable (a pain that stopped an exercise must be given again, never assumed)."""
        if self.pain_now is None or self.pain_now > self.plan.pain_rule.acceptable_max:
            return None
        return self.pain_now

    def has_work(self) -> bool:
        """Whether anything was done or stopped, so there is something to log."""
        return any(r.status is not Status.SKIPPED for r in self.records)


def start(plan: SessionPlan, now: float) -> State:
    """The session before it begins: the safety notes, waiting for Enter."""
    return State(plan=plan, queue=plan.items, clock=now)


# ---------------------------------------------------------------------- events


def tick(state: State, now: float) -> State:
    """Let the clock run to ``now``: countdowns go down, and end into what follows them."""
    if state.clock is None:
        return replace(state, clock=now)
    dt = max(0.0, now - state.clock)
    state = replace(state, clock=now)
    if state.paused or state.help or state.phase not in ACTIVE_PHASES:
        return state
    state = replace(state, active_seconds=state.active_seconds + dt)
    if state.phase is Phase.REPS:
        return replace(state, elapsed=state.elapsed + dt)
    while state.phase in COUNTDOWNS and dt > 0:
        if dt < state.remaining:
            return replace(state, remaining=state.remaining - dt)
        dt -= state.remaining
        state = _countdown_over(state)
    return state


def suspended(state: State, now: float) -> State:
    """The program was stopped (Ctrl-Z) until ``now``: that time does not count, and an
    exercise in progress waits, paused, for the person to come back to it."""
    paused = state.paused or state.phase in EXERCISE_PHASES
    return replace(state, clock=now, paused=paused)


def press(state: State, key: str, now: float) -> State:
    """The person pressed ``key`` (a character, or ENTER, ESCAPE or BACKSPACE) at ``now``."""
    state = replace(tick(state, now), message="")
    if state.phase is Phase.DONE:
        return state
    if state.help:
        return replace(state, help=False)
    if key == "?":
        return replace(state, help=True)
    key = key.lower() if len(key) == 1 else key
    handler = _HANDLERS[state.phase]
    return handler(state, key)


def answer_pain(state: State, pain: int, now: float) -> State:
    """A pain of ``pain`` (0 to 10) typed as a number at ``now`` (the plain, line-by-line
    session, where 10 can be typed): as the keys 0-9 are, where they do something."""
    state = replace(tick(state, now), message="")
    if state.help or state.phase not in (*EXERCISE_PHASES, Phase.PAIN):
        return state
    return _pain(state, max(0, min(10, pain)))


def _intro(state: State, key: str) -> State:
    if key in (ENTER, "n", " "):
        return _ready(state, 0) if state.queue else _finish(state)
    if key == "q":
        return replace(state, phase=Phase.DONE, log=False)
    return state


def _exercise(state: State, key: str) -> State:
    if key == " ":
        return replace(state, paused=not state.paused)
    if key.isdigit() and len(key) == 1:
        return _pain(state, int(key))
    if key == "s":
        skipped = _record(state, Status.SKIPPED, 0)
        return _next_exercise(
            replace(skipped, message=_("Skipped {exercise}.").format(exercise=_name(state)))
        )
    if key == "b":
        return _back(state)
    if key == "q":
        return _quit(state)
    if key == "r" and state.plan.red_flags:
        return _ask_red_flag(state)
    state = replace(state, paused=False)
    if key == "n" or (key == ENTER and state.phase is Phase.REPS):
        if state.phase is Phase.READY:
            return _begin_block(state, 0)
        if state.phase is Phase.REST:
            return _begin_block(state, state.block)
        return _block_done(state, cut_short=state.phase is Phase.WORK)
    return state


def _pain_question(state: State, key: str) -> State:
    if key.isdigit() and len(key) == 1:
        return _pain(state, int(key))
    if key == ENTER:
        if state.repeat_pain is not None:
            return _pain(state, state.repeat_pain)
        if state.pain_now is not None:
            # The last answer stopped an exercise: Enter alone must not stop this one too.
            return replace(state, message=_("Type a number for your pain now, 0 to 9."))
        return _next_exercise(_record(state, Status.DONE, len(state.blocks)))
    if key == "b":
        return _back(state)
    if key == "q":
        return _quit(state)
    if key == "r" and state.plan.red_flags:
        return _ask_red_flag(state)
    return state


def _stopped(state: State, key: str) -> State:
    if key == "e" and state.offer is not None:
        queue = (*state.queue[: state.index + 1], state.offer, *state.queue[state.index + 1 :])
        return _next_exercise(replace(state, queue=queue, offer=None))
    if key == ENTER and state.suggest_stopping:
        return _finish(replace(state, ended_for_pain=True))
    if key in (ENTER, "n"):
        return _next_exercise(replace(state, offer=None))
    if key == "b":
        return _back(state)
    if key == "q":
        return _quit(state)
    if key == "r" and state.plan.red_flags:
        return _ask_red_flag(state)
    return state


def _red_flag_question(state: State, key: str) -> State:
    before = state.previous
    assert before is not None
    if key in ("c", ESCAPE):
        return replace(before, clock=state.clock, message="")
    flags = state.plan.red_flags
    if key.isdigit() and len(key) == 1 and 1 <= int(key) <= len(flags):
        if before.phase in (*EXERCISE_PHASES, Phase.PAIN) and before.blocks_done:
            before = _record(before, Status.DONE, before.blocks_done)
        flagged = replace(before, clock=state.clock, red_flag=flags[int(key) - 1])
        return _finish(flagged)
    return state


def _quit_question(state: State, key: str) -> State:
    before = state.previous
    assert before is not None
    if key in ("c", ESCAPE):
        return replace(before, clock=state.clock, message="")
    if key == "n":
        return replace(state, phase=Phase.DONE, log=False, previous=None)
    if key == "y":
        if before.phase in (Phase.ASK_PAIN, Phase.ASK_EFFORT):
            return replace(before, clock=state.clock)
        if before.phase in (*EXERCISE_PHASES, Phase.PAIN) and before.blocks_done:
            before = _record(before, Status.DONE, before.blocks_done)
        return _finish(replace(before, clock=state.clock))
    return state


def _question(state: State, key: str) -> State:
    if key == "q":
        return _quit(state)
    if key == BACKSPACE:
        return replace(state, entry=state.entry[:-1])
    if key.isdigit() and len(key) == 1:
        candidate = state.entry + key
        entry = candidate if len(candidate) <= 2 and int(candidate) <= 10 else key
        return replace(state, entry=entry)
    if key != ENTER:
        return state
    default = state.default_pain if state.phase is Phase.ASK_PAIN else None
    value = int(state.entry) if state.entry else default
    if value is None:
        return replace(state, message=_("Type a number from 0 to 10, then Enter."))
    if state.phase is Phase.ASK_PAIN:
        return _chime(replace(state, phase=Phase.ASK_EFFORT, pain=value, entry=""))
    return _chime(replace(state, phase=Phase.SUMMARY, effort=value, entry="", log=True))


def _summary(state: State, key: str) -> State:
    if key in (ENTER, "q", "n"):
        return replace(state, phase=Phase.DONE)
    return state


def _done(state: State, key: str) -> State:
    return state


_HANDLERS = {
    Phase.INTRO: _intro,
    Phase.READY: _exercise,
    Phase.WORK: _exercise,
    Phase.REPS: _exercise,
    Phase.REST: _exercise,
    Phase.PAIN: _pain_question,
    Phase.STOPPED: _stopped,
    Phase.QUIT: _quit_question,
    Phase.RED_FLAG: _red_flag_question,
    Phase.ASK_PAIN: _question,
    Phase.ASK_EFFORT: _question,
    Phase.SUMMARY: _summary,
    Phase.DONE: _done,
}


# ---------------------------------------------------------------------- transitions


def _chime(state: State) -> State:
    return replace(state, chimes=state.chimes + 1)


def _name(state: State) -> str:
    item = state.item
    return item.exercise.name if item is not None else ""


def _ready(state: State, index: int) -> State:
    return _chime(
        replace(
            state,
            phase=Phase.READY,
            index=index,
            block=0,
            remaining=float(READY_SECONDS),
            elapsed=0.0,
            cut_short=False,
            current_pain=None,
            paused=False,
            offer=None,
        )
    )


def _begin_block(state: State, number: int) -> State:
    block = state.blocks[number]
    if block.seconds is None:
        return _chime(replace(state, phase=Phase.REPS, block=number, elapsed=0.0, paused=False))
    return _chime(
        replace(state, phase=Phase.WORK, block=number, remaining=float(block.seconds), paused=False)
    )


def _block_done(state: State, cut_short: bool = False) -> State:
    all_blocks = state.blocks
    state = replace(state, cut_short=state.cut_short or cut_short, paused=False)
    following = state.block + 1
    if following < len(all_blocks):
        same_set = all_blocks[following].set == all_blocks[state.block].set
        item = state.item
        assert item is not None
        gap = SWITCH_SECONDS if same_set else max(item.dose.rest_seconds, MIN_REST_SECONDS)
        return _chime(replace(state, phase=Phase.REST, block=following, remaining=float(gap)))
    return _chime(replace(state, phase=Phase.PAIN, block=len(all_blocks)))


def _countdown_over(state: State) -> State:
    if state.phase is Phase.READY:
        return _begin_block(state, 0)
    if state.phase is Phase.REST:
        return _begin_block(state, state.block)
    return _block_done(state)


def _record(state: State, status: Status, blocks_done: int, pain: int | None = None) -> State:
    record = Record(
        state.index,
        status,
        blocks_done,
        cut_short=state.cut_short if status is not Status.SKIPPED else False,
        pain=pain if pain is not None else state.current_pain,
    )
    kept = tuple(r for r in state.records if r.index != state.index)
    return replace(state, records=tuple(sorted((*kept, record), key=lambda r: r.index)))


def _next_exercise(state: State) -> State:
    if state.index + 1 < len(state.queue):
        return _ready(state, state.index + 1)
    return _finish(replace(state, index=len(state.queue)))


def _finish(state: State) -> State:
    """The exercises are over (or the person stopped): ask about the session, or sum up."""
    state = replace(state, paused=False, previous=None, entry="", offer=None)
    if not state.has_work() and state.red_flag is None:
        return _chime(
            replace(
                state,
                phase=Phase.SUMMARY,
                log=False,
                message=_("Nothing was done, so there is nothing to log."),
            )
        )
    return _chime(replace(state, phase=Phase.ASK_PAIN))


def _pain(state: State, pain: int) -> State:
    """Pain now: above the acceptable level it stops the exercise (or, after one, says it was
    too much); otherwise it is noted, and after an exercise it goes on to the next."""
    rule = state.plan.pain_rule
    high = pain > rule.acceptable_max
    state = replace(state, pain_now=pain, high_in_a_row=state.high_in_a_row + 1 if high else 0)
    if high:
        item = state.item
        assert item is not None
        # Done in full, then too much: it is logged as done (with the pain in the notes),
        # and its easier variant is for next time, not for now.
        finished = state.phase is Phase.PAIN
        stopped = _record(
            state, Status.DONE if finished else Status.STOPPED, state.blocks_done, pain
        )
        offer = None if finished else state.plan.easier.get(item.exercise.id)
        if offer is not None and any(q.exercise.id == offer.exercise.id for q in state.queue):
            offer = None
        return _chime(
            replace(stopped, phase=Phase.STOPPED, offer=offer, paused=False, current_pain=pain)
        )
    if state.phase is Phase.PAIN:
        return _next_exercise(_record(state, Status.DONE, len(state.blocks), pain))
    return replace(state, current_pain=pain, message=_("Pain {pain}/10 noted.").format(pain=pain))


def _back(state: State) -> State:
    """Back one exercise (or to the start of the first), forgetting how it went."""
    index = max(0, state.index - 1)
    records = tuple(r for r in state.records if r.index < index)
    return _ready(replace(state, records=records), index)


def _quit(state: State) -> State:
    return replace(state, phase=Phase.QUIT, previous=state, paused=False)


def _ask_red_flag(state: State) -> State:
    return _chime(replace(state, phase=Phase.RED_FLAG, previous=state, paused=False))
