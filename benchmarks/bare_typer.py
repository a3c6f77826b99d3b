"""A typer app with exactly the options of `kneefit plan`, whose body does nothing.

It is what typer itself costs to start and parse ``plan -c arthritis``, before kneefit does
any work: the benchmark runs it beside ``kneefit plan`` and the import floor, so the table
shows how much of kneefit's start-up is typer's and how much kneefit's own. It imports only
typer; ``tests/test_benchmarks.py`` checks that its options stay the ones of ``plan`` (names,
spellings, types, bounds and defaults).
"""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)

Texts = Annotated[list[str] | None, typer.Option()]


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version")] = False,
    debug: Annotated[bool, typer.Option("--debug")] = False,
    lang: Annotated[str | None, typer.Option("--lang", expose_value=False)] = None,
) -> None:
    """Stand-in for kneefit's top level."""


@app.command()
def plan(
    condition: Annotated[list[str] | None, typer.Option("-c", "--condition")] = None,
    level: Annotated[str | None, typer.Option("-l", "--level")] = None,
    equipment: Annotated[list[str] | None, typer.Option("-e", "--equipment")] = None,
    minutes: Annotated[int | None, typer.Option("-m", "--minutes", min=10, max=180)] = None,
    no_floor: Annotated[bool, typer.Option("--no-floor")] = False,
    explain: Annotated[bool, typer.Option("--explain")] = False,
    brief: Annotated[bool, typer.Option("--brief")] = False,
    format: Annotated[str | None, typer.Option("-f", "--format")] = None,
    output: Annotated[str | None, typer.Option("-o", "--output")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    catalogue: Annotated[list[str] | None, typer.Option("--catalogue", "--catalog")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache")] = False,
    days: Annotated[int | None, typer.Option("--days", min=1, max=7)] = None,
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=12)] = 1,
    start: Annotated[str | None, typer.Option("--start")] = None,
    at: Annotated[str | None, typer.Option("--at")] = None,
    remind: Annotated[int | None, typer.Option("--remind", min=0, max=10080)] = None,
    no_history: Annotated[bool, typer.Option("--no-history")] = False,
    program: Annotated[str | None, typer.Option("--program")] = None,
    without: Texts = None,
    swap: Texts = None,
    max_exercises: Annotated[int | None, typer.Option("--max-exercises", min=1, max=30)] = None,
    phase: Annotated[str | None, typer.Option("--phase")] = None,
    knee_given: Annotated[str | None, typer.Option("--knee")] = None,
    also_in: Annotated[str | None, typer.Option("--also-in")] = None,
    lang: Annotated[str | None, typer.Option("--lang", expose_value=False)] = None,
) -> None:
    """Parse the options and print one line."""
    typer.echo("parsed")


@app.command()
def other() -> None:
    """A second command, so typer keeps its group of commands as kneefit's does."""


if __name__ == "__main__":
    app()
