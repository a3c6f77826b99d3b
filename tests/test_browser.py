"""The printable handout in a real browser: headless Chromium prints it to PDF on A4 and Letter.

Skipped where no Chromium is installed, unless KNEEFIT_REQUIRE_BROWSER=1 (as `.ci/run`
sets, after installing Debian's chromium package), when a missing browser fails instead.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kneefit.catalogue import Catalogue
from tests.conftest import Invoke, run_child

if TYPE_CHECKING:
    from pypdf import PdfReader

pytestmark = pytest.mark.slow

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

#: Paper sizes in PDF points, and the printable width in CSS pixels inside kneefit's
#: margins (8 mm each side; 96 CSS pixels to the inch).
PAPER = {
    "A4": ((595, 842), (210 - 16) / 25.4 * 96),
    "Letter": ((612, 792), (215.9 - 16) / 25.4 * 96),
}


def _browser() -> str:
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("KNEEFIT_REQUIRE_BROWSER") == "1":
        pytest.fail("KNEEFIT_REQUIRE_BROWSER=1 but no Chromium is installed")
    pytest.skip("no Chromium installed (Debian: apt-get install chromium)")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    profile = tmp_path / "profile"
    return run_child(
        [
            _browser(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ],
        timeout=120,
    )


def _print_on(page: str, paper: str, tmp_path: Path) -> PdfReader:
    """``page`` printed to PDF by Chromium on ``paper`` (A4 or Letter), each sheet checked
    to be that size."""
    from pypdf import PdfReader

    sized = tmp_path / "sized.html"
    sized.write_text(
        page.replace("</head>", f"<style>@page {{ size: {paper}; }}</style></head>"),
        encoding="utf-8",
    )
    pdf = tmp_path / "printed.pdf"
    done = _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", sized.as_uri())
    assert pdf.exists(), done.stderr.decode(errors="replace")
    reader = PdfReader(pdf)
    (width, height), _ = PAPER[paper]
    for sheet in reader.pages:
        box = sheet.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (width, height)
    return reader


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    """A three-day week as HTML, and the exercise names it holds."""
    import json

    from kneefit.cli import main

    folder = tmp_path_factory.mktemp("handout")
    # Torn meniscus brings in a source with a very long address, which must wrap.
    args = [
        "plan",
        "-c",
        "arthritis",
        "-c",
        "torn meniscus",
        "--days",
        "3",
        "--start",
        "2026-11-30",
    ]
    args.append("--no-history")
    page = folder / "week.html"
    data = folder / "week.json"
    for target in (page, data):
        with pytest.raises(SystemExit) as done:
            main([*args, "-o", str(target)])
        assert done.value.code == 0
    week = json.loads(data.read_text(encoding="utf-8"))
    names = sorted({e["name"] for d in week["days"] for s in d["sections"] for e in s["exercises"]})
    return page.read_text(encoding="utf-8"), names


@pytest.mark.parametrize("paper", list(PAPER))
def test_handout_prints_on_paper(
    paper: str, handout: tuple[str, list[str]], tmp_path: Path, cli: Invoke
) -> None:
    page, names = handout
    reader = _print_on(page, paper, tmp_path)
    # A three-day week of arthritis and a torn meniscus: 27 exercises, each once.
    assert 2 <= len(reader.pages) <= 4, len(reader.pages)
    text = " ".join(sheet.extract_text() for sheet in reader.pages)
    flat = re.sub(r"\s+", " ", text)
    for expected in (
        "not medical advice",
        "Week 1, day by day",
        "Stop and get help if",
        "Your exercises",
        "Sources",
        *names,
    ):
        assert expected in flat, expected
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "When to stop" in first and "Stop and get help if" in first


#: A one-off session and a three-day week of arthritis (the plan for each start date differs;
#: these are among the longest), the most pages each may take, and its grid to fill in,
#: which must be whole on one page.
PLANS = {
    "session": ([], "2026-12-02", 2, "Record your pain.*Wed 2.*Tue 8.*Done.*Pain during.*Next"),
    "week": (["--days", "3"], "2026-11-30", 3, "Week 1, day by day.*Mon 30 Nov.*Sun 6 Dec"),
}


@pytest.mark.parametrize("history", ["--no-history", "first-time"])
@pytest.mark.parametrize("paper", list(PAPER))
@pytest.mark.parametrize("plan", list(PLANS))
def test_a_session_and_a_week_fit_their_pages_with_the_red_flags_first(
    plan: str, paper: str, history: str, tmp_path: Path, catalogue: Catalogue
) -> None:
    """With pictures big enough to see (kneefit.render.html.PICTURE_BOX), for a plan that
    ignores the log and for a first-time user's (an empty log: its plan says so)."""
    from kneefit.cli import main
    from kneefit.render.html import flag_words

    extra, start, most, grid = PLANS[plan]
    page = tmp_path / "plan.html"
    args = ["plan", "-c", "arthritis", *extra, "--start", start]
    args += ["--no-history"] if history == "--no-history" else []
    with pytest.raises(SystemExit) as done:
        main([*args, "-o", str(page)])
    assert done.value.code == 0
    reader = _print_on(page.read_text(encoding="utf-8"), paper, tmp_path)
    assert len(reader.pages) <= most, len(reader.pages)
    if history == "first-time":
        assert "No sessions logged yet" in " ".join(s.extract_text() for s in reader.pages)
    pages = [re.sub(r"\s+", " ", sheet.extract_text()) for sheet in reader.pages]
    for flag in catalogue.safety.red_flags:
        sign, action = flag_words(flag)
        assert " ".join(sign.split()[:4]) in pages[0], flag.id
        assert " ".join(action.split()[:3]) in pages[0], flag.id
    assert "When to stop" in pages[0] and "Discomfort is not pain" in pages[0]
    assert any(re.search(grid, text) for text in pages), grid


@pytest.mark.parametrize("paper", list(PAPER))
def test_nothing_overflows_the_printable_width(
    paper: str, handout: tuple[str, list[str]], tmp_path: Path
) -> None:
    page, _ = handout
    _, printable = PAPER[paper]
    probe = """
<script>
window.addEventListener('load', () => {
  const limit = document.documentElement.clientWidth + 0.5;
  const wide = [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > limit)
    .map((e) => e.tagName + ':' + e.textContent.slice(0, 30));
  document.body.setAttribute('data-overflow', wide.length ? wide.join(' | ') : 'none');
  document.body.setAttribute('data-width', String(document.documentElement.scrollWidth));
});
</script>
"""
    sized = tmp_path / "probe.html"
    sized.write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    done = _chromium(
        tmp_path,
        f"--window-size={int(printable)},1200",
        "--hide-scrollbars",
        "--virtual-time-budget=3000",
        "--dump-dom",
        sized.as_uri(),
    )
    dom = done.stdout.decode("utf-8", errors="replace")
    found = re.search(r'data-overflow="([^"]*)"', dom)
    assert found is not None, done.stderr.decode(errors="replace")[-2000:]
    assert found.group(1) == "none"
    scroll = re.search(r'data-width="(\d+)"', dom)
    assert scroll is not None and int(scroll.group(1)) <= int(printable) + 1


def test_text_is_12_pt_and_each_picture_is_beside_its_steps(tmp_path: Path) -> None:
    """Laid out at the printable width of A4: body text 12 pt or more (only the sources'
    fine print is smaller), and each card's picture at its top right, beside its name and
    dose (and its steps, if tall), inside the card and big enough to see."""
    from kneefit.cli import main

    page = tmp_path / "plan.html"
    with pytest.raises(SystemExit) as done:
        main(["plan", "-c", "arthritis", "--no-history", "-o", str(page)])
    assert done.value.code == 0
    probe = """
<script>
window.addEventListener('load', () => {
  const small = [...document.querySelectorAll('main *')]
    .filter((e) => !e.closest('.sources, svg') && e.textContent.trim())
    .filter((e) => parseFloat(getComputedStyle(e).fontSize) < 16)
    .map((e) => e.tagName + ':' + e.textContent.slice(0, 30));
  const apart = [...document.querySelectorAll('article.exercise')].filter((card) => {
    const svg = card.querySelector('svg'), steps = card.querySelector('ol');
    const head = card.querySelector('h3');
    if (!svg || !steps || !head) return true;
    const p = svg.getBoundingClientRect(), s = steps.getBoundingClientRect();
    const c = card.getBoundingClientRect(), h = head.getBoundingClientRect();
    return !(p.width >= 30 && p.height >= 30 && p.left > c.left + c.width / 2
             && p.top <= h.bottom && p.top < s.bottom && p.right <= c.right + 0.5);
  }).map((card) => card.querySelector('h3').textContent);
  const cards = document.querySelectorAll('article.exercise').length;
  document.body.setAttribute('data-probe', JSON.stringify([small, apart, cards]));
});
</script>
"""
    sized = tmp_path / "probe.html"
    sized.write_text(
        page.read_text(encoding="utf-8").replace("</body>", probe + "</body>"), encoding="utf-8"
    )
    done_probe = _chromium(
        tmp_path,
        f"--window-size={int(PAPER['A4'][1])},1200",
        "--hide-scrollbars",
        "--virtual-time-budget=3000",
        "--dump-dom",
        sized.as_uri(),
    )
    dom = done_probe.stdout.decode("utf-8", errors="replace")
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found is not None, done_probe.stderr.decode(errors="replace")[-2000:]
    small, apart, cards = json.loads(html.unescape(found.group(1)))
    # A program of 6 to 10 exercises (the default 30-minute osteoarthritis one holds 7).
    assert small == [] and apart == [] and cards >= 6, (small, apart, cards)


def test_axe_finds_no_accessibility_problems(
    handout: tuple[str, list[str]], tmp_path: Path
) -> None:
    """axe-core (npm's axe-core, not a dependency): KNEEFIT_AXE=/path/to/axe.min.js."""
    found = os.environ.get("KNEEFIT_AXE")
    if not found:
        pytest.skip("set KNEEFIT_AXE to axe-core's axe.min.js (npm install axe-core)")
    page, _ = handout
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


@pytest.mark.parametrize("paper", list(PAPER))
def test_a_first_time_users_session_fits_two_pages(
    paper: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --no-history: a new person's empty log adds its own words to the handout,
    and the page budget (two sheets for a session) still holds."""
    from kneefit.cli import main

    monkeypatch.setenv("KNEEFIT_HOME", str(tmp_path / "new-home"))
    page = tmp_path / "plan.html"
    with pytest.raises(SystemExit) as done:
        main(["plan", "-c", "arthritis", "--start", "2026-12-02", "-o", str(page)])
    assert done.value.code == 0
    reader = _print_on(page.read_text(encoding="utf-8"), paper, tmp_path)
    assert len(reader.pages) <= 2, len(reader.pages)
