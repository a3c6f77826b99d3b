"""A knee condition and the rules it brings to a plan: what it rules out, what it
prefers and how far the plan may go."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)

from kneefit.i18n import _
from kneefit.models.exercise import Exercise, KneeLoad, Level, Trait
from kneefit.models.fields import Frozen, Name, Slug, Text


class Restriction(Frozen):
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
            raise ValueError(_("name at least one tag, trait or exercise to rule out"))
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


class Preference(Frozen):
    """What a condition's plan should favour, by trait or by exercise, and why."""

    traits: tuple[Trait, ...] = ()
    exercises: tuple[Slug, ...] = ()
    reason: Text
    sources: tuple[Slug, ...] = ()

    @model_validator(mode="after")
    def _names_something(self) -> Preference:
        if not self.traits and not self.exercises:
            raise ValueError(_("name at least one trait or exercise to prefer"))
        return self


class Limits(Frozen):
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
                _(
                    "set at least one of only_traits, max_level, max_knee_flexion, "
                    "volume (below 1.0) or max_days_per_week"
                )
            )
        return self


class Condition(Frozen):
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
