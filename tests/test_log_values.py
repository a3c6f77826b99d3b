"""Values changed in the SQLite log behind kneefit's back (another tool, CHECKs switched
off): every reader refuses them in one line that says where the bad value is and how to
repair it, and the export writes it as it is so that nothing is lost in the repair."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kneefit.log.sqlite import FILE_NAME
from kneefit.log.value_checks import bad_value, value_rules
from tests.conftest import TODAY, Invoke

pytestmark = pytest.mark.usefixtures("pinned_today")


@pytest.fixture
def home_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "kneefit-home"
    monkeypatch.setenv("KNEEFIT_HOME", str(folder))
    return folder


@pytest.fixture
def logged(cli: Invoke, home_dir: Path) -> Path:
    """A log with a session, a red flag and its all-clear, and a check-in with an activity."""
    assert cli("log", "--pain", "2", "--effort", "3").code == 0
    assert cli("log", "--pain", "6", "--effort", "5", "--red-flag", "it swelled up").code == 0
    assert cli("log", "--cleared", "seen by the GP").code == 0
    assert cli("checkin", "--pain", "3", "--activity", "stairs=4").code == 0
    assert cli("log", "--walked", "30").code == 0
    return home_dir / FILE_NAME


def tamper(path: Path, statement: str) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute(statement)
    db.commit()
    db.close()


DAY = TODAY.isoformat()

#: (the change, what the message says of where and what, and which repair it offers).
CASES = [
    ("UPDATE sessions SET pain = 2.5 WHERE id = 1", f"the session of {DAY} (row 1 of the "
     "table sessions) has pain 2.5, where a whole number from 0 to 10 belongs", "export"),
    ("UPDATE sessions SET pain = 99 WHERE id = 1", "has pain 99,", "export"),
    ("UPDATE sessions SET effort = 'hard' WHERE id = 1", "has effort 'hard',", "export"),
    ("UPDATE sessions SET next_morning_pain = -1 WHERE id = 1", "next_morning_pain -1",
     "export"),
    ("UPDATE sessions SET stage = 999999999999999999", "has stage 999999999999999999, where "
     "a whole number from -60 to 60 belongs", "export"),
    ("UPDATE sessions SET stage = -61", "has stage -61,", "export"),
    ("UPDATE sessions SET day = '2026-02-30' WHERE id = 1", "the session (row 1 of the table "
     "sessions) has day '2026-02-30', where a date (YYYY-MM-DD) belongs", "sqlite3"),
    ("UPDATE sessions SET notes = x'1b5d303b70776e6564' WHERE id = 1",
     r"has notes b'\x1b]0;pwned', where text belongs", "sqlite3"),
    ("UPDATE clearances SET day = 'not a date'", "the clinician's all-clear (row 1 of the "
     "table clearances) has day 'not a date', where a date (YYYY-MM-DD) belongs", "sqlite3"),
    ("UPDATE clearances SET day = '2026-13-45'", "has day '2026-13-45'", "sqlite3"),
    ("UPDATE checkins SET week_pain = 2.5", f"the check-in of {DAY} (row 1 of the table "
     "checkins) has week_pain 2.5", "export"),
    ("UPDATE checkins SET chair_stands = 61", "has chair_stands 61, where a whole number from "
     "0 to 60 belongs", "export"),
    ("UPDATE sessions SET knee = 'middle' WHERE id = 1", "has knee 'middle', where left, "
     "right or both belongs", "sqlite3"),
    ("UPDATE checkins SET knee = 3", "has knee '3',", "sqlite3"),
    ("UPDATE walks SET minutes = 0", f"the walk of {DAY} (row 1 of the table walks) has "
     "minutes 0, where a whole number from 1 to 1440 belongs", "export"),
    ("UPDATE walks SET minutes = 12.5", "has minutes 12.5,", "export"),
    ("UPDATE checkin_activities SET score = 11", f"an activity score of the check-in of {DAY} "
     "(row 1 of the table checkins) has score 11", "export"),
]  # fmt: skip


@pytest.mark.parametrize(("statement", "said", "repair"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", [("plan", "-c", "arthritis"), ("report",), ("history",)])
def test_a_tampered_value_is_named_with_its_repair(
    cli: Invoke,
    logged: Path,
    statement: str,
    said: str,
    repair: str,
    command: tuple[str, ...],
) -> None:
    tamper(logged, statement)
    before = logged.read_bytes()
    result = cli(*command)
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
    assert result.stderr.startswith(f"Error: the session log {logged} has a bad value: ")
    assert said in result.stderr
    assert "kneefit has not changed the log" in result.stderr
    assert "'kneefit plan --no-history' plans without the log meanwhile" in result.stderr
    if repair == "export":
        assert "'kneefit log export -o log.json' (it writes the value as it is)" in result.stderr
        assert "'kneefit log forget --yes' and 'kneefit log import log.json'" in result.stderr
    else:
        assert f"sqlite3 '{logged}' \"UPDATE " in result.stderr
    assert logged.read_bytes() == before
    # Planning without the log still works.
    assert cli("plan", "-c", "arthritis", "--no-history").code == 0


def test_export_fix_import_repairs_the_log_losing_nothing(
    cli: Invoke, logged: Path, tmp_path: Path
) -> None:
    tamper(logged, "UPDATE sessions SET pain = 2.5 WHERE id = 1")
    tamper(logged, "UPDATE checkins SET week_pain = 11")
    exported = tmp_path / "log.json"
    result = cli("log", "export", "-o", str(exported))
    assert result.code == 0, result.stderr
    text = exported.read_text(encoding="utf-8")
    assert '"pain": 2.5' in text and '"week_pain": 11' in text
    assert cli("log", "forget", "--yes").code == 0
    # The import names the bad value by line and column, and adds nothing.
    refused = cli("log", "import", str(exported))
    assert refused.code == 1 and "pain: must be a whole number (got float 2.5)" in refused.stderr
    exported.write_text(
        text.replace('"pain": 2.5', '"pain": 2').replace('"week_pain": 11', '"week_pain": 1'),
        encoding="utf-8",
    )
    assert cli("log", "import", str(exported)).code == 0
    history = cli("history", "--format", "json")
    assert history.code == 0
    assert '"pain": 2,' in history.stdout and "it swelled up" in history.stdout
    checkins = cli("history", "--checkins", "--format", "json")
    assert '"week_pain": 1' in checkins.stdout and "stairs" in checkins.stdout


def test_a_log_as_kneefit_wrote_it_has_no_bad_value(logged: Path) -> None:
    db = sqlite3.connect(logged)
    try:
        assert bad_value(db, logged) is None
        # Every rule names a column of its table (a renamed column would fail the scan).
        for table, rules in value_rules().items():
            columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
            assert {column for column, _, _ in rules} <= columns, table
    finally:
        db.close()


def test_an_import_with_two_check_ins_of_one_day_is_refused_whole(
    cli: Invoke, home_dir: Path, tmp_path: Path
) -> None:
    """The log keeps one check-in a day: the second of a day was dropped without a word."""
    checkins: list[dict[str, object]] = [
        {"date": DAY, "week_pain": 3, "activities": [], "chair_stands": 10},
        {"date": DAY, "week_pain": 5, "activities": [], "chair_stands": 11},
    ]
    export: dict[str, object] = {
        "kneefit_log": 1,
        "sessions": [{"date": DAY, "pain": 2, "effort": 3}],
        "checkins": checkins,
    }
    source = tmp_path / "two.json"
    source.write_text(json.dumps(export, indent=2), encoding="utf-8")
    result = cli("log", "import", str(source))
    assert (result.code, result.stdout) == (1, "")
    assert f"checkins[1].date: is {DAY}, the day of checkins[0] too: the log keeps one " in (
        result.stderr
    )
    assert "merge the two into one" in result.stderr
    # Nothing was imported: not the sessions either.
    assert cli("history", "--format", "json").stdout.count('"date"') == 0

    export["checkins"] = checkins[:1]
    source.write_text(json.dumps(export), encoding="utf-8")
    first = cli("log", "import", str(source))
    assert first.code == 0
    assert first.stdout.splitlines()[1:] == [
        "Imported 1 check-ins (0 on days already checked in, kept as they were)."
    ]
    again = cli("log", "import", str(source))
    assert again.stdout.splitlines() == [
        f"Imported 0 sessions from {source} (1 were already logged).",
        "Imported 0 check-ins (1 on days already checked in, kept as they were).",
    ]
