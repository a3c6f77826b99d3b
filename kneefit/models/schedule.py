"""Several weeks of sessions built from one routine: days, appointments and the
bad-day (flare-up) session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as date_
from datetime import datetime as datetime_
from datetime import time as time_
from enum import Enum
from typing import TYPE_CHECKING, Literal

from kneefit.models.dose import Dose
from kneefit.models.exercise import Exercise
from kneefit.models.routine import Routine, Section
from kneefit.models.safety import FlarePlan

if TYPE_CHECKING:
    from kneefit.reasons import Notice


class DayFocus(str, Enum):
    """What a day of a schedule is for."""

    STRENGTH = "strength"
    MOBILITY = "mobility"
    REST = "rest"


@dataclass(frozen=True, kw_only=True)
class Day:
    """One day of a schedule: a session (its sections) or a rest day (no sections)."""

    week: int
    day: int
    date: date_
    focus: DayFocus
    sections: tuple[Section, ...] = ()

    def __post_init__(self) -> None:
        if self.week < 1 or not 1 <= self.day <= 7:
            raise ValueError(f"no such day of a schedule: week {self.week}, day {self.day}")

    @property
    def rest(self) -> bool:
        return not self.sections

    @property
    def minutes(self) -> float:
        return round(sum(i.minutes for s in self.sections for i in s.items), 1)


@dataclass(frozen=True)
class Appointment:
    """A date with the physiotherapist that a program names: a review of the programme, or a
    booster session (a check-up that helps people keep up their exercises)."""

    date: date_
    kind: Literal["review", "booster"]


@dataclass(frozen=True, kw_only=True)
class FlareExercise:
    """One exercise of a bad day's session: the easier variant where there is one this
    person may do (``instead_of`` the routine's exercise), at a lighter dose."""

    exercise: Exercise
    dose: Dose
    #: The routine's dose of the exercise it stands for (what the handout's card says).
    full: Dose
    instead_of: Exercise | None = None


@dataclass(frozen=True, kw_only=True)
class FlareUp:
    """The flare-up plan for one routine: the catalogue's plan and its lighter session."""

    plan: FlarePlan
    exercises: tuple[FlareExercise, ...]


@dataclass(frozen=True, kw_only=True)
class Schedule:
    """Several weeks of sessions built from one routine, and when to do them."""

    routine: Routine
    days_per_week: int
    weeks: int
    start: date_
    #: When sessions start (a calendar's events); None for the calendar's default.
    at: time_ | None = None
    days: tuple[Day, ...]
    #: What each week after the first says (typed: the renderers word it).
    week_notes: tuple[Notice, ...] = ()
    #: A one-off session rather than a week's plan (``plan`` without ``--days``).
    one_off: bool = False
    #: When the plan was made (a calendar's DTSTAMP), passed in by the caller.
    made: datetime_ | None = None
    #: Minutes before each session that a calendar file reminds; None for no reminder.
    remind: int | None = None
    #: The program's review and booster dates (a calendar's all-day events).
    appointments: tuple[Appointment, ...] = ()
    #: The bad-day session (kneefit.flare): None where the catalogue gives no flare-up plan.
    flare_up: FlareUp | None = None

    def __post_init__(self) -> None:
        if not (1 <= self.days_per_week <= 7 and 1 <= self.weeks <= 12):
            raise ValueError(f"no such schedule: {self.days_per_week} days, {self.weeks} weeks")
        if self.remind is not None and not 0 <= self.remind <= 10080:
            raise ValueError(f"a reminder must be 0 to 10080 minutes before, not {self.remind}")

    @property
    def session_days(self) -> tuple[Day, ...]:
        return tuple(d for d in self.days if not d.rest)
