"""kneefit swap: safe alternatives to one exercise."""

from __future__ import annotations

from typing import Annotated

import typer

from kneefit.cli import common
from kneefit.cli.options import (
    CatalogueOpt,
    ConditionOpt,
    EquipmentOpt,
    LevelOpt,
    NoCacheOpt,
    NoFloorOpt,
)
from kneefit.cli.stdout import write_stdout
from kneefit.i18n import N_

app = common.command_app()


@app.command(
    "swap",
    help=N_(
        "List safe alternatives to an exercise: same category and main muscles, allowed for\n"
        "the conditions, level and equipment, and no harder on the knee. Best first."
    ),
)
def swap_command(
    exercise: Annotated[
        list[str],
        typer.Argument(metavar="EXERCISE", help=N_("The exercise to replace."), show_default=False),
    ],
    condition: ConditionOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    no_floor: NoFloorOpt = False,
    format: Annotated[
        str | None,
        typer.Option(
            "-f",
            "--format",
            metavar="FORMAT",
            help=N_("table, text or json. Default: table on a terminal, text otherwise."),
        ),
    ] = None,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    from kneefit.render import Document, RenderOptions, dispatch
    from kneefit.usecases.plan import PlanAsk
    from kneefit.usecases.swaps import find_swaps

    env = common.environment()
    fmt = common.output_format(format, None, env)
    options = RenderOptions(color=env.color, width=env.width, ascii_only=env.ascii_only)
    renderer = dispatch(Document.SWAPS, fmt, options)
    ask = PlanAsk(
        conditions=tuple(condition or ()), level=level, equipment=equipment, floor=not no_floor
    )
    cat = common.catalogue(catalogue, env, no_cache)
    with common.usage():
        found = find_swaps(cat, " ".join(exercise), ask)
    write_stdout(renderer.swaps(found))
