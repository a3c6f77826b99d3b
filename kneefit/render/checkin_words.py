"""Check-ins in words, in the run's language: the confirmation 'kneefit checkin' prints and
the check-ins 'kneefit history' shows (text, table and Markdown).

The scores, the follow-up measures in words and the history's table are the progress
report's own (kneefit.render.report_lines): this module words what only the history and the
check-in say.
"""

from __future__ import annotations

from kneefit.i18n import _, ngettext
from kneefit.log.checkin import CheckIn
from kneefit.render.report_lines import checkin_psfs, follow_up_parts, score_text


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
    return parts + follow_up_parts(checkin)


def history_parts(checkin: CheckIn) -> list[str]:
    """A check-in as the history's text shows it, one part for each score recorded."""
    parts = []
    if checkin.week_pain is not None:
        parts.append(_("pain over the last week {pain}/10").format(pain=checkin.week_pain))
    average = checkin_psfs(checkin)
    if average is not None:
        each = ", ".join(f"{a} {s}" for a, s in checkin.activities)
        parts.append(
            _("PSFS {score} ({activities})").format(score=score_text(average), activities=each)
        )
    if checkin.chair_stands is not None:
        parts.append(_stands(checkin.chair_stands))
    return parts + follow_up_parts(checkin)
