"""JSON: the data itself, for programs and for handing on.

Every document is an object whose first key names it and gives the version of its shape
(``"kneefit_plan": 1``), as a log export's ``"kneefit_log": 1`` always has; the JSON Schema
of each is shipped in ``kneefit/schemas/`` (see :mod:`kneefit.schemas`). A change that a
reader could trip on (a key removed, renamed or retyped) raises the version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kneefit import __version__
from kneefit.catalogue import Catalogue
from kneefit.exclusion_words import qualifies_text, why_not_texts
from kneefit.i18n import _
from kneefit.log.export import EXPORT_VERSION, checkin_dict, session_dict
from kneefit.models import (
    Appointment,
    Condition,
    Dose,
    Exclusion,
    Exercise,
    ProgramSummary,
    Progression,
    Routine,
    Safety,
    Schedule,
    Section,
    Session,
    Source,
)
from kneefit.render.common import (
    NOT_MEDICAL_ADVICE,
    RenderOptions,
    SessionOrWeek,
    dose_text,
    frequency_text,
    plan_warnings,
    program_text,
)
from kneefit.render.documents import Refusing
from kneefit.render.swap_words import variant_names
from kneefit.render.wording import change_text, notice_text, reason_or_blank, reason_text
from kneefit.vocabulary import Format

if TYPE_CHECKING:
    from kneefit.log import CheckIn
    from kneefit.measures import Change
    from kneefit.report import MeasureSummary, Report
    from kneefit.review import WeekReview
    from kneefit.swap import Swaps


#: Each document's name key and the version of its shape. The session history and the
#: check-ins are a session log, as 'kneefit log export' writes it (without the progression
#: steps), so 'kneefit log import' reads them back.
PLAN = ("kneefit_plan", 1)
EXERCISES = ("kneefit_exercises", 1)
EXERCISE = ("kneefit_exercise", 1)
CONDITIONS = ("kneefit_conditions", 1)
LOG = ("kneefit_log", EXPORT_VERSION)
REPORT = ("kneefit_report", 1)
SWAPS = ("kneefit_swaps", 1)
REVIEW = ("kneefit_review", 1)


def _appointment(appointment: Appointment | None) -> dict[str, str] | None:
    """A program's review or booster date as data; None for none."""
    if appointment is None:
        return None
    return {"date": appointment.date.isoformat(), "kind": appointment.kind}


def _dump(document: tuple[str, int], data: dict[str, Any]) -> str:
    named = {document[0]: document[1]} | data
    return json.dumps(named, indent=2, ensure_ascii=False) + "\n"


def _dose(dose: Dose) -> dict[str, Any]:
    return dose.model_dump(mode="json") | {
        "text": dose_text(dose),
        "frequency": frequency_text(dose),
    }


def _source(source: Source) -> dict[str, Any]:
    return source.model_dump(mode="json")


def _progression(progression: Progression) -> dict[str, Any]:
    return {
        "step": progression.step.value,
        "stage": progression.stage,
        "reasons": [reason_text(r) for r in progression.reasons],
        "changes": [change_text(c) for c in progression.changes],
        "see_clinician": progression.see_clinician,
    }


def _exercise(exercise: Exercise, catalogue: Catalogue) -> dict[str, Any]:
    data = exercise.model_dump(mode="json", exclude={"dose", "sources", "poses"})
    easier, harder = variant_names(exercise, catalogue)
    data["dose"] = _dose(exercise.dose)
    data["easier_name"] = easier
    data["harder_name"] = harder
    cited = {c.id: c for c in exercise.sources}
    data["sources"] = [
        _source(s)
        | {
            "supports": getattr(cited[s.id].supports, "value", None),
            "cited_for": cited[s.id].note,
        }
        for s in catalogue.sources_for(exercise.source_ids)
    ]
    return data


def _safety(safety: Safety, sources: Sequence[Source]) -> dict[str, Any]:
    data = safety.model_dump(mode="json", exclude={"sources"})
    data["sources"] = [_source(s) for s in sources]
    return data


def _condition(condition: Condition, catalogue: Catalogue) -> dict[str, Any]:
    data = condition.model_dump(mode="json", exclude={"sources"})
    data["program"] = program_text(condition, catalogue)
    data["sources"] = [_source(s) for s in catalogue.sources_for(condition.sources)]
    return data


def _sections(sections: Sequence[Section], routine: Routine) -> list[dict[str, Any]]:
    by_id = {s.id: s for s in routine.sources}
    out = []
    for section in sections:
        exercises = []
        for item in section.items:
            ex = item.exercise
            exercises.append(
                {
                    "id": ex.id,
                    "name": ex.name,
                    "category": ex.category.value,
                    "level": ex.level.value,
                    "dose": _dose(item.dose),
                    "minutes": round(item.minutes, 1),
                    "role": item.role.value if item.role else None,
                    "primary_muscles": [m.value for m in ex.primary_muscles],
                    "secondary_muscles": [m.value for m in ex.secondary_muscles],
                    "equipment": [e.value for e in ex.equipment],
                    "knee_load": [t.value for t in ex.knee_load],
                    "steps": list(ex.steps),
                    "cues": list(ex.cues),
                    "notes": ex.notes,
                    "easier": ex.easier,
                    "harder": ex.harder,
                    "sources": [_source(by_id[s]) for s in ex.source_ids if s in by_id],
                }
            )
        out.append(
            {
                "kind": section.kind.value,
                "title": _(section.title),
                "minutes": round(sum(i.minutes for i in section.items), 1),
                "exercises": exercises,
            }
        )
    return out


def _program(program: ProgramSummary) -> dict[str, Any]:
    return {
        "phases": [
            {"program": p.program, "phase": p.phase, "goal": p.goal, "move_on": list(p.move_on)}
            for p in program.phases
        ],
        "pain_ceiling": program.pain_ceiling,
    }


def _plan_data(routine: Routine) -> dict[str, Any]:
    by_id = {s.id: s for s in routine.sources}
    sections = _sections(routine.sections, routine)
    request = routine.request
    asked: dict[str, Any] = {
        "conditions": list(request.conditions),
        "level": request.level.value,
        "equipment": sorted(e.value for e in request.equipment),
        "minutes": request.minutes,
    }
    if routine.knee is not None:
        # Only where one was named: a plan without one is written as before.
        asked["knee"] = routine.knee
    return {
        "kneefit_version": __version__,
        "disclaimer": _(NOT_MEDICAL_ADVICE),
        "request": asked,
        "conditions": [
            {
                "id": c.id,
                "name": c.name,
                "see_clinician_first": c.see_clinician_first,
                "notes": list(c.notes),
            }
            for c in routine.conditions
        ],
        "estimated_minutes": routine.estimated_minutes,
        "sections": sections,
        "warnings": plan_warnings(routine),
        "program": _program(routine.program) if routine.program else None,
        "progression": _progression(routine.progression) if routine.progression else None,
        "excluded": [_excluded(e) for e in routine.excluded],
        "safety": _safety(routine.safety, [by_id[s] for s in routine.safety.sources if s in by_id]),
        "sources": [_source(s) for s in routine.sources],
    }


def _change_data(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "first": change.first,
        "latest": change.latest,
        "change": change.delta,
        "improved": change.better,
        "passes_threshold": change.important,
        "verdict": change.verdict(),
    }


def _measure_data(m: MeasureSummary) -> dict[str, Any]:
    return {
        "id": m.measure.id,
        "name": m.measure.name,
        "threshold": m.measure.threshold,
        "threshold_fraction": m.measure.threshold_fraction,
        "threshold_kind": m.measure.threshold_kind,
        "higher_is_better": m.measure.higher_is_better,
        "scores": [{"date": s.date.isoformat(), "value": s.value} for s in m.scores],
        "change": _change_data(m.change),
        "activities": [{"activity": a, "change": _change_data(c)} for a, c in m.activities],
        "note": m.note,
        "sources": [{"text": s.text, "url": s.url} for s in m.measure.sources],
    }


def _report_data(report: Report) -> dict[str, Any]:
    """The report as JSON data."""
    return {
        "person": report.person,
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "planned_per_week": report.planned_per_week,
        "planned": report.planned,
        "done": report.done,
        "adherence": None if report.adherence is None else round(report.adherence, 3),
        "walked_minutes": report.walked,
        "walk_aim_a_week": report.walk_aim,
        "knees": list(report.knees),
        "last_appointment": _appointment(report.last_appointment),
        "sessions_since_appointment": report.sessions_since_appointment,
        "next_appointment": _appointment(report.next_appointment),
        "weeks": [
            {
                "week": w.number,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "planned": w.planned,
                "done": w.done,
                "mean_pain": w.mean_pain,
                "mean_next_morning_pain": w.mean_next_morning,
                "walked_minutes": w.walked,
            }
            for w in report.weeks
        ],
        "pain": [
            {
                "date": p.date.isoformat(),
                "pain": p.pain,
                "next_morning_pain": p.next_morning,
                "red_flag": p.red_flag,
            }
            for p in report.pain
        ],
        "red_flags": [
            {
                "date": f.date.isoformat(),
                "text": f.text,
                "cleared": f.cleared.isoformat() if f.cleared else None,
                "cleared_by": f.cleared_by or None,
            }
            for f in report.red_flags
        ],
        "progression": [
            {
                "date": s.date.isoformat(),
                "from": s.before,
                "to": s.after,
                "reason": reason_or_blank(s.reason),
            }
            for s in report.steps
        ],
        "checkins": [
            {
                "date": c.date.isoformat(),
                "week_pain": c.week_pain,
                "activities": [{"activity": a, "score": n} for a, n in c.activities],
                "chair_stands": c.chair_stands,
                "knee_bend": c.knee_bend,
                "knee_straighten": c.knee_straighten,
                "walk_40m": c.walk_40m,
                "stairs": c.stairs,
                "tug": c.tug,
            }
            for c in report.checkins
        ],
        "measures": [_measure_data(m) for m in report.measures],
        "disclaimer": _(NOT_MEDICAL_ADVICE),
    }


def _swaps_data(found: Swaps) -> dict[str, Any]:
    original = found.exercise
    return {
        "exercise": {
            "id": original.id,
            "name": original.name,
            "not_for_you": why_not_texts(found.not_for_you),
        },
        "alternatives": [
            {
                "id": a.exercise.id,
                "name": a.exercise.name,
                "reasons": [qualifies_text(r) for r in a.reasons],
            }
            for a in found.alternatives
        ],
    }


def _excluded(exclusion: Exclusion) -> dict[str, Any]:
    reasons = why_not_texts(exclusion.reasons)
    return {
        "id": exclusion.id,
        "name": exclusion.name,
        "reason": "; ".join(reasons),
        "reasons": reasons,
    }


class JsonRenderer(SessionOrWeek, Refusing):
    """Renders with the field names documented in the README."""

    fmt = Format.JSON

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def _session(self, routine: Routine) -> str:
        return _dump(PLAN, _plan_data(routine))

    def _week(self, schedule: Schedule) -> str:
        data = _plan_data(schedule.routine)
        del data["sections"], data["estimated_minutes"]
        data["days_per_week"] = schedule.days_per_week
        data["weeks"] = schedule.weeks
        data["start"] = schedule.start.isoformat()
        data["week_notes"] = [notice_text(n) for n in schedule.week_notes]
        data["days"] = [
            {
                "week": day.week,
                "day": day.day,
                "date": day.date.isoformat(),
                "weekday": day.date.strftime("%A"),
                "focus": day.focus,
                "minutes": day.minutes,
                "sections": _sections(day.sections, schedule.routine),
            }
            for day in schedule.days
        ]
        return _dump(PLAN, data)

    def history(self, sessions: Sequence[Session]) -> str:
        return _dump(LOG, {"sessions": [session_dict(s) for s in sessions]})

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str:
        return _dump(EXERCISES, {"exercises": [_exercise(e, catalogue) for e in exercises]})

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str:
        return _dump(EXERCISE, _exercise(exercise, catalogue))

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str:
        return _dump(CONDITIONS, {"conditions": [_condition(c, catalogue) for c in conditions]})

    def checkins(self, checkins: Sequence[CheckIn]) -> str:
        return _dump(LOG, {"sessions": [], "checkins": [checkin_dict(c) for c in checkins]})

    def report(self, report: Report) -> str:
        return _dump(REPORT, _report_data(report))

    def swaps(self, found: Swaps) -> str:
        return _dump(SWAPS, _swaps_data(found))

    def review(self, review: WeekReview) -> str:
        """The weekly review as data (see kneefit.render.review)."""
        from kneefit.render.review import review_data

        return _dump(REVIEW, review_data(review))
