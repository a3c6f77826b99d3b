"""Sessions laid out over days and weeks: which session on which day, and what it holds.

Session days are spread over the week. Strength work goes on session days that are not
back to back (at most four a week); the other session days are mobility days (the warm-up,
balance, stretches and release). Each day's session is chosen afresh with the day's date as
the planner's seed, so equivalent exercises take turns, and an exercise is done on no more
days than its dose's ``days_per_week``. Later weeks step doses up gently (reps, then hold
time), within the references' ranges and the time budget, never to a harder variant: that
is for the session log to decide (see :mod:`kneefit.progression`). A one-off plan is a
schedule of one day.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from kneefit.catalogue import Catalogue
from kneefit.dosing import Candidate, step_dose
from kneefit.errors import Given, Option, UsageError
from kneefit.i18n import _
from kneefit.models import (
    Category,
    Condition,
    Day,
    DayFocus,
    PlanRequest,
    Routine,
    Schedule,
    Section,
    SectionKind,
)
from kneefit.planner import Focus, Selection, assemble, fit_selection, select
from kneefit.progression import Decision, apply
from kneefit.reasons import LittleMoreThanLastWeek, SameAsLastWeek

#: Which days of the week (0 = the start day) hold a session, for 1 to 7 sessions a week.
SESSION_DAYS: dict[int, tuple[int, ...]] = {
    1: (0,),
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 2, 4, 6),
    5: (0, 1, 2, 4, 5),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}


def sessions_a_week(conditions: Sequence[Condition], asked: int) -> int:
    """The sessions a week to plan for ``asked``: no more than any condition allows (its
    ``max_days_per_week``, for the rest days between sessions it needs)."""
    caps = [
        c.limits.max_days_per_week
        for c in conditions
        if c.limits is not None and c.limits.max_days_per_week is not None
    ]
    return min([asked, *caps])


def strength_days(session_days: tuple[int, ...]) -> tuple[int, ...]:
    """The session days for strength: the earliest ones that are never back to back."""
    chosen: list[int] = []
    for day in session_days:
        if not chosen or day - chosen[-1] > 1:
            chosen.append(day)
    return tuple(chosen)


@dataclass(frozen=True)
class Layout:
    """How many sessions, over how many weeks, from when, at what time."""

    days_per_week: int
    weeks: int
    start: date
    at: time | None = None
    one_off: bool = False
    #: Minutes before each session that a calendar reminds (None: no reminder).
    remind: int | None = None


def session(
    catalogue: Catalogue,
    request: PlanRequest,
    decision: Decision | None,
    when: date,
    *,
    week: int = 0,
    focus: Focus = Focus.FULL,
    avoid: frozenset[str] = frozenset(),
    recent: Mapping[str, int] | None = None,
    adjust: Callable[[Routine], Routine] | None = None,
) -> Routine:
    """One session on ``when``: chosen, stepped ``week`` times, fitted to time once, then
    moved by the log's decision (none: the plan as chosen)."""
    selection = select(
        catalogue, request, seed=when.toordinal(), focus=focus, avoid=avoid, recent=recent
    )
    if week:
        selection = _stepped(selection, week)
    routine = assemble(selection, fit_selection(selection), catalogue)
    if adjust is not None:
        routine = adjust(routine)
    return routine if decision is None else apply(routine, catalogue, decision)


def _stepped(selection: Selection, week: int) -> Selection:
    """The selection with each dose stepped up ``week`` times (a later week of a plan)."""
    stepped = []
    for candidate in selection.candidates:
        dose = candidate.dose
        for _step in range(week):
            dose = step_dose(candidate.exercise, dose, 1)
        stepped.append(Candidate(candidate.exercise, dose, candidate.priority, candidate.core))
    return Selection(
        request=selection.request,
        conditions=selection.conditions,
        candidates=tuple(stepped),
        excluded=selection.excluded,
        warnings=selection.warnings,
        volume=selection.volume,
    )


def session_day(week: int, offset: int, when: date, sections: tuple[Section, ...]) -> Day:
    """A session day: a strength day if it holds strength work, otherwise a mobility day
    (a rest day when nothing is left for it)."""
    has_strength = any(s.kind is SectionKind.STRENGTH for s in sections)
    focus = DayFocus.STRENGTH if has_strength else DayFocus.MOBILITY
    return Day(
        week=week,
        day=offset + 1,
        date=when,
        focus=focus if sections else DayFocus.REST,
        sections=sections,
    )


def single(
    routine: Routine,
    when: date,
    at: time | None = None,
    made: datetime | None = None,
    remind: int | None = None,
) -> Schedule:
    """A one-off plan: ``routine`` as the one session of ``when``."""
    day = session_day(1, 0, when, tuple(s for s in routine.sections if s.items))
    return Schedule(
        routine=routine,
        days_per_week=1,
        weeks=1,
        start=when,
        at=at,
        days=(day,),
        one_off=True,
        made=made,
        remind=remind,
    )


def fixed_week(routine: Routine, layout: Layout, made: datetime | None = None) -> Schedule:
    """A routine that does not change from day to day (a clinician's program) laid out over
    ``layout``: strength on strength days, each exercise on no more days than its dose says,
    the warm-up every session day."""
    if layout.one_off:
        return single(routine, layout.start, layout.at, made, layout.remind)
    sessions = SESSION_DAYS[layout.days_per_week]
    strength = strength_days(sessions)
    days: list[Day] = []
    for week in range(layout.weeks):
        used: dict[str, int] = {}
        for offset in range(7):
            when = layout.start + timedelta(days=week * 7 + offset)
            if offset not in sessions:
                days.append(Day(week=week + 1, day=offset + 1, date=when, focus=DayFocus.REST))
                continue
            chosen = []
            for section in routine.sections:
                if section.kind is SectionKind.STRENGTH and offset not in strength:
                    continue
                items = tuple(
                    item
                    for item in section.items
                    if section.kind is SectionKind.WARM_UP
                    or used.get(item.exercise.id, 0) < item.dose.days_per_week
                )
                for item in items:
                    used[item.exercise.id] = used.get(item.exercise.id, 0) + 1
                if items:
                    chosen.append(replace(section, items=items))
            days.append(session_day(week + 1, offset, when, tuple(chosen)))
    notes = tuple(SameAsLastWeek(week) for week in range(2, layout.weeks + 1))
    return Schedule(
        routine=routine,
        days_per_week=layout.days_per_week,
        weeks=layout.weeks,
        start=layout.start,
        at=layout.at,
        days=tuple(days),
        week_notes=notes,
        made=made,
        remind=layout.remind,
    )


def build(
    catalogue: Catalogue,
    request: PlanRequest,
    decision: Decision | None,
    layout: Layout,
    made: datetime | None = None,
    adjust: Callable[[Routine], Routine] | None = None,
) -> Schedule:
    """The schedule of ``layout`` for ``request``: every day, rest days included.
    ``adjust`` changes each day's routine before the log's decision moves it (a clinician's
    swaps, exercises left out, a shorter program)."""
    sessions = SESSION_DAYS[layout.days_per_week]
    strength = strength_days(sessions)
    safe = catalogue.safety.pain_rule.safe_max
    days: list[Day] = []
    notes: list[LittleMoreThanLastWeek] = []
    first: Routine | None = None
    done_before: dict[str, int] = {}
    for week in range(layout.weeks):
        if week:
            notes.append(LittleMoreThanLastWeek(week + 1, safe))
        used: dict[str, int] = {}
        for offset in range(7):
            when = layout.start + timedelta(days=week * 7 + offset)
            if offset not in sessions:
                days.append(Day(week=week + 1, day=offset + 1, date=when, focus=DayFocus.REST))
                continue
            focus = Focus.FULL if offset in strength else Focus.MOBILITY
            avoid = frozenset(
                ident
                for ident, count in used.items()
                if count >= catalogue.exercises[ident].dose.days_per_week
                and catalogue.exercises[ident].category is not Category.CARDIO
            )
            routine = session(
                catalogue,
                request,
                decision,
                when,
                week=week,
                focus=focus,
                avoid=avoid,
                recent=done_before,
                adjust=adjust,
            )
            first = first or routine
            sections = tuple(s for s in routine.sections if s.items)
            for section in sections:
                for item in section.items:
                    used[item.exercise.id] = used.get(item.exercise.id, 0) + 1
                    done_before[item.exercise.id] = done_before.get(item.exercise.id, 0) + 1
            days.append(session_day(week + 1, offset, when, sections))
    assert first is not None
    ids = [s.id for s in first.sources]
    ids += [ref for d in days for s in d.sections for i in s.items for ref in i.exercise.source_ids]
    return Schedule(
        routine=replace(first, sources=catalogue.sources_for(ids)),
        days_per_week=layout.days_per_week,
        weeks=layout.weeks,
        start=layout.start,
        at=layout.at,
        days=tuple(days),
        week_notes=tuple(notes),
        one_off=layout.one_off,
        made=made,
        remind=layout.remind,
    )


def plan_schedule(
    catalogue: Catalogue,
    request: PlanRequest,
    decision: Decision | None,
    layout: Layout,
    made: datetime | None = None,
    adjust: Callable[[Routine], Routine] | None = None,
    phase: str | None = None,
) -> Schedule:
    """The plan for ``request``: from the conditions' programs where the catalogue has a
    program for each (the bundled one does), otherwise chosen slot by slot (:func:`build`),
    for a clinician's own condition that has none (then ``phase`` is a usage error)."""
    from kneefit.prescribe import phases_for
    from kneefit.stepping import progressed_routine

    conditions = [catalogue.conditions[c] for c in dict.fromkeys(request.conditions)]
    phases = phases_for(catalogue, conditions, phase)
    if phases is not None:
        # One routine, the same every session day, moved by the log's decision.
        routine = progressed_routine(catalogue, request, phases, decision)
        if adjust is not None:
            routine = adjust(routine)
        return fixed_week(routine, layout, made=made)
    if phase is not None:
        raise UsageError(
            _("needs conditions with a program; these have none"), given=Given(Option.PHASE)
        )
    return build(catalogue, request, decision, layout, made=made, adjust=adjust)
