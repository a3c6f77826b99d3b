"""Turn a request into a routine: screen the catalogue, then fill each section within time.

The planner is a pure function of the catalogue and the request. It never includes an
exercise that a requested condition rules out, that is above the requested level, or that
needs equipment the person does not have, and it records why each one was left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kneefit.catalogue import Catalogue
from kneefit.models import (
    Category,
    Condition,
    Dose,
    DoseKind,
    Equipment,
    Exclusion,
    Exercise,
    Level,
    Muscle,
    PlannedExercise,
    PlanRequest,
    Routine,
    Section,
    SectionKind,
)

#: Seconds one repetition takes, lowering and lifting under control.
SECONDS_PER_REP = 4
#: Seconds to get into position for an exercise, and to switch sides.
SETUP_SECONDS = 20

#: The groups that carry the knee, in the order a routine covers them.
KNEE_GROUPS = (
    Muscle.QUADRICEPS,
    Muscle.HAMSTRINGS,
    Muscle.GLUTES,
    Muscle.ABDUCTORS,
    Muscle.CALVES,
    Muscle.ABDOMINALS,
)
#: Extra strength work once the knee groups are covered: the posterior chain first,
#: as the article advises (glutes, hamstrings, calves, spinal erectors, lats).
POSTERIOR_EXTRAS = (
    Muscle.HAMSTRINGS,
    Muscle.GLUTES,
    Muscle.LOWER_BACK,
    Muscle.CALVES,
    Muscle.LATS,
)
STRETCH_GROUPS = (
    Muscle.QUADRICEPS,
    Muscle.HAMSTRINGS,
    Muscle.CALVES,
    Muscle.HIP_FLEXORS,
    Muscle.GLUTES,
    Muscle.ADDUCTORS,
)
RELEASE_GROUPS = (
    Muscle.QUADRICEPS,
    Muscle.GLUTES,
    Muscle.HAMSTRINGS,
    Muscle.CALVES,
    Muscle.LOWER_BACK,
)

_SECTION_OF = {
    Category.CARDIO: SectionKind.WARM_UP,
    Category.STRENGTH: SectionKind.STRENGTH,
    Category.BALANCE: SectionKind.BALANCE,
    Category.STRETCH: SectionKind.STRETCH,
    Category.FOAM_ROLLING: SectionKind.RELEASE,
}


def exclusion_reasons(
    exercise: Exercise,
    conditions: Sequence[Condition],
    level: Level | None,
    equipment: frozenset[Equipment] | None,
) -> list[str]:
    """Every reason ``exercise`` is not for this person; empty when it is."""
    reasons = []
    for condition in conditions:
        for rule in condition.rules_out:
            tags = [t.value for t in rule.tags if t in exercise.knee_load]
            if exercise.id in rule.exercises or tags:
                why = f" ({', '.join(tags)})" if tags else ""
                reasons.append(f"ruled out by {condition.name}{why}: {rule.reason}")
    if level is not None and exercise.level.rank > level.rank:
        reasons.append(f"above your level ({exercise.level.value})")
    if equipment is not None:
        missing = [e.value for e in exercise.equipment if e not in equipment]
        if missing:
            reasons.append("needs " + ", ".join(missing))
    return reasons


def screen(
    exercises: Iterable[Exercise],
    conditions: Sequence[Condition],
    level: Level | None,
    equipment: frozenset[Equipment] | None,
) -> tuple[list[Exercise], list[Exclusion]]:
    """Split exercises into those allowed and those left out, with the reasons."""
    allowed: list[Exercise] = []
    excluded: list[Exclusion] = []
    for exercise in exercises:
        reasons = exclusion_reasons(exercise, conditions, level, equipment)
        if reasons:
            excluded.append(Exclusion(id=exercise.id, name=exercise.name, reasons=tuple(reasons)))
        else:
            allowed.append(exercise)
    return allowed, excluded


def dose_minutes(dose: Dose) -> float:
    """How long a dose takes, including setup, switching sides and rest between sets."""
    sides = 2 if dose.per_side else 1
    if dose.kind is DoseKind.MINUTES:
        assert dose.minutes is not None
        return float(dose.minutes)
    if dose.kind is DoseKind.REPS:
        assert dose.reps is not None
        work = dose.reps * (SECONDS_PER_REP + (dose.hold_seconds or 0))
    else:
        work = dose.hold_seconds or dose.roll_seconds or 0
    seconds = SETUP_SECONDS * sides + dose.sets * work * sides
    seconds += (dose.sets - 1) * dose.rest_seconds
    return seconds / 60


def warm_up_minutes(budget: int) -> int:
    """5 to 10 minutes of warm-up, longer for longer sessions."""
    return max(5, min(10, budget // 6))


@dataclass
class _Slot:
    """An exercise the planner wants, the sets it may grow to, and the sets it has now."""

    exercise: Exercise
    priority: int
    core: bool = True
    sets: int = 1

    @property
    def full_sets(self) -> int:
        return self.exercise.dose.sets

    def dose(self, warm_up: int) -> Dose:
        if self.exercise.dose.kind is DoseKind.MINUTES:
            return self.exercise.dose.model_copy(update={"minutes": warm_up})
        return self.exercise.dose.model_copy(update={"sets": self.sets})

    def minutes(self, warm_up: int) -> float:
        return dose_minutes(self.dose(warm_up))


def _chain_roots(exercises: Iterable[Exercise], by_id: dict[str, Exercise]) -> dict[str, str]:
    """The easiest exercise of each variant chain, so a plan holds one step of a chain."""
    roots: dict[str, str] = {}
    for exercise in exercises:
        current = exercise
        seen = {current.id}
        while current.easier is not None and current.easier in by_id:
            current = by_id[current.easier]
            if current.id in seen:
                break
            seen.add(current.id)
        roots[exercise.id] = current.id
    return roots


def _pick(
    candidates: Sequence[Exercise],
    muscle: Muscle,
    level: Level,
    taken: set[str],
    chains_taken: set[str],
    roots: dict[str, str],
) -> Exercise | None:
    """The best allowed exercise for ``muscle``: the hardest step up to the person's level."""
    best: Exercise | None = None
    for exercise in candidates:
        if exercise.id in taken or roots[exercise.id] in chains_taken:
            continue
        if muscle not in exercise.primary_muscles:
            continue
        if best is None or exercise.level.rank > best.level.rank:
            best = exercise
    if best is not None and best.level.rank > level.rank:
        return None
    return best


def plan_routine(catalogue: Catalogue, request: PlanRequest) -> Routine:
    """Build the routine for ``request`` from ``catalogue``. Same request, same routine."""
    conditions = [catalogue.conditions[c] for c in dict.fromkeys(request.conditions)]
    allowed, excluded = screen(
        catalogue.exercises.values(), conditions, request.level, request.equipment
    )
    by_category: dict[Category, list[Exercise]] = {c: [] for c in Category}
    for exercise in allowed:
        by_category[exercise.category].append(exercise)
    roots = _chain_roots(catalogue.exercises.values(), catalogue.exercises)
    warnings: list[str] = []
    slots: list[_Slot] = []
    taken: set[str] = set()
    chains: set[str] = set()

    def want(category: Category, muscles: Sequence[Muscle], label: str, core: bool) -> None:
        for muscle in muscles:
            exercise = _pick(by_category[category], muscle, request.level, taken, chains, roots)
            if exercise is None:
                if (
                    core
                    and by_category[category]
                    and not any(
                        muscle in slot.exercise.primary_muscles
                        for slot in slots
                        if slot.exercise.category is category
                    )
                ):
                    warnings.append(
                        f"No {label} exercise for the {muscle.value} fits your conditions, "
                        "level and equipment."
                    )
                continue
            taken.add(exercise.id)
            chains.add(roots[exercise.id])
            slots.append(_Slot(exercise, len(slots), core))

    cardio = by_category[Category.CARDIO]
    if cardio:
        slots.append(_Slot(cardio[0], 0))
        taken.add(cardio[0].id)
    else:
        warnings.append("No low-impact cardio fits your conditions and equipment for a warm-up.")
    for category, label in ((Category.STRENGTH, "strength"), (Category.STRETCH, "stretch")):
        if not by_category[category]:
            warnings.append(f"No {label} exercise fits your conditions, level and equipment.")
    want(Category.STRENGTH, KNEE_GROUPS, "strength", core=True)
    want(Category.STRETCH, STRETCH_GROUPS[:3], "stretch", core=True)
    if not by_category[Category.FOAM_ROLLING]:
        warnings.append(
            "No release exercise fits your equipment: add --equipment foam-roller or "
            "--equipment massage-ball (a tennis ball will do)."
        )
    want(Category.FOAM_ROLLING, RELEASE_GROUPS[:2], "release", core=True)
    want(Category.STRENGTH, POSTERIOR_EXTRAS, "strength", core=False)
    want(Category.STRETCH, STRETCH_GROUPS[3:], "stretch", core=False)
    want(Category.FOAM_ROLLING, RELEASE_GROUPS[2:], "release", core=False)

    chosen, dropped = _fit(slots, request.minutes)
    for slot in dropped:
        if (
            slot.exercise.category is Category.STRENGTH
            and any(m in KNEE_GROUPS for m in slot.exercise.primary_muscles)
            and not any(
                set(s.exercise.primary_muscles) & set(slot.exercise.primary_muscles)
                for s in chosen
                if s.exercise.category is Category.STRENGTH
            )
        ):
            warnings.append(
                f"{slot.exercise.name} did not fit in {request.minutes} minutes; "
                "a longer session would add it."
            )
    for condition in conditions:
        if condition.see_clinician_first:
            warnings.insert(
                0,
                f"{condition.name}: see a doctor or physiotherapist before starting this routine.",
            )
    warm = warm_up_minutes(request.minutes)
    sections = []
    for kind in SectionKind:
        items = [
            PlannedExercise(exercise=s.exercise, dose=s.dose(warm), minutes=s.minutes(warm))
            for s in sorted(chosen, key=lambda s: s.priority)
            if _SECTION_OF[s.exercise.category] is kind
        ]
        sections.append(Section(kind=kind, items=tuple(items)))
    total = sum(item.minutes for section in sections for item in section.items)
    source_ids = [
        ref for section in sections for item in section.items for ref in item.exercise.sources
    ]
    source_ids += [ref for c in conditions for ref in c.sources]
    source_ids += list(catalogue.safety.sources)
    return Routine(
        request=request,
        conditions=tuple(conditions),
        sections=tuple(sections),
        estimated_minutes=round(total, 1),
        warnings=tuple(warnings),
        excluded=tuple(excluded),
        safety=catalogue.safety,
        sources=catalogue.sources_for(source_ids),
    )


def _fit(slots: list[_Slot], budget: int) -> tuple[list[_Slot], list[_Slot]]:
    """Fit slots into the budget: the core first (placed light, then grown to full dose),
    then the extras the same way, so coverage comes before volume and volume before variety."""
    warm = warm_up_minutes(budget)
    chosen: list[_Slot] = []
    dropped: list[_Slot] = []
    used = 0.0
    for tier in (True, False):
        for slot in slots:
            if slot.core is not tier:
                continue
            slot.sets = 1
            cost = slot.minutes(warm)
            if used + cost <= budget:
                chosen.append(slot)
                used += cost
            else:
                dropped.append(slot)
        grew = True
        while grew:
            grew = False
            for slot in chosen:
                if slot.sets >= slot.full_sets:
                    continue
                before = slot.minutes(warm)
                slot.sets += 1
                after = slot.minutes(warm)
                if used - before + after <= budget:
                    used += after - before
                    grew = True
                else:
                    slot.sets -= 1
    return chosen, dropped
