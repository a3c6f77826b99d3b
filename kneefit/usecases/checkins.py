"""`kneefit checkin`: outcome measures recorded on a date, one check-in a day."""

from __future__ import annotations

from dataclasses import dataclass

from kneefit.environment import Environment, Places
from kneefit.log.checkin import CheckIn
from kneefit.usecases.common import existing_log, opened_log


@dataclass(frozen=True)
class CheckedIn:
    checkin: CheckIn
    replaced: bool


def record_checkin(checkin: CheckIn, env: Environment) -> CheckedIn:
    """Record a check-in (one a day: a second one replaces the first)."""
    with opened_log(env.places) as log:
        return CheckedIn(checkin, log.add_checkin(checkin, env.now))


def earlier_activities(places: Places) -> tuple[str, ...]:
    """The activities of the last check-in, to ask about again."""
    with existing_log(places) as log:
        found = log.checkins() if log is not None else []
    return tuple(a for a, _ in found[-1].activities) if found else ()
