"""The checks on condition programs that need the rest of the catalogue.

Every condition, source and candidate exercise a program names must exist, and no
candidate of a phase may be one that the conditions starting a person in that phase rule
out or limit away: a template cannot contradict the safety rules it sits beside.
"""

from __future__ import annotations

from kneefit.errors import Problem
from kneefit.models import Condition, Exercise, Source
from kneefit.templates import ProgramTemplate

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
    from kneefit.planner import exclusion_reasons

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
                report("sources", f"no source with id {ref!r}")
        for ref in program.conditions:
            if ref not in conditions:
                report("conditions", f"no condition with id {ref!r}")
        for phase in program.phases:
            here = f"phases[id={phase.id}]"
            for ref in phase.sources:
                if ref not in sources:
                    report(f"{here}.sources", f"no source with id {ref!r}")
            starting = [conditions[c] for c in phase.conditions if c in conditions]
            for slot in phase.roles:
                for ref in slot.candidates:
                    exercise = exercises.get(ref)
                    if exercise is None:
                        report(f"{here}.roles[{slot.role.value}]", f"no exercise with id {ref!r}")
                        continue
                    reasons = exclusion_reasons(exercise, starting, None, None)
                    if reasons:
                        report(
                            f"{here}.roles[{slot.role.value}]",
                            f"{ref!r} is a candidate of a phase whose conditions leave it "
                            f"out: {reasons[0]}",
                        )
    return problems
