"""The log's export format ('kneefit log export' and 'log import'), and sessions and
check-ins as JSON data ('kneefit history --format json').

An export is JSON: ``{"kneefit_log": 1, "sessions": [...], "checkins": [...], "walks":
[...], "clearances": [...], "reviews": [...]}`` (each part after the sessions only where
the log has some, so an older export, without one, reads the same; a session or check-in
says ``"knee"`` only where one was named, a check-in its follow-up measures,
``"knee_bend"`` to ``"tug"``, only where recorded, and a weekly review its ``"barrier"``
only where one was named). Reading one is strict (no repeated keys, no huge numbers,
bounded nesting) and every problem is named with its line, column and field, as for a
catalogue. Each exercise's dose is written in
words ("2 sets of 10 reps"), as it always was, worded here from the log's data; an import
reads the words back as data (see :class:`~kneefit.models.LoggedExercise`).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from kneefit.i18n import _
from kneefit.log.checkin import CheckIn
from kneefit.log.walk import ReviewDone, Walk
from kneefit.models import Clearance, LoggedExercise, Session

if TYPE_CHECKING:
    from kneefit.errors import Problem
    from kneefit.locator import Locator, Mark
    from kneefit.models import CheckInFile, ClearanceFile, ReviewFile, WalkFile

    _File = TypeVar("_File", CheckInFile, WalkFile, ClearanceFile, ReviewFile)

#: The "kneefit_log" value of an export this kneefit writes and reads.
EXPORT_VERSION = 1


def session_dict(session: Session) -> dict[str, Any]:
    """A session as JSON data: the fields of 'kneefit history --format json'."""
    return _session_data(session, exclude={"stage"})


def _session_data(session: Session, exclude: set[str] | None = None) -> dict[str, Any]:
    """A session's fields as JSON data, in their order, each exercise's dose in words."""
    # Without warnings: a bad value in the log is exported as it is, to be corrected.
    data = session.model_dump(mode="json", exclude=exclude, warnings=False)
    if data.get("knee", "") is None:
        del data["knee"]  # said only where named: older exports read the same
    data["exercises"] = [exercise_dict(e) for e in session.exercises]
    return data


def exercise_dict(exercise: LoggedExercise) -> dict[str, Any]:
    """A logged exercise as JSON data: its id, name and dose in words."""
    return {"id": exercise.id, "name": exercise.name, "dose": exercise.dose.describe()}


def checkin_dict(checkin: CheckIn) -> dict[str, Any]:
    """A check-in as JSON data: the fields of a log export's "checkins"."""
    return (
        {
            "date": checkin.date.isoformat(),
            "week_pain": checkin.week_pain,
            "activities": [{"activity": a, "score": n} for a, n in checkin.activities],
            "chair_stands": checkin.chair_stands,
        }
        | ({"knee": checkin.knee} if checkin.knee is not None else {})
        | follow_up_dict(checkin)
    )


#: A check-in's follow-up measures as JSON keys, in their order.
FOLLOW_UP_KEYS = ("knee_bend", "knee_straighten", "walk_40m", "stairs", "tug")


def follow_up_dict(checkin: CheckIn) -> dict[str, Any]:
    """A check-in's follow-up measures as JSON data, each only where recorded (an export of
    a log without them reads as before)."""
    values = {key: getattr(checkin, key) for key in FOLLOW_UP_KEYS}
    return {key: value for key, value in values.items() if value is not None}


def walk_dict(walk: Walk) -> dict[str, Any]:
    """A walk as JSON data: the fields of a log export's "walks"."""
    return {"date": walk.date.isoformat(), "minutes": walk.minutes}


def clearance_dict(clearance: Clearance) -> dict[str, Any]:
    """A clinician's clearance as JSON data: the fields of a log export's "clearances"."""
    return {"date": clearance.date.isoformat(), "text": clearance.text}


def review_dict(review: ReviewDone) -> dict[str, Any]:
    """A weekly review as JSON data: the fields of a log export's "reviews" (the barrier
    only where one was named)."""
    data = {"date": review.date.isoformat(), "week_start": review.week_start.isoformat()}
    return data | ({"barrier": review.barrier} if review.barrier is not None else {})


def export_text(
    sessions: Sequence[Session],
    checkins: Sequence[CheckIn] = (),
    walks: Sequence[Walk] = (),
    clearances: Sequence[Clearance] = (),
    reviews: Sequence[ReviewDone] = (),
) -> str:
    """The whole log as JSON, for a backup or another computer ('kneefit log import'): the
    clinicians' clearances too, or a red flag they cleared would stop every plan again; and
    the weekly reviews, or the plan would say one is due that was done."""
    data: dict[str, Any] = {
        "kneefit_log": EXPORT_VERSION,
        "sessions": [_session_data(s) for s in sessions],
    }
    if checkins:
        data["checkins"] = [checkin_dict(c) for c in checkins]
    if walks:
        data["walks"] = [walk_dict(w) for w in walks]
    if clearances:
        data["clearances"] = [clearance_dict(c) for c in clearances]
    if reviews:
        data["reviews"] = [review_dict(r) for r in reviews]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


#: The parts of an export after its sessions, each read on its own.
_SECTIONS = ("checkins", "walks", "clearances", "reviews")


class _Unwrapped:
    """Places in a bare list of sessions, for data wrapped as ``{"sessions": [...]}``."""

    def __init__(self, inner: Locator) -> None:
        self.inner = inner

    def locate(self, path: tuple[int | str, ...]) -> Mark | None:
        if path[:1] == ("sessions",):
            return self.inner.locate(path[1:])
        return self.inner.locate(())


def parse_export(text: str, name: str, today: date) -> list[Session]:
    """Sessions from an export (or from 'history --format json'), checked field by field.

    JSON is read strictly (no repeated keys, no huge numbers, bounded nesting) and every
    problem is named with its line, column and field, as for a catalogue. A session dated
    after ``today`` is a problem too.
    """
    from pydantic import ValidationError

    from kneefit import validation_messages
    from kneefit.errors import Problem, ProblemError
    from kneefit.jsonread import load_json
    from kneefit.models import LogFile

    data, locator = load_json(text, name)
    where: Locator = locator
    if isinstance(data, list):
        data = {"kneefit_log": EXPORT_VERSION, "sessions": data}
        where = _Unwrapped(locator)
    if isinstance(data, dict):
        # parse_checkins, parse_walks, parse_clearances and parse_reviews read these.
        data = {k: v for k, v in data.items() if k not in _SECTIONS}
    try:
        parsed = LogFile.model_validate(data)
    except ValidationError as exc:
        raise validation_messages.error(exc, data, where, name) from None
    future = [
        Problem(
            name,
            _("the date {date} is in the future").format(date=s.date.isoformat()),
            path=f"sessions[{n}].date",
        )
        for n, s in enumerate(parsed.sessions)
        if s.date > today
    ]
    if future:
        raise ProblemError(future)
    return list(parsed.sessions)


def _section(
    text: str, name: str, today: date, key: str, model: type[_File]
) -> tuple[_File | None, list[Problem]]:
    """The part ``key`` of an export ("checkins", "walks", "clearances", "reviews") read as
    ``model``, checked field by field as the sessions are, with the same located messages, and a
    problem for each of its records dated after ``today``; None if the export has no such
    part (or is no JSON: parse_export says so)."""
    from pydantic import ValidationError

    from kneefit import validation_messages
    from kneefit.errors import Problem, ProblemError
    from kneefit.jsonread import load_json

    try:
        data, locator = load_json(text, name)
    except ProblemError:
        return None, []  # parse_export explains it
    if not isinstance(data, dict) or key not in data:
        return None, []
    given = {key: data[key]}
    try:
        parsed = model.model_validate(given)
    except ValidationError as exc:
        raise validation_messages.error(exc, given, locator, name) from None
    future = [
        Problem(name, _("is in the future"), path=f"{key}[{n}].date")
        for n, record in enumerate(getattr(parsed, key))
        if record.date > today
    ]
    return parsed, future


def parse_checkins(text: str, name: str, today: date) -> list[CheckIn]:
    """The check-ins of an export ("checkins"); [] if it has none. Two of one day are a
    problem: the log keeps one check-in a day."""
    from kneefit.errors import Problem, ProblemError
    from kneefit.models import CheckInFile

    parsed, problems = _section(text, name, today, "checkins", CheckInFile)
    if parsed is None:
        return []
    # The log keeps one check-in a day: a second one of a day would be dropped unsaid.
    first: dict[date, int] = {}
    for n, c in enumerate(parsed.checkins):
        if c.date in first:
            problems.append(
                Problem(
                    name,
                    _(
                        "is {date}, the day of checkins[{first}] too: the "
                        "log keeps one check-in a day; merge the two into one"
                    ).format(date=c.date.isoformat(), first=first[c.date]),
                    path=f"checkins[{n}].date",
                )
            )
        first.setdefault(c.date, n)
    if problems:
        raise ProblemError(problems)
    return [
        CheckIn(
            date=c.date,
            week_pain=c.week_pain,
            activities=tuple((a.activity, a.score) for a in c.activities),
            chair_stands=c.chair_stands,
            knee=c.knee,
            knee_bend=c.knee_bend,
            knee_straighten=c.knee_straighten,
            walk_40m=c.walk_40m,
            stairs=c.stairs,
            tug=c.tug,
        )
        for c in parsed.checkins
    ]


def parse_walks(text: str, name: str, today: date) -> list[Walk]:
    """The walks of an export ("walks"); [] if it has none."""
    from kneefit.errors import ProblemError
    from kneefit.models import WalkFile

    parsed, problems = _section(text, name, today, "walks", WalkFile)
    if problems:
        raise ProblemError(problems)
    return [] if parsed is None else [Walk(date=w.date, minutes=w.minutes) for w in parsed.walks]


def parse_clearances(text: str, name: str, today: date) -> list[Clearance]:
    """The clinicians' clearances of an export ("clearances"); [] if it has none."""
    from kneefit.errors import ProblemError
    from kneefit.models import ClearanceFile

    parsed, problems = _section(text, name, today, "clearances", ClearanceFile)
    if problems:
        raise ProblemError(problems)
    if parsed is None:
        return []
    return [Clearance(date=c.date, text=c.text) for c in parsed.clearances]


def parse_reviews(
    text: str, name: str, today: date, barriers: Collection[str] | None = None
) -> list[ReviewDone]:
    """The weekly reviews of an export ("reviews"); [] if it has none (an export from
    before reviews were exported). Checked as the other parts are, and more: two of one
    day are a problem (the log keeps one review a day), and so is a barrier that is none of
    ``barriers`` (the ids kneefit's review knows; not checked if None)."""
    from kneefit.errors import Problem, ProblemError
    from kneefit.models import ReviewFile

    parsed, problems = _section(text, name, today, "reviews", ReviewFile)
    if parsed is None:
        return []
    first: dict[date, int] = {}
    for n, r in enumerate(parsed.reviews):
        if r.date in first:
            problems.append(
                Problem(
                    name,
                    _(
                        "is {date}, the day of reviews[{first}] too: the "
                        "log keeps one weekly review a day; keep one of the two"
                    ).format(date=r.date.isoformat(), first=first[r.date]),
                    path=f"reviews[{n}].date",
                )
            )
        first.setdefault(r.date, n)
        if barriers is not None and r.barrier is not None and r.barrier not in barriers:
            problems.append(
                Problem(
                    name,
                    _("is {barrier!r}, no reason kneefit's review knows: one of {known}").format(
                        barrier=r.barrier, known=", ".join(sorted(barriers))
                    ),
                    path=f"reviews[{n}].barrier",
                )
            )
    if problems:
        raise ProblemError(problems)
    return [
        ReviewDone(date=r.date, week_start=r.week_start, barrier=r.barrier) for r in parsed.reviews
    ]
