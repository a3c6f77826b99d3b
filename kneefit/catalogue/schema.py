"""The schema of one catalogue file: its top-level lists and the safety block."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from kneefit.models import Condition, Exercise, Safety, Source
from kneefit.templates import ProgramTemplate


class CatalogueFile(BaseModel):
    """One catalogue file: any of the five top-level lists or blocks."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    sources: tuple[Source, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    conditions: tuple[Condition, ...] = ()
    programs: tuple[ProgramTemplate, ...] = ()
    safety: Safety | None = None
