"""The words :meth:`~kneefit.models.SessionDose.describe` and
:meth:`~kneefit.models.LoggedDose.describe` write, read back as data.

Before doses were kept as data, the session log, its exports and the remembered plan held
each dose in those English words. Reading them back is how an older log is migrated
(:mod:`kneefit.log.schema`) and how an export is imported. A reading is taken only if the
dose it gives is described in exactly the same words, so it changes nothing a person sees;
words that read as no dose (typed by hand into an import, say) stay words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from kneefit.models import DoseKind, LoggedDose, SessionDose, Shortfall

_NUMBER = "([0-9]{1,4})"
_SIDE_REST = "(, each side)?(?:, rest ([0-9]{1,4}) s between)?"
_READINGS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(f"{_NUMBER} min"), ("minutes",)),
    # A hold, done `sets` times; then the same words as a series of long holds (reps).
    (
        re.compile(f"hold {_NUMBER} s(?:, {_NUMBER} times)?{_SIDE_REST}"),
        ("hold_seconds", "sets", "per_side", "rest_seconds"),
    ),
    (
        re.compile(f"hold {_NUMBER} s, {_NUMBER} times(, each side)?"),
        ("hold_seconds", "reps", "per_side"),
    ),
    (
        re.compile(f"{_NUMBER} sets? of {_NUMBER} reps(?:, hold each {_NUMBER} s)?{_SIDE_REST}"),
        ("sets", "reps", "hold_seconds", "per_side", "rest_seconds"),
    ),
    (
        re.compile(f"roll each area for {_NUMBER} s(?:, {_NUMBER} times)?{_SIDE_REST}"),
        ("roll_seconds", "sets", "per_side", "rest_seconds"),
    ),
)

# What a guided session logged of a dose it did not do all of (see LoggedDose.describe).
_GUIDED = re.compile(
    r"(?P<head>[^;]*)(?P<early>; ended early)?(?:; stopped for pain (?P<pain>[0-9]{1,2})/10)?"
)
_PART = re.compile(
    r"(?:none done|(?P<sets>[0-9]{1,3}) of (?P<of>[0-9]{1,3}) sets(?P<side> and one side)?)"
    r" \(planned: (?P<planned>[^()]*)\)"
)


def session_doses_from_words(words: str) -> Iterator[SessionDose]:
    """Each dose that :meth:`SessionDose.describe` words as ``words`` (a long hold done five
    times reads as a hold of five sets, or as five reps of one set)."""
    from pydantic import ValidationError

    for pattern, names in _READINGS:
        found = pattern.fullmatch(words)
        if found is None:
            continue
        values = {
            name: (value == ", each side") if name == "per_side" else int(value)
            for name, value in zip(names, found.groups(), strict=True)
            if value is not None
        }
        try:
            dose = SessionDose.model_validate(values)
        except ValidationError:
            continue
        if dose.describe() == words:
            yield dose


def _planned_doses(words: str, part: re.Match[str] | None) -> Iterator[SessionDose]:
    """The doses ``words`` may describe, as planned for a guided session's ``part``: a dose
    of minutes says neither its sets nor its sides, which the part done may tell."""
    from pydantic import ValidationError

    for dose in session_doses_from_words(words):
        yield dose
        if part is None or part["of"] is None or dose.kind is not DoseKind.MINUTES:
            continue
        for per_side in (False, True):
            changed = {"sets": int(part["of"]), "per_side": per_side}
            try:
                yield SessionDose.model_validate(dose.model_dump() | changed)
            except ValidationError:
                continue


@functools.lru_cache(maxsize=1024)
def logged_dose_from_words(words: str) -> LoggedDose:
    """A logged dose from its words (an export's, an older log's): as data if it reads back
    as a dose described in exactly these words, else the words themselves. (A log or an
    export holds a few distinct doses many times: each is read once, and shared, as a
    LoggedDose cannot change.)"""
    from pydantic import ValidationError

    found = _GUIDED.fullmatch(words)
    if found is None:
        return LoggedDose(text=words)
    part = _PART.fullmatch(found["head"])
    for dose in _planned_doses(part["planned"] if part else found["head"], part):
        blocks = None
        if part is not None:
            sets = int(part["sets"] or 0)
            blocks = sets * (2 if dose.per_side else 1) + (1 if part["side"] else 0)
        try:
            short = (
                Shortfall(
                    blocks_done=blocks,
                    ended_early=bool(found["early"]),
                    stopped_for_pain=int(found["pain"]) if found["pain"] else None,
                )
                if blocks is not None or found["early"] or found["pain"]
                else None
            )
        except ValidationError:
            continue
        logged = LoggedDose(dose=dose, shortfall=short)
        if logged.describe() == words:
            return logged
    return LoggedDose(text=words)
