"""For physiotherapists: program files, safe swaps, check-ins and the progress report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from kneefit.catalogue import Catalogue, read_text
from kneefit.environment import Environment, Places
from kneefit.log import CheckIn
from kneefit.models import Clearance, Exercise, Session
from kneefit.report import Report, build_report
from kneefit.swap import Alternative, alternatives
from kneefit.usecases.common import existing_log, opened_log
from kneefit.usecases.plan import PlanAsk, make_plan


@dataclass(frozen=True)
class NewProgram:
    """A program file's text, written from the planner, and how many exercises it holds."""

    text: str
    count: int


def new_program(
    catalogue: Catalogue,
    ask: PlanAsk,
    days_per_week: int,
    person: str | None,
    env: Environment,
) -> NewProgram:
    """A program for ``ask`` (a one-off plan, without the log), to edit and hand out."""
    from kneefit.program import program_from_routine

    one_off = replace(ask, days=None, weeks=1, history=False)
    routine = make_plan(catalogue, one_off, env).schedule.routine
    count = sum(len(s.items) for s in routine.sections)
    return NewProgram(program_from_routine(routine, days_per_week, person), count)


@dataclass(frozen=True)
class Swaps:
    """An exercise, why it may not suit this person itself, and its safe alternatives."""

    exercise: Exercise
    not_for_you: tuple[str, ...]
    alternatives: tuple[Alternative, ...]


def find_swaps(catalogue: Catalogue, name: str, ask: PlanAsk) -> Swaps:
    """The alternatives to the exercise ``name`` for the request ``ask``, best first."""
    from kneefit.planner import exclusion_reasons
    from kneefit.usecases.plan import resolve

    original = catalogue.exercise(name)
    request = resolve(catalogue, ask)
    conditions = [catalogue.conditions[c] for c in request.conditions]
    itself = exclusion_reasons(original, conditions, request.level, request.equipment)
    found = alternatives(original, catalogue, request)
    return Swaps(original, tuple(itself), tuple(found))


@dataclass(frozen=True)
class CheckedIn:
    checkin: CheckIn
    replaced: bool


def record_checkin(checkin: CheckIn, env: Environment) -> CheckedIn:
    """Record a check-in (one a day: a second one replaces the first)."""
    with opened_log(env.places) as log:
        return CheckedIn(checkin, log.add_checkin(checkin, env.now))


def earlier_activities(places: Places) -> tuple[str, ...]:
    """The activities of the last check-in, to ask about again."""
    with existing_log(places) as log:
        found = log.checkins() if log is not None else []
    return tuple(a for a, _ in found[-1].activities) if found else ()


def make_report(
    catalogue: Catalogue,
    env: Environment,
    since: date | None,
    program: Path | None = None,
    days: int | None = None,
) -> Report:
    """The follow-up report: from the log (sessions, check-ins, clearances), against the
    program's sessions a week (or ``days``, or 3)."""
    from kneefit.program import parse_program

    per_week, person = days or 3, None
    if program is not None:
        written = parse_program(read_text(program), str(program)).data
        per_week, person = written.days_per_week, written.name
    sessions: Sequence[Session] = ()
    checkins: Sequence[CheckIn] = ()
    clearances: Sequence[Clearance] = ()
    with existing_log(env.places) as log:
        if log is not None:
            sessions, checkins, clearances = log.sessions(), log.checkins(), log.clearances()
    return build_report(
        list(sessions),
        list(checkins),
        per_week,
        since,
        env.today,
        catalogue.safety.pain_rule,
        person,
        clearances=list(clearances),
    )
