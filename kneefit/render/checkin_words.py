"""Check-ins in words, in the run's language: the confirmation 'kneefit checkin' prints and
the check-ins 'kneefit history' shows (text, table and Markdown).

The English is the progress report's, word for word (kneefit.render.report_lines'
``follow_up_parts``, ``CHECKIN_HEAD`` and ``FOLLOW_UP_HEADS``): the report keeps its own
wording there, this module is the history's and the check-in's.
"""

from __future__ import annotations

from collections.abc import Sequence

from kneefit.i18n import SOURCE_LANGUAGE, _, format_decimal, language, ngettext
from kneefit.log.checkin import CheckIn
from kneefit.measures import number, psfs_score


def score(value: float | None) -> str:
    """A score as printed: whole numbers without a decimal point, others to one place
    ('2.5'; '2,5' in Spanish); '-' for none."""
    if value is None:
        return "-"
    if language() == SOURCE_LANGUAGE or value == int(value):
        return number(value)
    return format_decimal(round(value, 1))


def psfs(checkin: CheckIn) -> float | None:
    """A check-in's PSFS score: the average of its activities' scores."""
    return psfs_score(tuple(s for _, s in checkin.activities))


def follow_up_words(checkin: CheckIn) -> list[str]:
    """A check-in's follow-up measures in words, e.g. 'knee bend 95 degrees'."""
    words = {
        "knee-bend": lambda v: _("knee bend {value} degrees").format(value=v),
        "knee-straighten": lambda v: _("{value} degrees short of straight").format(value=v),
        "walk-40m": lambda v: _("40-m fast-paced walk {value} s").format(value=v),
        "stairs": lambda v: _("stair climb {value} s").format(value=v),
        "tug": lambda v: _("Timed Up and Go {value} s").format(value=v),
    }
    return [
        words[key](score(value)) for key, value in checkin.follow_up().items() if value is not None
    ]


def _stands(count: int) -> str:
    # The English has said "chair stands" whatever the count; the plural is the language's.
    return ngettext("{count} chair stands", "{count} chair stands", count).format(count=count)


def recorded_parts(checkin: CheckIn) -> list[str]:
    """What 'kneefit checkin' recorded, one part for each score given."""
    parts = []
    if checkin.week_pain is not None:
        parts.append(_("week's pain {pain}/10").format(pain=checkin.week_pain))
    if checkin.activities:
        each = ", ".join(f"{a} {n}/10" for a, n in checkin.activities)
        parts.append(_("PSFS {activities}").format(activities=each))
    if checkin.chair_stands is not None:
        parts.append(_stands(checkin.chair_stands))
    return parts + follow_up_words(checkin)


def history_parts(checkin: CheckIn) -> list[str]:
    """A check-in as the history's text shows it, one part for each score recorded."""
    parts = []
    if checkin.week_pain is not None:
        parts.append(_("pain over the last week {pain}/10").format(pain=checkin.week_pain))
    average = psfs(checkin)
    if average is not None:
        each = ", ".join(f"{a} {s}" for a, s in checkin.activities)
        parts.append(_("PSFS {score} ({activities})").format(score=score(average), activities=each))
    if checkin.chair_stands is not None:
        parts.append(_stands(checkin.chair_stands))
    return parts + follow_up_words(checkin)


def _heads() -> dict[str, str]:
    """The follow-up measures' column heads (TUG is the Timed Up and Go)."""
    return {
        "knee-bend": _("Knee bend (deg)"),
        "knee-straighten": _("Short of straight (deg)"),
        "walk-40m": _("40-m walk (s)"),
        "stairs": _("Stairs (s)"),
        "tug": _("TUG (s)"),
    }


def checkin_table(checkins: Sequence[CheckIn]) -> tuple[list[str], list[list[str]]]:
    """The check-in history's table: the date, the week's pain, the PSFS average, the chair
    stands and the PSFS activities, then a column for each follow-up measure any of
    ``checkins`` records ('-' where a check-in has none)."""
    heads = _heads()
    recorded = {key for c in checkins for key, value in c.follow_up().items() if value is not None}
    shown = [key for key in heads if key in recorded]
    rows = [
        [
            c.date.isoformat(),
            score(c.week_pain),
            score(psfs(c)),
            score(c.chair_stands),
            "; ".join(f"{a} {s}" for a, s in c.activities) or "-",
            *(score(c.follow_up()[key]) for key in shown),
        ]
        for c in checkins
    ]
    head = [
        _("Date"),
        _("Week's pain (NPRS)"),
        _("PSFS average"),
        _("Chair stands (30 s)"),
        _("PSFS activities"),
        *(heads[key] for key in shown),
    ]
    return head, rows
