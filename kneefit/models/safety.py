"""The safety guidance printed with every plan: the pain rule, red flags, when to see
a clinician, the flare-up plan and pain education."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Annotated

from pydantic import (
    Field,
    StrictInt,
    model_validator,
)

from kneefit.i18n import _
from kneefit.models.fields import Frozen, Slug, Text


class PainRule(Frozen):
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
            raise ValueError(_("safe_max must not be above acceptable_max"))
        return self


class Urgency(str, Enum):
    """How soon a red flag needs a clinician."""

    #: Call an ambulance or go to an emergency department now.
    EMERGENCY = "emergency"
    #: The same day: urgent care or a doctor today.
    URGENT = "urgent"
    #: See a GP or physiotherapist within days.
    SOON = "soon"


class RedFlag(Frozen):
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
            raise ValueError(_("handout_action needs a handout_sign: the handout prints both"))
        return self


class Review(Frozen):
    """When to see a clinician if nothing has improved: the weeks after which the source
    expects a change (or reviews progress), judged from the person's check-ins."""

    weeks: Annotated[StrictInt, Field(ge=2, le=52)]
    sources: Annotated[tuple[Slug, ...], Field(min_length=1)]
    #: Where the weeks come from, for a clinician checking them.
    note: Text | None = None


class FlarePlan(Frozen):
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


class PainEducation(Frozen):
    """What pain during exercise means, and why exercise helps, in plain words."""

    hurt_not_harm: Text
    why_exercise_helps: Text
    sources: Annotated[tuple[Slug, ...], Field(min_length=1)]


class Safety(Frozen):
    """Safety guidance printed with every plan. The disclaimer that kneefit is not medical
    advice is not here: it is one sentence, the same on every page and in every format."""

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
