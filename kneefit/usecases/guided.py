"""`kneefit start`: today's session made ready for the guided screen, and logged after it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from kneefit.catalogue import Catalogue
from kneefit.environment import Environment
from kneefit.errors import DataError
from kneefit.guided.outcome import ExerciseOutcome, GuidedOutcome
from kneefit.guided.session_plan import easier_variants
from kneefit.models import Knee, LoggedExercise, PlannedExercise, RedFlag, Routine, Session
from kneefit.progression import Decision
from kneefit.reasons import Reason
from kneefit.usecases.common import opened_log
from kneefit.usecases.plan import PlanAsk, make_plan


class RedFlagStop(DataError):
    """A red flag is logged and no clinician has cleared it: no session today (exit 1)."""

    def __init__(self, reason: Reason) -> None:
        super().__init__("a red flag is logged and not cleared")
        self.reason = reason


@dataclass(frozen=True)
class Ready:
    """Today's session: its exercises in order, easier variants, the day's routine (for
    its warnings and notices), and the decision."""

    items: tuple[PlannedExercise, ...]
    easier: dict[str, PlannedExercise]
    routine: Routine
    decision: Decision | None
    #: The program phase the session follows (``program/phase``), if not a starting one.
    phase: str | None
    pain_ceiling: int
    #: Which knee the session is for (``--knee``, or the program file's), if said.
    knee: Knee | None = None
    #: The English name of each exercise by id: what the log keeps (see
    #: Catalogue.english_name); an exercise not here is logged by its name as shown.
    log_names: Mapping[str, str] = field(default_factory=dict)
    #: The English words of each warning sign by id, for a translated catalogue: what the
    #: log keeps (a sign not here is logged in the words shown).
    log_red_flags: Mapping[str, str] = field(default_factory=dict)


def prepare_session(catalogue: Catalogue, ask: PlanAsk, env: Environment) -> Ready:
    """Today's session as ``plan`` would print it (that day's, after a week's plan); refused
    with the red flag's message while one is not cleared."""
    result = make_plan(catalogue, ask, env, remember=False)
    if result.decision is not None and result.decision.blocked:
        raise RedFlagStop(result.decision.reasons[0])
    schedule = result.schedule
    day = next((d for d in schedule.days if d.date == env.today and not d.rest), None)
    sections = day.sections if day is not None else schedule.routine.sections
    routine = replace(schedule.routine, sections=sections)
    items = tuple(item for section in sections for item in section.items)
    return Ready(
        items=items,
        easier=easier_variants(catalogue, routine),
        routine=routine,
        decision=result.decision,
        phase=result.phase,
        pain_ceiling=routine.safety.pain_rule.acceptable_max,
        knee=routine.knee,
        log_names=(
            {i: e.name for i, e in catalogue.english.exercises.items()}
            if catalogue.english is not None
            else {}
        ),
        log_red_flags=(
            {f.id: red_flag_text(f) for f in catalogue.english.safety.red_flags}
            if catalogue.english is not None
            else {}
        ),
    )


def record_guided(outcome: GuidedOutcome, ready: Ready, env: Environment) -> Session:
    """Log a guided session: what was done (and stopped for pain after a set), what was
    skipped, in the notes. The log keeps English whatever the run's language: the notes'
    words, the exercises' names and the warning sign."""
    assert outcome.pain is not None and outcome.effort is not None

    def name(e: ExerciseOutcome) -> str:
        return ready.log_names.get(e.id, e.name)

    # The exercises never reached are known by the names shown: the English by those.
    shown = [*ready.items, *ready.easier.values()]
    english = {i.exercise.name: ready.log_names.get(i.exercise.id, i.exercise.name) for i in shown}
    notes = [f"Guided session (kneefit start), {outcome.minutes:g} min."]
    if outcome.skipped:
        notes.append("Skipped: " + ", ".join(name(e) for e in outcome.skipped) + ".")
    if outcome.stopped:
        notes.append(
            "Stopped for pain: "
            + ", ".join(f"{name(e)} ({e.pain}/10)" for e in outcome.stopped)
            + "."
        )
    limit = ready.pain_ceiling
    painful = [e for e in outcome.done if e.pain is not None and e.pain > limit]
    if painful:
        notes.append(
            "Done, but pain above the acceptable level: "
            + ", ".join(f"{name(e)} ({e.pain}/10)" for e in painful)
            + "."
        )
    if outcome.ended_for_pain:
        notes.append("Ended early: pain above the acceptable level twice in a row.")
    if outcome.red_flag is not None:
        notes.append("Ended for a red flag.")
    if outcome.not_reached:
        notes.append(
            "Not reached: " + ", ".join(english.get(n, n) for n in outcome.not_reached) + "."
        )
    done = tuple(
        LoggedExercise(id=e.id, name=name(e), dose=e.dose)
        for e in (*outcome.done, *(s for s in outcome.stopped if s.blocks_done))
    )
    session = Session(
        date=env.today,
        pain=outcome.pain,
        effort=outcome.effort,
        notes=" ".join(notes)[:2000],
        exercises=done,
        red_flags=(
            (ready.log_red_flags.get(flag.id, red_flag_text(flag)),)
            if (flag := outcome.red_flag) is not None
            else ()
        ),
        stage=_stage(ready),
        phase=ready.phase,
        knee=ready.knee,
    )
    with opened_log(env.places) as log:
        log.add(session, env.now)
    return session


def red_flag_text(flag: RedFlag) -> str:
    """A warning sign as the log keeps it: the words the person chose."""
    return flag.handout_sign or flag.sign


def _stage(ready: Ready) -> int:
    """The step the session was at: the one the plan reached (a program whose steps ran
    out stays where it is), else the decision's."""
    progression = ready.routine.progression
    if progression is not None:
        return progression.stage
    return ready.decision.stage if ready.decision is not None else 0
