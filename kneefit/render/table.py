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
from kneefit.exclusion_words import qualifies_text
from kneefit.i18n import _, ngettext
from kneefit.models import Condition, Exercise, Routine, Schedule, Session
from kneefit.render.columns import Band, Column, Grid, Line, Piece, Row, cell, lay_out
from kneefit.render.common import (
    NOT_MEDICAL_ADVICE,
    PROGRAM_TITLE,
    PROGRESS_TITLE,
    RED_FLAGS_TITLE,
    RenderOptions,
    SessionOrWeek,
    day_heading,
    day_items,
    dose_line,
    equipment_request_text,
    equipment_text,
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
from kneefit.render.routine_table import Look, safety_line, session_page
from kneefit.render.session_words import HISTORY_TITLE, chart_lines, session_cells
from kneefit.render.swap_words import not_for_you_text, swap_head, swap_use_text, variant_names
from kneefit.render.text import TextRenderer
from kneefit.value_words import value_word
from kneefit.vocabulary import Format

if TYPE_CHECKING:
    from kneefit.log import CheckIn
    from kneefit.report import Report
    from kneefit.swap import Swaps


def _t(text: str, style: str = "") -> Text:
    """Catalogue or log text for rich: always Text (never markup), control characters out."""
    return Text(plain(text), style=style)


def _add(text: Text, more: str, style: str = "") -> None:
    text.append(plain(more), style=style)


class _Laid(Text):
    """A line laid out to the width already (kneefit.render.columns): printed as it is."""


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
            # Laid-out lines are printed as they are: rich would wrap a line that a long
            # word keeps wider than the terminal, and break the word.
            console.print(item, soft_wrap=isinstance(item, _Laid))
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
            _add(text, _("Note") + f": {exercise.notes}\n", style="dim")
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
            _t(_(NOT_MEDICAL_ADVICE), style="italic"),
            _t(""),
        ]
        warnings = plan_warnings(routine)
        if warnings:
            parts += [self._notes(_("Before you start"), warnings, "yellow"), _t("")]
        if routine.program is not None:
            parts += [self._notes(_(PROGRAM_TITLE), program_lines(routine.program)), _t("")]
        if routine.progression is not None:
            lines = progression_lines(routine.progression)
            parts += [self._notes(_(PROGRESS_TITLE), lines, "cyan"), _t("")]
        for condition in routine.conditions:
            if condition.notes:
                parts += [
                    self._notes(_("About {name}").format(name=condition.name), condition.notes),
                    _t(""),
                ]
        return parts

    def _lines(self, lines: Sequence[Line]) -> list[_Laid]:
        """Laid-out lines as rich Text: each piece in its style, never wrapped again."""
        out = []
        for line in lines:
            text = _Laid()
            for piece, style in line:
                _add(text, piece, style)
            out.append(text)
        return out

    def _session(self, routine: Routine) -> str:
        look = Look(width=self.options.width, styled=True, rule=self._rule)
        page = session_page(routine, look, explain=self.options.explain, brief=self.options.brief)
        return self._render(*self._lines(page))

    def _sources(self, lines: Sequence[str]) -> Text:
        text = _t(_("Sources") + "\n", style="bold")
        for number, line in enumerate(lines, 1):
            _add(text, f"  [{number}] {line}\n", style="dim")
        text.rstrip()
        return text

    def _week(self, schedule: Schedule) -> str:
        routine = schedule.routine
        lines = [request_text(routine), schedule_text(schedule)]
        parts = self._intro(routine, _("kneefit: your week"), lines)
        for week in range(1, schedule.weeks + 1):
            table = self._table(
                _("Day"), _("Exercises and doses"), title=_("Week {week}").format(week=week)
            )
            for day in (d for d in schedule.days if d.week == week):
                listed = "\n".join(day_items(day)) if not day.rest else _("Rest")
                table.add_row(_t(day_heading(day)), _t(listed))
            parts.append(table)
            note = week_note(schedule, week)
            if note:
                parts.append(_t(note, style="dim"))
            parts.append(_t(""))
        if self.options.brief:
            return self._render(*parts, _t(safety_line(routine, brief=True)))
        how = self._table(_("Exercise"), _("How to do it"), title=_("How to do each exercise"))
        for exercise in schedule_exercises(schedule):
            how.add_row(self._name(exercise), self._how(exercise))
        parts += [how, _t(""), _t(_("Safety"), style="bold")]
        for title, notes in safety_lines(routine.safety, routine.conditions):
            parts.append(self._notes(title, notes, "red" if title == _(RED_FLAGS_TITLE) else ""))
        parts += [_t(""), self._sources([source_text(s) for s in routine.sources])]
        return self._render(*parts)

    def _grid(self, grid: Grid) -> list[_Laid]:
        """A table laid out in columns chosen for the width (kneefit.render.columns)."""
        return self._lines(lay_out(grid, self.options.width, rule=self._rule))

    @property
    def _rule(self) -> str | None:
        """What goes under a table's headings: nothing in colour (they are underlined),
        else a line."""
        if self.options.color:
            return None
        return "-" if self.options.ascii_only else "\u2500"

    def history(self, sessions: Sequence[Session]) -> str:
        if not sessions:
            return self._render(
                _t(_(HISTORY_TITLE), style="bold"), _t(_("No sessions logged yet."))
            )
        columns = (
            Column(_("Date")),
            Column(_("Pain"), right=True),
            Column(_("Effort"), right=True),
            Column(_("Next morning"), at_least=12, grow=1, right=True),
            Column(_("Notes"), at_least=20, at_most=40),
            Column(_("Exercises"), optional=1, at_least=24, grow=1, style="dim", taller=True),
        )
        rows: list[Row | Band] = []
        for session in sessions:
            day, pain, effort, morning, done, notes = session_cells(session)
            flagged = "bold red" if session.red_flags else ""
            rows.append(
                (
                    cell(day),
                    cell(pain),
                    cell(effort),
                    cell(morning),
                    cell(Piece(notes, flagged)),
                    cell(done),
                )
            )
        chart = _Laid("\n".join(chart_lines(sessions, self.options.ascii_only)))
        return self._render(
            _t(_(HISTORY_TITLE), style="bold"),
            *self._grid(Grid(columns, tuple(rows))),
            _t(""),
            chart,
        )

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str:
        if not exercises:
            return self._render(_t(_("No exercise matches.")))
        # The name, and under it the id to type for 'kneefit show'; then the dose; the rest
        # when there is room. The kind only when the list mixes kinds.
        kinds = len({e.category for e in exercises}) > 1
        columns = (
            Column(_("Exercise"), at_least=20, at_most=30),
            Column(_("Dose"), at_least=24, at_most=48, grow=1),
            Column(_("Equipment"), optional=1, at_least=9, grow=2),
            Column(_("Level"), optional=2),
            Column(_("Kind"), optional=3),
            Column(_("Works"), optional=4, at_least=20, grow=2, style="dim"),
        )
        rows: list[Row | Band] = [
            (
                cell(Piece(e.name, "bold"), Piece(e.id, "dim")),
                cell(dose_line(e.dose)),
                cell(equipment_text(e)),
                cell(value_word(e.level.value)),
                cell(value_word(e.category.value) if kinds else ""),
                cell(muscles_text(e)),
            )
            for e in exercises
        ]
        count = len(exercises)
        footer = _t(
            ngettext("{count} exercise.", "{count} exercises.", count).format(count=count)
            + " "
            + _("'kneefit show ID' shows one in full; its ID is under its name.")
        )
        return self._render(*self._grid(Grid(columns, tuple(rows))), _t(""), footer)

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str:
        easier, harder = variant_names(exercise, catalogue)
        table = Table(box=self.box, show_header=False, show_lines=True)
        table.add_column("Field", style="bold", no_wrap=True)
        table.add_column("Value", overflow="fold")
        rows = [
            (
                _("Kind"),
                f"{value_word(exercise.category.value)}, {value_word(exercise.level.value)}",
            ),
            (_("Dose"), dose_line(exercise.dose)),
            (_("Works"), muscles_text(exercise)),
            (_("Equipment"), equipment_text(exercise)),
        ]
        if exercise.aliases:
            rows.insert(0, (_("Also called"), ", ".join(exercise.aliases)))
        if exercise.knee_load:
            rows.append(
                (_("Knee load"), ", ".join(value_word(t.value) for t in exercise.knee_load))
            )
        if easier:
            rows.append((_("Easier"), easier))
        if harder:
            rows.append((_("Harder"), harder))
        for label, value in rows:
            table.add_row(_t(label), _t(value))
        table.add_row(_t(_("How to do it")), self._how(exercise))
        sources = [source_text(s) for s in catalogue.sources_for(exercise.source_ids)]
        return self._render(
            Group(_t(exercise.name, style="bold"), table),
            self._sources(sources),
            _t(_(NOT_MEDICAL_ADVICE), style="italic"),
        )

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str:
        """A table of the conditions (each with its id, for -c; whether to see a clinician
        first: 'yes', or 'advised' where it is not required but wise; the program), then what
        each one rules out, limits and favours, as text."""
        columns = (
            Column(_("Condition"), at_least=16, grow=1),
            Column(_("Clinician first")),
            Column(_("Program"), at_least=24, at_most=48),
            Column(_("Also called"), optional=1, at_least=20, grow=3, style="dim"),
        )
        rows: list[Row | Band] = [
            (
                cell(Piece(c.name, "bold"), Piece(c.id, "dim")),
                cell(_("yes") if c.see_clinician_first else _("advised")),
                cell(program_text(c, catalogue) or "-"),
                cell(", ".join(c.aliases)),
            )
            for c in conditions
        ]
        details = TextRenderer(self.options).conditions(conditions, catalogue)
        return self._render(
            *self._grid(Grid(columns, tuple(rows))), _t(""), _Laid(details.rstrip("\n"))
        )

    def swaps(self, found: Swaps) -> str:
        """An exercise's safe alternatives as a table, best first, each with its reasons."""
        original = found.exercise
        head = swap_head(original)
        parts: list[RenderableType] = [_t(head, style="bold")]
        if found.not_for_you:
            parts.append(_t("! " + not_for_you_text(original, found.not_for_you), style="yellow"))
        if not found.alternatives:
            parts.append(_t(_("No safe alternative fits these conditions, level and equipment.")))
            return self._render(*parts)
        columns = (
            Column("#", right=True),
            Column(_("Alternative"), at_least=16),
            Column(_("Why it is safe"), at_least=30, at_most=60, grow=1),
            Column(_("Dose"), optional=1, at_least=20, grow=2, style="dim"),
        )
        rows: list[Row | Band] = [
            (
                cell(str(number)),
                cell(Piece(alt.exercise.name, "bold"), Piece(alt.exercise.id, "dim")),
                cell(*(Piece(f"- {qualifies_text(reason)}", hang=2) for reason in alt.reasons)),
                cell(dose_line(alt.exercise.dose)),
            )
            for number, alt in enumerate(found.alternatives, 1)
        ]
        use = swap_use_text(original, found.alternatives[0].exercise)
        return self._render(
            *parts, _t(""), *self._grid(Grid(columns, tuple(rows), spaced=True)), _t(""), _t(use)
        )

    # The check-ins and the report are text on a terminal too: the same lines at 78 columns.
    def checkins(self, checkins: Sequence[CheckIn]) -> str:
        return TextRenderer(self.options).checkins(checkins)

    def report(self, report: Report) -> str:
        return TextRenderer(self.options).report(report)
