"""`kneefit review`: the week looked back on, from the log, with advice for what got in the
way; and whether a review is due (for `kneefit plan`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kneefit.environment import Environment, Places
from kneefit.errors import DataError, UsageError
from kneefit.i18n import _
from kneefit.log.walk import ReviewDone
from kneefit.reasons import ReviewDue
from kneefit.review import Advice, WeekReview, parse_advice, review_due, review_week, week_of
from kneefit.usecases.common import as_of, existing_log

if TYPE_CHECKING:
    from kneefit.catalogue import Catalogue

#: Sessions planned a week when neither a program nor --days says.
DEFAULT_DAYS = 3


@dataclass(frozen=True)
class ReviewAsk:
    """What the person asked for: the week (None: the seven days to today), the reason it
    slipped, and what was planned."""

    week_start: date | None = None
    barrier: str | None = None
    program: Path | None = None
    days: int | None = None
    walk_goal: int | None = None


def advice_path() -> Path:
    """Where the review's advice (``review.yaml``) is, installed or in a source checkout."""
    from importlib.resources import files as package_files

    installed = package_files("kneefit") / "data" / "review.yaml"
    if installed.is_file():
        return Path(str(installed))
    checkout = Path(__file__).resolve().parents[2] / "data" / "review.yaml"
    if checkout.is_file():
        return checkout
    raise DataError(_("the review's advice is missing from this installation; reinstall kneefit"))


@functools.lru_cache(maxsize=1)
def load_advice() -> Advice:
    """The review's advice, read and checked once."""
    from kneefit.catalogue import read_text

    path = advice_path()
    return parse_advice(read_text(path), str(path))


def advice_words_path(language: str) -> Path | None:
    """Where the review's words in ``language`` are (``LANG-review.yaml``), installed or in
    a source checkout; None when kneefit has none for it."""
    from kneefit.catalogue.translations import translation_file

    return translation_file(f"{language}-review.yaml")


@functools.lru_cache(maxsize=4)
def advice_in(language: str) -> Advice:
    """The review's advice in ``language``: its translation where kneefit has one, else the
    English."""
    from kneefit.catalogue import read_text
    from kneefit.review import translate_advice

    path = advice_words_path(language) if language != "en" else None
    if path is None:
        return load_advice()
    return translate_advice(load_advice(), read_text(path), str(path))


def look_back(ask: ReviewAsk, env: Environment, catalogue: Catalogue | None) -> WeekReview:
    """The review of the week ``ask`` names, from the log (nothing is written), in the
    run's language."""
    from kneefit.i18n import language

    advice = advice_in(language())
    barrier = advice.barrier(ask.barrier) if ask.barrier is not None else None
    per_week = ask.days or DEFAULT_DAYS
    if ask.program is not None:
        from kneefit.usecases.plan import load_program

        assert catalogue is not None
        # Checked as 'plan --program' checks it: a program plan refuses is none to review by.
        per_week = load_program(ask.program, catalogue)[0].data.days_per_week
    if ask.week_start is not None and ask.week_start > env.today:
        raise UsageError(
            _(
                "'--week-of': the week of {date} has not begun yet; give a date on or before today"
            ).format(date=ask.week_start.isoformat())
        )
    week = week_of(ask.week_start, env.today)
    with existing_log(env.places) as log:
        sessions = log.sessions(exercises=False) if log is not None else []
        walks = log.walks(week.start, week.last) if log is not None else []
        cleared = [c.date for c in log.clearances()] if log is not None else []
    return review_week(
        as_of(sessions, env.today),
        walks,
        week,
        per_week,
        advice,
        barrier,
        walk_aim=ask.walk_goal,
        cleared=cleared,
    )


def record_review(review: WeekReview, env: Environment) -> None:
    """Keep the review in the log, the plan says when the next is due (no log, nothing
    logged to look back on: none is made for it)."""
    done = ReviewDone(
        date=env.today,
        week_start=review.week.start,
        barrier=review.barrier.id if review.barrier is not None else None,
    )
    with existing_log(env.places) as log:
        if log is not None:
            log.add_review(done, env.now)


def due_notice(places: Places, today: date) -> ReviewDue | None:
    """What the plan says when a weekly review is due; None when not (or no log)."""
    with existing_log(places) as log:
        if log is None:
            return None
        reviews = log.reviews()
        first = log.first_day()
    last = max((r.date for r in reviews if r.date <= today), default=None)
    if not review_due(last, first, today):
        return None
    return ReviewDue(first=last is None)
