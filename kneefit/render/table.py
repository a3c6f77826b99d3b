"""Tables for a terminal, drawn with rich. Catalogue text is always Text, never markup."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from kneefit.catalogue import Catalogue
from kneefit.models import Condition, Exercise, Routine, Schedule, Session
from kneefit.render.common import (
    HISTORY_TITLE,
    NOT_MEDICAL_ADVICE,
    PROGRESS_TITLE,
    RenderOptions,
    SessionOrWeek,
    chart_lines,
    condition_rule_lines,
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
    session_cells,
    source_text,
    variant_names,
)


class TableRenderer(SessionOrWeek):
    """Renders rich tables at the given width, in colour only when asked."""

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
            title=Text(title, style="bold") if title else None,
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
        text = Text()
        for number, step in enumerate(exercise.steps, 1):
            text.append(f"{number}. {step}\n")
        for cue in exercise.cues:
            text.append(f"* {cue}\n", style="italic")
        if exercise.notes:
            text.append(f"Note: {exercise.notes}\n", style="dim")
        text.rstrip()
        return text

    @staticmethod
    def _name(exercise: Exercise) -> Text:
        text = Text(exercise.name, style="bold")
        text.append(f"\n{muscles_text(exercise)}", style="dim")
        text.append(f"\nEquipment: {equipment_text(exercise)}", style="dim")
        return text

    def _notes(self, title: str, lines: Sequence[str], style: str = "") -> RenderableType:
        # A grid, so a long note wraps under its own first word, not at the margin.
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(width=3, no_wrap=True)
        grid.add_column(overflow="fold")
        for line in lines:
            grid.add_row(Text("  -", style=style), Text(line, style=style))
        return Group(Text(title, style="bold " + style), grid)

    def _intro(self, routine: Routine, title: str, lines: list[str]) -> list[RenderableType]:
        parts: list[RenderableType] = [Text(title, style="bold")]
        parts += [Text(line) for line in lines]
        parts += [
            Text(equipment_request_text(routine)),
            Text(NOT_MEDICAL_ADVICE, style="italic"),
            Text(""),
        ]
        if routine.warnings:
            parts += [self._notes("Before you start", routine.warnings, "yellow"), Text("")]
        if routine.progression is not None:
            lines = progression_lines(routine.progression)
            parts += [self._notes(PROGRESS_TITLE, lines, "cyan"), Text("")]
        return parts

    def _session(self, routine: Routine) -> str:
        parts = self._intro(routine, "kneefit: your knee routine", [request_text(routine)])
        for condition in routine.conditions:
            if condition.notes:
                parts += [self._notes(f"About {condition.name}", condition.notes), Text("")]
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
                    Text(f"{dose_text(item.dose)}\n{frequency_text(item.dose)}"),
                    self._how(item.exercise),
                )
            parts += [table, Text("")]
        parts.append(Text("Safety", style="bold"))
        for title, items in safety_lines(routine.safety):
            parts.append(self._notes(title, items, "red" if "now" in title else ""))
        if routine.excluded and self.options.explain:
            parts += [
                Text(""),
                self._notes(
                    "Left out for you", [f"{e.name}: {e.reason}" for e in routine.excluded]
                ),
            ]
        parts += [Text(""), self._sources([source_text(s) for s in routine.sources])]
        return self._render(*parts)

    def _sources(self, lines: Sequence[str]) -> Text:
        text = Text("Sources\n", style="bold")
        for number, line in enumerate(lines, 1):
            text.append(f"  [{number}] {line}\n", style="dim")
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
                table.add_row(Text(day_heading(day)), Text(listed))
            parts.append(table)
            if week > 1:
                parts.append(Text(schedule.week_notes[week - 2], style="dim"))
            parts.append(Text(""))
        how = self._table("Exercise", "How to do it", title="How to do each exercise")
        for exercise in schedule_exercises(schedule):
            how.add_row(self._name(exercise), self._how(exercise))
        parts += [how, Text(""), Text("Safety", style="bold")]
        for title, notes in safety_lines(routine.safety):
            parts.append(self._notes(title, notes, "red" if "now" in title else ""))
        parts += [Text(""), self._sources([source_text(s) for s in routine.sources])]
        return self._render(*parts)

    def history(self, sessions: Sequence[Session]) -> str:
        if not sessions:
            return self._render(Text(HISTORY_TITLE, style="bold"), Text("No sessions logged yet."))
        table = self._table("Date", "Pain", "Effort", "Next morning", "Exercises", "Notes")
        for session in sessions:
            table.add_row(*(Text(cell) for cell in session_cells(session)))
        chart = Text("\n".join(chart_lines(sessions, self.options.ascii_only)))
        return self._render(Text(HISTORY_TITLE, style="bold"), table, Text(""), chart)

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str:
        table = self._table("Exercise", "Id", "Category", "Level", "Dose", "Works", "Equipment")
        for e in exercises:
            table.add_row(
                Text(e.name, style="bold"),
                Text(e.id),
                Text(e.category.value),
                Text(e.level.value),
                Text(f"{dose_text(e.dose)}; {frequency_text(e.dose)}"),
                Text(muscles_text(e)),
                Text(equipment_text(e)),
            )
        count = len(exercises)
        footer = Text(f"{count} exercise{'s' if count != 1 else ''}.")
        return self._render(table, footer)

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str:
        easier, harder = variant_names(exercise, catalogue)
        table = Table(box=self.box, show_header=False, show_lines=True)
        table.add_column("Field", style="bold", no_wrap=True)
        table.add_column("Value", overflow="fold")
        rows = [
            ("Kind", f"{exercise.category.value}, {exercise.level.value}"),
            ("Dose", f"{dose_text(exercise.dose)}; {frequency_text(exercise.dose)}"),
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
            table.add_row(Text(label), Text(value))
        table.add_row(Text("How to do it"), self._how(exercise))
        sources = [source_text(s) for s in catalogue.sources_for(exercise.sources)]
        return self._render(
            Group(Text(exercise.name, style="bold"), table),
            self._sources(sources),
            Text(NOT_MEDICAL_ADVICE, style="italic"),
        )

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str:
        table = self._table("Condition", "See a clinician first", "Rules out", "Notes")
        for c in conditions:
            name = Text(c.name, style="bold")
            if c.aliases:
                name.append("\n" + ", ".join(c.aliases), style="dim")
            table.add_row(
                name,
                Text("yes" if c.see_clinician_first else "not required, but wise"),
                Text("\n".join(f"- {r}" for r in condition_rule_lines(c))),
                Text("\n".join(f"- {n}" for n in c.notes)),
            )
        return self._render(table, Text(NOT_MEDICAL_ADVICE, style="italic"))
