"""The session log's records, as the log, an export and history's JSON hold them:
sessions and their doses, clearances, check-ins, walks and weekly reviews.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as date_
from datetime import datetime as datetime_
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
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

from kneefit.i18n import _
from kneefit.measures import (
    CHAIR_STAND,
    KNEE_BEND,
    KNEE_STRAIGHTEN,
    MAX_PSFS_ACTIVITIES,
    STAIRS,
    TUG,
    WALK_40M,
)
from kneefit.models.dose import SessionDose
from kneefit.models.fields import Frozen, Knee, PhaseKey, Slug, text_problem


def _typed(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


#: How many single changes a plan may be moved from where the planner put it, either way:
#: a program progresses one change at a time (reps, a set, a harder variant per exercise).
STAGE_LIMIT = 60


#: The most minutes of walking one entry of the log holds (a whole day).
MAX_WALK_MINUTES = 1440

#: Text a person typed into the log: may be empty, may not hold control characters.
TypedText = Annotated[StrictStr, Field(max_length=2000), AfterValidator(_typed)]
PainScore = Annotated[StrictInt, Field(ge=0, le=10)]


class Shortfall(Frozen):
    """How much of a planned dose a guided session (``kneefit start``) did, when it did not
    do all of it as planned."""

    #: Sets (or, for a dose done each side, sides of sets) finished; None: every one.
    blocks_done: Annotated[StrictInt, Field(ge=0, le=100)] | None = None
    #: The last of them was ended before its time.
    ended_early: StrictBool = False
    #: The pain it was stopped for, if it was.
    stopped_for_pain: PainScore | None = None


class LoggedDose(Frozen):
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
            raise ValueError(_("give either a dose or its words"))
        if self.shortfall is not None and self.dose is None:
            raise ValueError(_("a shortfall needs the dose it falls short of"))
        return self

    def describe(self) -> str:
        """The dose as a person reads it: the planned dose's words ('2 sets of 10 reps'),
        with how much of it a guided session did ('1 of 2 sets (planned: ...); ended
        early'); an older log's words as they were."""
        if self.dose is None:
            return self.text or ""
        return self.worded(self.dose.describe(), ENGLISH_SHORTFALL)

    def worded(self, planned: str, words: ShortfallWords) -> str:
        """The dose in ``words``' language, from the planned dose's words: those alone when
        all of it was done, else how much was ('none done', or so many of its sets and
        perhaps one side), then whether the last was ended early and the pain it was
        stopped for. The one reading of a shortfall, for every language."""
        short = self.shortfall
        if short is None or self.dose is None:
            return planned
        per_set = 2 if self.dose.per_side else 1
        done = short.blocks_done
        if done is None or done >= self.dose.sets * per_set:
            text = planned
        elif done == 0:
            text = words.none_done.format(planned=planned)
        else:
            sets, sides = divmod(done, per_set)
            said = words.sets_done(self.dose.sets, bool(sides))
            text = said.format(done=sets, count=self.dose.sets, planned=planned)
        if short.ended_early:
            text += words.ended_early
        if short.stopped_for_pain is not None:
            text += words.stopped_for_pain.format(pain=short.stopped_for_pain)
        return text


@dataclass(frozen=True)
class ShortfallWords:
    """How a shortfall is worded in one language (:meth:`LoggedDose.worded`): templates
    that take the planned dose's words (``{planned}``), the sets done and planned
    (``{done}``, ``{count}``) and the pain (``{pain}``)."""

    none_done: str
    #: The template for so many sets done of ``count`` planned, and one side more or not.
    sets_done: Callable[[int, bool], str]
    ended_early: str
    stopped_for_pain: str


def _english_sets_done(count: int, one_side: bool) -> str:
    # "sets" whatever the count: the words a log has always held.
    side = " and one side" if one_side else ""
    return "{done} of {count} sets" + side + " (planned: {planned})"


#: The log's own words (:meth:`LoggedDose.describe`), in English.
ENGLISH_SHORTFALL = ShortfallWords(
    none_done="none done (planned: {planned})",
    sets_done=_english_sets_done,
    ended_early="; ended early",
    stopped_for_pain="; stopped for pain {pain}/10",
)


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


class LoggedExercise(Frozen):
    """One exercise of a logged session: its id, its name and the dose done, as data.

    In a file (an export, history's JSON) the dose is its words ('2 sets of 10 reps'); given
    as words it is read back as data (see :mod:`kneefit.dose_words`)."""

    id: Slug
    name: TypedText
    dose: Annotated[LoggedDose, WrapValidator(_logged_dose)]


class Session(Frozen):
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


class Clearance(Frozen):
    """A clinician has seen the knee after a red flag: when, and what they said."""

    date: date_
    text: TypedText
    #: When it was written to the log (None if not known).
    recorded: datetime_ | None = Field(default=None, exclude=True)


def _named(value: str) -> str:
    if not value.strip():
        raise ValueError(_("needs an activity: text"))
    return value


class ActivityScore(Frozen):
    """One PSFS activity of an exported check-in: what the person named, scored 0 to 10."""

    activity: Annotated[TypedText, AfterValidator(_named)]
    score: PainScore


class CheckInRecord(Frozen):
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


class WalkRecord(Frozen):
    """Minutes of walking on a date, outside sessions ('kneefit log --walked')."""

    date: date_
    minutes: Annotated[StrictInt, Field(ge=1, le=MAX_WALK_MINUTES)]


class WalkFile(Frozen):
    """The walks of an exported log; its sessions are read as a LogFile."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    walks: Annotated[tuple[WalkRecord, ...], Field(max_length=100_000)] = ()


class ClearanceFile(Frozen):
    """The clinicians' clearances of an exported log; its sessions are read as a LogFile."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    clearances: Annotated[tuple[Clearance, ...], Field(max_length=100_000)] = ()


class ReviewRecord(Frozen):
    """A weekly review of an exported log ('kneefit review'): the day it was done, the
    first day of the week it looked back on, and the barrier named (its id), if any."""

    date: date_
    week_start: date_
    barrier: Annotated[StrictStr, Field(pattern=r"^[a-z][a-z-]{0,39}$")] | None = None

    @model_validator(mode="after")
    def _week_begun(self) -> ReviewRecord:
        if self.week_start > self.date:
            raise ValueError(
                _("has a week_start after its date: a review looks back on a week begun by then")
            )
        return self


class ReviewFile(Frozen):
    """The weekly reviews of an exported log; its sessions are read as a LogFile."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    reviews: Annotated[tuple[ReviewRecord, ...], Field(max_length=100_000)] = ()


class CheckInFile(Frozen):
    """The check-ins of an exported log; its sessions are read as a LogFile."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    checkins: Annotated[tuple[CheckInRecord, ...], Field(max_length=100_000)] = ()


class LogFile(Frozen):
    """An exported session log ('kneefit log export')."""

    kneefit_log: Literal[1]
    sessions: Annotated[tuple[Session, ...], Field(max_length=100_000)]
