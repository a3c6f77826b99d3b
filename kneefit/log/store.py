"""What the use cases need of a session log: :class:`LogStore`.

The one implementation is SQLite's (:class:`kneefit.log.sqlite.SqliteLog`, opened by
:func:`kneefit.log.sqlite.open_log`); the use cases know only this protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from kneefit.log.checkin import CheckIn
from kneefit.log.walk import ReviewDone, Walk
from kneefit.models import Clearance, Session


class LogStore(Protocol):
    """An open session log: sessions, clinicians' clearances, check-ins, walks and weekly
    reviews. Every method is one transaction; a log that cannot be used is a
    :class:`~kneefit.errors.DataError`."""

    def add(self, session: Session, recorded: datetime) -> int:
        """Record ``session`` (logged at ``recorded``); return its id."""
        ...

    def add_next_morning(self, pain: int, day: date | None = None) -> Session:
        """Record next-morning pain on the latest session (of ``day``, if given)."""
        ...

    def import_sessions(self, sessions: Sequence[Session], recorded: datetime) -> int:
        """Add the sessions not already logged; return how many."""
        ...

    def add_clearance(self, clearance: Clearance, recorded: datetime) -> None:
        """Record that a clinician has seen the knee after a red flag."""
        ...

    def import_clearances(self, clearances: Sequence[Clearance], recorded: datetime) -> int:
        """Add the clearances not already logged (the same day and words); return how many."""
        ...

    def clearances(self) -> list[Clearance]:
        """Every clearance, oldest first."""
        ...

    def sessions(self, since: date | None = None, *, exercises: bool = True) -> list[Session]:
        """Every session, oldest first (from ``since`` on, if given); without their
        exercises if ``exercises`` is off."""
        ...

    def latest(self, limit: int, since: date | None = None) -> list[Session]:
        """The ``limit`` most recent sessions (from ``since`` on, if given), oldest first."""
        ...

    def count(self, since: date | None = None) -> int:
        """How many sessions there are (from ``since`` on, if given)."""
        ...

    def for_progression(self, today: date, window_days: int = 14) -> list[Session]:
        """The sessions the progression decision on ``today`` reads, oldest first, without
        their exercises: the decision on them is the decision on every session."""
        ...

    def phase_starts(self) -> dict[str | None, date]:
        """The day of the first session logged in each program phase (``program/phase``;
        None for the phases conditions start in)."""
        ...

    def add_checkin(self, checkin: CheckIn, recorded: datetime) -> bool:
        """Record ``checkin``, replacing one of the same date; True if it replaced one."""
        ...

    def checkins(self, since: date | None = None) -> list[CheckIn]:
        """Every check-in, oldest first (from ``since`` on, if given)."""
        ...

    def import_checkins(self, checkins: Sequence[CheckIn], recorded: datetime) -> int:
        """Add the check-ins of dates not already checked in; return how many."""
        ...

    def add_walk(self, walk: Walk, recorded: datetime) -> None:
        """Record minutes walked on a date."""
        ...

    def walks(self, since: date | None = None, until: date | None = None) -> list[Walk]:
        """Every walk, oldest first (from ``since`` and up to ``until``, if given)."""
        ...

    def import_walks(self, walks: Sequence[Walk], recorded: datetime) -> int:
        """Add the walks not already logged; return how many."""
        ...

    def add_review(self, review: ReviewDone, recorded: datetime) -> bool:
        """Record a weekly review, replacing one of the same day; True if it replaced one."""
        ...

    def reviews(self) -> list[ReviewDone]:
        """Every weekly review, oldest first."""
        ...

    def import_reviews(self, reviews: Sequence[ReviewDone], recorded: datetime) -> int:
        """Add the weekly reviews of days not already reviewed; return how many."""
        ...

    def first_day(self) -> date | None:
        """The day of the first session or walk logged; None for an empty log."""
        ...

    def close(self) -> None: ...
