"""Layering catalogue files by id, and checking what only the whole can show.

A later file's entry replaces an earlier one with the same id. Then every reference is
checked (sources, variants, ruled-out exercises), each drawing must agree with its
exercise's knee-load tags and traits, names must not clash, the safety block must be there;
sources nobody cites are noted, and so is every bundled safety rule a later layer weakens
(see :mod:`kneefit.catalogue.weakening`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kneefit.catalogue.lookup import Catalogue, Deferred, Exercises, normalise
from kneefit.catalogue.reading import bundled_catalogue_path
from kneefit.catalogue.schema import CatalogueFile
from kneefit.errors import DataError, Problem, ProblemError
from kneefit.i18n import N_, _
from kneefit.models import (
    Condition,
    Exercise,
    Limits,
    Preference,
    Restriction,
    Safety,
    Source,
)
from kneefit.templates import ProgramTemplate

Layer = tuple[str, CatalogueFile, dict[str, dict[str, int]]]

_Origin = dict[tuple[str, str], tuple[str, int]]


@dataclass(frozen=True)
class Checked:
    """What the whole-catalogue checks found, beyond errors (and what the cache keeps)."""

    uncited_sources: tuple[str, ...]
    weakened: tuple[str, ...]


#: A loop of easier or harder variants, one sentence for each direction.
_LOOPS = {
    "easier": N_("the easier variants loop: {loop}"),
    "harder": N_("the harder variants loop: {loop}"),
}


def merge(layers: Sequence[Layer], *, checked: Checked | None = None) -> Catalogue:
    """Layer parsed files in order (a later entry replaces an earlier one by id) and check.

    ``checked`` is the result of these checks on the very same layers (from the cache):
    given, the checks are not run again.
    """
    sources: dict[str, Source] = {}
    exercises = Exercises()
    conditions: dict[str, Condition] = {}
    programs: dict[str, ProgramTemplate] = {}
    origin: _Origin = {}
    first_conditions: dict[str, Condition] = {}
    first_programs: dict[str, ProgramTemplate] = {}
    first_safety: Safety | None = None
    safety: Safety | None = None
    safety_origin = ""
    for name, parsed, lines in layers:
        for kind, table in (
            ("sources", sources),
            ("conditions", conditions),
            ("programs", programs),
        ):
            for entry in getattr(parsed, kind):
                table[entry.id] = entry
                origin[(kind, entry.id)] = (name, lines[kind].get(entry.id, 0))
        # A cached file's exercises are made when first looked up (a plan reads a few).
        if isinstance(parsed.exercises, Deferred):
            exercises.defer(parsed.exercises)
        else:
            for ex in parsed.exercises:
                exercises.put(ex)
        for cond in parsed.conditions:
            first_conditions.setdefault(cond.id, cond)
        for program in parsed.programs:
            first_programs.setdefault(program.id, program)
        if parsed.safety is not None:
            safety = parsed.safety
            safety_origin = name
            if first_safety is None:
                first_safety = parsed.safety
    files = tuple(n for n, _, _ in layers)
    if checked is None:
        # The checks read every exercise, and say where each was defined.
        from kneefit.catalogue.program_checks import program_problems
        from kneefit.catalogue.weakening import Definitions, weakened

        every = dict(exercises)
        first_exercises: dict[str, Exercise] = {}
        for layer, parsed, lines in layers:
            at = lines["exercises"]
            listed = parsed.exercises
            ids = listed.ids if isinstance(listed, Deferred) else [e.id for e in listed]
            for ident in ids:
                origin[("exercises", ident)] = (layer, at.get(ident, 0))
            for ex in listed:
                first_exercises.setdefault(ex.id, ex)
        problems = _check_references(sources, every, conditions, safety, origin, safety_origin)
        problems += program_problems(programs, sources, every, conditions, origin)
        if safety is None:
            problems.append(
                Problem(
                    ", ".join(files) or "catalogue",
                    _("no file gives the safety guidance (a top-level 'safety' block)"),
                )
            )
        if problems:
            raise ProblemError(problems)
        assert safety is not None
        checked = Checked(
            uncited_sources=uncited_sources(sources, every, conditions, safety, programs),
            weakened=weakened(
                Definitions(first_exercises, first_conditions, first_programs, first_safety),
                Definitions(every, conditions, programs, safety),
                origin,
                safety_origin,
                _described(files[0]) if files else "",
            )
            if len(layers) > 1
            else (),
        )
    assert safety is not None
    return Catalogue(
        sources=sources,
        exercises=exercises,
        conditions=conditions,
        programs=programs,
        safety=safety,
        files=files,
        uncited_sources=checked.uncited_sources,
        weakened=checked.weakened,
    )


def _described(name: str) -> str:
    """A layer's name in a message: the bundled catalogue is called so."""
    with contextlib.suppress(DataError):
        if name == str(bundled_catalogue_path()):
            return _("the bundled catalogue")
    return name


def uncited_sources(
    sources: dict[str, Source],
    exercises: dict[str, Exercise],
    conditions: dict[str, Condition],
    safety: Safety,
    programs: dict[str, ProgramTemplate] | None = None,
) -> tuple[str, ...]:
    """The ids of sources in force that no exercise, condition, program or safety block
    cites."""
    cited = set(safety.sources)
    if safety.review is not None:
        cited.update(safety.review.sources)
    for part in (safety.flare_up, safety.education):
        if part is not None:
            cited.update(part.sources)
    for program in (programs or {}).values():
        cited.update(program.sources)
        for phase in program.phases:
            cited.update(phase.sources)
            if phase.review is not None:
                cited.update(phase.review.sources)
    for ex in exercises.values():
        cited.update(ex.source_ids)
    for cond in conditions.values():
        cited.update(cond.sources)
        for part in (*cond.rules_out, *cond.prefers, *((cond.limits,) if cond.limits else ())):
            cited.update(part.sources)
    for flag in safety.red_flags:
        cited.update(flag.sources)
    return tuple(ident for ident in sources if ident not in cited)


#: Reports a problem with the entry of a kind ("exercises") and id, at a path within it.
_Report = Callable[[str, str, str, str], None]


def _check_references(
    sources: dict[str, Source],
    exercises: dict[str, Exercise],
    conditions: dict[str, Condition],
    safety: Safety | None,
    origin: dict[tuple[str, str], tuple[str, int]],
    safety_origin: str,
) -> list[Problem]:
    """Every reference between the merged entries, each exercise's drawing and position
    words, variant loops, and names two entries share: the problems, in that order."""
    problems: list[Problem] = []

    def report(kind: str, ident: str, path: str, message: str) -> None:
        file, line = origin[(kind, ident)]
        problems.append(Problem(file, message, line or None, None, f"{kind}[id={ident}].{path}"))

    for ex in exercises.values():
        _exercise_references(ex, sources, exercises, report)
    _drawings(exercises, origin, report)
    from kneefit.catalogue.positions import position_problems

    for ex in exercises.values():
        for message in position_problems(ex):
            report("exercises", ex.id, "knee_load", message)
    for direction in ("easier", "harder"):
        for loop in _variant_loops(exercises, direction):
            report(
                "exercises",
                loop[0],
                direction,
                _(_LOOPS[direction]).format(loop=" -> ".join([*loop, loop[0]])),
            )
    for cond in conditions.values():
        _condition_references(cond, sources, exercises, report)
    if safety is not None:
        cited = [("sources", safety.sources)]
        for name, part in (("flare_up", safety.flare_up), ("education", safety.education)):
            if part is not None:
                cited.append((f"{name}.sources", part.sources))
        if safety.flare_up is not None:
            for ref in safety.flare_up.not_for:
                if ref not in conditions:
                    message = _("no condition with id {ref!r}").format(ref=ref)
                    path = "safety.flare_up.not_for"
                    problems.append(Problem(safety_origin, message, None, None, path))
        for where, refs in cited:
            for ref in refs:
                if ref not in sources:
                    message = _("no source with id {ref!r}").format(ref=ref)
                    problems.append(Problem(safety_origin, message, None, None, f"safety.{where}"))
    problems.extend(
        _steering_references(sources, exercises, conditions, safety, origin, safety_origin)
    )
    problems.extend(_name_clashes(exercises, "exercises", origin))
    problems.extend(_name_clashes(conditions, "conditions", origin))
    return problems


def _exercise_references(
    ex: Exercise, sources: dict[str, Source], exercises: dict[str, Exercise], report: _Report
) -> None:
    """An exercise's sources, and its easier and harder variants: each must exist and be
    of its category, the harder one not below its level, the easier one not above."""
    for ref in ex.source_ids:
        if ref not in sources:
            report("exercises", ex.id, "sources", _("no source with id {ref!r}").format(ref=ref))
    for direction in ("easier", "harder"):
        target = getattr(ex, direction)
        if target is None:
            continue
        other = exercises.get(target)
        if other is None:
            report(
                "exercises", ex.id, direction, _("no exercise with id {ref!r}").format(ref=target)
            )
        elif other.id == ex.id:
            report("exercises", ex.id, direction, _("an exercise cannot be its own variant"))
        elif other.category != ex.category:
            report(
                "exercises",
                ex.id,
                direction,
                _("{name!r} is {kind}, not {own}").format(
                    name=target, kind=other.category.value, own=ex.category.value
                ),
            )
        elif direction == "harder" and other.level.rank < ex.level.rank:
            report(
                "exercises",
                ex.id,
                direction,
                _("the harder variant {name!r} is at a lower level ({level} < {own})").format(
                    name=target, level=other.level.value, own=ex.level.value
                ),
            )
        elif direction == "easier" and other.level.rank > ex.level.rank:
            report(
                "exercises",
                ex.id,
                direction,
                _("the easier variant {name!r} is at a higher level ({level} > {own})").format(
                    name=target, level=other.level.value, own=ex.level.value
                ),
            )


def _drawings(
    exercises: dict[str, Exercise],
    origin: dict[tuple[str, str], tuple[str, int]],
    report: _Report,
) -> None:
    """Each drawing of a layer's own exercises against their knee-load tags and traits, and
    whether its figure touches what it rests on and holds."""
    bundled = ""
    with contextlib.suppress(DataError):
        bundled = str(bundled_catalogue_path())
    # The same drawing with the same tags and traits gets the same verdict: each one is
    # worked out once (the geometry takes a millisecond or two a drawing).
    verdicts: dict[tuple[object, ...], list[str]] = {}
    contacts: dict[tuple[object, ...], list[str]] = {}
    for ex in exercises.values():
        # The bundled drawings are checked against their tags by the test suite (about a
        # third of a second of geometry); a layer's own entries are checked here.
        if ex.poses is not None and origin[("exercises", ex.id)][0] != bundled:
            # Imported here: the geometry is needed only when the checks run (not from cache).
            from kneefit.pose_contact import NOT_YET_REDRAWN, contact_problems, drawing_digest
            from kneefit.pose_tags import pose_problems

            tags = [t.value for t in ex.knee_load]
            traits = [t.value for t in ex.traits]
            key = (ex.poses, tuple(tags), tuple(traits))
            found = verdicts.get(key)
            if found is None:
                found = verdicts[key] = list(pose_problems(ex.poses, tags, traits=traits))
            for message in found:
                report("exercises", ex.id, "poses", f"the drawing disagrees: {message}")
            muscles = [m.value for m in ex.primary_muscles]
            touch = (ex.poses, tuple(muscles), ex.steps)
            found = contacts.get(touch)
            if found is None:
                found = contacts[touch] = contact_problems(
                    ex.poses, muscles=muscles, steps=ex.steps
                )
            if found and NOT_YET_REDRAWN.get(ex.id) == drawing_digest(ex.poses):
                continue  # a bundled drawing known to miss, kept as it is: not the layer's
            for message in found:
                report(
                    "exercises",
                    ex.id,
                    "poses",
                    f"the figure does not touch what it should: {message}",
                )


def _condition_references(
    cond: Condition, sources: dict[str, Source], exercises: dict[str, Exercise], report: _Report
) -> None:
    """A condition's sources, and the exercises its rules name or allow."""
    for ref in cond.sources:
        if ref not in sources:
            report("conditions", cond.id, "sources", _("no source with id {ref!r}").format(ref=ref))
    for index, rule in enumerate(cond.rules_out):
        for field, refs in (("exercises", rule.exercises), ("allows", rule.allows)):
            for ref in refs:
                if ref not in exercises:
                    report(
                        "conditions",
                        cond.id,
                        f"rules_out[{index}].{field}",
                        _("no exercise with id {ref!r}").format(ref=ref),
                    )


def _variant_loops(exercises: dict[str, Exercise], direction: str) -> list[list[str]]:
    loops: list[list[str]] = []
    done: set[str] = set()
    for start in exercises:
        chain: list[str] = []
        current: str | None = start
        while current is not None and current in exercises and current not in done:
            if current in chain:
                loop = chain[chain.index(current) :]
                if len(loop) > 1:
                    loops.append(loop)
                break
            chain.append(current)
            current = getattr(exercises[current], direction)
        done.update(chain)
    return loops


def _name_clashes(
    entries: dict[str, Exercise] | dict[str, Condition],
    kind: str,
    origin: dict[tuple[str, str], tuple[str, int]],
) -> list[Problem]:
    owners: dict[str, str] = {}
    problems = []
    for entry in entries.values():
        for label in (entry.id, entry.name, *entry.aliases):
            key = normalise(label)
            owner = owners.setdefault(key, entry.id)
            if owner != entry.id:
                file, line = origin[(kind, entry.id)]
                problems.append(
                    Problem(
                        file,
                        _("the name {name!r} already belongs to {owner!r}").format(
                            name=label, owner=owner
                        ),
                        line or None,
                        None,
                        f"{kind}[id={entry.id}]",
                    )
                )
    return problems


def _steering_references(
    sources: dict[str, Source],
    exercises: dict[str, Exercise],
    conditions: dict[str, Condition],
    safety: Safety | None,
    origin: dict[tuple[str, str], tuple[str, int]],
    safety_origin: str,
) -> list[Problem]:
    """Check the ids that condition rules, preferences, limits and red flags name."""
    problems: list[Problem] = []
    for cond in conditions.values():
        file, line = origin[("conditions", cond.id)]
        parts: list[tuple[str, Restriction | Preference | Limits]] = [
            (f"rules_out[{i}]", r) for i, r in enumerate(cond.rules_out)
        ]
        parts += [(f"prefers[{i}]", p) for i, p in enumerate(cond.prefers)]
        if cond.limits is not None:
            parts.append(("limits", cond.limits))
        for path, part in parts:
            where = f"conditions[id={cond.id}].{path}"
            for ref in part.sources:
                if ref not in sources:
                    problems.append(
                        Problem(
                            file,
                            _("no source with id {ref!r}").format(ref=ref),
                            line or None,
                            None,
                            where,
                        )
                    )
            if isinstance(part, Preference):
                for ref in part.exercises:
                    if ref not in exercises:
                        problems.append(
                            Problem(
                                file,
                                _("no exercise with id {ref!r}").format(ref=ref),
                                line or None,
                                None,
                                where + ".exercises",
                            )
                        )
    if safety is not None:
        for flag in safety.red_flags:
            for ref in flag.sources:
                if ref not in sources:
                    problems.append(
                        Problem(
                            safety_origin,
                            _("no source with id {ref!r}").format(ref=ref),
                            None,
                            None,
                            f"safety.red_flags[id={flag.id}].sources",
                        )
                    )
        for ref in safety.review.sources if safety.review is not None else ():
            if ref not in sources:
                problems.append(
                    Problem(
                        safety_origin,
                        _("no source with id {ref!r}").format(ref=ref),
                        None,
                        None,
                        "safety.review",
                    )
                )
    return problems
