"""The handout as a PDF: the same HTML and CSS as the html format, paged by WeasyPrint.

One source for the printed document: WeasyPrint lays out the handout's page with its
``@page`` rules, so the PDF and the page a browser prints cannot drift apart. WeasyPrint is
an optional extra (``kneefit[pdf]``), so the base install stays light.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from kneefit.errors import UsageError
from kneefit.i18n import _
from kneefit.render.common import RenderOptions
from kneefit.render.documents import InLanguage, Refusing
from kneefit.render.html import PAGES_META, PART_ID
from kneefit.render.styles import HANDOUT_FIT_STEPS
from kneefit.vocabulary import Format

if TYPE_CHECKING:
    from weasyprint.document import Document

    from kneefit.models import Schedule

#: What to tell a person whose kneefit has no PDF support.
HOW_TO_GET_IT = "pip install 'kneefit[pdf]'"


class PdfRenderer(Refusing):
    """A plan's handout as the HTML page :func:`pdf_of` prints: the pdf format is for plans."""

    fmt = Format.PDF

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def plan(self, schedule: Schedule) -> str:
        from kneefit.render.html import HtmlRenderer

        return HtmlRenderer(self.options).plan(schedule)

    def bilingual(self, plans: Sequence[InLanguage]) -> str:
        from kneefit.render.html import HtmlRenderer

        return HtmlRenderer(self.options).bilingual(plans)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """WeasyPrint and fontTools log CSS and font notes; they are not the person's concern."""
    loggers = [logging.getLogger(name) for name in ("weasyprint", "fontTools")]
    saved = [(lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
        lg.propagate = False
    try:
        yield
    finally:
        for lg, (level, propagate) in zip(loggers, saved, strict=True):
            lg.setLevel(level)
            lg.propagate = propagate


#: PDF/UA-1: a tagged PDF (headings, lists, tables and figures with their alternative
#: text, in reading order) that a screen reader can follow, with the document's language
#: (the page's ``lang``) and title, as ISO 14289-1 asks.
PDF_VARIANT = "pdf/ua-1"


def pdf_of(page: str) -> bytes:
    """The tagged PDF of an HTML page (the handout), A4 unless the page's CSS says otherwise.

    A handout that says how many pages it is laid out for (its ``kneefit-pages`` meta) and
    runs past them is laid out again with each of :data:`HANDOUT_FIT_STEPS` in turn, until
    it fits or the steps run out (then the last, the smallest type kneefit prints)."""
    budgets = pages_wanted(page)
    document = _layout(page)
    if budgets is not None:
        for step in HANDOUT_FIT_STEPS:
            if fits(part_pages(document, len(budgets)), budgets):
                break
            document = _layout(with_style(page, step))
    with _quiet():
        data: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return data


def pages_wanted(page: str) -> tuple[int, ...] | None:
    """The pages the handout says it is laid out for, if it says: one number, or one for
    each language's part of a handout in several languages."""
    found = re.search(rf"<meta name='{PAGES_META}' content='(\d+(?:,\d+)*)'>", page)
    return tuple(int(n) for n in found.group(1).split(",")) if found else None


def part_pages(document: Document, parts: int) -> tuple[int, ...]:
    """How many pages each of a handout's ``parts`` takes: each language's part starts on
    a page of its own, where its ``part-N`` anchor is; one part is the whole document."""
    if parts == 1:
        return (len(document.pages),)
    starts = []
    for n in range(1, parts + 1):
        anchor = f"{PART_ID}{n}"
        starts.append(next(i for i, p in enumerate(document.pages) if anchor in p.anchors))
    ends = [*starts[1:], len(document.pages)]
    return tuple(end - start for start, end in zip(starts, ends, strict=True))


def fits(pages: tuple[int, ...], budgets: tuple[int, ...]) -> bool:
    """Whether each part takes no more pages than it is laid out for."""
    return all(p <= b for p, b in zip(pages, budgets, strict=True))


def with_style(page: str, css: str) -> str:
    """``page`` with ``css`` added after its own stylesheet, so it wins."""
    return page.replace("</head>", f"<style>{css}</style>\n</head>", 1)


def _layout(page: str) -> Document:
    """WeasyPrint's layout of ``page``, its pages counted before anything is written."""
    with _quiet():
        try:
            from weasyprint import HTML
        except ImportError:
            raise UsageError(
                _(
                    "making a PDF needs WeasyPrint, which is not installed: {install} "
                    "(or write the handout with -o plan.html and print it from a browser)"
                ).format(install=HOW_TO_GET_IT)
            ) from None
        except OSError as exc:
            raise UsageError(
                _(
                    "WeasyPrint is installed but cannot load its text layout library ({error}); "
                    "on Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
                ).format(error=exc)
            ) from None
        return HTML(string=page).render(pdf_variant=PDF_VARIANT)
