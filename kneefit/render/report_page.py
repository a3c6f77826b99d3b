"""The progress report's page (``kneefit report -f html``): self-contained, with two SVG
charts (kneefit.render.charts), sessions done against planned week by week and pain during
and next morning by session; it prints on A4 or Letter. Its markup is the Jinja2 template
kneefit/render/templates/report.html.j2, which escapes every piece of log text; this module
prepares the words. Its CSS is in kneefit.render.styles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kneefit.i18n import _, language
from kneefit.measures import number
from kneefit.render.common import NOT_MEDICAL_ADVICE
from kneefit.render.report_lines import (
    CHECKIN_HEAD,
    REPORT_TITLE,
    WEEK_HEAD,
    adherence_text,
    checkin_rows,
    flag_lines,
    follow_up_table,
    heads,
    measure_name,
    pain_trend_text,
    period_line,
    shown_measures,
    signed,
    step_lines,
    threshold_text,
    unit_text,
    week_rows,
)
from kneefit.render.styles import REPORT_STYLE
from kneefit.render.templating import markup, render

if TYPE_CHECKING:
    from kneefit.measures import Change
    from kneefit.report import Report


@dataclass(frozen=True)
class ChangeRow:
    """A row of the table of changes: a measure (or one of its activities, indented), and
    its change against its threshold, or (``change`` false) why there is none."""

    label: str
    result: str
    change: bool = False
    first: str = ""
    latest: str = ""
    delta: str = ""
    threshold: str = ""
    #: The result's class: "pass" (an important change), "flag" (worse by the threshold).
    css: str = ""


@dataclass(frozen=True)
class MeasureNote:
    """A measure, how it is taken, what its threshold means, and its sources (text, URL)."""

    name: str
    how: str
    note: str
    sources: list[tuple[str, str]]


def report_page(report: Report) -> str:
    """The progress report's page: self-contained, with its SVG charts, for screen and paper."""
    from kneefit.render.charts import adherence_svg, pain_svg

    follow_head, follow_rows = follow_up_table(report)
    uncleared = any(f.cleared is None for f in report.red_flags)
    return render(
        "report.html.j2",
        lang=language(),
        title=_(REPORT_TITLE),
        # kneefit's own stylesheet and charts (their words escaped by charts.py): markup.
        style=markup(REPORT_STYLE),
        adherence_chart=markup(adherence_svg(report)),
        pain_chart=markup(pain_svg(report)),
        period=period_line(report),
        disclaimer=_(NOT_MEDICAL_ADVICE),
        adherence=adherence_text(report),
        pain_trend=pain_trend_text(report),
        uncleared=_("A red flag is not yet cleared: see the person now.") if uncleared else "",
        heads={
            "sessions": _("Sessions done against planned"),
            "pain": _("Pain during sessions and next morning"),
            "flags": _("Red flags"),
            "progression": _("Progression"),
            "checkins": _("Check-ins"),
            "follow_up": _("Follow-up measures"),
            "measures": _("The measures and their sources"),
        },
        adherence_key=_("Dashed outline: planned; filled: done, with the count."),
        pain_key=_(
            "0 to 10. Solid red line and dots: pain during the session; dashed blue line and "
            "squares: the next morning; ! a red flag. Shaded: above 2 (acceptable, yellow) and "
            "above 5 (too much, red)."
        ),
        week_head=heads(WEEK_HEAD),
        week_rows=week_rows(report),
        week_numeric={0, 2, 3, 4, 5, 6},
        flags=flag_lines(report, report.end),
        no_flags=_("None logged."),
        steps=step_lines(report),
        no_steps=_("No change of step in this period."),
        checkins=bool(report.checkins),
        checkin_head=heads(CHECKIN_HEAD),
        checkin_rows=checkin_rows(report) if report.checkins else [],
        checkin_numeric={1, 2, 3},
        no_checkins=_("None recorded."),
        follow_head=follow_head,
        follow_rows=follow_rows,
        follow_numeric=set(range(1, len(follow_head))),
        change_title=_("Change from the first check-in to the latest"),
        change_head=[
            _("Measure"),
            _("First"),
            _("Latest"),
            _("Change"),
            _("Threshold"),
            _("Result"),
        ],
        change_numeric={1, 2, 3},
        change_rows=_change_rows(report),
        change_notes=[_(m.note) for m in report.measures if m.note],
        measures=_measure_notes(report),
    )


def _measure_notes(report: Report | None = None) -> list[MeasureNote]:
    """The measures, how each is taken, and its sources, linked."""
    return [
        MeasureNote(
            name=measure_name(measure),
            how=_(measure.how),
            note=_(measure.threshold_note),
            sources=[(s.text, s.url) for s in measure.sources],
        )
        for measure in shown_measures(report)
    ]


def _change_row(label: str, change: Change) -> ChangeRow:
    unit = unit_text(change.measure)
    return ChangeRow(
        label=label,
        result=change.verdict(),
        change=True,
        first=number(change.first) + unit,
        latest=number(change.latest) + unit,
        delta=signed(change.delta),
        threshold=threshold_text(change.measure),
        css="pass" if change.important else ("flag" if change.worse_by_threshold else ""),
    )


def _change_rows(report: Report) -> list[ChangeRow]:
    """Each measure's change from the first check-in to the latest, and its activities'."""
    rows = []
    for m in report.measures:
        entries: list[tuple[str, Change | None]] = [(measure_name(m.measure), m.change)]
        entries += [(f"  {a}", c) for a, c in m.activities]
        for label, change in entries:
            if change is None:
                result = (
                    _("not recorded") if not m.scores else _("one check-in; a change needs two")
                )
                rows.append(ChangeRow(label=label, result=result))
            else:
                rows.append(_change_row(label, change))
    return rows
