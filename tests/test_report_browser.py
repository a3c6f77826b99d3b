"""The progress report in a real browser: at most two pages on A4 and on Letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kneefit.render.report import render_report
from kneefit.report import build_report
from tests.test_browser import PAPER, _chromium
from tests.test_report import CHECKINS, SESSIONS, START, TODAY

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("paper", list(PAPER))
def test_report_prints_on_two_pages(paper: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    report = build_report(SESSIONS, CHECKINS, 3, START, TODAY, person="Anna")
    page = render_report(report, "html")
    (width, height), _ = PAPER[paper]
    sized = tmp_path / "report.html"
    sized.write_text(
        page.replace("</head>", f"<style>@page {{ size: {paper}; }}</style></head>"),
        encoding="utf-8",
    )
    pdf = tmp_path / "report.pdf"
    done = _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", sized.as_uri())
    assert pdf.exists(), done.stderr.decode(errors="replace")
    reader = PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 2, len(reader.pages)
    for sheet in reader.pages:
        box = sheet.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (width, height)
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
