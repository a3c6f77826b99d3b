"""The session log in SQLite: :class:`SqliteLog`, the one :class:`~kneefit.log.store.LogStore`.

One SQLite file (the standard library's ``sqlite3``), its schema versioned and migrated by
:mod:`kneefit.log.schema`. Every write is one ``BEGIN IMMEDIATE`` transaction, so two
kneefit processes writing at once wait for each other instead of losing a session, and a
writer killed half way leaves the log as it was. The rows themselves are written and read
by :mod:`kneefit.log.rows`; the values a reader trusts are checked on opening by
:mod:`kneefit.log.value_checks`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kneefit.errors import DataError, PlanWithoutTheLog
from kneefit.i18n import _
from kneefit.log.checkin import CheckIn
from kneefit.log.rows import (
    between,
    delete_checkin,
    insert_checkin,
    insert_clearance,
    insert_review,
    insert_session,
    insert_walk,
    read_checkins,
    read_sessions,
    recorded_time,
    stored_text,
)
from kneefit.log.schema import migrate
from kneefit.log.value_checks import bad_value
from kneefit.log.walk import ReviewDone, Walk
from kneefit.models import Clearance, Session

if TYPE_CHECKING:
    import sqlite3

#: How long a writer waits for another kneefit process to finish its write.
BUSY_TIMEOUT_SECONDS = 15.0

#: The file name of the log inside kneefit's data directory.
FILE_NAME = "log.sqlite3"


#: How many sessions with next-morning pain the decision looks back over: the usual
#: next-morning pain is the median of the last five before the latest two sessions.
PROGRESSION_MORNINGS = 7

#: The sessions :func:`kneefit.progression.decide` needs to decide as it would on the whole
#: log: the latest two; every one since the start of its window (``?``, two weeks before
#: today); the latest sessions with next-morning pain (its usual value); and the latest with
#: a red flag (a red flag never expires). Each is a suffix of the log in its order, or its
#: last element, so any clearance's cut keeps what the decision reads from what is left.
#: The day index serves the first two; the last two are one pass over the table.
PROGRESSION_WHERE = f"""
WHERE s.id IN (
    SELECT id FROM (SELECT id FROM sessions ORDER BY day DESC, id DESC LIMIT 2)
    UNION SELECT id FROM sessions WHERE day >= ?
    UNION SELECT id FROM (
        SELECT id FROM sessions WHERE next_morning_pain IS NOT NULL
        ORDER BY day DESC, id DESC LIMIT {PROGRESSION_MORNINGS}
    )
    UNION SELECT id FROM (
        SELECT id FROM sessions WHERE red_flags != '[]' ORDER BY day DESC, id DESC LIMIT 1
    )
)"""


class SqliteLog:
    """An open session log in SQLite. Use :func:`open_log`; every method is one transaction."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self.path = path

    # ------------------------------------------------------------------ writing

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with _translated(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def add(self, session: Session, recorded: datetime) -> int:
        """Record ``session`` (logged at ``recorded``); return its id."""
        with self._write() as db:
            return insert_session(db, session, recorded)

    def add_next_morning(self, pain: int, day: date | None = None) -> Session:
        """Record next-morning pain on the latest session (of ``day``, if given)."""
        with self._write() as db:
            if day is None:
                row = db.execute("SELECT id FROM sessions ORDER BY day DESC, id DESC").fetchone()
            else:
                row = db.execute(
                    "SELECT id FROM sessions WHERE day = ? ORDER BY id DESC", (day.isoformat(),)
                ).fetchone()
            if row is None:
                from kneefit.errors import LogASessionFirst
                from kneefit.i18n import _, format_date

                raise DataError(
                    _("no session is logged on {date} to add next-morning pain to").format(
                        date=format_date(day)
                    )
                    if day
                    else _("no session is logged to add next-morning pain to"),
                    advice=LogASessionFirst(),
                )
            db.execute("UPDATE sessions SET next_morning_pain = ? WHERE id = ?", (pain, row[0]))
            return read_sessions(db, "WHERE s.id = ?", (row[0],))[0]

    def import_sessions(self, sessions: Sequence[Session], recorded: datetime) -> int:
        """Add the sessions not already logged (same day, values, notes and exercises)."""
        added = 0
        with self._write() as db:
            existing = {s.same_as() for s in read_sessions(db, "", ())}
            for session in sessions:
                if session.same_as() not in existing:
                    insert_session(db, session, recorded)
                    existing.add(session.same_as())
                    added += 1
        return added

    def add_clearance(self, clearance: Clearance, recorded: datetime) -> None:
        """Record that a clinician has seen the knee after a red flag."""
        with self._write() as db:
            insert_clearance(db, clearance, recorded)

    def import_clearances(self, clearances: Sequence[Clearance], recorded: datetime) -> int:
        """Add the clearances not already logged (one of the same day saying the same);
        return how many. Each is recorded at ``recorded``, the time of the import: one on
        the day of a red flag then has an unknown order to it, and the flag stands."""
        added = 0
        with self._write() as db:
            logged = set(db.execute("SELECT day, text FROM clearances").fetchall())
            for clearance in clearances:
                key = (clearance.date.isoformat(), clearance.text)
                if key in logged:
                    continue
                insert_clearance(db, clearance, recorded)
                logged.add(key)
                added += 1
        return added

    # ------------------------------------------------------------------ reading

    def clearances(self) -> list[Clearance]:
        """Every clearance, oldest first."""
        with _translated(self.path):
            rows = self._db.execute(
                "SELECT day, text, recorded FROM clearances ORDER BY day, id"
            ).fetchall()
        return [
            Clearance(date=date.fromisoformat(day), text=text, recorded=recorded_time(recorded))
            for day, text, recorded in rows
        ]

    def sessions(self, since: date | None = None, *, exercises: bool = True) -> list[Session]:
        """Every session, oldest first (from ``since`` on, if given); without their exercises
        if ``exercises`` is off (all that progression needs)."""
        with _translated(self.path):
            if since is None:
                return read_sessions(self._db, "", (), exercises)
            return read_sessions(self._db, "WHERE s.day >= ?", (since.isoformat(),), exercises)

    def latest(self, limit: int, since: date | None = None) -> list[Session]:
        """The ``limit`` most recent sessions (from ``since`` on, if given), oldest first:
        a page of a long log, read through the day index."""
        where, args = ("WHERE s.day >= ?", (since.isoformat(),)) if since else ("", ())
        page = (
            f"WHERE s.id IN (SELECT s.id FROM sessions AS s {where} "
            "ORDER BY s.day DESC, s.id DESC LIMIT ?)"
        )
        with _translated(self.path):
            return read_sessions(self._db, page, (*args, max(0, limit)))

    def count(self, since: date | None = None) -> int:
        """How many sessions there are (from ``since`` on, if given)."""
        where, args = ("WHERE day >= ?", (since.isoformat(),)) if since else ("", ())
        with _translated(self.path):
            found: int = self._db.execute(
                f"SELECT count(*) FROM sessions {where}", args
            ).fetchone()[0]
        return found

    def for_progression(self, today: date, window_days: int = 14) -> list[Session]:
        """The sessions the progression decision reads, oldest first, without their
        exercises: never all of a long log (see :data:`PROGRESSION_WHERE`). The decision on
        them is the decision on every session, for ``window_days`` the decision's window."""
        since = date.fromordinal(max(1, today.toordinal() - window_days))
        with _translated(self.path):
            return read_sessions(self._db, PROGRESSION_WHERE, (since.isoformat(),), False)

    def phase_starts(self) -> dict[str | None, date]:
        """The day of the first session logged in each program phase (``program/phase``;
        None for the phases conditions start in)."""
        with _translated(self.path):
            rows = self._db.execute("SELECT phase, min(day) FROM sessions GROUP BY phase")
            return {phase: date.fromisoformat(day) for phase, day in rows.fetchall()}

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------------ check-ins

    def add_checkin(self, checkin: CheckIn, recorded: datetime) -> bool:
        """Record ``checkin``, replacing one of the same date; True if it replaced one."""
        with self._write() as db:
            replaced = delete_checkin(db, checkin.date)
            insert_checkin(db, checkin, recorded)
            return replaced

    def checkins(self, since: date | None = None) -> list[CheckIn]:
        """Every check-in, oldest first (from ``since`` on, if given)."""
        with _translated(self.path):
            return read_checkins(self._db, since)

    def import_checkins(self, checkins: Sequence[CheckIn], recorded: datetime) -> int:
        """Add the check-ins of dates not already checked in; return how many."""
        added = 0
        with self._write() as db:
            taken = {c.date for c in read_checkins(db, None)}
            for checkin in checkins:
                if checkin.date not in taken:
                    insert_checkin(db, checkin, recorded)
                    taken.add(checkin.date)
                    added += 1
        return added

    # ------------------------------------------------------------------ walks and reviews

    def add_walk(self, walk: Walk, recorded: datetime) -> None:
        """Record minutes walked on a date (several walks a day are several entries)."""
        with self._write() as db:
            insert_walk(db, walk, recorded)

    def walks(self, since: date | None = None, until: date | None = None) -> list[Walk]:
        """Every walk, oldest first (from ``since`` and up to ``until``, if given)."""
        where, args = between("day", since, until)
        with _translated(self.path):
            rows = self._db.execute(
                f"SELECT id, day, minutes FROM walks {where} ORDER BY day, id", args
            ).fetchall()
        return [Walk(date=date.fromisoformat(day), minutes=n, id=i) for i, day, n in rows]

    def import_walks(self, walks: Sequence[Walk], recorded: datetime) -> int:
        """Add the walks not already logged (the same minutes on the same day, counted: two
        walks of 30 minutes on a day stay two); return how many."""
        from collections import Counter

        added = 0
        with self._write() as db:
            logged = Counter(db.execute("SELECT day, minutes FROM walks").fetchall())
            for walk in walks:
                key = (walk.date.isoformat(), walk.minutes)
                if logged[key] > 0:
                    logged[key] -= 1
                    continue
                insert_walk(db, walk, recorded)
                added += 1
        return added

    def add_review(self, review: ReviewDone, recorded: datetime) -> bool:
        """Record a weekly review, replacing one done the same day; True if it replaced one."""
        with self._write() as db:
            cursor = db.execute("DELETE FROM reviews WHERE day = ?", (review.date.isoformat(),))
            insert_review(db, review, recorded)
            return cursor.rowcount > 0

    def import_reviews(self, reviews: Sequence[ReviewDone], recorded: datetime) -> int:
        """Add the weekly reviews of days not already reviewed (a day's review already
        logged is kept as it is); return how many."""
        added = 0
        with self._write() as db:
            taken = {day for (day,) in db.execute("SELECT day FROM reviews").fetchall()}
            for review in reviews:
                day = review.date.isoformat()
                if day not in taken:
                    insert_review(db, review, recorded)
                    taken.add(day)
                    added += 1
        return added

    def reviews(self) -> list[ReviewDone]:
        """Every weekly review, oldest first."""
        with _translated(self.path):
            rows = self._db.execute(
                "SELECT day, week_start, barrier FROM reviews ORDER BY day"
            ).fetchall()
        return [
            ReviewDone(
                date=date.fromisoformat(day),
                week_start=date.fromisoformat(start),
                barrier=stored_text(barrier) if barrier is not None else None,
            )
            for day, start, barrier in rows
        ]

    def first_day(self) -> date | None:
        """The day of the first session or walk logged; None for an empty log."""
        with _translated(self.path):
            found = self._db.execute(
                "SELECT min(day) FROM (SELECT min(day) AS day FROM sessions "
                "UNION ALL SELECT min(day) FROM walks)"
            ).fetchone()[0]
        return date.fromisoformat(found) if found is not None else None


@contextlib.contextmanager
def _translated(path: Path) -> Iterator[None]:
    """Turn SQLite's failures into kneefit's errors, which say what to do."""
    import sqlite3

    try:
        yield
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DataError(
                _(
                    "the session log {file} is busy: another kneefit kept it locked for more "
                    "than {seconds} s; try again"
                ).format(file=path, seconds=f"{BUSY_TIMEOUT_SECONDS:.0f}")
            ) from None
        raise DataError(
            _("cannot use the session log {file}: {error}").format(file=path, error=exc)
        ) from None
    except (sqlite3.DatabaseError, ValueError, TypeError, KeyError) as exc:
        raise DataError(
            _(
                "the session log {file} is damaged ({error}); kneefit has not changed it. "
                "Move it aside (or restore a copy) and kneefit will start a new one"
            ).format(file=path, error=exc),
            advice=PlanWithoutTheLog(),
        ) from None


def open_log(folder: Path, *, create: bool = True, check: bool = True) -> SqliteLog | None:
    """Open (and bring up to date) the log in ``folder``; None if absent and not ``create``.

    With ``check`` (all but the export), a value kneefit never writes is refused, named
    with where it is and how to repair it (see :func:`bad_value`)."""
    from kneefit import files

    # KNEEFIT_HOME naming a file (or a path through one) is a problem to say, never
    # "no sessions yet" nor a bare "File exists".
    problem = files.folder_problem(folder)
    if problem:
        raise DataError(problem)
    path = folder / FILE_NAME
    if not create and not path.exists():
        return None
    if create:
        files.ensure_folder(folder)
    if path.exists() and not path.is_file():
        raise DataError(_("the session log {file} is not a regular file").format(file=path))
    import sqlite3

    with _translated(path):
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        with _translated(path):
            db.execute("PRAGMA foreign_keys = ON")
            migrate(db, path)
            found = bad_value(db, path) if check else None
        if found:
            raise found
    except BaseException:
        db.close()
        raise
    return SqliteLog(db, path)


#: A day column holds a real date, in the years Python's dates allow (SQLite's date() with


def delete_log(folder: Path) -> bool:
    """Delete the log in ``folder`` with SQLite's side files; False if there was none."""
    path = folder / FILE_NAME
    found = path.exists()
    for name in (FILE_NAME, *(FILE_NAME + x for x in ("-journal", "-wal", "-shm"))):
        try:
            (folder / name).unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DataError(
                _("cannot delete {file}: {error}").format(
                    file=folder / name, error=exc.strerror or exc
                )
            ) from None
    return found
