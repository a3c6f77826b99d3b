"""JSON: the data itself, for programs and for handing on."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kneefit import __version__
from kneefit.catalogue import Catalogue
from kneefit.log.export import session_dict
from kneefit.models import (
    Condition,
    Dose,
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
    program_text,
    variant_names,
)


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


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
        "reasons": list(progression.reasons),
        "changes": list(progression.changes),
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
                "title": section.title,
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
    return {
        "kneefit_version": __version__,
        "disclaimer": NOT_MEDICAL_ADVICE,
        "request": {
            "conditions": list(request.conditions),
            "level": request.level.value,
            "equipment": sorted(e.value for e in request.equipment),
            "minutes": request.minutes,
        },
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
        "warnings": list(routine.warnings),
        "program": _program(routine.program) if routine.program else None,
        "progression": _progression(routine.progression) if routine.progression else None,
        "excluded": [
            {"id": e.id, "name": e.name, "reason": e.reason, "reasons": list(e.reasons)}
            for e in routine.excluded
        ],
        "safety": _safety(routine.safety, [by_id[s] for s in routine.safety.sources if s in by_id]),
        "sources": [_source(s) for s in routine.sources],
    }


class JsonRenderer(SessionOrWeek):
    """Renders with the field names documented in the README."""

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def _session(self, routine: Routine) -> str:
        return _dump(_plan_data(routine))

    def _week(self, schedule: Schedule) -> str:
        data = _plan_data(schedule.routine)
        del data["sections"], data["estimated_minutes"]
        data["days_per_week"] = schedule.days_per_week
        data["weeks"] = schedule.weeks
        data["start"] = schedule.start.isoformat()
        data["week_notes"] = list(schedule.week_notes)
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
        return _dump(data)

    def history(self, sessions: Sequence[Session]) -> str:
        return _dump([session_dict(s) for s in sessions])

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str:
        return _dump([_exercise(e, catalogue) for e in exercises])

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str:
        return _dump(_exercise(exercise, catalogue))

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str:
        return _dump([_condition(c, catalogue) for c in conditions])
