"""A check-in: outcome scores recorded on a date (see :mod:`kneefit.measures`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class CheckIn:
    """Outcome scores recorded on a date (see :mod:`kneefit.measures`); any may be absent."""

    date: date
    #: Average knee pain over the last week, 0 to 10 (NPRS).
    week_pain: int | None = None
    #: The PSFS: (activity, score 0 to 10) for up to three activities the person names.
    activities: tuple[tuple[str, int], ...] = ()
    #: Full stands in the 30-second chair stand.
    chair_stands: int | None = None
    #: Which knee the scores are for ("left", "right" or "both"), when said.
    knee: str | None = None
    id: int | None = field(default=None, compare=False)
