"""What a plan says before its exercises: typed records, not sentences.

The planner (:mod:`kneefit.planner`, :mod:`kneefit.prescribe`) and a clinician's program
(:mod:`kneefit.program`) return these in a routine's ``warnings``; the renderers word them
(:func:`kneefit.render.wording.caution_text`), so every sentence is in one place and can be
translated. Each record holds only the values its wording needs: names as the catalogue
gives them, numbers as numbers.
"""

from __future__ import annotations

from datetime import date

from kneefit.exclusions import NeedsKit, WhyNot
from kneefit.records import Record


class ConditionNote(Record):
    """A condition's first note, from the catalogue (its own words)."""

    text: str


class SeeClinicianFirst(Record):
    """A condition that needs a clinician's go-ahead before this routine."""

    condition: str


class LevelLowered(Record):
    """The person's conditions keep the plan at a lower level than they asked for."""

    level: str
    asked: str


class FloorNote(Record):
    """Floor exercises are planned and no mat was listed: a carpet or a towel will do."""


class NoWarmUpFits(Record):
    """No low-impact cardio fits for a warm-up (a plan chosen slot by slot)."""


class NoneFits(Record):
    """No exercise of a kind (``strength``, ``stretch``) fits at all, or none for one muscle
    group (``group``), for the person's conditions, level and equipment."""

    kind: str
    group: str | None = None


class NoRelease(Record):
    """No release exercise is planned, and why: ``catalogue`` (there is none), ``kit``
    (a foam roller or a ball would add one), or ``conditions``."""

    why: str


class DidNotFit(Record):
    """A core strength exercise left out of a session of ``minutes`` (slot by slot)."""

    exercise: str
    minutes: int


class RolesRuledOut(Record):
    """A program's roles that no exercise fills for the person's conditions, level and
    equipment (their values, ``quadriceps-closed-chain``: the renderers word them)."""

    roles: tuple[str, ...]


class RoleNeedsKit(Record):
    """A program role (its value) that only lacks kit: the exercise that would fill it,
    and what it needs."""

    role: str
    exercise: str
    needs: NeedsKit


class RoomToGrow(Record):
    """The plan takes fewer minutes than asked, keeping the rest as room to progress."""

    planned: float
    asked: int


class ProgramIsShort(Record):
    """The program at its full dose takes fewer minutes than asked; ``early``: a protected
    early phase, whose short session is repeated through the day rather than made longer."""

    planned: float
    asked: int
    early: bool = False


class LeftOut(Record):
    """Roles left out to fit the minutes; ``room``: to keep room to progress."""

    minutes: int
    exercises: tuple[str, ...]
    room: bool


class ClinicianProgram(Record):
    """A clinician's program file: for whom (empty: not named) and days a week."""

    name: str
    days_per_week: int


class ClinicianNotes(Record):
    """The notes in a clinician's program file, in their words."""

    text: str


class ClinicianOverride(Record):
    """An exercise a condition rules out, kept by the clinician: why it is ruled out (the
    screen's reasons) and the clinician's reason."""

    exercise: str
    ruled_out: tuple[WhyNot, ...]
    reason: str


class ClinicianAppointments(Record):
    """The booster sessions and the review a clinician's program file names (dates)."""

    boosters: tuple[date, ...]
    review: date | None


class FollowClinician(Record):
    """Conditions that need a clinician first, in a clinician's own program."""

    conditions: tuple[str, ...]


#: Everything a plan can say before its exercises.
Caution = (
    ConditionNote
    | SeeClinicianFirst
    | LevelLowered
    | FloorNote
    | NoWarmUpFits
    | NoneFits
    | NoRelease
    | DidNotFit
    | RolesRuledOut
    | RoleNeedsKit
    | RoomToGrow
    | ProgramIsShort
    | LeftOut
    | ClinicianProgram
    | ClinicianNotes
    | ClinicianOverride
    | ClinicianAppointments
    | FollowClinician
)
