"""kneefit history: the logged sessions and check-ins."""

from __future__ import annotations

from typing import Annotated

import typer

from kneefit.cli import common
from kneefit.cli.options import BomOpt, ForceOpt, FormatOpt, OutputOpt
from kneefit.output import output_path

app = common.command_app()

#: The history formats that show check-ins after the sessions.
_WITH_CHECKINS = ("table", "text", "markdown")


@app.command()
def history(
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD", help="Only sessions from this date on."),
    ] = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = None,
    checkins: Annotated[
        bool,
        typer.Option(
            "--checkins", help="Show the check-ins ('kneefit checkin') instead of the sessions."
        ),
    ] = False,
) -> None:
    """Show the logged sessions, with a chart of pain and effort over time, then the
    check-ins (in text, table and markdown; with --checkins, only them, in any format)."""
    from kneefit.render.report import checkin_history
    from kneefit.usecases.logbook import sessions_since
    from kneefit.usecases.physio import checkins_since

    places = common.places()
    start = common.past_day(since, "'--since'")
    found = checkins_since(places, start)
    target = output_path(output) if output is not None else None
    fmt = common.output_format(format, target)
    if checkins:
        with common.usage():
            common.write(checkin_history(found, fmt.value), fmt, target, force, bom)
        return
    sessions = sessions_since(places, start)
    tail = checkin_history(found, fmt.value) if found and fmt.value in _WITH_CHECKINS else ""
    common.emit(lambda r: r.history(sessions) + tail, format, output, force, bom=bom)
