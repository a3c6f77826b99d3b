"""The session log in SQLite: :class:`SqliteLog`, the one :class:`~kneefit.log.store.LogStore`.

One SQLite file (the standard library's ``sqlite3``), its schema versioned and migrated by
:mod:`kneefit.log.schema`. Every write is one ``BEGIN IMMEDIATE`` transaction, so two
kneefit processes writing at once wait for each other instead of losing a session, and a
writer killed half way leaves the log as it was.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kneefit.errors import DataError
from kneefit.log.checkin import CheckIn
from kneefit.log.schema import dose_columns, migrate
from kneefit.log.walk import ReviewDone, Walk
from kneefit.models import Clearance, LoggedDose, LoggedExercise, Session, SessionDose, Shortfall

if TYPE_CHECKING:
    import sqlite3

#: How long a writer waits for another kneefit process to finish its write.
BUSY_TIMEOUT_SECONDS = 15.0

#: The file name of the log inside kneefit's data directory.
FILE_NAME = "log.sqlite3"


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
            return _insert(db, session, recorded)

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
                from kneefit.i18n import _, format_date

                raise DataError(
                    _(
                        "no session is logged on {date} to add next-morning pain to; "
                        "log one first with 'kneefit log --pain N --effort N'"
                    ).format(date=format_date(day))
                    if day
                    else _(
                        "no session is logged to add next-morning pain to; "
                        "log one first with 'kneefit log --pain N --effort N'"
                    )
                )
            db.execute("UPDATE sessions SET next_morning_pain = ? WHERE id = ?", (pain, row[0]))
            return _sessions(db, "WHERE s.id = ?", (row[0],))[0]

    def import_sessions(self, sessions: Sequence[Session], recorded: datetime) -> int:
        """Add the sessions not already logged (same day, values, notes and exercises)."""
        added = 0
        with self._write() as db:
            existing = {s.same_as() for s in _sessions(db, "", ())}
            for session in sessions:
                if session.same_as() not in existing:
                    _insert(db, session, recorded)
                    existing.add(session.same_as())
                    added += 1
        return added

    def add_clearance(self, clearance: Clearance, recorded: datetime) -> None:
        """Record that a clinician has seen the knee after a red flag."""
        with self._write() as db:
            _insert_clearance(db, clearance, recorded)

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
                _insert_clearance(db, clearance, recorded)
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
            Clearance(date=date.fromisoformat(day), text=text, recorded=_when(recorded))
            for day, text, recorded in rows
        ]

    def sessions(self, since: date | None = None, *, exercises: bool = True) -> list[Session]:
        """Every session, oldest first (from ``since`` on, if given); without their exercises
        if ``exercises`` is off (all that progression needs)."""
        with _translated(self.path):
            if since is None:
                return _sessions(self._db, "", (), exercises)
            return _sessions(self._db, "WHERE s.day >= ?", (since.isoformat(),), exercises)

    def latest(self, limit: int, since: date | None = None) -> list[Session]:
        """The ``limit`` most recent sessions (from ``since`` on, if given), oldest first:
        a page of a long log, read through the day index."""
        where, args = ("WHERE s.day >= ?", (since.isoformat(),)) if since else ("", ())
        page = (
            f"WHERE s.id IN (SELECT s.id FROM sessions AS s {where} "
            "ORDER BY s.day DESC, s.id DESC LIMIT ?)"
        )
        with _translated(self.path):
            return _sessions(self._db, page, (*args, max(0, limit)))

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
            return _sessions(self._db, PROGRESSION_WHERE, (since.isoformat(),), False)

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
            replaced = _delete_checkin(db, checkin.date)
            _insert_checkin(db, checkin, recorded)
            return replaced

    def checkins(self, since: date | None = None) -> list[CheckIn]:
        """Every check-in, oldest first (from ``since`` on, if given)."""
        with _translated(self.path):
            return _checkins(self._db, since)

    def import_checkins(self, checkins: Sequence[CheckIn], recorded: datetime) -> int:
        """Add the check-ins of dates not already checked in; return how many."""
        added = 0
        with self._write() as db:
            taken = {c.date for c in _checkins(db, None)}
            for checkin in checkins:
                if checkin.date not in taken:
                    _insert_checkin(db, checkin, recorded)
                    taken.add(checkin.date)
                    added += 1
        return added

    # ------------------------------------------------------------------ walks and reviews

    def add_walk(self, walk: Walk, recorded: datetime) -> None:
        """Record minutes walked on a date (several walks a day are several entries)."""
        with self._write() as db:
            _insert_walk(db, walk, recorded)

    def walks(self, since: date | None = None, until: date | None = None) -> list[Walk]:
        """Every walk, oldest first (from ``since`` and up to ``until``, if given)."""
        where, args = _between("day", since, until)
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
                _insert_walk(db, walk, recorded)
                added += 1
        return added

    def add_review(self, review: ReviewDone, recorded: datetime) -> bool:
        """Record a weekly review, replacing one done the same day; True if it replaced one."""
        with self._write() as db:
            cursor = db.execute("DELETE FROM reviews WHERE day = ?", (review.date.isoformat(),))
            _insert_review(db, review, recorded)
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
                    _insert_review(db, review, recorded)
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
                barrier=_text(barrier) if barrier is not None else None,
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


def _between(column: str, since: date | None, until: date | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause keeping ``column`` from ``since`` to ``until`` (either may be open)."""
    parts, args = [], []
    if since is not None:
        parts.append(f"{column} >= ?")
        args.append(since.isoformat())
    if until is not None:
        parts.append(f"{column} <= ?")
        args.append(until.isoformat())
    return ("WHERE " + " AND ".join(parts) if parts else ""), tuple(args)


def _insert_review(db: sqlite3.Connection, review: ReviewDone, recorded: datetime) -> None:
    db.execute(
        "INSERT INTO reviews (day, week_start, barrier, recorded) VALUES (?, ?, ?, ?)",
        (
            review.date.isoformat(),
            review.week_start.isoformat(),
            review.barrier,
            recorded.isoformat(timespec="seconds"),
        ),
    )


def _insert_walk(db: sqlite3.Connection, walk: Walk, recorded: datetime) -> None:
    db.execute(
        "INSERT INTO walks (day, minutes, recorded) VALUES (?, ?, ?)",
        (walk.date.isoformat(), walk.minutes, recorded.isoformat(timespec="seconds")),
    )


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


def _delete_checkin(db: sqlite3.Connection, day: date) -> bool:
    cursor = db.execute("DELETE FROM checkins WHERE day = ?", (day.isoformat(),))
    return cursor.rowcount > 0


def _insert_clearance(db: sqlite3.Connection, clearance: Clearance, recorded: datetime) -> None:
    """A clearance's row, its time in whole seconds as a session's is kept."""
    db.execute(
        "INSERT INTO clearances (day, text, recorded) VALUES (?, ?, ?)",
        (clearance.date.isoformat(), clearance.text, recorded.isoformat(timespec="seconds")),
    )


def _insert_checkin(db: sqlite3.Connection, checkin: CheckIn, recorded: datetime) -> None:
    cursor = db.execute(
        "INSERT INTO checkins (day, week_pain, chair_stands, recorded, knee, knee_bend, "
        "knee_straighten, walk_40m, stairs, tug) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            checkin.date.isoformat(),
            checkin.week_pain,
            checkin.chair_stands,
            recorded.isoformat(timespec="seconds"),
            checkin.knee,
            checkin.knee_bend,
            checkin.knee_straighten,
            checkin.walk_40m,
            checkin.stairs,
            checkin.tug,
        ),
    )
    ident = cursor.lastrowid
    db.executemany(
        "INSERT INTO checkin_activities (checkin_id, position, activity, score) "
        "VALUES (?, ?, ?, ?)",
        [(ident, n, name, score) for n, (name, score) in enumerate(checkin.activities)],
    )


def _checkins(db: sqlite3.Connection, since: date | None) -> list[CheckIn]:
    where, args = ("WHERE day >= ?", (since.isoformat(),)) if since else ("", ())
    rows = db.execute(
        "SELECT id, day, week_pain, chair_stands, knee, knee_bend, knee_straighten, walk_40m, "
        f"stairs, tug FROM checkins {where} ORDER BY day",
        args,
    ).fetchall()
    activities: dict[int, list[tuple[str, int]]] = {row[0]: [] for row in rows}
    if activities:
        for checkin_id, name, score in db.execute(
            "SELECT checkin_id, activity, score FROM checkin_activities "
            "ORDER BY checkin_id, position"
        ):
            if checkin_id in activities:
                activities[checkin_id].append((name, score))
    return [
        CheckIn(
            id=row[0],
            date=date.fromisoformat(row[1]),
            week_pain=row[2],
            chair_stands=row[3],
            activities=tuple(activities[row[0]]),
            knee=_knee(row[4]),
            knee_bend=row[5],
            knee_straighten=row[6],
            walk_40m=_seconds(row[7]),
            stairs=_seconds(row[8]),
            tug=_seconds(row[9]),
        )
        for row in rows
    ]


def _seconds(value: object) -> float | None:
    """A timed test's column as seconds (the table's CHECK and value_rules() hold its
    range; REAL columns read back whole numbers as floats already)."""
    return None if value is None else float(value)  # type: ignore[arg-type]


def _insert(db: sqlite3.Connection, session: Session, recorded: datetime) -> int:
    cursor = db.execute(
        "INSERT INTO sessions (day, pain, effort, next_morning_pain, notes, red_flags, stage, "
        "recorded, phase, knee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            session.date.isoformat(),
            session.pain,
            session.effort,
            session.next_morning_pain,
            session.notes,
            json.dumps(list(session.red_flags)),
            session.stage,
            recorded.isoformat(timespec="seconds"),
            session.phase,
            session.knee,
        ),
    )
    ident = cursor.lastrowid
    assert ident is not None
    db.executemany(
        "INSERT INTO session_exercises (session_id, position, exercise_id, name, dose, "
        "shortfall, dose_words) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(ident, n, e.id, e.name, *dose_columns(e.dose)) for n, e in enumerate(session.exercises)],
    )
    return ident


#: Up to this many sessions, their exercises are looked up by id (SQLite allows 999 values
#: in a statement on its oldest versions).
_FEW_SESSIONS = 500


def _when(text: object) -> datetime | None:
    """A ``recorded`` column's time, or None if it is not one (a tampered or odd row)."""
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _sessions(
    db: sqlite3.Connection, where: str, args: tuple[Any, ...], exercises: bool = True
) -> list[Session]:
    rows = db.execute(
        "SELECT s.id, s.day, s.pain, s.effort, s.next_morning_pain, s.notes, s.red_flags, "
        f"s.stage, s.recorded, s.phase, s.knee FROM sessions AS s {where} ORDER BY s.day, s.id",
        args,
    ).fetchall()
    done: dict[int, list[LoggedExercise]] = {row[0]: [] for row in rows}
    if done and exercises:
        # A page of a long log reads its own sessions' exercises through the primary key;
        # most of the log, one pass over the table.
        ids = list(done)
        few = len(ids) <= _FEW_SESSIONS
        marks = ", ".join("?" * len(ids)) if few else ""
        doses: dict[tuple[object, ...], LoggedDose] = {}
        for session_id, ident, name, *dose in db.execute(
            "SELECT session_id, exercise_id, name, dose, shortfall, dose_words "
            "FROM session_exercises "
            + (f"WHERE session_id IN ({marks}) " if few else "")
            + "ORDER BY session_id, position",
            ids if few else (),
        ):
            if session_id in done:
                key = tuple(dose)
                logged = doses.get(key)
                if logged is None:
                    logged = doses[key] = _dose(*key)
                done[session_id].append(
                    LoggedExercise.model_construct(id=_text(ident), name=_text(name), dose=logged)
                )
    # The table's CHECK constraints hold the numbers and dates to their ranges, so rows are
    # built without pydantic's validation (a 10,000-session log reads in a fraction of the
    # time); text is still refused if it holds control characters (a tampered file).
    return [
        Session.model_construct(
            id=row[0],
            date=date.fromisoformat(row[1]),
            pain=row[2],
            effort=row[3],
            next_morning_pain=row[4],
            notes=_text(row[5]),
            red_flags=tuple(_text(flag) for flag in json.loads(row[6])),
            stage=row[7],
            recorded=_when(row[8]),
            phase=_phase(row[9]),
            knee=_knee(row[10]),
            exercises=tuple(done[row[0]]),
        )
        for row in rows
    ]


_PHASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*")


def _phase(value: object) -> str | None:
    """A ``phase`` column's program phase; None if there is none or it is not one (an odd
    row counts as the starting phase, the safer reading)."""
    if isinstance(value, str) and len(value) <= 130 and _PHASE.fullmatch(value):
        return value
    return None


def _knee(value: object) -> Any:
    """A ``knee`` column's knee; None if none is said (the table's CHECK holds the rest)."""
    return value if value in ("left", "right", "both") else None


def _dose(dose: object, shortfall: object, words: object) -> LoggedDose:
    """A logged exercise's dose from its columns. The JSON is validated (a log's few
    distinct doses are each read once); an older log's words are refused, as any text, if
    they hold control characters."""
    if dose is None:
        return LoggedDose.model_construct(dose=None, shortfall=None, text=_text(words))
    if not isinstance(dose, str) or not isinstance(shortfall, (str, type(None))):
        raise ValueError("a dose is not JSON text")
    return LoggedDose.model_construct(
        dose=SessionDose.model_validate_json(dose),
        shortfall=Shortfall.model_validate_json(shortfall) if shortfall is not None else None,
        text=None,
    )


def _text(value: object) -> str:
    """Text from the log as stored: refused (as damage) if it is not text or holds control
    characters."""
    from kneefit.models import text_problem

    if not isinstance(value, str) or text_problem(value):
        raise ValueError("a text field is not plain text")
    return value


@contextlib.contextmanager
def _translated(path: Path) -> Iterator[None]:
    """Turn SQLite's failures into kneefit's errors, which say what to do."""
    import sqlite3

    try:
        yield
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DataError(
                f"the session log {path} is busy: another kneefit kept it locked for more "
                f"than {BUSY_TIMEOUT_SECONDS:.0f} s; try again"
            ) from None
        raise DataError(f"cannot use the session log {path}: {exc}") from None
    except (sqlite3.DatabaseError, ValueError, TypeError, KeyError) as exc:
        raise DataError(
            f"the session log {path} is damaged ({exc}); kneefit has not changed it. "
            "Move it aside (or restore a copy) and kneefit will start a new one; "
            "'kneefit plan --no-history' plans without it meanwhile."
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
        raise DataError(f"the session log {path} is not a regular file")
    import sqlite3

    with _translated(path):
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        with _translated(path):
            db.execute("PRAGMA foreign_keys = ON")
            migrate(db, path)
            problem = bad_value(db, path) if check else None
        if problem:
            raise DataError(problem)
    except BaseException:
        db.close()
        raise
    return SqliteLog(db, path)


#: A day column holds a real date, in the years Python's dates allow (SQLite's date() with
#: a modifier makes 2026-02-30 another day, and 2026-13-45 none).
_A_DAY = "(typeof({c}) = 'text' AND {c} >= '0001-01-01' AND date({c}, '+0 days') IS {c})"


def _whole(low: int, high: int, *, optional: bool = False) -> str:
    """A column holding a whole number from ``low`` to ``high`` (or NULL, if ``optional``)."""
    held = f"(typeof({{c}}) = 'integer' AND {{c}} BETWEEN {low} AND {high})"
    return f"({{c}} IS NULL OR {held})" if optional else held


_TEXT = "typeof({c}) = 'text'"


def _seconds_rule(low: int, high: int) -> str:
    """A column holding a number from ``low`` to ``high``, or NULL (a timed test)."""
    return (
        f"({{c}} IS NULL OR (typeof({{c}}) IN ('real', 'integer') "
        f"AND {{c}} BETWEEN {low} AND {high}))"
    )


def _follow_up_rules() -> tuple[tuple[str, str, str], ...]:
    """The rules of a check-in's follow-up measures (kneefit.log.schema.FOLLOW_UP_COLUMNS)."""
    from kneefit.log.schema import FOLLOW_UP_COLUMNS

    rules = []
    for column, kind, low, high in FOLLOW_UP_COLUMNS:
        if kind == "INTEGER":
            rule, words = _whole(low, high, optional=True), f"a whole number from {low} to {high}"
        else:
            rule, words = _seconds_rule(low, high), f"a number of seconds from {low} to {high}"
        rules.append((column, rule, words))
    return tuple(rules)


def value_rules() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Each column a reader of the log trusts, per table: the column, the SQL condition its
    value keeps (``{c}`` for the column) and that in words. The tables' CHECK constraints
    hold these for every row kneefit writes; a row changed with another tool (or with the
    CHECKs switched off) may not, and kneefit would plan from it."""
    from kneefit.models import MAX_WALK_MINUTES, STAGE_LIMIT

    pain = _whole(0, 10)
    pain_words = "a whole number from 0 to 10"
    day = (_A_DAY, "a date (YYYY-MM-DD)")
    knee = ("knee", "({c} IS NULL OR {c} IN ('left', 'right', 'both'))", "left, right or both")
    return {
        "sessions": (
            ("day", *day),
            ("pain", pain, pain_words),
            ("effort", pain, pain_words),
            ("next_morning_pain", _whole(0, 10, optional=True), pain_words),
            (
                "stage",
                _whole(-STAGE_LIMIT, STAGE_LIMIT),
                f"a whole number from -{STAGE_LIMIT} to {STAGE_LIMIT}",
            ),
            ("notes", _TEXT, "text"),
            ("red_flags", _TEXT, "a JSON list of text"),
            knee,
        ),
        "clearances": (("day", *day), ("text", _TEXT, "text")),
        "checkins": (
            ("day", *day),
            ("week_pain", _whole(0, 10, optional=True), pain_words),
            ("chair_stands", _whole(0, 60, optional=True), "a whole number from 0 to 60"),
            knee,
            *_follow_up_rules(),
        ),
        "checkin_activities": (("score", pain, pain_words), ("activity", _TEXT, "text")),
        "walks": (
            ("day", *day),
            (
                "minutes",
                _whole(1, MAX_WALK_MINUTES),
                f"a whole number from 1 to {MAX_WALK_MINUTES}",
            ),
        ),
        "reviews": (("day", *day), ("week_start", *day)),
    }


#: How each table's rows are named in a message: a row's own day, or its check-in's.
_ROW_NAMES = {
    "sessions": ("the session", "SELECT day FROM sessions WHERE id = ?"),
    "clearances": ("the clinician's all-clear", "SELECT day FROM clearances WHERE id = ?"),
    "checkins": ("the check-in", "SELECT day FROM checkins WHERE id = ?"),
    "checkin_activities": (
        "an activity score of the check-in",
        "SELECT day FROM checkins WHERE id = ?",
    ),
    "walks": ("the walk", "SELECT day FROM walks WHERE id = ?"),
    "reviews": ("the weekly review", "SELECT day FROM reviews WHERE id = ?"),
}
_ROW_IDS = {"checkin_activities": "checkin_id"}


def bad_value(db: sqlite3.Connection, path: Path) -> str | None:
    """The first value in the log that kneefit would not have written, said with where it
    is and how to repair it without losing anything; None if every value is as written.
    One pass over each table (a few milliseconds for 80,000 sessions)."""
    for table, rules in value_rules().items():
        held = " AND ".join(rule.format(c=column) for column, rule, _ in rules)
        ident = _ROW_IDS.get(table, "id")
        columns = ", ".join(column for column, _, _ in rules)
        row = db.execute(
            f"SELECT {ident}, {columns} FROM {table} WHERE NOT ({held}) LIMIT 1"
        ).fetchone()
        if row is None:
            continue
        for (column, rule, want), value in zip(rules, row[1:], strict=True):
            if not _holds(db, rule, value):
                return _bad_value_text(db, path, table, row[0], column, value, want)
    return None


def _holds(db: sqlite3.Connection, rule: str, value: object) -> bool:
    """Whether ``value`` keeps ``rule`` (asked of SQLite, so it judges as the scan did)."""
    found = db.execute(f"SELECT {rule.replace('{c}', '?1')}", (value,)).fetchone()
    return bool(found[0])


def _shown(value: object) -> str:
    """A value as a message shows it: Python's repr (control characters escaped), cut."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _bad_value_text(
    db: sqlite3.Connection,
    path: Path,
    table: str,
    ident: int,
    column: str,
    value: object,
    want: str,
) -> str:
    name, query = _ROW_NAMES[table]
    found = db.execute(query, (ident,)).fetchone()
    day = found[0] if found else None
    when = f" of {day}" if isinstance(day, str) and _holds(db, _A_DAY, day) else ""
    row_table = "checkins" if table == "checkin_activities" else table
    where = f"{name}{when} (row {ident} of the table {row_table})"
    said = (
        f"the session log {path} has a bad value: {where} has {column} {_shown(value)}, "
        f"where {want} belongs; kneefit has not changed the log."
    )
    meanwhile = "'kneefit plan --no-history' plans without the log meanwhile."
    if column == "day" or table == "reviews" or "integer" not in _rule_of(table, column):
        # The export reads dates and text as kneefit does (and a review's dates too):
        # repair the row where it is.
        return (
            f"{said} To repair it, put the right value in that row with the sqlite3 tool "
            f"(sqlite3 '{path}' \"UPDATE {table} SET {column} = ... WHERE "
            f'{_ROW_IDS.get(table, "id")} = {ident}"); {meanwhile}'
        )
    return (
        f"{said} To repair it, losing nothing: 'kneefit log export -o log.json' (it writes "
        "the value as it is), correct it in log.json, then 'kneefit log forget --yes' and "
        f"'kneefit log import log.json'; {meanwhile}"
    )


def _rule_of(table: str, column: str) -> str:
    return next(rule for name, rule, _ in value_rules()[table] if name == column)


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
            raise DataError(f"cannot delete {folder / name}: {exc.strerror or exc}") from None
    return found
