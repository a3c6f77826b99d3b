"""A red flag stops every plan until a clinician has seen the knee: through the command line,
as a person would meet it (run in this process, which reads the same environment; the first
plan of the first test goes through the installed command)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import Invoke, Result, clean_env, run


def _env(tmp_path: Path) -> dict[str, str]:
    return clean_env(KNEEFIT_HOME=str(tmp_path / "home"), KNEEFIT_CACHE_DIR=str(tmp_path / "c"))


@pytest.fixture
def kneefit(cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """kneefit run in this process with the log and cache of :func:`_env`."""
    monkeypatch.setenv("KNEEFIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KNEEFIT_CACHE_DIR", str(tmp_path / "c"))

    def invoke(args: list[str]) -> Result:
        return cli(*args)

    return invoke


def test_a_red_flag_stops_every_plan_until_cleared(
    tmp_path: Path, pinned_today: date, kneefit: Invoke
) -> None:
    env = _env(tmp_path)
    flagged_on = pinned_today - timedelta(days=30)  # a flag never expires by time alone
    first = run(["plan", "-c", "arthritis", "-f", "json"], env=env)  # the installed command
    assert first.code == 0, first.stderr
    logged = kneefit(
        ["log", "--pain", "3", "--effort", "5", "--date", flagged_on.isoformat(),
         "--red-flag", "knee locked"],
    )  # fmt: skip
    assert logged.code == 0, logged.stderr
    assert "see a doctor or physiotherapist now" in logged.stdout
    assert "kneefit log --cleared" in logged.stdout
    assert "Error" not in logged.stderr and "--next-morning" not in logged.stdout

    for fmt in ("json", "text", "csv", "html", "ics", "markdown"):
        stopped = kneefit(["plan", "-c", "arthritis", "-f", fmt])
        assert stopped.code == 0, (fmt, stopped.stderr)
        # Said on standard error too, whatever the format, even into a file.
        assert "knee locked" in stopped.stderr, fmt
        if fmt == "ics":
            assert "BEGIN:VEVENT" not in stopped.stdout  # no session to put in a calendar
        else:
            assert "knee locked" in stopped.stdout, fmt
    plan = json.loads(kneefit(["plan", "-c", "arthritis", "-f", "json"]).stdout)
    assert all(section["exercises"] == [] for section in plan["sections"])
    first_warning = plan["warnings"][0]
    assert "knee locked" in first_warning and flagged_on.isoformat() in first_warning
    assert "see a doctor or physiotherapist now" in first_warning
    week = json.loads(kneefit(["plan", "-c", "arthritis", "--days", "3", "-f", "json"]).stdout)
    assert all(day["sections"] == [] for day in week["days"])

    cleared = kneefit(["log", "--cleared", "Dr Lee: a sprain; carry on gently"])
    assert cleared.code == 0, cleared.stderr
    assert "resumes one step down" in cleared.stdout
    resumed = json.loads(kneefit(["plan", "-c", "arthritis", "-f", "json"]).stdout)
    assert any(section["exercises"] for section in resumed["sections"])
    assert "Dr Lee" in json.dumps(resumed["progression"])
    assert resumed["progression"]["step"] == "down"

    # A red flag logged after the clearance, on the same day, stops every plan again.
    again = kneefit(["log", "--pain", "2", "--effort", "4", "--red-flag", "knee gave way badly"])
    assert again.code == 0, again.stderr
    stopped = json.loads(kneefit(["plan", "-c", "arthritis", "-f", "json"]).stdout)
    assert all(section["exercises"] == [] for section in stopped["sections"])
    assert "knee gave way badly" in stopped["warnings"][0]
    started = kneefit(["start", "-c", "arthritis"])
    # No session: a stop said plainly (exit 0, as for plan), not an error.
    assert started.code == 0 and started.stdout.startswith("STOP: ")
    assert "knee gave way badly" in started.stdout and "will not run a session" in started.stdout
    # The report agrees: the clearance came before the new flag, so it clears only the first.
    report = json.loads(kneefit(["report", "-f", "json"]).stdout)
    flags = {flag["text"]: flag for flag in report["red_flags"]}
    assert flags["knee locked"]["cleared"] == pinned_today.isoformat()
    assert flags["knee gave way badly"]["cleared"] is None


def test_a_recent_undiagnosed_injury_plans_gentle_work_and_says_see_a_clinician(
    kneefit: Invoke,
) -> None:
    result = kneefit(["plan", "-c", "injury", "-f", "json", "--no-history"])
    assert result.code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert "doctor or physiotherapist" in plan["warnings"][0]
    exercises = [e for s in plan["sections"] for e in s["exercises"]]
    assert exercises
    catalogue = json.loads(kneefit(["list", "-f", "json"]).stdout)["exercises"]
    traits = {e["id"]: set(e.get("traits", [])) for e in catalogue}
    for exercise in exercises:
        # Gentle work only: held, range of motion, or the early exercises done lying in bed.
        assert traits[exercise["id"]] & {"isometric", "range-of-motion", "bed"}, exercise["id"]


def test_an_export_carries_the_clearances_so_an_import_does_not_stop_plans_again(
    tmp_path: Path, pinned_today: date, kneefit: Invoke
) -> None:
    """export, forget, import: the clinician's all-clear comes back with the red flag, so the
    plan goes on; a clearance of the flag's own day, whose order to it an import cannot
    know, leaves the flag standing (the safer reading)."""
    flagged = (pinned_today - timedelta(days=10)).isoformat()
    seen = (pinned_today - timedelta(days=8)).isoformat()
    assert kneefit(["plan", "-c", "arthritis", "-f", "json"]).code == 0
    logged = ["log", "--pain", "3", "--effort", "5", "--date", flagged, "--red-flag", "swollen"]
    assert kneefit(logged).code == 0
    assert kneefit(["log", "--cleared", "GP: a sprain", "--date", seen]).code == 0
    exported = kneefit(["log", "export"])
    assert exported.code == 0, exported.stderr
    assert json.loads(exported.stdout)["clearances"] == [{"date": seen, "text": "GP: a sprain"}]
    backup = tmp_path / "backup.json"
    backup.write_text(exported.stdout, encoding="utf-8")

    assert kneefit(["log", "forget", "--yes"]).code == 0
    imported = kneefit(["log", "import", str(backup)])
    assert imported.code == 0, imported.stderr
    assert "Imported 1 clinicians' clearances of red flags (0 were already logged)." in (
        imported.stdout
    )
    plan = json.loads(kneefit(["plan", "-c", "arthritis", "-f", "json"]).stdout)
    assert any(section["exercises"] for section in plan["sections"])
    again = kneefit(["log", "import", str(backup)])
    assert "Imported 0 clinicians' clearances of red flags (1 were already logged)." in (
        again.stdout
    )

    # The same clearance dated on the flag's own day: after an import the order is unknown.
    same_day = json.loads(exported.stdout)
    same_day["clearances"][0]["date"] = flagged
    backup.write_text(json.dumps(same_day), encoding="utf-8")
    assert kneefit(["log", "forget", "--yes"]).code == 0
    assert kneefit(["log", "import", str(backup)]).code == 0
    stopped = json.loads(kneefit(["plan", "-c", "arthritis", "-f", "json"]).stdout)
    assert all(section["exercises"] == [] for section in stopped["sections"])
