"""`kneefit swap`: the safe alternatives to one exercise, for one person's request."""

from __future__ import annotations

from dataclasses import dataclass

from kneefit.catalogue import Catalogue
from kneefit.models import Exercise
from kneefit.swap import Alternative, alternatives
from kneefit.usecases.plan import PlanAsk


@dataclass(frozen=True)
class Swaps:
    """An exercise, why it may not suit this person itself, and its safe alternatives."""

    exercise: Exercise
    not_for_you: tuple[str, ...]
    alternatives: tuple[Alternative, ...]


def find_swaps(catalogue: Catalogue, name: str, ask: PlanAsk) -> Swaps:
    """The alternatives to the exercise ``name`` for the request ``ask``, best first."""
    from kneefit.planner import exclusion_reasons
    from kneefit.usecases.plan import resolve

    original = catalogue.exercise(name)
    request = resolve(catalogue, ask)
    conditions = [catalogue.conditions[c] for c in request.conditions]
    itself = exclusion_reasons(original, conditions, request.level, request.equipment)
    found = alternatives(original, catalogue, request)
    return Swaps(original, tuple(itself), tuple(found))
