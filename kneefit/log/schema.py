"""The session log's SQLite schema, versioned with SQLite's ``user_version``.

Each entry of :data:`MIGRATIONS` takes a log one version up; :func:`migrate` brings an older
log up to date in one transaction, and refuses (never changing it) a log written by a newer
kneefit or a file that is not a kneefit log.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kneefit.errors import DataError

if TYPE_CHECKING:
    import sqlite3

#: The schema this kneefit writes. Each entry of MIGRATIONS takes a log one version up.
SCHEMA_VERSION = 3


def _v1(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
            effort INTEGER NOT NULL CHECK (effort BETWEEN 0 AND 10),
            next_morning_pain INTEGER CHECK (next_morning_pain BETWEEN 0 AND 10),
            notes TEXT NOT NULL DEFAULT '',
            red_flags TEXT NOT NULL DEFAULT '[]',
            stage INTEGER NOT NULL DEFAULT 0,
            recorded TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX sessions_by_day ON sessions (day, id)")
    db.execute(
        """
        CREATE TABLE session_exercises (
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            exercise_id TEXT NOT NULL,
            name TEXT NOT NULL,
            dose TEXT NOT NULL,
            PRIMARY KEY (session_id, position)
        )
        """
    )


def _v2(db: sqlite3.Connection) -> None:
    """Clearances: a clinician has seen the knee after a red flag."""
    db.execute(
        """
        CREATE TABLE clearances (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            text TEXT NOT NULL,
            recorded TEXT NOT NULL
        )
        """
    )


def _v3(db: sqlite3.Connection) -> None:
    """Check-ins: outcome measures on a date (see kneefit.measures)."""
    db.execute(
        """
        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL UNIQUE
                CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            week_pain INTEGER CHECK (week_pain BETWEEN 0 AND 10),
            chair_stands INTEGER CHECK (chair_stands BETWEEN 0 AND 60),
            recorded TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE checkin_activities (
            checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            activity TEXT NOT NULL,
            score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
            PRIMARY KEY (checkin_id, position)
        )
        """
    )


#: MIGRATIONS[n] takes a log from version n to n + 1.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3)


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the log open on ``db`` (at ``path``, for messages) up to :data:`SCHEMA_VERSION`."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise DataError(
            f"the session log {path} was written by a newer kneefit (schema {version}; this "
            f"one reads up to {SCHEMA_VERSION}); upgrade kneefit. The log has not been changed."
        )
    if version == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        # Read again inside the lock: another process may have migrated meanwhile.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise DataError(
                f"{path} holds tables but is not a kneefit session log; kneefit has not changed it"
            )
        for step in MIGRATIONS[version:SCHEMA_VERSION]:
            step(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
