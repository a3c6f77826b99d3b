"""Keeping going (issue 32), the log's side: which knee, walks, and the schema 6 migration."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kneefit.log import schema
from kneefit.log.checkin import CheckIn
from kneefit.log.sqlite import FILE_NAME, open_log
from kneefit.log.walk import ReviewDone, Walk
from kneefit.models import Session
from tests.conftest import TODAY, Invoke

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=timezone.utc)
pytestmark = pytest.mark.usefixtures("pinned_today")


@pytest.fixture
def home_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "kneefit-home"
    monkeypatch.setenv("KNEEFIT_HOME", str(folder))
    return folder


def _version_5_log(folder: Path) -> None:
    """A log as kneefit wrote it before issue 32: a session and a check-in, no knee."""
    folder.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(folder / FILE_NAME)
    for step in schema.MIGRATIONS[:5]:
        step(db)
    db.execute(
        "INSERT INTO sessions (day, pain, effort, recorded) "
        "VALUES ('2026-11-10', 2, 5, '2026-11-10T18:00:00+00:00')"
    )
    db.execute(
        "INSERT INTO checkins (day, week_pain, recorded) "
        "VALUES ('2026-11-11', 4, '2026-11-11T18:00:00+00:00')"
    )
    db.execute("PRAGMA user_version = 5")
    db.commit()
    db.close()


def test_a_version_5_log_keeps_its_sessions_and_check_ins_and_gains_walks(tmp_path: Path) -> None:
    _version_5_log(tmp_path)
    log = open_log(tmp_path)
    assert log is not None
    [session] = log.sessions()
    assert (session.date.isoformat(), session.pain, session.knee) == ("2026-11-10", 2, None)
    assert log.checkins() == [CheckIn(TODAY - timedelta(days=7), 4)]
    assert log.walks() == [] and log.reviews() == []
    assert log.first_day() == session.date
    log.add_walk(Walk(TODAY, 30), NOW)
    log.close()
    db = sqlite3.connect(tmp_path / FILE_NAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION >= 6
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_the_tables_refuse_a_knee_or_minutes_out_of_range(tmp_path: Path) -> None:
    open_log(tmp_path).close()  # type: ignore[union-attr]
    db = sqlite3.connect(tmp_path / FILE_NAME)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO sessions (day, pain, effort, recorded, knee) "
            "VALUES ('2026-11-10', 2, 5, 'x', 'middle')"
        )
    for minutes in (0, 1441):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO walks (day, minutes, recorded) VALUES ('2026-11-10', ?, 'x')",
                (minutes,),
            )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO reviews (day, week_start, barrier, recorded) "
            "VALUES ('2026-11-10', '2026-11-03', 'Robert''); DROP', 'x')"
        )
    db.close()


def test_walks_are_kept_by_day_and_read_between_dates(tmp_path: Path) -> None:
    log = open_log(tmp_path)
    assert log is not None
    days = [TODAY - timedelta(days=n) for n in (9, 3, 3, 0)]
    for day, minutes in zip(days, (20, 30, 30, 15), strict=True):
        log.add_walk(Walk(day, minutes), NOW)
    assert [w.minutes for w in log.walks()] == [20, 30, 30, 15]
    assert [w.minutes for w in log.walks(TODAY - timedelta(days=6), TODAY - 1 * timedelta(1))] == [
        30,
        30,
    ]
    # The same walks again add nothing; a third walk of 30 that day is a walk of its own.
    again = [Walk(d, m) for d, m in zip(days, (20, 30, 30, 15), strict=True)]
    assert log.import_walks(again, NOW) == 0
    assert log.import_walks([*again, Walk(days[1], 30)], NOW) == 1
    assert len(log.walks()) == 5
    log.close()


def test_a_review_of_the_same_day_replaces_the_first(tmp_path: Path) -> None:
    log = open_log(tmp_path)
    assert log is not None
    week = TODAY - timedelta(days=6)
    assert log.add_review(ReviewDone(TODAY, week, "no-time"), NOW) is False
    assert log.add_review(ReviewDone(TODAY, week, None), NOW) is True
    assert log.reviews() == [ReviewDone(TODAY, week, None)]
    log.close()


def test_log_walked_alone_and_with_a_session(cli: Invoke, home_dir: Path) -> None:
    done = cli("log", "--walked", "30", "--date", "2026-11-15")
    assert (done.code, done.stderr) == (0, "")
    assert done.stdout == (
        "Logged 30 minutes of walking on 2026-11-15: 30 minutes in the 7 days to it.\n"
    )
    done = cli("log", "--pain", "2", "--effort", "5", "--knee", "Left", "--walked", "45")
    assert done.code == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Logged 2026-11-18 (left knee): pain 2/10, effort 5/10, no exercises (no plan "
        "remembered; use -x).",
        "Tomorrow, add the morning's pain: kneefit log --next-morning N",
        "Logged 45 minutes of walking on 2026-11-18: 75 minutes in the 7 days to it.",
    ]
    log = open_log(home_dir)
    assert log is not None
    assert [s.knee for s in log.sessions()] == ["left"]
    assert [(w.date.isoformat(), w.minutes) for w in log.walks()] == [
        ("2026-11-15", 30),
        ("2026-11-18", 45),
    ]
    log.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--walked", "20", "--notes", "x"),
            "--walked alone logs a walk; a session needs --pain N and --effort N too",
        ),
        (("--walked", "20", "--next-morning", "2"), "--next-morning and --cleared add to the log"),
        (("--knee", "left"), "give --pain N and --effort N for a session, --walked MINUTES"),
        (("--pain", "1", "--effort", "1", "--knee", "middle"), "'middle' is not a knee"),
        (("--walked", "0"), "--walked"),
        (("--walked", "1441"), "--walked"),
        (("--walked", "20", "--date", "2026-11-19"), "future"),
    ],
)
def test_log_refuses_walks_and_knees_that_make_no_sense(
    cli: Invoke, home_dir: Path, args: tuple[str, ...], message: str
) -> None:
    done = cli("log", *args)
    assert done.code == 2 and done.stdout == ""
    assert message in " ".join(done.stderr.split())
    assert not (home_dir / FILE_NAME).exists() or open_log(home_dir).walks() == []  # type: ignore[union-attr]


def test_checkin_keeps_the_knee(cli: Invoke, home_dir: Path) -> None:
    done = cli("checkin", "--pain", "3", "--knee", "both")
    assert (done.code, done.stderr) == (0, "")
    assert done.stdout == "Checked in on 2026-11-18 (both knees): week's pain 3/10.\n"
    assert cli("checkin", "--pain", "3", "--knee", "up").code == 2
    log = open_log(home_dir)
    assert log is not None
    assert [c.knee for c in log.checkins()] == ["both"]
    log.close()


def test_export_and_import_carry_knees_and_walks(
    cli: Invoke, home_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("log", "--pain", "2", "--effort", "5", "--knee", "right").code == 0
    assert cli("log", "--pain", "3", "--effort", "5", "--date", "2026-11-17").code == 0
    assert cli("log", "--walked", "40", "--date", "2026-11-16").code == 0
    assert cli("checkin", "--pain", "4", "--knee", "right").code == 0
    exported = cli("log", "export")
    assert exported.code == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert [s.get("knee") for s in data["sessions"]] == [None, "right"]
    assert "knee" not in data["sessions"][0]  # said only where named
    assert data["checkins"][0]["knee"] == "right"
    assert data["walks"] == [{"date": "2026-11-16", "minutes": 40}]
    file = tmp_path / "export.json"
    file.write_text(exported.stdout, encoding="utf-8")
    # Into an empty log elsewhere: everything comes across.
    monkeypatch.setenv("KNEEFIT_HOME", str(tmp_path / "other"))
    done = cli("log", "import", str(file))
    assert done.code == 0, done.stderr
    assert "Imported 1 walks (0 were already logged)." in done.stdout
    assert json.loads(cli("log", "export").stdout) == data
    # Again: nothing new.
    done = cli("log", "import", str(file))
    assert "Imported 0 walks (1 were already logged)." in done.stdout
    assert json.loads(cli("log", "export").stdout) == data


@pytest.mark.parametrize(
    ("walks", "where"),
    [
        ([{"date": "2026-11-19", "minutes": 10}], "walks[0].date"),
        ([{"date": "2026-11-10", "minutes": 0}], "walks[0].minutes"),
        ([{"date": "2026-11-10", "minutes": 10, "steps": 5}], "walks[0]"),
    ],
)
def test_an_import_with_a_bad_walk_is_refused_whole(
    cli: Invoke, home_dir: Path, tmp_path: Path, walks: list[object], where: str
) -> None:
    file = tmp_path / "bad.json"
    file.write_text(json.dumps({"kneefit_log": 1, "sessions": [], "walks": walks}))
    done = cli("log", "import", str(file))
    assert done.code == 1 and done.stdout == ""
    assert where in done.stderr


def test_session_knee_is_part_of_what_makes_it_the_same() -> None:
    left = Session(date=TODAY, pain=1, effort=2, knee="left")
    assert left.same_as() != left.model_copy(update={"knee": "right"}).same_as()


# ------------------------------------------------------------------ walks in history and report


def test_history_shows_walks_and_the_knee(cli: Invoke, home_dir: Path) -> None:
    assert cli("log", "--pain", "2", "--effort", "5", "--knee", "left", "--notes", "ok").code == 0
    for day, minutes in (("2026-11-10", 20), ("2026-11-16", 30), ("2026-11-16", 15)):
        assert cli("log", "--walked", str(minutes), "--date", day).code == 0
    text = cli("history", "-f", "text").stdout
    assert "    Notes: left knee; ok\n" in text
    assert text.endswith(
        "\nWalks\n"
        "  2026-11-10  20 min; 20 min in 7 days\n"
        "  2026-11-16  45 min (2 walks); 65 min in 7 days\n"
    )
    markdown = cli("history", "-f", "markdown").stdout
    assert "## Walks\n\n- 2026-11-10: 20 min; 20 min in 7 days\n" in markdown
    # JSON holds what log import reads: the sessions (walks travel in 'log export').
    assert "walks" not in json.loads(cli("history", "-f", "json").stdout)


def test_report_counts_minutes_walked_week_by_week(cli: Invoke, home_dir: Path) -> None:
    from kneefit.report import build_report

    walks = [Walk(TODAY - timedelta(days=n), m) for n, m in ((13, 40), (8, 20), (2, 75))]
    report = build_report([], [], 3, TODAY - timedelta(days=13), TODAY, walks=walks)
    assert [w.walked for w in report.weeks] == [60, 75] and report.walked == 135
    for minutes, day in ((40, "2026-11-05"), (20, "2026-11-10"), (75, "2026-11-16")):
        assert cli("log", "--walked", str(minutes), "--date", day).code == 0
    text = cli("report", "--since", "2026-11-05").stdout
    assert "Walked 135 minutes outside sessions in 2 weeks (the aim: 150 a week)." in " ".join(
        text.split()
    )
    data = json.loads(cli("report", "--since", "2026-11-05", "-f", "json").stdout)
    assert data["walked_minutes"] == 135 and data["walk_aim_a_week"] == 150
    assert [w["walked_minutes"] for w in data["weeks"]] == [60, 75]
    rows = cli("report", "--since", "2026-11-05", "-f", "csv").stdout.splitlines()
    assert rows[0].endswith(",walked_minutes")
    assert [r.rsplit(",", 1)[1] for r in rows if r.startswith("week,")] == ["60", "75"]


# ------------------------------------------------------------------ review and booster dates


def test_program_new_writes_review_and_booster_dates_and_plan_carries_them(
    cli: Invoke, home_dir: Path, tmp_path: Path
) -> None:
    program = tmp_path / "knee.yaml"
    made = cli(
        "program", "new", "-c", "arthritis", "--review", "2026-12-16", "--booster", "2",
        "--booster", "2026-11-25", "-o", str(program),
    )  # fmt: skip
    assert made.code == 0, made.stderr
    text = program.read_text(encoding="utf-8")
    assert "\nreview: 2026-12-16\n" in text and "\nboosters: [2026-11-25, 2026-12-02]\n" in text
    plan = cli("plan", "--program", str(program), "-f", "text")
    assert plan.code == 0, plan.stderr
    said = " ".join(plan.stdout.split())
    assert "Booster sessions with your physiotherapist: 2026-11-25, 2026-12-02." in said
    assert "Review with your physiotherapist: 2026-12-16; bring your log" in said
    calendar = cli("plan", "--program", str(program), "-f", "ics").stdout
    for kind, day in (("booster", "20261125"), ("booster", "20261202"), ("review", "20261216")):
        assert f"UID:kneefit-{kind}-{day}@kneefit" in calendar
        assert f"DTSTART;VALUE=DATE:{day}" in calendar
    assert calendar.count("SUMMARY:kneefit: review with your physiotherapist") == 1


def test_a_program_without_dates_plans_as_before(
    cli: Invoke, home_dir: Path, tmp_path: Path
) -> None:
    program = tmp_path / "knee.yaml"
    assert cli("program", "new", "-c", "arthritis", "-o", str(program)).code == 0
    text = program.read_text(encoding="utf-8")
    assert "\nreview: null\n" in text and "\nboosters: []\n" in text
    calendar = cli("plan", "--program", str(program), "-f", "ics").stdout
    assert "Appointment" not in calendar
    said = cli("plan", "--program", str(program), "-f", "text").stdout
    assert "Review with" not in said and "Booster sessions" not in said


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--review", "2026-11-17"), "2026-11-17 is in the past"),
        (("--review", "0"), "give 1 to 104 weeks"),
        (("--review", "soon"), "--review"),
        (("--booster", "2026-13-01"), "--booster"),
    ],
)
def test_program_new_refuses_dates_that_make_no_sense(
    cli: Invoke, home_dir: Path, args: tuple[str, ...], message: str
) -> None:
    done = cli("program", "new", "-c", "arthritis", *args)
    assert done.code == 2 and done.stdout == ""
    assert message in " ".join(done.stderr.split())


def test_a_program_file_with_a_bad_date_is_refused_with_its_place(
    cli: Invoke, home_dir: Path, tmp_path: Path
) -> None:
    program = tmp_path / "knee.yaml"
    assert cli("program", "new", "-c", "arthritis", "-o", str(program)).code == 0
    text = program.read_text(encoding="utf-8").replace("boosters: []", "boosters: [someday]")
    program.write_text(text, encoding="utf-8")
    done = cli("plan", "--program", str(program))
    assert done.code == 1 and "boosters[0]" in done.stderr


def test_report_counts_sessions_since_the_last_review_or_booster(
    cli: Invoke, home_dir: Path, tmp_path: Path
) -> None:
    program = tmp_path / "knee.yaml"
    assert cli("program", "new", "-c", "arthritis", "--review", "4", "-o", str(program)).code == 0
    text = program.read_text(encoding="utf-8").replace("boosters: []", "boosters: [2026-11-12]")
    program.write_text(text, encoding="utf-8")
    for day in ("2026-11-11", "2026-11-13", "2026-11-16"):
        assert cli("log", "--pain", "2", "--effort", "5", "--date", day).code == 0
    report = cli("report", "--program", str(program))
    assert report.code == 0, report.stderr
    said = " ".join(report.stdout.split())
    assert (
        "Since the last booster (2026-11-12): 2 sessions logged. Next review: 2026-12-16." in said
    )
    data = json.loads(cli("report", "--program", str(program), "-f", "json").stdout)
    assert data["last_appointment"] == {"date": "2026-11-12", "kind": "booster"}
    assert data["sessions_since_appointment"] == 2
    assert data["next_appointment"] == {"date": "2026-12-16", "kind": "review"}


def test_report_names_the_knees_the_sessions_were_for(cli: Invoke, home_dir: Path) -> None:
    assert cli("log", "--pain", "2", "--effort", "5", "--knee", "left").code == 0
    assert cli("log", "--pain", "2", "--effort", "5", "--date", "2026-11-17").code == 0
    text = " ".join(cli("report").stdout.split())
    assert "Sessions logged for: left knee." in text
    assert json.loads(cli("report", "-f", "json").stdout)["knees"] == ["left"]
