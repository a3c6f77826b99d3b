"""What an exercise's words say about the body's position, held against its tags and traits.

Conditions rule exercises out by their tags (``kneeling``) and traits (``prone``): an
exercise whose steps kneel or lie face down without the tag or trait would reach a plan
for prepatellar bursitis or Osgood-Schlatter disease, whose rules forbid pressure on the
front of the knee. So the steps, cues and notes are read for those positions, and each
one they name must be carried by the matching tag or trait. A sentence that names the
position only to forbid it ("Skip any pose that kneels") does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kneefit.models import Exercise, KneeLoad, Trait

#: A sentence that names a position to rule it out: "do not kneel", "without kneeling".
_NEGATED = re.compile(r"\b(?:not|never|no|avoid|skip|without|instead of)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Position:
    words: re.Pattern[str]
    tag: KneeLoad | None
    trait: Trait | None
    what: str


_POSITIONS = (
    _Position(
        re.compile(
            r"\bkneel|\ball fours\b|\bhands and knees\b|\bto your knees\b"
            r"|\bon (?:your|both|one|the) knees?\b"
            r"|\bknees? (?:that )?(?:rests?|resting) on the (?:floor|mat|ground)\b",
            re.IGNORECASE,
        ),
        KneeLoad.KNEELING,
        None,
        "kneels or rests a knee on the floor",
    ),
    _Position(
        re.compile(
            r"\bface down\b|\bprone\b|\b(?:lie|lying|lay) on your (?:front|stomach|tummy|belly)\b",
            re.IGNORECASE,
        ),
        None,
        Trait.PRONE,
        "lies face down",
    ),
)


def position_problems(exercise: Exercise) -> list[str]:
    """What the exercise's words say it does that its tags or traits do not carry."""
    texts = [*exercise.steps, *exercise.cues, *([exercise.notes] if exercise.notes else [])]
    problems = []
    for position in _POSITIONS:
        carried = (position.tag is not None and position.tag in exercise.knee_load) or (
            position.trait is not None and position.trait in exercise.traits
        )
        if carried:
            continue
        said = next((t for t in texts if position.words.search(t) and not _NEGATED.search(t)), None)
        if said is not None:
            needs = (
                f"the knee-load tag {position.tag.value!r}"
                if position.tag is not None
                else f"the trait {position.trait.value!r}"
                if position.trait is not None
                else ""
            )
            problems.append(f"its words say it {position.what} ({said!r}) but it lacks {needs}")
    return problems
