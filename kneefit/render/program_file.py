"""A program file (YAML with comments) written from a routine, for a clinician to edit:
a document, with the command line that prints a plan from it in its first comment."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from kneefit.i18n import _
from kneefit.models import Dose, Knee, Routine
from kneefit.program import PROGRAM_VERSION


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _dose_lines(dose: Dose) -> list[str]:
    fields = [
        ("sets", dose.sets),
        ("reps", dose.reps),
        ("hold_seconds", dose.hold_seconds),
        ("minutes", dose.minutes),
        ("rest_seconds", dose.rest_seconds if dose.sets > 1 else None),
        ("per_side", "true" if dose.per_side else None),
        ("days_per_week", dose.days_per_week),
    ]
    return [f"{key}: {value}" for key, value in fields if value is not None]


def _comment(text: str) -> list[str]:
    """``text`` as YAML comment lines, one per line of it (each language breaks its own)."""
    return ["# " + line for line in text.split("\n")]


def program_from_routine(
    routine: Routine,
    days_per_week: int = 3,
    person: str | None = None,
    review: date | None = None,
    boosters: Sequence[date] = (),
    knee: Knee | None = None,
) -> str:
    """A program file (YAML with comments) holding ``routine``, for a clinician to edit."""
    request = routine.request
    lines = [
        *_comment(
            _(
                "A kneefit program: edit it, then print it with\n"
                "  kneefit plan --program THIS-FILE            "
                "(add -o handout.html for a handout)\n"
                "kneefit checks it like any plan: an exercise that a listed condition, the level\n"
                "or the equipment rules out is refused unless its entry gives clinician_override."
            )
        ),
        f"kneefit_program: {PROGRAM_VERSION}",
        "",
        *_comment(
            _("The person's name, printed at the top of the plan (optional; delete the line).")
        ),
        f"name: {_q(person) if person else 'null'}",
        *_comment(_("Conditions by id, name or alias ('kneefit conditions' lists them).")),
        "conditions: [" + ", ".join(c.id for c in routine.conditions) + "]",
        *_comment(_("beginner, intermediate or advanced: exercises above it are refused.")),
        f"level: {request.level.value}",
        *_comment(
            _("What the person has at home; [] for none. Exercises needing more are refused.")
        ),
        "equipment: [" + ", ".join(sorted(e.value for e in request.equipment)) + "]",
        *_comment(_("Sessions a week: the report counts adherence against it.")),
        f"days_per_week: {days_per_week}",
        *_comment(_("The session length kneefit keeps to when a step up adds work (10 to 180).")),
        f"minutes: {request.minutes}",
        *_comment(
            _("true: no progression from the log for any exercise (each entry can pin its own).")
        ),
        "pin_dose: false",
        "",
        *_comment(
            _(
                "The exercises in the order they are done "
                "(grouped by warm-up, strength, stretches\n"
                "and release in the plan). Per entry, all optional but 'exercise':\n"
                "  dose: {{sets: 2, reps: 12}}     change parts of the catalogue dose\n"
                '  note: "..."                   a note printed with the exercise\n'
                '  clinician_override: "..."     your reason to include what a rule leaves out\n'
                "  pin_dose: true                keep this dose; no progression from the log\n"
                "Keep it short: people keep up 2 to 4 exercises better than 8."
            ).format()
        ),
        "exercises:",
    ]
    for section in routine.sections:
        for item in section.items:
            lines.append(f"  - exercise: {item.exercise.id}   # {item.exercise.name}")
            lines.append("    dose: {" + ", ".join(_dose_lines(item.dose)) + "}")
    lines += [
        "",
        *_comment(_("Your notes for the person, printed before the exercises (optional).")),
        "notes: null",
        *_comment(
            _(
                "When you review the programme with the person "
                "(YYYY-MM-DD, or null): on the plan,\n"
                "in its calendar file, and in the report (sessions since the last one)."
            )
        ),
        f"review: {review.isoformat() if review else 'null'}",
        *_comment(
            _(
                "Booster sessions with you between reviews (dates): check-ups that help people\n"
                "keep up their exercises (Nicolson 2017). On the plan and in its calendar file."
            )
        ),
        "boosters: [" + ", ".join(d.isoformat() for d in sorted(boosters)) + "]",
    ]
    if knee is not None:
        # Only where one was named: without --knee the file is as it always was.
        lines += [
            *_comment(
                _(
                    "Which knee the program is for: left, right or both. On the plan, the handout\n"
                    "and the calendar, and sessions logged from it record it. With left or right,\n"
                    "exercises done each side start on that side."
                )
            ),
            f"knee: {knee}",
        ]
    return "\n".join(lines) + "\n"
