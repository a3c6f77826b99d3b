"""kneefit validate: check catalogue files before anyone plans from them."""

from __future__ import annotations

from typing import Annotated

import typer

from kneefit.cli import common
from kneefit.i18n import N_

app = common.command_app()


@app.command(
    help=N_(
        "Check catalogue files, each layered over the bundled one, and say what is wrong "
        "where. A translation file (data/translations/es.yaml) is checked against the "
        "bundled catalogue."
    )
)
def validate(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help=N_("Catalogue files (or translation files) to check."),
            show_default=False,
        ),
    ],
) -> None:
    from kneefit.usecases.views import validate_files

    failed = False
    for checked in validate_files(files):
        if checked.problem is not None or checked.catalogue is None:
            failed = True
            common.print_error(str(checked.problem))
            continue
        cat = checked.catalogue
        translation = checked.translation
        if translation is not None:
            counts = ", ".join(f"{len(v)} {k}" for k, v in translation.entries.items())
            safety = "the safety notes" if translation.safety is not None else "no safety notes"
            common.say(
                f"{checked.file}: ok (the catalogue in {translation.language!r}: {counts}, "
                f"{safety})"
            )
            for problem in translation.warnings:
                common.warn(str(problem))
            continue
        common.say(
            f"{checked.file}: ok ({len(cat.exercises)} exercises, {len(cat.conditions)} "
            f"conditions, {len(cat.sources)} sources in force)"
        )
        for ident in cat.uncited_sources:
            common.warn(f"{checked.file}: the source {ident!r} is listed but never cited")
        for warning in cat.weakened:
            common.warn(warning)
    if failed:
        raise typer.Exit(1)
