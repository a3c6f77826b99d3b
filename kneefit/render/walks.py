"""Walks logged outside sessions ('kneefit log --walked'), as 'kneefit history' shows them
after the sessions in text, table and Markdown: one line a day, with each week's total."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kneefit.log.walk import Walk

WALKS_TITLE = "Walks"


def walk_rows(walks: Sequence[Walk]) -> list[tuple[str, str]]:
    """(day, what) for each day walked, oldest first: the minutes that day (and how many
    walks, when more than one), and the seven days to it."""
    days: dict[date, list[int]] = {}
    for walk in walks:
        days.setdefault(walk.date, []).append(walk.minutes)
    rows = []
    for day, minutes in sorted(days.items()):
        week = sum(m for d, ms in days.items() if day - timedelta(days=6) <= d <= day for m in ms)
        count = f" ({len(minutes)} walks)" if len(minutes) > 1 else ""
        rows.append((day.isoformat(), f"{sum(minutes)} min{count}; {week} min in 7 days"))
    return rows


def walks_text(walks: Sequence[Walk]) -> str:
    """The walks as plain lines (text and table formats); empty when none are logged."""
    if not walks:
        return ""
    lines = ["", WALKS_TITLE, *(f"  {day}  {what}" for day, what in walk_rows(walks))]
    return "\n".join(lines) + "\n"


def walks_markdown(walks: Sequence[Walk]) -> str:
    """The walks as a Markdown section; empty when none are logged."""
    if not walks:
        return ""
    lines = ["", f"## {WALKS_TITLE}", "", *(f"- {day}: {what}" for day, what in walk_rows(walks))]
    return "\n".join(lines) + "\n"
