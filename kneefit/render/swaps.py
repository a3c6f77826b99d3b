"""`kneefit swap` as text or JSON: an exercise and its safe alternatives, best first."""

from __future__ import annotations

import json

from kneefit.swap import Swaps


def swaps_json(found: Swaps) -> str:
    original = found.exercise
    data = {
        "exercise": {
            "id": original.id,
            "name": original.name,
            "not_for_you": list(found.not_for_you),
        },
        "alternatives": [
            {"id": a.exercise.id, "name": a.exercise.name, "reasons": list(a.reasons)}
            for a in found.alternatives
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def swaps_text(found: Swaps) -> str:
    original = found.exercise
    load = ", ".join(t.value for t in original.knee_load) or "none"
    muscles = ", ".join(m.value for m in original.primary_muscles)
    lines = [
        f"Instead of {original.name} ({original.id}): {original.category.value}, {muscles}; "
        f"knee load {load}; {original.level.value}.",
    ]
    if found.not_for_you:
        lines.append(
            f"  ! {original.name} itself is not for this person: {'; '.join(found.not_for_you)}"
        )
    if not found.alternatives:
        lines.append("No safe alternative fits these conditions, level and equipment.")
    for number, alt in enumerate(found.alternatives, 1):
        lines.append(f"{number}. {alt.exercise.name} ({alt.exercise.id})")
        lines += [f"     - {reason}" for reason in alt.reasons]
    if found.alternatives:
        first = found.alternatives[0].exercise.id
        lines.append(f"Use one: kneefit plan ... --swap '{original.id}={first}'")
    return "\n".join(lines) + "\n"
