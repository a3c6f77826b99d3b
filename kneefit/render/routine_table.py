"""One session's plan as a page of lines: the routine table first, how to do each exercise
below. The terminal's table (kneefit/render/table.py) styles these lines and the text format
(kneefit/render/text.py) prints them plain, so the two hold the same things in the same order.

The page opens with what a person needs at a glance, in this order: the plan's title and
request, the warnings that come before exercising (a clinician first, a red flag, what did
not fit), then the routine table (one row per exercise: its number, name, dose, rest, how
often, equipment, grouped by section with each section's minutes, and the total), then a
line on when to stop. With ``brief`` the page ends there. Then the program and progress, how
to do each exercise (by the table's numbers), the safety notes and the sources.

The table is the same size as a 30-minute plan's first screen: at 80 columns a 30-minute
plan's table ends within 24 lines (a test drives it in a terminal).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kneefit.exclusion_words import why_not_texts
from kneefit.i18n import N_, _, ngettext
from kneefit.models import Dose, Exercise, PlannedExercise, Routine, Section, Source
from kneefit.render.columns import Band, Column, Grid, Line, Piece, Row, cell, lay_out, wrap
from kneefit.render.common import (
    NOT_MEDICAL_ADVICE,
    PROGRAM_TITLE,
    PROGRESS_TITLE,
    RED_FLAGS_TITLE,
    dose_line,
    dose_text,
    equipment_request_text,
    equipment_text,
    frequency_text,
    knee_text,
    muscles_text,
    plan_warnings,
    program_lines,
    progression_lines,
    request_text,
    safety_lines,
    side_first_text,
    source_text,
)
from kneefit.value_words import value_word

TITLE = N_("kneefit: your knee routine")
WARNINGS_TITLE = N_("Before you start")
HOW_TITLE = N_("How to do each exercise")
#: The widest a paragraph is on a wide terminal (the table may be wider).
PROSE_WIDTH = 100


@dataclass(frozen=True)
class Look:
    """How the page is drawn: its width, and whether headings are styled (a terminal) or
    underlined with ``=`` and ``-`` (plain text)."""

    width: int
    styled: bool
    #: The character of the line under the table's column headings; None: the headings
    #: are underlined instead (a terminal that shows styles).
    rule: str | None = "-"

    @property
    def measure(self) -> int:
        """How wide paragraphs are: the width, but no wider than lines are easy to read."""
        return min(self.width, PROSE_WIDTH)


# ---------------------------------------------------------------------- the routine table


def numbered(routine: Routine) -> list[tuple[int, PlannedExercise]]:
    """Each exercise of the session with its number in the table: 1, 2, ... in order."""
    items = [item for section in routine.sections for item in section.items]
    return list(enumerate(items, 1))


def _rest(dose: Dose) -> str:
    if dose.sets > 1 and dose.rest_seconds:
        return _("{seconds} s").format(seconds=dose.rest_seconds)
    return ""


def _without_rest(dose: Dose) -> str:
    """The dose in the catalogue's words, its rest left to a column of its own."""
    return dose_text(dose.model_copy(update={"rest_seconds": 0}))


def _often(dose: Dose) -> str:
    """How often, in a column: 'daily' or '3 a week'."""
    if dose.days_per_week == 7:
        return _("daily")
    return _("{days} a week").format(days=dose.days_per_week)


def _one_frequency(section: Section) -> bool:
    return len({item.dose.days_per_week for item in section.items}) == 1


def _section_heading(section: Section, with_frequency: bool) -> str:
    minutes = sum(i.minutes for i in section.items)
    often = f", {frequency_text(section.items[0].dose)}" if with_frequency else ""
    return _("{section} (about {minutes} min{often})").format(
        section=_(section.title), minutes=f"{minutes:.0f}", often=often
    )


def total_text(routine: Routine) -> str:
    count = sum(len(s.items) for s in routine.sections)
    return ngettext(
        "Total: {count} exercise, about {minutes} min",
        "Total: {count} exercises, about {minutes} min",
        count,
    ).format(count=count, minutes=f"{routine.estimated_minutes:.0f}")


def routine_grid(routine: Routine) -> Grid:
    """The routine table: a row for each exercise, under its section's heading, then the
    total. How often goes in each section's heading when the section's exercises share it,
    and in a column of its own when they do not; the muscles worked show when there is room.
    """
    sections = [s for s in routine.sections if s.items]
    in_headings = all(_one_frequency(s) for s in sections)
    columns = (
        Column("#", right=True),
        # The dose matters most: a name wraps before it does.
        Column(_("Exercise"), at_least=14, at_most=14, grow=1, style="bold"),
        Column(_("Dose"), at_least=20),
        Column(_("Rest")),
        Column(_("How often"), grow=1),
        Column(_("Equipment"), at_least=9, grow=1),
        Column(_("Works"), optional=1, at_least=24, grow=2, style="dim"),
    )
    rows: list[Row | Band] = []
    number = 0
    for section in sections:
        rows.append(Band(Piece(_section_heading(section, in_headings), "bold"), column=1))
        for item in section.items:
            number += 1
            rows.append(
                (
                    cell(str(number)),
                    cell(item.exercise.name),
                    cell(_without_rest(item.dose)),
                    cell(_rest(item.dose)),
                    cell("" if in_headings else _often(item.dose)),
                    cell(equipment_text(item.exercise)),
                    cell(muscles_text(item.exercise)),
                )
            )
    rows.append(Band(Piece(total_text(routine), "bold"), column=1))
    return Grid(columns, tuple(rows))


def safety_line(routine: Routine, *, brief: bool) -> str:
    """When to stop, under the table: the pain limit and the warning signs."""
    limit = routine.safety.pain_rule.acceptable_max
    where = (
        _("('kneefit plan' without --brief lists them)") if brief else _("(under Safety, below)")
    )
    return _(
        "Stop an exercise if its pain goes above {limit} out of 10. At any warning sign "
        "{where}, stop and see a clinician now."
    ).format(limit=limit, where=where)


# ---------------------------------------------------------------------- the page's pieces


BLANK: Line = ()


def _para(
    text: str, look: Look, indent: str = "", hanging: str | None = None, style: str = ""
) -> list[Line]:
    return [
        ((line, style),) if line else BLANK for line in wrap(text, look.measure, indent, hanging)
    ]


def _heading(text: str, look: Look, mark: str) -> list[Line]:
    """A heading: bold on a terminal; underlined with ``mark`` in plain text."""
    if look.styled:
        return [((text, "bold"),)]
    return [((text, ""),), ((mark * min(len(text), look.measure), ""),)]


def _titled(text: str, look: Look, style: str = "") -> list[Line]:
    """A group's title, as the text format has always written it: 'Your program:'."""
    return [((f"{text}:", f"bold {style}".strip()),)]


def _bullets(
    items: Iterable[str], look: Look, indent: str, bullet: str = "- ", style: str = ""
) -> list[Line]:
    lines: list[Line] = []
    for item in items:
        hanging = indent + " " * len(bullet)
        lines += _para(item, look, indent + bullet, hanging, style)
    return lines


def _numbers(items: Iterable[str], look: Look, indent: str) -> list[Line]:
    lines: list[Line] = []
    for number, item in enumerate(items, 1):
        label = f"{number}. "
        lines += _para(item, look, indent + label, indent + " " * len(label))
    return lines


def _field(label: str, value: str, look: Look, indent: str, style: str = "") -> list[Line]:
    return _para(f"{label}: {value}", look, indent, indent + "  ", style)


# ---------------------------------------------------------------------- the page


def _top(routine: Routine, look: Look) -> list[Line]:
    """The title, the request, and the warnings: in plain text as the text format has always
    begun; on a terminal in as few lines as they fit (the warnings marked, in colour), so
    that a 30-minute plan's table, and with --brief all of it, fits a screen of 24 lines."""
    warnings = plan_warnings(routine)
    if not look.styled:
        lines = _heading(_(TITLE), look, "=")
        lines += _para(request_text(routine), look)
        lines += _para(equipment_request_text(routine), look)
        lines += [BLANK, *_para(_(NOT_MEDICAL_ADVICE), look)]
        if warnings:
            lines += [BLANK, *_titled(_(WARNINGS_TITLE), look)]
            lines += _bullets(warnings, look, "  ", "! ")
        return lines
    lines = _para(_title_line(routine), look, style="bold")
    lines += _para(equipment_request_text(routine), look)
    lines += _para(_(NOT_MEDICAL_ADVICE), look, style="italic")
    lines += _bullets(warnings, look, "", "! ", "yellow")
    return lines


def _title_line(routine: Routine) -> str:
    """'kneefit: your knee routine for Osteoarthritis; level beginner; 30 minutes'."""
    request = routine.request
    names = ", ".join(c.name for c in routine.conditions)
    knee = f"; {knee_text(routine.knee)}" if routine.knee is not None else ""
    title = _("{title} for {names}").format(title=_(TITLE), names=names) if names else _(TITLE)
    line = _("{title}{knee}; level {level}; {minutes} minutes").format(
        title=title, knee=knee, level=value_word(request.level.value), minutes=request.minutes
    )
    first = side_first_text(routine)
    return f"{line}. {first}" if first else line


def _table(routine: Routine, look: Look) -> list[Line]:
    if not any(s.items for s in routine.sections):
        return _para(_("No exercises in this plan."), look, style="bold")
    return lay_out(routine_grid(routine), look.width, rule=look.rule)


def _ending(routine: Routine, look: Look, brief: bool) -> list[Line]:
    """The safety line under the table; none under a plan with no exercise (a red flag's
    plan), whose warnings already say to stop."""
    if not any(s.items for s in routine.sections):
        return []
    # On a terminal it follows the table's total at once, so that with --brief a
    # 30-minute plan fits a screen of 24 lines, title and all.
    blank = [] if look.styled else [BLANK]
    return [*blank, *_para(safety_line(routine, brief=brief), look)]


def _about(routine: Routine, look: Look) -> list[Line]:
    lines: list[Line] = []
    if routine.program is not None:
        lines += [BLANK, *_titled(_(PROGRAM_TITLE), look)]
        lines += _bullets(program_lines(routine.program), look, "  ")
    if routine.progression is not None:
        lines += [BLANK, *_titled(_(PROGRESS_TITLE), look, "cyan")]
        lines += _bullets(progression_lines(routine.progression), look, "  ", style="cyan")
    for condition in routine.conditions:
        if condition.notes:
            lines += [BLANK, *_titled(_("About {name}").format(name=condition.name), look)]
            lines += _bullets(condition.notes, look, "  ")
    return lines


def how_to_lines(
    exercise: Exercise, dose: str, look: Look, indent: str, refs: str | None
) -> list[Line]:
    """How to do one exercise: its dose, what it works, its equipment, its steps and cues,
    its note, where its picture is, and its sources."""
    lines = _field(_("Dose"), dose, look, indent)
    lines += _field(_("Works"), muscles_text(exercise), look, indent)
    lines += _field(_("Equipment"), equipment_text(exercise), look, indent)
    lines.append(((indent + _("How to do it") + ":", ""),))
    lines += _numbers(exercise.steps, look, indent + "  ")
    if exercise.cues:
        lines.append(((indent + _("Form cues") + ":", ""),))
        lines += _bullets(exercise.cues, look, indent + "  ", style="italic")
    if exercise.notes:
        lines += _field(_("Note"), exercise.notes, look, indent, "dim")
    if exercise.poses is not None:
        picture = f"kneefit show {exercise.id} -o {exercise.id}.svg"
        lines += _field(_("Picture"), picture, look, indent, "dim")
    if refs:
        lines += _field(_("Sources"), refs, look, indent, "dim")
    return lines


def _how(routine: Routine, look: Look) -> list[Line]:
    numbers = {s.id: n for n, s in enumerate(routine.sources, 1)}
    lines = [BLANK, *_heading(_(HOW_TITLE), look, "-")]
    for number, item in numbered(routine):
        label = f"{number}. "
        name = _para(item.exercise.name, look, label, " " * len(label), "bold")
        refs = ", ".join(f"[{numbers[s]}]" for s in item.exercise.source_ids if s in numbers)
        lines += [BLANK, *name]
        lines += how_to_lines(item.exercise, dose_line(item.dose), look, "   ", refs)
    return lines


def safety_notes(routine: Routine, look: Look) -> list[Line]:
    """The safety notes in full: the pain rule, discomfort, a clinician first, the red
    flags (in red on a terminal), pain that lasts."""
    lines = _heading(_("Safety"), look, "-")
    for title, items in safety_lines(routine.safety, routine.conditions):
        style = "red" if title == _(RED_FLAGS_TITLE) else ""
        lines += [BLANK, *_titled(title, look, style)]
        lines += _bullets(items, look, "  ", style=style)
    return lines


def source_list(sources: Sequence[Source], look: Look) -> list[Line]:
    lines = _heading(_("Sources"), look, "-")
    for number, source in enumerate(sources, 1):
        label = f"[{number}] "
        lines += _para(source_text(source), look, label, " " * len(label), "dim")
    return lines


def session_page(routine: Routine, look: Look, *, explain: bool, brief: bool) -> list[Line]:
    """One session's plan: the routine table first (and, unless ``brief``, the rest)."""
    lines = [*_top(routine, look), BLANK, *_table(routine, look)]
    lines += _ending(routine, look, brief)
    if brief:
        return lines
    lines += _about(routine, look)
    if any(s.items for s in routine.sections):
        lines += _how(routine, look)
    lines += [BLANK, *safety_notes(routine, look)]
    if explain and routine.excluded:
        lines += [BLANK, *_heading(_("Left out for you"), look, "-")]
        lines += _bullets(
            (f"{e.name} ({e.id}): {'; '.join(why_not_texts(e.reasons))}" for e in routine.excluded),
            look,
            "  ",
        )
    lines += [BLANK, *source_list(routine.sources, look)]
    return lines
