"""One renderer per output format, behind one small interface, and one dispatch to them.

A document (:class:`Document`: a plan, the exercise list, the report, ...) is one method
of :class:`Renderer`; a format is one renderer class, in the format's module, that renders
every document it has and refuses the rest (:class:`Refusing`). :func:`dispatch` maps a
document and a format to the renderer, refusing a format the document does not have with
the one :class:`FormatRefused`; :func:`renderer_for` maps a format alone to its renderer.
Adding a format or a document, the type checker names every place to change.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from kneefit.render.common import RenderOptions
from kneefit.render.documents import (
    Document,
    FormatRefused,
    InLanguage,
    Refusing,
    check,
    formats_of,
)
from kneefit.vocabulary import Format

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # pragma: no cover
    from typing_extensions import assert_never

if TYPE_CHECKING:
    from kneefit.catalogue import Catalogue
    from kneefit.log import CheckIn
    from kneefit.models import Condition, Exercise, Schedule, Session
    from kneefit.report import Report
    from kneefit.review import WeekReview
    from kneefit.swap import Swaps


class Renderer(Protocol):
    """Turns kneefit's data into the text of one output format: a method per Document."""

    def plan(self, schedule: Schedule) -> str:
        """A plan: one session when ``schedule.one_off``, otherwise day by day."""
        ...

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str: ...

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str: ...

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str: ...

    def history(self, sessions: Sequence[Session]) -> str: ...

    def checkins(self, checkins: Sequence[CheckIn]) -> str: ...

    def report(self, report: Report) -> str: ...

    def swaps(self, found: Swaps) -> str: ...

    def review(self, review: WeekReview) -> str:
        """The weekly review ('kneefit review')."""
        ...

    def bilingual(self, plans: Sequence[InLanguage]) -> str:
        """One plan's handout in two (or more) languages, each part worded in its own
        (``kneefit plan --also-in``)."""
        ...


def renderer_for(fmt: Format, options: RenderOptions) -> Renderer:
    """The renderer of ``fmt``; a document it does not have raises FormatRefused when asked
    for. Importing here keeps rich off every path but the table's."""
    if fmt is Format.TABLE:
        from kneefit.render.table import TableRenderer

        return TableRenderer(options)
    if fmt is Format.TEXT:
        from kneefit.render.text import TextRenderer

        return TextRenderer(options)
    if fmt is Format.MARKDOWN:
        from kneefit.render.markdown import MarkdownRenderer

        return MarkdownRenderer(options)
    if fmt is Format.JSON:
        from kneefit.render.json import JsonRenderer

        return JsonRenderer(options)
    if fmt is Format.CSV:
        from kneefit.render.csv import CsvRenderer

        return CsvRenderer(options)
    if fmt is Format.HTML:
        from kneefit.render.html import HtmlRenderer

        return HtmlRenderer(options)
    if fmt is Format.ICS:
        from kneefit.render.ics import IcsRenderer

        return IcsRenderer(options)
    if fmt is Format.SVG:
        from kneefit.render.picture import PictureRenderer

        return PictureRenderer(options)
    if fmt is Format.PDF:
        from kneefit.render.pdf import PdfRenderer

        return PdfRenderer(options)
    if fmt is Format.FHIR:
        from kneefit.render.fhir import FhirRenderer

        return FhirRenderer(options)
    assert_never(fmt)


def dispatch(document: Document, fmt: Format, options: RenderOptions) -> Renderer:
    """The renderer of ``document`` in ``fmt``; a format the document does not have is
    refused here, before anything is rendered (FormatRefused, a usage mistake)."""
    check(document, fmt)
    return renderer_for(fmt, options)


__all__ = [
    "Document",
    "FormatRefused",
    "InLanguage",
    "Refusing",
    "RenderOptions",
    "Renderer",
    "dispatch",
    "formats_of",
    "renderer_for",
]
