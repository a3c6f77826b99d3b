"""SIGTERM or SIGHUP (the terminal hung up) while kneefit writes a file: the temporary file
is removed, as on Ctrl-C, and then the process ends by that signal as it would have.

:data:`GUARD` is the :class:`~kneefit.atomic.Interruption` the command line installs at
start (:func:`kneefit.cli.main`). It turns those signals into an exception only while a
temporary file exists, and only in the main thread over the default handler, so that at
any other moment they end kneefit at once (a write to the session log waiting on a lock
included). A signal someone chose to ignore (``nohup`` ignores SIGHUP) stays ignored.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from kneefit.cli.stdout import silence_stdout

#: The signals that end a process by default and that a write is cleaned up after: SIGTERM
#: (kill, a service manager) and SIGHUP (the terminal closed), where the system has them.
SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class _Terminated(BaseException):
    """One of :data:`SIGNALS` arrived while a temporary file existed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated(signum)


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Within: each of :data:`SIGNALS` raises _Terminated, so clean-ups run. Afterwards the
    process ends by that signal, as it would have without kneefit's handler.

    The handlers are only installed by the main thread, and only over the default ones.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handled = [s for s in SIGNALS if signal.getsignal(s) is signal.SIG_DFL]
    for signum in handled:
        signal.signal(signum, _raise_terminated)
    ended: int | None = None
    try:
        yield
    except _Terminated as exc:
        ended = exc.signum
    finally:
        for signum in handled:
            signal.signal(signum, signal.SIG_DFL)
    if ended is not None:
        silence_stdout()
        signal.raise_signal(ended)


@contextlib.contextmanager
def _sigterm_blocked() -> Iterator[None]:
    """Hold :data:`SIGNALS` back (where the system allows) while a temporary file is being
    created and noted, so there is no moment when it exists unnoted."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None or not SIGNALS:
        yield
        return
    before = block(signal.SIG_BLOCK, set(SIGNALS))
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, before)  # as it was: blocked stays blocked


class SigtermGuard:
    """SIGTERM and SIGHUP handled while a temporary file exists (see the module's notes)."""

    def guarded(self) -> contextlib.AbstractContextManager[None]:
        return _terminate_cleanly()

    def held(self) -> contextlib.AbstractContextManager[None]:
        return _sigterm_blocked()


GUARD = SigtermGuard()
