"""kneefit show: one exercise in full, or its picture."""

from __future__ import annotations

from typing import Annotated

import typer

from kneefit.cli import common
from kneefit.cli.options import CatalogueOpt, ForceOpt, FormatOpt, NoCacheOpt, OutputOpt
from kneefit.i18n import N_

app = common.command_app()


@app.command(
    help=N_("Show one exercise: steps, cues, dose, muscles, equipment, variants and sources.")
)
def show(
    exercise: Annotated[
        list[str],
        typer.Argument(
            metavar="EXERCISE", help=N_("An exercise's id, name or alias."), show_default=False
        ),
    ],
    format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    from kneefit.usecases.views import find_exercise

    env = common.environment()
    cat = common.catalogue(catalogue, env, no_cache)
    with common.usage():
        found = find_exercise(cat, exercise)
    common.emit(env, lambda r: r.exercise(found, cat), format, output, force)
