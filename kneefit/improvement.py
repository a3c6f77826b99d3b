"""Whether the check-ins show improvement over the weeks a program's source gives it.

A program phase (or, for one that names none, the catalogue's safety section) gives a
review span: the weeks after which its source expects knee pain to have begun to settle,
or re-measures progress (GLA:D's follow-up at 3 months; heavy slow resistance's 12
weeks). When a person has been in the phase that long, and their check-ins from its start
and from at least that span later share a measure, the plan looks at the change: if no
measure improved by its important change (:mod:`kneefit.measures`), it says to see a
clinician for a review. Acceptable pain never does this on its own (Silbernagel 2007):
only a lack of improvement on the person's own measures over the whole span does.

With no check-ins, or none far enough apart, nothing is judged: the plan cannot tell,
and says nothing. Nothing here reads the log or the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kneefit.errors import UsageError
from kneefit.log.checkin import CheckIn
from kneefit.measures import CHAIR_STAND, NPRS, PSFS, Change, psfs_score
from kneefit.models import PlanRequest, Routine
from kneefit.reasons import NoImprovement

if TYPE_CHECKING:
    from kneefit.catalogue import Catalogue

#: A check-in this many days before the phase's first session still counts as its
#: starting point (people often score themselves before they begin).
BASELINE_BEFORE_DAYS = 14


def changes(first: CheckIn, latest: CheckIn) -> list[Change]:
    """The measures both check-ins recorded, each as a change from ``first`` to
    ``latest``."""
    found: list[Change] = []
    if first.week_pain is not None and latest.week_pain is not None:
        found.append(Change(NPRS, first.week_pain, latest.week_pain))
    before = psfs_score(tuple(score for _, score in first.activities))
    after = psfs_score(tuple(score for _, score in latest.activities))
    if before is not None and after is not None:
        found.append(Change(PSFS, before, after))
    if first.chair_stands is not None and latest.chair_stands is not None:
        found.append(Change(CHAIR_STAND, first.chair_stands, latest.chair_stands))
    return found


def no_improvement(
    checkins: Sequence[CheckIn], since: date | None, today: date, weeks: int
) -> NoImprovement | None:
    """A review is due: the person has been in the phase since ``since`` for at least
    ``weeks`` weeks, a check-in from its start and one at least ``weeks`` weeks later share
    a measure, and none of the shared measures improved by its important change. None
    otherwise (too soon, too few check-ins, or something improved)."""
    if since is None or (today - since).days < weeks * 7:
        return None
    earliest = since - timedelta(days=BASELINE_BEFORE_DAYS)
    ordered = sorted((c for c in checkins if earliest <= c.date <= today), key=lambda c: c.date)
    for first in ordered:
        latest = next(
            (
                c
                for c in reversed(ordered)
                if (c.date - first.date).days >= weeks * 7 and changes(first, c)
            ),
            None,
        )
        if latest is None:
            continue
        moved = changes(first, latest)
        if any(change.important for change in moved):
            return None
        return NoImprovement(
            weeks=weeks,
            since=first.date,
            latest=latest.date,
            measures=tuple(change.measure.name for change in moved),
        )
    return None


def review_weeks(catalogue: Catalogue, request: PlanRequest, phase: str | None) -> int | None:
    """The review span for ``request`` in ``phase``: the shortest its program phases give,
    else the catalogue's own (None if neither gives one)."""
    from kneefit.prescribe import phases_for

    conditions = [catalogue.conditions[c] for c in dict.fromkeys(request.conditions)]
    try:
        chosen = phases_for(catalogue, conditions, phase) or ()
    except UsageError:
        chosen = ()
    given = [c.phase.review.weeks for c in chosen if c.phase.review is not None]
    if given:
        return min(given)
    safety = catalogue.safety.review
    return safety.weeks if safety is not None else None


def reviewed(routine: Routine, reason: NoImprovement | None) -> Routine:
    """``routine`` saying, first unless a reason to see a clinician is already first, that
    a review is due (``reason``); unchanged without one."""
    progression = routine.progression
    if reason is None or progression is None:
        return routine
    if progression.see_clinician:
        reasons = (progression.reasons[0], reason, *progression.reasons[1:])
    else:
        reasons = (reason, *progression.reasons)
    told = replace(progression, reasons=reasons, see_clinician=True)
    return replace(routine, progression=told)
