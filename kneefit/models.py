"""The typed vocabulary of kneefit: exercises, conditions, safety guidance and routines.

Every model is frozen, forbids unknown fields and holds tuples rather than lists, so a
validated catalogue cannot be changed by accident. Closed vocabularies are enums.
Fields that YAML could coerce silently are strict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as date_
from datetime import datetime as datetime_
from datetime import time as time_
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)
from pydantic_core import PydanticKnownError

from kneefit.i18n import N_
from kneefit.measures import (
    CHAIR_STAND,
    KNEE_BEND,
    KNEE_STRAIGHTEN,
    MAX_PSFS_ACTIVITIES,
    STAIRS,
    TUG,
    WALK_40M,
)
from kneefit.pose import Poses

if TYPE_CHECKING:
    from kneefit.cautions import Caution
    from kneefit.reasons import Changed, Notice, Reason

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# Unicode's Cc category (C0, DEL and C1) and the bidirectional overrides, but for tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def text_problem(value: str, max_length: int = 2000) -> str | None:
    """What is wrong with text that will be printed, or None: control characters, length."""
    found = _CONTROL.search(value)
    if found:
        return f"contains the control character U+{ord(found.group()):04X}"
    if len(value) > max_length:
        return f"is longer than {max_length} characters"
    return None


def _plain_text(value: str) -> str:
    """Refuse control characters: catalogue text is printed, and ESC would drive a terminal."""
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError("must be a slug: lower-case letters and digits joined by single hyphens")
    return value


def _sentence(value: str) -> str:
    """Steps and cues are whole sentences: a comma in a YAML flow list splits one silently."""
    text = value.strip()
    if not (text[:1].isupper() or text[:1].isdigit()) or text[-1:] not in ".!?)":
        raise ValueError("must be a whole sentence: a capital letter first, a full stop last")
    return value


Text = Annotated[StrictStr, Field(max_length=2000), AfterValidator(_plain_text)]
Name = Annotated[StrictStr, Field(max_length=120), AfterValidator(_plain_text)]
Slug = Annotated[StrictStr, Field(max_length=64), AfterValidator(_slug)]
Sentence = Annotated[Text, AfterValidator(_sentence)]
Url = Annotated[StrictStr, Field(pattern=r"^https?://\S+$", max_length=500)]
#: A phase of a program: ``program-id/phase-id``.
PhaseKey = Annotated[
    StrictStr, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=130)
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Category(str, Enum):
    """What kind of work an exercise is; also the order of a routine's sections."""

    CARDIO = "cardio"
    STRENGTH = "strength"
    BALANCE = "balance"
    #: Moving the knee through its range to regain it (bending, straightening): not a stretch.
    RANGE_OF_MOTION = "range-of-motion"
    STRETCH = "stretch"
    FOAM_ROLLING = "foam-rolling"


class Level(str, Enum):
    """How much experience and control an exercise asks for."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.BEGINNER: 0, Level.INTERMEDIATE: 1, Level.ADVANCED: 2}


class Muscle(str, Enum):
    """Muscle groups, named as in free-exercise-db where a name fits."""

    QUADRICEPS = "quadriceps"
    HAMSTRINGS = "hamstrings"
    GLUTES = "glutes"
    ABDUCTORS = "abductors"
    ADDUCTORS = "adductors"
    CALVES = "calves"
    ABDOMINALS = "abdominals"
    LOWER_BACK = "lower back"
    MIDDLE_BACK = "middle back"
    LATS = "lats"
    HIP_FLEXORS = "hip flexors"
    SHOULDERS = "shoulders"
    TRAPS = "traps"
    CHEST = "chest"


class Equipment(str, Enum):
    """What a person needs at hand. Bodyweight work on the floor or at a wall needs none."""

    CHAIR = "chair"
    STEP = "step"
    TOWEL = "towel"
    MAT = "mat"
    RESISTANCE_BAND = "resistance-band"
    ANKLE_WEIGHTS = "ankle-weights"
    DUMBBELLS = "dumbbells"
    STABILITY_BALL = "stability-ball"
    SUSPENSION_TRAINER = "suspension-trainer"
    FOAM_ROLLER = "foam-roller"
    MASSAGE_BALL = "massage-ball"
    STATIONARY_BIKE = "stationary-bike"
    POOL = "pool"
    #: A slant board (a decline board), or a firm wedge: heels higher than toes.
    SLANT_BOARD = "slant-board"
    #: A gym's resistance machines: a leg press and a knee extension machine.
    GYM_MACHINES = "gym-machines"


class KneeLoad(str, Enum):
    """How an exercise loads the knee; conditions rule exercises out by these tags."""

    HIGH_IMPACT = "high-impact"
    JUMPING = "jumping"
    TWISTING = "twisting"
    SUDDEN_CHANGE = "sudden-change"
    #: Bending the knee beyond about 90 degrees (a right angle), loaded or held.
    DEEP_KNEE_FLEXION = "deep-knee-flexion"
    KNEELING = "kneeling"
    SINGLE_LEG = "single-leg"
    LATERAL = "lateral"
    WEIGHT_BEARING = "weight-bearing"
    UNSTABLE = "unstable"


class Trait(str, Enum):
    """How an exercise is done: its position and kind of movement. Conditions steer by these."""

    #: Holding still against resistance: the muscle works, the joint does not move.
    ISOMETRIC = "isometric"
    #: Gently moving the knee through its range, without load.
    RANGE_OF_MOTION = "range-of-motion"
    #: Done lying, sitting or kneeling on the floor: a carpet, a bed or a folded towel will do.
    FLOOR = "floor"
    #: Done lying or sitting on a bed (or on the floor, if that is easier): the early
    #: exercises after surgery. Not floor work: ``--no-floor`` keeps them.
    BED = "bed"
    #: Lying face down: the kneecap or the front of the knee may press on the floor.
    PRONE = "prone"
    SEATED = "seated"
    STANDING = "standing"
    #: The leg takes none of the body's weight.
    NON_WEIGHT_BEARING = "non-weight-bearing"
    #: The foot is on the floor or a platform and the body moves over it.
    CLOSED_CHAIN = "closed-chain"
    #: The foot moves freely and the leg moves through the air.
    OPEN_CHAIN = "open-chain"
    WATER = "water"


class Source(_Frozen):
    """A published source that an exercise, rule or note is drawn from."""

    id: Slug
    title: Annotated[Text, Field(max_length=300)]
    publisher: Annotated[Text, Field(max_length=300)]
    #: None for an undated page.
    year: Annotated[StrictInt, Field(ge=1900, le=2100)] | None = None
    #: Where to read it; None for a source that is not online (``note`` then says where it is).
    url: Url | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _findable(self) -> Source:
        if self.url is None and self.note is None:
            raise ValueError("give a url, or a note saying where the source can be found")
        return self


class Support(str, Enum):
    """What a cited source supports for an exercise: the movement, the dose, or both."""

    EXERCISE = "exercise"
    DOSE = "dose"
    BOTH = "both"


class Citation(_Frozen):
    """One source an exercise cites, with what it supports and, in a word, what it shows.

    A catalogue may cite a source by its id alone (``sources: [aaos-knee-conditioning]``);
    the bundled catalogue says for each what it supports and what it shows.
    """

    id: Slug
    supports: Support | None = None
    note: Annotated[Text, Field(max_length=400)] | None = None

    @property
    def describes_exercise(self) -> bool:
        """Whether the source describes the movement itself (not only its dose)."""
        return self.supports in (Support.EXERCISE, Support.BOTH)


def _citations(value: object) -> object:
    """A source id alone is a citation with nothing more said of it."""
    if isinstance(value, (list, tuple)):
        return [{"id": item} if isinstance(item, str) else item for item in value]
    return value


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


class DoseKind(str, Enum):
    REPS = "reps"
    HOLD = "hold"
    ROLL = "roll"
    MINUTES = "minutes"


class SessionDose(_Frozen):
    """How much of an exercise one session does: sets of reps, holds, rolling or minutes;
    rest; each side or not. What the session log keeps of a dose (a :class:`Dose` adds how
    often and how hard).

    Exactly one kind: ``minutes``; ``reps`` (with an optional ``hold_seconds`` for each rep);
    ``hold_seconds`` alone (a hold); or ``roll_seconds`` (roll each area for that long).
    """

    sets: Annotated[StrictInt, Field(ge=1, le=10)] = 1
    reps: Annotated[StrictInt, Field(ge=1, le=100)] | None = None
    hold_seconds: Annotated[StrictInt, Field(ge=1, le=600)] | None = None
    roll_seconds: Annotated[StrictInt, Field(ge=1, le=600)] | None = None
    minutes: Annotated[StrictInt, Field(ge=1, le=120)] | None = None
    rest_seconds: Annotated[StrictInt, Field(ge=0, le=600)] = 0
    per_side: StrictBool = False

    @model_validator(mode="after")
    def _one_kind(self) -> SessionDose:
        if self.minutes is not None and (self.reps is not None or self.hold_seconds is not None):
            raise ValueError("give minutes, or reps and/or hold_seconds, not both")
        if self.roll_seconds is not None and (
            self.minutes is not None or self.reps is not None or self.hold_seconds is not None
        ):
            raise ValueError("give roll_seconds alone, not with minutes, reps or hold_seconds")
        if (
            self.minutes is None
            and self.reps is None
            and self.hold_seconds is None
            and self.roll_seconds is None
        ):
            raise ValueError("give reps, hold_seconds, roll_seconds or minutes")
        return self

    def describe(self) -> str:
        """The dose as a person reads it: '3 sets of 10 reps, each side, rest 60 s between'."""
        side = ", each side" if self.per_side else ""
        if self.kind is DoseKind.MINUTES:
            return f"{self.minutes} min"
        if self.kind is DoseKind.REPS and self.sets == 1 and (self.hold_seconds or 0) >= 30:
            # A series of long holds (a tendon's 45-second holds): said as holds.
            text = f"hold {self.hold_seconds} s, {self.reps} times"
        elif self.kind is DoseKind.REPS:
            sets = "1 set" if self.sets == 1 else f"{self.sets} sets"
            text = f"{sets} of {self.reps} reps"
            if self.hold_seconds:
                text += f", hold each {self.hold_seconds} s"
        elif self.kind is DoseKind.ROLL:
            text = f"roll each area for {self.roll_seconds} s"
            if self.sets > 1:
                text += f", {self.sets} times"
        else:
            text = f"hold {self.hold_seconds} s"
            if self.sets > 1:
                text += f", {self.sets} times"
        text += side
        if self.sets > 1 and self.rest_seconds:
            text += f", rest {self.rest_seconds} s between"
        return text

    @property
    def kind(self) -> DoseKind:
        if self.minutes is not None:
            return DoseKind.MINUTES
        if self.reps is not None:
            return DoseKind.REPS
        if self.roll_seconds is not None:
            return DoseKind.ROLL
        return DoseKind.HOLD

    def for_session(self) -> SessionDose:
        """This dose as a session does it (how often and how hard left out): what a log
        keeps."""
        if type(self) is SessionDose:
            return self
        return SessionDose.model_construct(**{name: getattr(self, name) for name in _SESSION})


class Dose(SessionDose):
    """How much of an exercise to do: sets of reps, holds, rolling or minutes; rest; how often.

    Exactly one kind: ``minutes``; ``reps`` (with an optional ``hold_seconds`` for each rep);
    ``hold_seconds`` alone (a hold); or ``roll_seconds`` (roll each area for that long).
    """

    days_per_week: Annotated[StrictInt, Field(ge=1, le=7)]
    range_note: Text | None = None
    #: How hard, in words a person can judge ("the last 2 reps feel hard"): a program's.
    intensity: Text | None = None
    #: How many times the weight has gone up since the program's first (heavy slow
    #: resistance: each step a heavier weight, the reps falling).
    load_steps: Annotated[StrictInt, Field(ge=0, le=20)] = 0


#: The fields of a dose that one session does (a SessionDose's).
_SESSION = tuple(SessionDose.model_fields)


class Exercise(_Frozen):
    """One exercise, stretch, release or cardio option, with how to do it and why."""

    id: Slug
    name: Name
    aliases: tuple[Name, ...] = ()
    category: Category
    primary_muscles: Annotated[tuple[Muscle, ...], Field(min_length=1)]
    secondary_muscles: tuple[Muscle, ...] = ()
    equipment: tuple[Equipment, ...] = ()
    level: Level
    knee_load: tuple[KneeLoad, ...] = ()
    traits: tuple[Trait, ...] = ()
    dose: Dose
    steps: Annotated[tuple[Sentence, ...], Field(min_length=1, max_length=20)]
    cues: Annotated[tuple[Sentence, ...], Field(max_length=6)] = ()
    easier: Slug | None = None
    harder: Slug | None = None
    notes: Text | None = None
    sources: Annotated[tuple[Citation, ...], Field(min_length=1), BeforeValidator(_citations)]
    #: How the exercise is drawn (a start and an end pose); without poses, no picture.
    poses: Poses | None = None

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The ids of the sources this exercise cites, in order."""
        return tuple(c.id for c in self.sources)


class Restriction(_Frozen):
    """What a condition rules out, by knee-load tag, by trait or by exercise, and why."""

    tags: tuple[KneeLoad, ...] = ()
    #: Ruled out when an exercise has any of these traits (lying face down: ``prone``).
    traits: tuple[Trait, ...] = ()
    exercises: tuple[Slug, ...] = ()
    #: Exercises the rule leaves in though they carry its tags or traits (a quadriceps
    #: stretch bends the knee deeply, but without load); the reason says why. A new
    #: exercise with the tag is still ruled out.
    allows: tuple[Slug, ...] = ()
    reason: Text
    #: Where the rule comes from: ids of the condition's sources.
    sources: tuple[Slug, ...] = ()

    @model_validator(mode="after")
    def _names_something(self) -> Restriction:
        if not self.tags and not self.traits and not self.exercises:
            raise ValueError("name at least one tag, trait or exercise to rule out")
        return self

    def matched(self, exercise: Exercise) -> tuple[str, ...] | None:
        """The tags and traits of ``exercise`` this rule names (empty when it names the
        exercise itself), or None when the rule does not rule it out."""
        if exercise.id in self.exercises:
            return ()
        if exercise.id in self.allows:
            return None
        found = tuple(t.value for t in self.tags if t in exercise.knee_load)
        found += tuple(t.value for t in self.traits if t in exercise.traits)
        return found or None


class Preference(_Frozen):
    """What a condition's plan should favour, by trait or by exercise, and why."""

    traits: tuple[Trait, ...] = ()
    exercises: tuple[Slug, ...] = ()
    reason: Text
    sources: tuple[Slug, ...] = ()

    @model_validator(mode="after")
    def _names_something(self) -> Preference:
        if not self.traits and not self.exercises:
            raise ValueError("name at least one trait or exercise to prefer")
        return self


class Limits(_Frozen):
    """How far a condition's plan may go: which kinds of exercise, how hard, deep and much."""

    #: When set, every planned exercise must carry at least one of these traits.
    only_traits: tuple[Trait, ...] = ()
    max_level: Level | None = None
    #: Degrees: the deepest knee bend allowed.
    max_knee_flexion: Annotated[StrictInt, Field(ge=30, le=160)] | None = None
    #: Scale of sets, reps and time: 0.7 is 70% of the catalogue's dose.
    volume: Annotated[float, Field(ge=0.3, le=1.0, strict=True)] = 1.0
    max_days_per_week: Annotated[StrictInt, Field(ge=1, le=7)] | None = None
    reason: Text
    sources: tuple[Slug, ...] = ()

    @model_validator(mode="after")
    def _limits_something(self) -> Limits:
        if (
            not self.only_traits
            and self.max_level is None
            and self.max_knee_flexion is None
            and self.volume >= 1.0
            and self.max_days_per_week is None
        ):
            raise ValueError(
                "set at least one of only_traits, max_level, max_knee_flexion, "
                "volume (below 1.0) or max_days_per_week"
            )
        return self


class Condition(_Frozen):
    """A knee condition and the rules it brings to a plan."""

    id: Slug
    name: Name
    aliases: tuple[Name, ...] = ()
    #: Shown first in every plan for this condition.
    first_note: Text | None = None
    rules_out: tuple[Restriction, ...] = ()
    prefers: tuple[Preference, ...] = ()
    limits: Limits | None = None
    see_clinician_first: StrictBool
    notes: tuple[Text, ...] = ()
    sources: Annotated[tuple[Slug, ...], Field(min_length=1)]


class PainRule(_Frozen):
    """The pain-monitoring rule on a 0-10 scale."""

    safe_max: Annotated[StrictInt, Field(ge=0, le=10)]
    acceptable_max: Annotated[StrictInt, Field(ge=0, le=10)]
    safe: Text
    acceptable: Text
    stop: Text
    next_morning: Text

    @model_validator(mode="after")
    def _ordered(self) -> PainRule:
        if self.safe_max > self.acceptable_max:
            raise ValueError("safe_max must not be above acceptable_max")
        return self


class Urgency(str, Enum):
    """How soon a red flag needs a clinician."""

    #: Call an ambulance or go to an emergency department now.
    EMERGENCY = "emergency"
    #: The same day: urgent care or a doctor today.
    URGENT = "urgent"
    #: See a GP or physiotherapist within days.
    SOON = "soon"


class RedFlag(_Frozen):
    """A warning sign: what the person notices, how urgent it is and what to do."""

    id: Slug
    sign: Text
    urgency: Urgency
    action: Text
    #: The handout's few words, where page 1 has room for no more: the sign a person
    #: notices and only what the heading of its urgency does not already say. Same meaning
    #: and urgency as ``sign`` and ``action``; without them the handout prints those.
    handout_sign: Text | None = None
    handout_action: Text | None = None
    sources: Annotated[tuple[Slug, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _handout_words(self) -> RedFlag:
        if self.handout_action is not None and self.handout_sign is None:
            raise ValueError("handout_action needs a handout_sign: the handout prints both")
        return self


class Review(_Frozen):
    """When to see a clinician if nothing has improved: the weeks after which the source
    expects a change (or reviews progress), judged from the person's check-ins."""

    weeks: Annotated[StrictInt, Field(ge=2, le=52)]
    sources: Annotated[tuple[Slug, ...], Field(min_length=1)]
    #: Where the weeks come from, for a clinician checking them.
    note: Text | None = None


class FlarePlan(_Frozen):
    """What to do on a bad day (a flare-up) before stopping altogether: a lighter session
    for a few days, when to go back to the full one and when to see someone."""

    #: The share of each exercise's dose a bad day's session keeps (fewer sets first).
    volume: Annotated[float, Field(ge=0.3, le=1.0, strict=True)]
    #: What a flare-up is, what to do in it and for how long, in a person's words.
    what: Text
    #: What makes a session lighter (the handout lists the lighter session instead).
    lighter: Text
    #: When to go back to the full programme.
    back: Text
    #: When to see someone (beyond the red flags).
    see: Text
    sources: Annotated[tuple[Slug, ...], Field(min_length=1)]
    #: Conditions whose own team's advice comes first when the knee gets worse (early
    #: after surgery, inflammatory arthritis, a fresh injury): a plan for any of them
    #: prints no flare-up plan, only their own notes.
    not_for: tuple[Slug, ...] = ()

    def applies_to(self, conditions: Iterable[str]) -> bool:
        """Whether a plan for ``conditions`` (ids) carries this flare-up plan."""
        return not set(self.not_for) & set(conditions)


class PainEducation(_Frozen):
    """What pain during exercise means, and why exercise helps, in plain words."""

    hurt_not_harm: Text
    why_exercise_helps: Text
    sources: Annotated[tuple[Slug, ...], Field(min_length=1)]


class Safety(_Frozen):
    """Safety guidance printed with every plan."""

    disclaimer: Text
    pain_rule: PainRule
    discomfort_vs_pain: Text
    see_clinician_first: Text
    red_flags: Annotated[tuple[RedFlag, ...], Field(min_length=1)]
    persistent_pain: Text
    #: When to see a clinician if check-ins show no improvement, for a program phase that
    #: names no review of its own.
    review: Review | None = None
    #: What to do on a bad day (a flare-up); None for a catalogue that gives none.
    flare_up: FlarePlan | None = None
    #: Hurt is not harm, and why exercise helps; None for a catalogue that gives none.
    education: PainEducation | None = None
    sources: Annotated[tuple[Slug, ...], Field(min_length=1)]

    @property
    def cited(self) -> tuple[str, ...]:
        """Every source the printed guidance draws on: the block's own, then the flare-up
        plan's and the pain education's."""
        ids = list(self.sources)
        for part in (self.flare_up, self.education):
            if part is not None:
                ids += [ref for ref in part.sources if ref not in ids]
        return tuple(ids)


class PlanRequest(_Frozen):
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
        return SECTION_TITLES[self.kind]


@dataclass(frozen=True, kw_only=True)
class Exclusion:
    """An exercise the planner left out, and every reason why."""

    id: str
    name: str
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


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
    excluded: tuple[Exclusion, ...]
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


# ---------------------------------------------------------------------- the session log's files


def _typed(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


#: How many single changes a plan may be moved from where the planner put it, either way:
#: a program progresses one change at a time (reps, a set, a harder variant per exercise).
STAGE_LIMIT = 60

#: Which knee a session or check-in is for (``--knee``).
Knee = Literal["left", "right", "both"]
#: The knees, in the order the help lists them.
KNEES: tuple[str, ...] = ("left", "right", "both")

#: The most minutes of walking one entry of the log holds (a whole day).
MAX_WALK_MINUTES = 1440

#: Text a person typed into the log: may be empty, may not hold control characters.
TypedText = Annotated[StrictStr, Field(max_length=2000), AfterValidator(_typed)]
PainScore = Annotated[StrictInt, Field(ge=0, le=10)]


class Shortfall(_Frozen):
    """How much of a planned dose a guided session (``kneefit start``) did, when it did not
    do all of it as planned."""

    #: Sets (or, for a dose done each side, sides of sets) finished; None: every one.
    blocks_done: Annotated[StrictInt, Field(ge=0, le=100)] | None = None
    #: The last of them was ended before its time.
    ended_early: StrictBool = False
    #: The pain it was stopped for, if it was.
    stopped_for_pain: PainScore | None = None


class LoggedDose(_Frozen):
    """The dose of one logged exercise, as data: the dose planned and, after a guided
    session that did not do all of it, how much it did. A dose an older kneefit logged as
    words that cannot be read back as a dose keeps its words (``text``) instead."""

    #: A Dose given here keeps only what a session does (see SessionDose.for_session).
    dose: Annotated[SessionDose, AfterValidator(SessionDose.for_session)] | None = None
    shortfall: Shortfall | None = None
    text: TypedText | None = None

    @model_validator(mode="after")
    def _dose_or_words(self) -> LoggedDose:
        if (self.dose is None) == (self.text is None):
            raise ValueError("give either a dose or its words")
        if self.shortfall is not None and self.dose is None:
            raise ValueError("a shortfall needs the dose it falls short of")
        return self

    def describe(self) -> str:
        """The dose as a person reads it: the planned dose's words ('2 sets of 10 reps'),
        with how much of it a guided session did ('1 of 2 sets (planned: ...); ended
        early'); an older log's words as they were."""
        if self.dose is None:
            return self.text or ""
        planned = self.dose.describe()
        short = self.shortfall
        if short is None:
            return planned
        per_set = 2 if self.dose.per_side else 1
        done = short.blocks_done
        if done is None or done >= self.dose.sets * per_set:
            text = planned
        elif done == 0:
            text = f"none done (planned: {planned})"
        else:
            sets, sides = divmod(done, per_set)
            text = f"{sets} of {self.dose.sets} sets"
            if sides:
                text += " and one side"
            text += f" (planned: {planned})"
        if short.ended_early:
            text += "; ended early"
        if short.stopped_for_pain is not None:
            text += f"; stopped for pain {short.stopped_for_pain}/10"
        return text


#: Records kneefit writes only for itself (in the session log and the remembered plan),
#: never in a file a person writes: a mistyped key in a file is not matched to their fields.
OWN_RECORDS = frozenset({"LoggedDose", "Shortfall"})


def _logged_dose(value: Any, handler: ValidatorFunctionWrapHandler) -> LoggedDose:
    """A logged exercise's dose from a LoggedDose; a dose (the one planned, done whole); or
    the words of an export or an older log, validated as any typed text and read back into
    data where they can be (see :func:`kneefit.dose_words.logged_dose_from_words`)."""
    if isinstance(value, SessionDose):
        return LoggedDose(dose=value.for_session())
    if isinstance(value, LoggedDose):
        done: LoggedDose = handler(value)
        return done
    if not isinstance(value, str):
        raise PydanticKnownError("string_type")
    if len(value) > 2000:
        raise PydanticKnownError("string_too_long", {"max_length": 2000})
    from kneefit.dose_words import logged_dose_from_words

    return logged_dose_from_words(_typed(value))


class LoggedExercise(_Frozen):
    """One exercise of a logged session: its id, its name and the dose done, as data.

    In a file (an export, history's JSON) the dose is its words ('2 sets of 10 reps'); given
    as words it is read back as data (see :mod:`kneefit.dose_words`)."""

    id: Slug
    name: TypedText
    dose: Annotated[LoggedDose, WrapValidator(_logged_dose)]


class Session(_Frozen):
    """One logged session: the log's rows, an export's entries and history's JSON."""

    date: date_
    pain: PainScore
    effort: PainScore
    next_morning_pain: PainScore | None = None
    exercises: Annotated[tuple[LoggedExercise, ...], Field(max_length=200)] = ()
    notes: TypedText = ""
    red_flags: Annotated[tuple[TypedText, ...], Field(max_length=20)] = ()
    stage: Annotated[StrictInt, Field(ge=-STAGE_LIMIT, le=STAGE_LIMIT)] = 0
    #: The program phase the session was done in, as ``program/phase``, when the plan
    #: followed a phase it named (``--phase``) or moved on to; None for a starting phase.
    phase: PhaseKey | None = None
    #: Which knee the session was for (``kneefit log --knee``); None when not said.
    knee: Knee | None = None
    #: The log's row id: the order of sessions on one day. Not part of what a session is.
    id: int | None = Field(default=None, exclude=True)
    #: When it was written to the log (None if not known, as in an import): which of a red
    #: flag and a clearance of the same day came last.
    recorded: datetime_ | None = Field(default=None, exclude=True)

    def same_as(self) -> tuple[object, ...]:
        """What makes two sessions the same session (the row id aside), for imports: the
        exercises as they read (one dose's words may read back as another dose that says
        the same)."""
        return (
            self.date,
            self.pain,
            self.effort,
            self.next_morning_pain,
            tuple((e.id, e.name, e.dose.describe()) for e in self.exercises),
            self.notes,
            self.red_flags,
            self.stage,
            self.phase,
            self.knee,
        )


class Clearance(_Frozen):
    """A clinician has seen the knee after a red flag: when, and what they said."""

    date: date_
    text: TypedText
    #: When it was written to the log (None if not known).
    recorded: datetime_ | None = Field(default=None, exclude=True)


def _named(value: str) -> str:
    if not value.strip():
        raise ValueError("needs an activity: text")
    return value


class ActivityScore(_Frozen):
    """One PSFS activity of an exported check-in: what the person named, scored 0 to 10."""

    activity: Annotated[TypedText, AfterValidator(_named)]
    score: PainScore


class CheckInRecord(_Frozen):
    """One check-in of an exported log (see kneefit.measures): any score may be absent."""

    date: date_
    week_pain: PainScore | None = None
    #: Up to three activities: the Patient-Specific Functional Scale.
    activities: Annotated[tuple[ActivityScore, ...], Field(max_length=MAX_PSFS_ACTIVITIES)] = ()
    #: The 30-second chair stand: full stands.
    chair_stands: Annotated[StrictInt, Field(ge=CHAIR_STAND.low, le=CHAIR_STAND.high)] | None = None
    #: Which knee the scores are for, when said.
    knee: Knee | None = None
    #: Follow-up measures (kneefit.measures.FOLLOW_UP), each only where recorded: knee
    #: bend and how far short of straight, in degrees; three timed tests, in seconds.
    knee_bend: Annotated[StrictInt, Field(ge=KNEE_BEND.low, le=KNEE_BEND.high)] | None = None
    knee_straighten: (
        Annotated[StrictInt, Field(ge=KNEE_STRAIGHTEN.low, le=KNEE_STRAIGHTEN.high)] | None
    ) = None
    walk_40m: (
        Annotated[float, Field(ge=WALK_40M.low, le=WALK_40M.high, strict=True, allow_inf_nan=False)]
        | None
    ) = None
    stairs: (
        Annotated[float, Field(ge=STAIRS.low, le=STAIRS.high, strict=True, allow_inf_nan=False)]
        | None
    ) = None
    tug: (
        Annotated[float, Field(ge=TUG.low, le=TUG.high, strict=True, allow_inf_nan=False)] | None
    ) = None


class WalkRecord(_Frozen):
    """Minutes of walking on a date, outside sessions ('kneefit log --walked')."""

    date: date_
    minutes: Annotated[StrictInt, Field(ge=1, le=MAX_WALK_MINUTES)]


class WalkFile(_Frozen):
    """The walks of an exported log; its sessions are read as a LogFile."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    walks: Annotated[tuple[WalkRecord, ...], Field(max_length=100_000)] = ()


class ClearanceFile(_Frozen):
    """The clinicians' clearances of an exported log; its sessions are read as a LogFile."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    clearances: Annotated[tuple[Clearance, ...], Field(max_length=100_000)] = ()


class ReviewRecord(_Frozen):
    """A weekly review of an exported log ('kneefit review'): the day it was done, the
    first day of the week it looked back on, and the barrier named (its id), if any."""

    date: date_
    week_start: date_
    barrier: Annotated[StrictStr, Field(pattern=r"^[a-z][a-z-]{0,39}$")] | None = None

    @model_validator(mode="after")
    def _week_begun(self) -> ReviewRecord:
        if self.week_start > self.date:
            raise ValueError(
                "has a week_start after its date: a review looks back on a week begun by then"
            )
        return self


class ReviewFile(_Frozen):
    """The weekly reviews of an exported log; its sessions are read as a LogFile."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    reviews: Annotated[tuple[ReviewRecord, ...], Field(max_length=100_000)] = ()


class CheckInFile(_Frozen):
    """The check-ins of an exported log; its sessions are read as a LogFile."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    checkins: Annotated[tuple[CheckInRecord, ...], Field(max_length=100_000)] = ()


class LogFile(_Frozen):
    """An exported session log ('kneefit log export')."""

    kneefit_log: Literal[1]
    sessions: Annotated[tuple[Session, ...], Field(max_length=100_000)]
