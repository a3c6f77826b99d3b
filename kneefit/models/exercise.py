"""An exercise of the catalogue and the closed vocabularies that describe it: its
category, level, muscles, equipment, how it loads the knee and how it is done."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import (
    BeforeValidator,
    Field,
)

from kneefit.models.dose import Dose
from kneefit.models.fields import Frozen, Name, Sentence, Slug, Text
from kneefit.models.sources import Citation
from kneefit.pose import Poses


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


def _citations(value: object) -> object:
    """A source id alone is a citation with nothing more said of it."""
    if isinstance(value, (list, tuple)):
        return [{"id": item} if isinstance(item, str) else item for item in value]
    return value


class Exercise(Frozen):
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
