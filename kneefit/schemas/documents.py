"""The JSON documents kneefit writes, as pydantic models: the source of their JSON Schemas.

kneefit/render/json.py builds each document as plain data; these models only describe it,
for ``model_json_schema``. Where a document holds a catalogue model as it is (a source, a
condition's rules, a logged session), the model here is that model, so a field added to the
catalogue is in the schema too; the tests check every document against its schema. Run
``python -m kneefit.schemas`` after changing one, to write the files anew.
"""

from __future__ import annotations

from datetime import date as date_
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, create_model

from kneefit.models import (
    Category,
    CheckInRecord,
    Condition,
    DayFocus,
    Dose,
    Equipment,
    Exercise,
    KneeLoad,
    Level,
    Muscle,
    ReviewRecord,
    Role,
    Safety,
    SectionKind,
    Session,
    Source,
    Step,
    Support,
    WalkRecord,
)


class _Out(BaseModel):
    """A part of a document: every key always written, none other."""

    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


def _like(
    model: type[BaseModel],
    name: str,
    drop: set[str],
    *,
    lead: dict[str, Any] | None = None,
    replace: dict[str, Any] | None = None,
    doc: str | None = None,
    base: type[_Out] | None = None,
    **add: Any,
) -> type[_Out]:
    """``model``'s fields but ``drop``, ``replace`` given another type in their place, after
    ``lead`` and before ``add`` (each field's name: (type, default or ...)), in the order
    the document writes them."""
    fields: dict[str, Any] = {
        field: (info.annotation, info)
        for field, info in model.model_fields.items()
        if field not in drop and not info.exclude
    }
    fields.update(replace or {})
    parent: type[_Out] = base or _Out
    made: type[_Out] = create_model(
        name,
        __base__=parent,
        __doc__=doc or model.__doc__,
        **(lead or {}),
        **fields,
        **add,
    )
    return made


# ------------------------------------------------------------------ catalogue parts


class CitedSource(Source):
    """A source, with what it supports for the exercise that cites it."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    supports: Support | None
    cited_for: str | None


if TYPE_CHECKING:  # made at run time from the catalogue's models; for mypy, any part
    DoseOut: TypeAlias = _Out
    ExerciseOut: TypeAlias = _Out
    ConditionOut: TypeAlias = _Out
    SafetyOut: TypeAlias = _Out
    ShownExercise: TypeAlias = _Out
else:
    DoseOut = _like(
        Dose,
        "Dose",
        set(),
        text=(str, Field(description="The dose in words: '2 sets of 10 reps, rest 60 s'.")),
        frequency=(str, Field(description="How often, in words: '3 days a week'.")),
    )

    ExerciseOut = _like(
        Exercise,
        "Exercise",
        {"dose", "sources", "poses"},
        dose=(DoseOut, ...),
        easier_name=(str | None, ...),
        harder_name=(str | None, ...),
        sources=(list[CitedSource], ...),
    )

    ConditionOut = _like(
        Condition,
        "Condition",
        {"sources"},
        program=(str | None, Field(description="The program it starts a person on, and where.")),
        sources=(list[Source], ...),
    )

    SafetyOut = _like(Safety, "Safety", {"sources"}, sources=(list[Source], ...))

    ShownExercise = _like(
        ExerciseOut,
        "ShownExercise",
        set(),
        lead={"kneefit_exercise": (Literal[1], ...)},
        doc="'kneefit show EXERCISE --format json'.",
    )


# ------------------------------------------------------------------ plans


class Request(_Out):
    """What the plan was asked for."""

    # "knee" is written only where one was named, so a plan without one reads as before.
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=False)

    conditions: list[str]
    level: Level
    equipment: list[Equipment]
    minutes: int
    knee: Literal["left", "right", "both"] = Field(
        default=None,  # type: ignore[arg-type]
        description="Which knee the plan is for ('--knee', or the program file's 'knee'); "
        "left out where none was named.",
    )


class PlanCondition(_Out):
    id: str
    name: str
    see_clinician_first: bool
    notes: list[str]


class PlannedExercise(_Out):
    """An exercise of a session, at the plan's dose."""

    id: str
    name: str
    category: Category
    level: Level
    dose: DoseOut
    minutes: float
    role: Role | None
    primary_muscles: list[Muscle]
    secondary_muscles: list[Muscle]
    equipment: list[Equipment]
    knee_load: list[KneeLoad]
    steps: list[str]
    cues: list[str]
    notes: str | None
    easier: str | None
    harder: str | None
    sources: list[Source]


class Section(_Out):
    kind: SectionKind
    title: str
    minutes: float
    exercises: list[PlannedExercise]


class Phase(_Out):
    program: str
    phase: str
    goal: str
    move_on: list[str]


class Program(_Out):
    """The programs and phases the plan follows, and its pain ceiling (0 to 10)."""

    phases: list[Phase]
    pain_ceiling: int


class Progression(_Out):
    """What the session log decided, in words."""

    step: Step
    stage: int
    reasons: list[str]
    changes: list[str]
    see_clinician: bool


class Excluded(_Out):
    id: str
    name: str
    reason: str
    reasons: list[str]


class _PlanBase(_Out):
    kneefit_plan: Literal[1]
    kneefit_version: str
    disclaimer: str
    request: Request
    conditions: list[PlanCondition]
    warnings: list[str]
    program: Program | None
    progression: Progression | None
    excluded: list[Excluded]
    safety: SafetyOut
    sources: list[Source]


class SessionPlan(_PlanBase):
    """One session: 'kneefit plan'."""

    estimated_minutes: float
    sections: list[Section]


class Day(_Out):
    week: int
    day: int = Field(ge=1, le=7)
    date: date_
    weekday: str
    focus: DayFocus
    minutes: float
    sections: list[Section]


class WeekPlan(_PlanBase):
    """A week or weeks: 'kneefit plan --days N', or a program file."""

    days_per_week: int
    weeks: int
    start: date_
    week_notes: list[str]
    days: list[Day]


# ------------------------------------------------------------------ the catalogue


class Exercises(_Out):
    """'kneefit list --format json'."""

    kneefit_exercises: Literal[1]
    exercises: list[ExerciseOut]


class Conditions(_Out):
    """'kneefit conditions --format json'."""

    kneefit_conditions: Literal[1]
    conditions: list[ConditionOut]


# ------------------------------------------------------------------ the log


class LoggedExercise(_Out):
    """An exercise of a logged session; its dose in words ('2 sets of 10 reps')."""

    id: str
    name: str
    dose: str


class _Read(_Out):
    """A part of a file kneefit also reads: a key with a default may be left out."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=False)


if TYPE_CHECKING:
    LoggedSession: TypeAlias = _Out
else:
    LoggedSession = _like(
        Session,
        "Session",
        set(),
        replace={"exercises": (list[LoggedExercise], Field(default_factory=list))},
        base=_Read,
    )


class ClearanceRecord(_Out):
    """A clinician has seen the knee after a red flag: the day, and what they said."""

    date: date_
    text: str


class Log(_Out):
    """A session log: 'kneefit log export' (sessions with their progression step, the
    check-ins, the walks, the clinicians' clearances and the weekly reviews), 'kneefit
    history --format json' (the sessions) and 'kneefit history --checkins --format json'
    (the check-ins, and no sessions). 'kneefit log import' reads each of them."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=False)

    kneefit_log: Literal[1]
    sessions: list[LoggedSession]
    checkins: list[CheckInRecord] = Field(default_factory=list)
    walks: list[WalkRecord] = Field(default_factory=list)
    clearances: list[ClearanceRecord] = Field(default_factory=list)
    reviews: list[ReviewRecord] = Field(default_factory=list)


# ------------------------------------------------------------------ the report


class ReportAppointment(_Out):
    """A review or booster date the program names ('kneefit report --program')."""

    date: date_
    kind: Literal["review", "booster"]


class ReportWeek(_Out):
    week: int
    start: date_
    end: date_
    planned: int
    done: int
    mean_pain: float | None
    mean_next_morning_pain: float | None
    walked_minutes: int = Field(description="Minutes walked outside sessions in the week.")


class PainPoint(_Out):
    date: date_
    pain: int
    next_morning_pain: int | None
    red_flag: bool


class ReportRedFlag(_Out):
    date: date_
    text: str
    cleared: date_ | None
    cleared_by: str | None


class ReportStep(_Out):
    model_config = ConfigDict(populate_by_name=True)

    date: date_
    from_: int = Field(alias="from")
    to: int
    reason: str


class Change(_Out):
    first: float
    latest: float
    change: float
    improved: bool
    passes_threshold: bool
    verdict: str


class Score(_Out):
    date: date_
    value: float


class ActivityChange(_Out):
    activity: str
    change: Change | None


class MeasureSource(_Out):
    text: str
    url: str


class Measure(_Out):
    id: str
    name: str
    threshold: float | None = Field(description="None where no important change is published.")
    threshold_fraction: float | None
    threshold_kind: str
    higher_is_better: bool
    scores: list[Score]
    change: Change | None
    activities: list[ActivityChange]
    note: str
    sources: list[MeasureSource]


class ActivityScore(_Out):
    activity: str
    score: int


class ReportCheckIn(_Out):
    date: date_
    week_pain: int | None
    activities: list[ActivityScore]
    chair_stands: int | None
    knee_bend: int | None = Field(description="How far the knee bends, in degrees.")
    knee_straighten: int | None = Field(
        description="How far short of fully straight the knee stays, in degrees."
    )
    walk_40m: float | None = Field(description="The 40-m fast-paced walk, in seconds.")
    stairs: float | None = Field(description="The stair climb test, in seconds.")
    tug: float | None = Field(description="The Timed Up and Go, in seconds.")


class Report(_Out):
    """'kneefit report --format json'."""

    kneefit_report: Literal[1]
    person: str | None
    start: date_
    end: date_
    planned_per_week: int
    planned: int
    done: int
    adherence: float | None
    walked_minutes: int = Field(description="Minutes walked outside sessions, all weeks.")
    walk_aim_a_week: int
    knees: list[Literal["left", "right", "both"]] = Field(
        description="The knees the sessions were for, as logged ('log --knee')."
    )
    last_appointment: ReportAppointment | None
    sessions_since_appointment: int | None
    next_appointment: ReportAppointment | None
    weeks: list[ReportWeek]
    pain: list[PainPoint]
    red_flags: list[ReportRedFlag]
    progression: list[ReportStep]
    checkins: list[ReportCheckIn]
    measures: list[Measure]
    disclaimer: str


# ------------------------------------------------------------------ swaps


class Original(_Out):
    id: str
    name: str
    not_for_you: list[str]


class Alternative(_Out):
    id: str
    name: str
    reasons: list[str]


class Swaps(_Out):
    """'kneefit swap EXERCISE --format json'."""

    kneefit_swaps: Literal[1]
    exercise: Original
    alternatives: list[Alternative]


# ------------------------------------------------------------------ the weekly review


class ReviewWeek(_Out):
    """The seven days reviewed; last_day is the last looked at (today, for a week not over)."""

    start: date_
    end: date_
    last_day: date_
    complete: bool


class ReviewSessions(_Out):
    """Sessions done against planned (pro rata for a week not over)."""

    planned: int
    done: int
    on_track: bool


class ReviewWalking(_Out):
    """Minutes walked (outside sessions) against the aim: goal for the days looked at,
    goal_a_week for a whole week."""

    minutes: int
    goal: int
    goal_a_week: int
    on_track: bool


class ReviewPain(_Out):
    """Mean pain (0 to 10) of the week's sessions and of the weeks before; null: none logged."""

    mean: float | None
    next_morning: float | None
    earlier_weeks: int
    earlier_mean: float | None
    earlier_next_morning: float | None


class ReviewBarrier(_Out):
    """What got in the way, as the person named it (an id of data/review.yaml)."""

    id: str
    label: str


class ReviewAdvice(_Out):
    """Words for the person, with the ids of the sources (in "sources") that describe them."""

    text: str
    sources: list[str]


class Review(_Out):
    """'kneefit review --format json': the week looked back on, and the advice it calls for."""

    model_config = ConfigDict(populate_by_name=True)

    kneefit_review: Literal[1]
    week: ReviewWeek
    knees: list[Literal["left", "right", "both"]]
    sessions: ReviewSessions
    walking: ReviewWalking
    pain: ReviewPain
    steps: int = Field(description="Steps the plan moved over the week: up > 0, down < 0.")
    red_flags: list[date_] = Field(description="The days of the week a red flag was logged.")
    on_track: bool
    barrier: ReviewBarrier | None
    asks_barrier: bool = Field(description="Behind, and no reason named: ask for one.")
    advice: list[ReviewAdvice]
    tries: list[str] = Field(alias="try", description="kneefit commands that help.")
    about: ReviewAdvice
    sources: list[Source]


#: Each schema's name (its file is NAME.schema.json) and the documents it describes.
DOCUMENTS: dict[str, Any] = {
    "plan": SessionPlan | WeekPlan,
    "exercises": Exercises,
    "exercise": ShownExercise,
    "conditions": Conditions,
    "log": Log,
    "report": Report,
    "swaps": Swaps,
    "review": Review,
}
