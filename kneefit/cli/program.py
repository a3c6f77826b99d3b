"""kneefit program: program files a clinician writes and plans from."""

from __future__ import annotations

from typing import Annotated

import typer

from kneefit.atomic import write_file
from kneefit.cli import common
from kneefit.cli.options import (
    CatalogueOpt,
    ConditionOpt,
    EquipmentOpt,
    ForceOpt,
    LevelOpt,
    MaxExercisesOpt,
    MinutesOpt,
    NoCacheOpt,
    NoFloorOpt,
    OutputOpt,
    SwapOpt,
    WithoutOpt,
)
from kneefit.cli.stdout import output_path, write_stdout

app = common.command_app(
    "Program files: a routine a clinician writes, checked like any plan.\n\n"
    "\b\nExamples:\n"
    "  kneefit program new -c arthritis -c 'torn meniscus' --max-exercises 5 -o knee.yaml\n"
    "  kneefit plan --program knee.yaml -o handout.html",
    group=True,
)


# A callback makes this a group (typer would otherwise run a lone command directly), so
# that 'kneefit program new' keeps its word and later subcommands have a home.
@app.callback()
def _group() -> None:
    pass


@app.command("new")
def program_new(
    condition: ConditionOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    minutes: MinutesOpt = 30,
    no_floor: NoFloorOpt = False,
    days_per_week: Annotated[
        int,
        typer.Option(
            "--days-per-week", min=1, max=7, metavar="N", help="Sessions a week (1 to 7)."
        ),
    ] = 3,
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="TEXT", help="The person's name, printed on the plan."),
    ] = None,
    without: WithoutOpt = None,
    swap: SwapOpt = None,
    max_exercises: MaxExercisesOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write a program file from the planner, with comments explaining each field, to edit."""
    from kneefit.usecases.plan import PlanAsk
    from kneefit.usecases.program_file import new_program

    ask = PlanAsk(
        conditions=tuple(condition or ()),
        level=level,
        equipment=equipment,
        minutes=minutes,
        floor=not no_floor,
        without=tuple(without or ()),
        swaps=common.swaps(swap),
        max_exercises=max_exercises,
    )
    person = common.typed_text(name, "'--name'").strip() or None
    env = common.environment()
    cat = common.catalogue(catalogue, env, no_cache)
    with common.usage(exercise="'--without' / '--swap'"):
        made = new_program(cat, ask, days_per_week, person, env)
    if output is None:
        write_stdout(made.text)
        return
    write_file(output_path(output), made.text, force=force)
    typer.echo(
        f"Wrote {output} ({made.count} exercises). Edit it, then: kneefit plan --program {output}",
        err=True,
    )
