"""`kneefit report`: the follow-up report from the log, against a program's sessions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kneefit.catalogue import Catalogue
from kneefit.catalogue.reading import collector_paused
from kneefit.environment import Environment
from kneefit.log.checkin import CheckIn
from kneefit.log.walk import Walk
from kneefit.models import Appointment, Clearance, Session
from kneefit.report import Report, build_report
from kneefit.usecases.common import as_of, existing_log


def make_report(
    catalogue: Catalogue,
    env: Environment,
    since: date | None,
    program: Path | None = None,
    days: int | None = None,
) -> Report:
    """The follow-up report: from the log (sessions, check-ins, clearances), against the
    program's sessions a week (or ``days``, or 3)."""
    per_week, person = days or 3, None
    appointments: tuple[Appointment, ...] = ()
    if program is not None:
        from kneefit.usecases.plan import load_program

        # Checked as 'plan --program' checks it (an unknown exercise, one its conditions
        # rule out without a clinician's reason, ...): a program plan refuses is no
        # program to report against.
        written = load_program(program, catalogue)[0].data
        per_week, person = written.days_per_week, written.name
        appointments = written.appointments()
    sessions: Sequence[Session] = ()
    checkins: Sequence[CheckIn] = ()
    clearances: Sequence[Clearance] = ()
    walks: Sequence[Walk] = ()
    # The whole log is read and kept: with the collector paused while it is read and the
    # log frozen out of its sight after, the collections while building and rendering the
    # report do not walk every session again and again (on 80,000 sessions they took about
    # 8 s, a cost growing faster than the log). Reference counting still frees it.
    with collector_paused(freeze=True), existing_log(env.places) as log:
        if log is not None:
            # Without their exercises: the report shows none of them.
            sessions = log.sessions(exercises=False)
            checkins, clearances = log.checkins(), log.clearances()
            walks = log.walks(until=env.today)
    # A session dated after today is not done yet; its red flag counts as of today.
    sessions = as_of(sessions, env.today)
    return build_report(
        list(sessions),
        list(checkins),
        per_week,
        since,
        env.today,
        catalogue.safety.pain_rule,
        person,
        clearances=list(clearances),
        walks=list(walks),
        appointments=appointments,
    )
