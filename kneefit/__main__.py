"""The console script's entry point, also run by ``python -m kneefit``."""

from __future__ import annotations

import contextlib
import signal
import sys
from typing import NoReturn


def run() -> NoReturn:
    """Import the command line and run it. Ctrl-C at any moment from here (importing, the
    command, reporting a failure) exits 130 quietly; once the exit code is decided, a late
    Ctrl-C cannot change it into the signal's own ending (-2) or a traceback."""
    code: object = 130
    try:
        try:
            from kneefit.cli import main

            main()
        except SystemExit as done:
            code = done.code
    except KeyboardInterrupt:
        code = 130
    finally:
        with contextlib.suppress(ValueError, OSError, AttributeError):
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code)


if __name__ == "__main__":
    run()
