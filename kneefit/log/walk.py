"""Walks and weekly reviews as the log keeps them: minutes walked on a date
('kneefit log --walked'), and the day a week was looked back on ('kneefit review')."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from datetime import date as date_


@dataclass(frozen=True)
class Walk:
    """Minutes of walking on a date, outside sessions."""

    date: date
    minutes: int
    id: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ReviewDone:
    """A weekly review: the day it was done, the first day of the week it looked back on,
    and the barrier the person named (an id of kneefit.review's barriers), if any."""

    date: date_
    week_start: date_
    barrier: str | None = None
