"""Escaping, wherever catalogue and log text ends up: a spreadsheet must not run it, a
Markdown viewer must not read it as a link or as HTML, a terminal must not obey it. The
models already refuse control characters; these helpers do not rely on that. Every CSV
kneefit writes is made by :func:`write_csv`. HTML is escaped by its templates' autoescaping
(kneefit.render.templating)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

#: What makes a spreadsheet read a cell as a formula (OWASP's list), and a line break.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_text(value: str) -> str:
    """A text cell a spreadsheet shows as text: a leading apostrophe if it could start a
    formula, also after leading spaces (some spreadsheets skip them)."""
    if value[:1] in FORMULA_START or value.lstrip(" ")[:1] in FORMULA_START:
        return "'" + value
    return value


CsvValue = str | int | float | bool | None


def csv_cell(value: CsvValue) -> str:
    """One CSV cell: a number as written, yes/no, empty for None, and text through csv_text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(value)
    return csv_text(value)


def write_csv(
    header: Sequence[str], rows: Iterable[Sequence[CsvValue]], line_end: str = "\n"
) -> str:
    """RFC 4180 CSV with a header row; every text cell goes through csv_text. Every CSV
    kneefit writes is made here, so no writer can forget the guard."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow([csv_cell(h) for h in header])
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


# Every ASCII punctuation character that CommonMark gives a meaning somewhere inline:
# escapes, code, emphasis, links and images, raw HTML and autolinks, tables (GFM),
# strikethrough (GFM); and & where it would start an entity (&lt; &#60;). A backslash
# before any ASCII punctuation is a literal character.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|#!~]|&(?=#?[0-9A-Za-z]+;))")
# What starts a block at the beginning of a line: a list item (- + or 1. 1)), a heading
# underline (=), a thematic break or a fenced code block.
_MD_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")


def md(text: str) -> str:
    """Catalogue or log text as literal CommonMark, on one line: no character of it can
    make a link, an image, HTML, emphasis, code, a heading, a list or a table cell."""
    flat = md_cell(text)
    return _MD_BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", flat)


def md_cell(text: str) -> str:
    """Text for a table cell (which never starts a block): md() but for the line start."""
    return _MD_INLINE.sub(r"\\\1", " ".join(plain(text).split()))


#: Characters a URL keeps as they are; everything else (quotes, <, >, spaces, backticks,
#: backslashes, non-ASCII letters, and square brackets after the host) is percent-encoded.
#: % stays, so an encoded URL is unchanged.
_URL_SAFE = "/:?#@!$&()*+,;=%"


def url_text(url: str) -> str:
    """A URL safe inside a Markdown autolink or link target, in an HTML attribute, and in
    text that may be pasted into Markdown: without a square bracket (kept only in an IPv6
    host, ``https://[::1]/``), ``https://x.org/a>[x](javascript:...)`` can make no link."""
    scheme, sep, rest = url.partition("://")
    host, slash, tail = rest.partition("/")
    if sep and host.startswith("[") and "]" in host:
        return scheme + sep + quote(host, safe=_URL_SAFE + "[]") + slash + quote(tail, _URL_SAFE)
    return quote(url, safe=_URL_SAFE)


def md_link(url: str) -> str:
    """A URL as a CommonMark autolink, ``<https://...>``, that nothing in it can break."""
    return f"<{url_text(url)}>"


# Unicode's Cc category (C0, DEL, C1) and the bidirectional controls, but tab and newline.
_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text: str, ascii_only: bool = False) -> str:
    """Text safe to print on a terminal: a tab becomes a space, and every other control
    character but newline (ESC, which drives a terminal, above all) a visible replacement."""
    return _TERMINAL_CONTROL.sub("?" if ascii_only else "\ufffd", text.replace("\t", " "))
