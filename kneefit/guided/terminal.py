"""The guided session's terminal loop: keys in (cbreak mode, select with a timeout), screens out.

This is the only part that touches the terminal. It puts the terminal in cbreak mode (no
echo, one key at a time, Ctrl-C still a signal) and on the alternate screen, feeds keys and
ticks of ``time.monotonic`` to the machine, redraws when the screen changes or the terminal
is resized, rings the bell at each change of phase, and puts the terminal back as it was on
any exit: the end, an exception, Ctrl-C, Ctrl-\\ (SIGQUIT), SIGTERM or SIGHUP. Flow
control is off, so Ctrl-S cannot freeze the session. Ctrl-Z puts it back, stops, and
on return pauses the session and takes the terminal again.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import termios
import time
import tty
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import FrameType
from typing import TextIO

from rich.console import Console, Group

from kneefit.guided import machine, screen, session_plan
from kneefit.guided.outcome import GuidedOutcome, outcome
from kneefit.models import PainRule, PlannedExercise, RedFlag

#: How often the clock ticks when no key comes, in seconds.
TICK_SECONDS = 0.1

_SPECIAL = {
    "\r": machine.ENTER,
    "\n": machine.ENTER,
    "\x7f": machine.BACKSPACE,
    "\x08": machine.BACKSPACE,
}


def keys(chunk: str) -> list[str]:
    """The keys in what one read of the terminal gave; escape sequences (arrows) are dropped."""
    found: list[str] = []
    position = 0
    while position < len(chunk):
        char = chunk[position]
        position += 1
        if char == "\x03":
            raise KeyboardInterrupt
        if char != "\x1b":
            found.append(_SPECIAL.get(char, char))
            continue
        if position >= len(chunk):
            found.append(machine.ESCAPE)
        elif chunk[position] == "[":
            position += 1
            while position < len(chunk) and not "\x40" <= chunk[position] <= "\x7e":
                position += 1
            position += 1
        elif chunk[position] == "O":
            position += 2
        else:
            found.append(machine.ESCAPE)
    return [k for k in found if k.isprintable() or k in _SPECIAL.values() or k == machine.ESCAPE]


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run_guided(
    items: Sequence[PlannedExercise],
    pain_rule: PainRule,
    easier: Mapping[str, PlannedExercise],
    *,
    notes: Sequence[str] = (),
    red_flags: Sequence[RedFlag] = (),
    knee: str | None = None,
    quiet: bool = False,
    color: bool = True,
    ascii_only: bool = False,
    will_log: bool = True,
    stdin_fd: int = 0,
    stdout: TextIO | None = None,
    picture: screen.Picture | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> GuidedOutcome:
    """Run a guided session on the terminal at ``stdin_fd`` and ``stdout``; say how it went.

    Raises KeyboardInterrupt on Ctrl-C (and SIGTERM, SIGHUP), with the terminal restored.
    """
    out = stdout if stdout is not None else sys.stdout
    console = Console(
        file=out,
        force_terminal=True,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    state = machine.start(
        session_plan.build(items, pain_rule, easier, notes, red_flags, knee), clock()
    )
    flags = {"redraw": True, "suspended": False}

    def resized(signum: int, frame: FrameType | None) -> None:
        flags["redraw"] = True

    with _terminal(stdin_fd, console) as suspend, _signals(resized, suspend, flags):
        shown: tuple[object, ...] = ()
        chimes = state.chimes
        while state.phase is not machine.Phase.DONE:
            try:
                width, height = os.get_terminal_size(out.fileno())
            except OSError:
                width, height = 80, 24
            drawn = screen.lines(
                state, width, height, will_log=will_log, picture=picture, ascii_only=ascii_only
            )
            key = (width, height, tuple((line.plain, tuple(line.spans)) for line in drawn))
            if key != shown or flags["redraw"]:
                flags["redraw"] = False
                shown = key
                console.size = (width, height)
                console.update_screen(Group(*drawn))
            if state.chimes != chimes:
                chimes = state.chimes
                if not quiet:
                    console.bell()
            ready, _, _ = select.select([stdin_fd], [], [], TICK_SECONDS)
            if flags["suspended"]:
                flags["suspended"] = False
                state = machine.suspended(state, clock())
                continue
            if not ready:
                state = machine.tick(state, clock())
                continue
            chunk = os.read(stdin_fd, 64)
            if not chunk:  # the terminal went away
                raise KeyboardInterrupt
            for pressed in keys(chunk.decode("utf-8", "replace")):
                state = machine.press(state, pressed, clock())
    return outcome(state)


@contextlib.contextmanager
def _terminal(fd: int, console: Console) -> Iterator[Callable[[], None]]:
    """cbreak mode and the alternate screen, undone on any exit; yields a suspend function."""
    saved = termios.tcgetattr(fd)

    def take() -> None:
        tty.setcbreak(fd, termios.TCSANOW)
        # No flow control: Ctrl-S would freeze the screen (and the countdowns shown) until a
        # Ctrl-Q few people know; now both are keys the session ignores.
        mode = termios.tcgetattr(fd)
        mode[0] &= ~(termios.IXON | termios.IXOFF)
        termios.tcsetattr(fd, termios.TCSANOW, mode)
        console.set_alt_screen(True)
        console.show_cursor(False)

    def give_back() -> None:
        console.show_cursor(True)
        console.set_alt_screen(False)
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    def suspend() -> None:
        give_back()
        os.kill(os.getpid(), signal.SIGSTOP)
        take()

    try:
        take()
        yield suspend
    finally:
        give_back()


@contextlib.contextmanager
def _signals(
    resized: Callable[[int, FrameType | None], None],
    suspend: Callable[[], None],
    flags: dict[str, bool],
) -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        suspend()
        flags["suspended"] = flags["redraw"] = True

    wanted = {
        signal.SIGWINCH: resized,
        signal.SIGTSTP: stop,
        signal.SIGTERM: _interrupt,
        signal.SIGHUP: _interrupt,
        # Ctrl-\ would dump core and leave the terminal in cbreak mode on the other screen.
        signal.SIGQUIT: _interrupt,
    }
    before = {number: signal.signal(number, handler) for number, handler in wanted.items()}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
