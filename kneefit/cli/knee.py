"""--knee, which knee a session or check-in is for, as 'kneefit log' and 'checkin' take it."""

from __future__ import annotations

from typing import Annotated

import typer

from kneefit.models import KNEES

KneeOpt = Annotated[
    str | None,
    typer.Option(
        "--knee",
        metavar="KNEE",
        help="Which knee it is for: left, right or both. Kept in the log.",
    ),
]


def knee(value: str | None) -> str | None:
    """The knee ``value`` names (any case, spaces around it allowed); None if not given."""
    if value is None:
        return None
    word = value.strip().lower()
    if word not in KNEES:
        raise typer.BadParameter(
            f"{value!r} is not a knee: give left, right or both", param_hint="'--knee'"
        )
    return word
