"""The physiotherapist's story, end to end through the installed console script.

Write a program for a person with arthritis and a meniscus tear, swap one exercise, print
it as a handout; after two weeks of logged sessions and two check-ins, read a report whose
figures are checked against the log itself.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import TODAY, Result, clean_env, run

#: Every test here runs on the fixed day of tests.conftest, through KNEEFIT_TODAY.
pytestmark = pytest.mark.usefixtures("pinned_today")


def test_program_swap_handout_log_checkins_and_report(tmp_path: Path) -> None:
    env = clean_env(KNEEFIT_HOME=str(tmp_path / "home"), KNEEFIT_CACHE_DIR=str(tmp_path / "c"))

    def kneefit(*args: str) -> Result:
        result = run(list(args), env=env, cwd=tmp_path)
        assert result.code == 0, (args, result.stderr)
        return result

    conditions = ("-c", "arthritis", "-c", "meniscus tear")
    kneefit(
        "program", "new", *conditions, "--name", "Anna", "--max-exercises", "5",
        "--days-per-week", "2", "-o", "k.yaml",
    )  # fmt: skip
    program = (tmp_path / "k.yaml").read_text(encoding="utf-8")
    assert program.count("  - exercise: ") == 5 and "sit-to-stand" in program

    swaps = json.loads(kneefit("swap", "sit-to-stand", *conditions, "-f", "json").stdout)
    swap_to = swaps["alternatives"][0]["id"]
    kneefit(
        "plan", "--program", "k.yaml", "--swap", f"sit-to-stand={swap_to}", "-o", "handout.html"
    )  # fmt: skip
    handout = (tmp_path / "handout.html").read_text(encoding="utf-8")
    assert "A program for Anna: 2 days a week." in handout
    assert swaps["alternatives"][0]["name"] in handout and ">Sit to stand<" not in handout

    start = TODAY - timedelta(days=13)
    pains = {13: (4, 3), 10: (3, None), 5: (2, 1), 2: (1, None)}
    for ago, (pain, morning) in pains.items():
        day = (TODAY - timedelta(days=ago)).isoformat()
        kneefit("log", "--date", day, "--pain", str(pain), "--effort", "5")
        if morning is not None:
            kneefit("log", "--date", day, "--next-morning", str(morning))
    kneefit(
        "checkin", "--date", start.isoformat(), "--pain", "6", "--activity", "stairs=3",
        "--activity", "walking 30 minutes=4", "--chair-stands", "9",
    )  # fmt: skip
    kneefit(
        "checkin", "--pain", "3", "--activity", "stairs=6", "--activity", "walking 30 minutes=6",
        "--chair-stands", "11",
    )  # fmt: skip

    logged = json.loads(kneefit("log", "export").stdout)
    report = json.loads(
        kneefit("report", "--since", start.isoformat(), "--program", "k.yaml", "-f", "json").stdout
    )
    # Adherence, week by week, from the log itself.
    for week in report["weeks"]:
        first, last = date.fromisoformat(week["start"]), date.fromisoformat(week["end"])
        inside = [s for s in logged["sessions"] if first <= date.fromisoformat(s["date"]) <= last]
        assert week["done"] == len(inside)
        assert week["planned"] == 2
        assert week["mean_pain"] == round(sum(s["pain"] for s in inside) / len(inside), 2)
    assert [w["done"] for w in report["weeks"]] == [2, 2]
    assert (report["planned"], report["done"]) == (4, 4)
    # The pain trend: every session's pains, in order, and falling week on week.
    assert [(p["pain"], p["next_morning_pain"]) for p in report["pain"]] == list(pains.values())
    assert report["weeks"][1]["mean_pain"] < report["weeks"][0]["mean_pain"]
    # Check-in scores and their thresholds.
    nprs, psfs, stands = report["measures"]
    assert nprs["change"] == {
        "first": 6,
        "latest": 3,
        "change": -3,
        "improved": True,
        "passes_threshold": True,
        "verdict": "improved by at least the MCID",
    }
    assert (psfs["change"]["first"], psfs["change"]["latest"]) == (3.5, 6)
    assert psfs["change"]["passes_threshold"] is True  # +2.5 >= 2.3
    assert stands["change"]["change"] == 2 and stands["change"]["passes_threshold"] is False

    kneefit("report", "--since", start.isoformat(), "-o", "report.csv")
    raw = (tmp_path / "report.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["done"] for r in rows if r["section"] == "week"] == ["2", "2"]

    risky = program.replace("exercises:\n", "exercises:\n  - exercise: pistol-squat\n")
    (tmp_path / "risky.yaml").write_text(risky, encoding="utf-8")
    refused = run(["plan", "--program", "risky.yaml"], env=env, cwd=tmp_path)
    assert refused.code == 1 and refused.stdout == ""
    assert "Pistol squat (single-leg squat) is refused. Ruled out by Osteoarthritis" in (
        refused.stderr
    )
