"""'kneefit history' shows the clinicians' clearances after the sessions (text, table and
Markdown), so a red flag in the history is never left without what came of it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from kneefit.models import Clearance
from kneefit.render.clearances import clearances_text
from tests.conftest import clean_env, run


def test_clearances_are_words_for_text_and_literal_markdown() -> None:
    found = [
        Clearance(date=date(2026, 12, 3), text="Dr Lee: a *sprain*,\n carry on"),
        Clearance(date=date(2026, 12, 9), text="# physio"),
    ]
    assert clearances_text(found) == (
        "\nClinicians' clearances (after a red flag):\n"
        "  2026-12-03  Dr Lee: a *sprain*, carry on\n"
        "  2026-12-09  # physio\n"
    )
    assert clearances_text(found, markdown=True) == (
        "\n## Clinicians' clearances (after a red flag)\n\n"
        "- 2026-12-03: Dr Lee: a \\*sprain\\*, carry on\n"
        "- 2026-12-09: \\# physio\n"
    )
    assert clearances_text([]) == clearances_text([], markdown=True) == ""


def test_history_shows_the_clearance_after_the_red_flag(tmp_path: Path, pinned_today: date) -> None:
    env = clean_env(KNEEFIT_HOME=str(tmp_path / "home"), KNEEFIT_CACHE_DIR=str(tmp_path / "c"))
    flagged, cleared = pinned_today - timedelta(days=5), pinned_today - timedelta(days=2)
    logged = run(
        ["log", "--pain", "3", "--effort", "4", "--date", flagged.isoformat(),
         "--red-flag", "knee locked"],
        env=env,
    )  # fmt: skip
    assert logged.code == 0, logged.stderr
    said = run(["log", "--cleared", "Dr Lee: a sprain", "--date", cleared.isoformat()], env=env)
    assert said.code == 0, said.stderr
    line = f"  {cleared.isoformat()}  Dr Lee: a sprain"
    for fmt in ("text", "table"):
        shown = run(["history", "-f", fmt], env=env)
        assert shown.code == 0 and shown.stdout.endswith(
            f"Clinicians' clearances (after a red flag):\n{line}\n"
        ), fmt
    markdown = run(["history", "-f", "markdown"], env=env).stdout
    assert markdown.endswith(f"- {cleared.isoformat()}: Dr Lee: a sprain\n")
    # --since leaves out a clearance before it, and JSON stays the log export it was.
    later = run(["history", "--since", pinned_today.isoformat()], env=env).stdout
    assert "clearances" not in later
    assert "clearances" not in run(["history", "-f", "json"], env=env).stdout.lower()
