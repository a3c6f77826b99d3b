"""Where the physiotherapist's use cases used to be: each now has its own module, program
files (:mod:`~kneefit.usecases.program_file`), swaps (:mod:`~kneefit.usecases.swaps`),
check-ins (:mod:`~kneefit.usecases.checkins`) and the report
(:mod:`~kneefit.usecases.report`). Kept only for ``kneefit/render/swaps.py``, which imports
``Swaps`` from here and is being changed elsewhere; new code imports from the homes."""

from __future__ import annotations

from kneefit.usecases.swaps import Swaps

__all__ = ["Swaps"]
