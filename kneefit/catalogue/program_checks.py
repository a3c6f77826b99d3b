"""The checks on condition programs that need the rest of the catalogue.

Every condition, source and candidate exercise a program names must exist, and no
candidate of a phase may be one that the conditions starting a person in that phase rule
out or limit away: a template cannot contradict the safety rules it sits beside.

A role's candidates are listed easiest first, and progression steps along them, so in a
role whose exercises progress (strength, balance, range of motion) no candidate may come
after one that is harder than it: after an exercise whose ``easier`` chain holds it, or
at a lower level. Stepping "up" from sit to stand to the supported mini squat (its
easier version) was how the osteoarthritis programme once progressed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kneefit.errors import Problem
from kneefit.i18n import _
from kneefit.models import Condition, Exercise, Source
from kneefit.templates import PROGRESSING, ProgramTemplate

#: Where each entry of each kind was defined: (kind, id) to (file, line).
_Origin = dict[tuple[str, str], tuple[str, int]]


def program_problems(
    programs: dict[str, ProgramTemplate],
    sources: dict[str, Source],
    exercises: dict[str, Exercise],
    conditions: dict[str, Condition],
    origin: _Origin,
) -> list[Problem]:
    """What is wrong with each program against the catalogue it is part of."""
    from kneefit.screening import exclusion_reasons

    problems: list[Problem] = []
    for program in programs.values():
        file, line = origin[("programs", program.id)]

        def report(
            path: str, message: str, ident: str = program.id, file: str = file, line: int = line
        ) -> None:
            problems.append(
                Problem(file, message, line or None, None, f"programs[id={ident}].{path}")
            )

        for ref in program.sources:
            if ref not in sources:
                report("sources", _("no source with id {ref!r}").format(ref=ref))
        for ref in program.conditions:
            if ref not in conditions:
                report("conditions", _("no condition with id {ref!r}").format(ref=ref))
        for phase in program.phases:
            here = f"phases[id={phase.id}]"
            for ref in phase.sources:
                if ref not in sources:
                    report(f"{here}.sources", _("no source with id {ref!r}").format(ref=ref))
            for ref in phase.review.sources if phase.review is not None else ():
                if ref not in sources:
                    report(f"{here}.review.sources", _("no source with id {ref!r}").format(ref=ref))
            starting = [conditions[c] for c in phase.conditions if c in conditions]
            for slot in phase.roles:
                for ref in slot.candidates:
                    exercise = exercises.get(ref)
                    if exercise is None:
                        report(
                            f"{here}.roles[{slot.role.value}]",
                            _("no exercise with id {ref!r}").format(ref=ref),
                        )
                        continue
                    reasons = exclusion_reasons(exercise, starting, None, None)
                    if reasons:
                        report(
                            f"{here}.roles[{slot.role.value}]",
                            _(
                                "{name!r} is a candidate of a phase whose conditions leave it "
                                "out: {reason}"
                            ).format(name=ref, reason=reasons[0]),
                        )
                for message in order_problems(slot.candidates, exercises):
                    report(f"{here}.roles[{slot.role.value}].candidates", message)
    return problems


def easier_versions(ident: str, exercises: Mapping[str, Exercise]) -> list[str]:
    """The exercises below ``ident`` on its ``easier`` chain, nearest first."""
    seen: list[str] = []
    current = exercises.get(ident)
    while current is not None and current.easier is not None and current.easier not in seen:
        seen.append(current.easier)
        current = exercises.get(current.easier)
    return seen


def order_problems(candidates: Sequence[str], exercises: Mapping[str, Exercise]) -> list[str]:
    """Where a progressing role's candidates are not easiest first: a later candidate that
    is an earlier one's easier version, or of a lower level."""
    known = [exercises[c] for c in candidates if c in exercises]
    if not known or known[0].category not in PROGRESSING:
        return []
    problems: list[str] = []
    for index, later in enumerate(known):
        for earlier in known[:index]:
            if later.id in easier_versions(earlier.id, exercises):
                problems.append(
                    _(
                        "{later!r} comes after {earlier!r}, but it is the easier version "
                        "of {earlier!r}: candidates go easiest first, as progression steps "
                        "along them; put it before, or leave it out"
                    ).format(later=later.id, earlier=earlier.id)
                )
            elif later.level.rank < earlier.level.rank:
                problems.append(
                    _(
                        "{later!r} ({level}) comes after {earlier!r} "
                        "({earlier_level}): candidates go easiest first, as progression "
                        "steps along them"
                    ).format(
                        later=later.id,
                        level=later.level.value,
                        earlier=earlier.id,
                        earlier_level=earlier.level.value,
                    )
                )
    return problems
