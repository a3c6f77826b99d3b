"""The published sources the catalogue cites, and how an exercise cites one."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import (
    Field,
    StrictInt,
    model_validator,
)

from kneefit.i18n import _
from kneefit.models.fields import Frozen, Slug, Text, Url


class Source(Frozen):
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
            raise ValueError(_("give a url, or a note saying where the source can be found"))
        return self


class Support(str, Enum):
    """What a cited source supports for an exercise: the movement, the dose, or both."""

    EXERCISE = "exercise"
    DOSE = "dose"
    BOTH = "both"


class Citation(Frozen):
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
