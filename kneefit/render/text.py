"""Plain text: readable in any editor, in a pipe and on paper, the same at any terminal width."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from kneefit.catalogue import Catalogue
from kneefit.exclusion_words import qualifies_text
from kneefit.i18n import _, format_date, ngettext
from kneefit.models import Condition, Exercise, Routine, Schedule, Session, Source
from kneefit.render.cells import CellWrapper, cell_width, ljust
from kneefit.render.columns import plain_lines
from kneefit.render.common import (
    NOT_MEDICAL_ADVICE,
    PROGRAM_TITLE,
    PROGRESS_TITLE,
    RenderOptions,
    SessionOrWeek,
    citation_text,
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
    source_text,
    week_note,
)
from kneefit.render.documents import Refusing
from kneefit.render.escaping import plain
from kneefit.render.report_lines import (
    CHECKIN_HEAD,
    REPORT_TITLE,
    WEEK_HEAD,
    adherence_text,
    checkin_rows,
    flag_lines,
    follow_up_parts,
    heads,
    measure_lines,
    pain_trend_text,
    period_line,
    shown_measures,
    source_lines,
    step_lines,
    week_rows,
)
from kneefit.render.routine_table import Look, safety_line, session_page
from kneefit.render.session_words import HISTORY_TITLE, chart_lines, session_cells
from kneefit.render.swap_words import not_for_you_text, swap_head, swap_use_text, variant_names
from kneefit.value_words import value_word
from kneefit.vocabulary import Format

if TYPE_CHECKING:
    from kneefit.log import CheckIn
    from kneefit.report import Report
    from kneefit.review import WeekReview
    from kneefit.swap import Swaps

#: Text output is this wide whatever the terminal, so a file is the same wherever it is made.
WIDTH = 78


def _wrap(text: str, indent: str, hanging: str | None = None, width: int = WIDTH) -> list[str]:
    plain = text.strip()
    if (
        plain == text
        and cell_width(indent) + cell_width(plain) <= width
        and "  " not in plain
        and not any(c in plain for c in "\n\t\r\f\v")
    ):
        # It fits as it is: what textwrap would return, without its cost (a long history).
        return [indent + plain] if plain else [indent.rstrip()]
    # By terminal cells, not characters: a line of Japanese fits the width too.
    return CellWrapper(
        width=width,
        initial_indent=indent,
        subsequent_indent=hanging if hanging is not None else indent,
        break_long_words=False,
        break_on_hyphens=False,
    ).wrap(text) or [indent.rstrip()]


def _heading(text: str, underline: str = "=") -> list[str]:
    return [text, underline * min(cell_width(text), WIDTH)]


def _numbered(items: Iterable[str], indent: str) -> list[str]:
    lines = []
    for number, item in enumerate(items, 1):
        label = f"{number}. "
        lines += _wrap(item, indent + label, indent + " " * len(label))
    return lines


def _bulleted(items: Iterable[str], indent: str, bullet: str = "- ") -> list[str]:
    lines = []
    for item in items:
        lines += _wrap(item, indent + bullet, indent + " " * len(bullet))
    return lines


def _hung(text: str, indent: str = "", hanging: str | None = None) -> list[str]:
    """Wrapped as the report's lines are: later lines two spaces in unless ``hanging``."""
    return _wrap(text, indent, indent + "  " if hanging is None else hanging)


def _columns(head: list[str], rows: list[list[str]]) -> list[str]:
    """A table as padded columns, two spaces in and two between."""
    widths = [max(cell_width(r[i]) for r in [head, *rows]) for i in range(len(head))]
    out = []
    for row in [head, *rows]:
        cells = [ljust(c, w) for c, w in zip(row, widths, strict=True)]
        out.append(("  " + "  ".join(cells)).rstrip())
    return out


def _field(label: str, value: str, indent: str) -> list[str]:
    head = f"{indent}{label}: "
    return _wrap(value, head, indent + "  ")


class TextRenderer(SessionOrWeek, Refusing):
    """Renders plain text, wrapped at 78 columns; nothing is ever cut short."""

    fmt = Format.TEXT

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def _out(self, lines: list[str]) -> str:
        """The lines as the output: no control character from the data reaches a terminal."""
        return plain("\n".join(lines) + "\n", self.options.ascii_only)

    def _exercise_body(
        self,
        exercise: Exercise,
        indent: str,
        dose: str,
        source_numbers: dict[str, int] | None,
        catalogue: Catalogue | None = None,
    ) -> list[str]:
        lines = _field(_("Dose"), dose, indent)
        lines += _field(_("Works"), muscles_text(exercise), indent)
        lines += _field(_("Equipment"), equipment_text(exercise), indent)
        lines.append(indent + _("How to do it") + ":")
        lines += _numbered(exercise.steps, indent + "  ")
        if exercise.cues:
            lines.append(indent + _("Form cues") + ":")
            lines += _bulleted(exercise.cues, indent + "  ")
        if exercise.notes:
            lines += _field(_("Note"), exercise.notes, indent)
        if catalogue is not None:
            easier, harder = variant_names(exercise, catalogue)
            if easier:
                lines += _field(_("Easier"), f"{easier} ({exercise.easier})", indent)
            if harder:
                lines += _field(_("Harder"), f"{harder} ({exercise.harder})", indent)
        if source_numbers is not None:
            refs = ", ".join(f"[{source_numbers[s]}]" for s in exercise.source_ids)
            lines += _field(_("Sources"), refs, indent)
        return lines

    def _intro(self, routine: Routine, title: str, plan_line: str) -> list[str]:
        lines = _heading(title)
        lines += _wrap(plan_line, "")
        lines += _wrap(equipment_request_text(routine), "")
        lines += ["", *_wrap(_(NOT_MEDICAL_ADVICE), "")]
        warnings = plan_warnings(routine)
        if warnings:
            lines += ["", _("Before you start") + ":"]
            lines += _bulleted(warnings, "  ", "! ")
        if routine.program is not None:
            lines += ["", f"{_(PROGRAM_TITLE)}:"]
            lines += _bulleted(program_lines(routine.program), "  ")
        if routine.progression is not None:
            lines += ["", f"{_(PROGRESS_TITLE)}:"]
            lines += _bulleted(progression_lines(routine.progression), "  ")
        for condition in routine.conditions:
            if condition.notes:
                lines += ["", _("About {name}").format(name=condition.name) + ":"]
                lines += _bulleted(condition.notes, "  ")
        return lines

    def _session(self, routine: Routine) -> str:
        look = Look(width=WIDTH, styled=False)
        options = self.options
        page = session_page(routine, look, explain=options.explain, brief=options.brief)
        return self._out(plain_lines(page))

    def _safety(self, routine: Routine) -> list[str]:
        lines = _heading(_("Safety"), "-")
        for title, items in safety_lines(routine.safety, routine.conditions):
            lines += ["", f"{title}:"]
            lines += _bulleted(items, "  ")
        return lines

    def _sources(
        self, sources: Sequence[Source], said: Mapping[str, str | None] | None = None
    ) -> list[str]:
        lines = _heading(_("Sources"), "-")
        for number, source in enumerate(sources, 1):
            label = f"[{number}] "
            lines += _wrap(source_text(source), label, " " * len(label))
            cited = (said or {}).get(source.id)
            if cited:
                lines += _wrap(cited, " " * len(label))
        return lines

    def _week(self, schedule: Schedule) -> str:
        routine = schedule.routine
        numbers = {s.id: n for n, s in enumerate(routine.sources, 1)}
        title = _("kneefit: your week") if schedule.weeks == 1 else _("kneefit: your weeks")
        lines = self._intro(routine, title, request_text(routine))
        lines += ["", *_wrap(schedule_text(schedule), "")]
        for week in range(1, schedule.weeks + 1):
            lines += ["", *_heading(_("Week {week}").format(week=week), "-")]
            note = week_note(schedule, week)
            if note:
                lines += _wrap(note, "")
            for day in (d for d in schedule.days if d.week == week):
                lines += ["", *_wrap(day_heading(day), "")]
                lines += _bulleted(day_items(day), "  ")
        if self.options.brief:
            return self._out([*lines, "", *_wrap(safety_line(routine, brief=True), "")])
        lines += ["", *_heading(_("How to do each exercise"), "-")]
        for index, exercise in enumerate(schedule_exercises(schedule), 1):
            lines += ["", *_wrap(exercise.name, f"{index}. ")]
            dose = _("as listed for each day; {often}").format(often=frequency_text(exercise.dose))
            lines += self._exercise_body(exercise, "   ", dose, numbers)
        lines += ["", *self._safety(routine)]
        lines += ["", *self._sources(routine.sources)]
        return self._out(lines)

    def history(self, sessions: Sequence[Session]) -> str:
        lines = _heading(_(HISTORY_TITLE))
        if not sessions:
            return "\n".join([*lines, _("No sessions logged yet.")]) + "\n"
        for session in sessions:
            cells = session_cells(session)
            lines += [""]
            lines += _wrap(
                _("{date}: pain {pain}, effort {effort}, next morning {morning}").format(
                    date=format_date(session.date),
                    pain=cells[1],
                    effort=cells[2],
                    morning=cells[3],
                ),
                "",
            )
            lines += _field(_("Exercises"), cells[4], "    ")
            if cells[5] != "-":
                lines += _field(_("Notes"), cells[5], "    ")
        lines += ["", *chart_lines(sessions, self.options.ascii_only)]
        return self._out(lines)

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str:
        if not exercises:
            return _("No exercise matches.") + "\n"
        lines: list[str] = []
        for exercise in exercises:
            if lines:
                lines.append("")
            lines += _wrap(f"{exercise.name} [{exercise.id}]", "")
            kind = f"{value_word(exercise.category.value)}, {value_word(exercise.level.value)}"
            summary = f"{kind}; {dose_line(exercise.dose)}"
            lines += _wrap(summary, "    ")
            works = _("Works: {muscles}. Equipment: {equipment}.").format(
                muscles=muscles_text(exercise), equipment=equipment_text(exercise)
            )
            lines += _wrap(works, "    ")
        count = len(exercises)
        lines += [
            "",
            ngettext("{count} exercise.", "{count} exercises.", count).format(count=count),
        ]
        return self._out(lines)

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str:
        lines = _heading(f"{exercise.name} [{exercise.id}]")
        if exercise.aliases:
            lines += _field(_("Also called"), ", ".join(exercise.aliases), "")
        kind = f"{value_word(exercise.category.value)}, {value_word(exercise.level.value)}"
        lines += _field(_("Kind"), kind, "")
        if exercise.knee_load:
            load = ", ".join(value_word(t.value) for t in exercise.knee_load)
            lines += _field(_("Knee load"), load, "")
        dose = dose_line(exercise.dose)
        if exercise.dose.range_note:
            dose += f" ({exercise.dose.range_note})"
        sources = catalogue.sources_for(exercise.source_ids)
        numbers = {s.id: n for n, s in enumerate(sources, 1)}
        lines += self._exercise_body(exercise, "", dose, numbers, catalogue)
        said = {c.id: citation_text(c) for c in exercise.sources}
        lines += ["", *self._sources(sources, said)]
        lines += ["", *_wrap(_(NOT_MEDICAL_ADVICE), "")]
        return self._out(lines)

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str:
        lines: list[str] = []
        all_sources = catalogue.sources_for(s for c in conditions for s in c.sources)
        numbers = {s.id: n for n, s in enumerate(all_sources, 1)}
        for condition in conditions:
            if lines:
                lines.append("")
            lines += _heading(f"{condition.name} [{condition.id}]", "-")
            if condition.aliases:
                lines += _field(_("Also called"), ", ".join(condition.aliases), "  ")
            first = _("yes") if condition.see_clinician_first else _("not required, but wise")
            lines += _field(_("See a clinician before starting"), first, "  ")
            for heading, rules in condition_rule_groups(condition):
                lines.append(f"  {heading}:")
                lines += _bulleted(rules, "    ")
            program = program_text(condition, catalogue)
            if program:
                lines += _field(_("Program"), program, "  ")
            if condition.notes:
                lines.append("  " + _("Notes:"))
                lines += _bulleted(condition.notes, "    ")
            refs = ", ".join(f"[{numbers[s]}]" for s in condition.sources)
            lines += _field(_("Sources"), refs, "  ")
        lines += ["", *self._sources(all_sources)]
        lines += ["", *_wrap(_(NOT_MEDICAL_ADVICE), "")]
        return self._out(lines)

    def report(self, report: Report) -> str:
        """The progress report at 78 columns, for a file, a printer or a pipe."""
        title = _(REPORT_TITLE)
        lines = [title, "=" * len(title), *_hung(period_line(report), hanging="")]
        lines += ["", *_hung(_(NOT_MEDICAL_ADVICE), hanging="")]
        lines += ["", _("Sessions done against planned")]
        lines += _columns(heads(WEEK_HEAD), week_rows(report))
        lines += _hung(adherence_text(report), "  ")
        lines += ["", _("Pain during sessions and next morning (0 to 10)")]
        lines += _hung(pain_trend_text(report), "  ")
        for point in report.pain:
            morning = "-" if point.next_morning is None else str(point.next_morning)
            bar = "#" * point.pain + "." * (10 - point.pain)
            flag = "  " + _("RED FLAG") if point.red_flag else ""
            lines.append(
                f"  {point.date.isoformat()}  {bar} {point.pain:>2}   "
                + _("next morning {pain}").format(pain=morning)
                + flag
            )
        lines += ["", _("Red flags")]
        flags = flag_lines(report, report.end)
        lines += [x for f in flags for x in _hung(f, "  ! ", "    ")] or ["  " + _("None logged.")]
        lines += ["", _("Progression")]
        steps = step_lines(report)
        lines += [x for s in steps for x in _hung(s, "  - ", "    ")] or [
            "  " + _("No change of step in this period.")
        ]
        lines += ["", _("Check-ins")]
        if report.checkins:
            lines += _columns(heads(CHECKIN_HEAD[:4]), [r[:4] for r in checkin_rows(report)])
        else:
            lines.append("  " + _("None recorded ('kneefit checkin')."))
        followed = [c for c in report.checkins if follow_up_parts(c)]
        if followed:
            lines += ["", "  " + _("Follow-up measures:")]
            for c in followed:
                text = f"{c.date.isoformat()}  " + "; ".join(follow_up_parts(c))
                lines += _hung(text, "    ", " " * 16)
        for summary in report.measures:
            for line in measure_lines(summary):
                indent = "  - " if not line.startswith("  ") else "      "
                lines += _hung(line.strip(), indent, indent.replace("-", " ") + "  ")
        lines += ["", _("The measures and their sources")]
        for line in source_lines(shown_measures(report)):
            if line.startswith("  "):
                lines += _hung(line.strip(), "    ", "      ")
            else:
                lines += _hung(line, "  - ", "    ")
        return plain("\n".join(lines) + "\n")

    def checkins(self, checkins: Sequence[CheckIn]) -> str:
        """The check-ins as 'kneefit history' shows them: one wrapped line each."""
        from kneefit.render.checkin_words import history_parts

        if not checkins:
            return "\n" + _("No check-ins recorded ('kneefit checkin').") + "\n"
        lines = ["", _("Check-ins:")]
        for c in checkins:
            parts = history_parts(c)
            lines += _hung(f"{c.date.isoformat()}  " + "; ".join(parts), "  ", " " * 14)
        return plain("\n".join(lines) + "\n")

    def swaps(self, found: Swaps) -> str:
        """An exercise and its safe alternatives, best first, each with its reasons."""
        original = found.exercise
        lines = [swap_head(original)]
        if found.not_for_you:
            lines.append("  ! " + not_for_you_text(original, found.not_for_you))
        if not found.alternatives:
            lines.append(_("No safe alternative fits these conditions, level and equipment."))
        for number, alt in enumerate(found.alternatives, 1):
            lines.append(f"{number}. {alt.exercise.name} ({alt.exercise.id})")
            lines += [f"     - {qualifies_text(reason)}" for reason in alt.reasons]
        if found.alternatives:
            lines.append(swap_use_text(original, found.alternatives[0].exercise))
        return "\n".join(lines) + "\n"

    def review(self, review: WeekReview) -> str:
        """The weekly review at 78 columns (see kneefit.render.review)."""
        from kneefit.render.review import review_text

        return review_text(review)
