"""The everyday words people type for categories, equipment, levels and formats."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import TypeVar

from kneefit.catalogue import normalise
from kneefit.errors import Given, NameSomeEquipment, Option, UnknownNameError, UsageError
from kneefit.i18n import _
from kneefit.models import Category, Equipment, Level

E = TypeVar("E", bound=Enum)


class Format(str, Enum):
    """Output formats; every one has a renderer (see kneefit.render)."""

    TABLE = "table"
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"
    HTML = "html"
    PDF = "pdf"
    ICS = "ics"
    SVG = "svg"
    FHIR = "fhir"


CATEGORY_WORDS: Mapping[str, Category] = {
    "strength": Category.STRENGTH,
    "strengthening": Category.STRENGTH,
    "strength-training": Category.STRENGTH,
    "exercise": Category.STRENGTH,
    "stretch": Category.STRETCH,
    "stretches": Category.STRETCH,
    "stretching": Category.STRETCH,
    "flexibility": Category.STRETCH,
    "foam-rolling": Category.FOAM_ROLLING,
    "foam-roller": Category.FOAM_ROLLING,
    "foam-roll": Category.FOAM_ROLLING,
    "rolling": Category.FOAM_ROLLING,
    "roll": Category.FOAM_ROLLING,
    "release": Category.FOAM_ROLLING,
    "releases": Category.FOAM_ROLLING,
    "myofascial-release": Category.FOAM_ROLLING,
    "self-massage": Category.FOAM_ROLLING,
    "cardio": Category.CARDIO,
    "low-impact": Category.CARDIO,
    "low-impact-cardio": Category.CARDIO,
    "aerobic": Category.CARDIO,
    "warm-up": Category.CARDIO,
    "range-of-motion": Category.RANGE_OF_MOTION,
    "rom": Category.RANGE_OF_MOTION,
    "mobility": Category.RANGE_OF_MOTION,
    "knee-bending": Category.RANGE_OF_MOTION,
    "knee-straightening": Category.RANGE_OF_MOTION,
    "balance": Category.BALANCE,
    "neuromuscular": Category.BALANCE,
    "proprioception": Category.BALANCE,
    "stability": Category.BALANCE,
    "balance-training": Category.BALANCE,
    "neuromuscular-control": Category.BALANCE,
    # The same in Spanish (the catalogue's glossary, data/translations/es-glossary.yaml), in
    # the form names are compared in (accents dropped): accepted whatever the run's language.
    "fortalecimiento": Category.STRENGTH,
    "fuerza": Category.STRENGTH,
    "ejercicios-de-fuerza": Category.STRENGTH,
    "estiramiento": Category.STRETCH,
    "estiramientos": Category.STRETCH,
    "estirar": Category.STRETCH,
    "flexibilidad": Category.STRETCH,
    "rodillo-de-espuma": Category.FOAM_ROLLING,
    "rodillo": Category.FOAM_ROLLING,
    "masaje-con-rodillo": Category.FOAM_ROLLING,
    "masaje-con-rodillo-y-liberacion": Category.FOAM_ROLLING,
    "liberacion": Category.FOAM_ROLLING,
    "liberacion-miofascial": Category.FOAM_ROLLING,
    "automasaje": Category.FOAM_ROLLING,
    "aerobico": Category.CARDIO,
    "ejercicio-aerobico": Category.CARDIO,
    "bajo-impacto": Category.CARDIO,
    "ejercicio-aerobico-de-bajo-impacto": Category.CARDIO,
    "calentamiento": Category.CARDIO,
    "movilidad": Category.RANGE_OF_MOTION,
    "rango-de-movimiento": Category.RANGE_OF_MOTION,
    "amplitud-de-movimiento": Category.RANGE_OF_MOTION,
    "equilibrio": Category.BALANCE,
    "estabilidad": Category.BALANCE,
    "propiocepcion": Category.BALANCE,
    "control-neuromuscular": Category.BALANCE,
}

EQUIPMENT_WORDS: Mapping[str, Equipment] = {
    **{e.value: e for e in Equipment},
    "stairs": Equipment.STEP,
    "stair": Equipment.STEP,
    "box": Equipment.STEP,
    "strap": Equipment.TOWEL,
    "band": Equipment.RESISTANCE_BAND,
    "theraband": Equipment.RESISTANCE_BAND,
    "trx": Equipment.SUSPENSION_TRAINER,
    "swiss-ball": Equipment.STABILITY_BALL,
    "exercise-ball": Equipment.STABILITY_BALL,
    "lacrosse-ball": Equipment.MASSAGE_BALL,
    "tennis-ball": Equipment.MASSAGE_BALL,
    "roller": Equipment.FOAM_ROLLER,
    "bike": Equipment.STATIONARY_BIKE,
    "exercise-bike": Equipment.STATIONARY_BIKE,
    "swimming-pool": Equipment.POOL,
    "weights": Equipment.DUMBBELLS,
}

#: What ``--equipment`` means when it is not given: things most homes have.
HOUSEHOLD = frozenset({Equipment.CHAIR, Equipment.STEP, Equipment.TOWEL, Equipment.MAT})

FORMAT_EXTENSIONS: Mapping[str, Format] = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".json": Format.JSON,
    ".csv": Format.CSV,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".ics": Format.ICS,
    ".svg": Format.SVG,
    ".pdf": Format.PDF,
    # FHIR's JSON: the name FHIR servers' own examples use; a plain .json is kneefit's JSON.
    ".fhir.json": Format.FHIR,
}


def _resolve(word: str, table: Mapping[str, E], kind: str, choices: Iterable[str]) -> E:
    key = normalise(word)
    if key in table:
        return table[key]
    if key.endswith("s") and key[:-1] in table:
        return table[key[:-1]]
    close = difflib.get_close_matches(key, list(table), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(table[c].value for c in close))
    raise UnknownNameError(kind, word, list(choices), suggestions)


def category(word: str) -> Category:
    """``stretches``, ``rolling``, ``low-impact``... as a category."""
    return _resolve(word, CATEGORY_WORDS, "category", [c.value for c in Category])


def level(word: str) -> Level:
    table = {lv.value: lv for lv in Level} | {"easy": Level.BEGINNER, "expert": Level.ADVANCED}
    return _resolve(word, table, "level", [lv.value for lv in Level])


def output_format(word: str) -> Format:
    table = {f.value: f for f in Format} | {"md": Format.MARKDOWN, "txt": Format.TEXT}
    return _resolve(word, table, "format", [f.value for f in Format])


def equipment(words: Iterable[str]) -> frozenset[Equipment]:
    """The equipment at hand: ``none`` is bodyweight only, ``all`` everything, ``household``
    a chair, a step, a towel and a mat. Words may also be given comma-separated."""
    chosen: set[Equipment] = set()
    choices = ["none", "all", "household", *(e.value for e in Equipment)]
    for given in words:
        if not given.replace(",", "").strip():
            # '-e ""' names nothing: never taken for bodyweight only without a word.
            raise UsageError(
                _("{value!r} names no equipment").format(value=given),
                advice=NameSomeEquipment(),
                given=Given(Option.EQUIPMENT),
            )
        for word in given.split(","):
            if not word.strip():
                continue  # "chair," or "chair,,step": an empty word names nothing
            key = normalise(word)
            if key in ("none", "bodyweight", "nothing"):
                continue
            if key == "all":
                chosen.update(Equipment)
            elif key in ("household", "home"):
                chosen.update(HOUSEHOLD)
            else:
                chosen.add(_resolve(word, EQUIPMENT_WORDS, "equipment", choices))
    return frozenset(chosen)
