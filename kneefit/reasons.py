"""Why the log moved a plan, and what it changed: typed records, not sentences.

Progression (:mod:`kneefit.progression`, :mod:`kneefit.stepping`) and the phases of a
program (:mod:`kneefit.phasing`) return these; the renderers word them
(:mod:`kneefit.render.wording`), for a terminal or a file with the command to type, for a
patient's handout without. Each record holds only the values its wording needs.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from kneefit.models import Dose
from kneefit.records import Record

# ---------------------------------------------------------------------- reasons


class RedFlagStands(Record):
    """A red flag is logged and no clinician has cleared it since: no exercises."""

    day: date
    flags: tuple[str, ...]


class ClearedByClinician(Record):
    """A clinician saw the knee; the plan resumes one step down."""

    day: date
    text: str


class NoSessions(Record):
    """Nothing logged yet: the plan as chosen, and how to log."""


class PainNotSettling(Record):
    """Every session for two weeks hurt more than the ceiling: see a clinician."""

    since: date
    ceiling: int


class MorningWorse(Record):
    """The morning after the last session was worse than the person's usual: step down."""

    day: date
    morning: int
    usual: float


class PainAboveCeiling(Record):
    """The last session hurt more than the ceiling: step down."""

    day: date
    pain: int
    ceiling: int


class PainRising(Record):
    """Pain has climbed over two weeks: hold."""

    earlier: float
    later: float


class FeltHard(Record):
    """The last session's effort was 8 or more: hold."""

    day: date
    effort: int


class OneSessionSoFar(Record):
    """One good session: one more like it, settled by morning, steps up."""

    day: date
    pain: int
    ceiling: int


class MorningNotLogged(Record):
    """Two good sessions, but not known to have settled by the next morning: hold."""


class EarlierMorningWorse(Record):
    """The morning after the session before the last was worse than usual: hold."""

    day: date


class EarlierPainAbove(Record):
    """The session before the last hurt more than allowed: hold."""

    day: date


class AtHighestStep(Record):
    """Two good sessions, and the plan has no step left to take: hold."""


class SteppingUp(Record):
    """Two good sessions, settled by the next morning: step up. ``made`` is False when the
    step found nothing to change (:class:`NothingLeftInPhase` says why): the person was
    ready for more, but the plan stays as it was."""

    days: tuple[date, date]
    pains: tuple[int, int]
    ceiling: int
    made: bool = True


class NothingLeftInPhase(Record):
    """A step up was due, but none is left: every exercise is at the top of the phase's
    ranges, or (``full``) the steps still open would take the session past its minutes."""

    full: bool = False


class FirstSessionOfPhase(Record):
    """The last session was the first of a new phase: one more before stepping up."""

    phase: str


class MovedOn(Record):
    """The log met a phase's criteria: the plan moves to the program's next phase."""

    program: str
    before: str
    #: The earlier phase's id, for ``--phase`` to stay in it.
    before_id: str
    after: str
    weeks: int
    sessions: int
    pain_at_most: int


class ReadyForNextPhase(Record):
    """At the top of a phase whose next phase needs a clinician's or the person's say-so."""

    phase: str
    next_phase: str
    next_id: str
    #: The condition that starts the next phase (say ``knee-replacement-cleared``): the
    #: person moves on by planning for it, not with ``--phase``.
    next_condition: str | None = None


class NoImprovement(Record):
    """The check-ins over the whole review span of the phase show no important improvement:
    see a clinician for a review (the plan carries on)."""

    weeks: int
    #: The check-ins compared, first and latest.
    since: date
    latest: date
    #: The measures both recorded (their names).
    measures: tuple[str, ...]


Reason = (
    RedFlagStands
    | ClearedByClinician
    | NoSessions
    | PainNotSettling
    | MorningWorse
    | PainAboveCeiling
    | PainRising
    | FeltHard
    | OneSessionSoFar
    | MorningNotLogged
    | EarlierMorningWorse
    | EarlierPainAbove
    | AtHighestStep
    | SteppingUp
    | NothingLeftInPhase
    | FirstSessionOfPhase
    | MovedOn
    | ReadyForNextPhase
    | NoImprovement
)


# ---------------------------------------------------------------------- changes


class ChangeKind(str, Enum):
    """What one change did to one exercise."""

    #: More reps, towards the top of the program's range.
    REPS = "reps"
    #: One more set, the reps at the top of the range.
    SET = "set"
    #: A longer hold.
    HOLD = "hold"
    #: A heavier weight, the reps falling (heavy slow resistance).
    LOAD = "load"
    #: Lighter than the program's starting dose (a step below it).
    LIGHTER = "lighter"
    #: The next exercise of its role in the program.
    VARIANT = "variant"
    #: The harder or easier variant the catalogue names (a plan chosen slot by slot).
    HARDER = "harder"
    EASIER = "easier"
    #: A new dose of the same exercise (a plan chosen slot by slot).
    DOSE = "dose"
    #: Left out to make room for a step up.
    LEFT_OUT = "left-out"
    #: Kept as the physiotherapist's program file pins it.
    PINNED = "pinned"


class Changed(Record):
    """One change to one exercise: from what to what, and whether it was taken back."""

    kind: ChangeKind
    name: str
    #: The exercise after the change (a variant's name; the same name otherwise).
    after_name: str = ""
    before: Dose | None = None
    after: Dose | None = None
    #: A step down that undid this change.
    taken_back: bool = False


# ---------------------------------------------------------------------- notices


class Shortened(Record):
    """``--max-exercises`` kept ``limit`` of ``total`` exercises, leaving these out."""

    limit: int
    total: int
    left_out: tuple[str, ...]


class SameAsLastWeek(Record):
    """A program's week after the first: the same exercises, moved on only by the log."""

    week: int


class LittleMoreThanLastWeek(Record):
    """A week of a plan chosen slot by slot: a little more than the week before, if it
    went well (pain up to ``safe``/10, no worse the next morning)."""

    week: int
    safe: int


#: What a plan or a week says besides its warnings.
Notice = Shortened | SameAsLastWeek | LittleMoreThanLastWeek

# ------------------------------------------------------- what 'plan' says beside the plan


class RestDaysCap(Record):
    """The conditions ask for rest days: ``planned`` sessions a week, not the ``asked``."""

    planned: int
    asked: int


class FewerDaysFilled(Record):
    """The program's exercises fill ``filled`` of the ``days`` a week asked for."""

    filled: int
    days: int


class ReviewDue(Record):
    """A week has passed since the last weekly review (``first``: since logging began)."""

    first: bool


class NotRemembered(Record):
    """The plan could not be kept for the log (``problem``: why, in words)."""

    problem: str


#: What the plan command tells the person beside the plan itself.
PlanNotice = RestDaysCap | FewerDaysFilled | ReviewDue | NotRemembered
