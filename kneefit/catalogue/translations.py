"""The catalogue in another language: translation files, checked and applied by id.

A translation file (``data/translations/<language>.yaml``) holds, for each exercise,
condition and program by id, and for the safety block, the same item's *prose* (the text a
person reads: names, aliases, steps, cues, notes, reasons, ...) in that language, and
nothing else: ids, tags, numbers and sources stay with the English catalogue. An entry
mirrors its English item's prose (see :func:`skeleton`): mappings by key, lists by position
(``{}`` for a list element that has no prose); an item's aliases alone may be more or fewer.

Each entry carries ``english``: the digest of the English prose it was translated from
(:func:`digest`). When the English changes, the digest no longer matches and the entry is
*stale*: the item is shown in English, with a warning in ``kneefit validate``, rather than in
a translation of words the catalogue no longer says. A missing entry is shown in English too.

What is prose is said once, in :data:`PROSE`, by model and field; every other text field of
the models is declared in :data:`NOT_PROSE` (a test checks that each text field is in one
of the two, so a new prose field cannot be left out of translations unnoticed).

Run ``python -m kneefit.catalogue.translations stamp OUT PART...`` to assemble translated
parts into one file, writing each entry's ``english`` digest from the catalogue as it is
(see :func:`main`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from kneefit.catalogue.lookup import Catalogue, OtherNames, normalise
from kneefit.errors import KneefitError, Problem, ProblemError
from kneefit.models import (
    Citation,
    Condition,
    Dose,
    Exercise,
    FlarePlan,
    Limits,
    PainEducation,
    PainRule,
    Preference,
    RedFlag,
    Restriction,
    Review,
    Safety,
    Source,
    text_problem,
)
from kneefit.templates import Advance, DoseTarget, Phase, ProgramTemplate, RoleSlot

#: The prose fields of each catalogue model, in the order of the English skeletons: a text,
#: a list of texts, or a model (or list of models) whose own prose fields are listed here.
PROSE: Mapping[type[BaseModel], tuple[str, ...]] = {
    Exercise: ("name", "aliases", "steps", "cues", "notes", "dose"),
    Dose: ("intensity", "range_note"),
    Condition: ("name", "aliases", "first_note", "notes", "rules_out", "prefers", "limits"),
    Restriction: ("reason",),
    Preference: ("reason",),
    Limits: ("reason",),
    ProgramTemplate: ("name", "notes", "phases"),
    Phase: ("name", "goal", "move_on", "advance", "review", "roles"),
    Advance: ("note",),
    Review: ("note",),
    RoleSlot: ("note", "dose"),
    DoseTarget: ("intensity",),
    Safety: (
        "disclaimer",
        "discomfort_vs_pain",
        "see_clinician_first",
        "persistent_pain",
        "pain_rule",
        "education",
        "flare_up",
        "review",
        "red_flags",
    ),
    PainRule: ("safe", "acceptable", "stop", "next_morning"),
    PainEducation: ("hurt_not_harm", "why_exercise_helps"),
    FlarePlan: ("what", "lighter", "back", "see"),
    RedFlag: ("sign", "action", "handout_sign", "handout_action"),
}

#: The text fields that are not prose: ids and references (slugs), and what only a
#: clinician checking a source reads (its title, publisher, what a citation shows). They
#: stay as the English catalogue has them.
NOT_PROSE: Mapping[type[BaseModel], tuple[str, ...]] = {
    Exercise: ("id", "easier", "harder"),
    Citation: ("id", "note"),
    Source: ("id", "title", "publisher", "url", "note"),
    Condition: ("id", "sources"),
    Restriction: ("exercises", "allows", "sources"),
    Preference: ("exercises", "sources"),
    Limits: ("sources",),
    ProgramTemplate: ("id", "conditions", "sources"),
    Phase: ("id", "conditions", "sources"),
    RoleSlot: ("candidates",),
    Review: ("sources",),
    Safety: ("sources",),
    RedFlag: ("id", "sources"),
    FlarePlan: ("sources", "not_for"),
    PainEducation: ("sources",),
}

#: The translatable sections of a file, and of the catalogue, by kind.
SECTIONS = ("exercises", "conditions", "programs")
Section = Literal["exercises", "conditions", "programs"]
_ROOTS: Mapping[str, type[BaseModel]] = {
    "exercises": Exercise,
    "conditions": Condition,
    "programs": ProgramTemplate,
    "safety": Safety,
}
#: The fields of names a person may type (looked up in either language); an item's aliases
#: may differ in number from the English.
_NAME_FIELDS = ("name", "aliases")
_NAME_LENGTH = 120
_DIGEST_LENGTH = 12

Skeleton = dict[str, Any]


# ---------------------------------------------------------------------- the shape of prose


@dataclass(frozen=True)
class _Field:
    """How a prose field holds its prose: one text or several, one model or several."""

    many: bool
    model: type[BaseModel] | None


def _model_in(annotation: Any) -> tuple[bool, type[BaseModel] | None]:
    """Whether ``annotation`` is a tuple, and the model it holds (None for text)."""
    many = False
    stack = [annotation]
    found: type[BaseModel] | None = None
    while stack:
        current = stack.pop()
        origin = typing.get_origin(current)
        if origin is tuple:
            many = True
        if isinstance(current, type) and issubclass(current, BaseModel):
            found = current
        if origin is typing.Annotated:
            stack.append(typing.get_args(current)[0])
        elif origin in (tuple, typing.Union, types.UnionType):
            stack.extend(typing.get_args(current))
    return many, found


@functools.cache
def _field(model: type[BaseModel], name: str) -> _Field:
    many, found = _model_in(model.model_fields[name].annotation)
    return _Field(many, found)


def skeleton(item: BaseModel) -> Skeleton:
    """An item's English prose, shaped as its translation entry is: each prose field that has
    a value, by key; a list of models as one mapping each (``{}`` for one without prose); a
    model without prose left out."""
    out: Skeleton = {}
    for name in PROSE[type(item)]:
        value = getattr(item, name)
        if value is None:
            continue
        kind = _field(type(item), name)
        if kind.model is None:
            if kind.many:
                if value:
                    out[name] = list(value)
            else:
                out[name] = value
        elif kind.many:
            if value:
                out[name] = [skeleton(v) for v in value]
        else:
            inner = skeleton(value)
            if inner:
                out[name] = inner
    return out


def digest(prose: Skeleton) -> str:
    """The digest an entry's ``english`` holds: the first 12 hex digits of the SHA-256 of
    the English skeleton as compact JSON (keys sorted, non-ASCII kept)."""
    text = json.dumps(prose, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:_DIGEST_LENGTH]


def _english(catalogue: Catalogue) -> dict[str, dict[str, BaseModel]]:
    return {
        "exercises": dict(catalogue.exercises),
        "conditions": dict(catalogue.conditions),
        "programs": dict(catalogue.programs),
    }


# ---------------------------------------------------------------------- reading a file


@dataclass(frozen=True)
class Translation:
    """A translation file, checked against a catalogue: the entries that may be used (those
    of the English in force), and a located warning for each item left in English."""

    language: str
    file: str
    #: Fresh entries by section and id: the translated prose, shaped as :func:`skeleton`.
    entries: Mapping[str, Mapping[str, Skeleton]] = field(default_factory=dict)
    #: The safety block's translated prose, if fresh.
    safety: Skeleton | None = None
    warnings: tuple[Problem, ...] = ()


class _Checker:
    """Walks one file, gathering located errors and warnings."""

    def __init__(self, name: str, locator: Any) -> None:
        self.name = name
        self.locator = locator
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def problem(self, path: tuple[int | str, ...], message: str, *, warn: bool = False) -> None:
        mark = None
        for end in range(len(path), -1, -1):
            mark = self.locator.locate(path[:end])
            if mark is not None:
                break
        shown = ".".join(str(p) for p in path)
        found = Problem(
            self.name, message, mark.line if mark else None, mark.column if mark else None, shown
        )
        (self.warnings if warn else self.errors).append(found)

    def text(self, value: Any, path: tuple[int | str, ...], limit: int) -> bool:
        if not isinstance(value, str):
            self.problem(path, f"must be text, not {_kind_of(value)}")
            return False
        problem = text_problem(value, limit)
        if problem is None and not value.strip():
            problem = "must not be blank"
        if problem is not None:
            self.problem(path, problem)
            return False
        return True

    def entry(
        self, value: Any, model: type[BaseModel], path: tuple[int | str, ...]
    ) -> Skeleton | None:
        """A well-formed entry for ``model`` (keys its prose fields, texts where texts go),
        or None (with errors)."""
        if not isinstance(value, dict):
            self.problem(path, f"must be a mapping, not {_kind_of(value)}")
            return None
        ok = True
        allowed = PROSE[model]
        for key, inner in value.items():
            here = (*path, key)
            if key not in allowed:
                choices = ", ".join(allowed)
                self.problem(here, f"unknown key {key!r}; the keys here are: {choices}")
                ok = False
                continue
            kind = _field(model, key)
            limit = _NAME_LENGTH if key in _NAME_FIELDS else 2000
            if kind.many:
                if not isinstance(inner, list):
                    self.problem(here, f"must be a list, not {_kind_of(inner)}")
                    ok = False
                    continue
                for index, element in enumerate(inner):
                    if kind.model is None:
                        ok = self.text(element, (*here, index), limit) and ok
                    else:
                        ok = self.entry(element, kind.model, (*here, index)) is not None and ok
            elif kind.model is None:
                ok = self.text(inner, here, limit) and ok
            else:
                ok = self.entry(inner, kind.model, here) is not None and ok
        return value if ok else None

    def matches(self, entry: Any, english: Any, path: tuple[int | str, ...]) -> None:
        """An entry of fresh English (its digest matches) must have its shape exactly: the
        same keys and, but for aliases, lists of the same length."""
        if isinstance(english, dict) and isinstance(entry, dict):
            for key in english:
                if key not in entry:
                    self.problem(path, f"has no {key!r}; the English has one")
            for key in entry:
                if key not in english:
                    self.problem((*path, key), f"the English has no {key!r}")
                else:
                    self.matches(entry[key], english[key], (*path, key))
        elif isinstance(english, list) and isinstance(entry, list):
            if path[-1] != "aliases" and len(entry) != len(english):
                self.problem(
                    path, f"has {len(entry)} items; the English has {len(english)}, in order"
                )
            for index, (mine, theirs) in enumerate(zip(entry, english, strict=False)):
                self.matches(mine, theirs, (*path, index))


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__


def _fresh(
    check: _Checker, entry: Skeleton, english: Skeleton, path: tuple[str, ...], what: str
) -> bool:
    """Whether the entry was translated from the English as it is now (else a warning)."""
    stamp = entry.get("english")
    if stamp is None:
        check.problem(path, f"{what} has no 'english' digest; it stays in English", warn=True)
        return False
    if stamp != digest(english):
        check.problem(
            (*path, "english"),
            f"{what} was translated from older English (its digest {stamp!r} is not "
            f"{digest(english)!r}); it stays in English until translated again",
            warn=True,
        )
        return False
    return True


def file_language(text: str, name: str) -> str | None:
    """The language a translation file says it is in (its top-level ``language:``), or None
    for a file that does not say (a catalogue file); a located error for a language kneefit
    does not have."""
    from kneefit import yamlread
    from kneefit.i18n import available

    data, locator = yamlread.load(text, name)
    if not isinstance(data, dict) or "language" not in data:
        return None
    said = data["language"]
    languages = available()
    if said not in languages or said == "en":
        check = _Checker(name, locator)
        others = ", ".join(lang for lang in languages if lang != "en")
        check.problem(("language",), f"must be a language kneefit has ({others}), not {said!r}")
        raise ProblemError(check.errors)
    return str(said)


def read_translation(text: str, name: str, catalogue: Catalogue, language: str) -> Translation:
    """Check a translation file's text against the catalogue in force.

    Errors (a located :class:`~kneefit.errors.ProblemError`): not a mapping, an unknown key,
    text where there should be a list or the other way round, a list of a different length
    than the English, an id the catalogue does not have, a name or alias that another item
    already answers to (in either language). Warnings, in the result: an item with no entry
    or a stale one (see the module's docstring); it stays in English.
    """
    from kneefit import yamlread

    data, locator = yamlread.load(text, name)
    check = _Checker(name, locator)
    if not isinstance(data, dict):
        check.problem((), "the top level must be a mapping with: language, " + ", ".join(_ROOTS))
        raise ProblemError(check.errors)
    for key in data:
        if key not in ("language", *_ROOTS):
            choices = "language, " + ", ".join(_ROOTS)
            check.problem((key,), f"unknown key {key!r}; the keys here are: {choices}")
    said = data.get("language")
    if said != language:
        check.problem(("language",), f"must say 'language: {language}', not {said!r}")
    english = _english(catalogue)
    entries: dict[str, dict[str, Skeleton]] = {}
    for section in SECTIONS:
        found = data.get(section, {})
        if not isinstance(found, dict):
            check.problem((section,), f"must be a mapping by id, not {_kind_of(found)}")
            found = {}
        kept: dict[str, Skeleton] = {}
        for ident, value in found.items():
            path = (section, ident)
            item = english[section].get(ident)
            if item is None:
                check.problem(path, f"the catalogue has no {section[:-1]} {ident!r}")
                continue
            model = _ROOTS[section]
            body = _without_digest(check, value, path)
            entry = check.entry(body, model, path) if body is not None else None
            if entry is None:
                continue
            prose = skeleton(item)
            if _fresh(check, value, prose, path, f"{section[:-1]} {ident!r}"):
                check.matches(entry, prose, path)
                kept[ident] = entry
        for ident in english[section]:
            if ident not in found:
                check.problem(
                    (section,),
                    f"no entry for {section[:-1]} {ident!r}; it stays in English",
                    warn=True,
                )
        entries[section] = kept
    safety: Skeleton | None = None
    if "safety" in data:
        body = _without_digest(check, data["safety"], ("safety",))
        entry = check.entry(body, Safety, ("safety",)) if body is not None else None
        prose = skeleton(catalogue.safety)
        if entry is not None and _fresh(check, data["safety"], prose, ("safety",), "safety"):
            check.matches(entry, prose, ("safety",))
            safety = entry
    else:
        check.problem((), "no entry for the safety notes; they stay in English", warn=True)
    _check_names(check, catalogue, entries)
    if check.errors:
        raise ProblemError(check.errors)
    return Translation(language, name, entries, safety, tuple(check.warnings))


def _without_digest(check: _Checker, value: Any, path: tuple[str, ...]) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        check.problem(path, f"must be a mapping, not {_kind_of(value)}")
        return None
    stamp = value.get("english")
    if stamp is not None and not isinstance(stamp, str):
        check.problem(
            (*path, "english"),
            f"must be text, not {_kind_of(stamp)} (quote it: english: '...')",
        )
        return None
    return {k: v for k, v in value.items() if k != "english"}


def _check_names(
    check: _Checker, catalogue: Catalogue, entries: Mapping[str, Mapping[str, Skeleton]]
) -> None:
    """A translated name or alias must not be one another item answers to, in either
    language: it would look up the wrong item."""
    english = _english(catalogue)
    for section in ("exercises", "conditions"):
        owners: dict[str, str] = {}
        for ident, item in english[section].items():
            for label in _labels(ident, item):
                owners.setdefault(normalise(label), ident)
        # Names before aliases: an alias that is another item's translated name is the
        # alias's fault, wherever the two stand in the file.
        labels = [
            (ident, found)
            for ident, entry in entries[section].items()
            for found in _translated_labels(entry)
        ]
        labels.sort(key=lambda pair: pair[1][0] != "name")
        for ident, (key, label, where) in labels:
            key_form = normalise(label)
            if not key_form:
                check.problem((section, ident, *where), f"the {key} {label!r} has no letters")
                continue
            owner = owners.setdefault(key_form, ident)
            if owner != ident:
                check.problem(
                    (section, ident, *where),
                    f"{label!r} is already a name of {section[:-1]} {owner!r}",
                )


def _labels(ident: str, item: BaseModel) -> Iterable[str]:
    yield ident
    yield getattr(item, "name")  # noqa: B009 - exercises and conditions both have one
    yield from getattr(item, "aliases")  # noqa: B009


def _translated_labels(entry: Skeleton) -> Iterable[tuple[str, str, tuple[int | str, ...]]]:
    if isinstance(entry.get("name"), str):
        yield "name", entry["name"], ("name",)
    for index, alias in enumerate(entry.get("aliases", [])):
        yield "alias", alias, ("aliases", index)


# ---------------------------------------------------------------------- applying it


def _apply(item: BaseModel, entry: Skeleton) -> BaseModel:
    update: dict[str, Any] = {}
    for name, value in entry.items():
        kind = _field(type(item), name)
        current = getattr(item, name)
        if kind.model is None:
            update[name] = tuple(value) if kind.many else value
        elif kind.many:
            update[name] = tuple(_apply(c, e) for c, e in zip(current, value, strict=True))
        elif current is not None:
            update[name] = _apply(current, value)
    return item.model_copy(update=update)


def translated(catalogue: Catalogue, translation: Translation) -> Catalogue:
    """The catalogue with the prose of each item the translation has a fresh entry for in the
    translation's language (the rest, a layer's own items among them, as they are). Its
    exercises and conditions still answer to their English names and aliases."""

    def section(items: Mapping[str, Any], kind: str) -> dict[str, Any]:
        found = translation.entries.get(kind, {})
        return {i: (_apply(v, found[i]) if i in found else v) for i, v in items.items()}

    exercises = section(catalogue.exercises, "exercises")
    conditions = section(catalogue.conditions, "conditions")
    programs = section(catalogue.programs, "programs")
    safety = catalogue.safety
    if translation.safety is not None:
        applied = _apply(safety, translation.safety)
        assert isinstance(applied, Safety)
        safety = applied
    english = OtherNames(
        exercises={i: (e.name, *e.aliases) for i, e in catalogue.exercises.items()},
        conditions={i: (c.name, *c.aliases) for i, c in catalogue.conditions.items()},
    )
    return replace(
        catalogue,
        exercises=exercises,
        conditions=conditions,
        programs=programs,
        safety=safety,
        other_names=english,
        english=catalogue.english or catalogue,
    )


def other_names(translations: Sequence[Translation]) -> OtherNames:
    """The names and aliases the translations give exercises and conditions, by id."""
    exercises: dict[str, tuple[str, ...]] = {}
    conditions: dict[str, tuple[str, ...]] = {}
    for translation in translations:
        for target, kind in ((exercises, "exercises"), (conditions, "conditions")):
            for ident, entry in translation.entries.get(kind, {}).items():
                labels = tuple(label for _, label, _ in _translated_labels(entry))
                target[ident] = target.get(ident, ()) + labels
    return OtherNames(exercises=exercises, conditions=conditions)


# ---------------------------------------------------------------------- the bundled files


def bundled_translation_path(language: str) -> Path | None:
    """Where the catalogue's translation into ``language`` ships, or None if it has none."""
    from importlib.resources import files as package_files

    name = f"{language}.yaml"
    installed = package_files("kneefit") / "data" / "translations" / name
    if installed.is_file():
        return Path(str(installed))
    checkout = Path(__file__).resolve().parents[2] / "data" / "translations" / name
    return checkout if checkout.is_file() else None


def load_translation(
    catalogue: Catalogue, language: str, path: Path | None = None
) -> Translation | None:
    """The translation into ``language`` (the bundled one, unless ``path``), checked against
    ``catalogue``; None if there is none."""
    from kneefit.catalogue.reading import read_text

    path = path if path is not None else bundled_translation_path(language)
    if path is None:
        return None
    return read_translation(read_text(path), str(path), catalogue, language)


def in_language(
    catalogue: Catalogue,
    language: str,
    *,
    cache_dir: Path | None = None,
    now: datetime | None = None,
) -> Catalogue:
    """The catalogue with its prose in ``language`` where the bundled translation has it
    (English, as it is, for ``en`` or a language with no translation).

    With a ``cache_dir``, the checked translation is kept there (given ``now``, the real
    time) and taken from there while the file, kneefit and the English it was checked
    against are unchanged: checking it takes longer than planning."""
    if language == "en":
        return catalogue
    path = bundled_translation_path(language)
    if path is None:
        return catalogue
    if cache_dir is None:
        translation = load_translation(catalogue, language, path)
        assert translation is not None
        return translated(catalogue, translation)
    return translated(catalogue, _through_cache(catalogue, language, path, cache_dir, now))


_CACHE_KIND = "translations"


def _through_cache(
    catalogue: Catalogue, language: str, path: Path, cache_dir: Path, now: datetime | None
) -> Translation:
    import os

    from kneefit.catalogue import cache
    from kneefit.catalogue.reading import opened

    with opened(path) as handle:
        info = handle.info
        english = json.dumps(english_entries(catalogue), sort_keys=True, ensure_ascii=False)
        key: dict[str, object] = {
            "language": language,
            "path": os.path.realpath(path),
            "size": info.st_size,
            "mtime_ns": info.st_mtime_ns,
            "inode": info.st_ino,
            "device": info.st_dev,
            "english": hashlib.sha256(english.encode()).hexdigest(),
        }
        found = _from_cache(cache.load_keyed(_CACHE_KIND, key, cache_dir), language, str(path))
        if found is not None:
            return found
        text = handle.read_text()
    translation = read_translation(text, str(path), catalogue, language)
    if now is not None and now.timestamp() - info.st_mtime_ns / 1e9 >= cache.SETTLE_SECONDS:
        data = {
            "entries": translation.entries,
            "safety": translation.safety,
            "warnings": [
                [w.file, w.message, w.line, w.column, w.path] for w in translation.warnings
            ],
        }
        cache.store_keyed(_CACHE_KIND, key, cache_dir, data)
    return translation


def _from_cache(data: object, language: str, name: str) -> Translation | None:
    """A translation kept in the cache, if it has the shape of one (else None: a miss)."""
    if not isinstance(data, dict):
        return None
    entries, safety, warnings = data.get("entries"), data.get("safety"), data.get("warnings")
    if not isinstance(entries, dict) or set(entries) != set(SECTIONS):
        return None
    check = _Checker(name, _NoPlaces())
    for section, found in entries.items():
        if not isinstance(found, dict):
            return None
        for ident, entry in found.items():
            if check.entry(entry, _ROOTS[section], (section, ident)) is None:
                return None
    if safety is not None and check.entry(safety, Safety, ("safety",)) is None:
        return None
    if not isinstance(warnings, list):
        return None
    kept = []
    for warning in warnings:
        if not (isinstance(warning, list) and len(warning) == 5):
            return None
        file, message, line, column, where = warning
        if not (isinstance(file, str) and isinstance(message, str) and isinstance(where, str)):
            return None
        if not all(v is None or (isinstance(v, int) and v > 0) for v in (line, column)):
            return None
        kept.append(Problem(file, message, line, column, where))
    return Translation(language, name, entries, safety, tuple(kept))


class _NoPlaces:
    """A locator for data with no file behind it."""

    def locate(self, path: tuple[int | str, ...]) -> None:
        return None


def bundled_other_names(catalogue: Catalogue) -> OtherNames:
    """The names every bundled translation gives the catalogue's exercises and conditions
    (a file that cannot be read gives none: a name is then only not found)."""
    from kneefit.i18n import available

    found = []
    for language in available():
        if language == "en":
            continue
        try:
            translation = load_translation(catalogue, language)
        except KneefitError:
            continue
        if translation is not None:
            found.append(translation)
    return other_names(found)


# ---------------------------------------------------------------------- the tool


def english_entries(catalogue: Catalogue) -> dict[str, Any]:
    """Every item's English prose, shaped as a translation file is: where a new language's
    translation starts (each string to be replaced by its translation)."""
    out: dict[str, Any] = {}
    for section, items in _english(catalogue).items():
        out[section] = {ident: skeleton(item) for ident, item in items.items()}
    out["safety"] = skeleton(catalogue.safety)
    return out


def stamped(
    parts: Sequence[Mapping[str, Any]], catalogue: Catalogue, language: str
) -> dict[str, Any]:
    """Translated parts (each a mapping of sections, as :func:`english_entries` shapes them)
    joined into one translation file, each entry stamped with the digest of the English it
    is a translation of: the English of the catalogue as it is now."""
    english = english_entries(catalogue)
    out: dict[str, Any] = {"language": language}
    for part in parts:
        for section in SECTIONS:
            for ident, entry in (part.get(section) or {}).items():
                body = {k: v for k, v in entry.items() if k != "english"}
                prose = english[section].get(ident)
                stamp = {"english": _Digest(digest(prose))} if prose is not None else {}
                out.setdefault(section, {})[ident] = {**stamp, **body}
        if part.get("safety"):
            body = {k: v for k, v in part["safety"].items() if k != "english"}
            out["safety"] = {"english": _Digest(digest(english["safety"])), **body}
    for section in SECTIONS:
        if section in out:
            # In the catalogue's order; ids it does not have last (the check names them).
            order = {ident: n for n, ident in enumerate(english[section])}
            ranked = sorted(out[section].items(), key=lambda kv: order.get(kv[0], len(order)))
            out[section] = dict(ranked)
    return out


class _Digest(str):
    """A digest, written quoted."""


def dump_yaml(data: Any) -> str:
    """A translation file's text: UTF-8 as it is, keys in order, digests quoted."""
    import yaml

    class Dumper(yaml.SafeDumper):
        """Digests quoted: '2400e5000001' would otherwise be read back as a number."""

    def quoted(dumper: yaml.SafeDumper, value: _Digest) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="'")

    Dumper.add_representer(_Digest, quoted)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)


_USAGE = """\
usage: python -m kneefit.catalogue.translations stamp LANGUAGE OUT PART...
       python -m kneefit.catalogue.translations english OUT
       python -m kneefit.catalogue.translations check LANGUAGE FILE

stamp    join translated parts (YAML, shaped as 'english' writes) into the translation file
         OUT, each entry stamped with the digest of the bundled catalogue's English as it
         is now: run it only on parts translated from the English as it is now.
english  write every item's English prose, shaped as a translation file, to OUT: where a
         new language's translation starts.
check    check a translation file against the bundled catalogue; print its warnings.
"""


def main(argv: Sequence[str]) -> int:
    """The translators' tool (see :data:`_USAGE`); returns the exit code."""
    import sys

    import yaml

    from kneefit.catalogue.loading import load_catalogue

    def dump(data: Any, path: str) -> None:
        Path(path).write_text(dump_yaml(data), encoding="utf-8")

    if len(argv) >= 4 and argv[0] == "stamp":
        catalogue = load_catalogue()
        parts = [yaml.safe_load(Path(p).read_text(encoding="utf-8")) or {} for p in argv[3:]]
        dump(stamped(parts, catalogue, argv[1]), argv[2])
        argv = ["check", argv[1], argv[2]]
    elif len(argv) == 2 and argv[0] == "english":
        dump({"language": "en", **english_entries(load_catalogue())}, argv[1])
        return 0
    if len(argv) == 3 and argv[0] == "check":
        try:
            translation = load_translation(load_catalogue(), argv[1], Path(argv[2]))
        except KneefitError as exc:
            print(exc, file=sys.stderr)
            return 1
        assert translation is not None
        for warning in translation.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        counts = ", ".join(f"{len(v)} {k}" for k, v in translation.entries.items())
        safety = "the safety notes" if translation.safety is not None else "no safety notes"
        print(f"{argv[2]}: ok ({counts}, {safety}; {len(translation.warnings)} warnings)")
        return 0
    print(_USAGE, file=sys.stderr, end="")
    return 2


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
