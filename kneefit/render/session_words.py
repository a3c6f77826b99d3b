"""A session of the log in words: the history's cells and its chart of pain and effort."""

from __future__ import annotations

from collections.abc import Sequence

from kneefit.i18n import N_, _, pgettext
from kneefit.models import Session
from kneefit.render.common import knee_text

HISTORY_TITLE = N_("kneefit: your sessions")
HISTORY_COLUMNS = ("date", "pain", "effort", "next_morning_pain", "exercises", "notes")


def pain_text(value: int | None) -> str:
    return "-" if value is None else f"{value}/10"


def session_cells(session: Session) -> list[str]:
    """One session as the cells of a history table, in HISTORY_COLUMNS order."""
    notes = session.notes
    if session.knee is not None:
        side = knee_text(session.knee)
        notes = f"{side}; {notes}" if notes else side
    if session.red_flags:
        flags = [_("RED FLAG: {flag}").format(flag=f) for f in session.red_flags]
        notes = "; ".join(flags + ([notes] if notes else []))
    return [
        session.date.isoformat(),
        pain_text(session.pain),
        pain_text(session.effort),
        pain_text(session.next_morning_pain),
        ", ".join(e.name for e in session.exercises) or "-",
        notes or "-",
    ]


def chart_lines(sessions: Sequence[Session], ascii_only: bool) -> list[str]:
    """A bar chart of pain (P) and effort (E) by session, ten cells to a bar."""
    full, empty = ("#", ".") if ascii_only else ("\u2588", "\u00b7")

    def bar(value: int) -> str:
        return full * value + empty * (10 - value)

    # The bars' letters are the first of the words pain and effort in the language.
    lines = [_("Pain (P) and effort (E) by session, 0 to 10:")]
    pain, effort = pgettext("chart: pain", "P"), pgettext("chart: effort", "E")
    for session in sessions:
        morning = (
            "  " + _("next morning {pain}").format(pain=session.next_morning_pain)
            if session.next_morning_pain is not None
            else ""
        )
        lines.append(
            f"{session.date.isoformat()}  {pain} {bar(session.pain)} {session.pain:>2}   "
            f"{effort} {bar(session.effort)} {session.effort:>2}{morning}"
        )
    return lines
