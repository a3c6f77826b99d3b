"""The guided session's screen: exact text of a few states at 80 columns, and every screen fits."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from kneefit import vocabulary
from kneefit.catalogue import load_catalogue
from kneefit.guided import machine as m
from kneefit.guided import screen, session_plan
from kneefit.guided.machine import ENTER, State
from kneefit.guided.session_plan import Side
from kneefit.guided.words import side_words
from kneefit.models import Exercise, PainRule, PlannedExercise, PlanRequest, RedFlag, Urgency
from tests.conftest import plan_routine

RULE = PainRule(
    safe_max=2,
    acceptable_max=5,
    safe="Safe.",
    acceptable="Acceptable.",
    stop="Too much. Stop the exercise.",
    next_morning="Back to usual by the morning.",
)


def _exercise(ident: str, name: str, **dose: object) -> Exercise:
    return Exercise.model_validate(
        {
            "id": ident,
            "name": name,
            "category": "strength",
            "primary_muscles": ["quadriceps"],
            "level": "beginner",
            "dose": {"days_per_week": 3, **dose},
            "steps": ["Sit tall on a chair.", "Straighten one knee, then lower it slowly."],
            "cues": ["Keep breathing."],
            "sources": ["a-source"],
        }
    )


SQUAT = _exercise("chair-squat", "Chair squat", sets=2, reps=10, rest_seconds=60)
HOLD = _exercise("wall-sit", "Wall sit", sets=1, hold_seconds=30, per_side=True)
EASY = _exercise("sit-to-stand", "Sit to stand", sets=1, reps=8)


def _planned(exercise: Exercise) -> PlannedExercise:
    return PlannedExercise(exercise=exercise, dose=exercise.dose, minutes=2.0)


def _start() -> State:
    plan = session_plan.build(
        [_planned(SQUAT), _planned(HOLD)],
        RULE,
        {SQUAT.id: _planned(EASY)},
        ["Osteoarthritis: see a doctor or physiotherapist before starting this routine."],
    )
    return m.start(plan, 0.0)


def _drive(*events: str | float) -> State:
    state = _start()
    now = 0.0
    for event in events:
        now += 1.0
        if isinstance(event, float):
            now += event
            state = m.tick(state, now)
        else:
            state = m.press(state, event, now)
    return state


def _text(state: State, will_log: bool = True) -> str:
    sink = io.StringIO()
    console = Console(width=80, file=sink, color_system=None, legacy_windows=False)
    console.print(screen.render(state, 80, 24, will_log=will_log))
    return sink.getvalue()


def _bar(done: int, percent: int) -> str:
    return "\u2501" * done + "\u2500" * (75 - done) + f" {percent:3d}%"


def _screen(*lines: str, keys: str, message: str = "") -> str:
    """24 lines: ``lines`` at the top, blank lines, the message line and the keys."""
    body = list(lines) + [""] * (22 - len(lines))
    return "\n".join([*body, message, keys]) + "\n"


EXERCISE_KEYS = "space pause · n done · s skip · b back · 0-9 pain · q quit · ? help"
STEPS = (
    "How to do it:",
    "  1. Sit tall on a chair.",
    "  2. Straighten one knee, then lower it slowly.",
    "Form:",
    "  - Keep breathing.",
)


def test_get_ready_screen() -> None:
    assert _text(_drive(ENTER)) == _screen(
        "kneefit start · exercise 1 of 2 · Strength                             time 0:00",
        _bar(0, 0),
        "",
        "Chair squat                                                            get ready",
        "2 sets of 10 reps, rest 60 s between",
        "",
        "GET READY  0:10",
        "Get into position. n: start now.",
        "",
        *STEPS,
        keys=EXERCISE_KEYS,
    )


def test_a_set_of_reps_shows_the_pace_and_counts_up() -> None:
    assert _text(_drive(ENTER, "n", 12.0)) == _screen(
        "kneefit start · exercise 1 of 2 · Strength                             time 0:14",
        _bar(0, 0),
        "",
        "Chair squat                                                           set 1 of 2",
        "2 sets of 10 reps, rest 60 s between",
        "",
        "10 REPS  0:13",
        "Pace: slow and controlled: about 2 s up, 2 s down. n or Enter: set done.",
        "",
        *STEPS,
        keys=EXERCISE_KEYS,
    )


def test_a_paused_rest_says_what_comes_next() -> None:
    assert _text(_drive(ENTER, "n", "n", 4.0, " ")) == _screen(
        "kneefit start · exercise 1 of 2 · Strength                             time 0:08",
        _bar(19, 25),
        "",
        "Chair squat                                                     next: set 2 of 2",
        "2 sets of 10 reps, rest 60 s between",
        "",
        "REST  0:54 · PAUSED",
        "Paused. Space to go on.",
        "",
        *STEPS,
        keys=EXERCISE_KEYS.replace("space pause", "space go on"),
    )


def test_a_hold_on_each_side_counts_down() -> None:
    assert _text(_drive(ENTER, "s", "n", 9.0)) == _screen(
        "kneefit start · exercise 2 of 2 · Strength                             time 0:12",
        _bar(38, 50),
        "",
        "Wall sit                                                 set 1 of 1 · first side",
        "hold 30 s, each side",
        "",
        "HOLD  0:20",
        "Hold it steady and keep breathing. n: done early.",
        "",
        *STEPS,
        keys=EXERCISE_KEYS,
    )


def test_a_skip_says_so_until_the_next_key() -> None:
    drawn = screen.lines(_drive(ENTER, "s"))
    assert drawn[-2].plain == "Skipped Chair squat."
    assert drawn[3].plain.startswith("Wall sit")


def test_the_pain_question_after_an_exercise() -> None:
    assert _text(_drive(ENTER, "n", "n", "n", "n")) == _screen(
        "kneefit start · exercise 1 of 2 · Strength                             time 0:04",
        _bar(38, 50),
        "",
        "Chair squat                                                                 done",
        "",
        "Pain now? Press 0-9, or Enter to go on.",
        "  0-2 safe · 3-5 acceptable · above 5: too much, stop",
        "",
        "Next: Wall sit (hold 30 s, each side)",
        keys="0-9 pain · Enter go on · b back · q quit · ? help",
    )


def test_pain_above_the_limit_stops_and_offers_the_easier_variant() -> None:
    assert _text(_drive(ENTER, "n", "7")) == _screen(
        "kneefit start · exercise 1 of 2 · Strength                             time 0:02",
        _bar(38, 50),
        "",
        "Chair squat                                                              stopped",
        "",
        "Pain 7/10 is above the acceptable 5/10, so this exercise stops here.",
        "Too much. Stop the exercise.",
        "",
        "Easier variant: Sit to stand (1 set of 8 reps). Press e to do it now, in its",
        "place; Enter to go on without it.",
        "",
        "Next: Wall sit (hold 30 s, each side)",
        keys="e easier variant · Enter go on · b back · q quit · ? help",
    )


def test_quit_before_anything_is_done_says_nothing_will_be_logged() -> None:
    assert _text(_drive(ENTER, "n", "q")) == _screen(
        "kneefit start · exercise 1 of 2 · Strength                             time 0:02",
        _bar(0, 0),
        "",
        "Stop the session here?",
        "",
        "  y, n  stop (nothing is done yet, so nothing is logged)",
        "  c     carry on where you were",
        keys="y · n · c",
    )


def test_summary_with_and_without_logging() -> None:
    state = _drive(ENTER, "s", "n", "n", "n", "n", "1", "3", ENTER, "6", ENTER)
    top = (
        "kneefit start                                                          time 0:06",
        _bar(75, 100),
        "",
        "Summary",
        "",
        "Done (1): Wall sit",
        "Skipped (1): Chair squat",
        "Stopped for pain (0): none",
        "Time: 0.1 min · pain 3/10 · effort 6/10",
        "",
    )
    assert _text(state) == _screen(
        *top, "Press Enter to save this to your log and finish.", keys="Enter finish"
    )
    assert _text(state, will_log=False) == _screen(
        *top, "Press Enter to finish (not saved: --no-log).", keys="Enter finish"
    )


def test_ascii_only_screens_use_ascii_stand_ins() -> None:
    drawn = screen.lines(_drive(ENTER, "n", "n"), ascii_only=True)
    assert drawn[1].plain == "#" * 19 + "-" * 56 + "  25%"
    assert drawn[-1].plain.startswith("space pause - n done - s skip")
    odd = _exercise("odd", "Caf\u00e9 squat \u2013 slow", sets=1, reps=5)
    state = m.press(m.start(session_plan.build([_planned(odd)], RULE), 0.0), ENTER, 1.0)
    assert all(line.plain.isascii() for line in screen.lines(state, ascii_only=True))
    assert screen.lines(state, ascii_only=True)[3].plain.startswith("Cafe squat - slow ")


def test_the_picture_hook_replaces_the_steps() -> None:
    def picture(exercise: Exercise, width: int, height: int) -> list[Text]:
        return [Text(f"[{exercise.id} {width}x{height}]")]

    drawn = [line.plain for line in screen.lines(_drive(ENTER), picture=picture)]
    assert drawn[9] == "[chair-squat 80x13]"
    assert "How to do it:" not in drawn


def test_catalogue_text_is_not_read_as_markup() -> None:
    odd = _exercise("odd", "[bold]Odd[/bold] squat", sets=1, reps=5)
    state = m.press(m.start(session_plan.build([_planned(odd)], RULE), 0.0), ENTER, 1.0)
    assert "[bold]Odd[/bold] squat" in _text(state)


CATALOGUE = load_catalogue()
SESSIONS = {
    name: [
        item
        for section in plan_routine(
            CATALOGUE,
            PlanRequest(
                conditions=tuple(CATALOGUE.condition(c).id for c in conditions),
                equipment=vocabulary.equipment(["all"]),
                minutes=minutes,
            ),
        ).sections
        for item in section.items
    ]
    for name, conditions, minutes in [
        ("arthritis", ("arthritis",), 30),
        ("everything", (), 90),
        ("knees", ("kneecap pain", "torn meniscus", "bursitis"), 45),
    ]
}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    session=st.sampled_from(sorted(SESSIONS)),
    keys=st.lists(
        st.sampled_from(["n", "s", "b", "q", "c", "y", "e", "?", " ", "7", "3", ENTER]),
        max_size=60,
    ),
    size=st.sampled_from([(80, 24), (100, 30), (60, 20)]),
)
def test_every_screen_fits_the_terminal(
    session: str, keys: list[str], size: tuple[int, int]
) -> None:
    width, height = size
    items = SESSIONS[session]
    notes = ["A long warning " * 12, "Another note."]
    state = m.start(session_plan.build(items, CATALOGUE.safety.pain_rule, {}, notes), 0.0)
    for number, key in enumerate([ENTER, *keys]):
        state = m.press(state, key, float(number))
        drawn = screen.lines(state, width, height)
        assert len(drawn) == height
        assert all(line.cell_len <= width for line in drawn)
        sink = io.StringIO()
        Console(width=width, file=sink, color_system=None).print(
            screen.render(state, width, height)
        )
        assert sink.getvalue().count("\n") == height


def test_pain_answered_above_the_limit_is_not_what_enter_repeats() -> None:
    assert _text(_drive(ENTER, "n", "7", ENTER, "n", "n", "n", "n")) == _screen(
        "kneefit start · exercise 2 of 2 · Strength                             time 0:07",
        _bar(75, 100),
        "",
        "Wall sit                                                                    done",
        "",
        "Pain now? Press 0-9.",
        "  0-2 safe · 3-5 acceptable · above 5: too much, stop",
        "",
        "Next: the end of the session.",
        keys="0-9 pain · b back · q quit · ? help",
    )


def test_a_second_pain_stop_in_a_row_suggests_stopping_the_session() -> None:
    assert _text(_drive(ENTER, "n", "7", ENTER, "8")) == _screen(
        "kneefit start · exercise 2 of 2 · Strength                             time 0:04",
        _bar(75, 100),
        "",
        "Wall sit                                                                 stopped",
        "",
        "Pain 8/10 is above the acceptable 5/10, so this exercise stops here.",
        "Too much. Stop the exercise.",
        "",
        "That is twice in a row above 5/10: stop the session here for today. Press Enter",
        "to stop (two questions, then it is logged).",
        "Or press n to go on with the next exercise anyway.",
        "",
        "Next: the end of the session.",
        keys="Enter stop here · n go on · b back · q quit · ? help",
    )


def test_a_pain_stop_without_an_easier_variant_offers_no_e_key() -> None:
    drawn = screen.lines(_drive(ENTER, "s", "n", "9"))
    assert drawn[-1].plain == "Enter go on · b back · q quit · ? help"
    assert "Press Enter to go on with the next exercise." in [line.plain for line in drawn]


def test_backspace_is_offered_only_when_there_is_something_to_rub_out() -> None:
    asked = _drive(ENTER, "s", "n", "n", "n", "n", "1")
    assert screen.lines(asked)[-1].plain == "0-10 then Enter · q quit"
    typed = m.press(asked, "7", 99.0)
    assert screen.lines(typed)[-1].plain == "0-10 then Enter · Backspace · q quit"


def test_a_ceiling_as_low_as_the_safe_level_has_no_acceptable_band() -> None:
    low = RULE.model_copy(update={"acceptable_max": 2})
    state = m.start(session_plan.build([_planned(SQUAT)], low, {}), 0.0)
    intro = [line.plain for line in screen.lines(state)]
    assert "Pain as you go, 0 to 10: up to 2 is safe, above 2 stop. After each exercise" in intro
    asked = state
    for key in (ENTER, "n", "n", "n", "n", "n"):
        asked = m.press(asked, key, 1.0)
    assert [line.plain for line in screen.lines(asked)][6] == "  0-2 safe · above 2: too much, stop"


LOCKED = RedFlag(
    id="locked",
    sign="The knee locks and will not straighten (a torn cartilage)",
    handout_sign="The knee locks and will not straighten",
    urgency=Urgency.URGENT,
    action="stop exercising and see a doctor the same day.",
    sources=("a-source",),
)
CALF = RedFlag(
    id="calf",
    sign="Pain and swelling in one calf",
    urgency=Urgency.URGENT,
    action="get medical help the same day.",
    sources=("a-source",),
)


def _flagged(*keys: str) -> State:
    state = m.start(session_plan.build([_planned(SQUAT)], RULE, {}, (), (LOCKED, CALF)), 0.0)
    for number, key in enumerate(keys, 1):
        state = m.press(state, key, float(number))
    return state


def test_the_red_flag_key_is_offered_and_asks_which_sign() -> None:
    assert screen.lines(_flagged(ENTER))[-1].plain == (
        "space pause · n done · s skip · b back · 0-9 pain · q quit · r red flag · ? help"
    )
    assert _text(_flagged(ENTER, "n", "r")) == _screen(
        "kneefit start · exercise 1 of 1 · Strength                             time 0:02",
        _bar(0, 0),
        "",
        "Which warning sign? It ends the session, and it is logged.",
        "  1  The knee locks and will not straighten",
        "  2  Pain and swelling in one calf",
        "  c  carry on: it is none of these",
        keys="1-2 the sign · c carry on",
    )


def test_the_summary_after_a_red_flag_says_stop_and_what_to_do() -> None:
    state = _flagged(ENTER, "n", "r", "1", "4", ENTER, "2", ENTER)
    assert _text(state) == _screen(
        "kneefit start · exercise 1 of 1 · Strength                             time 0:02",
        _bar(75, 100),
        "",
        "Summary",
        "",
        "Done (0): none",
        "Skipped (0): none",
        "Stopped for pain (0): none",
        "Not reached (1): Chair squat",
        "Time: 0 min · pain 4/10 · effort 2/10",
        "",
        "STOP: The knee locks and will not straighten.",
        "Stop exercising and see a doctor the same day.",
        "",
        "Press Enter to save this to your log and finish.",
        keys="Enter finish",
    )


def test_too_much_pain_after_an_exercise_done_in_full_says_so_without_stopping_it() -> None:
    drawn = [line.plain for line in screen.lines(_drive(ENTER, "s", "n", "n", "n", "n", "7"))]
    assert drawn[3] == "Wall sit" + " " * 58 + "done, too much"
    assert drawn[5] == "Pain 7/10 is above the acceptable 5/10."
    assert drawn[-1] == "Enter go on · b back · q quit · ? help"


def test_the_full_screen_names_the_knee_s_side() -> None:
    from dataclasses import replace

    hold = _drive(ENTER, "s", "n")
    left = replace(hold, plan=replace(hold.plan, knee="left"))
    assert "set 1 of 1 \u00b7 left side" in _text(left)
    assert "set 1 of 1 \u00b7 first side" in _text(hold)


def test_the_banner_hint_and_sides_in_spanish() -> None:
    from kneefit.i18n import speaking

    with speaking("es"):
        ready = _text(_drive(ENTER)).splitlines()
        assert ready[6:8] == ["PREPÁRESE  0:10", "Póngase en posición. n: empezar ahora."]
        assert (side_words(Side.FIRST, "left"), side_words(Side.OTHER, None)) == (
            "lado izquierdo",
            "otro lado",
        )


def test_the_next_line_in_spanish() -> None:
    from kneefit.i18n import speaking

    with speaking("es"):
        last = _drive(ENTER, "s")
        assert [t.plain for t in screen._next_line(last, 80)] == ["Sigue: el final de la sesión."]
