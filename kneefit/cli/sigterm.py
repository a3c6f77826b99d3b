"""SIGTERM while kneefit writes a file: the temporary file is removed, as on Ctrl-C, and
then the process ends by SIGTERM as it would have.

:data:`GUARD` is the :class:`~kneefit.atomic.Interruption` the command line installs at
start (:func:`kneefit.cli.main`). It turns SIGTERM into an exception only while a temporary
file exists, and only in the main thread over the default handler, so that at any other
moment SIGTERM ends kneefit at once (a write to the session log waiting on a lock
included).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from kneefit.cli.stdout import silence_stdout


class _Terminated(BaseException):
    """SIGTERM arrived while a temporary file existed."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Within: SIGTERM raises _Terminated, so clean-ups run. Afterwards the process ends by
    SIGTERM, as it would have without kneefit's handler.

    The handler is only installed by the main thread, and only over the default one.
    """
    usable = (
        hasattr(signal, "SIGTERM")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    )
    if not usable:
        yield
        return
    signal.signal(signal.SIGTERM, _raise_terminated)
    terminated = False
    try:
        yield
    except _Terminated:
        terminated = True
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if terminated:
        silence_stdout()
        signal.raise_signal(signal.SIGTERM)


@contextlib.contextmanager
def _sigterm_blocked() -> Iterator[None]:
    """Hold SIGTERM back (where the system allows) while a temporary file is being created
    and noted, so there is no moment when it exists unnoted."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None or not hasattr(signal, "SIGTERM"):
        yield
        return
    before = block(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, before)  # as it was: blocked stays blocked


class SigtermGuard:
    """SIGTERM handled while a temporary file exists (see the module's notes)."""

    def guarded(self) -> contextlib.AbstractContextManager[None]:
        return _terminate_cleanly()

    def held(self) -> contextlib.AbstractContextManager[None]:
        return _sigterm_blocked()


GUARD = SigtermGuard()
