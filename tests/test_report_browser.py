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


def test_axe_finds_no_accessibility_problems_in_the_report(tmp_path: Path) -> None:
    """axe-core (npm's axe-core, not a dependency): KNEEFIT_AXE=/path/to/axe.min.js. Its
    "region" rule wants every part of the page in a landmark: the report is in a main."""
    import os

    from tests.test_browser import _chromium

    found = os.environ.get("KNEEFIT_AXE")
    if not found:
        pytest.skip("set KNEEFIT_AXE to axe-core's axe.min.js (npm install axe-core)")
    report = build_report(SESSIONS, CHECKINS, 3, START, TODAY, person="Anna")
    page = render_report(report, "html")
    assert "<body><main>" in page and "</main></body>" in page
    probe = (
        "<script>" + Path(found).read_text(encoding="utf-8") + "</script><script>"
        "window.addEventListener('load', () => { axe.run(document).then((r) => {"
        "const out = document.createElement('pre'); out.id = 'axe';"
        "out.textContent = JSON.stringify(r.violations.map((v) => v.id));"
        "document.body.appendChild(out); }); });</script>"
    )
    checked = tmp_path / "axe.html"
    checked.write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    done = _chromium(
        tmp_path,
        "--virtual-time-budget=10000",
        "--run-all-compositor-stages-before-draw",
        "--dump-dom",
        checked.as_uri(),
    )
    result = re.search(r'<pre id="axe">([^<]*)</pre>', done.stdout.decode(errors="replace"))
    assert result is not None, done.stderr.decode(errors="replace")[-2000:]
    assert result.group(1) == "[]"
