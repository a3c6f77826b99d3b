"""The progress report and the check-in history by format name (each format's module renders
them; this string dispatch goes when every document has one typed dispatch)."""

from __future__ import annotations

from collections.abc import Sequence

from kneefit.errors import UsageError
from kneefit.log import CheckIn
from kneefit.render.csv import CsvRenderer
from kneefit.render.html import HtmlRenderer
from kneefit.render.json import JsonRenderer
from kneefit.render.markdown import MarkdownRenderer
from kneefit.render.report_lines import period_text
from kneefit.render.text import TextRenderer
from kneefit.report import Report

__all__ = ["checkin_history", "period_text", "render_report"]


def render_report(report: Report, fmt: str) -> str:
    """The report in format ``fmt`` (table is text: the report is for paper and files)."""
    renderers: dict[
        str, TextRenderer | MarkdownRenderer | JsonRenderer | CsvRenderer | HtmlRenderer
    ]
    renderers = {
        "table": TextRenderer(),
        "text": TextRenderer(),
        "markdown": MarkdownRenderer(),
        "json": JsonRenderer(),
        "csv": CsvRenderer(),
        "html": HtmlRenderer(),
    }
    if fmt not in renderers:
        raise UsageError(
            f"the {fmt} format is not for reports: use text, markdown, json, csv or html"
        )
    return renderers[fmt].report(report)


def checkin_history(checkins: Sequence[CheckIn], fmt: str) -> str:
    """The check-ins as 'kneefit history' shows them, in format ``fmt``."""
    if fmt in ("table", "text"):
        return TextRenderer().checkins(checkins)
    if fmt == "markdown":
        return MarkdownRenderer().checkins(checkins)
    if fmt == "json":
        return JsonRenderer().checkins(checkins)
    if fmt == "csv":
        return CsvRenderer().checkins(checkins)
    raise UsageError(f"the {fmt} format is for plans: use it with 'kneefit plan'")
