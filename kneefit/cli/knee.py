"""--knee, which knee a session or check-in is for, as 'kneefit log' and 'checkin' take it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, cast

import typer

from kneefit.i18n import N_, _
from kneefit.models import KNEES

if TYPE_CHECKING:
    from kneefit.models import Knee

KneeOpt = Annotated[
    str | None,
    typer.Option(
        "--knee",
        metavar="KNEE",
        help=N_("Which knee it is for: left, right or both. Kept in the log."),
    ),
]

#: --knee as 'plan', 'start' and 'program new' take it: the plan names it.
PlanKneeOpt = Annotated[
    str | None,
    typer.Option(
        "--knee",
        metavar="KNEE",
        help=N_(
            "Which knee the plan is for: left, right or both. On the plan; exercises done "
            "each side start on that side; sessions logged after it record it."
        ),
    ),
]


def knee(value: str | None) -> Knee | None:
    """The knee ``value`` names (any case, spaces around it allowed); None if not given."""
    if value is None:
        return None
    word = value.strip().lower()
    if word not in KNEES:
        from kneefit.cli.common import bad_value

        raise bad_value(
            _("{value!r} is not a knee: give left, right or both").format(value=value),
            param_hint="'--knee'",
        )
    return cast("Knee", word)
