"""The handout's PDF for a screen reader (tagged, PDF/UA-1, its language set) and for a
first-time user: the page budget holds with the "no sessions logged yet" paragraph too."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke

pytest.importorskip("weasyprint")

pytestmark = pytest.mark.slow

#: A first-time user's request: no --no-history, and the autouse ``home`` fixture gives every
#: test an empty log, so the plan says that no session is logged yet.
FIRST_TIME = ["plan", "-c", "arthritis"]


def _structure(node: Any, found: list[tuple[str, Any]]) -> None:
    """Every structure element under ``node``: its type (/P, /H1, /Figure, ...) and /Alt."""
    node = node.get_object()
    if isinstance(node, list):
        for kid in node:
            _structure(kid, found)
        return
    if not isinstance(node, dict) or "/S" not in node:
        return  # marked content or an object reference: not a structure element
    found.append((str(node["/S"]), node.get("/Alt")))
    kids = node.get("/K")
    if kids is not None and not isinstance(kids, int):
        _structure(kids, found)


@pytest.fixture(scope="module")
def first_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kneefit.cli import main

    target = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    with pytest.raises(SystemExit) as done:
        main([*FIRST_TIME, "--start", "2026-12-02", "-o", str(target)])
    assert done.value.code == 0
    return target


def test_the_pdf_is_tagged_pdf_ua_in_english(first_pdf: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(first_pdf)
    root: Any = reader.trailer["/Root"]  # a DictionaryObject: pypdf types it as any PdfObject
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None and reader.metadata.title == "Your knee exercises"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    found: list[tuple[str, Any]] = []
    _structure(root["/StructTreeRoot"].get_object()["/K"], found)
    kinds = Counter(kind for kind, _ in found)
    # A heading for the title, the sections and each exercise card; the steps as lists whose
    # items hold their number (Lbl) with their text (LBody); tables with header cells.
    assert kinds["/H1"] == 1 and kinds["/H2"] >= 3 and kinds["/H3"] >= 10, kinds
    assert kinds["/LI"] == kinds["/Lbl"] == kinds["/LBody"] > 20, kinds
    assert kinds["/Table"] >= 2 and kinds["/TH"] >= 10, kinds
    # Every picture is a figure with its text alternative.
    figures = [alt for kind, alt in found if kind == "/Figure"]
    assert figures and all(alt and "start position" in alt for alt in figures), figures


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="no pdfinfo (Debian: poppler-utils)")
def test_pdfinfo_says_tagged(first_pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(first_pdf)], capture_output=True, check=True, text=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M), info.stdout
    assert re.search(r"^Title:\s+Your knee exercises$", info.stdout, re.M), info.stdout


def test_a_first_time_user_is_told_no_session_is_logged(cli: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    result = cli(*FIRST_TIME, "-o", str(page))
    assert result.code == 0, result.stderr
    assert "No sessions logged yet" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_first_time_users_session_prints_on_two_pages(paper: str, cli: Invoke) -> None:
    """Three start dates (the pain grid's days differ; the 2nd is among the longest)."""
    from weasyprint import HTML

    from kneefit.render.pdf import _quiet

    for day in (2, 5, 7):
        result = cli(*FIRST_TIME, "--start", f"2026-12-{day:02}", "-f", "html")
        assert result.code == 0, result.stderr
        page = result.stdout.replace("</head>", f"<style>@page {{ size: {paper}; }}</style></head>")
        with _quiet():
            pages = HTML(string=page).render().pages
        assert len(pages) <= 2, (paper, day, len(pages))


def test_a_first_time_users_pdf_is_two_a4_pages_with_the_grid_whole(first_pdf: Path) -> None:
    from pypdf import PdfReader

    sheets = PdfReader(first_pdf).pages
    assert len(sheets) == 2
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in sheets} == {
        (595, 842)
    }
    last = re.sub(r"\s+", " ", sheets[-1].extract_text())
    assert re.search("Record your pain.*Wed 2.*Tue 8", last), last


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_in_chromium_too(paper: str, tmp_path: Path) -> None:
    """Printed by a browser, the first-time user's session also takes two sheets."""
    from kneefit.cli import main
    from tests.test_browser import _print_on

    page = tmp_path / "plan.html"
    with pytest.raises(SystemExit) as done:
        main([*FIRST_TIME, "--start", "2026-12-02", "-o", str(page)])
    assert done.value.code == 0
    reader = _print_on(page.read_text(encoding="utf-8"), paper, tmp_path)
    assert len(reader.pages) <= 2, len(reader.pages)
