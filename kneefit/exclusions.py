"""Why an exercise is not for a person, and why another may take its place: typed records,
not sentences.

Screening (:mod:`kneefit.screening`) returns the first kind for every exercise it leaves
out, and the safe swaps (:mod:`kneefit.swap`) the second for every exercise they offer or
refuse; :mod:`kneefit.exclusion_words` words them in the run's language, for the
renderers and for the errors that refuse a swap or a program's exercise. Each record holds
only the values its wording needs: names as the catalogue gives them (in its language),
and levels, kinds, muscles, equipment and knee-load tags as their catalogue values.
"""

from __future__ import annotations

from kneefit.records import Record

# ------------------------------------------------- why an exercise is not for you


class RuledOut(Record):
    """A condition's rule names the exercise (``tags`` empty) or some of its tags and
    traits."""

    condition: str
    tags: tuple[str, ...]
    reason: str


class OnlyKinds(Record):
    """A condition allows only some kinds of work for now (``kinds``: traits)."""

    condition: str
    kinds: tuple[str, ...]
    reason: str


class BendsTooFar(Record):
    """The exercise bends the knee past what a condition allows."""

    degrees: int
    condition: str
    reason: str


class AboveConditionLevel(Record):
    """The exercise is above the highest level a condition allows."""

    level: str
    condition: str
    reason: str


class AboveYourLevel(Record):
    """The exercise (at ``level``) is above the level asked for."""

    level: str


class NeedsKit(Record):
    """The exercise needs equipment the person does not have."""

    equipment: tuple[str, ...]


class OnTheFloor(Record):
    """Floor work, when the person asked for standing and seated work only."""


class KeptToCount(Record):
    """Left out to keep a plan to ``count`` exercises (``--max-exercises``)."""

    count: int


WhyNot = (
    RuledOut
    | OnlyKinds
    | BendsTooFar
    | AboveConditionLevel
    | AboveYourLevel
    | NeedsKit
    | OnTheFloor
    | KeptToCount
)

# ----------------------------------------------- why a swap is refused or offered


class SameExercise(Record):
    """The swap names the exercise it replaces."""


class OtherKind(Record):
    """Another kind of exercise (``kind``) than the one it replaces (``other``)."""

    kind: str
    other: str
    name: str


class OtherMuscles(Record):
    """Works none of the main muscles of the exercise it replaces."""

    muscles: tuple[str, ...]
    others: tuple[str, ...]
    name: str


class MoreKneeLoad(Record):
    """Carries knee-load tags the exercise it replaces does not."""

    name: str
    load: tuple[str, ...]


class HigherLevel(Record):
    """At a higher level than the exercise it replaces."""

    level: str
    name: str
    other: str


class AlreadyInPlan(Record):
    """The exercise swapped in is already in the plan."""

    name: str


Unsafe = SameExercise | OtherKind | OtherMuscles | MoreKneeLoad | HigherLevel | AlreadyInPlan


class WorksLike(Record):
    """Works these of the replaced exercise's main muscles (and not the ``missing``)."""

    muscles: tuple[str, ...]
    name: str
    missing: tuple[str, ...]


class EasierVariant(Record):
    """The easier variant of the exercise it replaces."""

    name: str


class KneeLoadWithin(Record):
    """Its knee-load tags, none of which the replaced exercise lacks (none: ``load`` empty)."""

    load: tuple[str, ...]
    name: str


class AtLevel(Record):
    """Its level."""

    level: str


class KitYouHave(Record):
    """The equipment it needs, all of which the person has (none: ``equipment`` empty)."""

    equipment: tuple[str, ...]


Qualifies = WorksLike | EasierVariant | KneeLoadWithin | AtLevel | KitYouHave
