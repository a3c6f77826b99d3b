"""The catalogue in another language: translation files, checked and applied by id.

A translation file (``data/translations/<language>.yaml``) holds, for each exercise,
condition and program by id, and for the safety block, the same item's *prose* (the text a
person reads: names, aliases, steps, cues, notes, reasons, ...) in that language, and
nothing else: ids, tags, numbers and sources stay with the English catalogue. An entry
mirrors its English item's prose (see :func:`~kneefit.catalogue.prose.skeleton`): mappings
by key, lists by position (``{}`` for a list element that has no prose); an item's aliases
alone may be more or fewer.

Each entry carries ``english``: the digest of the English prose it was translated from
(:func:`~kneefit.catalogue.prose.digest`). When the English changes, the digest no longer
matches and the entry is *stale*: the item is shown in English, with a warning in
``kneefit validate``, rather than in a translation of words the catalogue no longer says. A
missing entry is shown in English too.

What is prose is said once, in :data:`~kneefit.catalogue.prose.PROSE`, by model and field
(:mod:`kneefit.catalogue.prose`); a file is read and checked by
:mod:`kneefit.catalogue.translation_file`. This module applies a checked translation, finds
and caches the bundled ones, and is the translators' tool.

Run ``python -m kneefit.catalogue.translations stamp OUT PART...`` to assemble translated
parts into one file, writing each entry's ``english`` digest from the catalogue as it is
(see :func:`main`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kneefit.catalogue.lookup import Catalogue, OtherNames
from kneefit.catalogue.prose import ROOTS, SECTIONS, Skeleton, digest, english_entries, prose_field
from kneefit.catalogue.translation_file import (
    Checker,
    Translation,
    read_translation,
    translated_labels,
)
from kneefit.errors import KneefitError, Problem
from kneefit.i18n import language as i18n_language
from kneefit.models import Safety

# ---------------------------------------------------------------------- applying it


def _apply(item: BaseModel, entry: Skeleton) -> BaseModel:
    update: dict[str, Any] = {}
    for name, value in entry.items():
        kind = prose_field(type(item), name)
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
                labels = tuple(label for _, label, _ in translated_labels(entry))
                target[ident] = target.get(ident, ()) + labels
    return OtherNames(exercises=exercises, conditions=conditions)


# ---------------------------------------------------------------------- the bundled files


def bundled_translation_path(language: str) -> Path | None:
    """Where the catalogue's translation into ``language`` ships, or None if it has none."""
    return translation_file(f"{language}.yaml")


def translation_file(name: str) -> Path | None:
    """The file ``name`` of kneefit's translations (``data/translations/``), installed or in
    a source checkout; None when there is none."""
    from importlib.resources import files as package_files

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

    from kneefit.catalogue import cache_results
    from kneefit.catalogue.cache_format import SETTLE_SECONDS
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
            # The warnings are kept as sentences, in the language they were said in.
            "speaking": i18n_language(),
        }
        found = _from_cache(
            cache_results.load_keyed(_CACHE_KIND, key, cache_dir), language, str(path)
        )
        if found is not None:
            return found
        text = handle.read_text()
    translation = read_translation(text, str(path), catalogue, language)
    if now is not None and now.timestamp() - info.st_mtime_ns / 1e9 >= SETTLE_SECONDS:
        data = {
            "entries": translation.entries,
            "safety": translation.safety,
            "warnings": [
                [w.file, w.message, w.line, w.column, w.path] for w in translation.warnings
            ],
        }
        cache_results.store_keyed(_CACHE_KIND, key, cache_dir, data)
    return translation


def _from_cache(data: object, language: str, name: str) -> Translation | None:
    """A translation kept in the cache, if it has the shape of one (else None: a miss)."""
    if not isinstance(data, dict):
        return None
    entries, safety, warnings = data.get("entries"), data.get("safety"), data.get("warnings")
    if not isinstance(entries, dict) or set(entries) != set(SECTIONS):
        return None
    check = Checker(name, _NoPlaces())
    for section, found in entries.items():
        if not isinstance(found, dict):
            return None
        for ident, entry in found.items():
            if check.entry(entry, ROOTS[section], (section, ident)) is None:
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
