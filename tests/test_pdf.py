"""The handout as a PDF (WeasyPrint): a real PDF, few pages, the red flags on page 1."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kneefit.catalogue import Catalogue
from kneefit.render.pdf import _layout as _real_layout
from tests.conftest import Invoke

pytest.importorskip("weasyprint")

pytestmark = pytest.mark.slow

ARGS = ["plan", "-c", "arthritis", "--start", "2026-12-02", "--no-history"]


@pytest.fixture(scope="module", autouse=True)
def _each_page_laid_out_once() -> Iterator[None]:
    """WeasyPrint's layout (a second or more a page) of each distinct HTML page once in this
    module: the pipe test prints the same page as the session's PDF, and the fitting test lays
    out the full-size page that pdf_of has just laid out."""
    from kneefit.render import pdf

    real = _real_layout
    layouts: dict[str, Any] = {}

    def remembered(page: str) -> Any:
        if page not in layouts:
            layouts[page] = real(page)
        return layouts[page]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "_layout", remembered)
        yield


def _pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def session_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kneefit.cli import main

    target = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    with pytest.raises(SystemExit) as done:
        main([*ARGS, "-o", str(target)])
    assert done.value.code == 0
    return target


def test_o_plan_pdf_is_a_pdf_of_the_handout(session_pdf: Path, catalogue: Catalogue) -> None:
    assert session_pdf.read_bytes().startswith(b"%PDF-")
    from kneefit.render.html import flag_words

    pages = _pages(session_pdf)
    assert 1 <= len(pages) <= 2, len(pages)
    first = pages[0]
    for heading in ("Your knee exercises", "When to stop", "Stop and get help if"):
        assert heading in first, heading
    for flag in catalogue.safety.red_flags:
        # Each red flag's sign (its first words) is on page 1, with what to do.
        sign, action = flag_words(flag)
        assert " ".join(sign.split()[:4]) in first, flag.id
        assert " ".join(action.split()[:3]) in first, flag.id
    whole = " ".join(pages)
    assert "Record your pain" in whole and "kneefit log" not in whole


def test_a_three_day_week_prints_on_a_few_pages(tmp_path: Path, cli: Invoke) -> None:
    target = tmp_path / "week.pdf"
    result = cli(*ARGS, "--days", "3", "--format", "pdf", "-o", str(target))
    assert result.code == 0, result.stderr
    assert result.stdout == "" and result.stderr == f"Wrote {target} (pdf).\n"
    assert 2 <= len(_pages(target)) <= 3


@pytest.mark.parametrize("days", [[], ["--days", "3"]])
def test_on_letter_paper_too(days: list[str], tmp_path: Path) -> None:
    """The same page on US Letter: a session on two pages, a three-day week on three."""
    from pypdf import PdfReader

    from kneefit.cli import main
    from kneefit.render.pdf import pdf_of

    page = tmp_path / "plan.html"
    with pytest.raises(SystemExit) as done:
        main([*ARGS, *days, "-o", str(page)])
    assert done.value.code == 0
    letter = page.read_text(encoding="utf-8").replace(
        "</head>", "<style>@page { size: Letter; }</style></head>"
    )
    target = tmp_path / "plan.pdf"
    target.write_bytes(pdf_of(letter))
    sheets = PdfReader(target).pages
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in sheets} == {
        (612, 792)
    }
    assert 1 <= len(sheets) <= (3 if days else 2), len(sheets)


def test_pdf_to_a_pipe_is_the_bytes(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    from kneefit.cli import main

    with pytest.raises(SystemExit) as done:
        main([*ARGS, "-f", "pdf"])
    out, err = capsysbinary.readouterr()
    assert done.value.code == 0, err
    assert out.startswith(b"%PDF-") and out.rstrip().endswith(b"%%EOF")


def test_without_weasyprint_it_says_how_to_get_it(
    tmp_path: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kneefit.render import pdf

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails
    monkeypatch.setattr(pdf, "_layout", _real_layout)  # which a remembered layout would hide
    target = tmp_path / "plan.pdf"
    result = cli(*ARGS, "-o", str(target))
    assert result.code == 2 and result.stdout == ""
    assert "pip install 'kneefit[pdf]'" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("condition", "paper"), [("meniscus-surgery", "Letter"), ("cartilage-repair", "A4")]
)
def test_a_long_session_is_fitted_to_its_two_pages(
    condition: str, paper: str, tmp_path: Path
) -> None:
    """The longest early post-op sessions run to a third page at the handout's full size;
    the PDF sets their type a little smaller (never below 11 pt) to keep to two."""
    from pypdf import PdfReader

    from kneefit.cli import main
    from kneefit.render.pdf import _layout, pdf_of, with_style
    from kneefit.render.styles import HANDOUT_FIT_STEPS

    page = tmp_path / "plan.html"
    with pytest.raises(SystemExit) as done:
        main(["plan", "-c", condition, "--start", "2026-12-02", "--no-history", "-o", str(page)])
    assert done.value.code == 0
    html = with_style(page.read_text(encoding="utf-8"), f"@page {{ size: {paper}; }}")
    target = tmp_path / "plan.pdf"
    target.write_bytes(pdf_of(html))
    assert len(PdfReader(target).pages) == 2
    # Without the fitting, it would not fit: the test stands on a handout that needs it.
    assert len(_layout(html).pages) > 2
    assert all("11pt" in step or "11.5pt" in step for step in HANDOUT_FIT_STEPS)


def test_pdf_of_prints_the_first_step_that_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    """For every pattern of which layouts (the full size, then each fitting step) keep each
    part to its pages, fitting or not in any order (a smaller type need not take fewer pages:
    a card kept whole can move to the next page, or the sources span the page's width), the
    PDF is the first layout that fits, else the last step's; each layout made once, and none
    after the one printed."""
    import itertools
    from types import SimpleNamespace

    from kneefit.render import pdf
    from kneefit.render.styles import HANDOUT_FIT_STEPS

    page = "<html><head><meta name='kneefit-pages' content='2,2'>\n</head><body></body></html>"
    candidates = [page, *(pdf.with_style(page, step) for step in HANDOUT_FIT_STEPS)]
    laid_out: list[int] = []
    for pattern in itertools.product([False, True], repeat=len(candidates)):
        laid_out.clear()

        def layout(html: str, pattern: tuple[bool, ...] = pattern) -> Any:
            n = candidates.index(html)
            laid_out.append(n)
            # Two parts of two pages each, or one part (which, in turn) running to a third.
            parts = (2, 2) if pattern[n] else ((3, 2) if n % 2 else (2, 3))
            pages = [
                SimpleNamespace(anchors={f"part-{part}": None} if i == 0 else {})
                for part, length in enumerate(parts, start=1)
                for i in range(length)
            ]
            return SimpleNamespace(pages=pages, write_pdf=lambda **_: str(n).encode())

        monkeypatch.setattr(pdf, "_layout", layout)
        chosen = pattern.index(True) if True in pattern else len(candidates) - 1
        assert pdf.pdf_of(page) == str(chosen).encode(), pattern
        assert laid_out == list(range(chosen + 1)), pattern


def test_the_page_says_what_it_is_laid_out_for() -> None:
    from kneefit.render.pdf import pages_wanted, with_style

    page = "<html><head><meta name='kneefit-pages' content='3'>\n</head><body></body></html>"
    assert pages_wanted(page) == (3,)
    assert pages_wanted("<html><head></head></html>") is None
    assert with_style(page, "p{}").count("<style>p{}</style>") == 1
    assert with_style(page, "p{}").index("<style>") < with_style(page, "p{}").index("</head>")


@pytest.mark.parametrize(
    ("condition", "also", "paper"),
    [
        ("patellofemoral-pain", [], "Letter"),
        ("patellofemoral-pain", ["--also-in", "en"], "A4"),
        # These two ran to a third page (the sources and the log grid) until their Spanish
        # texts were made as short as the English where they were needlessly long.
        ("cartilage-repair", [], "A4"),
        ("cartilage-repair", ["--also-in", "en"], "Letter"),
        ("meniscus-surgery", [], "Letter"),
    ],
)
def test_a_spanish_session_keeps_to_the_english_pages(
    condition: str, also: list[str], paper: str, tmp_path: Path
) -> None:
    """Spanish runs about a fifth longer than English: the patellofemoral, cartilage repair
    and meniscus surgery sessions in Spanish, alone or with the English after it, still print
    on two pages for each language (at the smaller type they ran to a third page, the log
    grid on it).

    They keep to them at the last of the fitting steps, the smallest type kneefit prints, so
    the PDF keeps to them: pdf_of prints the first step at which they do, else the last
    (test_pdf_of_prints_the_first_step_that_fits). One layout each, not the up to six of
    pdf_of's search (which lays out every step before the one that fits)."""

    from kneefit.cli import main
    from kneefit.render.pdf import PDF_VARIANT, _layout, pages_wanted, part_pages, with_style
    from kneefit.render.styles import HANDOUT_FIT_STEPS

    page = tmp_path / "plan.html"
    with pytest.raises(SystemExit) as done:
        main(
            [
                *["plan", "-c", condition, "--start", "2026-12-02", "--no-history"],
                *["--lang", "es", *also, "-o", str(page)],
            ]
        )
    assert done.value.code == 0
    html = with_style(page.read_text(encoding="utf-8"), f"@page {{ size: {paper}; }}")
    budgets = pages_wanted(html)
    assert budgets == ((2, 2) if also else (2,))
    smallest = _layout(with_style(html, HANDOUT_FIT_STEPS[-1]))
    assert part_pages(smallest, len(budgets)) == budgets
    target = tmp_path / "plan.pdf"
    target.write_bytes(smallest.write_pdf(pdf_variant=PDF_VARIANT))
    pages = _pages(target)
    assert len(pages) == (4 if also else 2), len(pages)
    assert "Sus ejercicios para la rodilla" in pages[0]
    if also:
        # The English part starts on the third page: the Spanish took two.
        assert "Your knee exercises" in pages[2] and "Your knee exercises" not in pages[1]
