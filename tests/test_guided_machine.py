"""The guided session's state machine: keys and ticks in, states out, no terminal."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneefit import vocabulary
from kneefit.catalogue import Catalogue, load_catalogue
from kneefit.guided import machine as m
from kneefit.guided import session_plan
from kneefit.guided.machine import ENTER, Phase, State
from kneefit.guided.outcome import outcome
from kneefit.models import LoggedDose, PlannedExercise, PlanRequest, Routine, Shortfall
from tests.conftest import plan_routine

#: For the property tests: a fixture argument would be printed whole with every failure.
CATALOGUE = load_catalogue()
KEYS = [" ", "n", "s", "b", "q", "y", "c", "e", "r", "?", "x", ENTER, m.ESCAPE, m.BACKSPACE]
KEYS += [str(d) for d in range(10)]


def _routine(catalogue: Catalogue, *conditions: str, minutes: int = 30) -> Routine:
    ids = tuple(catalogue.condition(c).id for c in conditions)
    return plan_routine(
        catalogue,
        PlanRequest(conditions=ids, equipment=vocabulary.HOUSEHOLD, minutes=minutes),
    )


def _items(routine: Routine) -> list[PlannedExercise]:
    return [item for section in routine.sections for item in section.items]


def _session(catalogue: Catalogue, *conditions: str) -> State:
    routine = _routine(catalogue, *conditions)
    plan = session_plan.build(
        _items(routine),
        catalogue.safety.pain_rule,
        session_plan.easier_variants(catalogue, routine),
        red_flags=session_plan.session_red_flags(catalogue.safety.red_flags),
    )
    return m.start(plan, 0.0)


def _walk_then_leg_raise(catalogue: Catalogue) -> State:
    """A fixed two-exercise session: 5 minutes' walk, then 2 sets of a per-side leg raise."""
    walk, raise_ = catalogue.exercises["walking"], catalogue.exercises["side-lying-leg-raise"]
    items = [
        PlannedExercise(
            exercise=walk, dose=walk.dose.model_copy(update={"minutes": 5}), minutes=5.0
        ),
        PlannedExercise(
            exercise=raise_, dose=raise_.dose.model_copy(update={"sets": 2}), minutes=4.0
        ),
    ]
    return m.start(session_plan.build(items, catalogue.safety.pain_rule, {}), 0.0)


class Driver:
    """Feeds events at a clock it keeps; remembers every state it passed through."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.now = 0.0
        self.seen = [state]

    def at(self, phase: Phase) -> bool:
        """Whether the session is at ``phase`` now (a call, so mypy does not narrow it)."""
        return self.state.phase is phase

    def press(self, *keys: str) -> State:
        for key in keys:
            self.now += 0.5
            self.state = m.press(self.state, key, self.now)
            self.seen.append(self.state)
        return self.state

    def wait(self, seconds: float) -> State:
        self.now += seconds
        self.state = m.tick(self.state, self.now)
        self.seen.append(self.state)
        return self.state

    def finish(self, bound: int = 2000) -> State:
        """Press an ordinary cycle of keys until the session is over; fail past ``bound``."""
        cycle = ["n", ENTER, "3", ENTER]
        for count in range(bound):
            if self.state.phase is Phase.DONE:
                return self.state
            self.press(cycle[count % len(cycle)])
        pytest.fail(f"the session did not end within {bound} keys: {self.state.phase}")


def _check(state: State) -> None:
    indices = [r.index for r in state.records]
    assert len(indices) == len(set(indices)) and all(0 <= i < len(state.queue) for i in indices)
    ids = [q.exercise.id for q in state.queue]
    assert len(ids) == len(set(ids)), "an exercise is in the queue twice"
    result = outcome(state)
    logged = [e.id for e in (*result.done, *result.skipped, *result.stopped)]
    assert len(logged) == len(set(logged)), "an exercise counted twice"
    assert not {e.id for e in result.skipped} & {e.id for e in result.done}
    assert all(e.blocks_done >= 1 for e in result.done)
    assert 0.0 <= state.progress <= 1.0
    assert result.minutes >= 0
    if result.log:
        assert result.pain is not None and result.effort is not None
        assert result.done or result.stopped or result.red_flag is not None


events = st.lists(
    st.one_of(
        st.sampled_from(KEYS),
        st.floats(min_value=0, max_value=400, allow_nan=False).map(lambda s: f"tick:{s}"),
    ),
    max_size=120,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=events, conditions=st.sampled_from([(), ("arthritis",), ("kneecap pain",)]))
def test_any_keys_and_ticks_keep_the_books_straight_and_the_session_ends(
    events: Sequence[str], conditions: tuple[str, ...]
) -> None:
    drive = Driver(_session(CATALOGUE, *conditions))
    for event in events:
        if event.startswith("tick:"):
            drive.wait(float(event[5:]))
        else:
            drive.press(event)
        _check(drive.state)
    end = drive.finish()
    _check(end)
    assert end.phase is Phase.DONE
    # DONE is the end: nothing moves it any more.
    assert m.press(end, "b", drive.now + 1).phase is Phase.DONE
    assert outcome(m.tick(end, drive.now + 999)) == outcome(end)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=st.lists(st.sampled_from(["n", "s", ENTER, "0", "2", "5", "tick"]), max_size=150))
def test_an_exercise_skipped_and_never_gone_back_to_is_skipped_not_done(
    events: Sequence[str],
) -> None:
    drive = Driver(_session(CATALOGUE, "arthritis"))
    drive.press(ENTER)
    skipped: set[str] = set()
    for event in events:
        before = drive.state
        if event == "tick":
            drive.wait(7.0)
            continue
        drive.press(event)
        if event == "s" and before.phase in m.EXERCISE_PHASES and before.item is not None:
            skipped.add(before.item.exercise.id)
    result = outcome(drive.finish())
    assert {e.id for e in result.skipped} == skipped
    assert not skipped & {e.id for e in result.done}


def test_skipping_everything_logs_nothing(catalogue: Catalogue) -> None:
    drive = Driver(_session(catalogue, "arthritis"))
    drive.press(ENTER)
    count = len(drive.state.queue)
    drive.press(*["s"] * count)
    assert drive.at(Phase.SUMMARY)
    assert drive.state.message == "Nothing was done, so there is nothing to log."
    result = outcome(drive.press(ENTER))
    assert len(result.skipped) == count and not result.done and not result.log


def test_ticks_alone_run_a_timed_exercise_with_a_bell_at_each_change(
    catalogue: Catalogue,
) -> None:
    stretch = catalogue.exercise("standing calf stretch")
    dose = stretch.dose.model_copy(update={"sets": 2, "hold_seconds": 30, "rest_seconds": 20})
    item = PlannedExercise(exercise=stretch, dose=dose, minutes=3.0)
    drive = Driver(m.start(session_plan.build([item], catalogue.safety.pain_rule), 0.0))
    drive.press(ENTER)
    chimes = drive.state.chimes
    assert drive.at(Phase.READY) and drive.state.remaining == m.READY_SECONDS
    expected = [
        (m.READY_SECONDS, Phase.WORK, "first side"),
        (30, Phase.REST, "other side"),
        (m.SWITCH_SECONDS, Phase.WORK, "other side"),
        (30, Phase.REST, "first side"),
        (20, Phase.WORK, "first side"),
        (30, Phase.REST, "other side"),
        (m.SWITCH_SECONDS, Phase.WORK, "other side"),
        (30, Phase.PAIN, None),
    ]
    for seconds, phase, side in expected:
        drive.wait(seconds - 0.25)
        assert not drive.at(phase) or phase is Phase.REST
        drive.wait(0.25)
        assert drive.at(phase)
        if side is not None:
            assert drive.state.blocks[drive.state.block].side == side
        assert drive.state.chimes == chimes + 1
        chimes = drive.state.chimes
    result = outcome(drive.press("1"))
    assert [e.dose.describe() for e in result.done] == [dose.describe()]
    assert result.done[0].dose == LoggedDose(dose=dose.for_session())  # data, not words
    assert result.minutes == round((m.READY_SECONDS + 30 * 4 + 5 * 2 + 20 + 0.5) / 60, 1)


def test_one_long_tick_runs_through_every_countdown_it_covers(catalogue: Catalogue) -> None:
    stretch = catalogue.exercise("standing calf stretch")
    item = PlannedExercise(exercise=stretch, dose=stretch.dose, minutes=2.0)
    drive = Driver(m.start(session_plan.build([item], catalogue.safety.pain_rule), 0.0))
    drive.press(ENTER)
    assert drive.wait(3600).phase is Phase.PAIN


def test_pause_stops_the_clock_and_space_starts_it_again(catalogue: Catalogue) -> None:
    drive = Driver(_session(catalogue, "arthritis"))
    drive.press(ENTER, "n")
    assert drive.at(Phase.WORK)
    left = drive.state.remaining
    drive.press(" ")  # half a second later
    assert drive.state.paused
    drive.wait(1000)
    assert drive.state.remaining == left - 0.5 and drive.at(Phase.WORK)
    drive.press(" ")
    drive.wait(10)
    assert drive.state.remaining == pytest.approx(left - 10.5)


def test_help_shows_over_everything_and_any_key_closes_it(catalogue: Catalogue) -> None:
    drive = Driver(_session(catalogue, "arthritis"))
    drive.press(ENTER, "n")
    left = drive.state.remaining
    drive.press("?")
    assert drive.state.help
    drive.wait(100)
    assert drive.state.remaining == pytest.approx(left - 0.5)
    drive.press("s")  # closes the help, does not skip
    assert not drive.state.help and drive.at(Phase.WORK)


def test_reps_wait_for_the_person_and_count_up(catalogue: Catalogue) -> None:
    squat = catalogue.exercise("mini squat")
    dose = squat.dose.model_copy(update={"sets": 2, "rest_seconds": 60})
    item = PlannedExercise(exercise=squat, dose=dose, minutes=3.0)
    drive = Driver(m.start(session_plan.build([item], catalogue.safety.pain_rule), 0.0))
    drive.press(ENTER, "n")
    assert drive.at(Phase.REPS)
    drive.wait(500)
    assert drive.at(Phase.REPS) and drive.state.elapsed == 500
    drive.press(ENTER)
    assert drive.at(Phase.REST) and drive.state.remaining == 60
    drive.wait(60)
    assert drive.at(Phase.REPS) and drive.state.blocks[drive.state.block].set == 2


def test_pain_above_the_acceptable_level_stops_and_offers_the_easier_variant(
    catalogue: Catalogue,
) -> None:
    hard = catalogue.exercise("standing quad stretch")
    assert hard.easier is not None
    easy = catalogue.exercises[hard.easier]
    items = [PlannedExercise(exercise=hard, dose=hard.dose, minutes=2.0)]
    easier = {hard.id: PlannedExercise(exercise=easy, dose=easy.dose, minutes=2.0)}
    rule = catalogue.safety.pain_rule
    drive = Driver(m.start(session_plan.build(items, rule, easier), 0.0))
    drive.press(ENTER, "n", "n")  # first side ended early; now changing sides
    drive.press(str(rule.acceptable_max))  # acceptable: noted, goes on
    assert drive.at(Phase.REST) and drive.state.current_pain == rule.acceptable_max
    drive.press(str(rule.acceptable_max + 1))
    assert drive.at(Phase.STOPPED) and drive.state.offer is not None
    drive.press("e")
    assert drive.at(Phase.READY) and drive.state.item is not None
    assert drive.state.item.exercise.id == easy.id
    drive.press(*["n"] * 2 * len(drive.state.blocks), "2", "3", ENTER, "4", ENTER, ENTER)
    result = outcome(drive.state)
    assert [e.id for e in result.stopped] == [hard.id]
    assert result.stopped[0].dose.describe() == (
        f"0 of {hard.dose.sets} sets and one side (planned: {hard.dose.describe()}); "
        f"ended early; stopped for pain {rule.acceptable_max + 1}/10"
    )
    assert [e.id for e in result.done] == [easy.id]
    assert (result.pain, result.effort, result.log) == (3, 4, True)


def test_the_easier_variant_is_not_offered_when_it_is_in_the_session(
    catalogue: Catalogue,
) -> None:
    hard = catalogue.exercise("standing quad stretch")
    assert hard.easier is not None
    easy = PlannedExercise(exercise=catalogue.exercises[hard.easier], dose=hard.dose, minutes=1)
    items = [PlannedExercise(exercise=hard, dose=hard.dose, minutes=2.0), easy]
    drive = Driver(
        m.start(session_plan.build(items, catalogue.safety.pain_rule, {hard.id: easy}), 0.0)
    )
    drive.press(ENTER, "9")
    assert drive.at(Phase.STOPPED) and drive.state.offer is None
    drive.press("e")
    assert drive.at(Phase.STOPPED)
    drive.press(ENTER)
    assert drive.at(Phase.READY) and drive.state.index == 1


def test_back_goes_to_the_exercise_before_and_forgets_how_it_went(
    catalogue: Catalogue,
) -> None:
    drive = Driver(_session(catalogue, "arthritis"))
    drive.press(ENTER, "n", "n", "1")
    assert drive.state.index == 1 and len(drive.state.records) == 1
    drive.press("b")
    assert drive.state.index == 0 and drive.at(Phase.READY)
    assert not drive.state.records
    drive.press("b")
    assert drive.state.index == 0


def test_quit_asks_and_carries_on_where_it_was(catalogue: Catalogue) -> None:
    drive = Driver(_session(catalogue, "arthritis"))
    drive.press(ENTER, "n")
    before = drive.state
    drive.press("q")
    assert drive.at(Phase.QUIT)
    drive.wait(300)
    drive.press("c")
    assert drive.at(Phase.WORK)
    assert drive.state.remaining == pytest.approx(before.remaining - 0.5)


def test_quit_without_logging_ends_at_once(catalogue: Catalogue) -> None:
    drive = Driver(_session(catalogue, "arthritis"))
    drive.press(ENTER, "n", "n", "2", "q", "n")
    result = outcome(drive.state)
    assert drive.at(Phase.DONE) and not result.log
    assert [e.id for e in result.done] == ["walking"]


def test_quit_and_log_keeps_a_set_in_progress_and_asks_two_questions(
    catalogue: Catalogue,
) -> None:
    drive = Driver(_walk_then_leg_raise(catalogue))
    drive.press(ENTER, "n", "n", "2")  # walking done
    item = drive.state.item
    assert item is not None and item.dose.sets == 2
    drive.press("n", "n", "q", "y")  # one side of the first set done
    assert drive.at(Phase.ASK_PAIN)
    assert drive.state.default_pain == 2
    drive.press(ENTER)  # the default: the highest noted
    drive.press("1", "1", "0", ENTER)  # 11 is out of range: the entry starts again at 1
    assert drive.state.effort == 10 and drive.at(Phase.SUMMARY)
    result = outcome(drive.press(ENTER))
    assert (result.pain, result.effort, result.log) == (2, 10, True)
    assert [e.id for e in result.done] == ["walking", item.exercise.id]
    assert result.done[1].dose.describe() == (
        f"0 of 2 sets and one side (planned: {item.dose.describe()})"
    )
    assert result.done[1].dose.shortfall == Shortfall(blocks_done=1)


def test_the_pain_question_needs_a_number_when_there_is_no_default(
    catalogue: Catalogue,
) -> None:
    drive = Driver(_session(catalogue, "arthritis"))
    drive.press(ENTER, "n", "n", ENTER, "q", "y")
    assert drive.at(Phase.ASK_PAIN) and drive.state.default_pain is None
    drive.press(ENTER)
    assert drive.at(Phase.ASK_PAIN)
    assert drive.state.message == "Type a number from 0 to 10, then Enter."
    drive.press("4", m.BACKSPACE, "3", ENTER)
    assert drive.state.pain == 3


def test_an_empty_session_ends_with_nothing_to_log(catalogue: Catalogue) -> None:
    drive = Driver(m.start(session_plan.build([], catalogue.safety.pain_rule), 0.0))
    drive.press(ENTER)
    assert drive.at(Phase.SUMMARY)
    assert not outcome(drive.press(ENTER)).log


def test_easier_variants_are_allowed_and_not_already_planned(catalogue: Catalogue) -> None:
    for conditions in [(), ("arthritis",), ("kneecap pain",), ("torn meniscus",)]:
        routine = _routine(catalogue, *conditions, minutes=60)
        planned = {i.exercise.id: i for i in _items(routine)}
        for exercise_id, variant in session_plan.easier_variants(catalogue, routine).items():
            assert catalogue.exercises[exercise_id].easier == variant.exercise.id
            assert variant.exercise.id not in planned
            assert variant.dose.sets <= planned[exercise_id].dose.sets


def test_time_stopped_with_ctrl_z_does_not_count_and_the_exercise_waits(
    catalogue: Catalogue,
) -> None:
    drive = Driver(_session(catalogue, "arthritis"))
    drive.press(ENTER, "n")
    before = drive.state
    back = m.suspended(before, drive.now + 600)
    assert back.paused and back.remaining == before.remaining
    assert back.active_seconds == before.active_seconds
    assert m.tick(back, drive.now + 700).remaining == before.remaining


def test_quit_and_log_at_the_pain_question_keeps_the_exercise_just_done(
    catalogue: Catalogue,
) -> None:
    drive = Driver(_session(catalogue, "arthritis"))
    drive.press(ENTER, "n", "n")
    assert drive.at(Phase.PAIN)
    drive.press("q", "y", "2", ENTER, "3", ENTER, ENTER)
    result = outcome(drive.state)
    assert [e.id for e in result.done] == ["walking"] and result.log


def _three_squats(catalogue: Catalogue, easier: bool = False) -> State:
    """Three one-set exercises of reps (the first with its easier variant when asked)."""
    names = ("sit-to-stand", "calf-raise", "mini-squat")
    items = [catalogue.exercises[name] for name in names]
    planned = [
        PlannedExercise(exercise=e, dose=e.dose.model_copy(update={"sets": 1}), minutes=1.0)
        for e in items
    ]
    offer: dict[str, PlannedExercise] = {}
    if easier:
        hard = catalogue.exercise("standing quad stretch")
        assert hard.easier is not None
        easy = catalogue.exercises[hard.easier]
        planned[1] = PlannedExercise(exercise=hard, dose=hard.dose, minutes=1.0)
        offer = {hard.id: PlannedExercise(exercise=easy, dose=easy.dose, minutes=1.0)}
    return m.start(session_plan.build(planned, catalogue.safety.pain_rule, offer), 0.0)


def test_enter_after_a_pain_stop_does_not_stop_the_next_exercise_too(
    catalogue: Catalogue,
) -> None:
    high = str(catalogue.safety.pain_rule.acceptable_max + 2)
    drive = Driver(_three_squats(catalogue))
    drive.press(ENTER, "n", high)  # the first stops for pain
    assert drive.at(Phase.STOPPED) and not drive.state.suggest_stopping
    drive.press(ENTER, "n", "n")  # the second done in full
    assert drive.at(Phase.PAIN) and drive.state.repeat_pain is None
    drive.press(ENTER)  # Enter alone does not repeat the pain that stopped the first
    assert drive.at(Phase.PAIN)
    assert drive.state.message == "Type a number for your pain now, 0 to 9."
    drive.press("3", "n", "n", ENTER)  # 3, then the third: Enter repeats an acceptable 3
    drive.press("4", ENTER, "5", ENTER, ENTER)
    result = outcome(drive.state)
    assert [e.name for e in result.stopped] == ["Sit to stand"]
    assert [(e.name, e.pain) for e in result.done] == [
        ("Calf raise", 3),
        ("Mini squat with support", 3),
    ]
    assert not result.not_reached and not result.ended_for_pain


def test_two_high_pain_answers_in_a_row_suggest_stopping_and_enter_stops(
    catalogue: Catalogue,
) -> None:
    high = str(catalogue.safety.pain_rule.acceptable_max + 1)
    drive = Driver(_three_squats(catalogue))
    drive.press(ENTER, "n", high, ENTER, "n", "n", high)
    assert drive.at(Phase.STOPPED) and drive.state.suggest_stopping
    drive.press(ENTER)
    assert drive.at(Phase.ASK_PAIN)
    drive.press(high, ENTER, "4", ENTER, ENTER)
    result = outcome(drive.state)
    assert result.log and result.ended_for_pain
    # The second was done in full before the pain answer; the third never started.
    assert [(e.name, e.blocks_done) for e in result.stopped] == [("Sit to stand", 0)]
    assert [(e.name, e.blocks_done, e.pain) for e in result.done] == [("Calf raise", 1, 6)]
    assert result.not_reached == ("Mini squat with support",)


def test_a_lower_answer_between_two_high_ones_starts_the_count_again(
    catalogue: Catalogue,
) -> None:
    high = str(catalogue.safety.pain_rule.acceptable_max + 1)
    drive = Driver(_three_squats(catalogue))
    drive.press(ENTER, "n", high, ENTER, "n", "2", "n", "n", high)
    assert drive.at(Phase.STOPPED) and not drive.state.suggest_stopping
    drive.press(ENTER)
    assert drive.at(Phase.READY) and drive.state.index == 2


def test_going_on_anyway_after_the_suggestion_and_the_easier_variant_in_it(
    catalogue: Catalogue,
) -> None:
    high = str(catalogue.safety.pain_rule.acceptable_max + 1)
    drive = Driver(_three_squats(catalogue, easier=True))
    drive.press(ENTER, "n", high, ENTER, "n", high)
    assert drive.state.suggest_stopping and drive.state.offer is not None
    drive.press("e")
    assert drive.at(Phase.READY) and drive.state.item is not None
    offered = drive.state.plan.easier[drive.state.queue[1].exercise.id]
    assert drive.state.item.exercise.id == offered.exercise.id
    drive.press("s", "n", high)
    assert drive.state.suggest_stopping and drive.state.offer is None
    drive.press("e")  # no variant on offer: e does nothing
    assert drive.at(Phase.STOPPED)
    drive.press("n")  # go on anyway: the session has ended with the last exercise
    assert drive.at(Phase.ASK_PAIN) and not drive.state.ended_for_pain


def test_a_red_flag_ends_the_session_keeps_what_was_done_and_is_logged(
    catalogue: Catalogue,
) -> None:
    flags = session_plan.session_red_flags(catalogue.safety.red_flags)
    assert 1 <= len(flags) <= 9
    assert [f.urgency.value for f in flags] == sorted(
        (f.urgency.value for f in flags), key=["emergency", "urgent"].index
    )
    items = [catalogue.exercises["sit-to-stand"], catalogue.exercises["calf-raise"]]
    planned = [PlannedExercise(exercise=e, dose=e.dose, minutes=1.0) for e in items]
    drive = Driver(
        m.start(session_plan.build(planned, catalogue.safety.pain_rule, {}, (), flags), 0.0)
    )
    drive.press(ENTER, "n", "n")  # one set of the first done, resting
    drive.press("r")
    before = drive.state.previous
    assert drive.at(Phase.RED_FLAG) and before is not None
    assert drive.state.progress == before.progress
    drive.press("c")  # none of these: back where it was
    assert drive.at(Phase.REST)
    drive.press("r", "0", str(len(flags) + 1), "x")  # keys that pick no sign do nothing
    assert drive.at(Phase.RED_FLAG)
    drive.press(str(len(flags)))
    assert drive.at(Phase.ASK_PAIN) and drive.state.red_flag == flags[-1]
    drive.press("3", ENTER, "2", ENTER, ENTER)
    result = outcome(drive.state)
    assert result.log and result.red_flag == flags[-1]
    assert [(e.name, e.blocks_done) for e in result.done] == [("Sit to stand", 1)]
    assert result.not_reached == ("Calf raise",)


def test_a_red_flag_before_anything_is_done_is_still_logged(catalogue: Catalogue) -> None:
    flags = session_plan.session_red_flags(catalogue.safety.red_flags)
    walk = catalogue.exercises["walking"]
    planned = [PlannedExercise(exercise=walk, dose=walk.dose, minutes=10.0)]
    drive = Driver(
        m.start(session_plan.build(planned, catalogue.safety.pain_rule, {}, (), flags), 0.0)
    )
    drive.press(ENTER, "r", "1", "0", ENTER, "0", ENTER, ENTER)
    result = outcome(drive.state)
    assert result.log and result.red_flag == flags[0] and not result.done


def test_without_red_flags_to_offer_r_does_nothing(catalogue: Catalogue) -> None:
    drive = Driver(_walk_then_leg_raise(catalogue))
    drive.press(ENTER, "r")
    assert drive.at(Phase.READY)
