"""Where kneefit's writers used to be, kept for the modules that still import them here.

The writers are split by layer: the core's atomic file writer is :mod:`kneefit.atomic`; the
command line's standard output, ``-o`` file name and SIGTERM handling are
:mod:`kneefit.cli.stdout` and :mod:`kneefit.cli.sigterm`; ASCII stand-ins are
:mod:`kneefit.stand_ins`. New code imports from those. Only ``kneefit/cli/common.py`` and
``kneefit/environment.py`` still import from here; each name is imported from its home
when first used, so importing ``replace_file`` does not bring in the command line.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kneefit.atomic import replace_file, write_file
    from kneefit.cli.stdout import output_path, stdout_encoding, write_stdout
    from kneefit.stand_ins import is_utf

_HOMES = {
    "replace_file": "kneefit.atomic",
    "write_file": "kneefit.atomic",
    "output_path": "kneefit.cli.stdout",
    "stdout_encoding": "kneefit.cli.stdout",
    "write_stdout": "kneefit.cli.stdout",
    "is_utf": "kneefit.stand_ins",
}

__all__ = [
    "is_utf",
    "output_path",
    "replace_file",
    "stdout_encoding",
    "write_file",
    "write_stdout",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
