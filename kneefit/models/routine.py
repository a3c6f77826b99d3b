"""What a person asks the planner for and the session it builds: sections of planned
exercises, what was left out, the log's progression and the programs followed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated, overload

from pydantic import (
    Field,
)

from kneefit.i18n import N_, language, speaking
from kneefit.models.condition import Condition
from kneefit.models.dose import Dose
from kneefit.models.exercise import Equipment, Exercise, Level
from kneefit.models.fields import Frozen, Knee, Slug
from kneefit.models.safety import Safety
from kneefit.models.sources import Source

if TYPE_CHECKING:
    from kneefit.cautions import Caution
    from kneefit.exclusions import WhyNot
    from kneefit.reasons import Changed, Notice, Reason


class Role(str, Enum):
    """What a place in a session is for. Range-of-motion drills are not stretches."""

    WARM_UP = "warm-up"
    #: Ankle pumps after surgery: keeping the blood moving, not calf strength.
    CIRCULATION = "circulation"
    QUADRICEPS_ACTIVATION = "quadriceps-activation"
    QUADRICEPS_CLOSED_CHAIN = "quadriceps-closed-chain"
    QUADRICEPS_OPEN_CHAIN = "quadriceps-open-chain"
    HAMSTRINGS = "hamstrings"
    HIP_ABDUCTORS = "hip-abductors"
    HIP_ADDUCTORS = "hip-adductors"
    HIP_EXTENSORS = "hip-extensors"
    CALF = "calf"
    TRUNK = "trunk"
    BALANCE = "balance"
    #: Getting the knee fully straight (extension range).
    KNEE_STRAIGHTENING = "knee-straightening"
    #: Getting the knee to bend (flexion range).
    KNEE_BENDING = "knee-bending"
    TENDON_ISOMETRIC = "tendon-isometric"
    TENDON_HEAVY_SLOW = "tendon-heavy-slow"
    TENDON_ENERGY_STORAGE = "tendon-energy-storage"
    LANDING = "landing"
    #: Everyday tasks practised: stairs, walking with a frame or sticks.
    FUNCTION = "function"
    QUADRICEPS_STRETCH = "quadriceps-stretch"
    HAMSTRING_STRETCH = "hamstring-stretch"
    CALF_STRETCH = "calf-stretch"
    HIP_STRETCH = "hip-stretch"
    RELEASE = "release"
    #: Aerobic activity in its own right (walking towards 150 minutes a week, cycling).
    AEROBIC = "aerobic"


class PlanRequest(Frozen):
    """What a person asks the planner for."""

    conditions: tuple[Slug, ...] = ()
    level: Level = Level.BEGINNER
    equipment: frozenset[Equipment] = frozenset()
    minutes: Annotated[int, Field(ge=10, le=180)] = 30
    #: False for a person who cannot get down to the floor: standing and seated work only.
    floor: bool = True


class SectionKind(str, Enum):
    WARM_UP = "warm-up"
    STRENGTH = "strength"
    BALANCE = "balance"
    RANGE_OF_MOTION = "range-of-motion"
    STRETCH = "stretch"
    RELEASE = "release"


SECTION_TITLES = {
    SectionKind.WARM_UP: N_("Warm-up: low-impact cardio"),
    SectionKind.STRENGTH: N_("Strength"),
    SectionKind.BALANCE: N_("Balance and control"),
    SectionKind.RANGE_OF_MOTION: N_("Knee range of motion"),
    SectionKind.STRETCH: N_("Stretches"),
    SectionKind.RELEASE: N_("Foam rolling and release"),
}
#: The longest warm-up a session starts with, in minutes (the references: 5 to 10).
MAX_WARM_UP_MINUTES = 10
#: The cardio section's title when it is more than a warm-up: a program's aerobic work, or
#: a warm-up grown on into easy aerobic work to fill the session's minutes.
CARDIO_TITLE = N_("Warm-up and low-impact cardio")


# What the planner builds from validated parts is plain frozen dataclasses: pydantic checks
# what comes in from files and the command line; building its validators for the planner's
# own output cost every plan about 15 ms, for values whose parts were already checked.


@dataclass(frozen=True, kw_only=True)
class PlannedExercise:
    """An exercise placed in a routine, with the dose to do today and its time."""

    exercise: Exercise
    dose: Dose
    minutes: float
    #: Added once the core of the session was in place: the first to go when time is short.
    extra: bool = False
    #: The role of a condition program it fills (None: planned without a program).
    role: Role | None = None


@dataclass(frozen=True, kw_only=True)
class Section:
    kind: SectionKind
    items: tuple[PlannedExercise, ...]

    @property
    def title(self) -> str:
        if self.kind is SectionKind.WARM_UP and any(
            i.role is Role.AEROBIC or i.minutes > MAX_WARM_UP_MINUTES for i in self.items
        ):
            return CARDIO_TITLE
        return SECTION_TITLES[self.kind]


@dataclass(frozen=True, kw_only=True)
class Exclusion:
    """An exercise the planner left out, and every reason why."""

    id: str
    name: str
    #: Typed records (:mod:`kneefit.exclusions`) the renderers word.
    reasons: tuple[WhyNot, ...]


class Exclusions(Sequence[Exclusion]):
    """What the planner left out, worked out when first read: the whole catalogue is
    screened for it, which only ``--explain`` and the JSON format show. It is worked out in
    the language spoken when it was made (the catalogue's names are in it; the reasons are
    typed records the renderers word); it then behaves as the tuple of its exclusions
    (equal to the same tuple)."""

    __slots__ = ("_items", "_language", "_make")

    def __init__(self, make: Callable[[], Iterable[Exclusion]]) -> None:
        self._make: Callable[[], Iterable[Exclusion]] | None = make
        self._language = language()
        self._items: tuple[Exclusion, ...] | None = None

    def _all(self) -> tuple[Exclusion, ...]:
        if self._items is None:
            assert self._make is not None
            with speaking(self._language):
                self._items = tuple(self._make())
            self._make = None
        return self._items

    @overload
    def __getitem__(self, index: int) -> Exclusion: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Exclusion]: ...
    def __getitem__(self, index: int | slice) -> Exclusion | Sequence[Exclusion]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Exclusion]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Exclusions):
            return self._all() == other._all()
        if isinstance(other, tuple):
            return self._all() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all()) if self._items is not None else "Exclusions(<not yet read>)"


class Step(str, Enum):
    """What the session log says to do with the plan."""

    UP = "up"
    HOLD = "hold"
    DOWN = "down"
    STOP = "no progression"


@dataclass(frozen=True, kw_only=True)
class Progression:
    """How the session log changed this plan: the step taken, why, and what changed."""

    step: Step
    stage: int
    #: Why, as typed records (:mod:`kneefit.reasons`) the renderers word.
    reasons: tuple[Reason, ...]
    changes: tuple[Changed, ...] = ()
    see_clinician: bool = False


@dataclass(frozen=True, kw_only=True)
class PhaseSummary:
    """A phase of a condition program that a plan follows, as the plan shows it."""

    program: str
    phase: str
    goal: str
    move_on: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ProgramSummary:
    """The condition programs a plan follows and the pain ceiling they share."""

    phases: tuple[PhaseSummary, ...]
    #: The most pain during exercise, 0 to 10, the strictest of the phases accepts.
    pain_ceiling: int


@dataclass(frozen=True, kw_only=True)
class Routine:
    """A planned session: sections in order, time, warnings, exclusions and safety."""

    request: PlanRequest
    conditions: tuple[Condition, ...]
    sections: tuple[Section, ...]
    estimated_minutes: float
    #: What the plan says before its exercises, typed; the renderers word them.
    warnings: tuple[Caution, ...]
    #: A tuple, or :class:`Exclusions` worked out when first read.
    excluded: Sequence[Exclusion]
    safety: Safety
    sources: tuple[Source, ...]
    progression: Progression | None = None
    #: The condition programs the routine follows (None: planned without templates).
    program: ProgramSummary | None = None
    #: What the plan says after its warnings, typed (``--max-exercises`` leaving some out).
    notices: tuple[Notice, ...] = ()
    #: Which knee the plan is for (``--knee``, or a program file's ``knee:``); None if not
    #: said. Exercises done each side start on this side (unless it is "both").
    knee: Knee | None = None
