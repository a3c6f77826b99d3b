"""Clinicians' clearances after a red flag, as 'kneefit history' shows them after the
sessions (text, table and Markdown; JSON and CSV hold the log export's sessions only)."""

from __future__ import annotations

from collections.abc import Sequence

from kneefit.i18n import N_, _, format_date
from kneefit.models import Clearance
from kneefit.render.escaping import md, plain

TITLE = N_("Clinicians' clearances (after a red flag)")


def clearances_text(clearances: Sequence[Clearance], markdown: bool = False) -> str:
    """The clearances, oldest first, one line each; empty when there are none."""
    if not clearances:
        return ""
    if markdown:
        lines = ["", f"## {_(TITLE)}", ""]
        lines += [f"- {format_date(c.date)}: {md(c.text)}" for c in clearances]
    else:
        lines = ["", _("{title}:").format(title=_(TITLE))]
        lines += [f"  {c.date.isoformat()}  {' '.join(plain(c.text).split())}" for c in clearances]
    return "\n".join(lines) + "\n"
