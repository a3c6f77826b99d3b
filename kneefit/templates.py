"""Program templates: what a guideline prescribes for a condition, as sourced catalogue data.

A template serves one or more conditions. It has phases (after knee replacement: early,
then strengthening; for patellar tendinopathy: isometric, then heavy slow resistance,
then energy storage). Each phase lists the *roles* its sessions fill (quadriceps in a
closed chain, knee straightening, a hamstring stretch, ...) and, for each role, the
candidate exercises in order of progression (the easiest first) and the dose the source
prescribes: a range of sets and reps (double progression moves within it), a hold, the
rest, the days a week and the intensity in words. A phase also gives its pain ceiling
(the most pain during exercise its source accepts) and the criteria for moving on.

This module only describes templates; :mod:`kneefit.catalogue` validates them with the
rest of a catalogue (every candidate and condition must exist, and no candidate may be
one the phase's own conditions rule out).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from kneefit.i18n import _
from kneefit.models import Category, Name, Review, Role, Slug, Text

#: The kinds of exercise that progress along their role's candidates: strength and balance
#: by load, range of motion by more reps and then the next drill of its role. Stretches and
#: cardio keep their dose, so their candidates are choices in order of preference.
PROGRESSING = frozenset({Category.STRENGTH, Category.BALANCE, Category.RANGE_OF_MOTION})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


Count = Annotated[StrictInt, Field(ge=1, le=100)]


class DoseTarget(_Frozen):
    """The dose a phase prescribes for a role: ranges, so the dose can grow within them."""

    #: The fewest and most sets: [2, 3]. Progression adds a set up to the most.
    sets: Annotated[tuple[Count, ...], Field(min_length=2, max_length=2)] | None = None
    #: The fewest and most reps a set: [8, 12]. Progression adds reps up to the most.
    reps: Annotated[tuple[Count, ...], Field(min_length=2, max_length=2)] | None = None
    hold_seconds: Annotated[StrictInt, Field(ge=1, le=600)] | None = None
    minutes: Annotated[StrictInt, Field(ge=1, le=120)] | None = None
    rest_seconds: Annotated[StrictInt, Field(ge=0, le=600)] | None = None
    days_per_week: Annotated[StrictInt, Field(ge=1, le=7)] | None = None
    #: How hard, in words a person can judge: "the last 2 reps feel hard".
    intensity: Text | None = None
    #: How a step up moves the dose: ``reps`` (double progression: more reps to the top of
    #: the range, then a set, then the next exercise) or ``load`` (heavy slow resistance:
    #: start at the most reps, add sets, then a heavier weight with the reps falling to the
    #: fewest, then the next exercise).
    progress: Literal["reps", "load"] = "reps"

    @model_validator(mode="after")
    def _ordered(self) -> DoseTarget:
        for name in ("sets", "reps"):
            pair = getattr(self, name)
            if pair is not None and pair[0] > pair[1]:
                raise ValueError(
                    _("{field}: the fewest must come first, then the most").format(field=name)
                )
        if self.minutes is not None and (self.reps is not None or self.hold_seconds is not None):
            raise ValueError(_("give minutes, or reps and/or hold_seconds, not both"))
        if self.progress == "load" and self.reps is None:
            raise ValueError(_("progress: load needs a range of reps for the weight to lower"))
        return self


class RoleSlot(_Frozen):
    """One role of a phase: its candidates, easiest first, and the dose to do them at."""

    role: Role
    candidates: Annotated[tuple[Slug, ...], Field(min_length=1, max_length=12)]
    dose: DoseTarget | None = None
    #: 1 is the core of the phase, kept whatever the time; higher numbers go first when
    #: a session is short.
    priority: Annotated[StrictInt, Field(ge=1, le=5)] = 1
    note: Text | None = None


class Advance(_Frozen):
    """When kneefit moves a person on to the next phase by itself, from their log.

    Only the criteria a log can show: the weeks in the phase, the sessions logged in it,
    the pain during them, that the pain settled by the next morning, and (with
    ``top_step``) that the phase's exercises have all been progressed as far as they go.
    A phase whose source also asks for what a log cannot show (an X-ray, a surgeon's
    say-so, a range of movement measured) has no ``advance``: the person or their
    clinician moves on with ``--phase``.
    """

    #: At least this many weeks since the first session logged in the phase.
    weeks: Annotated[StrictInt, Field(ge=1, le=52)]
    #: At least this many sessions logged in the phase.
    sessions: Annotated[StrictInt, Field(ge=2, le=100)] = 4
    #: The most pain during exercise, 0 to 10, in every session of the last week in the
    #: phase (at least two), each settled by the next morning.
    pain_at_most: Annotated[StrictInt, Field(ge=0, le=10)]
    #: Whether every exercise must first reach the top of the phase's progression.
    top_step: bool = False
    #: Where the numbers come from, for a clinician checking them.
    note: Text | None = None


class Phase(_Frozen):
    """A stage of a program: who is in it, what the sessions hold, when to move on."""

    id: Slug
    name: Name
    goal: Text
    #: The conditions that start a person in this phase (``knee-replacement`` the early
    #: phase, ``knee-replacement-cleared`` the strengthening one); none for a later phase
    #: reached only by its criteria.
    conditions: tuple[Slug, ...] = ()
    days_per_week: Annotated[StrictInt, Field(ge=1, le=7)]
    #: The most pain during exercise the phase's source accepts, 0 to 10.
    pain_ceiling: Annotated[StrictInt, Field(ge=0, le=10)]
    roles: Annotated[tuple[RoleSlot, ...], Field(min_length=1, max_length=16)]
    #: What must be true to move to the next phase, in words.
    move_on: tuple[Text, ...] = ()
    #: The part of ``move_on`` a log can show, for kneefit to move on by itself.
    advance: Advance | None = None
    #: When to see a clinician if the check-ins show no improvement (None: the catalogue's
    #: safety section's review).
    review: Review | None = None
    sources: Annotated[tuple[Slug, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _advance_within_ceiling(self) -> Phase:
        if self.advance is not None and self.advance.pain_at_most > self.pain_ceiling:
            raise ValueError(_("advance: pain_at_most cannot be above the phase's pain_ceiling"))
        return self


class ProgramTemplate(_Frozen):
    """A condition's program, as its guideline or trial prescribes it, phase by phase."""

    id: Slug
    name: Name
    #: The conditions this program is for; none for the program of a person who names no
    #: condition (general knee conditioning).
    conditions: tuple[Slug, ...] = ()
    phases: Annotated[tuple[Phase, ...], Field(min_length=1, max_length=8)]
    notes: tuple[Text, ...] = ()
    sources: Annotated[tuple[Slug, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _distinct(self) -> ProgramTemplate:
        ids = [p.id for p in self.phases]
        if len(ids) != len(set(ids)):
            raise ValueError(_("each phase needs an id of its own"))
        for phase in self.phases:
            roles = [slot.role for slot in phase.roles]
            if len(roles) != len(set(roles)):
                raise ValueError(_("phase {phase!r} names a role twice").format(phase=phase.id))
            if phase.advance is not None and phase is self.phases[-1]:
                raise ValueError(
                    _("phase {phase!r} is the last: it has no next phase to advance to").format(
                        phase=phase.id
                    )
                )
            stray = set(phase.conditions) - set(self.conditions)
            if stray:
                raise ValueError(
                    _("phase {phase!r} starts {conditions}, which the program is not for").format(
                        phase=phase.id, conditions=sorted(stray)
                    )
                )
        return self
