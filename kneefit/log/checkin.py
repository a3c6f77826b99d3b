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
    #: Follow-up measures (kneefit.measures.FOLLOW_UP): knee bend, and how far short of
    #: straight the knee stays, in degrees; the 40-m fast-paced walk, the stair climb and
    #: the Timed Up and Go, in seconds.
    knee_bend: int | None = None
    knee_straighten: int | None = None
    walk_40m: float | None = None
    stairs: float | None = None
    tug: float | None = None
    #: Which knee the scores are for ("left", "right" or "both"), when said.
    knee: str | None = None
    id: int | None = field(default=None, compare=False)

    def follow_up(self) -> dict[str, float | None]:
        """The follow-up measures by their measure's id (None where not recorded)."""
        return {
            "knee-bend": self.knee_bend,
            "knee-straighten": self.knee_straighten,
            "walk-40m": self.walk_40m,
            "stairs": self.stairs,
            "tug": self.tug,
        }
