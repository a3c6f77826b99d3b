"""`kneefit report`: the follow-up report from the log, against a program's sessions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kneefit.catalogue import Catalogue
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
    with existing_log(env.places) as log:
        if log is not None:
            sessions, checkins, clearances = log.sessions(), log.checkins(), log.clearances()
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
