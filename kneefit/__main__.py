"""The console script's entry point, also run by ``python -m kneefit``."""

from __future__ import annotations

import sys
from typing import NoReturn


def run() -> NoReturn:
    """Import the command line and run it; Ctrl-C while importing still exits 130 quietly."""
    try:
        from kneefit.cli import main
    except KeyboardInterrupt:
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
