"""Looking names up: the catalogue in force, and the everyday forms a name may take."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kneefit.errors import UnknownNameError
from kneefit.models import Condition, Exercise, Safety, Source
from kneefit.templates import ProgramTemplate

_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    """The form names are compared in: lower case, words joined by single hyphens."""
    return _NOT_ALNUM.sub("-", name.lower()).strip("-")


@dataclass
class Catalogue:
    """Every source, exercise and condition in force, after layering, with name look-ups."""

    sources: dict[str, Source]
    exercises: dict[str, Exercise]
    conditions: dict[str, Condition]
    safety: Safety
    #: The condition programs (see :mod:`kneefit.templates`), by id.
    programs: dict[str, ProgramTemplate] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    #: Ids of sources listed but cited by no exercise, condition or safety block.
    uncited_sources: tuple[str, ...] = ()
    #: One warning for each safety rule of an earlier layer (the bundled catalogue) that a
    #: later layer loosens, by name (see :mod:`kneefit.catalogue.weakening`).
    weakened: tuple[str, ...] = ()

    @functools.cached_property
    def _exercise_names(self) -> dict[str, str]:
        return _name_index(self.exercises.values())

    @functools.cached_property
    def _condition_names(self) -> dict[str, str]:
        return _name_index(self.conditions.values())

    def condition(self, name: str) -> Condition:
        """The condition called ``name`` (id, name or alias, in any case or spacing)."""
        key = _lookup(name, self._condition_names, "condition", list(self.conditions))
        return self.conditions[key]

    def exercise(self, name: str) -> Exercise:
        """The exercise called ``name`` (id, name or alias, in any case or spacing)."""
        key = _lookup(name, self._exercise_names, "exercise", list(self.exercises))
        return self.exercises[key]

    def sources_for(self, ids: Iterable[str]) -> tuple[Source, ...]:
        seen: dict[str, Source] = {}
        for ident in ids:
            if ident not in seen:
                seen[ident] = self.sources[ident]
        return tuple(seen.values())


def _name_index(entries: Iterable[Exercise | Condition]) -> dict[str, str]:
    index: dict[str, str] = {}
    for entry in entries:
        for label in (entry.id, entry.name, *entry.aliases):
            index.setdefault(normalise(label), entry.id)
    return index


def _lookup(name: str, index: dict[str, str], kind: str, choices: list[str]) -> str:
    key = normalise(name)
    if key in index:
        return index[key]
    # Everyday forms: "meniscus tear" for "torn meniscus", plurals, word order.
    words = sorted(w.removesuffix("s") for w in key.split("-") if w)
    for label, ident in index.items():
        if sorted(w.removesuffix("s") for w in label.split("-")) == words:
            return ident
    # A word or two that only one entry's names contain: "pistol" for "pistol-squat".
    typed = set(key.split("-"))
    holders = {ident for label, ident in index.items() if typed <= set(label.split("-"))}
    if len(holders) == 1:
        return holders.pop()
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(index[c] for c in close)) or sorted(holders)[:3]
    raise UnknownNameError(kind, name, choices, suggestions)
