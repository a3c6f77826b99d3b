"""A printable handout: one self-contained HTML page, for A4 or Letter paper.

No scripts, no fonts or images to fetch: the page prints the same offline. Widths are never
fixed, every long word (an address, say) may break, and tables share the page width, so
nothing runs off either paper size. Each exercise is kept on one page where it fits. All
catalogue and log text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from kneefit.models import Day, Exercise, Routine, Schedule
from kneefit.render.common import (
    NOT_MEDICAL_ADVICE,
    PROGRESS_TITLE,
    PlansOnly,
    RenderOptions,
    day_heading,
    day_items,
    dose_text,
    equipment_request_text,
    equipment_text,
    frequency_text,
    muscles_text,
    progression_lines,
    request_text,
    safety_lines,
    schedule_exercises,
    schedule_text,
)

_STYLE = """
@page { margin: 14mm 12mm; }
* { box-sizing: border-box; }
html { font: 11pt/1.4 "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: #111; }
body { margin: 0 auto; padding: 1em; max-width: 48em; overflow-wrap: anywhere; }
h1 { font-size: 1.6em; margin: 0 0 .3em; }
h2 { font-size: 1.25em; margin: 1.2em 0 .4em; border-bottom: 1px solid #777;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1.05em; margin: .9em 0 .2em; break-after: avoid; page-break-after: avoid; }
p, ul, ol { margin: .3em 0; }
.disclaimer { font-weight: bold; border: 2px solid #111; padding: .4em .6em; }
.warnings li, .red-flags li { font-weight: bold; }
.warnings, .red-flags { border-left: 4px solid #a00; padding-left: 1.6em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .4em 0; }
th, td { border: 1px solid #777; padding: .25em .4em; text-align: left; vertical-align: top; }
th { background: #eee; }
tr { break-inside: avoid; page-break-inside: avoid; }
.grid td { height: 2.2em; }
.exercise { break-inside: avoid; page-break-inside: avoid; margin-bottom: .6em; }
.meta { color: #333; }
.sources li { font-size: .9em; }
@media print {
  body { padding: 0; max-width: none; }
  a { color: inherit; text-decoration: none; }
  th { background: none; }
}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _list(items: Iterable[str], tag: str = "ul", css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    body = "".join(f"<li>{_e(i)}</li>" for i in items)
    return f"<{tag}{attribute}>{body}</{tag}>"


class HtmlRenderer(PlansOnly):
    """Renders the handout."""

    format_name = "html"

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def plan(self, schedule: Schedule) -> str:
        if schedule.one_off:
            return self._session(schedule)
        return self._week(schedule)

    def _session(self, schedule: Schedule) -> str:
        routine = schedule.routine
        parts = self._intro(routine, "kneefit: your knee routine", [request_text(routine)])
        parts.append("<h2>Your session</h2>")
        parts.append(_list(day_items(schedule.days[0]), "ol"))
        parts += self._grid(schedule.days, "Record your pain each day")
        parts += self._how(
            [(i.exercise, dose_text(i.dose)) for s in routine.sections for i in s.items]
        )
        parts += self._tail(routine)
        return _page("kneefit: your knee routine", parts)

    def _week(self, schedule: Schedule) -> str:
        routine = schedule.routine
        title = "kneefit: your week" if schedule.weeks == 1 else "kneefit: your weeks"
        parts = self._intro(routine, title, [request_text(routine), schedule_text(schedule)])
        for week in range(1, schedule.weeks + 1):
            parts.append(f"<h2>Week {week}</h2>")
            if week > 1:
                parts.append(f"<p>{_e(schedule.week_notes[week - 2])}</p>")
            rows = []
            for day in (d for d in schedule.days if d.week == week):
                what = _list(day_items(day)) if not day.rest else "Rest"
                rows.append(f"<tr><th scope='row'>{_e(day_heading(day))}</th><td>{what}</td></tr>")
            parts.append(
                "<table><colgroup><col style='width:30%'><col></colgroup>"
                "<thead><tr><th>Day</th><th>What to do</th></tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>"
            )
        parts += self._grid(schedule.days, "Record your pain each day")
        parts += self._how([(e, "as listed for each day") for e in schedule_exercises(schedule)])
        parts += self._tail(routine)
        return _page(title, parts)

    def _intro(self, routine: Routine, title: str, lines: list[str]) -> list[str]:
        parts = [f"<h1>{_e(title)}</h1>"]
        parts += [f"<p class='meta'>{_e(line)}</p>" for line in lines]
        parts.append(f"<p class='meta'>{_e(equipment_request_text(routine))}</p>")
        parts.append(f"<p class='disclaimer'>{_e(NOT_MEDICAL_ADVICE)}</p>")
        if routine.warnings:
            parts += ["<h2>Before you start</h2>", _list(routine.warnings, css="warnings")]
        if routine.progression is not None:
            parts.append(f"<h2>{_e(PROGRESS_TITLE)}</h2>")
            parts.append(_list(progression_lines(routine.progression)))
        for condition in routine.conditions:
            if condition.notes:
                parts.append(f"<h3>About {_e(condition.name)}</h3>")
                parts.append(_list(condition.notes))
        return parts

    def _grid(self, days: Iterable[Day], title: str) -> list[str]:
        rule_note = (
            "Pain on a 0 to 10 scale. Write it down after each session and again the next "
            "morning, and on rest days too."
        )
        rows = "".join(
            f"<tr><th scope='row'>{_e(d.date.strftime('%a'))} {_e(d.date.isoformat())}</th>"
            f"<td>{d.focus.value}</td><td></td><td></td><td></td><td></td></tr>"
            for d in days
        )
        return [
            f"<h2>{_e(title)}</h2>",
            f"<p>{_e(rule_note)}</p>",
            "<table class='grid'><colgroup><col style='width:20%'><col style='width:13%'>"
            "<col style='width:13%'><col style='width:12%'><col style='width:14%'><col>"
            "</colgroup><thead><tr><th>Day</th><th>Session</th><th>Pain during</th>"
            "<th>Effort</th><th>Next morning</th><th>Notes</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>",
        ]

    def _how(self, exercises: Iterable[tuple[Exercise, str]]) -> list[str]:
        parts = ["<h2>How to do each exercise</h2>"]
        for exercise, dose in exercises:
            body = [
                f"<h3>{_e(exercise.name)}</h3>",
                f"<p><b>Dose:</b> {_e(dose)}; {_e(frequency_text(exercise.dose))}</p>",
                f"<p class='meta'><b>Works:</b> {_e(muscles_text(exercise))}. "
                f"<b>Equipment:</b> {_e(equipment_text(exercise))}.</p>",
                _list(exercise.steps, "ol"),
            ]
            if exercise.cues:
                body += ["<p><b>Form cues:</b></p>", _list(exercise.cues)]
            if exercise.notes:
                body.append(f"<p><b>Note:</b> {_e(exercise.notes)}</p>")
            parts.append(f"<div class='exercise'>{''.join(body)}</div>")
        return parts

    def _tail(self, routine: Routine) -> list[str]:
        parts = ["<h2>Safety</h2>"]
        for title, items in safety_lines(routine.safety):
            css = "red-flags" if "now" in title else ""
            parts += [f"<h3>{_e(title)}</h3>", _list(items, css=css)]
        parts.append("<h2>Sources</h2>")
        parts.append(
            "<ol class='sources'>"
            + "".join(
                f"<li>{_e(s.title)}. {_e(s.publisher)}, {s.year}. "
                + (f"<a href='{_e(s.url)}'>{_e(s.url)}</a>" if s.url else _e(s.note or ""))
                + "</li>"
                for s in routine.sources
            )
            + "</ol>"
        )
        return parts


def _page(title: str, parts: list[str]) -> str:
    body = "\n".join(parts)
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n"
    )
