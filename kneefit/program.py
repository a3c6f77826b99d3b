"""Program files: a routine a clinician writes in YAML, checked for safety like any plan.

A program names the person (optionally), their conditions, level, equipment and days a
week, then the exercises in order, each with an optional dose override and note, and the
clinician's notes. It is validated with the same located errors as a catalogue file, and
every exercise is screened against the listed conditions, level and equipment: one that a
rule leaves out is refused unless the entry gives a clinician's reason
(``clinician_override``), which the plan then prints. Nothing here reads files or the clock.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from kneefit.catalogue import Catalogue
from kneefit.cautions import (
    Caution,
    ClinicianAppointments,
    ClinicianNotes,
    ClinicianOverride,
    ClinicianProgram,
    FollowClinician,
)
from kneefit.dosing import dose_minutes
from kneefit.errors import Problem, ProblemError, UnknownNameError
from kneefit.exclusion_words import sentences, why_not_texts
from kneefit.i18n import _
from kneefit.models import (
    Appointment,
    Condition,
    Dose,
    Equipment,
    Exercise,
    Knee,
    Level,
    Name,
    PlannedExercise,
    PlanRequest,
    Routine,
    Section,
    SectionKind,
    Text,
)
from kneefit.planner import SECTION_OF
from kneefit.reasons import Changed, ChangeKind
from kneefit.screening import exclusion_reasons, screen

if TYPE_CHECKING:
    from kneefit.locator import Locator
    from kneefit.progression import Decision

#: The "kneefit_program" value of the files this kneefit writes and reads.
PROGRAM_VERSION = 1
#: A home program longer than this is not a home program.
MAX_PROGRAM_EXERCISES = 30
#: Booster sessions a program may name: one a week for three months is already many.
MAX_APPOINTMENTS = 12


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class DoseOverride(_Strict):
    """The parts of an exercise's catalogue dose a clinician changes; the rest stays."""

    sets: Annotated[StrictInt, Field(ge=1, le=10)] | None = None
    reps: Annotated[StrictInt, Field(ge=1, le=100)] | None = None
    hold_seconds: Annotated[StrictInt, Field(ge=1, le=600)] | None = None
    minutes: Annotated[StrictInt, Field(ge=1, le=120)] | None = None
    rest_seconds: Annotated[StrictInt, Field(ge=0, le=600)] | None = None
    per_side: StrictBool | None = None
    days_per_week: Annotated[StrictInt, Field(ge=1, le=7)] | None = None


class ProgramEntry(_Strict):
    """One exercise of a program, in the order it is done."""

    exercise: Name
    dose: DoseOverride | None = None
    note: Text | None = None
    clinician_override: Text | None = None
    pin_dose: StrictBool = False


class ProgramFile(_Strict):
    """The schema of a program file."""

    kneefit_program: Literal[1] = 1
    name: Name | None = None
    conditions: Annotated[tuple[Name, ...], Field(max_length=20)] = ()
    level: Level = Level.BEGINNER
    equipment: tuple[Equipment, ...] = ()
    days_per_week: Annotated[StrictInt, Field(ge=1, le=7)] = 3
    minutes: Annotated[StrictInt, Field(ge=10, le=180)] | None = None
    pin_dose: StrictBool = False
    exercises: Annotated[
        tuple[ProgramEntry, ...], Field(min_length=1, max_length=MAX_PROGRAM_EXERCISES)
    ]
    notes: Text | None = None
    #: When the person sees the clinician again to review the programme (YYYY-MM-DD).
    review: date | None = None
    #: Booster sessions with the clinician (dates): check-ups between reviews.
    boosters: Annotated[tuple[date, ...], Field(max_length=MAX_APPOINTMENTS)] = ()
    #: Which knee the program is for: left, right or both (optional). On the plan, its
    #: handout and calendar, and in the log of sessions done from it.
    knee: Knee | None = None

    def appointments(self) -> tuple[Appointment, ...]:
        """The review and booster dates, in date order."""
        found = [Appointment(d, "booster") for d in self.boosters]
        if self.review is not None:
            found.append(Appointment(self.review, "review"))
        return tuple(sorted(found, key=lambda a: (a.date, a.kind)))


class Program:
    """A parsed program file and where each of its values stands in the file."""

    def __init__(self, data: ProgramFile, name: str, locator: Locator | None) -> None:
        self.data = data
        self.file = name
        self._locator = locator

    def problem(self, message: str, *path: int | str) -> Problem:
        """A problem located at ``path`` in the file (the place of that value)."""
        from kneefit.validation_messages import format_path

        mark = self._locator.locate(tuple(path)) if self._locator is not None else None
        return Problem(
            self.file,
            message,
            mark.line if mark else None,
            mark.column if mark else None,
            format_path(path),
        )


def parse_program(text: str, name: str) -> Program:
    """Validate a program file's text, with every problem named by line, column and field."""
    from dataclasses import replace

    from pydantic import ValidationError

    from kneefit import validation_messages, yamlread

    data, locator = yamlread.load(text, name)
    if data is None:
        raise ProblemError([Problem(name, _("is empty; a program needs a list of exercises"))])
    if not isinstance(data, dict):
        mark = locator.locate(())
        raise ProblemError(
            [
                Problem(
                    name,
                    _("the top level must be a mapping with 'exercises' and the person's details"),
                    mark.line if mark else None,
                    mark.column if mark else None,
                )
            ]
        )
    try:
        parsed = ProgramFile.model_validate(data)
    except ValidationError as exc:
        at_least_one = _("must hold at least {bound} item(s)").format(bound=1)
        problems = [
            replace(p, message=_("must list at least one exercise"))
            if p.path == "exercises" and p.message.startswith(at_least_one)
            else p
            for p in validation_messages.problems(exc, data, locator, name)
        ]
        raise ProblemError(problems, more=max(0, exc.error_count() - len(problems))) from None
    return Program(parsed, name, locator)


def _merged_dose(exercise: Exercise, override: DoseOverride | None) -> Dose:
    """The catalogue dose with the override's fields in place; minutes replace reps and holds."""
    base = exercise.dose.model_dump()
    if override is None:
        return exercise.dose
    changes = override.model_dump(exclude_none=True)
    timed = exercise.dose.minutes is not None
    if timed and ("reps" in changes or "hold_seconds" in changes):
        raise ValueError(
            _("{name} is done for minutes: give minutes, not reps or holds").format(
                name=exercise.name
            )
        )
    if not timed and "minutes" in changes:
        raise ValueError(
            _("{name} is done in reps or holds: give reps or hold_seconds, not minutes").format(
                name=exercise.name
            )
        )
    if "minutes" in changes:
        base["reps"] = base["hold_seconds"] = None
    elif "reps" in changes or "hold_seconds" in changes:
        base["minutes"] = None
    return Dose.model_validate(base | changes)


def pinned_ids(program: Program) -> frozenset[str]:
    """Ids of the exercises whose dose the clinician pinned (no progression)."""
    return frozenset(
        entry.exercise
        for entry in program.data.exercises
        if entry.pin_dose or program.data.pin_dose
    )


def routine_from_program(program: Program, catalogue: Catalogue) -> Routine:
    """The routine a program describes, after the same safety screen as every plan.

    Raises :class:`ProblemError` (exit code 1), every problem located in the file: an
    unknown condition or exercise, a dose that does not add up, an exercise listed twice,
    or an exercise that a condition, the level or the equipment rules out and for which the
    clinician gave no reason (``clinician_override``).
    """
    data = program.data
    problems: list[Problem] = []
    conditions = _conditions(program, catalogue, problems)
    items: dict[SectionKind, list[PlannedExercise]] = {kind: [] for kind in SectionKind}
    overrides: list[ClinicianOverride] = []
    seen: dict[str, int] = {}
    for index in range(len(data.exercises)):
        found = _entry(program, index, catalogue, conditions, seen)
        if isinstance(found, Problem):
            problems.append(found)
            continue
        item, override = found
        items[SECTION_OF[item.exercise.category]].append(item)
        if override is not None:
            overrides.append(override)
    if problems:
        raise ProblemError(problems)
    sections = tuple(Section(kind=kind, items=tuple(items[kind])) for kind in SectionKind)
    return _routine(program, catalogue, conditions, sections, overrides, set(seen))


def _conditions(program: Program, catalogue: Catalogue, problems: list[Problem]) -> list[Condition]:
    """The program's conditions, each once; a problem for each name that is none."""
    conditions: list[Condition] = []
    for index, label in enumerate(program.data.conditions):
        try:
            found = catalogue.condition(label)
        except UnknownNameError as exc:
            problems.append(program.problem(str(exc).splitlines()[0], "conditions", index))
            continue
        if found not in conditions:
            conditions.append(found)
    return conditions


def _entry(
    program: Program,
    index: int,
    catalogue: Catalogue,
    conditions: Sequence[Condition],
    seen: dict[str, int],
) -> tuple[PlannedExercise, ClinicianOverride | None] | Problem:
    """Exercise ``index`` of the program as planned, with the warning its clinician's
    override gives (if any); or the problem with it. ``seen`` notes the exercises listed so
    far, by the entry that first lists them."""
    from pydantic import ValidationError

    data = program.data
    entry = data.exercises[index]
    try:
        exercise = catalogue.exercise(entry.exercise)
    except UnknownNameError as exc:
        return program.problem(str(exc).splitlines()[0], "exercises", index, "exercise")
    if exercise.id in seen:
        return program.problem(
            _("{name} is already exercise {number}; list each exercise once").format(
                name=exercise.name, number=seen[exercise.id] + 1
            ),
            "exercises",
            index,
            "exercise",
        )
    seen[exercise.id] = index
    reasons = exclusion_reasons(exercise, conditions, data.level, frozenset(data.equipment))
    if reasons and entry.clinician_override is None:
        return program.problem(
            _(
                "{name} is refused. {reasons} Leave it out, or give a "
                'clinician\'s reason for it with clinician_override: "..."'
            ).format(name=exercise.name, reasons=sentences(reasons)),
            "exercises",
            index,
            "exercise",
        )
    try:
        dose = _merged_dose(exercise, entry.dose)
    except ValidationError as exc:
        message = str(exc.errors(include_url=False)[0]["msg"]).removeprefix("Value error, ")
        return program.problem(
            _("{problem} (for {name})").format(problem=message, name=exercise.name),
            "exercises",
            index,
            "dose",
        )
    except ValueError as exc:
        return program.problem(str(exc), "exercises", index, "dose")
    notes = []
    if entry.note:
        notes.append(_("From your physiotherapist: {note}").format(note=entry.note))
    override = None
    if reasons and entry.clinician_override is not None:
        why = "; ".join(r.rstrip(".") for r in why_not_texts(reasons))
        notes.append(
            _(
                "Included by your physiotherapist although it is {why}. Their reason: {reason}"
            ).format(why=why, reason=entry.clinician_override)
        )
        override = ClinicianOverride(exercise.name, tuple(reasons), entry.clinician_override)
    if exercise.notes:
        notes.append(exercise.notes)
    shown = exercise.model_copy(update={"notes": " ".join(notes)}) if notes else exercise
    return PlannedExercise(exercise=shown, dose=dose, minutes=dose_minutes(dose)), override


def _warnings(
    data: ProgramFile, conditions: Sequence[Condition], overrides: list[ClinicianOverride]
) -> list[Caution]:
    """What the plan says before the exercises: whose program, how often, the clinician's
    notes and overrides, and to follow the clinician where a condition needs one first."""
    warnings: list[Caution] = [ClinicianProgram(data.name or "", data.days_per_week)]
    if data.notes:
        warnings.append(ClinicianNotes(data.notes))
    if data.boosters or data.review is not None:
        warnings.append(ClinicianAppointments(tuple(sorted(data.boosters)), data.review))
    warnings += overrides
    first = tuple(c.name for c in conditions if c.see_clinician_first)
    if first:
        warnings.append(FollowClinician(first))
    return warnings


def _routine(
    program: Program,
    catalogue: Catalogue,
    conditions: list[Condition],
    sections: tuple[Section, ...],
    overrides: list[ClinicianOverride],
    in_program: set[str],
) -> Routine:
    """The routine of a program's checked ``sections``: its request, warnings, what the
    screen leaves out of the rest of the catalogue, and its sources."""
    data = program.data
    equipment = frozenset(data.equipment)
    total = sum(i.minutes for s in sections for i in s.items)
    minutes = data.minutes or max(10, min(180, 5 * math.ceil(total / 5)))
    request = PlanRequest(
        conditions=tuple(c.id for c in conditions),
        level=data.level,
        equipment=equipment,
        minutes=minutes,
    )
    _, excluded = screen(
        (e for e in catalogue.exercises.values() if e.id not in in_program),
        conditions,
        data.level,
        equipment,
    )
    source_ids = [ref for s in sections for i in s.items for ref in i.exercise.source_ids]
    source_ids += [ref for c in conditions for ref in c.sources]
    source_ids += list(catalogue.safety.cited)
    return Routine(
        request=request,
        conditions=tuple(conditions),
        sections=sections,
        estimated_minutes=round(total, 1),
        warnings=tuple(_warnings(data, conditions, overrides)),
        excluded=tuple(excluded),
        safety=catalogue.safety,
        sources=catalogue.sources_for(source_ids),
    )


def progress_program(
    routine: Routine, program: Program, catalogue: Catalogue, decision: Decision
) -> Routine:
    """Progression from the log, as for any plan, but pinned doses stay as written."""
    from kneefit import progression

    pinned = {catalogue.exercise(e).id for e in pinned_ids(program)}
    adapted = progression.apply(routine, catalogue, decision)
    if not pinned or adapted.progression is None:
        return adapted
    names = {i.exercise.id: i.exercise.name for s in routine.sections for i in s.items}
    sections = []
    for before, after in zip(routine.sections, adapted.sections, strict=True):
        items = list(after.items)
        for position, item in enumerate(before.items):
            if item.exercise.id in pinned and position < len(items):
                items[position] = item
        sections.append(replace(after, items=tuple(items)))
    pinned_names = [names[i] for i in sorted(pinned) if i in names]
    changes = [c for c in adapted.progression.changes if c.name not in pinned_names]
    if decision.stage != 0:
        changes += [Changed(ChangeKind.PINNED, n) for n in pinned_names]
    return replace(
        adapted,
        sections=tuple(sections),
        estimated_minutes=round(sum(i.minutes for s in sections for i in s.items), 1),
        progression=replace(adapted.progression, changes=tuple(changes)),
    )
