"""Markdown: for notes, wikis and messages to a trainer or physiotherapist.

CommonMark, with GitHub's pipe tables (GFM) for the tables of sessions, exercises,
check-ins and the report's weeks. Each table row ends in a hard line break (two spaces), so
a renderer without tables still shows a row a line rather than running them into one
paragraph. Headings are headings (no bold line stands for one) and sources are links.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from kneefit.catalogue import Catalogue
from kneefit.exclusion_words import why_not_texts
from kneefit.i18n import _
from kneefit.models import Condition, Exercise, Routine, Schedule, Session, Source
from kneefit.render.common import (
    NOT_MEDICAL_ADVICE,
    PROGRAM_TITLE,
    PROGRESS_TITLE,
    RenderOptions,
    SessionOrWeek,
    condition_rule_groups,
    day_heading,
    day_items,
    dose_line,
    equipment_request_text,
    equipment_text,
    frequency_text,
    muscles_text,
    plan_warnings,
    program_lines,
    program_text,
    progression_lines,
    request_text,
    safety_lines,
    schedule_exercises,
    schedule_text,
    week_note,
    year_text,
)
from kneefit.render.documents import Refusing
from kneefit.render.escaping import md, md_cell, md_link
from kneefit.render.report_lines import (
    CHECKIN_HEAD,
    REPORT_TITLE,
    WEEK_HEAD,
    adherence_text,
    checkin_rows,
    flag_lines,
    follow_up_table,
    heads,
    measure_lines,
    pain_trend_text,
    period_line,
    shown_measures,
    source_lines,
    step_lines,
    week_rows,
)
from kneefit.render.session_words import HISTORY_TITLE, session_cells
from kneefit.render.swap_words import variant_names
from kneefit.value_words import value_word
from kneefit.vocabulary import Format

if TYPE_CHECKING:
    from kneefit.log import CheckIn
    from kneefit.report import Report
    from kneefit.review import WeekReview


def _source(source: Source) -> str:
    """A source, its title a link to it (``[Title.](<https://...>)``) where it has an
    address; without one, its note says where to find it."""
    title = source.title if source.title.endswith((".", "?", "!")) else source.title + "."
    said = f"{md(source.publisher)}, {year_text(source)}."
    if source.url:
        return f"[{md_cell(title)}]({md_link(source.url)}) {said}"
    return f"{md(title)} {said} {md(source.note or '')}".rstrip()


#: A web address in running text (the report's sources): it ends before a space, and
#: before a closing mark of the sentence.
_URL = re.compile(r"https?://[^\s<>]+?(?=[.,;:]?(?:\s|$))")


def _linked(text: str) -> str:
    """md(text), each web address in it an autolink rather than escaped bare text. For
    kneefit's own words (the measures' sources), not for data."""
    urls: list[str] = []

    def mark(found: re.Match[str]) -> str:
        # Letters and digits alone, which md() leaves as they are, stand for the address.
        urls.append(found[0])
        return f"KNEEFITLINK{len(urls) - 1}X"

    escaped = md(_URL.sub(mark, text))
    for n, url in enumerate(urls):
        escaped = escaped.replace(f"KNEEFITLINK{n}X", md_link(url), 1)
    return escaped


#: The end of a table row: a hard line break where a renderer has no tables.
_ROW_END = " |  "


def table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A pipe table: the headings as they are, every cell escaped, each row a line even in
    a renderer without tables."""
    lines = ["| " + " | ".join(head) + _ROW_END, "|" + " --- |" * len(head) + "  "]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + _ROW_END for row in rows]
    return lines


def _bullet(line: str, words: Callable[[str], str] = md) -> str:
    """A line of the report's lists: two spaces in (a detail) makes a nested item."""
    return ("  - " if line.startswith("  ") else "- ") + words(line.strip())


class MarkdownRenderer(SessionOrWeek, Refusing):
    """Renders CommonMark."""

    fmt = Format.MARKDOWN

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def _body(self, exercise: Exercise, dose: str, catalogue: Catalogue | None) -> list[str]:
        lines = [
            "- **" + _("Dose") + f":** {md(dose)}",
            "- **" + _("Works") + f":** {md(muscles_text(exercise))}",
            "- **" + _("Equipment") + f":** {md(equipment_text(exercise))}",
        ]
        if exercise.notes:
            lines.append("- **" + _("Note") + f":** {md(exercise.notes)}")
        if catalogue is not None:
            easier, harder = variant_names(exercise, catalogue)
            if easier:
                lines.append("- **" + _("Easier") + f":** {md(easier)}")
            if harder:
                lines.append("- **" + _("Harder") + f":** {md(harder)}")
        lines += ["", _("How to do it") + ":", ""]
        lines += [f"{n}. {md(step)}" for n, step in enumerate(exercise.steps, 1)]
        if exercise.cues:
            lines += ["", _("Form cues") + ":", ""]
            lines += [f"- {md(cue)}" for cue in exercise.cues]
        return lines

    def _intro(self, routine: Routine, title: str, plan_line: str) -> list[str]:
        lines = [f"# {md(title)}", ""]
        lines += [md(plan_line) + "  ", md(equipment_request_text(routine)), ""]
        lines += [f"> {md(_(NOT_MEDICAL_ADVICE))}"]
        warnings = plan_warnings(routine)
        if warnings:
            lines += ["", "## " + _("Before you start"), ""]
            lines += [f"- **{md(w)}**" for w in warnings]
        if routine.program is not None:
            lines += ["", f"## {_(PROGRAM_TITLE)}", ""]
            lines += [f"- {md(line)}" for line in program_lines(routine.program)]
        if routine.progression is not None:
            lines += ["", f"## {_(PROGRESS_TITLE)}", ""]
            lines += [f"- {md(line)}" for line in progression_lines(routine.progression)]
        for condition in routine.conditions:
            if condition.notes:
                lines += ["", "### " + _("About {name}").format(name=md(condition.name)), ""]
                lines += [f"- {md(n)}" for n in condition.notes]
        return lines

    def _tail(self, routine: Routine) -> list[str]:
        lines = ["", "## " + _("Safety")]
        for title, items in safety_lines(routine.safety, routine.conditions):
            lines += ["", f"### {md(title)}", ""]
            lines += [f"- {md(i)}" for i in items]
        return lines

    def _sources_list(self, routine: Routine) -> list[str]:
        lines = ["", "## " + _("Sources"), ""]
        lines += [f"{n}. {_source(s)}" for n, s in enumerate(routine.sources, 1)]
        return lines

    def _week(self, schedule: Schedule) -> str:
        routine = schedule.routine
        lines = self._intro(routine, _("kneefit: your week"), request_text(routine))
        lines += ["", md(schedule_text(schedule))]
        for week in range(1, schedule.weeks + 1):
            lines += ["", "## " + _("Week {week}").format(week=week)]
            note = week_note(schedule, week)
            if note:
                lines += ["", md(note)]
            for day in (d for d in schedule.days if d.week == week):
                lines += ["", f"### {md(day_heading(day))}"]
                if not day.rest:
                    lines += [""] + [f"- {md(item)}" for item in day_items(day)]
        lines += ["", "## " + _("How to do each exercise")]
        for exercise in schedule_exercises(schedule):
            lines += ["", f"### {md(exercise.name)}", ""]
            dose = _("as listed for each day; {often}").format(often=frequency_text(exercise.dose))
            lines += self._body(exercise, dose, None)
        lines += self._tail(routine)
        lines += self._sources_list(routine)
        return "\n".join(lines) + "\n"

    def _session(self, routine: Routine) -> str:
        lines = self._intro(routine, _("kneefit: your knee routine"), request_text(routine))
        for section in routine.sections:
            if not section.items:
                continue
            minutes = sum(i.minutes for i in section.items)
            about = _("{section} (about {minutes} min{often})").format(
                section=md(_(section.title)), minutes=f"{minutes:.0f}", often=""
            )
            lines += ["", f"## {about}"]
            for item in section.items:
                lines += ["", f"### {md(item.exercise.name)}", ""]
                dose = dose_line(item.dose)
                lines += self._body(item.exercise, dose, None)
        lines += self._tail(routine)
        if self.options.explain and routine.excluded:
            lines += ["", "## " + _("Left out for you"), ""]
            lines += [
                f"- **{md(e.name)}**: {md('; '.join(why_not_texts(e.reasons)))}"
                for e in routine.excluded
            ]
        lines += self._sources_list(routine)
        return "\n".join(lines) + "\n"

    def history(self, sessions: Sequence[Session]) -> str:
        lines = [f"# {_(HISTORY_TITLE)}", ""]
        if not sessions:
            return "\n".join([*lines, _("No sessions logged yet.")]) + "\n"
        head = [_("Date"), _("Pain"), _("Effort"), _("Next morning"), _("Exercises"), _("Notes")]
        lines += table(head, [session_cells(session) for session in sessions])
        return "\n".join(lines) + "\n"

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str:
        head = [
            _("Exercise"),
            _("Id"),
            _("Category"),
            _("Level"),
            _("Dose"),
            _("Works"),
            _("Equipment"),
        ]
        rows = [
            [
                e.name,
                e.id,
                value_word(e.category.value),
                value_word(e.level.value),
                dose_line(e.dose),
                muscles_text(e),
                equipment_text(e),
            ]
            for e in exercises
        ]
        return "\n".join(["# " + _("Exercises"), "", *table(head, rows)]) + "\n"

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str:
        lines = [f"# {md(exercise.name)}", ""]
        if exercise.aliases:
            lines.append(_("Also called") + f": {md(', '.join(exercise.aliases))}  ")
        kind = f"{value_word(exercise.category.value)}, {value_word(exercise.level.value)}"
        lines.append(f"{md(kind)}  ")
        if exercise.knee_load:
            load = ", ".join(value_word(t.value) for t in exercise.knee_load)
            lines.append(_("Knee load") + f": {md(load)}")
        lines.append("")
        dose = dose_line(exercise.dose)
        lines += self._body(exercise, dose, catalogue)
        lines += ["", "## " + _("Sources"), ""]
        sources = catalogue.sources_for(exercise.source_ids)
        lines += [f"{n}. {_source(s)}" for n, s in enumerate(sources, 1)]
        lines += ["", f"> {md(_(NOT_MEDICAL_ADVICE))}"]
        return "\n".join(lines) + "\n"

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str:
        lines = ["# " + _("Conditions"), ""]
        for condition in conditions:
            lines += [f"## {md(condition.name)}", ""]
            if condition.aliases:
                lines.append(_("Also called") + f": {md(', '.join(condition.aliases))}  ")
            first = _("yes") if condition.see_clinician_first else _("not required, but wise")
            lines += [_("See a clinician before starting") + f": **{first}**", ""]
            for heading, rules in condition_rule_groups(condition):
                lines += [f"{heading}:", ""]
                lines += [f"- {md(r)}" for r in rules]
                lines.append("")
            program = program_text(condition, catalogue)
            if program:
                lines += [_("Program") + f": {md(program)}", ""]
            if condition.notes:
                lines += [_("Notes:"), ""]
                lines += [f"- {md(n)}" for n in condition.notes]
                lines.append("")
            lines += [_("Sources") + ":", ""]
            lines += [f"- {_source(s)}" for s in catalogue.sources_for(condition.sources)]
            lines.append("")
        lines.append(f"> {md(_(NOT_MEDICAL_ADVICE))}")
        return "\n".join(lines) + "\n"

    def report(self, report: Report) -> str:
        lines = [f"# {md(_(REPORT_TITLE))}", ""]
        lines += [md(period_line(report))]
        lines += ["", f"*{_(NOT_MEDICAL_ADVICE)}*"]
        lines += ["", "## " + _("Sessions done against planned"), ""]
        lines += table(heads(WEEK_HEAD), week_rows(report))
        lines += ["", md(adherence_text(report)), ""]
        lines += ["## " + _("Pain during sessions and next morning")]
        lines += ["", md(pain_trend_text(report)), ""]
        if report.pain:
            lines += table(
                [_("Date"), _("Pain during"), _("Next morning"), _("Red flag")],
                [
                    [
                        p.date.isoformat(),
                        str(p.pain),
                        "-" if p.next_morning is None else str(p.next_morning),
                        _("yes") if p.red_flag else "",
                    ]
                    for p in report.pain
                ],
            )
        lines += ["", "## " + _("Red flags"), ""]
        flags = flag_lines(report, report.end)
        lines += [f"- **{md(f)}**" for f in flags] or [_("None logged.")]
        lines += ["", "## " + _("Progression"), ""]
        steps = step_lines(report)
        lines += [f"- {md(s)}" for s in steps] or [_("No change of step in this period.")]
        lines += ["", "## " + _("Check-ins"), ""]
        if report.checkins:
            lines += [*table(heads(CHECKIN_HEAD), checkin_rows(report)), ""]
        else:
            lines += [_("None recorded."), ""]
        follow_head, follow_rows = follow_up_table(report)
        if follow_rows:
            lines += [_("Follow-up measures:"), "", *table(follow_head, follow_rows), ""]
        lines += [_bullet(line) for summary in report.measures for line in measure_lines(summary)]
        lines += ["", "## " + _("The measures and their sources"), ""]
        lines += [_bullet(line, _linked) for line in source_lines(shown_measures(report))]
        return "\n".join(lines) + "\n"

    def checkins(self, checkins: Sequence[CheckIn]) -> str:
        from kneefit.render.report_lines import checkin_history_table

        if not checkins:
            return "\n" + _("No check-ins recorded.") + "\n"
        rows = table(*checkin_history_table(checkins))
        return "\n## " + _("Check-ins") + "\n\n" + "\n".join(rows) + "\n"

    def review(self, review: WeekReview) -> str:
        """The weekly review in CommonMark (see kneefit.render.review)."""
        from kneefit.render.review import review_markdown

        return review_markdown(review)
