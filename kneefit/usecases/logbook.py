"""`kneefit log` and its subcommands: record sessions, next mornings and clearances;
export, import and forget the log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kneefit.catalogue import read_text
from kneefit.environment import Environment, Places
from kneefit.log.checkin import CheckIn
from kneefit.log.export import (
    export_text,
    parse_checkins,
    parse_clearances,
    parse_export,
    parse_reviews,
    parse_walks,
)
from kneefit.log.remembered import forget_plan, last_plan
from kneefit.log.sqlite import delete_log
from kneefit.log.walk import Walk
from kneefit.models import Clearance, LoggedExercise, Session
from kneefit.usecases.common import catalogue_of, existing_log, opened_log, read_for_decision

if TYPE_CHECKING:
    from kneefit.catalogue import Catalogue


@dataclass(frozen=True)
class SessionAsk:
    """A session as the person reported it."""

    date: date
    pain: int
    effort: int
    notes: str = ""
    red_flags: Sequence[str] = ()
    #: Exercise names the person named (-x); None for the remembered plan's.
    exercises: Sequence[str] | None = None
    #: Which knee the session was for ("left", "right" or "both"), if said.
    knee: str | None = None


@dataclass(frozen=True)
class Recorded:
    """What was logged, and what it means for the next plan."""

    session: Session
    #: The pain above which a session was too much: the remembered plan's ceiling (its
    #: program's), else the catalogue's rule.
    pain_ceiling: int


def record_session(ask: SessionAsk, env: Environment, catalogue: Catalogue | None) -> Recorded:
    """Log ``ask``: with the exercises it names (looked up in ``catalogue``), or else the
    remembered plan's for that day."""
    remembered = last_plan(env.places.data_dir)
    if ask.exercises:
        assert catalogue is not None
        found = [catalogue.exercise(name) for name in ask.exercises]
        done = tuple(
            LoggedExercise(id=e.id, name=catalogue.english_name(e.id), dose=e.dose) for e in found
        )
    else:
        done = remembered.for_day(ask.date) if remembered is not None else ()
    session = Session(
        date=ask.date,
        pain=ask.pain,
        effort=ask.effort,
        notes=ask.notes,
        red_flags=tuple(ask.red_flags),
        exercises=done,
        stage=remembered.stage if remembered is not None else 0,
        phase=remembered.phase if remembered is not None else None,
        # The knee said, else the one the remembered plan was for.
        knee=ask.knee or (remembered.knee if remembered is not None else None),
    )
    with opened_log(env.places) as log:
        log.add(session, env.now)
    ceiling = catalogue.safety.pain_rule.acceptable_max if catalogue is not None else 5
    if remembered is not None and remembered.pain_ceiling is not None:
        # The plan's own ceiling (a program's can be lower: 2/10 for Osgood-Schlatter).
        ceiling = min(ceiling, remembered.pain_ceiling)
    return Recorded(session=session, pain_ceiling=ceiling)


@dataclass(frozen=True)
class Walked:
    """A walk logged, and the minutes walked in the seven days that end on its day."""

    walk: Walk
    week_minutes: int


def record_walk(walk: Walk, env: Environment) -> Walked:
    """Log minutes walked outside sessions (``kneefit log --walked``)."""
    from datetime import timedelta

    with opened_log(env.places) as log:
        log.add_walk(walk, env.now)
        week = log.walks(walk.date - timedelta(days=6), walk.date)
    return Walked(walk, sum(w.minutes for w in week))


def record_next_morning(pain: int, day: date | None, places: Places) -> Session:
    """Add next-morning pain to the latest session (or ``day``'s)."""
    with opened_log(places) as log:
        return log.add_next_morning(pain, day)


@dataclass(frozen=True)
class Cleared:
    """A clearance recorded, and whether any red flag was waiting for one."""

    clearance: Clearance
    had_flag: bool


def record_clearance(text: str, day: date, env: Environment, catalogue: Catalogue) -> Cleared:
    """Record that a clinician has seen the knee on ``day`` (``text``: who, and what they
    said). Plans resume one step down from where they were."""
    from kneefit.progression import decide

    before = read_for_decision(env.places, day)
    blocked = decide(before.sessions, catalogue.safety.pain_rule, day, before.clearances).blocked
    clearance = Clearance(date=day, text=text)
    with opened_log(env.places) as log:
        log.add_clearance(clearance, env.now)
    return Cleared(clearance=clearance, had_flag=blocked)


def export_log(places: Places) -> str:
    """The whole log as JSON text."""
    with opened_log(places, check=False) as log:
        return export_text(
            log.sessions(), log.checkins(), log.walks(), log.clearances(), log.reviews()
        )


@dataclass(frozen=True)
class Imported:
    """How many sessions and check-ins the file held, and how many of them were new."""

    added: int
    total: int
    #: The check-ins added, and how many the file held.
    checkins_added: int = 0
    checkins_total: int = 0
    #: Walks added, and how many the file held.
    walks_added: int = 0
    walks: int = 0
    #: Clinicians' clearances added, and how many the file held.
    clearances_added: int = 0
    clearances: int = 0
    #: Weekly reviews added, and how many the file held.
    reviews_added: int = 0
    reviews: int = 0


def import_log(file: Path, env: Environment) -> Imported:
    """Add the sessions, check-ins, walks, clinicians' clearances and weekly reviews of an
    exported log that are not logged already (none after today)."""
    from kneefit.usecases.review import load_advice

    text = read_text(file)
    sessions = parse_export(text, str(file), env.today)
    checkins = parse_checkins(text, str(file), env.today)
    walks = parse_walks(text, str(file), env.today)
    clearances = parse_clearances(text, str(file), env.today)
    known = [b.id for b in load_advice().barriers]
    reviews = parse_reviews(text, str(file), env.today, known)
    checkins_added = 0
    with opened_log(env.places) as log:
        added = log.import_sessions(sessions, env.now)
        if checkins:
            checkins_added = log.import_checkins(checkins, env.now)
        walked = log.import_walks(walks, env.now) if walks else 0
        cleared = log.import_clearances(clearances, env.now) if clearances else 0
        reviewed = log.import_reviews(reviews, env.now) if reviews else 0
    return Imported(
        added=added,
        total=len(sessions),
        checkins_added=checkins_added,
        checkins_total=len(checkins),
        walks_added=walked,
        walks=len(walks),
        clearances_added=cleared,
        clearances=len(clearances),
        reviews_added=reviewed,
        reviews=len(reviews),
    )


def forget_log(places: Places) -> bool:
    """Delete the log and the remembered plan; False if there was no log."""
    found = delete_log(places.data_dir)
    forget_plan(places.data_dir)
    return found


#: How many sessions 'kneefit history' shows unless asked for more: about six weeks of
#: three or four a week, enough to see how the knee has been going lately.
DEFAULT_HISTORY_LIMIT = 20


@dataclass(frozen=True)
class HistoryPage:
    """The most recent logged sessions (oldest first), and how many earlier ones there are."""

    sessions: tuple[Session, ...]
    #: How many sessions (from the same date on) are older than the first shown.
    earlier: int = 0

    @property
    def note(self) -> str:
        """What a person reading the page should be told about the sessions not shown
        (empty when every session is shown)."""
        if not self.earlier:
            return ""
        from kneefit.i18n import ngettext

        return ngettext(
            "{earlier} earlier session is not shown (this is the last {shown}): 'kneefit "
            "history --all' shows every session, 'kneefit history --limit N' the last N.",
            "{earlier} earlier sessions are not shown (this is the last {shown}): 'kneefit "
            "history --all' shows every session, 'kneefit history --limit N' the last N.",
            self.earlier,
        ).format(earlier=_count(self.earlier), shown=_count(len(self.sessions)))


def _count(number: int) -> str:
    """A count in the run's language, with its thousands grouped: '1,234' in English."""
    from kneefit.i18n import SOURCE_LANGUAGE, format_decimal, language

    return f"{number:,}" if language() == SOURCE_LANGUAGE else format_decimal(number)


def history_page(
    places: Places, since: date | None, limit: int | None = DEFAULT_HISTORY_LIMIT
) -> HistoryPage:
    """The ``limit`` most recent sessions from ``since`` on (all of them if None), oldest
    first, with how many earlier ones are not shown. Only the page is read from the log."""
    if limit is not None and limit < 1:
        from kneefit.errors import UsageError
        from kneefit.i18n import _

        raise UsageError(_("--limit must be at least 1 (or use --all for every session)"))
    with existing_log(places) as log:
        if log is None:
            return HistoryPage(())
        if limit is None:
            return HistoryPage(tuple(log.sessions(since)))
        page = log.latest(limit, since)
        earlier = log.count(since) - len(page) if len(page) == limit else 0
        return HistoryPage(tuple(page), earlier)


def named_in_language(sessions: Sequence[Session], env: Environment) -> tuple[Session, ...]:
    """The sessions with each logged exercise the bundled catalogue has named in the run's
    language (by id: the log keeps data, and English names); as logged in English."""
    if env.language == "en":
        return tuple(sessions)
    catalogue = catalogue_of([], env)
    named = []
    for session in sessions:
        exercises = tuple(
            e.model_copy(update={"name": catalogue.exercises[e.id].name})
            if e.id in catalogue.exercises
            else e
            for e in session.exercises
        )
        named.append(session.model_copy(update={"exercises": exercises}))
    return tuple(named)


def clearances_since(places: Places, since: date | None) -> list[Clearance]:
    """The clinicians' clearances from ``since`` on, oldest first, without creating a log."""
    with existing_log(places) as log:
        found = log.clearances() if log is not None else []
    return [c for c in found if since is None or c.date >= since]


def checkins_since(places: Places, since: date | None) -> list[CheckIn]:
    """The check-ins from ``since`` on, without creating a log."""
    with existing_log(places) as log:
        return log.checkins(since) if log is not None else []


def walks_since(places: Places, since: date | None) -> list[Walk]:
    """The walks from ``since`` on, without creating a log."""
    with existing_log(places) as log:
        return log.walks(since) if log is not None else []
