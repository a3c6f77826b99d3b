"""The progress report's two SVG charts, drawn as text: sessions planned and done by week,
and pain during sessions and the next morning. Numbers, dates and kneefit's own labels
only: nothing from the log is written into them; the labels are escaped all the same.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING

from kneefit.i18n import _, format_date, language

if TYPE_CHECKING:
    from kneefit.report import Report


def _day(day: date) -> str:
    """A week's first day on an axis: '02 Mar', '2 mar' (no text from the log)."""
    if language() == "en":
        return day.strftime("%d %b")
    return format_date(day, "d MMM")


def adherence_svg(report: Report) -> str:
    weeks = report.weeks
    width, height, left, bottom, top = 640, 150, 40, 28, 14
    most = max([report.planned_per_week, *(w.done for w in weeks), *(w.planned for w in weeks), 1])
    slot = (width - left - 10) / max(len(weeks), 1)
    bar = min(40.0, slot * 0.35)

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - value / most)

    parts = [
        f'<svg viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-label="' + escape(_("Sessions planned and done by week")) + '">'
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
            + escape(_("Week {number} ({day})").format(number=w.number, day=_day(w.start)))
            + "</text>"
        )
    parts.append(
        f'<line x1="{left}" x2="{width - 10}" y1="{y(0)}" y2="{y(0)}" stroke="#111"/></svg>'
    )
    return "".join(parts)


def pain_svg(report: Report) -> str:
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
        'aria-label="' + escape(_("Pain during sessions and next morning, 0 to 10")) + '">'
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
            f"{escape(_day(w.start))}</text>"
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
