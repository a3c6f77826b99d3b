"""kneefit history: the logged sessions and check-ins."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kneefit.cli import common
from kneefit.cli.options import BomOpt, ForceOpt, FormatOpt, OutputOpt
from kneefit.cli.stdout import output_path
from kneefit.i18n import N_, _

if TYPE_CHECKING:
    from kneefit.log.walk import Walk

app = common.command_app()

#: The history formats that show check-ins after the sessions.
_WITH_CHECKINS = ("table", "text", "markdown")


@app.command(
    help=N_(
        "Show the logged sessions, with a chart of pain and effort over time, then the\n"
        "check-ins and the clinicians' clearances (in text, table and markdown; with --checkins,\n"
        "only the check-ins, in any format).\n"
        "\n"
        "Text, table and markdown show the last 20 sessions and say how many earlier ones there\n"
        "are; json and csv, which are for keeping and for spreadsheets, hold every session."
    )
)
def history(
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD", help=N_("Only sessions from this date on.")),
    ] = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = None,
    checkins: Annotated[
        bool,
        typer.Option(
            "--checkins", help=N_("Show the check-ins ('kneefit checkin') instead of the sessions.")
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=1,
            metavar="N",
            help=N_(
                "Show the last N sessions. Default: the last 20 in text, table and markdown; "
                "every session in json and csv."
            ),
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help=N_("Show every session, in any format."))
    ] = False,
) -> None:
    from kneefit.render.clearances import clearances_text
    from kneefit.usecases.logbook import (
        DEFAULT_HISTORY_LIMIT,
        checkins_since,
        clearances_since,
        history_page,
        named_in_language,
        walks_since,
    )

    if every and limit is not None:
        raise common.bad_value(_("give --limit N or --all, not both"), param_hint="'--all'")

    env = common.environment()
    start = common.past_day(since, "'--since'", env.today)
    found = checkins_since(env.places, start)
    target = output_path(output) if output is not None else None
    fmt = common.output_format(format, target, env)
    if checkins:
        common.emit(env, lambda r: r.checkins(found), format, output, force, bom=bom)
        return
    to_read = fmt.value in _WITH_CHECKINS
    if every:
        chosen = None
    elif limit is not None:
        chosen = limit
    else:
        chosen = DEFAULT_HISTORY_LIMIT if to_read else None
    page = history_page(env.places, start, chosen)
    sessions = named_in_language(page.sessions, env)
    note = f"\n{page.note}\n" if page.note and to_read else ""
    with_checkins = bool(found) and to_read
    cleared = clearances_text(
        clearances_since(env.places, start) if to_read else [], markdown=fmt.value == "markdown"
    )
    walked = _walks(walks_since(env.places, start), fmt.value) if to_read else ""
    common.emit(
        env,
        lambda r: (
            r.history(sessions)
            + note
            + walked
            + (r.checkins(found) if with_checkins else "")
            + cleared
        ),
        format,
        output,
        force,
        bom=bom,
    )
    if page.note and not to_read:
        common.print_error(page.note, _("Note"))


def _walks(walks: list[Walk], fmt: str) -> str:
    """The walks logged (``log --walked``) after the sessions: Markdown, or plain lines."""
    from kneefit.render.walks import walks_markdown, walks_text

    return walks_markdown(walks) if fmt == "markdown" else walks_text(walks)
