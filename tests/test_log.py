"""The session log: the database under faults, and the log and history commands."""

from __future__ import annotations

import contextlib
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kneefit.environment import Places
from kneefit.errors import DataError
from kneefit.log import export, schema
from kneefit.log.remembered import LAST_PLAN, RememberedPlan, last_plan, remember_plan
from kneefit.log.sqlite import FILE_NAME, open_log
from kneefit.models import Dose, LoggedDose, LoggedExercise, Session, SessionDose, Shortfall
from kneefit.reasons import EarlierMorningWorse
from kneefit.usecases.common import History, existing_log
from tests.conftest import TIMEOUT, TODAY, Invoke, child, clean_env, read_until, run

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
#: Every test here runs on the fixed day of tests.conftest, through KNEEFIT_TODAY.
pytestmark = pytest.mark.usefixtures("pinned_today")


@pytest.fixture
def home_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "kneefit-home"
    monkeypatch.setenv("KNEEFIT_HOME", str(folder))
    return folder


def a_session(days_ago: int = 0, pain: int = 1, **extra: object) -> Session:
    return Session(
        date=TODAY - timedelta(days=days_ago),
        pain=pain,
        effort=5,
        exercises=(LoggedExercise(id="wall-sit", name="Wall sit", dose="hold 20 s"),),
        **extra,
    )


def read_history(places: Places, *, exercises: bool = True) -> History:
    """The whole log: every session and clearance, without creating a log if there is none
    (the sessions without their exercises unless ``exercises``)."""
    with existing_log(places) as log:
        if log is None:
            return History()
        return History(tuple(log.sessions(None, exercises=exercises)), tuple(log.clearances()))


# ------------------------------------------------------------------ the database


def test_a_new_log_is_created_at_the_current_schema(tmp_path: Path) -> None:
    history = open_log(tmp_path)
    assert history is not None
    history.add(a_session(notes="first"), NOW)
    history.close()
    db = sqlite3.connect(tmp_path / FILE_NAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_every_earlier_schema_version_is_migrated(tmp_path: Path) -> None:
    # Version 0 is an empty file; each later version is reached from every earlier one.
    for start in range(schema.SCHEMA_VERSION):
        folder = tmp_path / f"from-{start}"
        folder.mkdir()
        db = sqlite3.connect(folder / FILE_NAME)
        for step in schema.MIGRATIONS[:start]:
            step(db)
        db.execute(f"PRAGMA user_version = {start}")
        db.commit()
        db.close()
        history = open_log(folder)
        assert history is not None
        history.add(a_session(), NOW)
        assert len(history.sessions()) == 1
        history.close()


#: Doses as a version 3 log holds them (Dose.describe()'s words, a guided session's words,
#: words typed into an import), and the dose each must read back as (None: kept as words).
OLD_DOSES = [
    ("2 sets of 10 reps, rest 60 s between", SessionDose(sets=2, reps=10, rest_seconds=60)),
    ("hold 30 s, 2 times, each side", SessionDose(sets=2, hold_seconds=30, per_side=True)),
    ("hold 45 s, 12 times", SessionDose(reps=12, hold_seconds=45)),  # 12 sets would be too many
    ("roll each area for 60 s", SessionDose(roll_seconds=60)),
    ("8 min", SessionDose(minutes=8)),
    ("1 of 2 sets (planned: 2 sets of 10 reps); ended early", SessionDose(sets=2, reps=10)),
    ("none done (planned: hold 20 s); stopped for pain 7/10", SessionDose(hold_seconds=20)),
    ("3 x 30 s", None),  # a hand-written import
    ("2 sets of 10 reps, rest 0 s between", None),  # never written so by kneefit
    ("", None),
]


def _version_3_log(folder: Path) -> None:
    """A log as kneefit wrote it before doses were data: schema 3, doses in words."""
    folder.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(folder / FILE_NAME)
    for step in schema.MIGRATIONS[:3]:
        step(db)
    db.execute(
        "INSERT INTO sessions (id, day, pain, effort, recorded) "
        "VALUES (1, '2026-11-01', 2, 5, '2026-11-01T18:00:00+00:00')"
    )
    db.executemany(
        "INSERT INTO session_exercises (session_id, position, exercise_id, name, dose) "
        "VALUES (1, ?, ?, ?, ?)",
        [(n, f"exercise-{n}", f"Exercise {n}", words) for n, (words, _) in enumerate(OLD_DOSES)],
    )
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()


def test_a_version_3_log_keeps_its_doses_as_data_and_shows_them_as_before(
    tmp_path: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "home"
    _version_3_log(folder)
    monkeypatch.setenv("KNEEFIT_HOME", str(folder))
    monkeypatch.setenv("COLUMNS", "200")
    log = open_log(folder)
    assert log is not None
    [session] = log.sessions()
    log.close()
    # Each dose is data where its words read back as a dose, else its words as they were.
    for exercise, (words, dose) in zip(session.exercises, OLD_DOSES, strict=True):
        assert exercise.dose.dose == dose, words
        assert exercise.dose.text == (words if dose is None else None)
        assert exercise.dose.describe() == words
    assert session.exercises[5].dose.shortfall == Shortfall(blocks_done=1, ended_early=True)
    # The columns: JSON of the dose, the words only where no dose was found.
    db = sqlite3.connect(folder / FILE_NAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = db.execute(
        "SELECT dose, shortfall, dose_words FROM session_exercises ORDER BY position"
    ).fetchall()
    db.close()
    assert rows[0] == ('{"sets":2,"reps":10,"rest_seconds":60,"per_side":false}', None, None)
    assert rows[5][1] == '{"blocks_done":1,"ended_early":true}'
    assert rows[7] == (None, None, "3 x 30 s")
    # Every output words each dose as the old log did.
    listed = cli("history", "-f", "json")
    assert listed.code == 0, listed.stderr
    assert [e["dose"] for e in json.loads(listed.stdout)["sessions"][0]["exercises"]] == [
        words for words, _ in OLD_DOSES
    ]
    csv_cells = cli("history", "-f", "csv").stdout.splitlines()[1]
    assert all(f"Exercise {n} ({words})" in csv_cells for n, (words, _) in enumerate(OLD_DOSES))
    exported = json.loads(cli("log", "export").stdout)
    assert [e["dose"] for e in exported["sessions"][0]["exercises"]] == [
        words for words, _ in OLD_DOSES
    ]


def test_a_new_log_keeps_doses_as_data_and_an_export_round_trips_them(tmp_path: Path) -> None:
    planned = Dose(sets=2, reps=12, hold_seconds=3, rest_seconds=45, days_per_week=3)
    short = LoggedDose(dose=planned.for_session(), shortfall=Shortfall(blocks_done=0))
    session = Session(
        date=TODAY,
        pain=1,
        effort=5,
        exercises=(
            LoggedExercise(id="squat", name="Squat", dose=planned),
            LoggedExercise(id="wall-sit", name="Wall sit", dose=short),
        ),
    )
    log = open_log(tmp_path)
    assert log is not None
    log.add(session, NOW)
    [stored] = log.sessions()
    text = export.export_text([stored])
    log.close()
    assert [e.dose for e in stored.exercises] == [LoggedDose(dose=planned.for_session()), short]
    assert [e["dose"] for e in json.loads(text)["sessions"][0]["exercises"]] == [
        "2 sets of 12 reps, hold each 3 s, rest 45 s between",
        "none done (planned: 2 sets of 12 reps, hold each 3 s, rest 45 s between)",
    ]
    db = sqlite3.connect(tmp_path / FILE_NAME)
    assert db.execute("SELECT dose_words FROM session_exercises").fetchall() == [(None,), (None,)]
    db.close()
    [imported] = export.parse_export(text, "export.json", TODAY)
    assert imported.exercises == stored.exercises


def test_a_remembered_plan_keeps_doses_as_data_and_reads_an_older_ones_words(
    tmp_path: Path,
) -> None:
    dose = Dose(hold_seconds=30, sets=2, per_side=True, days_per_week=7)
    plan = RememberedPlan(
        made=NOW, stage=1, exercises=(LoggedExercise(id="stretch", name="Stretch", dose=dose),)
    )
    remember_plan(tmp_path, plan)
    kept = json.loads((tmp_path / LAST_PLAN).read_text())
    assert kept["exercises"][0]["dose"] == {
        "dose": {"sets": 2, "hold_seconds": 30, "rest_seconds": 0, "per_side": True}
    }
    assert last_plan(tmp_path) == plan
    kept["exercises"][0]["dose"] = "hold 30 s, 2 times, each side"  # as an older kneefit wrote it
    (tmp_path / LAST_PLAN).write_text(json.dumps(kept))
    assert last_plan(tmp_path) == plan


def test_a_log_from_a_newer_kneefit_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(DataError, match="newer kneefit"):
        open_log(tmp_path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["text", "damaged-header"],
)
def test_a_corrupt_log_is_refused_and_never_overwritten(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(content)
    with pytest.raises(DataError, match=r"damaged|not a kneefit"):
        history = open_log(tmp_path)
        assert history is not None
        history.sessions()
    assert path.read_bytes() == content


def test_another_programs_database_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE recipes (name TEXT)")
    db.commit()
    db.close()
    with pytest.raises(DataError, match="not a kneefit session log"):
        open_log(tmp_path)


_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path
    from datetime import datetime, timezone

    from kneefit.log.sqlite import open_log
    from kneefit.models import Session
    history = open_log(Path(sys.argv[1]))
    for n in range(int(sys.argv[2])):
        history.add(
            Session(date=date(2026, 1, 1), pain=1, effort=n % 11, notes=sys.argv[3]),
            datetime.now(timezone.utc),
        )
    history.close()
    """
)


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    with contextlib.ExitStack() as stack:
        writers = [
            stack.enter_context(
                child(
                    [sys.executable, "-c", _WRITER, str(tmp_path), "40", name],
                    stderr=subprocess.PIPE,
                    env=clean_env(),
                )
            )
            for name in ("first", "second")
        ]
        for writer in writers:
            _, err = writer.communicate(timeout=TIMEOUT)
            assert writer.returncode == 0, err.decode()
    history = open_log(tmp_path)
    assert history is not None
    notes = [s.notes for s in history.sessions()]
    history.close()
    assert notes.count("first") == 40 and notes.count("second") == 40


_KILLED = textwrap.dedent(
    """
    import signal, sys
    from datetime import date
    from pathlib import Path
    from datetime import datetime, timezone

    from kneefit.log.rows import insert_session
    from kneefit.log.sqlite import open_log
    from kneefit.models import Session
    history = open_log(Path(sys.argv[1]))
    db = history._db
    db.execute("BEGIN IMMEDIATE")
    for n in range(200):
        insert_session(
            db,
            Session(date=date(2026, 1, 2), pain=2, effort=2, notes="half-done"),
            datetime.now(timezone.utc),
        )
    print("inside", flush=True)
    signal.pause()  # until the test kills it
    """
)


def test_a_writer_killed_mid_transaction_leaves_the_log_as_it_was(tmp_path: Path) -> None:
    history = open_log(tmp_path)
    assert history is not None
    history.add(a_session(notes="kept"), NOW)
    history.close()
    with child(
        [sys.executable, "-c", _KILLED, str(tmp_path)], stdout=subprocess.PIPE, env=clean_env()
    ) as writer:
        assert writer.stdout is not None
        read_until(writer.stdout.fileno(), b"inside\n")
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=TIMEOUT)
    history = open_log(tmp_path)
    assert history is not None
    assert [s.notes for s in history.sessions()] == ["kept"]
    history.add(a_session(notes="after"), NOW)  # and it takes new writes
    assert [s.notes for s in history.sessions()] == ["kept", "after"]
    history.close()
    db = sqlite3.connect(tmp_path / FILE_NAME)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_export_and_import_round_trip(tmp_path: Path) -> None:
    history = open_log(tmp_path / "a")
    assert history is not None
    sessions = [
        a_session(3, pain=2, notes="stairs were fine", next_morning_pain=1, stage=1),
        a_session(1, pain=6, red_flags=("knee gave way",)),
    ]
    for session in sessions:
        history.add(session, NOW)
    text = export.export_text(history.sessions())
    history.close()
    parsed = export.parse_export(text, "export.json", TODAY)
    assert parsed == sessions
    other = open_log(tmp_path / "b")
    assert other is not None
    assert other.import_sessions(parsed, NOW) == 2
    assert other.import_sessions(parsed, NOW) == 0  # already there
    other.close()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{", "export.json:1:2: is not valid JSON"),
        (
            '{"kneefit_log": 1, "sessions": [{"date": "2026-01-01", "pain": 11, "effort": 1}]}',
            "sessions[0].pain",
        ),
        ('{"kneefit_log": 2, "sessions": []}', "kneefit_log"),
        ('[{"date": "2999-01-01", "pain": 1, "effort": 1}]', "is in the future"),
        (
            '[{"date": "2026-01-01", "pain": 1, "effort": 1, "notes": "\\u001b[2J"}]',
            "control character",
        ),
        ("[" * 100_000, "export.json"),
    ],
)
def test_a_bad_export_is_refused_with_its_place(text: str, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        export.parse_export(text, "export.json", TODAY)
    assert expected in str(caught.value)


# ------------------------------------------------------------------ the commands


def test_log_says_too_much_above_the_plans_own_pain_ceiling(cli: Invoke, home_dir: Path) -> None:
    """Osgood-Schlatter's program allows 2/10 during exercise, not the general 5: a session
    at 3/10 after its plan is too much, and the log says so (it said nothing below 6)."""
    assert cli("plan", "-c", "osgood-schlatter").code == 0
    logged = cli("log", "--pain", "3", "--effort", "5")
    assert logged.code == 0, logged.stderr
    assert "That is more than 2/10: too much. The next plan steps down." in logged.stdout
    assert cli("plan", "-c", "arthritis").code == 0
    fine = cli("log", "--pain", "3", "--effort", "5")
    assert fine.code == 0 and "too much" not in fine.stdout


def test_log_records_the_last_plan_and_history_shows_it(cli: Invoke, home_dir: Path) -> None:
    planned = cli("plan", "-c", "arthritis", "-f", "json")
    assert planned.code == 0, planned.stderr
    names = [e["name"] for s in json.loads(planned.stdout)["sections"] for e in s["exercises"]]
    logged = cli("log", "--pain", "2", "--effort", "6", "--notes", "Felt good.")
    assert logged.code == 0, logged.stderr
    assert f"{len(names)} exercises" in logged.stdout
    assert cli("log", "--next-morning", "1").code == 0
    shown = cli("history", "-f", "json")
    assert shown.code == 0
    (session,) = json.loads(shown.stdout)["sessions"]
    assert set(session) >= {"date", "pain", "effort", "next_morning_pain", "exercises", "notes"}
    assert (session["pain"], session["effort"], session["next_morning_pain"]) == (2, 6, 1)
    assert [e["name"] for e in session["exercises"]] == names
    assert session["notes"] == "Felt good." and session["date"] == TODAY.isoformat()
    table = cli("history", "-f", "text")
    assert "Pain (P) and effort (E)" in table.stdout and table.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--pain", "11", "--effort", "1"],
        ["--pain", "-1", "--effort", "1"],
        ["--pain", "1"],
        ["--next-morning", "12"],
        ["--pain", "1", "--effort", "1", "--date", "2999-01-01"],
        ["--pain", "1", "--effort", "1", "--date", "24/11/2026"],
        ["--pain", "1", "--effort", "1", "--notes", "\x1b[31mred"],
        ["--pain", "1", "--effort", "1", "-x", "no-such-exercise"],
        ["--pain", "1", "--effort", "1", "--next-morning", "1"],
        [],
    ],
)
def test_log_mistakes_are_usage_errors(cli: Invoke, home_dir: Path, args: list[str]) -> None:
    result = cli("log", *args)
    assert result.code == 2, result
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not (home_dir / FILE_NAME).exists()


def test_next_morning_without_a_session_is_explained(cli: Invoke, home_dir: Path) -> None:
    result = cli("log", "--next-morning", "2")
    assert result.code == 1
    assert "no session is logged" in result.stderr


def test_a_red_flag_stops_progression_and_says_see_a_clinician(cli: Invoke, home_dir: Path) -> None:
    for days_ago in (4, 2):
        day = (TODAY - timedelta(days=days_ago)).isoformat()
        assert cli("log", "--pain", "1", "--effort", "5", "--date", day).code == 0
        assert cli("log", "--next-morning", "1", "--date", day).code == 0
    plan = json.loads(cli("plan", "-f", "json").stdout)
    assert plan["progression"]["step"] == "up"
    flagged = cli("log", "--pain", "1", "--effort", "4", "--red-flag", "knee locked")
    assert flagged.code == 0 and flagged.stderr == ""  # a stop, not an error
    assert flagged.stdout.splitlines()[1:] == [
        "STOP: you logged a red flag (knee locked). Stop exercising that knee and see a doctor "
        "or physiotherapist now.",
        "kneefit plans no exercises until you log that a clinician has seen it: kneefit log "
        "--cleared 'who, and what they said'",
    ]  # and nothing more to ask: no next-morning pain
    plan = json.loads(cli("plan", "-f", "json").stdout)
    assert plan["progression"]["step"] == "no progression"
    assert plan["progression"]["see_clinician"] is True
    assert "knee locked" in plan["warnings"][0]


def test_no_history_neither_reads_nor_writes(cli: Invoke, home_dir: Path) -> None:
    result = cli("plan", "--no-history", "-f", "json")
    assert result.code == 0
    assert json.loads(result.stdout)["progression"] is None
    assert not home_dir.exists()


def test_export_import_and_forget(cli: Invoke, home_dir: Path, tmp_path: Path) -> None:
    assert cli("log", "--pain", "3", "--effort", "4", "-x", "wall sit").code == 0
    target = tmp_path / "backup.json"
    assert cli("log", "export", "-o", str(target)).code == 0
    assert cli("log", "import", str(target)).stdout.startswith("Imported 0 sessions")
    assert cli("log", "forget", "--yes").code == 0
    assert not (home_dir / FILE_NAME).exists()
    assert cli("log", "import", str(target)).stdout.startswith("Imported 1 sessions")
    (session,) = json.loads(cli("history", "-f", "json").stdout)["sessions"]
    assert session["exercises"][0]["id"] == "wall-sit"


def test_forget_asks_first_and_refuses_without_a_terminal(home_dir: Path) -> None:
    env = clean_env(KNEEFIT_HOME=str(home_dir))
    assert run(["log", "--pain", "1", "--effort", "1"], env=env).code == 0
    refused = run(["log", "forget"], env=env, stdin="y\n")
    assert refused.code == 2 and "--yes" in refused.stderr
    assert (home_dir / FILE_NAME).exists()


def test_history_formats_and_an_empty_log(cli: Invoke, home_dir: Path) -> None:
    assert "No sessions logged yet." in cli("history", "-f", "text").stdout
    assert json.loads(cli("history", "-f", "json").stdout)["sessions"] == []
    assert cli("log", "--pain", "4", "--effort", "7", "--notes", "=HYPERLINK(1)").code == 0
    csv_out = cli("history", "-f", "csv").stdout
    assert csv_out.splitlines()[0].startswith("date,pain,effort,next_morning_pain,exercises,notes")
    assert "'=HYPERLINK(1)" in csv_out  # a spreadsheet shows it, never runs it
    assert "| Date | Pain |" in cli("history", "-f", "markdown").stdout
    assert cli("history", "--since", "2999-01-01").code == 2


def _at_a_terminal(home: Path, args: list[str], keys: bytes) -> tuple[int, bytes]:
    """Run kneefit with a pseudo-terminal as stdin, type ``keys`` once it asks, and return
    (exit code, stdout and stderr)."""
    import os
    import pty

    controller, terminal = pty.openpty()
    try:
        with child(
            [sys.executable, "-m", "kneefit", *args],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=clean_env(KNEEFIT_HOME=str(home)),
        ) as process:
            assert process.stderr is not None
            asked = read_until(process.stderr.fileno(), b"[y/N]")
            if keys == b"\x03":
                process.send_signal(signal.SIGINT)
            else:
                os.write(controller, keys)
            out, rest = process.communicate(timeout=TIMEOUT)
    finally:
        os.close(terminal)
        os.close(controller)
    return process.returncode, out + asked + rest


@pytest.mark.parametrize(
    ("keys", "code", "kept"),
    [(b"y\n", 0, False), (b"n\n", 0, True), (b"\n", 0, True), (b"\x03", 130, True)],
    ids=["yes", "no", "enter", "ctrl-c"],
)
def test_forget_asks_at_a_terminal(home_dir: Path, keys: bytes, code: int, kept: bool) -> None:
    env = clean_env(KNEEFIT_HOME=str(home_dir))
    assert run(["log", "--pain", "1", "--effort", "1"], env=env).code == 0
    returned, output = _at_a_terminal(home_dir, ["log", "forget"], keys)
    assert returned == code, output
    assert b"Traceback" not in output
    assert (home_dir / FILE_NAME).exists() is kept


def test_after_a_week_plan_a_session_logs_that_days_exercises(cli: Invoke, home_dir: Path) -> None:
    start = TODAY - timedelta(days=6)
    week = cli("plan", "--days", "7", "--start", start.isoformat(), "-f", "json")
    assert week.code == 0, week.stderr
    days = json.loads(week.stdout)["days"]
    mobility = next(d for d in days if d["focus"] == "mobility")
    strength = next(d for d in days if d["focus"] == "strength")
    for day in (mobility, strength):
        assert cli("log", "--pain", "1", "--effort", "3", "--date", day["date"]).code == 0
    logged = {s["date"]: s for s in json.loads(cli("history", "-f", "json").stdout)["sessions"]}
    for day in (mobility, strength):
        planned = [e["name"] for s in day["sections"] for e in s["exercises"]]
        assert [e["name"] for e in logged[day["date"]]["exercises"]] == planned
    assert len(logged[mobility["date"]]["exercises"]) < len(logged[strength["date"]]["exercises"])


def test_a_plan_is_printed_even_if_it_cannot_be_remembered(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("KNEEFIT_HOME", str(blocker))
    # A file as the data folder: plan cannot read a log there and says so (it could hide a
    # red flag), as history and log do.
    refused = cli("plan", "-c", "arthritis")
    assert (refused.code, refused.stdout) == (1, "") and "is a file" in refused.stderr
    # A folder where the remembered plan should be written: the plan is still printed.
    home = tmp_path / "home"
    (home / LAST_PLAN).mkdir(parents=True)
    monkeypatch.setenv("KNEEFIT_HOME", str(home))
    result = cli("plan", "-c", "arthritis")
    assert result.code == 0
    assert "kneefit: your knee routine" in result.stdout
    assert result.stderr.startswith("Warning: cannot remember the plan")


def test_a_damaged_log_stops_plan_and_points_to_no_history(cli: Invoke, home_dir: Path) -> None:
    home_dir.mkdir(parents=True)
    (home_dir / FILE_NAME).write_bytes(b"not sqlite " * 200)
    result = cli("plan")
    assert result.code == 1 and result.stdout == ""
    assert "damaged" in result.stderr and "--no-history" in result.stderr
    assert cli("plan", "--no-history").code == 0


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-20, 20) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)
_session_like = st.fixed_dictionaries(
    {"date": st.sampled_from(["2026-01-01", "2026-13-01", "yesterday", 3]), "pain": _json_values},
    optional={"effort": _json_values, "notes": _json_values, "exercises": _json_values},
)


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(_json_values, st.lists(_session_like, max_size=3)))
def test_any_import_file_loads_or_is_refused_cleanly(data: object) -> None:
    text = json.dumps(data)
    try:
        sessions = export.parse_export(text, "in.json", TODAY)
    except DataError as exc:
        assert str(exc).startswith("in.json")
    else:
        assert all(0 <= s.pain <= 10 and 0 <= s.effort <= 10 for s in sessions)


# ------------------------------------------------------------------ what plan reads

_logged_sessions = st.lists(
    st.tuples(
        st.integers(0, 90),  # days before the last day
        st.integers(0, 10) | st.integers(0, 2),  # pain
        st.integers(0, 10) | st.integers(0, 5),  # effort
        st.none() | st.integers(0, 10) | st.integers(0, 3),  # next-morning pain
        st.sampled_from([(), (), (), (), (), (), ("knee locked",)]),
        st.sampled_from([0, 0, 1, 1, 2]),  # stage
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@example(rows=[(0, 0, 0, None, (), 0)], cleared=None, today_after=-1)  # a session after today
@given(
    rows=_logged_sessions,
    cleared=st.none() | st.integers(0, 90),
    today_after=st.sampled_from([0, 1, 3, 20, 60]) | st.integers(-5, 90),
)
def test_plan_decides_on_the_sessions_it_reads_as_on_the_whole_log(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[int, int, int, int | None, tuple[str, ...], int]],
    cleared: int | None,
    today_after: int,
) -> None:
    from kneefit.environment import Places
    from kneefit.models import Clearance, PainRule
    from kneefit.progression import decide
    from kneefit.usecases.common import as_of, read_for_decision

    last = date(2026, 6, 30)
    folder = tmp_path_factory.mktemp("log")
    log = open_log(folder)
    assert log is not None
    try:
        # One transaction (an import) for speed; it drops exact repeats, as any import does.
        log.import_sessions(
            [
                Session(
                    date=last - timedelta(days=ago),
                    pain=pain,
                    effort=effort,
                    next_morning_pain=morning,
                    red_flags=flags,
                    stage=stage,
                )
                for ago, pain, effort, morning, flags, stage in rows
            ],
            NOW,
        )
        if cleared is not None:
            log.add_clearance(Clearance(date=last - timedelta(days=cleared), text="GP: fine"), NOW)
    finally:
        log.close()
    today = last + timedelta(days=today_after)
    rule = PainRule(
        safe_max=2, acceptable_max=5, safe="s", acceptable="a", stop="x", next_morning="n"
    )
    places = Places(data_dir=folder)
    whole = read_history(places, exercises=False)
    read = read_for_decision(places, today)
    assert {s.id for s in read.sessions} <= {s.id for s in whole.sessions}
    # The whole log as it stands on today: a session dated later is not done yet (as_of).
    assert decide(read.sessions, rule, today, read.clearances) == decide(
        as_of(whole.sessions, today), rule, today, whole.clearances
    )


def test_plan_reads_a_long_log_only_in_part(tmp_path: Path) -> None:
    from kneefit.environment import Places
    from kneefit.usecases.common import read_for_decision

    log = open_log(tmp_path)
    assert log is not None
    try:
        for ago in range(400):
            log.add(a_session(days_ago=ago, next_morning_pain=1), NOW)
    finally:
        log.close()
    read = read_for_decision(Places(data_dir=tmp_path), TODAY)
    # The last two weeks (15 days, today included), nothing older.
    assert [s.date for s in read.sessions] == [TODAY - timedelta(days=n) for n in range(14, -1, -1)]


# ------------------------------------------------------------------ a page of history


def _log_of(folder: Path, days_ago: list[int]) -> None:
    log = open_log(folder)
    assert log is not None
    try:
        for n, ago in enumerate(days_ago):
            log.add(
                Session(
                    date=TODAY - timedelta(days=ago),
                    pain=n % 11,
                    effort=3,
                    notes=f"session {n}",
                    exercises=(LoggedExercise(id=f"ex-{n}", name=f"Exercise {n}", dose="1 min"),),
                ),
                NOW,
            )
    finally:
        log.close()


def _whole_log(folder: Path, since: date | None) -> list[Session]:
    """Every session of the log in ``folder`` from ``since`` on, read in full: the oracle."""
    log = open_log(folder, create=False)
    assert log is not None
    try:
        return log.sessions(since)
    finally:
        log.close()


def test_history_shows_the_latest_page_and_says_how_many_are_not_shown(tmp_path: Path) -> None:
    from kneefit.environment import Places
    from kneefit.usecases.logbook import DEFAULT_HISTORY_LIMIT, history_page

    _log_of(tmp_path, list(range(29, -1, -1)))  # 30 sessions, oldest first
    places = Places(data_dir=tmp_path)
    every = _whole_log(tmp_path, None)
    page = history_page(places, None)
    assert DEFAULT_HISTORY_LIMIT == 20
    assert list(page.sessions) == every[-20:]  # oldest first, with their exercises
    assert page.sessions[0].exercises[0].id == "ex-10"
    assert page.earlier == 10
    assert page.note.startswith("10 earlier sessions are not shown (this is the last 20)")
    assert "--all" in page.note and "--limit N" in page.note
    whole = history_page(places, None, limit=None)
    assert (list(whole.sessions), whole.earlier, whole.note) == (every, 0, "")
    one = history_page(places, None, limit=29)
    assert one.earlier == 1 and one.note.startswith("1 earlier session is not shown")
    exact = history_page(places, None, limit=30)
    assert (list(exact.sessions), exact.earlier, exact.note) == (every, 0, "")
    since = history_page(places, TODAY - timedelta(days=4), limit=3)
    assert [s.notes for s in since.sessions] == ["session 27", "session 28", "session 29"]
    assert since.earlier == 2  # from that date on: five sessions, three shown


def test_history_without_a_log_and_with_a_bad_limit(tmp_path: Path) -> None:
    from kneefit.environment import Places
    from kneefit.errors import UsageError
    from kneefit.usecases.logbook import history_page

    places = Places(data_dir=tmp_path / "nothing")
    assert history_page(places, None) == history_page(places, None, limit=None)
    assert history_page(places, None).sessions == ()
    assert not (tmp_path / "nothing").exists()
    with pytest.raises(UsageError, match="--limit"):
        history_page(places, None, limit=0)


@settings(max_examples=60, deadline=None)
@given(
    days_ago=st.lists(st.integers(0, 8), max_size=30),
    limit=st.integers(1, 35),
    since=st.none() | st.integers(0, 8),
)
def test_a_page_is_the_end_of_the_whole_history(
    tmp_path_factory: pytest.TempPathFactory, days_ago: list[int], limit: int, since: int | None
) -> None:
    from kneefit.environment import Places
    from kneefit.usecases.logbook import history_page

    folder = tmp_path_factory.mktemp("log")
    _log_of(folder, days_ago)
    places = Places(data_dir=folder)
    start = TODAY - timedelta(days=since) if since is not None else None
    every = _whole_log(folder, start)
    page = history_page(places, start, limit)
    assert list(page.sessions) == every[-limit:] if every else page.sessions == ()
    assert page.earlier == len(every) - len(page.sessions)


def test_plan_reads_as_many_mornings_as_the_usual_one_needs(tmp_path: Path) -> None:
    """The step up compares the last but one morning with the median of the five before
    the last two sessions: seven sessions back, far outside the two weeks."""
    from kneefit.environment import Places
    from kneefit.models import PainRule, Step
    from kneefit.progression import decide
    from kneefit.usecases.common import read_for_decision

    last = date(2026, 6, 30)
    mornings = [0, 0, 0, 5, 5, 1, 1]  # oldest first; the usual before the last two is 0
    log = open_log(tmp_path)
    assert log is not None
    try:
        for ago, morning in zip(range(6, -1, -1), mornings, strict=True):
            log.add(
                Session(
                    date=last - timedelta(days=ago), pain=1, effort=3, next_morning_pain=morning
                ),
                NOW,
            )
    finally:
        log.close()
    rule = PainRule(
        safe_max=2, acceptable_max=5, safe="s", acceptable="a", stop="x", next_morning="n"
    )
    today = last + timedelta(days=30)
    places = Places(data_dir=tmp_path)
    whole = decide(read_history(places, exercises=False).sessions, rule, today)
    assert whole.step is Step.HOLD and isinstance(whole.reasons[0], EarlierMorningWorse)
    assert decide(read_for_decision(places, today).sessions, rule, today) == whole


def test_history_pages_text_but_exports_every_session(cli: Invoke, home_dir: Path) -> None:
    _log_of(home_dir, list(range(24, -1, -1)))  # 25 sessions, one a day
    text = cli("history", "-f", "text")
    assert text.code == 0 and text.stderr == ""
    assert "session 24" in text.stdout and "session 5" in text.stdout
    assert "session 4\n" not in text.stdout and "session 4 " not in text.stdout
    assert "5 earlier sessions are not shown (this is the last 20)" in text.stdout
    every = cli("history", "-f", "text", "--all")
    assert "session 0" in every.stdout and "not shown" not in every.stdout
    three = cli("history", "-f", "markdown", "--limit", "3")
    assert three.stdout.count("| session ") == 3
    assert "22 earlier sessions are not shown (this is the last 3)" in three.stdout
    # Exports are for keeping: whole unless a limit is asked for, and then said on stderr.
    rows = json.loads(cli("history", "-f", "json").stdout)["sessions"]
    assert len(rows) == 25
    cut = cli("history", "-f", "json", "--limit", "2")
    assert len(json.loads(cut.stdout)["sessions"]) == 2
    assert cut.stderr.startswith("Note: 23 earlier sessions are not shown")
    both = cli("history", "--limit", "2", "--all")
    assert both.code == 2 and both.stdout == ""
    assert "give --limit N or --all, not both" in both.stderr
    assert cli("history", "--limit", "0").code == 2
