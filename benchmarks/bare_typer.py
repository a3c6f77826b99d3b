"""A typer app with the options of `kneefit plan` that does nothing: typer's own cost.

The benchmark runs it beside kneefit, so the table shows how much of kneefit's start-up
is typer parsing a command line and how much is kneefit's own work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version")] = False,
    debug: Annotated[bool, typer.Option("--debug")] = False,
) -> None:
    """Stand-in for kneefit's top level."""


@app.command()
def plan(
    condition: Annotated[list[str] | None, typer.Option("-c", "--condition")] = None,
    level: Annotated[str | None, typer.Option("-l", "--level")] = None,
    equipment: Annotated[list[str] | None, typer.Option("-e", "--equipment")] = None,
    minutes: Annotated[int, typer.Option("-m", "--minutes", min=10, max=180)] = 30,
    explain: Annotated[bool, typer.Option("--explain")] = False,
    format: Annotated[str | None, typer.Option("-f", "--format")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", dir_okay=False)] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    catalogue: Annotated[list[Path] | None, typer.Option("--catalogue")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache")] = False,
) -> None:
    """Parse the options and print one line."""
    typer.echo("parsed")


@app.command()
def other() -> None:
    """A second command, so typer keeps its group of commands as kneefit's does."""


if __name__ == "__main__":
    app()
