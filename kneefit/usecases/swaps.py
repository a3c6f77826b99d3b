"""`kneefit swap`: the safe alternatives to one exercise, for one person's request."""

from __future__ import annotations

from kneefit.catalogue import Catalogue
from kneefit.swap import Swaps, alternatives
from kneefit.usecases.plan import PlanAsk


def find_swaps(catalogue: Catalogue, name: str, ask: PlanAsk) -> Swaps:
    """The alternatives to the exercise ``name`` for the request ``ask``, best first."""
    from kneefit.screening import exclusion_reasons
    from kneefit.usecases.plan import resolve

    original = catalogue.exercise(name)
    request = resolve(catalogue, ask)
    conditions = [catalogue.conditions[c] for c in request.conditions]
    itself = exclusion_reasons(original, conditions, request.level, request.equipment)
    found = alternatives(original, catalogue, request)
    return Swaps(original, tuple(itself), tuple(found))
