"""kneefit list: the catalogue's exercises, filtered."""

from __future__ import annotations

from typing import Annotated

import typer

from kneefit.cli import common
from kneefit.cli.options import (
    CatalogueOpt,
    ConditionOpt,
    EquipmentOpt,
    ForceOpt,
    FormatOpt,
    LevelOpt,
    NoCacheOpt,
    OutputOpt,
)
from kneefit.i18n import N_

app = common.command_app()


@app.command(
    "list",
    help=N_(
        "List the catalogue's exercises, filtered by category, condition, equipment and level."
    ),
)
def list_(
    category: Annotated[
        str | None,
        typer.Argument(
            metavar="[CATEGORY]",
            help=N_(
                "strength, balance, stretches, foam-rolling (or rolling, release), cardio "
                "(or low-impact). All when left out."
            ),
            show_default=False,
        ),
    ] = None,
    condition: ConditionOpt = None,
    equipment: EquipmentOpt = None,
    level: LevelOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    from kneefit.usecases.views import list_exercises

    env = common.environment()
    cat = common.catalogue(catalogue, env, no_cache)
    with common.usage():
        allowed = list_exercises(cat, category, condition or [], level, equipment)
    common.emit(env, lambda r: r.exercises(allowed, cat), format, output, force)
