"""How much of an exercise to do: the dose of one session, and the catalogue's dose
with how often and how hard."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import (
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)

from kneefit.i18n import _
from kneefit.models.fields import Frozen, Text


class DoseKind(str, Enum):
    REPS = "reps"
    HOLD = "hold"
    ROLL = "roll"
    MINUTES = "minutes"


class SessionDose(Frozen):
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
            raise ValueError(_("give minutes, or reps and/or hold_seconds, not both"))
        if self.roll_seconds is not None and (
            self.minutes is not None or self.reps is not None or self.hold_seconds is not None
        ):
            raise ValueError(_("give roll_seconds alone, not with minutes, reps or hold_seconds"))
        if (
            self.minutes is None
            and self.reps is None
            and self.hold_seconds is None
            and self.roll_seconds is None
        ):
            raise ValueError(_("give reps, hold_seconds, roll_seconds or minutes"))
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
