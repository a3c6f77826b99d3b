"""The typed vocabulary of kneefit: exercises, conditions, safety guidance and routines.

Every model is frozen, forbids unknown fields and holds tuples rather than lists, so a
validated catalogue cannot be changed by accident. Closed vocabularies are enums.
Fields that YAML could coerce silently are strict.

This package is the public face: import the vocabulary from ``kneefit.models``. Each
concern has its own module:

- :mod:`~kneefit.models.fields`: the checked field types (text, names, slugs, sentences,
  links, which knee) and the frozen base of every record;
- :mod:`~kneefit.models.sources`: the published sources and citations;
- :mod:`~kneefit.models.dose`: doses;
- :mod:`~kneefit.models.exercise`: an exercise and the vocabularies describing it;
- :mod:`~kneefit.models.condition`: a condition and its rules;
- :mod:`~kneefit.models.safety`: the safety guidance printed with every plan;
- :mod:`~kneefit.models.routine`: the planner's request and the session it builds;
- :mod:`~kneefit.models.schedule`: weeks of sessions, appointments, the flare-up session;
- :mod:`~kneefit.models.session_log`: the session log's records and export files.
"""

from __future__ import annotations

from kneefit.models.condition import Condition, Limits, Preference, Restriction
from kneefit.models.dose import Dose, DoseKind, SessionDose
from kneefit.models.exercise import (
    Category,
    Equipment,
    Exercise,
    KneeLoad,
    Level,
    Muscle,
    Trait,
)
from kneefit.models.fields import (
    KNEES,
    Knee,
    Name,
    PhaseKey,
    Sentence,
    Slug,
    Text,
    Url,
    text_problem,
)
from kneefit.models.routine import (
    SECTION_TITLES,
    Exclusion,
    Exclusions,
    PhaseSummary,
    PlannedExercise,
    PlanRequest,
    ProgramSummary,
    Progression,
    Role,
    Routine,
    Section,
    SectionKind,
    Step,
)
from kneefit.models.safety import (
    FlarePlan,
    PainEducation,
    PainRule,
    RedFlag,
    Review,
    Safety,
    Urgency,
)
from kneefit.models.schedule import (
    Appointment,
    Day,
    DayFocus,
    FlareExercise,
    FlareUp,
    Schedule,
)
from kneefit.models.session_log import (
    MAX_WALK_MINUTES,
    OWN_RECORDS,
    STAGE_LIMIT,
    ActivityScore,
    CheckInFile,
    CheckInRecord,
    Clearance,
    ClearanceFile,
    LogFile,
    LoggedDose,
    LoggedExercise,
    PainScore,
    ReviewFile,
    ReviewRecord,
    Session,
    Shortfall,
    ShortfallWords,
    TypedText,
    WalkFile,
    WalkRecord,
)
from kneefit.models.sources import Citation, Source, Support

__all__ = [
    "KNEES",
    "MAX_WALK_MINUTES",
    "OWN_RECORDS",
    "SECTION_TITLES",
    "STAGE_LIMIT",
    "ActivityScore",
    "Appointment",
    "Category",
    "CheckInFile",
    "CheckInRecord",
    "Citation",
    "Clearance",
    "ClearanceFile",
    "Condition",
    "Day",
    "DayFocus",
    "Dose",
    "DoseKind",
    "Equipment",
    "Exclusion",
    "Exclusions",
    "Exercise",
    "FlareExercise",
    "FlarePlan",
    "FlareUp",
    "Knee",
    "KneeLoad",
    "Level",
    "Limits",
    "LogFile",
    "LoggedDose",
    "LoggedExercise",
    "Muscle",
    "Name",
    "PainEducation",
    "PainRule",
    "PainScore",
    "PhaseKey",
    "PhaseSummary",
    "PlanRequest",
    "PlannedExercise",
    "Preference",
    "ProgramSummary",
    "Progression",
    "RedFlag",
    "Restriction",
    "Review",
    "ReviewFile",
    "ReviewRecord",
    "Role",
    "Routine",
    "Safety",
    "Schedule",
    "Section",
    "SectionKind",
    "Sentence",
    "Session",
    "SessionDose",
    "Shortfall",
    "ShortfallWords",
    "Slug",
    "Source",
    "Step",
    "Support",
    "Text",
    "Trait",
    "TypedText",
    "Urgency",
    "Url",
    "WalkFile",
    "WalkRecord",
    "text_problem",
]
