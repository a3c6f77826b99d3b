"""A week (or several) at a glance: which session on which day, built from one routine.

Session days are spread over the week. Strength work goes on session days that are not
back to back (at most four a week); the other session days are mobility days (the warm-up,
stretches and release). Each exercise appears on no more days than its dose's
``days_per_week``; the warm-up is on every session day. Later weeks step doses up gently
(reps, then hold time), within the references' ranges and the time budget, never to a
harder variant: that is for the session log to decide (see :mod:`kneefit.progression`).
"""

from __future__ import annotations

from datetime import date, timedelta

from kneefit.models import (
    Day,
    PlannedExercise,
    Routine,
    Schedule,
    Section,
    SectionKind,
)
from kneefit.planner import dose_minutes
from kneefit.progression import fit_to_budget, step_dose

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


def strength_days(session_days: tuple[int, ...]) -> tuple[int, ...]:
    """The session days for strength: the earliest ones that are never back to back."""
    chosen: list[int] = []
    for day in session_days:
        if not chosen or day - chosen[-1] > 1:
            chosen.append(day)
    return tuple(chosen)


def _week_sections(routine: Routine, week: int) -> list[list[PlannedExercise]]:
    """The routine's sections, doses stepped up once per week after the first."""
    planned: list[list[PlannedExercise]] = []
    for section in routine.sections:
        items: list[PlannedExercise] = []
        for item in section.items:
            dose = item.dose
            for _ in range(week):
                dose = step_dose(item.exercise, dose, 1)
            if dose == item.dose:
                items.append(item)
            else:
                items.append(item.model_copy(update={"dose": dose, "minutes": dose_minutes(dose)}))
        planned.append(items)
    fit_to_budget(planned, routine.request.minutes)
    return planned


def build(routine: Routine, days_per_week: int, weeks: int, start: date) -> Schedule:
    """``weeks`` weeks of ``days_per_week`` sessions from ``routine``, from ``start``."""
    sessions = SESSION_DAYS[days_per_week]
    strength = strength_days(sessions)
    safe = routine.safety.pain_rule.safe_max
    days: list[Day] = []
    notes: list[str] = []
    for week in range(weeks):
        planned = _week_sections(routine, week)
        if week:
            notes.append(
                f"Week {week + 1}: a little more than week {week}: strength exercises "
                "2 more reps or 5 s longer holds, stretches 5 s longer, within the "
                "references' ranges. Only if week "
                f"{week} went well (pain up to {safe}/10, no worse the next morning); otherwise "
                f"repeat week {week}."
            )
        used: dict[str, int] = {}
        for offset in range(7):
            when = start + timedelta(days=week * 7 + offset)
            if offset not in sessions:
                days.append(Day(week=week + 1, day=offset + 1, date=when, focus="rest"))
                continue
            is_strength = offset in strength
            sections: list[Section] = []
            for section, items in zip(routine.sections, planned, strict=True):
                if section.kind is SectionKind.STRENGTH and not is_strength:
                    continue
                chosen = [
                    item
                    for item in items
                    if section.kind is SectionKind.WARM_UP
                    or used.get(item.exercise.id, 0) < item.dose.days_per_week
                ]
                for item in chosen:
                    used[item.exercise.id] = used.get(item.exercise.id, 0) + 1
                if chosen:
                    sections.append(Section(kind=section.kind, items=tuple(chosen)))
            has_strength = any(s.kind is SectionKind.STRENGTH for s in sections)
            days.append(
                Day(
                    week=week + 1,
                    day=offset + 1,
                    date=when,
                    focus="strength" if has_strength else "mobility",
                    sections=tuple(sections),
                )
            )
    return Schedule(
        routine=routine,
        days_per_week=days_per_week,
        weeks=weeks,
        start=start,
        days=tuple(days),
        week_notes=tuple(notes),
    )
