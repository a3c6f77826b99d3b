"""The progress report in each format: text, markdown, json, csv and a printable html page.

The html page is self-contained (no scripts, nothing to fetch) with two SVG charts,
sessions done against planned week by week and pain during and next morning by session,
and prints on A4 or Letter. All log text is escaped.
"""

from __future__ import annotations

import html
import json
import textwrap
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from kneefit.log import CheckIn
from kneefit.measures import MEASURES, Change, Measure, number
from kneefit.render.common import NOT_MEDICAL_ADVICE, CsvValue, md, md_cell, plain, write_csv
from kneefit.render.wording import reason_or_blank
from kneefit.report import FLAG_WINDOW_DAYS, MeasureSummary, Report

TITLE = "kneefit: progress report"
WIDTH = 78


def period_text(report: Report) -> str:
    days = (report.end - report.start).days + 1
    length = "1 day" if days == 1 else f"{days} days"
    per = "1 session" if report.planned_per_week == 1 else f"{report.planned_per_week} sessions"
    return (
        f"{report.start.isoformat()} to {report.end.isoformat()} ({length}); {per} a week planned."
    )


def who_text(report: Report) -> str:
    return f"For {report.person}. " if report.person else ""


def adherence_text(report: Report) -> str:
    share = report.adherence
    percent = f" ({share:.0%})" if share is not None else ""
    return f"{report.done} of {report.planned} planned sessions done{percent}."


def _score(value: float | None) -> str:
    return "-" if value is None else number(value)


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + number(value)


def change_text(change: Change) -> str:
    unit = change.measure.unit
    return (
        f"{number(change.first)}{unit} -> {number(change.latest)}{unit} "
        f"(change {_signed(change.delta)}): {change.verdict()}"
    )


def threshold_text(measure: Measure) -> str:
    kind = measure.threshold_kind
    unit = " points" if measure.unit == "/10" else measure.unit
    size = f"{number(measure.threshold)}{unit}"
    if measure.threshold_fraction is not None:
        size += f" and {measure.threshold_fraction:.0%}"
    way = "higher" if measure.higher_is_better else "lower"
    return f"{kind} {size}; {way} is better"


def pain_trend_text(report: Report) -> str:
    rows = [w for w in report.weeks if w.mean_pain is not None]
    if not rows:
        return "No sessions logged in this period."
    first, last = rows[0], rows[-1]
    text = f"Mean pain during sessions: {_score(first.mean_pain)}/10 in week {first.number}"
    if last is not first:
        text += f", {_score(last.mean_pain)}/10 in week {last.number}"
    mornings = [w for w in report.weeks if w.mean_next_morning is not None]
    if mornings:
        text += (
            f"; next morning {_score(mornings[0].mean_next_morning)}/10 in week "
            f"{mornings[0].number}"
        )
        if mornings[-1] is not mornings[0]:
            text += f", {_score(mornings[-1].mean_next_morning)}/10 in week {mornings[-1].number}"
    return text + "."


def flag_lines(report: Report, today: date) -> list[str]:
    lines = []
    for flag in report.red_flags:
        if flag.cleared is not None and flag.cleared_by:
            state = f"cleared {flag.cleared.isoformat()} by a clinician: {flag.cleared_by}"
        elif flag.cleared is not None:
            state = f"cleared {flag.cleared.isoformat()} (14 days with no new flag)"
        elif report.clinician_clears:
            state = "NOT CLEARED: no clinician's clearance is logged; see the person now"
        else:
            until = (flag.date + timedelta(days=FLAG_WINDOW_DAYS + 1)).isoformat()
            state = f"NOT CLEARED: progression is paused until at least {until}; see the person now"
        lines.append(f"{flag.date.isoformat()}: {flag.text}; {state}")
    return lines


def step_lines(report: Report) -> list[str]:
    lines = []
    for step in report.steps:
        way = "up" if step.after > step.before else "down"
        line = f"{step.date.isoformat()}: step {way}, {step.before} -> {step.after}"
        lines.append(line + (f": {reason_or_blank(step.reason)}" if step.reason else ""))
    return lines


def measure_lines(summary: MeasureSummary) -> list[str]:
    name = summary.measure.name
    if not summary.scores:
        return [f"{name}: not recorded."]
    if summary.change is None:
        only = summary.scores[0]
        return [
            f"{name}: {number(only.value)}{summary.measure.unit} on {only.date.isoformat()} "
            "(one check-in; a change needs two)."
        ]
    lines = [f"{name}: {change_text(summary.change)}."]
    lines += [f"  {activity}: {change_text(c)}." for activity, c in summary.activities]
    if summary.note:
        lines.append(f"  {summary.note}")
    return lines


def checkin_rows(report: Report) -> list[list[str]]:
    rows = []
    for c in report.checkins:
        scores = [s for _, s in c.activities]
        psfs = number(sum(scores) / len(scores)) if scores else "-"
        rows.append(
            [
                c.date.isoformat(),
                _score(c.week_pain),
                psfs,
                _score(c.chair_stands),
                "; ".join(f"{a} {s}" for a, s in c.activities) or "-",
            ]
        )
    return rows


CHECKIN_HEAD = [
    "Date",
    "Week's pain (NPRS)",
    "PSFS average",
    "Chair stands (30 s)",
    "PSFS activities",
]
WEEK_HEAD = ["Week", "Dates", "Planned", "Done", "Mean pain during", "Mean next morning"]


def week_rows(report: Report) -> list[list[str]]:
    return [
        [
            str(w.number),
            f"{w.start.isoformat()} to {w.end.isoformat()}"
            + (" (so far)" if w.end > report.end else ""),
            str(w.planned),
            str(w.done),
            _score(w.mean_pain),
            _score(w.mean_next_morning),
        ]
        for w in report.weeks
    ]


def source_lines() -> list[str]:
    lines = []
    for measure in MEASURES:
        lines.append(f"{measure.name}: {measure.how} {measure.threshold_note}")
        lines += [f"  {s.text} {s.url}" for s in measure.sources]
    return lines


class ReportText:
    """Plain text at 78 columns, for a file, a printer or a pipe."""

    def _wrap(self, text: str, indent: str = "", hanging: str | None = None) -> list[str]:
        return textwrap.wrap(
            text,
            WIDTH,
            initial_indent=indent,
            subsequent_indent=indent + "  " if hanging is None else hanging,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [indent.rstrip()]

    def _table(self, head: list[str], rows: list[list[str]]) -> list[str]:
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        out = []
        for row in [head, *rows]:
            cells = [c.ljust(w) for c, w in zip(row, widths, strict=True)]
            out.append(("  " + "  ".join(cells)).rstrip())
        return out

    def render(self, report: Report) -> str:
        first = who_text(report) + "Period: " + period_text(report)
        lines = [TITLE, "=" * len(TITLE), *self._wrap(first, hanging="")]
        lines += ["", *self._wrap(NOT_MEDICAL_ADVICE, hanging="")]
        lines += ["", "Sessions done against planned", *self._table(WEEK_HEAD, week_rows(report))]
        lines += self._wrap(adherence_text(report), "  ")
        lines += ["", "Pain during sessions and next morning (0 to 10)"]
        lines += self._wrap(pain_trend_text(report), "  ")
        for point in report.pain:
            morning = "-" if point.next_morning is None else str(point.next_morning)
            bar = "#" * point.pain + "." * (10 - point.pain)
            flag = "  RED FLAG" if point.red_flag else ""
            lines.append(
                f"  {point.date.isoformat()}  {bar} {point.pain:>2}   next morning {morning}{flag}"
            )
        lines += ["", "Red flags"]
        flags = flag_lines(report, report.end)
        lines += [x for f in flags for x in self._wrap(f, "  ! ", "    ")] or ["  None logged."]
        lines += ["", "Progression"]
        steps = step_lines(report)
        lines += [x for s in steps for x in self._wrap(s, "  - ", "    ")] or [
            "  No change of step in this period."
        ]
        lines += ["", "Check-ins"]
        if report.checkins:
            lines += self._table(CHECKIN_HEAD[:4], [r[:4] for r in checkin_rows(report)])
        else:
            lines.append("  None recorded ('kneefit checkin').")
        for summary in report.measures:
            for line in measure_lines(summary):
                indent = "  - " if not line.startswith("  ") else "      "
                lines += self._wrap(line.strip(), indent, indent.replace("-", " ") + "  ")
        lines += ["", "The measures and their sources"]
        for line in source_lines():
            if line.startswith("  "):
                lines += self._wrap(line.strip(), "    ", "      ")
            else:
                lines += self._wrap(line, "  - ", "    ")
        return plain("\n".join(lines) + "\n")


class ReportMarkdown:
    """CommonMark, for notes and messages."""

    def _table(self, head: list[str], rows: list[list[str]]) -> list[str]:
        lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
        return lines

    def render(self, report: Report) -> str:
        lines = [f"# {md(TITLE)}", "", md(who_text(report) + "Period: " + period_text(report))]
        lines += ["", f"*{NOT_MEDICAL_ADVICE}*"]
        lines += ["", "## Sessions done against planned", ""]
        lines += self._table(WEEK_HEAD, week_rows(report))
        lines += ["", md(adherence_text(report)), "", "## Pain during sessions and next morning"]
        lines += ["", md(pain_trend_text(report)), ""]
        if report.pain:
            lines += self._table(
                ["Date", "Pain during", "Next morning", "Red flag"],
                [
                    [
                        p.date.isoformat(),
                        str(p.pain),
                        "-" if p.next_morning is None else str(p.next_morning),
                        "yes" if p.red_flag else "",
                    ]
                    for p in report.pain
                ],
            )
        lines += ["", "## Red flags", ""]
        lines += [f"- **{md(f)}**" for f in flag_lines(report, report.end)] or ["None logged."]
        lines += ["", "## Progression", ""]
        lines += [f"- {md(s)}" for s in step_lines(report)] or ["No change of step in this period."]
        lines += ["", "## Check-ins", ""]
        if report.checkins:
            lines += self._table(CHECKIN_HEAD, checkin_rows(report))
            lines.append("")
        else:
            lines += ["None recorded.", ""]
        for summary in report.measures:
            for line in measure_lines(summary):
                lines.append(("  - " if line.startswith("  ") else "- ") + md(line.strip()))
        lines += ["", "## The measures and their sources", ""]
        for line in source_lines():
            lines.append(("  - " if line.startswith("  ") else "- ") + md(line.strip()))
        return "\n".join(lines) + "\n"


def _change_data(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "first": change.first,
        "latest": change.latest,
        "change": change.delta,
        "improved": change.better,
        "passes_threshold": change.important,
        "verdict": change.verdict(),
    }


def report_data(report: Report) -> dict[str, Any]:
    """The report as JSON data."""
    return {
        "person": report.person,
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "planned_per_week": report.planned_per_week,
        "planned": report.planned,
        "done": report.done,
        "adherence": None if report.adherence is None else round(report.adherence, 3),
        "weeks": [
            {
                "week": w.number,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "planned": w.planned,
                "done": w.done,
                "mean_pain": w.mean_pain,
                "mean_next_morning_pain": w.mean_next_morning,
            }
            for w in report.weeks
        ],
        "pain": [
            {
                "date": p.date.isoformat(),
                "pain": p.pain,
                "next_morning_pain": p.next_morning,
                "red_flag": p.red_flag,
            }
            for p in report.pain
        ],
        "red_flags": [
            {
                "date": f.date.isoformat(),
                "text": f.text,
                "cleared": f.cleared.isoformat() if f.cleared else None,
                "cleared_by": f.cleared_by or None,
            }
            for f in report.red_flags
        ],
        "progression": [
            {
                "date": s.date.isoformat(),
                "from": s.before,
                "to": s.after,
                "reason": reason_or_blank(s.reason),
            }
            for s in report.steps
        ],
        "checkins": [
            {
                "date": c.date.isoformat(),
                "week_pain": c.week_pain,
                "activities": [{"activity": a, "score": n} for a, n in c.activities],
                "chair_stands": c.chair_stands,
            }
            for c in report.checkins
        ],
        "measures": [
            {
                "id": m.measure.id,
                "name": m.measure.name,
                "threshold": m.measure.threshold,
                "threshold_fraction": m.measure.threshold_fraction,
                "threshold_kind": m.measure.threshold_kind,
                "higher_is_better": m.measure.higher_is_better,
                "scores": [{"date": s.date.isoformat(), "value": s.value} for s in m.scores],
                "change": _change_data(m.change),
                "activities": [{"activity": a, "change": _change_data(c)} for a, c in m.activities],
                "note": m.note,
                "sources": [{"text": s.text, "url": s.url} for s in m.measure.sources],
            }
            for m in report.measures
        ],
        "disclaimer": NOT_MEDICAL_ADVICE,
    }


class ReportJson:
    def render(self, report: Report) -> str:
        return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = (
    "section",
    "week",
    "date",
    "end_date",
    "planned",
    "done",
    "pain",
    "next_morning_pain",
    "measure",
    "score",
    "change",
    "passes_threshold",
    "detail",
)


def _num(value: float | None) -> int | float | None:
    """A score as a CSV number: whole numbers without a point, others to two places."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(f"{value:.2f}")


class ReportCsv:
    """One table for a spreadsheet: a row per week, session, flag, step and score."""

    def render(self, report: Report) -> str:
        rows: list[list[CsvValue]] = []

        def row(section: str, **cells: CsvValue) -> None:
            rows.append([section, *(cells.get(c, "") for c in CSV_COLUMNS[1:])])

        for w in report.weeks:
            row(
                "week",
                week=w.number,
                date=w.start.isoformat(),
                end_date=w.end.isoformat(),
                planned=w.planned,
                done=w.done,
                pain=_num(w.mean_pain),
                next_morning_pain=_num(w.mean_next_morning),
            )
        for p in report.pain:
            row(
                "session",
                date=p.date.isoformat(),
                pain=p.pain,
                next_morning_pain=p.next_morning,
                detail="red flag" if p.red_flag else "",
            )
        for f in report.red_flags:
            row(
                "red_flag",
                date=f.date.isoformat(),
                end_date=f.cleared.isoformat() if f.cleared else "",
                detail=f.text,
            )
        for s in report.steps:
            row(
                "progression",
                date=s.date.isoformat(),
                score=s.after,
                change=s.after - s.before,
                detail=reason_or_blank(s.reason),
            )
        for m in report.measures:
            for score in m.scores:
                row(
                    "checkin",
                    date=score.date.isoformat(),
                    measure=m.measure.id,
                    score=_num(score.value),
                )
            if m.change is not None:
                row(
                    "change",
                    date=m.scores[0].date.isoformat(),
                    end_date=m.scores[-1].date.isoformat(),
                    measure=m.measure.id,
                    score=_num(m.change.latest),
                    change=_num(m.change.delta),
                    passes_threshold=m.change.important,
                    detail=threshold_text(m.measure),
                )
        return write_csv(CSV_COLUMNS, rows, line_end="\r\n")


# ---------------------------------------------------------------------- html


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


_STYLE = """
@page { margin: 14mm 12mm; }
* { box-sizing: border-box; }
html { font: 10.5pt/1.4 "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: #111; }
body { margin: 0 auto; padding: 1em; max-width: 50em; overflow-wrap: anywhere; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
h3 { font-size: 1em; margin: .6em 0 .2em; break-after: avoid; }
h2 { font-size: 1.15em; margin: 1em 0 .3em; border-bottom: 1px solid #777;
     break-after: avoid; page-break-after: avoid; }
p, ul { margin: .3em 0; }
.disclaimer { font-size: .9em; border: 1px solid #111; padding: .3em .5em; }
.summary { font-size: 1.1em; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; }
th, td { border: 1px solid #999; padding: .2em .4em; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; }
td.d { white-space: nowrap; }
th { background: #eee; }
tr, figure, svg { break-inside: avoid; page-break-inside: avoid; }
figure { margin: .4em 0; }
figcaption { font-size: .9em; color: #333; }
svg { width: 100%; height: auto; max-height: 48mm; }
.flag { color: #a00; font-weight: bold; }
.pass { color: #060; font-weight: bold; }
.sources li { font-size: .85em; }
@media print { body { padding: 0; max-width: none; } th { background: none; }
  a { color: inherit; text-decoration: none; } }
"""


def _adherence_svg(report: Report) -> str:
    weeks = report.weeks
    width, height, left, bottom, top = 640, 150, 40, 28, 14
    most = max([report.planned_per_week, *(w.done for w in weeks), *(w.planned for w in weeks), 1])
    slot = (width - left - 10) / max(len(weeks), 1)
    bar = min(40.0, slot * 0.35)

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - value / most)

    parts = [
        f'<svg viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-label="Sessions planned and done by week">'
    ]
    for tick in range(most + 1):
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="11" '
            f'text-anchor="end">{tick}</text>'
        )
    for n, w in enumerate(weeks):
        x = left + slot * n + slot / 2
        parts.append(
            f'<rect x="{x - bar - 2:.1f}" y="{y(w.planned):.1f}" width="{bar:.1f}" '
            f'height="{y(0) - y(w.planned):.1f}" fill="#fff" stroke="#555" '
            'stroke-dasharray="4 2"/>'
            f'<rect x="{x + 2:.1f}" y="{y(w.done):.1f}" width="{bar:.1f}" '
            f'height="{y(0) - y(w.done):.1f}" fill="#2a6f97"/>'
            f'<text x="{x + 2 + bar / 2:.1f}" y="{y(w.done) - 3:.1f}" font-size="11" '
            f'text-anchor="middle">{w.done}</text>'
            f'<text x="{x:.1f}" y="{height - 10}" font-size="11" text-anchor="middle">'
            f"Week {w.number} ({w.start.strftime('%d %b')})</text>"
        )
    parts.append(
        f'<line x1="{left}" x2="{width - 10}" y1="{y(0)}" y2="{y(0)}" stroke="#111"/></svg>'
    )
    return "".join(parts)


def _pain_svg(report: Report) -> str:
    points = report.pain
    width, height, left, bottom, top, right = 640, 190, 40, 30, 12, 30
    first = report.start
    span = max((report.end - first).days, 1)

    def x(day: date) -> float:
        return left + (width - left - right) * (day - first).days / span

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - value / 10)

    parts = [
        f'<svg viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-label="Pain during sessions and next morning, 0 to 10">'
    ]
    parts.append(
        f'<rect x="{left}" y="{y(10):.1f}" width="{width - left - right}" '
        f'height="{y(5) - y(10):.1f}" fill="#fbe9e7"/>'
        f'<rect x="{left}" y="{y(5):.1f}" width="{width - left - right}" '
        f'height="{y(2) - y(5):.1f}" fill="#fff8e1"/>'
    )
    for tick in range(0, 11, 2):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="11" '
            f'text-anchor="end">{tick}</text>'
        )
    for w in report.weeks:
        parts.append(
            f'<line x1="{x(w.start):.1f}" x2="{x(w.start):.1f}" y1="{y(0):.1f}" '
            f'y2="{y(0) + 5:.1f}" stroke="#111"/>'
            f'<text x="{x(w.start):.1f}" y="{height - 12}" font-size="11" text-anchor="middle">'
            f"{w.start.strftime('%d %b')}</text>"
        )
    during = " ".join(f"{x(p.date):.1f},{y(p.pain):.1f}" for p in points)
    mornings = [p for p in points if p.next_morning is not None]
    morning = " ".join(f"{x(p.date):.1f},{y(p.next_morning or 0):.1f}" for p in mornings)
    if len(points) > 1:
        parts.append(f'<polyline points="{during}" fill="none" stroke="#b23a48" stroke-width="2"/>')
    if len(mornings) > 1:
        parts.append(
            f'<polyline points="{morning}" fill="none" stroke="#2a6f97" stroke-width="2" '
            'stroke-dasharray="6 3"/>'
        )
    for p in points:
        parts.append(f'<circle cx="{x(p.date):.1f}" cy="{y(p.pain):.1f}" r="3.5" fill="#b23a48"/>')
        if p.red_flag:
            parts.append(
                f'<text x="{x(p.date):.1f}" y="{y(p.pain) - 8:.1f}" font-size="18" '
                'fill="#a00" text-anchor="middle" font-weight="bold">!</text>'
            )
    for p in mornings:
        parts.append(
            f'<rect x="{x(p.date) - 3:.1f}" y="{y(p.next_morning or 0) - 3:.1f}" width="6" '
            'height="6" fill="#2a6f97"/>'
        )
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{y(0)}" y2="{y(0)}" stroke="#111"/></svg>'
    )
    return "".join(parts)


def _html_table(head: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
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


class ReportHtml:
    """A self-contained page with SVG charts, for screen and paper."""

    def render(self, report: Report) -> str:
        parts = [
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(TITLE)}</title><style>{_STYLE}</style></head><body>",
            f"<h1>{_e(TITLE)}</h1>",
            f"<p>{_e(who_text(report))}Period: {_e(period_text(report))}</p>",
            f'<p class="disclaimer">{_e(NOT_MEDICAL_ADVICE)}</p>',
            f'<p class="summary">{_e(adherence_text(report))} {_e(pain_trend_text(report))}</p>',
        ]
        flags = flag_lines(report, report.end)
        if any(f.cleared is None for f in report.red_flags):
            parts.append('<p class="flag">A red flag is not yet cleared: see the person now.</p>')
        parts.append("<h2>Sessions done against planned</h2>")
        parts.append(
            "<figure>" + _adherence_svg(report) + "<figcaption>Dashed outline: planned; "
            "filled: done, with the count.</figcaption></figure>"
        )
        parts.append(_html_table(WEEK_HEAD, week_rows(report), {0, 2, 3, 4, 5}))
        parts.append("<h2>Pain during sessions and next morning</h2>")
        parts.append(
            "<figure>" + _pain_svg(report) + "<figcaption>0 to 10. Solid red line and dots: "
            "pain during the session; dashed blue line and squares: the next morning; ! a "
            "red flag. Shaded: above 2 (acceptable, yellow) and above 5 (too much, red)."
            "</figcaption></figure>"
        )
        parts.append("<h2>Red flags</h2>")
        if flags:
            parts.append(
                "<ul>" + "".join(f'<li class="flag">{_e(f)}</li>' for f in flags) + "</ul>"
            )
        else:
            parts.append("<p>None logged.</p>")
        parts.append("<h2>Progression</h2>")
        steps = step_lines(report)
        parts.append(
            "<ul>" + "".join(f"<li>{_e(s)}</li>" for s in steps) + "</ul>"
            if steps
            else "<p>No change of step in this period.</p>"
        )
        parts.append("<h2>Check-ins</h2>")
        if report.checkins:
            parts.append(_html_table(CHECKIN_HEAD, checkin_rows(report), {1, 2, 3}))
        else:
            parts.append("<p>None recorded.</p>")
        parts.append(self._changes(report))
        parts.append('<h2>The measures and their sources</h2><ul class="sources">')
        for measure in MEASURES:
            refs = "".join(
                f'<br>{_e(s.text)} <a href="{_e(s.url)}">{_e(s.url)}</a>' for s in measure.sources
            )
            parts.append(
                f"<li><b>{_e(measure.name)}</b>: {_e(measure.how)} "
                f"{_e(measure.threshold_note)}{refs}</li>"
            )
        parts.append("</ul></body></html>\n")
        return "\n".join(parts)

    def _changes(self, report: Report) -> str:
        head = ["Measure", "First", "Latest", "Change", "Threshold", "Result"]
        numeric = {1, 2, 3}
        rows = []
        for m in report.measures:
            unit = m.measure.unit
            entries: list[tuple[str, Change | None]] = [(m.measure.name, m.change)]
            entries += [(f"  {a}", c) for a, c in m.activities]
            for label, change in entries:
                if change is None:
                    result = "not recorded" if not m.scores else "one check-in; a change needs two"
                    rows.append(
                        f'<tr><td>{_e(label)}</td><td colspan="4"></td><td>{_e(result)}</td></tr>'
                    )
                    continue
                css = (
                    ' class="pass"'
                    if change.important
                    else (' class="flag"' if change.worse_by_threshold else "")
                )
                rows.append(
                    f'<tr><td>{_e(label)}</td><td class="n">{_e(number(change.first) + unit)}</td>'
                    f'<td class="n">{_e(number(change.latest) + unit)}</td>'
                    f'<td class="n">{_e(_signed(change.delta))}</td>'
                    f"<td>{_e(threshold_text(change.measure))}</td>"
                    f"<td{css}>{_e(change.verdict())}</td></tr>"
                )
        notes = "".join(f"<p>{_e(m.note)}</p>" for m in report.measures if m.note)
        return (
            "<h3>Change from the first check-in to the latest</h3><table><thead><tr>"
            + "".join(
                f'<th class="n">{_e(h)}</th>' if i in numeric else f"<th>{_e(h)}</th>"
                for i, h in enumerate(head)
            )
            + "</tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
            + notes
        )


def render_report(report: Report, fmt: str) -> str:
    """The report in format ``fmt`` (table is text: the report is for paper and files)."""
    renderers: dict[str, ReportText | ReportMarkdown | ReportJson | ReportCsv | ReportHtml] = {
        "table": ReportText(),
        "text": ReportText(),
        "markdown": ReportMarkdown(),
        "json": ReportJson(),
        "csv": ReportCsv(),
        "html": ReportHtml(),
    }
    if fmt not in renderers:
        from kneefit.errors import UsageError

        raise UsageError(
            f"the {fmt} format is not for reports: use text, markdown, json, csv or html"
        )
    return renderers[fmt].render(report)


def checkin_history(checkins: Sequence[CheckIn], fmt: str) -> str:
    """The check-ins as 'kneefit history' shows them, in format ``fmt``."""
    from kneefit.log import checkin_dict
    from kneefit.measures import MAX_PSFS_ACTIVITIES, psfs_score

    def psfs(c: CheckIn) -> float | None:
        return psfs_score(tuple(s for _, s in c.activities))

    cells = [
        [
            c.date.isoformat(),
            _score(c.week_pain),
            _score(psfs(c)),
            _score(c.chair_stands),
            "; ".join(f"{a} {s}" for a, s in c.activities) or "-",
        ]
        for c in checkins
    ]
    if fmt in ("table", "text"):
        if not checkins:
            return "\nNo check-ins recorded ('kneefit checkin').\n"
        lines = ["", "Check-ins:"]
        for c in checkins:
            parts = []
            if c.week_pain is not None:
                parts.append(f"pain over the last week {c.week_pain}/10")
            score = psfs(c)
            if score is not None:
                each = ", ".join(f"{a} {s}" for a, s in c.activities)
                parts.append(f"PSFS {number(score)} ({each})")
            if c.chair_stands is not None:
                parts.append(f"{c.chair_stands} chair stands")
            lines += ReportText()._wrap(
                f"{c.date.isoformat()}  " + "; ".join(parts), "  ", " " * 14
            )
        return plain("\n".join(lines) + "\n")
    if fmt == "markdown":
        if not checkins:
            return "\nNo check-ins recorded.\n"
        return "\n## Check-ins\n\n" + "\n".join(ReportMarkdown()._table(CHECKIN_HEAD, cells)) + "\n"
    if fmt == "json":
        return json.dumps([checkin_dict(c) for c in checkins], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        head = ["date", "week_pain", "psfs_average", "chair_stands"]
        for n in range(1, MAX_PSFS_ACTIVITIES + 1):
            head += [f"activity_{n}", f"score_{n}"]
        rows: list[list[CsvValue]] = []
        for c in checkins:
            row: list[CsvValue] = [
                c.date.isoformat(),
                _num(c.week_pain),
                _num(psfs(c)),
                _num(c.chair_stands),
            ]
            for activity, score in c.activities:
                row += [activity, score]
            rows.append(row + [""] * (len(head) - len(row)))
        return write_csv(head, rows, line_end="\r\n")
    from kneefit.errors import UsageError

    raise UsageError(f"the {fmt} format is for plans: use it with 'kneefit plan'")
