"""`kneefit plan` (and what `start` shares with it): a request in, a schedule out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from kneefit import vocabulary
from kneefit.catalogue import Catalogue
from kneefit.environment import Environment
from kneefit.errors import KneefitError, UsageError
from kneefit.i18n import _
from kneefit.log.remembered import RememberedPlan, remember_plan
from kneefit.models import (
    Knee,
    Level,
    LoggedExercise,
    PlanRequest,
    Routine,
    Schedule,
    Section,
)
from kneefit.progression import MAX_STAGE, Decision, decide
from kneefit.reasons import FewerDaysFilled, NotRemembered, PlanNotice, RestDaysCap
from kneefit.schedule import Layout, plan_schedule, sessions_a_week
from kneefit.usecases.common import History, read_for_decision

if TYPE_CHECKING:
    from kneefit.program import Program
    from kneefit.swap import Adjusting


@dataclass(frozen=True)
class PlanAsk:
    """What the person typed for a plan, before names are resolved against the catalogue."""

    conditions: Sequence[str] = ()
    level: str | None = None
    equipment: Sequence[str] | None = None
    minutes: int = 30
    floor: bool = True
    days: int | None = None
    weeks: int = 1
    start: date | None = None
    at: time | None = None
    history: bool = True
    #: A clinician's program file: it gives the exercises, conditions, level and equipment.
    program: Path | None = None
    #: Exercise names to leave out, and (old, new) names to swap.
    without: Sequence[str] = ()
    swaps: Sequence[tuple[str, str]] = ()
    max_exercises: int | None = None
    #: Minutes before each session that a calendar file reminds (None: no reminder).
    remind: int | None = None
    #: A later phase of the conditions' program, reached by its criteria (None: the one
    #: the conditions start in).
    phase: str | None = None
    #: Which knee the plan is for ("left", "right" or "both"; None: not said, or the
    #: program file's).
    knee: Knee | None = None


@dataclass(frozen=True)
class PlanResult:
    """A plan: always a schedule (one day or many), the log's decision, and notes for the
    person that are not part of the plan itself (said on standard error)."""

    schedule: Schedule
    decision: Decision | None
    notices: tuple[PlanNotice, ...] = ()
    #: The program phase the plan follows, as a log records it (``program/phase``); None
    #: for the phases the conditions start in.
    phase: str | None = None


def resolve(catalogue: Catalogue, ask: PlanAsk) -> PlanRequest:
    """The request ``ask`` means; an unknown name is a usage error naming its option."""
    conditions = tuple(catalogue.condition(name).id for name in ask.conditions)
    level = vocabulary.level(ask.level) if ask.level is not None else Level.BEGINNER
    kit = vocabulary.equipment(ask.equipment) if ask.equipment else vocabulary.HOUSEHOLD
    return PlanRequest(
        conditions=conditions, level=level, equipment=kit, minutes=ask.minutes, floor=ask.floor
    )


def layout_of(ask: PlanAsk, catalogue: Catalogue, request: PlanRequest, today: date) -> Layout:
    """Days, weeks, start and time of ``ask``; a week's sessions capped by the conditions."""
    if ask.weeks != 1 and ask.days is None:
        raise UsageError(_("--weeks lays out weeks of --days N sessions; give --days too"))
    start = ask.start or today
    # Even a one-off session lays out a week from its day (the handout's pain grid).
    try:
        date.fromordinal(start.toordinal() + ask.weeks * 7 - 1)
    except (OverflowError, ValueError):
        raise UsageError(
            _(
                "a plan from {start} for {weeks} week(s) runs past the year 9999: give an "
                "earlier --start"
            ).format(start=start.isoformat(), weeks=ask.weeks)
        ) from None
    if ask.days is None:
        return Layout(
            days_per_week=1, weeks=1, start=start, at=ask.at, one_off=True, remind=ask.remind
        )
    conditions = [catalogue.conditions[ident] for ident in request.conditions]
    days = sessions_a_week(conditions, ask.days)
    return Layout(days_per_week=days, weeks=ask.weeks, start=start, at=ask.at, remind=ask.remind)


def make_plan(
    catalogue: Catalogue,
    ask: PlanAsk,
    env: Environment,
    history: History | None = None,
    *,
    remember: bool = True,
) -> PlanResult:
    """The plan for ``ask``: chosen, adapted to the log (unless ``ask.history`` is off),
    laid out over its days, and (with ``remember``) remembered for ``kneefit log``."""
    adjust = adjuster(catalogue, ask)
    # The request typed on the command line; a program file gives its own.
    asked = resolve(catalogue, ask) if ask.program is None else None
    known, decision, phase = _decided(catalogue, ask, asked, env, history)
    if asked is None:
        laid = _from_program(catalogue, ask, env, adjust, decision, phase)
    else:
        laid = _from_request(catalogue, ask, env, adjust, asked, known, decision, phase)
    # The phase a log records: a program file's plan follows none of the conditions'.
    in_phase = laid.phase if asked is not None else None
    schedule = _finished(catalogue, laid, adjust, known, in_phase, env.today)
    notices = _notices(laid, schedule, known, env)
    if laid.decision is not None and remember:
        notices += _remembered_notice(schedule, laid.decision, in_phase, catalogue, env)
    return PlanResult(
        schedule=schedule, decision=laid.decision, notices=tuple(notices), phase=in_phase
    )


@dataclass(frozen=True)
class _Laid:
    """A plan laid out over its days, with what it was made from."""

    schedule: Schedule
    #: The ask, with a program file's days a week filled in when none were asked.
    ask: PlanAsk
    request: PlanRequest
    layout: Layout
    knee: Knee | None
    phase: str | None
    decision: Decision | None


def _decided(
    catalogue: Catalogue,
    ask: PlanAsk,
    asked: PlanRequest | None,
    env: Environment,
    history: History | None,
) -> tuple[History | None, Decision | None, str | None]:
    """The log read (unless ``ask.history`` is off), what it decides, and the phase: the
    one named, else the one the log's latest session was done in."""
    phase = ask.phase
    if not ask.history:
        return None, None, phase
    known = history if history is not None else read_for_decision(env.places, env.today)
    rule, most = catalogue.safety.pain_rule, MAX_STAGE
    if asked is not None:
        from kneefit.phasing import logged_phase
        from kneefit.stepping import deciding_rule

        if phase is None:
            phase = logged_phase(catalogue, asked, known.sessions)
        rule, most = deciding_rule(catalogue, asked, phase)
    decision = decide(known.sessions, rule, env.today, known.clearances, max_stage=most)
    return known, decision, phase


def _from_program(
    catalogue: Catalogue,
    ask: PlanAsk,
    env: Environment,
    adjust: Adjusting | None,
    decision: Decision | None,
    phase: str | None,
) -> _Laid:
    """A clinician's program file laid out over its week, progressed by the log."""
    assert ask.program is not None
    from kneefit.program import progress_program
    from kneefit.schedule import fixed_week

    program, routine = load_program(ask.program, catalogue)
    knee = program_knee(program, ask.knee)
    request = routine.request
    days = ask.days if ask.days is not None else program.data.days_per_week
    ask = replace(ask, days=days)
    layout = layout_of(ask, catalogue, request, env.today)
    if adjust is not None:
        routine = adjust(routine)
    if decision is not None:
        routine = progress_program(routine, program, catalogue, decision)
    schedule = fixed_week(routine, layout, made=env.now)
    schedule = replace(schedule, appointments=program.data.appointments())
    return _Laid(schedule, ask, request, layout, knee, phase, decision)


def _from_request(
    catalogue: Catalogue,
    ask: PlanAsk,
    env: Environment,
    adjust: Adjusting | None,
    request: PlanRequest,
    known: History | None,
    decision: Decision | None,
    phase: str | None,
) -> _Laid:
    """The request's plan, chosen and laid out, in the phase its criteria reach."""
    layout = layout_of(ask, catalogue, request, env.today)
    from kneefit.phasing import followed

    def make(phase: str | None, decision: Decision | None) -> Schedule:
        return plan_schedule(
            catalogue, request, decision, layout, made=env.now, adjust=adjust, phase=phase
        )

    sessions = known.sessions if known is not None else ()
    schedule, phase, decision = followed(
        catalogue, request, phase, sessions, decision, make, pinned=ask.phase is not None
    )
    return _Laid(schedule, ask, request, layout, ask.knee, phase, decision)


def _finished(
    catalogue: Catalogue,
    laid: _Laid,
    adjust: Adjusting | None,
    known: History | None,
    in_phase: str | None,
    today: date,
) -> Schedule:
    """The schedule with its swaps checked, its knee, its flare-up plan, and the review the
    log calls for."""
    schedule = laid.schedule
    if adjust is not None:
        adjust.check(_names(schedule))
    if laid.knee is not None:
        schedule = replace(schedule, routine=replace(schedule.routine, knee=laid.knee))
    from kneefit.flare import flare_up

    schedule = replace(schedule, flare_up=flare_up(catalogue, schedule.routine))
    decision = laid.decision
    if known is not None and decision is not None and not decision.blocked:
        schedule = _reviewed(catalogue, laid.request, in_phase, known, today, schedule)
    return schedule


def _notices(
    laid: _Laid, schedule: Schedule, known: History | None, env: Environment
) -> list[PlanNotice]:
    """What to tell the person beside the plan: fewer sessions a week than asked, and a
    review that is due."""
    ask, layout = laid.ask, laid.layout
    notices: list[PlanNotice] = []
    if ask.days is not None and layout.days_per_week < ask.days:
        notices.append(RestDaysCap(layout.days_per_week, ask.days))
    elif not layout.one_off:
        filled = sum(1 for d in schedule.days if d.week == 1 and not d.rest)
        if filled < layout.days_per_week:
            notices.append(FewerDaysFilled(filled, layout.days_per_week))
    if ask.history and known is not None and (known.sessions or known.checkins):
        from kneefit.usecases.review import due_notice

        due = due_notice(env.places, env.today)
        if due is not None:
            notices.append(due)
    return notices


def _remembered_notice(
    schedule: Schedule,
    decision: Decision,
    in_phase: str | None,
    catalogue: Catalogue,
    env: Environment,
) -> list[PlanNotice]:
    """Remembers the plan for ``kneefit log``; if it cannot, the notice saying so."""
    # The stage the plan reached (a program with nothing left to progress stays put).
    progression = schedule.routine.progression
    stage = progression.stage if progression is not None else decision.stage
    try:
        remember_plan(
            env.places.data_dir,
            remembered(schedule, stage, env.now, in_phase, catalogue.english_name),
        )
    except KneefitError as exc:
        # The plan is still printed; only the default for 'kneefit log' is lost.
        return [NotRemembered(str(exc))]
    return []


def plan_in(catalogue: Catalogue, ask: PlanAsk, env: Environment) -> Schedule:
    """The plan ``ask`` means in ``env.language`` (``catalogue`` worded in it): the same
    plan as :func:`make_plan`'s from the same log and day, for the other part of a handout
    in two languages. It is not remembered for ``kneefit log``: the first plan was."""
    from kneefit.i18n import speaking

    with speaking(env.language):
        return make_plan(catalogue, ask, env, remember=False).schedule


def _reviewed(
    catalogue: Catalogue,
    request: PlanRequest,
    phase: str | None,
    known: History,
    today: date,
    schedule: Schedule,
) -> Schedule:
    """``schedule`` saying a review is due when the check-ins over the phase's review span
    show no improvement (see :mod:`kneefit.improvement`)."""
    from kneefit.improvement import no_improvement, review_weeks, reviewed

    weeks = review_weeks(catalogue, request, phase)
    if weeks is None:
        return schedule
    reason = no_improvement(known.checkins, known.phase_starts.get(phase), today, weeks)
    if reason is None:
        return schedule
    return replace(schedule, routine=reviewed(schedule.routine, reason))


def load_program(file: Path, catalogue: Catalogue) -> tuple[Program, Routine]:
    """A program file read, validated and screened (every problem located, exit code 1)."""
    from kneefit.catalogue import read_text
    from kneefit.program import parse_program, routine_from_program

    parsed = parse_program(read_text(file), str(file))
    return parsed, routine_from_program(parsed, catalogue)


def program_knee(program: Program, asked: Knee | None) -> Knee | None:
    """The knee a plan from ``program`` is for: the one asked for, else the file's; a usage
    mistake where they differ (a program is written for one knee)."""
    named = program.data.knee
    if asked is not None and named is not None and asked != named:
        said = (
            _("--knee {asked}: the program file {file} is for the {named} knees")
            if named == "both"
            else _("--knee {asked}: the program file {file} is for the {named} knee")
        )
        raise UsageError(
            (said + "; " + _("leave out --knee or give --knee {named}")).format(
                asked=asked, file=program.file, named=named
            )
        )
    return asked if asked is not None else named


def adjuster(catalogue: Catalogue, ask: PlanAsk) -> Adjusting | None:
    """What --swap, --without and --max-exercises do to a routine (None: nothing)."""
    if not ask.swaps and not ask.without and ask.max_exercises is None:
        return None
    from kneefit.swap import Adjusting

    pairs = [(catalogue.exercise(old), catalogue.exercise(new)) for old, new in ask.swaps]
    dropped = [catalogue.exercise(name) for name in ask.without]
    return Adjusting(catalogue, pairs, dropped, ask.max_exercises)


def _names(schedule: Schedule) -> list[str]:
    """The exercises a plan holds, each once, in order."""
    sections = [*schedule.routine.sections, *(s for d in schedule.days for s in d.sections)]
    return list(dict.fromkeys(i.exercise.name for s in sections for i in s.items))


def done_exercises(
    sections: Sequence[Section], name: Callable[[str], str] | None = None
) -> tuple[LoggedExercise, ...]:
    """What a session of these sections consists of, for the log: each exercise by id, with
    its ``name`` by id (the English one, see Catalogue.english_name), else as planned."""
    return tuple(
        LoggedExercise(
            id=item.exercise.id,
            name=name(item.exercise.id) if name is not None else item.exercise.name,
            dose=item.dose.describe(),
        )
        for section in sections
        for item in section.items
    )


def remembered(
    schedule: Schedule,
    stage: int,
    now: datetime,
    phase: str | None = None,
    name: Callable[[str], str] | None = None,
) -> RememberedPlan:
    """What ``kneefit log`` records by default after this plan (in ``phase``), each exercise
    named by ``name`` (by id) if given."""
    return RememberedPlan(
        made=now,
        stage=stage,
        phase=phase,
        knee=schedule.routine.knee,
        pain_ceiling=schedule.routine.safety.pain_rule.acceptable_max,
        exercises=done_exercises(schedule.routine.sections, name),
        days={
            d.date: done_exercises(d.sections, name)
            for d in (() if schedule.one_off else schedule.session_days)
        },
    )
