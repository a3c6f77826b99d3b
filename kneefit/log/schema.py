"""The session log's SQLite schema, versioned with SQLite's ``user_version``.

Each entry of :data:`MIGRATIONS` takes a log one version up; :func:`migrate` brings an older
log up to date in one transaction, and refuses (never changing it) a log written by a newer
kneefit or a file that is not a kneefit log.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kneefit.dose_words import logged_dose_from_words
from kneefit.errors import DataError
from kneefit.i18n import _
from kneefit.models import LoggedDose

if TYPE_CHECKING:
    import sqlite3

#: The schema this kneefit writes. Each entry of MIGRATIONS takes a log one version up.
SCHEMA_VERSION = 7


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


#: A logged exercise from version 4 on: its dose as data, no longer as English words.
_EXERCISES_V4 = """
CREATE TABLE {name} (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    exercise_id TEXT NOT NULL,
    name TEXT NOT NULL,
    -- The dose planned: JSON of a kneefit.models.SessionDose.
    dose TEXT,
    -- How much of it a guided session did, when not all (JSON of a Shortfall), or NULL.
    shortfall TEXT,
    -- Instead of a dose: the words an older kneefit logged, when they read as no dose.
    dose_words TEXT,
    CHECK ((dose IS NULL) <> (dose_words IS NULL)),
    CHECK (shortfall IS NULL OR dose IS NOT NULL),
    PRIMARY KEY (session_id, position)
)
"""


def dose_columns(dose: LoggedDose) -> tuple[str | None, str | None, str | None]:
    """The columns dose, shortfall and dose_words of a logged exercise's dose."""
    return (
        dose.dose.model_dump_json(exclude_none=True) if dose.dose is not None else None,
        dose.shortfall.model_dump_json(exclude_none=True) if dose.shortfall is not None else None,
        dose.text if dose.dose is None else None,
    )


def _v4(db: sqlite3.Connection) -> None:
    """Doses as data: each logged exercise's dose as the dose itself (JSON), where it was
    the English words of Dose.describe(), so a log can be shown in any language.

    Words are read back only into a dose described in exactly the same words (see
    kneefit.dose_words); words that read as no dose (typed by hand into an import, say)
    are kept as they are, and shown as before.
    """
    db.execute(_EXERCISES_V4.format(name="session_exercises_v4"))
    read: dict[object, tuple[object, ...]] = {}
    rows = []
    for *keys, words in db.execute(
        "SELECT session_id, position, exercise_id, name, dose FROM session_exercises"
    ).fetchall():
        columns = read.get(words)
        if columns is None:
            columns = read[words] = _read_back(words)
        rows.append((*keys, *columns))
    db.executemany("INSERT INTO session_exercises_v4 VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.execute("DROP TABLE session_exercises")
    db.execute("ALTER TABLE session_exercises_v4 RENAME TO session_exercises")


def _read_back(words: object) -> tuple[object, ...]:
    """The dose columns of an older log's dose column (kept as it is if it is not text that
    reads as a dose: a damaged row is still reported as damaged when read)."""
    if isinstance(words, str):
        try:
            logged = logged_dose_from_words(words)
        except ValueError:
            logged = None
        if logged is not None and logged.dose is not None:
            return dose_columns(logged)
    return (None, None, words)


def _v5(db: sqlite3.Connection) -> None:
    """The program phase each session was done in (``program/phase``), where the plan
    named or moved on to one: the next plan carries on from it (kneefit.phasing)."""
    db.execute(
        "ALTER TABLE sessions ADD COLUMN phase TEXT "
        "CHECK (phase IS NULL OR (length(phase) <= 130 AND phase GLOB '[a-z0-9]*/[a-z0-9]*'))"
    )


_KNEE = "TEXT CHECK (knee IS NULL OR knee IN ('left', 'right', 'both'))"
_DAY = "TEXT NOT NULL CHECK ({column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')"


def _v6(db: sqlite3.Connection) -> None:
    """Keeping going (issue 32): which knee a session or check-in is for; minutes walked
    outside sessions ('kneefit log --walked'); and the weekly reviews ('kneefit review'),
    each with the week it looked back on and the barrier the person named, if any."""
    db.execute(f"ALTER TABLE sessions ADD COLUMN knee {_KNEE}")
    db.execute(f"ALTER TABLE checkins ADD COLUMN knee {_KNEE}")
    db.execute(
        f"""
        CREATE TABLE walks (
            id INTEGER PRIMARY KEY,
            day {_DAY.format(column="day")},
            minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
            recorded TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX walks_by_day ON walks (day, id)")
    db.execute(
        f"""
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            day {_DAY.format(column="day")} UNIQUE,
            week_start {_DAY.format(column="week_start")},
            barrier TEXT CHECK (barrier IS NULL OR (length(barrier) <= 40
                AND barrier GLOB '[a-z]*' AND barrier NOT GLOB '*[^a-z-]*')),
            recorded TEXT NOT NULL
        )
        """
    )


#: The follow-up measures of a check-in (kneefit.measures.FOLLOW_UP) from version 7 on:
#: (column, SQL type, lowest, highest).
FOLLOW_UP_COLUMNS = (
    ("knee_bend", "INTEGER", 0, 160),
    ("knee_straighten", "INTEGER", 0, 90),
    ("walk_40m", "REAL", 10, 600),
    ("stairs", "REAL", 1, 300),
    ("tug", "REAL", 2, 300),
)


def _v7(db: sqlite3.Connection) -> None:
    """Follow-up measures on a check-in (issue 32): knee bend and how far short of straight
    the knee stays, in degrees; the 40-m fast-paced walk, a stair climb and the Timed Up
    and Go, in seconds. Each NULL where not recorded (every older check-in)."""
    for column, kind, low, high in FOLLOW_UP_COLUMNS:
        db.execute(
            f"ALTER TABLE checkins ADD COLUMN {column} {kind} "
            f"CHECK ({column} IS NULL OR {column} BETWEEN {low} AND {high})"
        )


#: MIGRATIONS[n] takes a log from version n to n + 1.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v1,
    _v2,
    _v3,
    _v4,
    _v5,
    _v6,
    _v7,
)


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the log open on ``db`` (at ``path``, for messages) up to :data:`SCHEMA_VERSION`."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise DataError(
            _(
                "the session log {file} was written by a newer kneefit (schema {version}; this "
                "one reads up to {known}); upgrade kneefit. The log has not been changed."
            ).format(file=path, version=version, known=SCHEMA_VERSION)
        )
    if version == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        # Read again inside the lock: another process may have migrated meanwhile.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise DataError(
                _(
                    "{file} holds tables but is not a kneefit session log; kneefit has not "
                    "changed it"
                ).format(file=path)
            )
        for step in MIGRATIONS[version:SCHEMA_VERSION]:
            step(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
