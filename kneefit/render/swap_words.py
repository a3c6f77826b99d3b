"""How a swap is worded: the exercise swapped, why it is not for this person, and what to
use instead; the easier and harder versions of an exercise."""

from __future__ import annotations

from collections.abc import Sequence

from kneefit.catalogue import Catalogue
from kneefit.exclusion_words import why_not_texts
from kneefit.exclusions import WhyNot
from kneefit.i18n import _
from kneefit.models import Exercise
from kneefit.value_words import value_word


def swap_head(original: Exercise) -> str:
    """The line above an exercise's swaps: 'Instead of Squat (squat): strength, quadriceps;
    knee load weight-bearing; beginner.'"""
    load = ", ".join(value_word(t.value) for t in original.knee_load) or _("none")
    muscles = ", ".join(value_word(m.value) for m in original.primary_muscles)
    return _("Instead of {name} ({id}): {kind}, {muscles}; knee load {load}; {level}.").format(
        name=original.name,
        id=original.id,
        kind=value_word(original.category.value),
        muscles=muscles,
        load=load,
        level=value_word(original.level.value),
    )


def not_for_you_text(original: Exercise, reasons: Sequence[WhyNot]) -> str:
    """Why the exercise to swap is not for this person itself."""
    return _("{name} itself is not for this person: {reasons}").format(
        name=original.name, reasons="; ".join(why_not_texts(reasons))
    )


def swap_use_text(original: Exercise, first: Exercise) -> str:
    """The command that makes the swap in a plan."""
    return _("Use one: kneefit plan ... --swap '{swap}'").format(swap=f"{original.id}={first.id}")


def variant_names(exercise: Exercise, catalogue: Catalogue) -> tuple[str | None, str | None]:
    def name(ident: str | None) -> str | None:
        if ident is None or ident not in catalogue.exercises:
            return None
        return catalogue.exercises[ident].name

    return name(exercise.easier), name(exercise.harder)
