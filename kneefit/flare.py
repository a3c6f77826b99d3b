"""The flare-up plan: the gentlest version of a routine, for a few bad days.

On a bad day a person does less rather than stopping: each exercise of the routine at
the catalogue's share of its dose (``FlarePlan.volume``: fewer sets, or a single set
shortened), without a
program's effort target or added weight, and the easier variant in its place where the
catalogue names one this person may do (the choice the guided session offers after a
pain stop; cardio keeps its own exercise, only shorter, as progression does). The words
are the catalogue's and the renderers'; this module returns data.
"""

from __future__ import annotations

from kneefit.catalogue import Catalogue
from kneefit.dosing import scaled
from kneefit.models import Category, Dose, FlareExercise, FlareUp, Routine


def flare_up(catalogue: Catalogue, routine: Routine) -> FlareUp | None:
    """The bad-day session for ``routine``; None where the catalogue gives no plan, or
    none for one of the routine's conditions (``FlarePlan.not_for``)."""
    from kneefit.guided.session_plan import easier_variants

    plan = catalogue.safety.flare_up
    if plan is None or not plan.applies_to(c.id for c in routine.conditions):
        return None
    easier = easier_variants(catalogue, routine)

    def lighter(dose: Dose) -> Dose:
        # Fewer sets, each as on the card; a single set is shortened instead. A bad day
        # has no effort target and no added weight.
        if dose.sets > 1:
            fewer = dose.model_copy(update={"sets": max(1, round(dose.sets * plan.volume))})
        else:
            fewer = scaled(dose, plan.volume)
        return fewer.model_copy(update={"intensity": None, "load_steps": 0})

    seen: set[str] = set()
    exercises: list[FlareExercise] = []
    for section in routine.sections:
        for item in section.items:
            if item.exercise.id in seen:
                continue
            seen.add(item.exercise.id)
            variant = easier.get(item.exercise.id)
            if variant is None or item.exercise.category is Category.CARDIO:
                exercises.append(
                    FlareExercise(exercise=item.exercise, dose=lighter(item.dose), full=item.dose)
                )
            else:
                exercises.append(
                    FlareExercise(
                        exercise=variant.exercise,
                        dose=lighter(variant.dose),
                        full=item.dose,
                        instead_of=item.exercise,
                    )
                )
    return FlareUp(plan=plan, exercises=tuple(exercises))
