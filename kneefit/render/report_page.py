"""The progress report's page (``kneefit report -f html``): self-contained, with two SVG
charts (kneefit.render.charts), sessions done against planned week by week and pain during
and next morning by session; it prints on A4 or Letter, and every piece of log text is
escaped. Its CSS is in kneefit.render.styles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kneefit.i18n import _, language
from kneefit.measures import number
from kneefit.render.common import NOT_MEDICAL_ADVICE
from kneefit.render.escaping import html_text as _e
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

if TYPE_CHECKING:
    from kneefit.measures import Change
    from kneefit.report import Report


def _tag(tag: str, text: str, css: str = "") -> str:
    """``text``, escaped, in an element (with a class when ``css``)."""
    attribute = f' class="{css}"' if css else ""
    return f"<{tag}{attribute}>{_e(text)}</{tag}>"


def report_page(report: Report) -> str:
    """The progress report's page: self-contained, with its SVG charts, for screen and paper."""
    from kneefit.render.charts import adherence_svg, pain_svg

    parts = [
        f'<!DOCTYPE html>\n<html lang="{language()}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # All of it in a main landmark, as the handout is: axe-core's "region" rule.
        f"<title>{_e(_(REPORT_TITLE))}</title><style>{REPORT_STYLE}</style></head><body><main>",
        f"<h1>{_e(_(REPORT_TITLE))}</h1>",
        f"<p>{_e(period_line(report))}</p>",
        f'<p class="disclaimer">{_e(_(NOT_MEDICAL_ADVICE))}</p>',
        f'<p class="summary">{_e(adherence_text(report))} {_e(pain_trend_text(report))}</p>',
    ]
    flags = flag_lines(report, report.end)
    if any(f.cleared is None for f in report.red_flags):
        parts.append(_tag("p", _("A red flag is not yet cleared: see the person now."), "flag"))
    parts.append(_tag("h2", _("Sessions done against planned")))
    planned_key = _("Dashed outline: planned; filled: done, with the count.")
    parts.append(
        f"<figure>{adherence_svg(report)}<figcaption>{_e(planned_key)}</figcaption></figure>"
    )
    parts.append(_report_table(heads(WEEK_HEAD), week_rows(report), {0, 2, 3, 4, 5, 6}))
    parts.append(_tag("h2", _("Pain during sessions and next morning")))
    pain_key = _(
        "0 to 10. Solid red line and dots: pain during the session; dashed blue line and "
        "squares: the next morning; ! a red flag. Shaded: above 2 (acceptable, yellow) and "
        "above 5 (too much, red)."
    )
    parts.append(f"<figure>{pain_svg(report)}<figcaption>{_e(pain_key)}</figcaption></figure>")
    parts.append(_tag("h2", _("Red flags")))
    if flags:
        parts.append("<ul>" + "".join(f'<li class="flag">{_e(f)}</li>' for f in flags) + "</ul>")
    else:
        parts.append(_tag("p", _("None logged.")))
    parts.append(_tag("h2", _("Progression")))
    steps = step_lines(report)
    parts.append(
        "<ul>" + "".join(f"<li>{_e(s)}</li>" for s in steps) + "</ul>"
        if steps
        else _tag("p", _("No change of step in this period."))
    )
    parts.append(_tag("h2", _("Check-ins")))
    if report.checkins:
        parts.append(_report_table(heads(CHECKIN_HEAD), checkin_rows(report), {1, 2, 3}))
    else:
        parts.append(_tag("p", _("None recorded.")))
    follow_head, follow_rows = follow_up_table(report)
    if follow_rows:
        parts.append(_tag("h3", _("Follow-up measures")))
        parts.append(_report_table(follow_head, follow_rows, set(range(1, len(follow_head)))))
    parts += [_changes(report), *_measure_sources(report), "</ul></main></body></html>\n"]
    return "\n".join(parts)


def _measure_sources(report: Report | None = None) -> list[str]:
    """The measures, how each is taken, and its sources, linked; the list is left open."""
    parts = [_tag("h2", _("The measures and their sources")) + '<ul class="sources">']
    for measure in shown_measures(report):
        refs = "".join(
            f'<br>{_e(s.text)} <a href="{_e(s.url)}">{_e(s.url)}</a>' for s in measure.sources
        )
        parts.append(
            f"<li><b>{_e(measure_name(measure))}</b>: {_e(_(measure.how))} "
            f"{_e(_(measure.threshold_note))}{refs}</li>"
        )
    return parts


def _report_table(head: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
    def cls(i: int) -> str:
        if i in numeric:
            return ' class="n"'
        return ' class="d"' if i == 0 else ""

    out = ["<table><thead><tr>"]
    out += [f"<th{cls(i)}>{_e(h)}</th>" for i, h in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append(
            "<tr>" + "".join(f"<td{cls(i)}>{_e(c)}</td>" for i, c in enumerate(row)) + "</tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def _change_row(label: str, change: Change) -> str:
    css = (
        ' class="pass"'
        if change.important
        else (' class="flag"' if change.worse_by_threshold else "")
    )
    unit = unit_text(change.measure)
    return (
        f'<tr><td>{_e(label)}</td><td class="n">{_e(number(change.first) + unit)}</td>'
        f'<td class="n">{_e(number(change.latest) + unit)}</td>'
        f'<td class="n">{_e(signed(change.delta))}</td>'
        f"<td>{_e(threshold_text(change.measure))}</td>"
        f"<td{css}>{_e(change.verdict())}</td></tr>"
    )


def _changes(report: Report) -> str:
    """Each measure's change from the first check-in to the latest, against its threshold."""
    head = [_("Measure"), _("First"), _("Latest"), _("Change"), _("Threshold"), _("Result")]
    numeric = {1, 2, 3}
    rows = []
    for m in report.measures:
        entries: list[tuple[str, Change | None]] = [(measure_name(m.measure), m.change)]
        entries += [(f"  {a}", c) for a, c in m.activities]
        for label, change in entries:
            if change is None:
                result = (
                    _("not recorded") if not m.scores else _("one check-in; a change needs two")
                )
                rows.append(
                    f'<tr><td>{_e(label)}</td><td colspan="4"></td><td>{_e(result)}</td></tr>'
                )
            else:
                rows.append(_change_row(label, change))
    notes = "".join(f"<p>{_e(_(m.note))}</p>" for m in report.measures if m.note)
    return (
        _tag("h3", _("Change from the first check-in to the latest"))
        + "<table><thead><tr>"
        + "".join(
            f'<th class="n">{_e(h)}</th>' if i in numeric else f"<th>{_e(h)}</th>"
            for i, h in enumerate(head)
        )
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
        + notes
    )
