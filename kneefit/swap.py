"""Safe swaps: what a person could do instead of an exercise, and applying swaps to a plan.

An alternative is in the same category, works the original's main muscles, is allowed for
the person's conditions, level and equipment, and is no harder on the knee: it carries no
knee-load tag the original lacks and is not at a higher level. Alternatives come best
first, each with the reasons it qualifies. Shortening a plan (``shorten``) keeps the work
that matters most for the knee.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from kneefit.catalogue import Catalogue
from kneefit.dosing import dose_minutes
from kneefit.errors import Given, Option, SeeTheAlternatives, UsageError
from kneefit.exclusion_words import sentences
from kneefit.exclusions import (
    AlreadyInPlan,
    AtLevel,
    EasierVariant,
    HigherLevel,
    KeptToCount,
    KitYouHave,
    KneeLoadWithin,
    MoreKneeLoad,
    OtherKind,
    OtherMuscles,
    Qualifies,
    SameExercise,
    Unsafe,
    WhyNot,
    WorksLike,
)
from kneefit.i18n import _
from kneefit.models import (
    Category,
    Condition,
    Exclusion,
    Exercise,
    PlannedExercise,
    PlanRequest,
    Routine,
)
from kneefit.planner import KNEE_GROUPS
from kneefit.reasons import Shortened
from kneefit.screening import exclusion_reasons


@dataclass(frozen=True)
class Alternative:
    """An exercise that could replace another, and why it qualifies."""

    exercise: Exercise
    reasons: tuple[Qualifies, ...]


@dataclass(frozen=True)
class Swaps:
    """An exercise, why it may not suit this person itself, and its safe alternatives."""

    exercise: Exercise
    not_for_you: tuple[WhyNot, ...]
    alternatives: tuple[Alternative, ...]


def unsafe_reasons(
    original: Exercise, candidate: Exercise, conditions: Sequence[Condition], request: PlanRequest
) -> list[Unsafe | WhyNot]:
    """Why ``candidate`` may not replace ``original`` for this person; empty when it may."""
    reasons: list[Unsafe | WhyNot] = []
    name = original.name
    if candidate.id == original.id:
        reasons.append(SameExercise())
    if candidate.category is not original.category:
        reasons.append(OtherKind(candidate.category.value, original.category.value, name))
    if not set(candidate.primary_muscles) & set(original.primary_muscles):
        reasons.append(
            OtherMuscles(
                tuple(m.value for m in candidate.primary_muscles),
                tuple(m.value for m in original.primary_muscles),
                name,
            )
        )
    extra = tuple(t.value for t in candidate.knee_load if t not in original.knee_load)
    if extra:
        reasons.append(MoreKneeLoad(name, extra))
    if candidate.level.rank > original.level.rank:
        reasons.append(HigherLevel(candidate.level.value, name, original.level.value))
    reasons += exclusion_reasons(candidate, conditions, request.level, request.equipment)
    return reasons


def alternatives(
    original: Exercise, catalogue: Catalogue, request: PlanRequest
) -> list[Alternative]:
    """Every safe alternative to ``original`` for ``request``, best first, with reasons."""
    conditions = [catalogue.conditions[c] for c in request.conditions]
    mains = set(original.primary_muscles)
    found: list[tuple[tuple[int, int, int, int, str], Alternative]] = []
    for candidate in catalogue.exercises.values():
        if unsafe_reasons(original, candidate, conditions, request):
            continue
        shared = tuple(m.value for m in candidate.primary_muscles if m in mains)
        missing = tuple(
            m.value for m in original.primary_muscles if m not in candidate.primary_muscles
        )
        also = set(candidate.secondary_muscles) & set(original.secondary_muscles)
        name = original.name
        reasons: list[Qualifies] = [WorksLike(shared, name, missing)]
        if candidate.id == original.easier:
            reasons.append(EasierVariant(name))
        reasons.append(KneeLoadWithin(tuple(t.value for t in candidate.knee_load), name))
        reasons.append(AtLevel(candidate.level.value))
        reasons.append(KitYouHave(tuple(e.value for e in candidate.equipment)))
        key = (
            len(missing),
            0 if candidate.id == original.easier else 1,
            original.level.rank - candidate.level.rank,
            -len(also),
            candidate.name.lower(),
        )
        found.append((key, Alternative(candidate, tuple(reasons))))
    return [alt for _, alt in sorted(found, key=lambda pair: pair[0])]


def _find(sections: list[list[PlannedExercise]], exercise: Exercise) -> tuple[int, int]:
    for s, items in enumerate(sections):
        for i, item in enumerate(items):
            if item.exercise.id == exercise.id:
                return s, i
    names = ", ".join(i.exercise.name for items in sections for i in items)
    raise UsageError(
        _("{name} is not in this plan; it holds: {names}").format(name=exercise.name, names=names)
    )


def _rebuilt(
    routine: Routine, catalogue: Catalogue, sections: list[list[PlannedExercise]]
) -> Routine:
    new_sections = tuple(
        replace(section, items=tuple(items))
        for section, items in zip(routine.sections, sections, strict=True)
    )
    ids = [ref for items in sections for item in items for ref in item.exercise.source_ids]
    ids += [ref for c in routine.conditions for ref in c.sources]
    ids += list(routine.safety.cited)
    return replace(
        routine,
        sections=new_sections,
        estimated_minutes=round(sum(i.minutes for items in sections for i in items), 1),
        sources=catalogue.sources_for(ids),
    )


def apply_swaps(
    routine: Routine,
    catalogue: Catalogue,
    without: Sequence[Exercise] = (),
    swaps: Sequence[tuple[Exercise, Exercise]] = (),
) -> Routine:
    """``routine`` without some exercises and with others swapped for safe alternatives.

    Raises :class:`UsageError` (exit code 2) for an exercise not in the plan, or a swap
    that is not safe for the request, saying why.
    """
    sections = [list(section.items) for section in routine.sections]
    in_plan = {item.exercise.id for items in sections for item in items}
    for old, new in swaps:
        s, i = _find(sections, old)
        problems = unsafe_reasons(old, new, list(routine.conditions), routine.request)
        if new.id in in_plan:
            problems.append(AlreadyInPlan(new.name))
        if problems:
            raise UsageError(
                _("cannot swap {old} for {new}. {reasons}").format(
                    old=old.name, new=new.name, reasons=sentences(problems)
                ),
                advice=SeeTheAlternatives(old.id),
            )
        before = sections[s][i]
        if new.dose.minutes is not None and before.dose.minutes is not None:
            dose = new.dose.model_copy(update={"minutes": before.dose.minutes})
        else:
            dose = new.dose.model_copy(update={"sets": min(new.dose.sets, before.dose.sets)})
        sections[s][i] = PlannedExercise(
            exercise=new, dose=dose, minutes=dose_minutes(dose), role=before.role
        )
        in_plan.discard(old.id)
        in_plan.add(new.id)
    for exercise in without:
        s, i = _find(sections, exercise)
        del sections[s][i]
        in_plan.discard(exercise.id)
    if not in_plan:
        raise UsageError(_("leaves nothing in the plan"), given=Given(Option.WITHOUT))
    return _rebuilt(routine, catalogue, sections)


class Adjusting:
    """What ``--swap``, ``--without`` and ``--max-exercises`` do to each routine of a plan
    (a week's days hold different exercises: each day gets what applies to it), and which
    swaps found the exercise they replace on some day (see :meth:`check`)."""

    def __init__(
        self,
        catalogue: Catalogue,
        swaps: Sequence[tuple[Exercise, Exercise]],
        without: Sequence[Exercise],
        limit: int | None,
    ) -> None:
        self.catalogue, self.swaps, self.without, self.limit = catalogue, swaps, without, limit
        #: Every exercise a routine held before it was adjusted.
        self.held: set[str] = set()

    def __call__(self, routine: Routine) -> Routine:
        if self.swaps or self.without:
            present = {i.exercise.id for s in routine.sections for i in s.items}
            self.held |= present
            routine = apply_swaps(
                routine,
                self.catalogue,
                [e for e in self.without if e.id in present],
                [(o, n) for o, n in self.swaps if o.id in present],
            )
        if self.limit is not None:
            routine = shorten(routine, self.catalogue, self.limit)
        return routine

    def check(self, names: Sequence[str]) -> None:
        """Refuse a swap whose exercise no routine of the plan held (the plan's exercises are
        ``names``): doing nothing while the person thinks they do NEW is a wrong answer."""
        for old, new in self.swaps:
            if old.id not in self.held:
                raise UsageError(
                    _(
                        "{name} is not in this plan, so there is nothing to swap; it holds: {names}"
                    ).format(name=old.name, names=", ".join(names)),
                    given=Given(Option.SWAP, f"{old.id}={new.id}"),
                )


def preferred_ids(conditions: Sequence[Condition], exercises: Collection[Exercise]) -> set[str]:
    """The exercises the conditions favour, where the catalogue says so (``prefers``)."""
    wanted: set[str] = set()
    for condition in conditions:
        for preference in getattr(condition, "prefers", ()):
            wanted.update(getattr(preference, "exercises", ()))
            traits = set(getattr(preference, "traits", ()))
            if traits:
                wanted.update(e.id for e in exercises if traits & set(getattr(e, "traits", ())))
    return wanted


#: How many of the knee groups (quadriceps, hamstrings, glutes) come before the warm-up.
MAIN_GROUPS = 3


def shorten(routine: Routine, catalogue: Catalogue, limit: int) -> Routine:
    """``routine`` cut to at most ``limit`` exercises, keeping what matters most.

    The order of keeping: the exercises the conditions prefer; then strength work for the
    quadriceps, hamstrings and glutes (one exercise for each group not yet covered); then
    the low-impact warm-up (aerobic work is core treatment in osteoarthritis); then strength
    for the other knee groups; then one stretch; then the rest in plan order. Every
    exercise counts, the warm-up too. What is left out is listed (``--explain``) and noted.
    """
    items = [
        (s, i, item) for s, sec in enumerate(routine.sections) for i, item in enumerate(sec.items)
    ]
    if len(items) <= limit:
        return routine
    preferred = preferred_ids(routine.conditions, [item.exercise for _, _, item in items])
    kept: list[tuple[int, int, PlannedExercise]] = []
    covered: set[object] = set()

    def rank(entry: tuple[int, int, PlannedExercise]) -> tuple[int, int, int]:
        s, i, item = entry
        exercise = item.exercise
        order = s * 1000 + i
        if exercise.id in preferred:
            return (0, 0, order)
        if exercise.category is Category.STRENGTH:
            new = [
                KNEE_GROUPS.index(m)
                for m in exercise.primary_muscles
                if m in KNEE_GROUPS and m not in covered
            ]
            if new:
                # The big three (quadriceps, hamstrings, glutes) before the warm-up.
                return (1 if min(new) < MAIN_GROUPS else 3, min(new), order)
        if exercise.category is Category.CARDIO:
            return (2, 0, order)
        if exercise.category is Category.STRETCH and not any(
            k.exercise.category is Category.STRETCH for _, _, k in kept
        ):
            return (4, 0, order)
        return (5, 0, order)

    remaining = list(items)
    while len(kept) < limit and remaining:
        best = min(remaining, key=rank)
        remaining.remove(best)
        kept.append(best)
        if best[2].exercise.category is Category.STRENGTH:
            covered.update(best[2].exercise.primary_muscles)
    chosen = {(s, i) for s, i, _ in kept}
    sections = [
        [item for i, item in enumerate(sec.items) if (s, i) in chosen]
        for s, sec in enumerate(routine.sections)
    ]
    dropped = [item for s, i, item in items if (s, i) not in chosen]
    note = Shortened(limit, len(items), tuple(d.exercise.name for d in dropped))
    excluded = (
        *routine.excluded,
        *(
            Exclusion(
                id=d.exercise.id,
                name=d.exercise.name,
                reasons=(KeptToCount(limit),),
            )
            for d in dropped
        ),
    )
    shortened = _rebuilt(routine, catalogue, sections)
    return replace(shortened, notices=(*routine.notices, note), excluded=excluded)
