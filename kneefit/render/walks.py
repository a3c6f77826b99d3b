"""Walks logged outside sessions ('kneefit log --walked'), as 'kneefit history' shows them
after the sessions in text, table and Markdown: one line a day, with each week's total."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kneefit.i18n import N_, _, format_date, ngettext

if TYPE_CHECKING:
    from kneefit.log.walk import Walk

WALKS_TITLE = N_("Walks")


def walk_rows(walks: Sequence[Walk]) -> list[tuple[date, str]]:
    """(day, what) for each day walked, oldest first: the minutes that day (and how many
    walks, when more than one), and the seven days to it."""
    days: dict[date, list[int]] = {}
    for walk in walks:
        days.setdefault(walk.date, []).append(walk.minutes)
    rows = []
    for day, minutes in sorted(days.items()):
        week = sum(m for d, ms in days.items() if day - timedelta(days=6) <= d <= day for m in ms)
        if len(minutes) > 1:
            what = ngettext(
                "{minutes} min ({count} walks); {week} min in 7 days",
                "{minutes} min ({count} walks); {week} min in 7 days",
                len(minutes),
            ).format(minutes=sum(minutes), count=len(minutes), week=week)
        else:
            what = _("{minutes} min; {week} min in 7 days").format(minutes=sum(minutes), week=week)
        rows.append((day, what))
    return rows


def walks_text(walks: Sequence[Walk]) -> str:
    """The walks as plain lines (text and table formats); empty when none are logged."""
    if not walks:
        return ""
    rows = walk_rows(walks)
    lines = ["", _(WALKS_TITLE), *(f"  {day.isoformat()}  {what}" for day, what in rows)]
    return "\n".join(lines) + "\n"


def walks_markdown(walks: Sequence[Walk]) -> str:
    """The walks as a Markdown section; empty when none are logged."""
    if not walks:
        return ""
    rows = walk_rows(walks)
    lines = ["", f"## {_(WALKS_TITLE)}", "", *(f"- {format_date(d)}: {w}" for d, w in rows)]
    return "\n".join(lines) + "\n"
