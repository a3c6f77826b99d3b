"""The session log's rows: records written as SQLite rows and read back, with what is
read refused as damage where kneefit would not have written it (see
:mod:`kneefit.log.sqlite`, which runs each in a transaction)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from kneefit.i18n import _
from kneefit.log.checkin import CheckIn
from kneefit.log.schema import dose_columns
from kneefit.log.walk import ReviewDone, Walk
from kneefit.models import Clearance, LoggedDose, LoggedExercise, Session, SessionDose, Shortfall

if TYPE_CHECKING:
    import sqlite3


def between(column: str, since: date | None, until: date | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause keeping ``column`` from ``since`` to ``until`` (either may be open)."""
    parts, args = [], []
    if since is not None:
        parts.append(f"{column} >= ?")
        args.append(since.isoformat())
    if until is not None:
        parts.append(f"{column} <= ?")
        args.append(until.isoformat())
    return ("WHERE " + " AND ".join(parts) if parts else ""), tuple(args)


def insert_review(db: sqlite3.Connection, review: ReviewDone, recorded: datetime) -> None:
    db.execute(
        "INSERT INTO reviews (day, week_start, barrier, recorded) VALUES (?, ?, ?, ?)",
        (
            review.date.isoformat(),
            review.week_start.isoformat(),
            review.barrier,
            recorded.isoformat(timespec="seconds"),
        ),
    )


def insert_walk(db: sqlite3.Connection, walk: Walk, recorded: datetime) -> None:
    db.execute(
        "INSERT INTO walks (day, minutes, recorded) VALUES (?, ?, ?)",
        (walk.date.isoformat(), walk.minutes, recorded.isoformat(timespec="seconds")),
    )


def delete_checkin(db: sqlite3.Connection, day: date) -> bool:
    cursor = db.execute("DELETE FROM checkins WHERE day = ?", (day.isoformat(),))
    return cursor.rowcount > 0


def insert_clearance(db: sqlite3.Connection, clearance: Clearance, recorded: datetime) -> None:
    """A clearance's row, its time in whole seconds as a session's is kept."""
    db.execute(
        "INSERT INTO clearances (day, text, recorded) VALUES (?, ?, ?)",
        (clearance.date.isoformat(), clearance.text, recorded.isoformat(timespec="seconds")),
    )


def insert_checkin(db: sqlite3.Connection, checkin: CheckIn, recorded: datetime) -> None:
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


def read_checkins(db: sqlite3.Connection, since: date | None) -> list[CheckIn]:
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


def insert_session(db: sqlite3.Connection, session: Session, recorded: datetime) -> int:
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


def recorded_time(text: object) -> datetime | None:
    """A ``recorded`` column's time, or None if it is not one (a tampered or odd row)."""
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def read_sessions(
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
                    LoggedExercise.model_construct(
                        id=stored_text(ident), name=stored_text(name), dose=logged
                    )
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
            notes=stored_text(row[5]),
            red_flags=tuple(stored_text(flag) for flag in json.loads(row[6])),
            stage=row[7],
            recorded=recorded_time(row[8]),
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
        return LoggedDose.model_construct(dose=None, shortfall=None, text=stored_text(words))
    if not isinstance(dose, str) or not isinstance(shortfall, (str, type(None))):
        raise ValueError(_("a dose is not JSON text"))
    return LoggedDose.model_construct(
        dose=SessionDose.model_validate_json(dose),
        shortfall=Shortfall.model_validate_json(shortfall) if shortfall is not None else None,
        text=None,
    )


def stored_text(value: object) -> str:
    """Text from the log as stored: refused (as damage) if it is not text or holds control
    characters."""
    from kneefit.models import text_problem

    if not isinstance(value, str) or text_problem(value):
        raise ValueError(_("a text field is not plain text"))
    return value
