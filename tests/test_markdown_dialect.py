"""The Markdown reads right in a CommonMark renderer and in a GFM one (markdown-it-py, which
implements both): tables where tables exist and a row a line where they do not, headings
as headings, sources as links."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from markdown_it import MarkdownIt

from tests.conftest import Invoke

#: CommonMark alone (no tables), and CommonMark with GitHub's tables.
COMMONMARK = MarkdownIt("commonmark")
GFM = MarkdownIt("commonmark").enable("table")

COMMANDS = {
    "plan": ["plan", "-c", "arthritis", "--explain"],
    "week": ["plan", "-c", "arthritis", "--days", "3"],
    "list": ["list"],
    "show": ["show", "wall sit"],
    "conditions": ["conditions", "arthritis", "torn meniscus"],
    "history": ["history"],
    "checkins": ["history", "--checkins"],
    "report": ["report"],
}


@pytest.fixture
def documents(cli: Invoke, pinned_today: object) -> dict[str, str]:
    """Every Markdown document, after a logged session and two check-ins."""
    for step in (
        ["log", "--pain", "2", "--effort", "5", "--date", "2026-11-10", "--notes", "a | b"],
        ["checkin", "--pain", "5", "--activity", "stairs=3", "--date", "2026-11-09"],
        ["checkin", "--pain", "3", "--activity", "stairs=6", "--date", "2026-11-16"],
    ):
        assert cli(*step).code == 0
    found = {}
    for name, args in COMMANDS.items():
        result = cli(*args, "-f", "markdown")
        assert result.code == 0, (name, result.stderr)
        found[name] = result.stdout
    return found


def _tables(text: str) -> Iterator[list[str]]:
    """The pipe tables of ``text``, each as its lines."""
    rows: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("| "):
            rows.append(line)
        elif rows:
            yield rows
            rows = []


def test_tables_are_gfm_tables_and_a_row_a_line_without_tables(
    documents: dict[str, str],
) -> None:
    seen = 0
    for name, text in documents.items():
        for rows in _tables(text):
            seen += 1
            body = len(rows) - 2
            gfm = GFM.render("\n".join(rows))
            assert gfm.count("<table>") == 1 and gfm.count("<tr>") == body + 1, name
            # Without tables: one paragraph, each row on its own line (a hard break).
            plain = COMMONMARK.render("\n".join(rows))
            assert plain.count("<p>") == 1 and plain.count("<br />") == len(rows) - 1, name
    assert seen >= 5


def test_no_bold_line_stands_for_a_heading(documents: dict[str, str]) -> None:
    for name, text in documents.items():
        html = GFM.render(text)
        assert not re.search(r"<p><strong>[^<]*</strong></p>", html), name


def test_a_weeks_days_and_the_safety_notes_are_headings(documents: dict[str, str]) -> None:
    week = GFM.render(documents["week"])
    days = re.findall(r"<h3>(\w{3}) \d{4}-\d\d-\d\d: (\w+)", week)
    assert len(days) == 7 and {focus for _, focus in days} <= {"strength", "mobility", "rest"}
    for name in ("plan", "week"):
        html = GFM.render(documents[name])
        assert "<h2>Safety</h2>" in html and "<h3>Discomfort is not pain</h3>" in html


def test_sources_are_links(documents: dict[str, str]) -> None:
    for name in ("plan", "week", "show", "conditions"):
        html = COMMONMARK.render(documents[name])
        links = re.findall(r'<a href="(https?://[^"]+)">([^<]+)</a>', html)
        assert links, name
        # The link's text is the source's title, not its address.
        assert all(not text.startswith("http") for _, text in links), name
    report = COMMONMARK.render(documents["report"])
    assert '<a href="https://doi.org/10.1016/S0304-3959(01)00349-9">' in report


def test_each_document_starts_with_a_heading(documents: dict[str, str]) -> None:
    for name, text in documents.items():
        first = text.lstrip("\n").splitlines()[0]
        assert first.startswith("# ") or (name == "checkins" and first == "## Check-ins"), name
