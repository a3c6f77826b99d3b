"""Choose a session's exercises: screen the catalogue, then score what is left, slot by slot.

The planner is a pure function of the catalogue, the request and a seed (the session's
date, so that different days of a week get different but equivalent exercises and the same
request on the same day gets the same routine). It never includes an exercise that a
requested condition rules out or limits away, that is above the requested level, or that
needs equipment the person does not have, and it records why each one was left out.

Selection fills each section's muscle coverage with the best allowed exercise. "Best" is a
score: what the person's conditions prefer (their sourced ``prefers`` data), a lower knee
load where in doubt, equipment the person said they have (a bike or a pool changes the
warm-up), the hardest step of a variant chain up to the person's level, and a small,
deterministic variety term from the seed. The doses are sized to time by
:mod:`kneefit.dosing`; what condition data says about volume is applied here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from kneefit.catalogue import Catalogue
from kneefit.cautions import (
    Caution,
    ConditionNote,
    DidNotFit,
    FloorNote,
    LevelLowered,
    NoneFits,
    NoRelease,
    NoWarmUpFits,
    SeeClinicianFirst,
)
from kneefit.dosing import Candidate, Fitted, fit, holding_dose, scaled, warm_up_minutes
from kneefit.models import (
    Category,
    Condition,
    Equipment,
    Exclusion,
    Exercise,
    KneeLoad,
    Level,
    Muscle,
    PlanRequest,
    Routine,
    Section,
    SectionKind,
)
from kneefit.screening import effective_level, exclusion_reasons, on_the_floor, screened

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
    Muscle.ADDUCTORS,
)
STRETCH_GROUPS = (
    Muscle.QUADRICEPS,
    Muscle.HAMSTRINGS,
    Muscle.CALVES,
    Muscle.HIP_FLEXORS,
    Muscle.GLUTES,
    Muscle.ADDUCTORS,
    Muscle.ABDUCTORS,
)
RELEASE_GROUPS = (
    Muscle.QUADRICEPS,
    Muscle.GLUTES,
    Muscle.HAMSTRINGS,
    Muscle.CALVES,
    Muscle.ABDUCTORS,
    Muscle.ADDUCTORS,
    Muscle.LOWER_BACK,
)

SECTION_OF = {
    Category.CARDIO: SectionKind.WARM_UP,
    Category.STRENGTH: SectionKind.STRENGTH,
    Category.BALANCE: SectionKind.BALANCE,
    Category.RANGE_OF_MOTION: SectionKind.RANGE_OF_MOTION,
    Category.STRETCH: SectionKind.STRETCH,
    Category.FOAM_ROLLING: SectionKind.RELEASE,
}

#: What most homes have: using it earns no preference (a bike or a pool does).
_EVERYDAY = frozenset({Equipment.CHAIR, Equipment.STEP, Equipment.TOWEL, Equipment.MAT})


#: Score weights. A preference outweighs everything else; each knee-load tag costs more
#: than the variety term can give back, so variety only chooses among equally gentle ones.
_PREFERRED = 4.0
#: What each knee-load tag costs: impact and twisting most, bearing weight least (walking
#: bears weight, and that is good for most knees). Standing on one leg costs half a deep
#: bend: the conditions for which it matters rule it out outright.
_KNEE_LOAD = {
    KneeLoad.HIGH_IMPACT: 2.0,
    KneeLoad.JUMPING: 2.0,
    KneeLoad.TWISTING: 2.0,
    KneeLoad.SUDDEN_CHANGE: 2.0,
    KneeLoad.DEEP_KNEE_FLEXION: 1.0,
    KneeLoad.KNEELING: 1.0,
    KneeLoad.SINGLE_LEG: 0.5,
    KneeLoad.UNSTABLE: 1.0,
    KneeLoad.LATERAL: 0.5,
    KneeLoad.WEIGHT_BEARING: 0.25,
}
#: What doing an exercise on an earlier day of the same week costs: equivalent ones take turns.
_DONE_THIS_WEEK = 2.0
_OWN_EQUIPMENT = 1.5
_LEVEL_STEP = 0.5
_VARIETY = 0.9
_NEW_KIND = 1.0

#: How many of the conditions' preferred exercises a session adds beyond muscle coverage.
_MAX_PREFERRED_EXTRA = 2

#: The note a plan carries when it holds floor work and the person listed no mat.


class Focus(str, Enum):
    """What a session is for: the full routine, or a mobility day of a week."""

    FULL = "full"
    MOBILITY = "mobility"


#: Chain roots by catalogue, worked out once per catalogue (catalogues never change).
_ROOTS: dict[int, tuple[Catalogue, dict[str, str]]] = {}


def chain_roots(catalogue: Catalogue) -> dict[str, str]:
    """The easiest exercise of each variant chain, so a plan holds one step of a chain."""
    known = _ROOTS.get(id(catalogue))
    if known is None or known[0] is not catalogue:
        known = (catalogue, _chain_roots(catalogue.exercises.values(), catalogue.exercises))
        _ROOTS.clear()
        _ROOTS[id(catalogue)] = known
    return known[1]


def _chain_roots(exercises: Iterable[Exercise], by_id: Mapping[str, Exercise]) -> dict[str, str]:
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


def hash_of(request: PlanRequest, seed: int) -> int:
    """A seed from the request and the day: the same request on the same day, the same
    plan; two people's plans on one day need not match."""
    key = "|".join(
        [
            str(seed),
            ",".join(request.conditions),
            request.level.value,
            ",".join(sorted(e.value for e in request.equipment)),
            str(request.minutes),
            str(request.floor),
        ]
    )
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")


def _variety(seed: int, ident: str) -> float:
    """A number in [0, 1) fixed by the seed and the exercise: the same day, the same pick."""
    digest = hashlib.blake2b(f"{seed}:{ident}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") / 2**32


def preferred(exercise: Exercise, conditions: Sequence[Condition]) -> bool:
    """Whether any of the conditions prefers ``exercise``, by id or by trait."""
    return any(
        exercise.id in pref.exercises or set(pref.traits) & set(exercise.traits)
        for condition in conditions
        for pref in condition.prefers
    )


@dataclass(frozen=True)
class Selection:
    """What the planner chose for one session, before doses are fitted to time."""

    request: PlanRequest
    conditions: tuple[Condition, ...]
    candidates: tuple[Candidate, ...]
    #: A tuple, or :class:`Exclusions` worked out when first read.
    excluded: Sequence[Exclusion]
    warnings: tuple[Caution, ...]
    volume: float = 1.0


@dataclass
class _Chooser:
    """The state of one selection: what is allowed, what is taken, and the scoring."""

    allowed: dict[Category, list[Exercise]]
    roots: dict[str, str]
    conditions: Sequence[Condition]
    request: PlanRequest
    level: Level
    seed: int
    volume: float
    recent: Mapping[str, int] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    by_muscle: dict[tuple[Category, Muscle], list[Exercise]] = field(default_factory=dict)
    ranked: dict[Category, list[Exercise]] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    chains: set[str] = field(default_factory=set)
    candidates: list[Candidate] = field(default_factory=list)

    def base_score(self, exercise: Exercise) -> float:
        """The score of ``exercise`` for this selection, whatever else is chosen."""
        known = self.scores.get(exercise.id)
        if known is not None:
            return known
        value = _PREFERRED if preferred(exercise, self.conditions) else 0.0
        # Where a condition is named, doubt weighs more.
        doubt = 1.0 if self.conditions else 0.5
        value -= doubt * sum(_KNEE_LOAD.get(tag, 1.0) for tag in exercise.knee_load)
        value -= _DONE_THIS_WEEK * self.recent.get(exercise.id, 0)
        own = [e for e in exercise.equipment if e in self.request.equipment and e not in _EVERYDAY]
        value += _OWN_EQUIPMENT * len(own)
        value += _LEVEL_STEP * exercise.level.rank
        value += _VARIETY * _variety(self.seed, exercise.id)
        self.scores[exercise.id] = value
        return value

    def score(self, exercise: Exercise, kinds_used: set[frozenset[Equipment]]) -> float:
        value = self.base_score(exercise)
        # A roller and a ball give two kinds of release: use both where the person has both.
        if (
            exercise.category is Category.FOAM_ROLLING
            and kinds_used
            and frozenset(exercise.equipment) not in kinds_used
        ):
            value += _NEW_KIND
        return value

    def free(self, exercise: Exercise) -> bool:
        return exercise.id not in self.taken and self.roots[exercise.id] not in self.chains

    def best(
        self, category: Category, muscle: Muscle | None, among: Sequence[Muscle] = ()
    ) -> Exercise | None:
        """The best free exercise of ``category`` for ``muscle`` (any muscle if None, or any
        of ``among``): the one of highest (score, id)."""
        wanted = set(among)

        def fits(e: Exercise) -> bool:
            if muscle is not None:
                return muscle in e.primary_muscles
            return not wanted or bool(wanted & set(e.primary_muscles))

        if category is not Category.FOAM_ROLLING:
            # The score does not depend on what else is chosen: the first free one that
            # fits, in the order of the scores, is the best. Each slot stops there instead
            # of scoring every allowed exercise again.
            for exercise in self.ranking(category):
                if self.free(exercise) and fits(exercise):
                    return exercise
            return None
        if muscle is not None:
            pool = [e for e in self.working(category, muscle) if self.free(e)]
        else:
            pool = [e for e in self.allowed[category] if self.free(e) and fits(e)]
        if not pool:
            return None
        kinds = {
            frozenset(c.exercise.equipment)
            for c in self.candidates
            if c.exercise.category is category
        }
        return max(pool, key=lambda e: (self.score(e, kinds), e.id))

    def ranking(self, category: Category) -> list[Exercise]:
        """The allowed exercises of ``category``, highest (base score, id) first (worked out
        once a selection: the base score depends only on the exercise and the request)."""
        found = self.ranked.get(category)
        if found is None:
            found = sorted(
                self.allowed[category], key=lambda e: (self.base_score(e), e.id), reverse=True
            )
            self.ranked[category] = found
        return found

    def working(self, category: Category, muscle: Muscle) -> list[Exercise]:
        """The allowed exercises of ``category`` that work ``muscle`` first (kept, for a
        large catalogue asks this again and again)."""
        key = (category, muscle)
        found = self.by_muscle.get(key)
        if found is None:
            found = [e for e in self.allowed[category] if muscle in e.primary_muscles]
            self.by_muscle[key] = found
        return found

    def add(self, exercise: Exercise, core: bool) -> None:
        self.taken.add(exercise.id)
        self.chains.add(self.roots[exercise.id])
        dose = holding_dose(exercise, scaled(exercise.dose, self.volume))
        self.candidates.append(Candidate(exercise, dose, len(self.candidates), core))

    def want(
        self,
        category: Category,
        muscles: Sequence[Muscle | None],
        core: bool,
        among: Sequence[Muscle] = (),
    ) -> list[str]:
        """Fill each muscle's slot (a None slot: any of ``among``); the muscles no allowed
        exercise covers."""
        uncovered = []
        for muscle in muscles:
            exercise = self.best(category, muscle, among)
            if exercise is None:
                covered = any(
                    c.exercise.category is category and muscle in c.exercise.primary_muscles
                    for c in self.candidates
                )
                if muscle is not None and not covered:
                    uncovered.append(muscle.value)
                continue
            self.add(exercise, core)
        return uncovered


def select(
    catalogue: Catalogue,
    request: PlanRequest,
    *,
    seed: int = 0,
    focus: Focus = Focus.FULL,
    avoid: frozenset[str] = frozenset(),
    recent: Mapping[str, int] | None = None,
) -> Selection:
    """Choose the exercises of one session for ``request``, best first within each section.

    ``seed`` varies the choice among equivalent exercises (pass the session's date);
    ``avoid`` names exercises already done as often this week as their doses allow, and
    ``recent`` how often each was done earlier this week, so that equivalent ones take turns.
    """
    conditions = [catalogue.conditions[c] for c in dict.fromkeys(request.conditions)]
    level = effective_level(request.level, conditions)
    allowed_list, excluded = screened(catalogue, request, conditions, level)
    allowed: dict[Category, list[Exercise]] = {c: [] for c in Category}
    for exercise in allowed_list:
        if exercise.id not in avoid:
            allowed[exercise.category].append(exercise)
    volume = min((c.limits.volume for c in conditions if c.limits), default=1.0)
    chooser = _Chooser(
        allowed=allowed,
        roots=chain_roots(catalogue),
        conditions=conditions,
        request=request,
        level=level,
        seed=hash_of(request, seed),
        volume=volume,
        recent=recent or {},
    )
    warnings = _choose(chooser, catalogue, focus)
    front = front_warnings(conditions, level, request)
    return Selection(
        request=request,
        conditions=tuple(conditions),
        candidates=tuple(chooser.candidates),
        excluded=tuple(excluded),
        warnings=(*front, *warnings),
        volume=volume,
    )


def _choose(chooser: _Chooser, catalogue: Catalogue, focus: Focus) -> list[Caution]:
    """Fill a session: the warm-up, the knee's strength work (a full session's), balance,
    stretches, releases; then the extras a longer session has room for. The warnings say
    what could not be filled."""
    warnings = _warm_up(chooser)
    if focus is Focus.FULL:
        warnings += _knee_strength(chooser)
    chooser.want(Category.BALANCE, [None], core=True)
    warnings += _stretches(chooser, focus)
    if not chooser.allowed[Category.FOAM_ROLLING]:
        warnings.append(_no_release(chooser, catalogue))
    # Two releases a session, taking turns over the groups through the week.
    chooser.want(Category.FOAM_ROLLING, [None, None], core=True, among=RELEASE_GROUPS)
    _extras(chooser, focus)
    return warnings


def _warm_up(chooser: _Chooser) -> list[Caution]:
    warm = chooser.best(Category.CARDIO, None)
    if warm is None:
        return [NoWarmUpFits()]
    chooser.add(warm, core=True)
    return []


def _knee_strength(chooser: _Chooser) -> list[Caution]:
    """One strength exercise for each of the knee's muscle groups, and up to two more the
    conditions prefer."""
    allowed = chooser.allowed[Category.STRENGTH]
    warnings: list[Caution] = []
    if not allowed:
        warnings.append(NoneFits("strength"))
    missing = chooser.want(Category.STRENGTH, KNEE_GROUPS, core=True)
    if allowed:
        warnings += [NoneFits("strength", m) for m in missing]
    extra_preferred = [e for e in allowed if chooser.free(e) and preferred(e, chooser.conditions)]
    for exercise in extra_preferred[:_MAX_PREFERRED_EXTRA]:
        if chooser.free(exercise):
            chooser.add(exercise, core=True)
    return warnings


def _stretches(chooser: _Chooser, focus: Focus) -> list[Caution]:
    """The core stretches (every group for a mobility session), and one hip stretch."""
    allowed = chooser.allowed[Category.STRETCH]
    warnings: list[Caution] = []
    if not allowed:
        warnings.append(NoneFits("stretch"))
    stretch_core = STRETCH_GROUPS if focus is Focus.MOBILITY else STRETCH_GROUPS[:3]
    missing = chooser.want(Category.STRETCH, stretch_core, core=True)
    # One hip stretch a session too, taking turns (the hips steer the knee).
    chooser.want(Category.STRETCH, [None], core=True, among=STRETCH_GROUPS[3:])
    if allowed:
        warnings += [NoneFits("stretch", m) for m in missing]
    return warnings


def _no_release(chooser: _Chooser, catalogue: Catalogue) -> Caution:
    """Why no release exercise is allowed: none in the catalogue, the kit, or the conditions."""
    releases = [e for e in catalogue.exercises.values() if e.category is Category.FOAM_ROLLING]
    # Whether any release would do with the kit: the first one that would is enough.
    with_kit = any(
        not exclusion_reasons(
            e, chooser.conditions, chooser.level, frozenset(Equipment), chooser.request.floor
        )
        for e in releases
    )
    if not releases:
        return NoRelease("catalogue")
    if with_kit:
        return NoRelease("kit")
    return NoRelease("conditions")


def _extras(chooser: _Chooser, focus: Focus) -> None:
    """What a longer session has room for, in the order it is added."""
    if focus is Focus.FULL:
        chooser.want(Category.STRENGTH, POSTERIOR_EXTRAS, core=False)
    chooser.want(Category.BALANCE, [None], core=False)
    chooser.want(Category.STRETCH, STRETCH_GROUPS[3:], core=False)
    chooser.want(Category.FOAM_ROLLING, RELEASE_GROUPS, core=False)
    if focus is Focus.FULL:
        chooser.want(Category.STRENGTH, KNEE_GROUPS, core=False)
    chooser.want(Category.STRETCH, STRETCH_GROUPS, core=False)


def front_warnings(
    conditions: Sequence[Condition], level: Level, request: PlanRequest
) -> list[Caution]:
    """What a plan says before anything else: the conditions' first notes, whom to see
    first, and a level its conditions lowered."""
    front: list[Caution] = [ConditionNote(c.first_note) for c in conditions if c.first_note]
    front += [SeeClinicianFirst(c.name) for c in conditions if c.see_clinician_first]
    if level is not request.level:
        front.append(LevelLowered(level.value, request.level.value))
    return front


def assemble(selection: Selection, fitted: Fitted, catalogue: Catalogue) -> Routine:
    """The routine of a fitted selection: sections in order, warnings, sources."""
    request = selection.request
    warnings = list(selection.warnings)
    placed = [c for c, _ in fitted.items]
    for candidate in fitted.dropped:
        exercise = candidate.exercise
        if (
            candidate.core
            and exercise.category is Category.STRENGTH
            and any(m in KNEE_GROUPS for m in exercise.primary_muscles)
            and not any(
                set(c.exercise.primary_muscles) & set(exercise.primary_muscles)
                for c in placed
                if c.exercise.category is Category.STRENGTH
            )
        ):
            warnings.append(DidNotFit(exercise.name, request.minutes))
    items = [item for _, item in sorted(fitted.items, key=lambda pair: pair[0].priority)]
    if any(on_the_floor(i.exercise) for i in items) and Equipment.MAT not in request.equipment:
        warnings.append(FloorNote())
    sections = tuple(
        Section(kind=kind, items=tuple(i for i in items if SECTION_OF[i.exercise.category] is kind))
        for kind in SectionKind
    )
    return routine_of(selection, sections, warnings, catalogue)


def routine_of(
    selection: Selection,
    sections: tuple[Section, ...],
    warnings: list[Caution],
    catalogue: Catalogue,
) -> Routine:
    """A routine of ``sections`` for ``selection``, with its sources gathered."""
    source_ids = [ref for s in sections for item in s.items for ref in item.exercise.source_ids]
    source_ids += [ref for c in selection.conditions for ref in c.sources]
    source_ids += list(catalogue.safety.cited)
    total = sum(item.minutes for s in sections for item in s.items)
    return Routine(
        request=selection.request,
        conditions=selection.conditions,
        sections=sections,
        estimated_minutes=round(total, 1),
        warnings=tuple(warnings),
        excluded=selection.excluded,
        safety=catalogue.safety,
        sources=catalogue.sources_for(source_ids),
    )


def fit_selection(selection: Selection) -> Fitted:
    """Fit a selection's candidates to its request's minutes (the warm-up sized to them)."""
    warm = warm_up_minutes(selection.request.minutes)
    candidates = [
        Candidate(c.exercise, c.dose.model_copy(update={"minutes": warm}), c.priority, c.core)
        if c.exercise.category is Category.CARDIO and c.dose.minutes is not None
        else c
        for c in selection.candidates
    ]
    return fit(candidates, selection.request.minutes)
