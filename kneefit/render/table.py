"""Tables for a terminal, drawn with rich. Catalogue text is always Text, never markup."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from kneefit.catalogue import Catalogue
from kneefit.models import Condition, Exercise, Routine, Schedule, Session
from kneefit.render.common import (
    HISTORY_TITLE,
    NOT_MEDICAL_ADVICE,
    PROGRAM_TITLE,
    PROGRESS_TITLE,
    RenderOptions,
    SessionOrWeek,
    chart_lines,
    condition_rule_groups,
    day_heading,
    day_items,
    dose_line,
    equipment_request_text,
    equipment_text,
    muscles_text,
    plain,
    plan_warnings,
    program_lines,
    program_text,
    progression_lines,
    request_text,
    safety_lines,
    schedule_exercises,
    schedule_text,
    session_cells,
    source_text,
    variant_names,
    week_note,
)
from kneefit.render.documents import Refusing
from kneefit.render.text import TextRenderer
from kneefit.vocabulary import Format

if TYPE_CHECKING:
    from kneefit.log import CheckIn
    from kneefit.report import Report


def _t(text: str, style: str = "") -> Text:
    """Catalogue or log text for rich: always Text (never markup), control characters out."""
    return Text(plain(text), style=style)


def _add(text: Text, more: str, style: str = "") -> None:
    text.append(plain(more), style=style)


class TableRenderer(SessionOrWeek, Refusing):
    """Renders rich tables at the given width, in colour only when asked."""

    fmt = Format.TABLE

    def __init__(self, options: RenderOptions) -> None:
        self.options = options
        self.box = box.ASCII if options.ascii_only else box.ROUNDED

    def _render(self, *items: RenderableType) -> str:
        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=self.options.width,
            force_terminal=self.options.color,
            no_color=not self.options.color,
            color_system="standard" if self.options.color else None,
            markup=False,
            emoji=False,
            highlight=False,
            legacy_windows=False,
            safe_box=True,
        )
        for item in items:
            console.print(item)
        # rich pads to the full width; trailing blanks only get in the way of a copy or a diff.
        return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())

    def _table(self, *columns: str, title: str | None = None) -> Table:
        table = Table(
            title=_t(title, style="bold") if title else None,
            title_justify="left",
            box=self.box,
            show_lines=True,
            expand=False,
        )
        for column in columns:
            table.add_column(column, overflow="fold", no_wrap=False)
        return table

    @staticmethod
    def _how(exercise: Exercise) -> Text:
        text = _t("")
        for number, step in enumerate(exercise.steps, 1):
            _add(text, f"{number}. {step}\n")
        for cue in exercise.cues:
            _add(text, f"* {cue}\n", style="italic")
        if exercise.notes:
            _add(text, f"Note: {exercise.notes}\n", style="dim")
        text.rstrip()
        return text

    @staticmethod
    def _name(exercise: Exercise) -> Text:
        text = _t(exercise.name, style="bold")
        _add(text, f"\n{muscles_text(exercise)}", style="dim")
        _add(text, f"\nEquipment: {equipment_text(exercise)}", style="dim")
        return text

    def _notes(self, title: str, lines: Sequence[str], style: str = "") -> RenderableType:
        # A grid, so a long note wraps under its own first word, not at the margin.
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(width=3, no_wrap=True)
        grid.add_column(overflow="fold")
        for line in lines:
            grid.add_row(_t("  -", style=style), _t(line, style=style))
        return Group(_t(title, style="bold " + style), grid)

    def _intro(self, routine: Routine, title: str, lines: list[str]) -> list[RenderableType]:
        parts: list[RenderableType] = [_t(title, style="bold")]
        parts += [_t(line) for line in lines]
        parts += [
            _t(equipment_request_text(routine)),
            _t(NOT_MEDICAL_ADVICE, style="italic"),
            _t(""),
        ]
        warnings = plan_warnings(routine)
        if warnings:
            parts += [self._notes("Before you start", warnings, "yellow"), _t("")]
        if routine.program is not None:
            parts += [self._notes(PROGRAM_TITLE, program_lines(routine.program)), _t("")]
        if routine.progression is not None:
            lines = progression_lines(routine.progression)
            parts += [self._notes(PROGRESS_TITLE, lines, "cyan"), _t("")]
        for condition in routine.conditions:
            if condition.notes:
                parts += [self._notes(f"About {condition.name}", condition.notes), _t("")]
        return parts

    def _session(self, routine: Routine) -> str:
        parts = self._intro(routine, "kneefit: your knee routine", [request_text(routine)])
        for section in routine.sections:
            if not section.items:
                continue
            minutes = sum(i.minutes for i in section.items)
            table = self._table(
                "Exercise",
                "Dose",
                "How to do it",
                title=f"{section.title} (about {minutes:.0f} min)",
            )
            for item in section.items:
                table.add_row(
                    self._name(item.exercise),
                    _t(dose_line(item.dose).replace("; ", "\n", 1)),
                    self._how(item.exercise),
                )
            parts += [table, _t("")]
        parts.append(_t("Safety", style="bold"))
        for title, items in safety_lines(routine.safety):
            parts.append(self._notes(title, items, "red" if "now" in title else ""))
        if routine.excluded and self.options.explain:
            parts += [
                _t(""),
                self._notes(
                    "Left out for you", [f"{e.name}: {e.reason}" for e in routine.excluded]
                ),
            ]
        parts += [_t(""), self._sources([source_text(s) for s in routine.sources])]
        return self._render(*parts)

    def _sources(self, lines: Sequence[str]) -> Text:
        text = _t("Sources\n", style="bold")
        for number, line in enumerate(lines, 1):
            _add(text, f"  [{number}] {line}\n", style="dim")
        text.rstrip()
        return text

    def _week(self, schedule: Schedule) -> str:
        routine = schedule.routine
        lines = [request_text(routine), schedule_text(schedule)]
        parts = self._intro(routine, "kneefit: your week", lines)
        for week in range(1, schedule.weeks + 1):
            table = self._table("Day", "Exercises and doses", title=f"Week {week}")
            for day in (d for d in schedule.days if d.week == week):
                listed = "\n".join(day_items(day)) if not day.rest else "Rest"
                table.add_row(_t(day_heading(day)), _t(listed))
            parts.append(table)
            note = week_note(schedule, week)
            if note:
                parts.append(_t(note, style="dim"))
            parts.append(_t(""))
        how = self._table("Exercise", "How to do it", title="How to do each exercise")
        for exercise in schedule_exercises(schedule):
            how.add_row(self._name(exercise), self._how(exercise))
        parts += [how, _t(""), _t("Safety", style="bold")]
        for title, notes in safety_lines(routine.safety):
            parts.append(self._notes(title, notes, "red" if "now" in title else ""))
        parts += [_t(""), self._sources([source_text(s) for s in routine.sources])]
        return self._render(*parts)

    def history(self, sessions: Sequence[Session]) -> str:
        if not sessions:
            return self._render(_t(HISTORY_TITLE, style="bold"), _t("No sessions logged yet."))
        table = self._table("Date", "Pain", "Effort", "Next morning", "Exercises", "Notes")
        for session in sessions:
            table.add_row(*(_t(cell) for cell in session_cells(session)))
        chart = _t("\n".join(chart_lines(sessions, self.options.ascii_only)))
        return self._render(_t(HISTORY_TITLE, style="bold"), table, _t(""), chart)

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str:
        table = self._table("Exercise", "Id", "Category", "Level", "Dose", "Works", "Equipment")
        for e in exercises:
            table.add_row(
                _t(e.name, style="bold"),
                _t(e.id),
                _t(e.category.value),
                _t(e.level.value),
                _t(dose_line(e.dose)),
                _t(muscles_text(e)),
                _t(equipment_text(e)),
            )
        count = len(exercises)
        footer = _t(f"{count} exercise{'s' if count != 1 else ''}.")
        return self._render(table, footer)

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str:
        easier, harder = variant_names(exercise, catalogue)
        table = Table(box=self.box, show_header=False, show_lines=True)
        table.add_column("Field", style="bold", no_wrap=True)
        table.add_column("Value", overflow="fold")
        rows = [
            ("Kind", f"{exercise.category.value}, {exercise.level.value}"),
            ("Dose", dose_line(exercise.dose)),
            ("Works", muscles_text(exercise)),
            ("Equipment", equipment_text(exercise)),
        ]
        if exercise.aliases:
            rows.insert(0, ("Also called", ", ".join(exercise.aliases)))
        if exercise.knee_load:
            rows.append(("Knee load", ", ".join(t.value for t in exercise.knee_load)))
        if easier:
            rows.append(("Easier", easier))
        if harder:
            rows.append(("Harder", harder))
        for label, value in rows:
            table.add_row(_t(label), _t(value))
        table.add_row(_t("How to do it"), self._how(exercise))
        sources = [source_text(s) for s in catalogue.sources_for(exercise.source_ids)]
        return self._render(
            Group(_t(exercise.name, style="bold"), table),
            self._sources(sources),
            _t(NOT_MEDICAL_ADVICE, style="italic"),
        )

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str:
        table = self._table("Condition", "See a clinician first", "Rules", "Notes")
        for c in conditions:
            name = _t(c.name, style="bold")
            if c.aliases:
                _add(name, "\n" + ", ".join(c.aliases), style="dim")
            table.add_row(
                name,
                _t("yes" if c.see_clinician_first else "not required, but wise"),
                _t(
                    "\n".join(
                        [
                            f"{heading}:\n" + "\n".join(f"- {r}" for r in rules)
                            for heading, rules in condition_rule_groups(c)
                        ]
                        + [f"Program: {p}" for p in [program_text(c, catalogue)] if p]
                    )
                ),
                _t("\n".join(f"- {n}" for n in c.notes)),
            )
        return self._render(table, _t(NOT_MEDICAL_ADVICE, style="italic"))

    # The check-ins and the report are text on a terminal too: the same lines at 78 columns.
    def checkins(self, checkins: Sequence[CheckIn]) -> str:
        return TextRenderer(self.options).checkins(checkins)

    def report(self, report: Report) -> str:
        return TextRenderer(self.options).report(report)
