"""The options several commands share, each with its help text written once."""

from __future__ import annotations

from typing import Annotated

import typer

from kneefit.i18n import N_

FormatOpt = Annotated[
    str | None,
    typer.Option(
        "-f",
        "--format",
        metavar="FORMAT",
        help=N_(
            "table, text, markdown, json, csv, html (a printable handout), pdf (the handout "
            "as a PDF) or ics (calendar; these three plans only), or svg (one exercise's picture, "
            "for show). Default: table on a terminal, text otherwise; with --output, from the "
            "file's extension."
        ),
    ),
]
# File names are taken as text and checked by kneefit itself (see kneefit.cli.stdout and
# kneefit.catalogue), the same way whatever the version of typer and click.
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help=N_("Write to FILE (atomically) instead of standard output."),
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help=N_("Replace FILE if it already exists."))]
CatalogueOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--catalogue",
        "--catalog",
        metavar="FILE",
        help=N_("Layer your own catalogue file over the bundled one, by id. Repeatable."),
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help=N_(
            "Parse every catalogue file afresh instead of using the cache of earlier runs "
            "(kept in KNEEFIT_CACHE_DIR, or the user cache directory)."
        ),
    ),
]
ConditionOpt = Annotated[
    list[str] | None,
    typer.Option(
        "-c",
        "--condition",
        metavar="NAME",
        help=N_(
            "A knee condition, e.g. arthritis, 'torn meniscus'. Repeatable. "
            "See 'kneefit conditions'."
        ),
    ),
]
EquipmentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "-e",
        "--equipment",
        metavar="NAME",
        help=N_(
            "Equipment at hand (repeatable or comma-separated): none, all, household, "
            "chair, step, towel, mat, resistance-band, ankle-weights, dumbbells, stability-ball, "
            "suspension-trainer, foam-roller, massage-ball, stationary-bike, pool, slant-board, "
            "gym-machines."
        ),
    ),
]
LevelOpt = Annotated[
    str | None,
    typer.Option("-l", "--level", metavar="LEVEL", help=N_("beginner, intermediate or advanced.")),
]
MinutesOpt = Annotated[
    int,
    typer.Option(
        "-m",
        "--minutes",
        min=10,
        max=180,
        metavar="N",
        help=N_("Minutes for the session (10 to 180)."),
    ),
]
OptionalMinutesOpt = Annotated[
    int | None,
    typer.Option(
        "-m",
        "--minutes",
        min=10,
        max=180,
        metavar="N",
        help=N_("Minutes for the session (10 to 180). Default: 30."),
    ),
]
NoFloorOpt = Annotated[
    bool,
    typer.Option(
        "--no-floor",
        help=N_("For people who cannot get down to the floor: standing and seated work only."),
    ),
]
NoHistoryOpt = Annotated[
    bool,
    typer.Option(
        "--no-history",
        help=N_(
            "Ignore the session log: no progression, and this plan is not remembered "
            "for 'kneefit log'."
        ),
    ),
]

ProgramOpt = Annotated[
    str | None,
    typer.Option(
        "--program",
        metavar="FILE",
        help=N_(
            "Plan from a program file a clinician wrote ('kneefit program new' starts one); "
            "it gives the exercises, conditions, level and equipment."
        ),
    ),
]
WithoutOpt = Annotated[
    list[str] | None,
    typer.Option("--without", metavar="NAME", help=N_("Leave this exercise out. Repeatable.")),
]
SwapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--swap",
        metavar="OLD=NEW",
        help=N_(
            "Do NEW instead of OLD; refused unless NEW is a safe alternative "
            "(see 'kneefit swap OLD'). Repeatable."
        ),
    ),
]
MaxExercisesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-exercises",
        min=1,
        max=30,
        metavar="N",
        help=N_("Keep at most N exercises, the most important for the knee (the warm-up counts)."),
    ),
]
BomOpt = Annotated[
    bool | None,
    typer.Option(
        "--bom/--no-bom",
        help=N_(
            "Start CSV with a UTF-8 byte-order mark, so a spreadsheet reads accents right. "
            "Default: on for a file (-o), off on standard output."
        ),
        show_default=False,
    ),
]
