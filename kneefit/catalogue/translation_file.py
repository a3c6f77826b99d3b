"""Reading a translation file: checked against the catalogue in force, with located errors
(the file's shape, ids, names another item answers to) and a warning for each item left
in English (no entry, or one translated from older English). See
:mod:`kneefit.catalogue.translations`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from kneefit.catalogue.lookup import Catalogue, normalise
from kneefit.catalogue.prose import (
    PROSE,
    ROOTS,
    SECTIONS,
    Skeleton,
    digest,
    english_items,
    prose_field,
    skeleton,
)
from kneefit.errors import Problem, ProblemError
from kneefit.i18n import N_, _, pgettext
from kneefit.models import Safety, text_problem

#: The fields of names a person may type (looked up in either language); an item's aliases
#: may differ in number from the English.
_NAME_FIELDS = ("name", "aliases")
_NAME_LENGTH = 120


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


class Checker:
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
            self.problem(path, _("must be text, not {kind}").format(kind=_kind_of(value)))
            return False
        problem = text_problem(value, limit)
        if problem is None and not value.strip():
            problem = _("must not be blank")
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
            self.problem(path, _("must be a mapping, not {kind}").format(kind=_kind_of(value)))
            return None
        ok = True
        allowed = PROSE[model]
        for key, inner in value.items():
            here = (*path, key)
            if key not in allowed:
                choices = ", ".join(allowed)
                self.problem(
                    here,
                    _("unknown key {key!r}; the keys here are: {keys}").format(
                        key=key, keys=choices
                    ),
                )
                ok = False
                continue
            kind = prose_field(model, key)
            limit = _NAME_LENGTH if key in _NAME_FIELDS else 2000
            if kind.many:
                if not isinstance(inner, list):
                    self.problem(here, _("must be a list, not {kind}").format(kind=_kind_of(inner)))
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
                    self.problem(path, _("has no {key!r}; the English has one").format(key=key))
            for key in entry:
                if key not in english:
                    self.problem((*path, key), _("the English has no {key!r}").format(key=key))
                else:
                    self.matches(entry[key], english[key], (*path, key))
        elif isinstance(english, list) and isinstance(entry, list):
            if path[-1] != "aliases" and len(entry) != len(english):
                self.problem(
                    path,
                    _("has {count} items; the English has {english}, in order").format(
                        count=len(entry), english=len(english)
                    ),
                )
            for index, (mine, theirs) in enumerate(zip(entry, english, strict=False)):
                self.matches(mine, theirs, (*path, index))


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, (int, float)):
        return _("a number")
    return type(value).__name__


def _fresh(
    check: Checker, entry: Skeleton, english: Skeleton, path: tuple[str, ...], what: str
) -> bool:
    """Whether the entry was translated from the English as it is now (else a warning)."""
    stamp = entry.get("english")
    if stamp is None:
        check.problem(
            path,
            _("{what} has no 'english' digest; it stays in English").format(what=what),
            warn=True,
        )
        return False
    if stamp != digest(english):
        check.problem(
            (*path, "english"),
            _(
                "{what} was translated from older English (its digest {stamp!r} is not "
                "{digest!r}); it stays in English until translated again"
            ).format(what=what, stamp=stamp, digest=digest(english)),
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
        check = Checker(name, locator)
        others = ", ".join(lang for lang in languages if lang != "en")
        check.problem(
            ("language",),
            _("must be a language kneefit has ({languages}), not {said!r}").format(
                languages=others, said=said
            ),
        )
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
    check = Checker(name, locator)
    if not isinstance(data, dict):
        check.problem(
            (),
            _("the top level must be a mapping with: {keys}").format(
                keys="language, " + ", ".join(ROOTS)
            ),
        )
        raise ProblemError(check.errors)
    for key in data:
        if key not in ("language", *ROOTS):
            choices = "language, " + ", ".join(ROOTS)
            check.problem(
                (key,),
                _("unknown key {key!r}; the keys here are: {keys}").format(key=key, keys=choices),
            )
    said = data.get("language")
    if said != language:
        check.problem(
            ("language",),
            _("must say 'language: {language}', not {said!r}").format(language=language, said=said),
        )
    english = english_items(catalogue)
    entries: dict[str, dict[str, Skeleton]] = {}
    for section in SECTIONS:
        found = data.get(section, {})
        if not isinstance(found, dict):
            check.problem(
                (section,), _("must be a mapping by id, not {kind}").format(kind=_kind_of(found))
            )
            found = {}
        kept: dict[str, Skeleton] = {}
        for ident, value in found.items():
            path = (section, ident)
            item = english[section].get(ident)
            if item is None:
                check.problem(
                    path, _("the catalogue has no {item}").format(item=_item(section, ident))
                )
                continue
            model = ROOTS[section]
            body = _without_digest(check, value, path)
            entry = check.entry(body, model, path) if body is not None else None
            if entry is None:
                continue
            prose = skeleton(item)
            if _fresh(check, value, prose, path, _item(section, ident)):
                check.matches(entry, prose, path)
                kept[ident] = entry
        for ident in english[section]:
            if ident not in found:
                check.problem(
                    (section,),
                    _("no entry for {item}; it stays in English").format(
                        item=_item(section, ident)
                    ),
                    warn=True,
                )
        entries[section] = kept
    safety: Skeleton | None = None
    if "safety" in data:
        body = _without_digest(check, data["safety"], ("safety",))
        entry = check.entry(body, Safety, ("safety",)) if body is not None else None
        prose = skeleton(catalogue.safety)
        what = pgettext("a translation file's entry", "safety")
        if entry is not None and _fresh(check, data["safety"], prose, ("safety",), what):
            check.matches(entry, prose, ("safety",))
            safety = entry
    else:
        check.problem((), _("no entry for the safety notes; they stay in English"), warn=True)
    _check_names(check, catalogue, entries)
    if check.errors:
        raise ProblemError(check.errors)
    return Translation(language, name, entries, safety, tuple(check.warnings))


def _without_digest(check: Checker, value: Any, path: tuple[str, ...]) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        check.problem(path, _("must be a mapping, not {kind}").format(kind=_kind_of(value)))
        return None
    stamp = value.get("english")
    if stamp is not None and not isinstance(stamp, str):
        check.problem(
            (*path, "english"),
            _("must be text, not {kind} (quote it: english: '...')").format(kind=_kind_of(stamp)),
        )
        return None
    return {k: v for k, v in value.items() if k != "english"}


def _check_names(
    check: Checker, catalogue: Catalogue, entries: Mapping[str, Mapping[str, Skeleton]]
) -> None:
    """A translated name or alias must not be one another item answers to, in either
    language: it would look up the wrong item."""
    english = english_items(catalogue)
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
            for found in translated_labels(entry)
        ]
        labels.sort(key=lambda pair: pair[1][0] != "name")
        for ident, (key, label, where) in labels:
            key_form = normalise(label)
            if not key_form:
                check.problem(
                    (section, ident, *where),
                    _(_NO_LETTERS[key]).format(label=label),
                )
                continue
            owner = owners.setdefault(key_form, ident)
            if owner != ident:
                check.problem(
                    (section, ident, *where),
                    _("{label!r} is already a name of {item}").format(
                        label=label, item=_item(section, owner)
                    ),
                )


#: An item of the catalogue in a message, by its section: ``exercise 'squat'``.
_ITEMS = {
    "exercises": N_("exercise {ident!r}"),
    "conditions": N_("condition {ident!r}"),
    "programs": N_("program {ident!r}"),
}

#: A translated name or alias that has no letters, by which it is.
_NO_LETTERS = {
    "name": N_("the name {label!r} has no letters"),
    "alias": N_("the alias {label!r} has no letters"),
}


def _item(section: str, ident: str) -> str:
    return _(_ITEMS[section]).format(ident=ident)


def _labels(ident: str, item: BaseModel) -> Iterable[str]:
    yield ident
    yield getattr(item, "name")  # noqa: B009 - exercises and conditions both have one
    yield from getattr(item, "aliases")  # noqa: B009


def translated_labels(entry: Skeleton) -> Iterable[tuple[str, str, tuple[int | str, ...]]]:
    if isinstance(entry.get("name"), str):
        yield "name", entry["name"], ("name",)
    for index, alias in enumerate(entry.get("aliases", [])):
        yield "alias", alias, ("aliases", index)
