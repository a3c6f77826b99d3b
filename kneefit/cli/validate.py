"""kneefit validate: check catalogue files before anyone plans from them."""

from __future__ import annotations

from typing import Annotated

import typer

from kneefit.cli import common
from kneefit.i18n import N_, _

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
    from kneefit.render.error_words import error_text
    from kneefit.usecases.views import validate_files

    failed = False
    for checked in validate_files(files):
        if checked.problem is not None or checked.catalogue is None:
            failed = True
            failure = checked.problem
            common.print_error(error_text(failure) if failure is not None else str(failure))
            continue
        cat = checked.catalogue
        translation = checked.translation
        if translation is not None:
            counts = ", ".join(_count(k, len(v)) for k, v in translation.entries.items())
            safety = (
                _("the safety notes") if translation.safety is not None else _("no safety notes")
            )
            common.say(
                _("{file}: ok (the catalogue in {language!r}: {counts}, {safety})").format(
                    file=checked.file, language=translation.language, counts=counts, safety=safety
                )
            )
            for problem in translation.warnings:
                common.warn(str(problem))
            continue
        common.say(
            _("{file}: ok ({exercises}, {conditions}, {sources} in force)").format(
                file=checked.file,
                exercises=_count("exercises", len(cat.exercises)),
                conditions=_count("conditions", len(cat.conditions)),
                sources=_count("sources", len(cat.sources)),
            )
        )
        for ident in cat.uncited_sources:
            common.warn(
                _("{file}: the source {ident!r} is listed but never cited").format(
                    file=checked.file, ident=ident
                )
            )
        for warning in cat.weakened:
            common.warn(warning)
    if failed:
        raise typer.Exit(1)


def _count(kind: str, count: int) -> str:
    """``12 exercises``: a count of the catalogue's entries of ``kind``, in the run's
    language (English keeps the plural for one, as before: ``1 exercises``)."""
    if kind == "exercises":
        return _("{count} exercises").format(count=count)
    if kind == "conditions":
        return _("{count} conditions").format(count=count)
    if kind == "sources":
        return _("{count} sources").format(count=count)
    if kind == "programs":
        return _("{count} programs").format(count=count)
    return f"{count} {kind}"
