"""A progress report for a follow-up: adherence, pain, red flags, progression and scores.

Pure: it takes the logged sessions and check-ins, the sessions planned a week, the start
of the period and today's date, and returns the figures; the renderers in
:mod:`kneefit.render` (one module per format) only lay them out.

- Weeks run in blocks of seven days from the start of the period (``since``, or the first
  session or check-in). A week not yet over (it ends after ``today``) is planned pro rata,
  rounded down: 3 a week, 4 days in, is 1 planned; a last week with nothing planned or
  done yet is left out.
- Done counts every session logged in the week; walked, the minutes walked outside sessions
  (``kneefit log --walked``), against an aim of 150 a week.
- A red flag is cleared by a clinician's clearance that came after it, where the log
  records clearances (``clearances``): a later day, or the same day recorded later (the
  same day with either time unknown does not clear it, as for the plan); otherwise once
  14 days pass with no new flag, when kneefit's progression resumes (see
  :mod:`kneefit.progression`).
- A progression step is a change of step between one session and the next; its reason is
  the decision the log gives for that day, when that decision is this step.
- A check-in score's change runs from the first check-in of the period to the latest. The
  follow-up measures (knee bend to the Timed Up and Go) are in the report only where the
  period records them.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from datetime import date as date_
from typing import Protocol

from kneefit.i18n import N_
from kneefit.log.checkin import CheckIn
from kneefit.measures import (
    CHAIR_STAND,
    FOLLOW_UP,
    NPRS,
    PSFS,
    PSFS_ACTIVITY,
    Change,
    Measure,
    psfs_score,
)
from kneefit.models import Appointment, PainRule, Session
from kneefit.reasons import Reason


@dataclass(frozen=True)
class WeekRow:
    """One week of the period: sessions planned and done, and the mean pains."""

    number: int
    start: date
    end: date
    planned: int
    done: int
    mean_pain: float | None
    mean_next_morning: float | None
    #: Minutes walked outside sessions in the week.
    walked: int = 0


@dataclass(frozen=True)
class PainPoint:
    date: date_
    pain: int
    next_morning: int | None
    red_flag: bool


@dataclass(frozen=True)
class RedFlag:
    date: date_
    text: str
    #: When it was cleared (see :func:`build_report`); None if not yet.
    cleared: date_ | None
    #: A clinician's clearance: what they said. Empty for the 14-day rule.
    cleared_by: str = ""


class ClearanceLike(Protocol):
    """A clinician's clearance of red flags, as the log records it: a date and a text."""

    @property
    def date(self) -> date_: ...

    @property
    def text(self) -> str: ...


def _clears(clearance: ClearanceLike, flag: Session) -> bool:
    """Whether ``clearance`` came after the red flag of ``flag``: a later day, or the same
    day recorded later. The same day with either time unknown does not clear it: the
    plan's reading (:func:`kneefit.progression.decide`), the safer one."""
    from kneefit.progression import flag_after

    return not flag_after(flag, clearance.date, getattr(clearance, "recorded", None))


@dataclass(frozen=True)
class StepChange:
    date: date_
    before: int
    after: int
    #: Why the log took that step, when the log of that day gives it.
    reason: Reason | None


@dataclass(frozen=True)
class Score:
    """One measure's value at one check-in."""

    date: date_
    value: float


@dataclass(frozen=True)
class MeasureSummary:
    """A measure over the period: every score, and the change first to latest."""

    measure: Measure
    scores: tuple[Score, ...]
    change: Change | None
    #: For the PSFS: each activity named at both the first and latest check-in.
    activities: tuple[tuple[str, Change], ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    planned_per_week: int
    weeks: tuple[WeekRow, ...]
    pain: tuple[PainPoint, ...]
    red_flags: tuple[RedFlag, ...]
    steps: tuple[StepChange, ...]
    checkins: tuple[CheckIn, ...]
    measures: tuple[MeasureSummary, ...]
    person: str | None = None
    #: Red flags are cleared by a clinician's clearance in the log (not by 14 days).
    clinician_clears: bool = False
    #: The walking aim, minutes a week.
    walk_aim: int = 150
    #: The program's review and booster dates: the last on or before the end, with the
    #: sessions logged after it, and the next.
    last_appointment: Appointment | None = None
    sessions_since_appointment: int | None = None
    next_appointment: Appointment | None = None
    #: The knees the period's sessions were for, as logged (``log --knee``), in order.
    knees: tuple[str, ...] = ()

    @property
    def planned(self) -> int:
        return sum(w.planned for w in self.weeks)

    @property
    def done(self) -> int:
        return sum(w.done for w in self.weeks)

    @property
    def walked(self) -> int:
        """Minutes walked outside sessions over the period."""
        return sum(w.walked for w in self.weeks)

    @property
    def adherence(self) -> float | None:
        """Done as a share of planned (may pass 1.0); None when nothing was planned."""
        return self.done / self.planned if self.planned else None


#: Days without a new red flag after which kneefit's progression resumes.
FLAG_WINDOW_DAYS = 14


def _mean(values: Sequence[int]) -> float | None:
    return round(statistics.mean(values), 2) if values else None


class WalkLike(Protocol):
    """Minutes walked on a date, as the log records them."""

    @property
    def date(self) -> date_: ...

    @property
    def minutes(self) -> int: ...


def _weeks(
    sessions: Sequence[Session],
    start: date,
    today: date,
    per_week: int,
    walks: Sequence[WalkLike] = (),
) -> tuple[WeekRow, ...]:
    # Each session and walk put in its week once: a log of years is read in one pass, not
    # once a week (which made the report's time grow with the square of the log).
    by_week: dict[int, list[Session]] = {}
    for session in sessions:
        if session.date >= start:
            by_week.setdefault((session.date - start).days // 7, []).append(session)
    walked: dict[int, int] = {}
    for walk in walks:
        if start <= walk.date <= today:
            index = (walk.date - start).days // 7
            walked[index] = walked.get(index, 0) + walk.minutes
    rows = []
    first = start
    number = 1
    while first <= today:
        last = first + timedelta(days=6)
        elapsed = (min(last, today) - first).days + 1
        planned = per_week if elapsed == 7 else per_week * elapsed // 7
        inside = by_week.get(number - 1, [])
        mornings = [s.next_morning_pain for s in inside if s.next_morning_pain is not None]
        rows.append(
            WeekRow(
                number=number,
                start=first,
                end=last,
                planned=planned,
                done=len(inside),
                mean_pain=_mean([s.pain for s in inside]),
                mean_next_morning=_mean(mornings),
                walked=walked.get(number - 1, 0),
            )
        )
        first = last + timedelta(days=1)
        number += 1
    # A week only just begun, with nothing planned or done yet, is left out.
    while len(rows) > 1 and rows[-1].planned == rows[-1].done == rows[-1].walked == 0:
        rows.pop()
    return tuple(rows)


def _red_flags(
    everything: Sequence[Session],
    start: date,
    today: date,
    clearances: Sequence[ClearanceLike] | None,
) -> tuple[RedFlag, ...]:
    flagged = [s for s in everything if s.red_flags]
    found = []
    for session in flagged:
        if session.date < start:
            continue
        if clearances is not None:
            later = sorted(
                (c for c in clearances if _clears(c, session) and c.date <= today),
                key=lambda c: c.date,
            )
            for text in session.red_flags:
                if later:
                    found.append(RedFlag(session.date, text, later[0].date, later[0].text))
                else:
                    found.append(RedFlag(session.date, text, None))
            continue
        # Without clearances: cleared when 14 days follow the last flag of a run of flags.
        end = session.date
        for day in sorted(s.date for s in flagged if s.date >= session.date):
            if (day - end).days <= FLAG_WINDOW_DAYS:
                end = day
            else:
                break
        cleared = end + timedelta(days=FLAG_WINDOW_DAYS + 1)
        for text in session.red_flags:
            found.append(RedFlag(session.date, text, cleared if cleared <= today else None))
    return tuple(found)


def _steps(
    everything: Sequence[Session], start: date, rule: PainRule | None
) -> tuple[StepChange, ...]:
    """Each change of step, with the decision the log of that day gives for it.

    The decision is taken on the sessions it reads of those before the step (as 'plan'
    reads the log: :data:`kneefit.log.sqlite.PROGRESSION_WHERE`), not on all of them: on
    every earlier session, a log that changes step every fortnight made the report's time
    grow with the square of the log. The sessions read are found in one pass.
    """
    from kneefit.log.sqlite import PROGRESSION_MORNINGS
    from kneefit.progression import WINDOW_DAYS, decide

    changes = []
    #: Before ``index``: where the decision's window starts, the latest sessions with
    #: next-morning pain, the latest with a red flag.
    window = 0
    mornings: list[int] = []
    flagged: int | None = None
    for index in range(1, len(everything)):
        before, session = everything[index - 1], everything[index]
        if before.next_morning_pain is not None:
            mornings = [*mornings[-(PROGRESSION_MORNINGS - 1) :], index - 1]
        if before.red_flags:
            flagged = index - 1
        if session.stage == before.stage or session.date < start:
            continue
        reason: Reason | None = None
        if rule is not None:
            since = session.date - timedelta(days=WINDOW_DAYS)
            while window < index and everything[window].date < since:
                window += 1
            read = {index - 2, index - 1, *range(window, index), *mornings}
            if flagged is not None:
                read.add(flagged)
            decision = decide([everything[i] for i in sorted(read) if i >= 0], rule, session.date)
            # Only when the log of that day gives this step: the plan may have been made
            # on another day, or with sessions logged later.
            if decision.stage == session.stage:
                reason = decision.reasons[0]
        changes.append(StepChange(session.date, before.stage, session.stage, reason))
    return tuple(changes)


def _summary(measure: Measure, scores: list[Score]) -> MeasureSummary:
    change = Change(measure, scores[0].value, scores[-1].value) if len(scores) >= 2 else None
    return MeasureSummary(measure, tuple(scores), change)


def _measures(checkins: Sequence[CheckIn]) -> tuple[MeasureSummary, ...]:
    pain = [Score(c.date, c.week_pain) for c in checkins if c.week_pain is not None]
    stands = [Score(c.date, c.chair_stands) for c in checkins if c.chair_stands is not None]
    with_psfs = [c for c in checkins if c.activities]
    psfs = []
    for c in with_psfs:
        value = psfs_score(tuple(score for _, score in c.activities))
        assert value is not None
        psfs.append(Score(c.date, value))
    summary = _summary(PSFS, psfs)
    if len(with_psfs) >= 2:
        first = dict(with_psfs[0].activities)
        latest = dict(with_psfs[-1].activities)
        same = [(a, Change(PSFS_ACTIVITY, first[a], latest[a])) for a in first if a in latest]
        note = ""
        if set(first) != set(latest):
            note = N_(
                "The activities changed between the first and latest check-in; the PSFS "
                "compares the same activities, so read the average with care."
            )
        summary = MeasureSummary(PSFS, summary.scores, summary.change, tuple(same), note)
    found = [_summary(NPRS, pain), summary, _summary(CHAIR_STAND, stands)]
    # The follow-up measures, each only where recorded in the period (most people's
    # reports have none: no line saying so for each).
    for measure in FOLLOW_UP:
        scores = [
            Score(c.date, value)
            for c in checkins
            if (value := c.follow_up()[measure.id]) is not None
        ]
        if scores:
            found.append(_summary(measure, scores))
    return tuple(found)


def build_report(
    sessions: Sequence[Session],
    checkins: Sequence[CheckIn],
    planned_days_per_week: int,
    since: date | None,
    today: date,
    pain_rule: PainRule | None = None,
    person: str | None = None,
    clearances: Sequence[ClearanceLike] | None = None,
    walks: Sequence[WalkLike] = (),
    walk_aim: int = 150,
    appointments: Sequence[Appointment] = (),
) -> Report:
    """The report over ``since`` (or the whole log) to ``today``.

    ``sessions`` and ``checkins`` may hold the whole log: the earlier ones only inform the
    progression reasons and red-flag clearances. With ``clearances`` (a log that records a
    clinician's clearance), a red flag is cleared by the first clearance on or after it;
    without, by 14 days with no new flag.
    """
    everything = sorted(sessions, key=lambda s: (s.date, s.id or 0))
    everything = [s for s in everything if s.date <= today]
    dated = [s.date for s in everything] + [c.date for c in checkins]
    dated += [w.date for w in walks if w.date <= today]
    if since is not None:
        start = since
    elif dated:
        start = min(dated)
    else:
        start = today
    inside = [s for s in everything if s.date >= start]
    chosen = sorted((c for c in checkins if start <= c.date <= today), key=lambda c: c.date)
    ordered = sorted(appointments, key=lambda a: (a.date, a.kind))
    last = next((a for a in reversed(ordered) if a.date <= today), None)
    return Report(
        start=start,
        end=today,
        planned_per_week=planned_days_per_week,
        weeks=_weeks(inside, start, today, planned_days_per_week, walks),
        pain=tuple(
            PainPoint(s.date, s.pain, s.next_morning_pain, bool(s.red_flags)) for s in inside
        ),
        red_flags=_red_flags(everything, start, today, clearances),
        steps=_steps(everything, start, pain_rule),
        checkins=tuple(chosen),
        measures=_measures(chosen),
        person=person,
        clinician_clears=clearances is not None,
        walk_aim=walk_aim,
        last_appointment=last,
        sessions_since_appointment=(
            sum(1 for s in everything if s.date > last.date) if last is not None else None
        ),
        next_appointment=next((a for a in ordered if a.date > today), None),
        knees=tuple(dict.fromkeys(s.knee for s in inside if s.knee is not None)),
    )
