"""Looking names up: the catalogue in force, and the everyday forms a name may take."""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from kneefit.errors import UnknownNameError
from kneefit.models import Condition, Exercise, Safety, Source
from kneefit.templates import ProgramTemplate

_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    """The form names are compared in: lower case, words joined by single hyphens, accents
    dropped (``extensión`` is ``extension``)."""
    if not name.isascii():
        import unicodedata

        name = "".join(
            c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
        )
    return _NOT_ALNUM.sub("-", name.lower()).strip("-")


class Deferred(Sequence[Exercise]):
    """A file's exercises, each made when first asked for (see
    :class:`kneefit.catalogue.cache_records.Records`): ``ids`` says which they are, in
    order, without making any."""

    ids: tuple[str, ...]


class Exercises(Mapping[str, Exercise]):
    """The exercises in force by id, in order; one from a :class:`Deferred` file is made
    when it is first looked up, so a plan makes only the exercises it reads."""

    __slots__ = ("_entries",)

    def __init__(self, entries: Iterable[Exercise] = ()) -> None:
        # An exercise, or where to make it from: (a deferred file's exercises, position).
        self._entries: dict[str, Exercise | tuple[Deferred, int]] = {e.id: e for e in entries}

    def put(self, exercise: Exercise) -> None:
        """Add ``exercise``, in place of any with its id."""
        self._entries[exercise.id] = exercise

    def defer(self, source: Deferred) -> None:
        """Add the exercises of ``source`` (in place of any with their ids), each made when
        first looked up."""
        count = len(source.ids)
        places = zip(itertools.repeat(source, count), range(count), strict=True)
        self._entries.update(zip(source.ids, places, strict=True))

    def __getitem__(self, ident: str) -> Exercise:
        found = self._entries[ident]
        if isinstance(found, tuple):
            source, position = found
            found = self._entries[ident] = source[position]
        return found

    def __contains__(self, ident: object) -> bool:
        return ident in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Exercises({len(self._entries)} by id)"


@dataclass(frozen=True)
class OtherNames:
    """More names the exercises and conditions answer to, by id: their names and aliases in
    the catalogue's other languages (see :mod:`kneefit.catalogue.translations`)."""

    exercises: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    conditions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class Catalogue:
    """Every source, exercise and condition in force, after layering, with name look-ups."""

    sources: dict[str, Source]
    #: By id: a dict, or :class:`Exercises`, which makes a cached file's exercises when
    #: first looked up.
    exercises: Mapping[str, Exercise]
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
    #: The names and aliases the items have in other languages (the English ones, for a
    #: catalogue translated); None: those of the bundled translations, read when a name is
    #: not one of the catalogue's own.
    other_names: OtherNames | None = None
    #: The catalogue as it is in English, for a translated one (None: this one is).
    english: Catalogue | None = None

    @functools.cached_property
    def _exercise_names(self) -> dict[str, str]:
        return _name_index(self.exercises.values())

    @functools.cached_property
    def _condition_names(self) -> dict[str, str]:
        return _name_index(self.conditions.values())

    @functools.cached_property
    def _others(self) -> OtherNames:
        if self.other_names is not None:
            return self.other_names
        # Only when a name is not found: a run whose names are all English reads no
        # translation.
        from kneefit.catalogue.translations import bundled_other_names

        return bundled_other_names(self)

    @functools.cached_property
    def _all_exercise_names(self) -> dict[str, str]:
        return _more_names(self._exercise_names, self._others.exercises)

    @functools.cached_property
    def _all_condition_names(self) -> dict[str, str]:
        return _more_names(self._condition_names, self._others.conditions)

    def condition(self, name: str) -> Condition:
        """The condition called ``name`` (id, name or alias, in any case or spacing, in any
        language the catalogue has)."""
        key = _lookup(
            name,
            self._condition_names,
            "condition",
            list(self.conditions),
            lambda: self._all_condition_names,
        )
        return self.conditions[key]

    def exercise(self, name: str) -> Exercise:
        """The exercise called ``name`` (id, name or alias, in any case or spacing, in any
        language the catalogue has)."""
        key = _lookup(
            name,
            self._exercise_names,
            "exercise",
            list(self.exercises),
            lambda: self._all_exercise_names,
        )
        return self.exercises[key]

    def english_name(self, ident: str) -> str:
        """The English name of the exercise ``ident``: what the session log keeps, so that
        a session logged in one language reads in another (it is named by id when shown)."""
        found = (self.english or self).exercises.get(ident)
        return found.name if found is not None else self.exercises[ident].name

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


def _more_names(index: dict[str, str], more: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """The index with the other names added (the catalogue's own first where they clash)."""
    combined = dict(index)
    for ident, labels in more.items():
        for label in labels:
            combined.setdefault(normalise(label), ident)
    return combined


def _lookup(
    name: str,
    index: dict[str, str],
    kind: str,
    choices: list[str],
    more: Callable[[], dict[str, str]] | None = None,
) -> str:
    found = _match(normalise(name), index)
    if found is None and more is not None:
        found = _match(normalise(name), more())
    if found is not None:
        return found
    key = normalise(name)
    typed = set(key.split("-"))
    holders = {ident for label, ident in index.items() if typed <= set(label.split("-"))}
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(index[c] for c in close)) or sorted(holders)[:3]
    raise UnknownNameError(kind, name, choices, suggestions)


def _match(key: str, index: dict[str, str]) -> str | None:
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
    return None
