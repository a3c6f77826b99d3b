"""Wording shared by every renderer: doses, requests and safety notes as plain text."""

from __future__ import annotations

from dataclasses import dataclass

from kneefit.catalogue import Catalogue
from kneefit.models import (
    Condition,
    Dose,
    DoseKind,
    Exercise,
    Routine,
    Safety,
    Source,
)

NOT_MEDICAL_ADVICE = (
    "kneefit is not medical advice and does not replace a doctor or physiotherapist."
)


@dataclass(frozen=True)
class RenderOptions:
    """How the output will be seen: colour, width, and whether only ASCII can be shown."""

    color: bool = False
    width: int = 100
    ascii_only: bool = False
    explain: bool = False


def dose_text(dose: Dose) -> str:
    """A dose as a person reads it: '3 sets of 10 reps, each side, rest 60 s'."""
    side = ", each side" if dose.per_side else ""
    if dose.kind is DoseKind.MINUTES:
        return f"{dose.minutes} min"
    if dose.kind is DoseKind.REPS:
        sets = "1 set" if dose.sets == 1 else f"{dose.sets} sets"
        text = f"{sets} of {dose.reps} reps"
        if dose.hold_seconds:
            text += f", hold each {dose.hold_seconds} s"
    else:
        text = f"hold {dose.hold_seconds} s"
        if dose.sets > 1:
            text += f", {dose.sets} times"
    text += side
    if dose.sets > 1 and dose.rest_seconds:
        text += f", rest {dose.rest_seconds} s between"
    return text


def frequency_text(dose: Dose) -> str:
    return "daily" if dose.days_per_week == 7 else f"{dose.days_per_week} days a week"


def equipment_text(exercise: Exercise) -> str:
    return ", ".join(e.value for e in exercise.equipment) or "none"


def muscles_text(exercise: Exercise) -> str:
    text = ", ".join(m.value for m in exercise.primary_muscles)
    if exercise.secondary_muscles:
        text += " (also " + ", ".join(m.value for m in exercise.secondary_muscles) + ")"
    return text


def request_text(routine: Routine) -> str:
    request = routine.request
    conditions = ", ".join(c.name for c in routine.conditions) or "no condition given"
    return (
        f"For: {conditions}; level {request.level.value}; "
        f"{request.minutes} minutes (about {routine.estimated_minutes:g} planned)"
    )


def equipment_request_text(routine: Routine) -> str:
    kit = sorted(e.value for e in routine.request.equipment)
    return "Equipment: " + (", ".join(kit) if kit else "none (bodyweight only)")


def source_text(source: Source) -> str:
    return f"{source.title}. {source.publisher}, {source.year}. {source.url}"


def safety_lines(safety: Safety) -> list[tuple[str, list[str]]]:
    """The safety guidance as headed groups of lines, in the order they are printed."""
    rule = safety.pain_rule
    return [
        (
            "Pain rule (0 = no pain, 10 = worst imaginable)",
            [
                f"0 to {rule.safe_max}: {rule.safe}",
                f"{rule.safe_max + 1} to {rule.acceptable_max}: {rule.acceptable}",
                f"Above {rule.acceptable_max}: {rule.stop}",
                f"Next morning: {rule.next_morning}",
            ],
        ),
        ("Discomfort is not pain", [safety.discomfort_vs_pain]),
        ("See a clinician first", [safety.see_clinician_first]),
        ("Stop and see a clinician now if", list(safety.red_flags)),
        ("Pain that lasts", [safety.persistent_pain]),
    ]


def condition_rule_lines(condition: Condition) -> list[str]:
    lines = []
    for rule in condition.rules_out:
        what = [t.value for t in rule.tags] + list(rule.exercises)
        lines.append(f"{', '.join(what)}: {rule.reason}")
    return lines


def variant_names(exercise: Exercise, catalogue: Catalogue) -> tuple[str | None, str | None]:
    def name(ident: str | None) -> str | None:
        if ident is None or ident not in catalogue.exercises:
            return None
        return catalogue.exercises[ident].name

    return name(exercise.easier), name(exercise.harder)
