"""A person's program fitted to a session's minutes, and the routine assembled from it.

A session is fitted to its minutes by leaving out whole roles of lower priority (never by
thinning a dose), keeping room for what is kept to progress into; time left over goes to
longer aerobic work, then to more sets within the ranges. The minutes count every set,
rest, setup and both sides. The prescription itself comes from :mod:`kneefit.prescribe`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from kneefit.catalogue import Catalogue
from kneefit.cautions import (
    Caution,
    FloorNote,
    LeftOut,
    ProgramIsShort,
    RoleNeedsKit,
    RolesRuledOut,
    RoomToGrow,
)
from kneefit.dosing import dose_minutes, warm_up_minutes
from kneefit.exclusions import NeedsKit
from kneefit.models import (
    Category,
    DoseKind,
    Equipment,
    PhaseSummary,
    PlannedExercise,
    PlanRequest,
    ProgramSummary,
    Role,
    Routine,
    Section,
    SectionKind,
)
from kneefit.planner import SECTION_OF, Selection, routine_of
from kneefit.prescribe import Prescribed, Prescription, with_ceiling
from kneefit.screening import on_the_floor
from kneefit.templates import PROGRESSING

#: A plan may run this much over or under the minutes asked for (the issue's 10%).
TIME_TOLERANCE = 0.10
#: The most minutes the aerobic role grows to within one session.
MAX_AEROBIC_MINUTES = 40
#: Room a session keeps for its exercises to progress into, as a share of their starting
#: minutes: fifteen sessions without trouble should grow the work by about this much
#: (more reps, a set, a harder exercise). Past the programme's core roles (its first
#: priority), a role that fits today but leaves the session no room to progress is left
#: out (and the plan says so): a short programme that grows week after week, as the
#: guidelines' programmes do, rather than a longer one that stalls after its first steps.
#: Time spent on longer aerobic work is room too: a step up takes its minutes back, down to
#: the warm-up the session starts with.
GROWTH_RESERVE = 0.30


class Fitted(NamedTuple):
    """A prescription fitted to a session's minutes: what is in, what was left out."""

    items: tuple[Prescribed, ...]
    dropped: tuple[Prescribed, ...]

    @property
    def minutes(self) -> float:
        return sum(item_minutes(p) for p in self.items)


def item_minutes(item: Prescribed) -> float:
    """An item's minutes as the plan shows them (to a tenth), so the total adds up."""
    return round(dose_minutes(item.dose), 1)


def growth_room(item: Prescribed) -> float:
    """The minutes ``item`` keeps free to progress into (see :data:`GROWTH_RESERVE`): none
    for what does not progress, nor in a protected early phase after surgery or injury,
    where the short session is repeated through the day and moves on by its criteria."""
    if item.exercise.category not in PROGRESSING or item.early:
        return 0.0
    return GROWTH_RESERVE * item_minutes(item)


def aerobic_floor(item: Prescribed, budget: int) -> float | None:
    """The fewest minutes a warm-up or aerobic spell of ``item`` keeps (the warm-up a
    session of ``budget`` minutes starts with); None for any other item."""
    if item.role not in (Role.WARM_UP, Role.AEROBIC) or item.dose.kind is not DoseKind.MINUTES:
        return None
    floor = warm_up_minutes(budget)
    if item.target is not None and item.target.minutes is not None:
        floor = min(floor, item.target.minutes)
    return float(floor)


def fit(items: Sequence[Prescribed], budget: int) -> Fitted:
    """Keep whole roles in priority order while they fit in ``budget`` minutes (the first
    exercise that is not cardio always, so no session is a warm-up alone): the core roles
    (the first priority) as long as they fit, the others only while the session keeps room
    for its exercises to progress (:data:`GROWTH_RESERVE`); aerobic work needs only fit, its
    minutes being room themselves. Then spend what is left on longer aerobic work (a
    warm-up outside a protected early phase grows on into it), and on more sets within
    that room."""
    high = budget * (1 + TIME_TOLERANCE)
    warm = warm_up_minutes(budget)
    sized = [_warm_up_sized(p, warm) for p in items]
    core = min((p.priority for p in sized), default=0)
    kept: list[Prescribed] = []
    dropped: list[Prescribed] = []
    total = 0.0
    # The warm-up first, whatever its priority: a session starts with one, so the room the
    # others keep is judged with its minutes already spent.
    for item in sorted(sized, key=lambda p: (p.role is not Role.WARM_UP, p.priority, p.order)):
        minutes = item_minutes(item)
        # The core roles, and a warm-up (a session starts with one), need only fit; the
        # others keep room for what is kept to progress into.
        needs_room = item.priority > core and item.role not in (Role.WARM_UP, Role.AEROBIC)
        room = sum(growth_room(p) for p in (*kept, item)) if needs_room else 0.0
        first_work = not any(k.exercise.category is not Category.CARDIO for k in kept)
        if total + minutes + room <= high or (
            first_work and item.exercise.category is not Category.CARDIO
        ):
            kept.append(item)
            total += minutes
        else:
            dropped.append(item)
    kept = _filled(kept, budget)
    return Fitted(
        items=tuple(sorted(kept, key=lambda p: p.order)),
        dropped=tuple(sorted(dropped, key=lambda p: p.order)),
    )


def _warm_up_sized(item: Prescribed, minutes: int) -> Prescribed:
    """A warm-up or aerobic spell starts at the warm-up's minutes for the session (5 to 10;
    fewer if its target says so): it grows with time left over."""
    if item.role not in (Role.WARM_UP, Role.AEROBIC) or item.dose.kind is not DoseKind.MINUTES:
        return item
    if item.target is not None and item.target.minutes is not None:
        minutes = min(minutes, item.target.minutes)
    return item._replace(dose=item.dose.model_copy(update={"minutes": minutes}))


def _filled(items: list[Prescribed], budget: int) -> list[Prescribed]:
    """Grow doses within their targets while the session is short of ``budget``: longer
    aerobic work first (a step up may take it back), then more sets within the room the
    session keeps to progress."""
    low, high = budget * (1 - TIME_TOLERANCE), budget * (1 + TIME_TOLERANCE)
    items = list(items)

    def total() -> float:
        return sum(item_minutes(p) for p in items)

    def room() -> float:
        return sum(growth_room(p) for p in items)

    grew = True
    while total() < low - 1e-9 and grew:
        grew = False
        for index, item in sorted(
            enumerate(items),
            key=lambda pair: (
                aerobic_floor(pair[1], budget) is None,
                pair[1].priority,
                pair[1].order,
            ),
        ):
            bigger = _one_more(item)
            if bigger is None:
                continue
            extra = item_minutes(bigger) - item_minutes(item)
            aerobic = aerobic_floor(item, budget) is not None
            kept_room = 0.0 if aerobic else room()
            if aerobic and total() + extra > high:
                # Five more minutes of aerobic work would run over: just the minutes the
                # session is short of.
                bigger = _one_more(item, by=max(1, math.ceil(low - total() - 1e-9)))
                if bigger is None:
                    continue
                extra = item_minutes(bigger) - item_minutes(item)
            if extra > 0 and total() + extra + kept_room <= high:
                items[index] = bigger
                grew = True
                if total() >= low:
                    break
    return items


def _one_more(item: Prescribed, *, by: int = 5) -> Prescribed | None:
    """The item with one more set (within its target), or an aerobic or warm-up spell
    ``by`` minutes longer (up to its cap); None when it cannot grow."""
    dose, target = item.dose, item.target
    if dose.kind is DoseKind.MINUTES:
        assert dose.minutes is not None
        # Outside a protected early phase a warm-up grows on into easy aerobic work (the
        # catalogue doses walking by the ACSM's position stand: 30 to 60 minutes of moderate
        # activity on 5 days a week), so the time asked for is spent moving.
        grows = item.role is Role.AEROBIC or (item.role is Role.WARM_UP and not item.early)
        cap = MAX_AEROBIC_MINUTES if grows else 10
        if item.role in (Role.AEROBIC, Role.WARM_UP) and dose.minutes < cap:
            longer = dose.model_copy(update={"minutes": min(cap, dose.minutes + by)})
            return item._replace(dose=longer)
        return None
    if target is not None and target.sets is not None and dose.sets < target.sets[1]:
        return item._replace(dose=dose.model_copy(update={"sets": dose.sets + 1}))
    return None


def assembled(
    catalogue: Catalogue,
    request: PlanRequest,
    prescription: Prescription,
    selection: Selection,
    fitted: Fitted,
) -> Routine:
    """The routine of a fitted prescription: sections, warnings, the program, its sources."""
    warnings: list[Caution] = list(selection.warnings)
    warnings += _unfilled_warnings(prescription.unfilled)
    short = fitted.minutes < request.minutes * (1 - TIME_TOLERANCE)
    room = any(growth_room(p) > 0 for p in fitted.items)
    if short and fitted.dropped and room:
        warnings.append(RoomToGrow(fitted.minutes, request.minutes))
    elif short:
        early = any(p.early for p in fitted.items)
        warnings.append(ProgramIsShort(fitted.minutes, request.minutes, early))
    if fitted.dropped:
        names = tuple(p.exercise.name for p in fitted.dropped)
        warnings.append(LeftOut(request.minutes, names, room))
    planned = [
        PlannedExercise(exercise=p.exercise, dose=p.dose, minutes=item_minutes(p), role=p.role)
        for p in fitted.items
    ]
    if any(on_the_floor(i.exercise) for i in planned) and Equipment.MAT not in request.equipment:
        warnings.append(FloorNote())
    sections = tuple(
        Section(
            kind=kind,
            items=tuple(i for i in planned if SECTION_OF[i.exercise.category] is kind),
        )
        for kind in SectionKind
    )
    routine = routine_of(selection, sections, warnings, catalogue)
    sources = [s.id for s in routine.sources]
    sources += [ref for c in prescription.phases for ref in (*c.program.sources, *c.phase.sources)]
    return replace(
        routine,
        program=program_summary(prescription),
        sources=catalogue.sources_for(sources),
        safety=with_ceiling(routine.safety, prescription.pain_ceiling),
    )


def _unfilled_warnings(
    unfilled: Sequence[tuple[Role, tuple[str, NeedsKit] | None]],
) -> list[Caution]:
    """What the plan says of roles it could not fill: one line for those the person's
    conditions and level leave empty, and one a role that only lacks kit, naming it."""
    said: list[Caution] = []
    ruled = tuple(role.value for role, kit_only in unfilled if kit_only is None)
    if ruled:
        said.append(RolesRuledOut(ruled))
    for role, kit_only in unfilled:
        if kit_only is not None:
            name, needs = kit_only
            said.append(RoleNeedsKit(role.value, name, needs))
    return said


def program_summary(prescription: Prescription) -> ProgramSummary:
    """What the plan says of the program it follows: each phase, the pain ceiling."""
    return ProgramSummary(
        phases=tuple(
            PhaseSummary(
                program=c.program.name,
                phase=c.phase.name,
                goal=c.phase.goal,
                move_on=c.phase.move_on,
            )
            for c in prescription.phases
        ),
        pain_ceiling=prescription.pain_ceiling,
    )
