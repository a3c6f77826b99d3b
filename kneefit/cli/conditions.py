"""kneefit conditions: what each knee condition rules out and asks for."""

from __future__ import annotations

from typing import Annotated

import typer

from kneefit.cli import common
from kneefit.cli.options import CatalogueOpt, ForceOpt, FormatOpt, NoCacheOpt, OutputOpt
from kneefit.i18n import N_

app = common.command_app()


@app.command(
    help=N_("List the knee conditions, what each rules out, and whether to see a clinician first.")
)
def conditions(
    name: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[NAME]...",
            help=N_("Only these conditions (all when left out)."),
            show_default=False,
        ),
    ] = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    from kneefit.usecases.views import find_conditions

    env = common.environment()
    cat = common.catalogue(catalogue, env, no_cache)
    with common.usage(condition="'NAME'"):
        chosen = find_conditions(cat, name or [])
    common.emit(env, lambda r: r.conditions(chosen, cat), format, output, force)
