"""The guided session as plain lines (``kneefit start --plain``), for screen readers and
terminals that cannot show a full screen.

The same machine as the full screen (:mod:`kneefit.guided.machine`), drawn differently:
nothing is redrawn and the terminal is left as it is (no alternate screen, no cbreak mode).
Each step of the session is said once, in whole lines, when it begins; every prompt is one
line that ends in what to type, and the person answers with a line (a key, or a number,
then Enter). Countdowns still run: when one ends, the next step is said.

``say``, ``prompt`` and ``events`` are pure (a state in, lines or keys out); ``run_plain``
is the loop that reads lines and the clock.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import textwrap
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import FrameType
from typing import TextIO

from kneefit.guided import machine, session_plan
from kneefit.guided.machine import ENTER, EXERCISE_PHASES, Phase, State
from kneefit.guided.outcome import GuidedOutcome, outcome
from kneefit.guided.words import (
    PACE,
    category_label,
    red_flag_words,
    side_words,
    stop_words,
    summary_lines,
)
from kneefit.i18n import N_, _, ngettext, pgettext
from kneefit.models import DoseKind, PainRule, PlannedExercise, RedFlag
from kneefit.render.common import session_dose_text
from kneefit.stand_ins import stand_in

#: How often the clock ticks when no line comes, in seconds.
TICK_SECONDS = 0.2

#: An event for the machine: a key, or a pain typed as a number (0 to 10).
Event = str | int


def _exercise_keys(state: State) -> str:
    """Keys that do the same during every part of an exercise, for its prompts."""
    red = _red(state)
    return _("s skip, b back, p pause, 0 to 10 pain now, q quit, {red}? help").format(red=red)


def _red(state: State) -> str:
    """The red-flag key in a list of keys, when the plan has red flags."""
    return _("r red flag, ") if state.plan.red_flags else ""


HELP = (
    N_("Keys, each followed by Enter:"),
    N_("Enter alone: what the prompt says (start, a set done, go on)."),
    N_("p: pause, and go on again."),
    N_("s: skip this exercise (it is logged as skipped)."),
    N_("b: back one exercise, to do it again."),
    N_("A number from 0 to 10: your pain now; above the acceptable level it stops the exercise."),
    N_("e: after a pain stop, the easier variant in its place, where there is one."),
    N_("q: stop the session (it asks whether to log what you did)."),
    N_("r: a red flag, a warning sign such as a locked knee; it ends the session."),
    N_("Ctrl-C: leave at once; nothing is logged."),
    N_("The clock waits while this help is open."),
)


def step(state: State) -> tuple[object, ...]:
    """What identifies the step on show: the lines are said again only when it changes."""
    return (state.phase, state.index, state.block, state.paused, state.help, len(state.queue))


def _where(state: State) -> str:
    block = state.blocks[min(state.block, len(state.blocks) - 1)]
    where = _("set {number} of {count}").format(number=block.set, count=block.sets)
    return f"{where}, {side_words(block.side, state.plan.knee)}" if block.side else where


def _rule(rule: PainRule) -> str:
    if rule.acceptable_max <= rule.safe_max:  # a program's ceiling as low as the safe level
        return _("0 to {safe} is safe, above {acceptable} too much").format(
            safe=rule.safe_max, acceptable=rule.acceptable_max
        )
    low, high = rule.safe_max + 1, rule.acceptable_max
    band = (
        str(high)
        if low == high
        else pgettext("pain band", "{low} to {high}").format(low=low, high=high)
    )
    return _("0 to {safe} is safe, {band} acceptable if it settles, above {high} too much").format(
        safe=rule.safe_max, band=band, high=high
    )


def say(state: State) -> list[str]:
    """The lines that tell the person about the step ``state`` is at (its prompt apart)."""
    if state.help:
        return [_(line) for line in HELP]
    if state.phase in EXERCISE_PHASES and state.paused:
        return [_("Paused.")]
    said = _SAYS.get(state.phase)
    return said(state) if said is not None else []


def _intro(state: State) -> list[str]:
    """The session before it starts: its size, the notes, the pain rule and the stop rule."""
    rule = state.plan.pain_rule
    count, minutes = len(state.queue), round(sum(i.minutes for i in state.queue))
    lines = [
        _("Today's session: {exercises}, about {minutes}.").format(
            exercises=ngettext("{count} exercise", "{count} exercises", count).format(count=count),
            minutes=ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes),
        )
    ]
    lines += [_("Before you start: {note}").format(note=note) for note in state.plan.notes]
    stop = stop_words(state.plan.red_flags)
    return [
        *lines,
        _(
            "Pain as you go, 0 to 10: {rule}. After each exercise kneefit asks; you can also "
            "type a number at any time."
        ).format(rule=_rule(rule)),
        stop,
    ]


def _ready(state: State) -> list[str]:
    """Getting ready: the exercise, its dose, its steps and form cues."""
    item = state.item
    assert item is not None
    exercise = item.exercise
    lines = [
        _("Exercise {number} of {count}, {category}: {exercise}, {dose}.").format(
            number=state.index + 1,
            count=len(state.queue),
            category=category_label(exercise.category).lower(),
            exercise=exercise.name,
            dose=session_dose_text(item.dose),
        ),
        _("How to do it:"),
        *(f"{number}. {text}" for number, text in enumerate(exercise.steps, 1)),
    ]
    if exercise.cues:
        lines += [_("Form:"), *(f"- {cue}" for cue in exercise.cues)]
    return [
        *lines,
        _("Get ready: {seconds} seconds to get into position.").format(
            seconds=machine.READY_SECONDS
        ),
    ]


def _work(state: State) -> list[str]:
    """A timed block: go (cardio) or hold."""
    item = state.item
    assert item is not None
    left = _span(state.remaining)
    if item.dose.kind is DoseKind.MINUTES:
        return [
            _("Go, {where}: {time} at a steady pace you can talk at.").format(
                where=_where(state), time=left
            )
        ]
    return [
        _("Hold, {where}: {time}. Hold it steady and keep breathing.").format(
            where=_where(state), time=left
        )
    ]


def _reps(state: State) -> list[str]:
    """A block of reps, at its pace."""
    item = state.item
    assert item is not None
    if item.dose.hold_seconds:
        pace = _("each rep, move slowly into it, hold {seconds} s, ease off").format(
            seconds=item.dose.hold_seconds
        )
    else:
        pace = _(PACE)
    return [
        _("Now {where}: {reps} reps. Pace: {pace}.").format(
            where=_where(state), reps=item.dose.reps, pace=pace
        )
    ]


def _rest(state: State) -> list[str]:
    """A rest, or a switch of sides, before the next block."""
    before = state.blocks[state.block - 1]
    switch = before.set == state.blocks[state.block].set
    if switch:
        text = _("Switch sides: {time}. Next: {where}.")
    else:
        text = _("Rest: {time}. Next: {where}.")
    return [text.format(time=_span(state.remaining), where=_where(state))]


def _pain(state: State) -> list[str]:
    """An exercise done: pain now?"""
    item = state.item
    rule = state.plan.pain_rule
    assert item is not None
    return [
        _("{exercise}: done. Pain now? {rule}.").format(
            exercise=item.exercise.name, rule=_rule(rule)
        )
    ]


def _stopped(state: State) -> list[str]:
    """Pain above the acceptable level: why it stopped, the stop rule, the easier variant."""
    item = state.item
    rule = state.plan.pain_rule
    assert item is not None
    if state.finished_in_pain:
        said = _("{exercise}: done, but pain {pain} is above the acceptable {acceptable}.").format(
            exercise=item.exercise.name, pain=state.current_pain, acceptable=rule.acceptable_max
        )
    else:
        said = _(
            "{exercise}: stopped. Pain {pain} is above the acceptable {acceptable}, so this "
            "exercise stops here."
        ).format(
            exercise=item.exercise.name, pain=state.current_pain, acceptable=rule.acceptable_max
        )
    lines = [
        said,
        rule.stop,
    ]
    if state.suggest_stopping:
        lines.append(
            _("That is twice in a row above {acceptable}: stop the session here for today.").format(
                acceptable=rule.acceptable_max
            )
        )
    if state.offer is not None:
        offer = state.offer
        lines.append(
            _("Easier variant: {exercise}, {dose}.").format(
                exercise=offer.exercise.name, dose=session_dose_text(offer.dose)
            )
        )
    return lines


def _quit(state: State) -> list[str]:
    """q pressed: stop here?"""
    return [_("Stop the session here?")]


def _red_flag(state: State) -> list[str]:
    """r pressed: which warning sign?"""
    return [
        _("Which warning sign? It ends the session, and it is logged."),
        *(
            f"{number}. {flag.handout_sign or flag.sign}"
            for number, flag in enumerate(state.plan.red_flags, 1)
        ),
    ]


def _ask_pain(state: State) -> list[str]:
    """The end: the first of the two questions for the log."""
    early = state.index < len(state.queue)
    title = _("Stopping here.") if early else _("The session is over. Well done.")
    if state.red_flag is not None:
        title = _("Stopping here: a red flag.")
    return [title, _("Two questions for your log.")]


def _ask_effort(state: State) -> list[str]:
    """The end: the second question."""
    return [_("Pain during the session: {pain}.").format(pain=state.pain)]


def _summary(state: State) -> list[str]:
    """What was done, skipped and stopped, and a warning sign's advice."""
    lines = [_("Summary."), *summary_lines(outcome(state), 10_000)]
    if state.red_flag is not None:
        lines += red_flag_words(state.red_flag)
    return lines


#: What each phase says, in the order a session goes through them.
_SAYS: Mapping[Phase, Callable[[State], list[str]]] = {
    Phase.INTRO: _intro,
    Phase.READY: _ready,
    Phase.WORK: _work,
    Phase.REPS: _reps,
    Phase.REST: _rest,
    Phase.PAIN: _pain,
    Phase.STOPPED: _stopped,
    Phase.QUIT: _quit,
    Phase.RED_FLAG: _red_flag,
    Phase.ASK_PAIN: _ask_pain,
    Phase.ASK_EFFORT: _ask_effort,
    Phase.SUMMARY: _summary,
}


def _span(seconds: float) -> str:
    whole = max(0, round(seconds))
    minutes, rest = divmod(whole, 60)
    if minutes and rest:
        return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=rest)
    if minutes:
        return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
    return _("{count} seconds").format(count=rest)


def prompt(state: State, will_log: bool = True) -> str:
    """The one line that says what to type now; it ends in the choices."""
    if state.help:
        return _("Press Enter to go back.")
    phase = state.phase
    red = _red(state)
    if phase is Phase.INTRO:
        return _("Press Enter to begin, or type q and Enter to leave.")
    if phase in EXERCISE_PHASES and state.paused:
        return _("Press Enter to go on; or type s skip, b back, q quit, ? help.")
    if phase in EXERCISE_PHASES:
        keys = _exercise_keys(state)
        if phase is Phase.READY:
            return _("Press Enter to start now; or type {keys}.").format(keys=keys)
        if phase is Phase.WORK:
            return _("Press Enter when done early; or type {keys}.").format(keys=keys)
        if phase is Phase.REPS:
            return _("Press Enter when the set is done; or type {keys}.").format(keys=keys)
        return _("Press Enter to go on now; or type {keys}.").format(keys=keys)
    if phase is Phase.PAIN:
        if state.repeat_pain is not None:
            enter = _(" (Enter alone: the same as before, {pain})").format(pain=state.repeat_pain)
        elif state.pain_now is None:
            enter = _(" (Enter alone: go on)")
        else:
            enter = ""
        return _(
            "Type your pain now, 0 to 10, and Enter{enter}; or b back, q quit, {red}? help."
        ).format(enter=enter, red=red)
    if phase is Phase.STOPPED:
        variant = _("e the easier variant, ") if state.offer is not None else ""
        if state.suggest_stopping:
            return _(
                "Press Enter to stop the session; or type {variant}n go on anyway, b back, "
                "q quit, {red}? help."
            ).format(variant=variant, red=red)
        return _("Press Enter to go on; or type {variant}b back, q quit, {red}? help.").format(
            variant=variant, red=red
        )
    if phase is Phase.RED_FLAG:
        return _(
            "Type the number of the sign, 1 to {count}, and Enter; or c "
            "and Enter to carry on (it is none of these)."
        ).format(count=len(state.plan.red_flags))
    if phase is Phase.QUIT:
        before = state.previous
        if before is not None and before.phase in (Phase.ASK_PAIN, Phase.ASK_EFFORT):
            yes = _("answer the questions and log the session")
        elif _something_done(state):
            yes = _("stop and log what you did, after two questions")
        else:
            yes = _("stop (nothing is done yet, so nothing is logged)")
        return _("Type y: {yes}; n: stop without logging; c: carry on. Then Enter.").format(yes=yes)
    if phase is Phase.ASK_PAIN:
        default = state.default_pain
        enter = (
            _(" (Enter alone: {pain}, the highest you noted)").format(pain=default)
            if default is not None
            else ""
        )
        return _(
            "Pain during the session, 0 (none) to 10 (worst): type a number and Enter{enter}."
        ).format(enter=enter)
    if phase is Phase.ASK_EFFORT:
        return _("How hard did it feel, 0 (rest) to 10 (all-out): type a number and Enter.")
    if phase is Phase.SUMMARY:
        if not state.log:
            return _("Press Enter to finish.")
        if will_log:
            return _("Press Enter to save this to your log and finish.")
        return _("Press Enter to finish (not saved: --no-log).")
    return ""


def _something_done(state: State) -> bool:
    before = state.previous
    return before is not None and (
        before.has_work()
        or (before.phase in (*EXERCISE_PHASES, Phase.PAIN) and before.blocks_done > 0)
    )


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= 2 and int(text) <= 10 else None


def events(state: State, typed: str) -> list[Event] | None:
    """What a typed line means at ``state``: keys and pain answers for the machine, or None
    when it means nothing there (the prompt is said again)."""
    text = typed.strip().lower()
    if state.help:
        return [ENTER]
    phase = state.phase
    if text == "?" and phase not in (Phase.QUIT, Phase.RED_FLAG):
        return ["?"]
    if (
        text == "r"
        and state.plan.red_flags
        and phase in (*EXERCISE_PHASES, Phase.PAIN, Phase.STOPPED)
    ):
        return ["r"]
    if phase is Phase.RED_FLAG:
        chosen = _number(text)
        if chosen is not None and 1 <= chosen <= len(state.plan.red_flags):
            return [str(chosen)]
        return ["c"] if text == "c" else None
    if phase in (Phase.ASK_PAIN, Phase.ASK_EFFORT):
        if text == "q":
            return ["q"]
        if text == "":
            return [ENTER]
        number = _number(text)
        return None if number is None else [*str(number), ENTER]
    if phase in EXERCISE_PHASES or phase is Phase.PAIN:
        number = _number(text)
        if number is not None:
            return [number]
    if phase in EXERCISE_PHASES:
        if text == "p" or (text == "" and state.paused):
            return [" "]
        if text == "":
            return ["n"]
        return [text] if text in ("n", "s", "b", "q") else None
    choices: dict[Phase, tuple[str, ...]] = {
        Phase.INTRO: ("", "q"),
        Phase.PAIN: ("", "b", "q"),
        Phase.STOPPED: ("", "n", "b", "q", *(("e",) if state.offer is not None else ())),
        Phase.QUIT: ("y", "n", "c"),
        Phase.SUMMARY: ("",),
    }
    if text not in choices.get(phase, ()):
        return None
    return [ENTER if text == "" else text]


def run_plain(
    items: Sequence[PlannedExercise],
    pain_rule: PainRule,
    easier: Mapping[str, PlannedExercise],
    *,
    notes: Sequence[str] = (),
    red_flags: Sequence[RedFlag] = (),
    knee: str | None = None,
    quiet: bool = False,
    ascii_only: bool = False,
    will_log: bool = True,
    stdin_fd: int = 0,
    stdout: TextIO | None = None,
    width: int = 80,
    clock: Callable[[], float] = time.monotonic,
) -> GuidedOutcome:
    """Run a guided session as lines on ``stdout``, reading typed lines from ``stdin_fd``.

    The terminal is not touched. Raises KeyboardInterrupt on Ctrl-C, Ctrl-\\, SIGTERM, SIGHUP
    and at the end of input (Ctrl-D).
    """
    out = stdout if stdout is not None else sys.stdout

    def write(lines: Sequence[str]) -> None:
        wrapped = [part for line in lines for part in _wrap(line, width)]
        text = "".join(f"{line}\n" for line in wrapped)
        if ascii_only:
            text = "".join(c if c.isascii() else stand_in(c) for c in text)
        out.write(text)
        out.flush()

    state = machine.start(
        session_plan.build(items, pain_rule, easier, notes, red_flags, knee), clock()
    )
    flags = {"resumed": False}
    pending = ""
    with _signals(flags):
        shown: tuple[object, ...] | None = None
        chimes = state.chimes
        #: A line was typed since the last output: it gets an answer (its message, or the
        #: prompt again when it changed nothing to say).
        answered = True
        while state.phase is not Phase.DONE:
            if state.chimes != chimes and not quiet:
                out.write("\a")
            chimes = state.chimes
            message = [state.message] if state.message and not answered else []
            if step(state) != shown:
                shown = step(state)
                write([*message, *say(state), prompt(state, will_log)])
            elif not answered:
                write([*message, prompt(state, will_log)])
            answered = True
            if "\n" in pending:  # one typed line at a time, so each step it leads to is said
                typed, pending = pending.split("\n", 1)
                answered = False
                found = events(state, typed)
                if found is None:
                    state = machine.tick(state, clock())
                    write(
                        [
                            _("Not a choice here: {typed}").format(typed=typed.strip()[:20])
                            if typed.strip()
                            else ""
                        ]
                    )
                    continue
                for event in found:
                    if isinstance(event, int):
                        state = machine.answer_pain(state, event, clock())
                    else:
                        state = machine.press(state, event, clock())
                continue
            ready, _unused, _unused2 = select.select([stdin_fd], [], [], TICK_SECONDS)
            if flags["resumed"]:
                flags["resumed"] = False
                state = machine.suspended(state, clock())
                continue
            if not ready:
                state = machine.tick(state, clock())
                continue
            chunk = os.read(stdin_fd, 1024)
            if not chunk:  # Ctrl-D, or the terminal went away
                raise KeyboardInterrupt
            pending += chunk.decode("utf-8", "replace")
    return outcome(state)


def _wrap(line: str, width: int) -> list[str]:
    """``line`` in lines of ``width`` columns, broken between words (a long word stays whole)."""
    return textwrap.wrap(line, max(20, width), break_long_words=False, break_on_hyphens=False) or [
        ""
    ]


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _signals(flags: dict[str, bool]) -> Iterator[None]:
    def resumed(signum: int, frame: FrameType | None) -> None:
        flags["resumed"] = True

    wanted = {
        signal.SIGCONT: resumed,
        signal.SIGTERM: _interrupt,
        signal.SIGHUP: _interrupt,
        signal.SIGQUIT: _interrupt,
    }
    before = {number: signal.signal(number, handler) for number, handler in wanted.items()}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
