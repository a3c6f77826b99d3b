"""kneefit review: the week looked back on, with advice for what got in the way."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kneefit.cli import common
from kneefit.cli.options import CatalogueOpt, ForceOpt, OutputOpt
from kneefit.cli.stdout import output_path
from kneefit.i18n import N_, _

app = common.command_app()


@app.command(
    "review",
    help=N_(
        "Look back at the week with you: sessions, walking, pain and what progressed; when it\n"
        "fell behind, advice matched to what got in the way, each piece with its sources. The\n"
        "review is kept in the log, and 'kneefit plan' says when the next is due (a week later).\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  kneefit review                        the seven days to today\n"
        "  kneefit review --barrier 'no time'\n"
        "  kneefit review --week-of 2026-11-09 --program knee.yaml -f json"
    ),
)
def review_command(
    week_of: Annotated[
        str | None,
        typer.Option(
            "--week-of",
            metavar="YYYY-MM-DD",
            help=N_("Review the seven days from this date. Default: the seven days to today."),
        ),
    ] = None,
    barrier: Annotated[
        str | None,
        typer.Option(
            "--barrier",
            metavar="REASON",
            help=N_(
                "What got in the way: no time, pain, forgot, not seeing progress, bored, "
                "unsure how to do an exercise, or away from home. Asked for on a terminal when "
                "the week fell behind."
            ),
        ),
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
    walk_goal: Annotated[
        int | None,
        typer.Option(
            "--walk-goal",
            min=10,
            max=1000,
            metavar="MINUTES",
            help=N_(
                "Minutes of walking a week to aim for, if your physiotherapist set another "
                "aim. Default: 150."
            ),
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "-f",
            "--format",
            metavar="FORMAT",
            help=N_(
                "text, markdown or json. Default: text; with --output, from the file's extension."
            ),
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    catalogue: CatalogueOpt = None,
) -> None:
    from kneefit.render import Document, RenderOptions, dispatch
    from kneefit.usecases.review import ReviewAsk, look_back, record_review

    if program is not None and days is not None:
        raise common.bad_value(_("give --program or --days, not both"), param_hint="'--days'")
    env = common.environment()
    target = output_path(output) if output is not None else None
    fmt = common.output_format(format, target, env, table=False)
    renderer = dispatch(Document.REVIEW, fmt, RenderOptions())
    ask = ReviewAsk(
        week_start=common.past_day(week_of, "'--week-of'", env.today),
        barrier=common.typed_text(barrier, "'--barrier'") if barrier is not None else None,
        program=Path(program) if program is not None else None,
        days=days,
        walk_goal=walk_goal,
    )
    cat = common.catalogue(catalogue, env) if program is not None else None
    with common.usage(barrier="'--barrier'"):
        review = look_back(ask, env, cat)
    if review.asks_barrier and env.stdin_terminal:
        chosen = _ask_barrier(review.barrier_labels)
        if chosen is not None:
            review = look_back(
                ReviewAsk(ask.week_start, chosen, ask.program, ask.days, ask.walk_goal), env, cat
            )
    common.write(renderer.review(review), fmt, target, force, None)
    record_review(review, env)


def _ask_barrier(labels: tuple[str, ...]) -> str | None:
    """The reason the week slipped, from a numbered list on the terminal; None to skip."""
    from kneefit.cli.prompts import ask_number

    sys.stderr.write(_("This week fell behind. What got in the way?") + "\n")
    for n, label in enumerate(labels, 1):
        sys.stderr.write(f"  {n}. {label}\n")
    chosen = ask_number(_("Your answer"), 1, len(labels))
    return labels[chosen - 1] if chosen is not None else None
