"""Follow-up measures on a check-in (issue 32 part 4): knee bend and straightening, the 40-m
fast-paced walk, a stair climb and the Timed Up and Go: ranges, the log's schema 7, export
and import, the tamper check, and the report in every format."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kneefit.log import schema
from kneefit.log.checkin import CheckIn
from kneefit.log.sqlite import FILE_NAME, open_log
from kneefit.measures import (
    FOLLOW_UP,
    KNEE_BEND,
    KNEE_STRAIGHTEN,
    MEASURES,
    STAIRS,
    TUG,
    WALK_40M,
    Change,
)
from tests.conftest import TODAY, Invoke

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=timezone.utc)
pytestmark = pytest.mark.usefixtures("pinned_today")

EARLIER = (TODAY - timedelta(days=14)).isoformat()
ALL_FIVE = (
    "--knee-bend", "85", "--knee-straighten", "12", "--walk-40m", "38.5", "--stairs", "21",
    "--tug", "14.2",
)  # fmt: skip
LATER_FIVE = (
    "--knee-bend", "110", "--knee-straighten", "4", "--walk-40m", "31", "--stairs", "16.4",
    "--tug", "11.9",
)  # fmt: skip


@pytest.fixture
def home_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "kneefit-home"
    monkeypatch.setenv("KNEEFIT_HOME", str(folder))
    return folder


@pytest.fixture
def two_checkins(cli: Invoke, home_dir: Path) -> Path:
    """Two check-ins two weeks apart with every follow-up measure, the later with pain."""
    assert cli("checkin", "--date", EARLIER, *ALL_FIVE).code == 0
    assert cli("checkin", "--pain", "3", *LATER_FIVE).code == 0
    return home_dir


# ------------------------------------------------------------------ the measures


def test_each_follow_up_measure_is_sourced_free_and_says_its_threshold() -> None:
    for measure in FOLLOW_UP:
        assert measure.sources and all(s.url.startswith("https://") for s in measure.sources)
        assert measure.threshold_note and measure.how
        # Where no minimal important change is published, the note says so.
        assert "No minimal important change is published" in measure.threshold_note
        assert (measure.threshold is None) == (measure.threshold_kind == "none")
    assert {m.id for m in FOLLOW_UP}.isdisjoint(m.id for m in MEASURES)
    assert [m.threshold for m in FOLLOW_UP] == [10, 10, None, None, 1.14]
    assert [m.higher_is_better for m in FOLLOW_UP] == [True, False, False, False, False]


@pytest.mark.parametrize(
    ("measure", "first", "latest", "verdict"),
    [
        (KNEE_BEND, 85, 95, "improved by at least the MDC"),
        (KNEE_BEND, 85, 94, "better, less than the MDC"),
        (KNEE_BEND, 95, 85, "worse by at least the MDC"),
        (KNEE_STRAIGHTEN, 15, 5, "improved by at least the MDC"),
        (KNEE_STRAIGHTEN, 5, 8, "worse, less than the MDC"),
        (TUG, 12.0, 10.8, "improved by at least the MDC"),
        (TUG, 12.0, 11.0, "better, less than the MDC"),
        (TUG, 10.0, 11.2, "worse by at least the MDC"),
        (WALK_40M, 40.0, 30.0, "better; no important change is published to judge it by"),
        (STAIRS, 14.0, 20.0, "worse; no important change is published to judge it by"),
        (STAIRS, 14.0, 14.0, "no change"),
    ],
)
def test_a_change_is_judged_by_its_threshold_or_not_at_all(
    measure: object, first: float, latest: float, verdict: str
) -> None:
    assert isinstance(measure, type(TUG))
    change = Change(measure, first, latest)
    assert change.verdict() == verdict
    if measure.threshold is None:
        assert not change.important and not change.worse_by_threshold


# ------------------------------------------------------------------ the command


def test_checkin_records_every_follow_up_measure(cli: Invoke, home_dir: Path) -> None:
    done = cli("checkin", *ALL_FIVE, "--knee", "left")
    assert (done.code, done.stderr) == (0, "")
    assert done.stdout == (
        f"Checked in on {TODAY.isoformat()} (left knee): knee bend 85 degrees; 12 degrees "
        "short of straight; 40-m fast-paced walk 38.5 s; stair climb 21 s; Timed Up and Go "
        "14.2 s.\n"
    )
    log = open_log(home_dir)
    assert log is not None
    assert log.checkins() == [
        CheckIn(
            TODAY,
            knee="left",
            knee_bend=85,
            knee_straighten=12,
            walk_40m=38.5,
            stairs=21.0,
            tug=14.2,
        )
    ]
    log.close()


def test_a_time_is_kept_to_a_tenth(cli: Invoke, home_dir: Path) -> None:
    assert cli("checkin", "--tug", "9.87").code == 0
    log = open_log(home_dir)
    assert log is not None
    assert log.checkins()[0].tug == 9.9
    log.close()


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--knee-bend", "-1"),
        ("--knee-bend", "161"),
        ("--knee-bend", "95.5"),
        ("--knee-straighten", "91"),
        ("--knee-straighten", "-5"),
        ("--walk-40m", "9.9"),
        ("--walk-40m", "601"),
        ("--walk-40m", "nan"),
        ("--stairs", "0.5"),
        ("--stairs", "inf"),
        ("--tug", "1"),
        ("--tug", "301"),
        ("--tug", "fast"),
    ],
)
def test_a_value_out_of_range_is_a_usage_mistake_and_nothing_is_recorded(
    cli: Invoke, home_dir: Path, option: str, value: str
) -> None:
    done = cli("checkin", "--pain", "3", option, value)
    assert done.code == 2 and done.stdout == ""
    assert option in done.stderr and "Traceback" not in done.stderr
    assert not (home_dir / FILE_NAME).exists()


def test_without_any_score_the_message_names_the_follow_up_measures(
    cli: Invoke, home_dir: Path
) -> None:
    done = cli("checkin")
    assert done.code == 2 and "--knee-bend" in done.stderr and "--tug" in done.stderr


# ------------------------------------------------------------------ the log


def _version_6_log(folder: Path) -> None:
    """A log as kneefit wrote it before the follow-up measures: one check-in."""
    folder.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(folder / FILE_NAME)
    for step in schema.MIGRATIONS[:6]:
        step(db)
    db.execute(
        "INSERT INTO checkins (day, week_pain, chair_stands, recorded, knee) "
        "VALUES (?, 4, 9, '2026-11-11T18:00:00+00:00', 'right')",
        (EARLIER,),
    )
    db.execute("PRAGMA user_version = 6")
    db.commit()
    db.close()


def test_a_version_6_log_keeps_its_check_ins_and_gains_the_measures(tmp_path: Path) -> None:
    _version_6_log(tmp_path)
    log = open_log(tmp_path)
    assert log is not None
    earlier = CheckIn(TODAY - timedelta(days=14), 4, chair_stands=9, knee="right")
    assert log.checkins() == [earlier]
    later = CheckIn(TODAY, knee_bend=100, tug=10.5)
    log.add_checkin(later, NOW)
    assert log.checkins() == [earlier, later]
    log.close()
    db = sqlite3.connect(tmp_path / FILE_NAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 7
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("knee_bend", 161),
        ("knee_straighten", -1),
        ("walk_40m", 9.5),
        ("stairs", 301),
        ("tug", 1.5),
    ],
)
def test_the_table_refuses_a_measure_out_of_range(
    tmp_path: Path, column: str, value: float
) -> None:
    open_log(tmp_path).close()  # type: ignore[union-attr]
    db = sqlite3.connect(tmp_path / FILE_NAME)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            f"INSERT INTO checkins (day, recorded, {column}) VALUES ('2026-11-10', 'x', ?)",
            (value,),
        )
    db.close()


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("knee_bend = 95.5", "has knee_bend 95.5, where a whole number from 0 to 160 belongs"),
        ("knee_straighten = 'bent'", "has knee_straighten 'bent',"),
        ("walk_40m = 4000", "has walk_40m 4000.0, where a number of seconds from 10 to 600"),
        ("stairs = 'quick'", "has stairs 'quick', where a number of seconds from 1 to 300"),
        ("tug = -3", "has tug -3.0,"),
    ],
)
def test_a_tampered_measure_is_named_with_its_repair(
    cli: Invoke, home_dir: Path, change: str, said: str
) -> None:
    assert cli("checkin", *ALL_FIVE).code == 0
    db = sqlite3.connect(home_dir / FILE_NAME)
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute(f"UPDATE checkins SET {change}")
    db.commit()
    db.close()
    done = cli("report")
    assert done.code == 1 and done.stdout == ""
    assert said in done.stderr and f"the check-in of {TODAY.isoformat()}" in done.stderr
    assert "'kneefit log export -o log.json'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_export_and_import_carry_the_measures_only_where_recorded(
    cli: Invoke, two_checkins: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        cli("checkin", "--date", (TODAY - timedelta(days=7)).isoformat(), "--pain", "5").code == 0
    )
    exported = cli("log", "export")
    assert exported.code == 0, exported.stderr
    data = json.loads(exported.stdout)
    first, middle, last = data["checkins"]
    assert {k: first[k] for k in ("knee_bend", "knee_straighten", "walk_40m", "stairs", "tug")} == {
        "knee_bend": 85,
        "knee_straighten": 12,
        "walk_40m": 38.5,
        "stairs": 21.0,
        "tug": 14.2,
    }
    assert middle == {"date": "2026-11-11", "week_pain": 5, "activities": [], "chair_stands": None}
    assert last["tug"] == 11.9
    file = tmp_path / "export.json"
    file.write_text(exported.stdout, encoding="utf-8")
    monkeypatch.setenv("KNEEFIT_HOME", str(tmp_path / "other"))
    done = cli("log", "import", str(file))
    assert done.code == 0, done.stderr
    assert json.loads(cli("log", "export").stdout) == data


@pytest.mark.parametrize(
    ("field", "value"),
    [("knee_bend", 200), ("knee_bend", "90"), ("tug", 0.5), ("walk_40m", "31"), ("stairs", True)],
)
def test_an_import_with_a_measure_out_of_range_is_refused_with_its_place(
    cli: Invoke, home_dir: Path, tmp_path: Path, field: str, value: object
) -> None:
    file = tmp_path / "bad.json"
    checkin = {"date": EARLIER, "week_pain": 3, field: value}
    file.write_text(json.dumps({"kneefit_log": 1, "sessions": [], "checkins": [checkin]}))
    done = cli("log", "import", str(file))
    assert done.code == 1 and done.stdout == ""
    assert f"checkins[0].{field}" in done.stderr and "Traceback" not in done.stderr
    assert (
        not (home_dir / FILE_NAME).exists()
        or cli("history", "--checkins").stdout.count(EARLIER) == 0
    )


# ------------------------------------------------------------------ the report


def test_report_text_shows_each_measure_its_change_and_its_sources(
    cli: Invoke, two_checkins: Path
) -> None:
    done = cli("report", "--since", EARLIER)
    assert (done.code, done.stderr) == (0, "")
    text = " ".join(done.stdout.split())
    assert (
        f"Follow-up measures: {EARLIER} knee bend 85 degrees; 12 degrees short of straight; "
        "40-m fast-paced walk 38.5 s; stair climb 21 s; Timed Up and Go 14.2 s"
    ) in text
    for line in (
        "Knee bend (flexion): 85 degrees -> 110 degrees (change +25): improved by at least "
        "the MDC.",
        "Knee straightening (degrees short of straight): 12 degrees -> 4 degrees (change -8): "
        "better, less than the MDC.",
        "40-m fast-paced walk: 38.5 s -> 31 s (change -7.5): better; no important change is "
        "published to judge it by.",
        "Stair climb test: 21 s -> 16.4 s (change -4.6): better; no important change is "
        "published to judge it by.",
        "Timed Up and Go: 14.2 s -> 11.9 s (change -2.3): improved by at least the MDC.",
        "Hancock GE, Hepworth T, Wembridge K.",
        "https://doi.org/10.1016/j.joca.2013.05.002",
        "https://doi.org/10.1186/s12891-015-0637-8",
    ):
        assert line in text, line


def test_a_report_without_them_says_nothing_of_them(cli: Invoke, home_dir: Path) -> None:
    assert cli("checkin", "--pain", "3").code == 0
    for fmt in ("text", "markdown", "html"):
        out = cli("report", "-f", fmt).stdout
        assert "Knee bend" not in out and "Timed Up and Go" not in out and "Hancock" not in out
    data = json.loads(cli("report", "-f", "json").stdout)
    assert [m["id"] for m in data["measures"]] == ["nprs", "psfs", "chair-stand"]
    assert data["checkins"][0]["tug"] is None


def test_report_markdown_and_html_tables(cli: Invoke, two_checkins: Path) -> None:
    md = cli("report", "--since", EARLIER, "-f", "markdown").stdout
    assert (
        "| Date | Knee bend (deg) | Short of straight (deg) | 40-m walk (s) | Stairs (s) | "
        "TUG (s) |"
    ) in md
    assert f"| {EARLIER} | 85 | 12 | 38.5 | 21 | 14.2 |" in md
    assert (
        "- Timed Up and Go: 14.2 s -\\> 11.9 s (change -2.3): improved by at least the MDC." in md
    )
    page = cli("report", "--since", EARLIER, "-f", "html").stdout
    assert "<h3>Follow-up measures</h3>" in page
    assert '<td class="d">2026-11-18</td><td class="n">110</td><td class="n">4</td>' in page
    assert "<td>no published important change; lower is better</td>" in page
    assert "<td>MDC 1.14 s; lower is better</td>" in page


def test_report_json_and_csv(cli: Invoke, two_checkins: Path) -> None:
    data = json.loads(cli("report", "--since", EARLIER, "-f", "json").stdout)
    assert data["checkins"][1] | {"activities": []} == {
        "date": TODAY.isoformat(),
        "week_pain": 3,
        "activities": [],
        "chair_stands": None,
        "knee_bend": 110,
        "knee_straighten": 4,
        "walk_40m": 31.0,
        "stairs": 16.4,
        "tug": 11.9,
    }
    found = {m["id"]: m for m in data["measures"]}
    assert list(found) == [
        "nprs", "psfs", "chair-stand", "knee-bend", "knee-straighten", "walk-40m", "stairs",
        "tug",
    ]  # fmt: skip
    assert found["walk-40m"]["threshold"] is None
    assert found["walk-40m"]["change"]["passes_threshold"] is False
    assert found["tug"]["threshold"] == 1.14 and found["tug"]["change"]["change"] == -2.3
    assert [s["value"] for s in found["knee-bend"]["scores"]] == [85, 110]
    rows = list(csv.DictReader(io.StringIO(cli("report", "--since", EARLIER, "-f", "csv").stdout)))
    stairs = [r for r in rows if r["measure"] == "stairs"]
    assert [(r["section"], r["score"]) for r in stairs] == [
        ("checkin", "21"),
        ("checkin", "16.4"),
        ("change", "16.4"),
    ]
    assert stairs[-1]["change"] == "-4.6" and stairs[-1]["passes_threshold"] == "no"
    bend = [r for r in rows if r["measure"] == "knee-bend" and r["section"] == "change"]
    assert bend[0]["passes_threshold"] == "yes"


def test_report_fhir_has_them_as_observations(cli: Invoke, two_checkins: Path) -> None:
    """Each follow-up measure recorded is an Observation in UCUM units: the Timed Up and Go
    by its LOINC code, the others in kneefit's own code system, named in words."""
    pytest.importorskip("fhir.resources")
    from fhir.resources.R4B.bundle import Bundle

    from kneefit.render.fhir import KNEEFIT_MEASURES

    done = cli("report", "--since", EARLIER, "-f", "fhir")
    assert done.code == 0, done.stderr
    assert done.stderr == ""
    bundle = json.loads(done.stdout)
    Bundle.model_validate(bundle)
    observations = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    ]
    measured = [
        (
            o["effectiveDateTime"],
            [(c["system"], c["code"]) for c in o["code"]["coding"]],
            o["valueQuantity"]["value"],
            o["valueQuantity"]["code"],
        )
        for o in observations
        if "valueQuantity" in o
    ]
    loinc = "http://loinc.org"
    today = TODAY.isoformat()
    assert measured == [
        (EARLIER, [(KNEEFIT_MEASURES, "knee-bend")], 85, "deg"),
        (EARLIER, [(KNEEFIT_MEASURES, "knee-straighten")], 12, "deg"),
        (EARLIER, [(KNEEFIT_MEASURES, "walk-40m")], 38.5, "s"),
        (EARLIER, [(KNEEFIT_MEASURES, "stairs")], 21, "s"),
        (EARLIER, [(loinc, "89423-8")], 14.2, "s"),
        (today, [(KNEEFIT_MEASURES, "knee-bend")], 110, "deg"),
        (today, [(KNEEFIT_MEASURES, "knee-straighten")], 4, "deg"),
        (today, [(KNEEFIT_MEASURES, "walk-40m")], 31, "s"),
        (today, [(KNEEFIT_MEASURES, "stairs")], 16.4, "s"),
        (today, [(loinc, "89423-8")], 11.9, "s"),
    ]
    for o in observations:
        if "valueQuantity" in o:
            assert o["valueQuantity"]["system"] == "http://unitsofmeasure.org"
            assert o["code"]["text"] and o["category"][0]["coding"][0]["code"] == "exam"
    # The week's pain stays as it was: the one other Observation.
    assert [o["valueInteger"] for o in observations if "valueInteger" in o] == [3]


def test_report_fhir_has_only_the_measures_recorded(cli: Invoke, home_dir: Path) -> None:
    pytest.importorskip("fhir.resources")
    assert cli("checkin", "--tug", "9.5").code == 0
    done = cli("report", "-f", "fhir")
    assert done.code == 0, done.stderr
    bundle = json.loads(done.stdout)
    quantities = [
        (e["resource"]["code"]["coding"][0]["code"], e["resource"]["valueQuantity"]["value"])
        for e in bundle["entry"]
        if "valueQuantity" in e["resource"]
    ]
    assert quantities == [("89423-8", 9.5)]


def test_history_shows_them(cli: Invoke, two_checkins: Path) -> None:
    out = " ".join(cli("history", "--checkins").stdout.split())
    assert f"{EARLIER} knee bend 85 degrees; 12 degrees short of straight;" in out


def test_history_csv_has_a_column_for_each_empty_where_not_measured(
    cli: Invoke, home_dir: Path
) -> None:
    assert cli("checkin", "--date", EARLIER, "--knee-bend", "85", "--walk-40m", "38.5").code == 0
    assert cli("checkin", "--pain", "3", "--activity", "stairs=4", "--tug", "11.3").code == 0
    done = cli("history", "--checkins", "-f", "csv")
    assert done.code == 0 and done.stderr == ""
    assert done.stdout == (
        "date,week_pain,psfs_average,chair_stands,activity_1,score_1,activity_2,score_2,"
        "activity_3,score_3,knee_bend,knee_straighten,walk_40m,stairs,tug\r\n"
        f"{EARLIER},,,,,,,,,,85,,38.5,,\r\n"
        f"{TODAY.isoformat()},3,4,,stairs,4,,,,,,,,,11.3\r\n"
    )


def test_history_markdown_has_a_column_for_each_recorded(cli: Invoke, home_dir: Path) -> None:
    assert cli("checkin", "--date", EARLIER, "--knee-bend", "85", "--walk-40m", "38.5").code == 0
    assert cli("checkin", "--pain", "3", "--tug", "11.9").code == 0
    done = cli("history", "--checkins", "-f", "markdown")
    assert done.code == 0 and done.stderr == ""
    assert done.stdout == (
        "\n## Check-ins\n\n"
        "| Date | Week's pain (NPRS) | PSFS average | Chair stands (30 s) | PSFS activities "
        "| Knee bend (deg) | 40-m walk (s) | TUG (s) |  \n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |  \n"
        f"| {EARLIER} | - | - | - | - | 85 | 38.5 | - |  \n"
        f"| {TODAY.isoformat()} | 3 | - | - | - | - | - | 11.9 |  \n"
    )


def test_history_markdown_without_them_reads_as_before(cli: Invoke, home_dir: Path) -> None:
    assert cli("checkin", "--pain", "3").code == 0
    out = cli("history", "--checkins", "-f", "markdown").stdout
    assert out.splitlines()[3] == (
        "| Date | Week's pain (NPRS) | PSFS average | Chair stands (30 s) | PSFS activities |  "
    )
