"""`kneefit list`, `show`, `conditions` and `validate`: the catalogue, looked at."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kneefit import vocabulary
from kneefit.catalogue import Catalogue, load_catalogue
from kneefit.errors import KneefitError
from kneefit.models import Condition, Exercise
from kneefit.screening import screen

if TYPE_CHECKING:
    from kneefit.catalogue.translation_file import Translation


def list_exercises(
    catalogue: Catalogue,
    category: str | None,
    conditions: Sequence[str],
    level: str | None,
    equipment: Sequence[str] | None,
) -> list[Exercise]:
    """The catalogue's exercises of ``category`` allowed for the conditions, level and kit."""
    wanted = vocabulary.category(category) if category is not None else None
    chosen = [catalogue.condition(name) for name in conditions]
    at_most = vocabulary.level(level) if level is not None else None
    kit = vocabulary.equipment(equipment) if equipment else None
    pool = [e for e in catalogue.exercises.values() if wanted is None or e.category is wanted]
    allowed, _ = screen(pool, chosen, at_most, kit)
    return allowed


def find_exercise(catalogue: Catalogue, words: Sequence[str]) -> Exercise:
    """The exercise named by ``words`` (id, name or alias; an unambiguous part will do)."""
    return catalogue.exercise(" ".join(words))


def find_conditions(catalogue: Catalogue, names: Sequence[str]) -> list[Condition]:
    """The conditions named, or all of them."""
    if names:
        return [catalogue.condition(n) for n in names]
    return list(catalogue.conditions.values())


@dataclass(frozen=True)
class Checked:
    """One file's result: the catalogue in force, or the problem."""

    file: str
    catalogue: Catalogue | None = None
    problem: KneefitError | None = None
    #: For a translation file: the translation, checked against the bundled catalogue.
    translation: Translation | None = None


def validate_files(files: Sequence[str]) -> list[Checked]:
    """Each catalogue file layered over the bundled catalogue, parsed afresh (never from the
    cache); each translation file (one that says its ``language:``) checked against the
    bundled catalogue."""
    results = []
    for name in files:
        try:
            results.append(_validate(Path(name)))
        except KneefitError as exc:
            results.append(Checked(name, problem=exc))
    return results


def _validate(path: Path) -> Checked:
    from kneefit.catalogue import read_text
    from kneefit.catalogue.translation_file import file_language, read_translation

    text = read_text(path)
    language = file_language(text, str(path))
    if language is None:
        return Checked(str(path), catalogue=load_catalogue([path]))
    catalogue = load_catalogue()
    translation = read_translation(text, str(path), catalogue, language)
    return Checked(str(path), catalogue=catalogue, translation=translation)
