"""kneefit report: a progress report for a follow-up appointment."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kneefit.cli import common
from kneefit.cli.options import BomOpt, CatalogueOpt, ForceOpt, OutputOpt
from kneefit.cli.stdout import output_path
from kneefit.i18n import N_, _

app = common.command_app()


@app.command(
    "report",
    help=N_(
        "A progress report for a follow-up: sessions done against planned, pain, red flags,\n"
        "progression steps and check-in scores against their minimal important changes."
    ),
)
def report_command(
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD", help=N_("Report from this date on.")),
    ] = None,
    program: Annotated[
        str | None,
        typer.Option(
            "--program", metavar="FILE", help=N_("The program file: its days_per_week is planned.")
        ),
    ] = None,
    days: Annotated[
        int | None,
        typer.Option(
            "--days", min=1, max=7, metavar="N", help=N_("Sessions planned a week. Default: 3.")
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "-f",
            "--format",
            metavar="FORMAT",
            help=N_(
                "text, markdown, json, csv, html (a page with charts to print) or fhir (a "
                "FHIR R4 Bundle for a clinic's records). Default: text; with --output, from the "
                "file's extension."
            ),
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = None,
    catalogue: CatalogueOpt = None,
) -> None:
    from kneefit.render import Document, RenderOptions, dispatch
    from kneefit.usecases.report import make_report

    if program is not None and days is not None:
        raise common.bad_value(_("give --program or --days, not both"), param_hint="'--days'")
    env = common.environment()
    target = output_path(output) if output is not None else None
    fmt = common.output_format(format, target, env, table=False)
    renderer = dispatch(Document.REPORT, fmt, RenderOptions())
    start = common.past_day(since, "'--since'", env.today)
    built = make_report(
        common.catalogue(catalogue, env),
        env,
        start,
        program=Path(program) if program is not None else None,
        days=days,
    )
    common.write(renderer.report(built), fmt, target, force, bom)
