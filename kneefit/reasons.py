"""Why the log moved a plan, and what it changed: typed records, not sentences.

Progression (:mod:`kneefit.progression`, :mod:`kneefit.stepping`) and the phases of a
program (:mod:`kneefit.phasing`) return these; the renderers word them
(:mod:`kneefit.render.wording`), for a terminal or a file with the command to type, for a
patient's handout without. Each record holds only the values its wording needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from kneefit.models import Dose

# ---------------------------------------------------------------------- reasons


@dataclass(frozen=True)
class RedFlagStands:
    """A red flag is logged and no clinician has cleared it since: no exercises."""

    day: date
    flags: tuple[str, ...]


@dataclass(frozen=True)
class ClearedByClinician:
    """A clinician saw the knee; the plan resumes one step down."""

    day: date
    text: str


@dataclass(frozen=True)
class NoSessions:
    """Nothing logged yet: the plan as chosen, and how to log."""


@dataclass(frozen=True)
class PainNotSettling:
    """Every session for two weeks hurt more than the ceiling: see a clinician."""

    since: date
    ceiling: int


@dataclass(frozen=True)
class MorningWorse:
    """The morning after the last session was worse than the person's usual: step down."""

    day: date
    morning: int
    usual: float


@dataclass(frozen=True)
class PainAboveCeiling:
    """The last session hurt more than the ceiling: step down."""

    day: date
    pain: int
    ceiling: int


@dataclass(frozen=True)
class PainRising:
    """Pain has climbed over two weeks: hold."""

    earlier: float
    later: float


@dataclass(frozen=True)
class FeltHard:
    """The last session's effort was 8 or more: hold."""

    day: date
    effort: int


@dataclass(frozen=True)
class OneSessionSoFar:
    """One good session: one more like it, settled by morning, steps up."""

    day: date
    pain: int
    ceiling: int


@dataclass(frozen=True)
class MorningNotLogged:
    """Two good sessions, but not known to have settled by the next morning: hold."""


@dataclass(frozen=True)
class EarlierMorningWorse:
    """The morning after the session before the last was worse than usual: hold."""

    day: date


@dataclass(frozen=True)
class EarlierPainAbove:
    """The session before the last hurt more than allowed: hold."""

    day: date


@dataclass(frozen=True)
class AtHighestStep:
    """Two good sessions, and the plan has no step left to take: hold."""


@dataclass(frozen=True)
class SteppingUp:
    """Two good sessions, settled by the next morning: step up."""

    days: tuple[date, date]
    pains: tuple[int, int]
    ceiling: int


@dataclass(frozen=True)
class NothingLeftInPhase:
    """A step up was due, but every exercise is at the top of the phase's ranges."""


@dataclass(frozen=True)
class FirstSessionOfPhase:
    """The last session was the first of a new phase: one more before stepping up."""

    phase: str


@dataclass(frozen=True)
class MovedOn:
    """The log met a phase's criteria: the plan moves to the program's next phase."""

    program: str
    before: str
    #: The earlier phase's id, for ``--phase`` to stay in it.
    before_id: str
    after: str
    weeks: int
    sessions: int
    pain_at_most: int


@dataclass(frozen=True)
class ReadyForNextPhase:
    """At the top of a phase whose next phase needs a clinician's or the person's say-so."""

    phase: str
    next_phase: str
    next_id: str
    #: The condition that starts the next phase (say ``knee-replacement-cleared``): the
    #: person moves on by planning for it, not with ``--phase``.
    next_condition: str | None = None


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


@dataclass(frozen=True)
class Changed:
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


@dataclass(frozen=True)
class Shortened:
    """``--max-exercises`` kept ``limit`` of ``total`` exercises, leaving these out."""

    limit: int
    total: int
    left_out: tuple[str, ...]


@dataclass(frozen=True)
class SameAsLastWeek:
    """A program's week after the first: the same exercises, moved on only by the log."""

    week: int


@dataclass(frozen=True)
class LittleMoreThanLastWeek:
    """A week of a plan chosen slot by slot: a little more than the week before, if it
    went well (pain up to ``safe``/10, no worse the next morning)."""

    week: int
    safe: int


#: What a plan or a week says besides its warnings.
Notice = Shortened | SameAsLastWeek | LittleMoreThanLastWeek
