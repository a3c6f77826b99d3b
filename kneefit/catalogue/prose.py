"""What is prose in the catalogue, and its shape: the text a person reads (names, aliases,
steps, cues, notes, reasons, ...), which a translation file replaces by id.

What is prose is said once, in :data:`PROSE`, by model and field; every other text field of
the models is declared in :data:`NOT_PROSE` (a test checks that each text field is in one
of the two, so a new prose field cannot be left out of translations unnoticed). An item's
prose is shaped as its translation entry is (:func:`skeleton`), and an entry names the
English it was translated from by its :func:`digest`. See :mod:`kneefit.catalogue.translations`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from kneefit.catalogue.lookup import Catalogue
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
ROOTS: Mapping[str, type[BaseModel]] = {
    "exercises": Exercise,
    "conditions": Condition,
    "programs": ProgramTemplate,
    "safety": Safety,
}
_DIGEST_LENGTH = 12

Skeleton = dict[str, Any]


# ---------------------------------------------------------------------- the shape of prose


@dataclass(frozen=True)
class ProseField:
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
def prose_field(model: type[BaseModel], name: str) -> ProseField:
    many, found = _model_in(model.model_fields[name].annotation)
    return ProseField(many, found)


def skeleton(item: BaseModel) -> Skeleton:
    """An item's English prose, shaped as its translation entry is: each prose field that has
    a value, by key; a list of models as one mapping each (``{}`` for one without prose); a
    model without prose left out."""
    out: Skeleton = {}
    for name in PROSE[type(item)]:
        value = getattr(item, name)
        if value is None:
            continue
        kind = prose_field(type(item), name)
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


def english_items(catalogue: Catalogue) -> dict[str, dict[str, BaseModel]]:
    return {
        "exercises": dict(catalogue.exercises),
        "conditions": dict(catalogue.conditions),
        "programs": dict(catalogue.programs),
    }


def english_entries(catalogue: Catalogue) -> dict[str, Any]:
    """Every item's English prose, shaped as a translation file is: where a new language's
    translation starts (each string to be replaced by its translation)."""
    out: dict[str, Any] = {}
    for section, items in english_items(catalogue).items():
        out[section] = {ident: skeleton(item) for ident, item in items.items()}
    out["safety"] = skeleton(catalogue.safety)
    return out
