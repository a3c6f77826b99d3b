"""One renderer per output format, behind one small interface."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Protocol

from kneefit.catalogue import Catalogue
from kneefit.models import Condition, Exercise, Schedule, Session
from kneefit.render.common import RenderOptions
from kneefit.vocabulary import Format

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # pragma: no cover
    from typing_extensions import assert_never


class Renderer(Protocol):
    """Turns kneefit's data into the text of one output format."""

    def plan(self, schedule: Schedule) -> str:
        """A plan: one session when ``schedule.one_off``, otherwise day by day."""
        ...

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str: ...

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str: ...

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str: ...

    def history(self, sessions: Sequence[Session]) -> str: ...


def renderer_for(fmt: Format, options: RenderOptions) -> Renderer:
    """The renderer of ``fmt``. Importing here keeps rich off every path but the table's."""
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
        # The PDF is the handout printed: the same HTML, made into pages by kneefit.render.pdf.
        from kneefit.render.html import HtmlRenderer

        return HtmlRenderer(options, format_name="pdf")
    assert_never(fmt)


__all__ = ["RenderOptions", "Renderer", "renderer_for"]
