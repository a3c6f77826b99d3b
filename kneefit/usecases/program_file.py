"""`kneefit program new`: a program file written from the planner, for a clinician to edit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from kneefit.catalogue import Catalogue
from kneefit.environment import Environment
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
    review: date | None = None,
    boosters: Sequence[date] = (),
) -> NewProgram:
    """A program for ``ask`` (a one-off plan, without the log), to edit and hand out."""
    from kneefit.render.program_file import program_from_routine

    one_off = replace(ask, days=None, weeks=1, history=False)
    routine = make_plan(catalogue, one_off, env).schedule.routine
    count = sum(len(s.items) for s in routine.sections)
    text = program_from_routine(routine, days_per_week, person, review, boosters, ask.knee)
    return NewProgram(text, count)
