"""The progress report in a real browser: at most two pages on A4 and on Letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kneefit.report import build_report
from tests.test_browser import PAPER, _print_on
from tests.test_report import CHECKINS, SESSIONS, START, TODAY, render_report

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("paper", list(PAPER))
def test_report_prints_on_two_pages(paper: str, tmp_path: Path) -> None:
    report = build_report(SESSIONS, CHECKINS, 3, START, TODAY, person="Anna")
    reader = _print_on(render_report(report, "html"), paper, tmp_path)
    assert 1 <= len(reader.pages) <= 2, len(reader.pages)
    flat = re.sub(r"\s+", " ", " ".join(sheet.extract_text() for sheet in reader.pages))
    for expected in (
        "For Anna.",
        "6 of 6 planned sessions done (100%).",
        "not medical advice",
        "knee gave way",
        "improved by at least the MCID",
        "Farrar JT",
    ):
        assert expected in flat, expected
