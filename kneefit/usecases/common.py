"""What several use cases share: loading catalogues, the log."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kneefit.environment import Environment, Places
from kneefit.log.checkin import CheckIn
from kneefit.log.sqlite import open_log
from kneefit.log.store import LogStore
from kneefit.models import Clearance, Session

if TYPE_CHECKING:
    from kneefit.catalogue import Catalogue


def catalogue_of(files: Sequence[Path], env: Environment, *, cache: bool = True) -> Catalogue:
    """The bundled catalogue with ``files`` layered over it (through the cache, if
    ``cache``, which judges a file's age by the real clock), its prose in the run's language
    where the bundled translation has it (a layer's own items stay as the layer has them)."""
    from kneefit.catalogue import load_catalogue

    if not cache:
        catalogue = load_catalogue(list(files))
    else:
        catalogue = load_catalogue(list(files), cache_dir=env.places.cache_dir, now=env.wall_clock)
    if env.language == "en":
        return catalogue
    # Translated after loading, so the cache holds the English catalogue for every language
    # (and the checked translation beside it, keyed by the English it was checked against).
    from kneefit.catalogue.translations import in_language

    if not cache:
        return in_language(catalogue, env.language)
    return in_language(catalogue, env.language, cache_dir=env.places.cache_dir, now=env.wall_clock)


@dataclass(frozen=True)
class History:
    """What the log says: sessions oldest first, and the clinicians' clearances."""

    sessions: tuple[Session, ...] = ()
    clearances: tuple[Clearance, ...] = ()
    #: The check-ins, oldest first, and the day each program phase's first session was
    #: logged (see :mod:`kneefit.improvement`).
    checkins: tuple[CheckIn, ...] = ()
    phase_starts: Mapping[str | None, date] = field(default_factory=dict)


def read_for_decision(places: Places, today: date) -> History:
    """What the progression decision on ``today`` needs of the log: the clearances, and of
    the sessions only those it reads (the latest few and the last two weeks'), so a long log
    costs no more than a short one."""
    from kneefit.progression import WINDOW_DAYS

    with existing_log(places) as log:
        if log is None:
            return History()
        sessions = log.for_progression(today, WINDOW_DAYS)
        if any(s.date > today for s in sessions):
            # Sessions dated after today (a clock or a time zone ahead, KNEEFIT_TODAY
            # earlier) make "the latest sessions" of the log not today's: read it all.
            sessions = log.sessions(exercises=False)
        return History(
            as_of(sessions, today),
            tuple(log.clearances()),
            tuple(log.checkins()),
            log.phase_starts(),
        )


def as_of(sessions: Sequence[Session], today: date) -> tuple[Session, ...]:
    """The sessions as they stand on ``today``: one dated later (logged where the clock or
    the time zone was ahead) is not done yet, so it counts for no progression, no week and
    no trend; but a red flag in it counts at once, as logged today (when it was recorded
    still orders it against a clearance of today)."""
    kept = []
    for session in sessions:
        if session.date <= today:
            kept.append(session)
        elif session.red_flags:
            kept.append(session.model_copy(update={"date": today}))
    return tuple(sorted(kept, key=lambda s: (s.date, s.id or 0)))


@contextlib.contextmanager
def existing_log(places: Places) -> Iterator[LogStore | None]:
    """The session log if there is one (none is created; None if not), closed afterwards:
    for reading, where no log means nothing logged yet."""
    log = open_log(places.data_dir, create=False)
    try:
        yield log
    finally:
        if log is not None:
            log.close()


@contextlib.contextmanager
def opened_log(places: Places, *, check: bool = True) -> Iterator[LogStore]:
    """The session log, created if need be, closed afterwards (its values checked unless
    not ``check``: the export writes a bad value as it is, to be corrected)."""
    log = open_log(places.data_dir, check=check)
    assert log is not None
    try:
        yield log
    finally:
        log.close()
