"""The plain, line-by-line session: exact lines and prompts for a few states, and what a
typed line means (the loop itself is driven in a pseudo-terminal in test_start.py)."""

from __future__ import annotations

import pytest

from kneefit.guided import machine as m
from kneefit.guided import plain, session_plan
from kneefit.guided.machine import ENTER, Phase
from kneefit.guided.outcome import GuidedOutcome
from kneefit.guided.session_plan import Side
from tests.test_guided_screen import _drive

EXERCISE_KEYS = "s skip, b back, p pause, 0 to 10 pain now, q quit, ? help."


def test_the_intro_says_the_session_the_pain_rule_and_when_to_stop() -> None:
    state = _drive()
    assert plain.say(state) == [
        "Today's session: 2 exercises, about 4 minutes.",
        "Before you start: Osteoarthritis: see a doctor or physiotherapist before starting "
        "this routine.",
        "Pain as you go, 0 to 10: 0 to 2 is safe, 3 to 5 acceptable if it settles, above 5 "
        "too much. After each exercise kneefit asks; you can also type a number at any time.",
        "Stop and see a doctor or physiotherapist if your knee locks, gives way, swells or "
        "turns hot and red.",
    ]
    assert plain.prompt(state) == "Press Enter to begin, or type q and Enter to leave."


def test_an_exercise_is_said_once_with_its_steps_then_each_set_and_rest() -> None:
    ready = _drive(ENTER)
    assert plain.say(ready) == [
        "Exercise 1 of 2, strength: Chair squat, 2 sets of 10 reps, rest 60 s between.",
        "How to do it:",
        "1. Sit tall on a chair.",
        "2. Straighten one knee, then lower it slowly.",
        "Form:",
        "- Keep breathing.",
        "Get ready: 10 seconds to get into position.",
    ]
    assert plain.prompt(ready) == f"Press Enter to start now; or type {EXERCISE_KEYS}"
    reps = _drive(ENTER, "n")
    assert plain.say(reps) == [
        "Now set 1 of 2: 10 reps. Pace: slow and controlled: about 2 s up, 2 s down."
    ]
    assert plain.prompt(reps) == f"Press Enter when the set is done; or type {EXERCISE_KEYS}"
    rest = _drive(ENTER, "n", "n")
    assert plain.say(rest) == ["Rest: 1 minute. Next: set 2 of 2."]
    hold = _drive(ENTER, "s", "n")
    assert plain.say(hold) == [
        "Hold, set 1 of 1, first side: 30 seconds. Hold it steady and keep breathing."
    ]
    switch = _drive(ENTER, "s", "n", "n")
    assert plain.say(switch) == ["Switch sides: 5 seconds. Next: set 1 of 1, other side."]
    paused = _drive(ENTER, "s", "n", " ")
    assert plain.say(paused) == ["Paused."]
    assert plain.prompt(paused) == "Press Enter to go on; or type s skip, b back, q quit, ? help."


def test_pain_stops_say_what_happened_and_offer_only_what_there_is() -> None:
    stopped = _drive(ENTER, "n", "7")
    assert plain.say(stopped) == [
        "Chair squat: stopped. Pain 7 is above the acceptable 5, so this exercise stops here.",
        "Too much. Stop the exercise.",
        "Easier variant: Sit to stand, 1 set of 8 reps.",
    ]
    assert plain.prompt(stopped) == (
        "Press Enter to go on; or type e the easier variant, b back, q quit, ? help."
    )
    asked = _drive(ENTER, "n", "7", ENTER, "n", "n", "n", "n")
    assert plain.say(asked)[0].startswith("Wall sit: done. Pain now?")
    # The 7 that stopped the squat is not what Enter alone means now.
    assert plain.prompt(asked) == (
        "Type your pain now, 0 to 10, and Enter; or b back, q quit, ? help."
    )
    second = m.answer_pain(asked, 10, 99.0)
    assert plain.say(second) == [
        "Wall sit: done, but pain 10 is above the acceptable 5.",
        "Too much. Stop the exercise.",
        "That is twice in a row above 5: stop the session here for today.",
    ]
    assert plain.prompt(second) == (
        "Press Enter to stop the session; or type n go on anyway, b back, q quit, ? help."
    )


def test_the_final_questions_and_the_summary() -> None:
    ask = _drive(ENTER, "s", "n", "n", "n", "n", "1")
    assert plain.say(ask) == ["The session is over. Well done.", "Two questions for your log."]
    assert plain.prompt(ask) == (
        "Pain during the session, 0 (none) to 10 (worst): type a number and Enter "
        "(Enter alone: 1, the highest you noted)."
    )
    summary = _drive(ENTER, "s", "n", "n", "n", "n", "1", "3", ENTER, "6", ENTER)
    assert plain.say(summary) == [
        "Summary.",
        "Done (1): Wall sit",
        "Skipped (1): Chair squat",
        "Stopped for pain (0): none",
        "Time: 0.1 min · pain 3/10 · effort 6/10",
    ]
    assert plain.prompt(summary, will_log=False) == "Press Enter to finish (not saved: --no-log)."


@pytest.mark.parametrize(
    ("keys", "typed", "events"),
    [
        ((), "", [ENTER]),
        ((), "Q ", ["q"]),
        ((), "n", None),
        ((ENTER,), "", ["n"]),
        ((ENTER,), "10", [10]),
        ((ENTER,), "p", [" "]),
        ((ENTER, " "), "", [" "]),
        ((ENTER,), "e", None),
        ((ENTER,), "?", ["?"]),
        ((ENTER, "?"), "anything", [ENTER]),
        ((ENTER, "n", "7"), "e", ["e"]),
        ((ENTER, "s", "n", "9"), "e", None),
        ((ENTER, "n", "q"), "y", ["y"]),
        ((ENTER, "n", "q"), "", None),
        ((ENTER, "s", "n", "n", "n", "n", "1"), "10", ["1", "0", ENTER]),
        ((ENTER, "s", "n", "n", "n", "n", "1"), "11", None),
        ((ENTER, "s", "n", "n", "n", "n", "1"), "", [ENTER]),
    ],
)
def test_a_typed_line_means_keys_only_where_they_do_something(
    keys: tuple[str, ...], typed: str, events: list[plain.Event] | None
) -> None:
    assert plain.events(_drive(*keys), typed) == events


def test_a_pain_typed_as_a_number_reaches_ten_and_only_where_pain_is_asked() -> None:
    reps = _drive(ENTER, "n")
    assert m.answer_pain(reps, 10, 5.0).phase is Phase.STOPPED
    assert m.answer_pain(reps, 4, 5.0).current_pain == 4
    intro = _drive()
    assert m.answer_pain(intro, 9, 5.0).phase is Phase.INTRO


def test_a_red_flag_is_asked_for_by_number_and_said_at_the_end() -> None:
    from tests.test_guided_screen import _flagged

    reps = _flagged(ENTER, "n")
    assert plain.prompt(reps) == (
        "Press Enter when the set is done; or type s skip, b back, p pause, 0 to 10 pain now, "
        "q quit, r red flag, ? help."
    )
    assert plain.events(reps, "r") == ["r"]
    asked = _flagged(ENTER, "n", "r")
    assert plain.say(asked) == [
        "Which warning sign? It ends the session, and it is logged.",
        "1. The knee locks and will not straighten",
        "2. Pain and swelling in one calf",
    ]
    assert plain.prompt(asked) == (
        "Type the number of the sign, 1 to 2, and Enter; or c and Enter to carry on (it is "
        "none of these)."
    )
    assert [plain.events(asked, t) for t in ("2", "3", "0", "c", "", "?")] == [
        ["2"],
        None,
        None,
        ["c"],
        None,
        None,
    ]
    assert plain.say(_flagged(ENTER, "n", "r", "1"))[0] == "Stopping here: a red flag."
    summary = _flagged(ENTER, "n", "r", "1", "4", ENTER, "2", ENTER)
    assert plain.say(summary)[-2:] == [
        "STOP: The knee locks and will not straighten.",
        "Stop exercising and see a doctor the same day.",
    ]
    # Without signs to offer, r means nothing.
    assert plain.events(_drive(ENTER), "r") is None


def _run_plain(
    typed: str, quiet: bool = True, ascii_only: bool = False
) -> tuple[GuidedOutcome, str]:
    """The plain loop over a pipe: ``typed`` (all of it at once), a clock that moves a
    second at each look; what it wrote."""
    import io
    import itertools
    import os

    from tests.test_guided_screen import RULE, SQUAT, _planned

    reader, writer = os.pipe()
    os.write(writer, typed.encode())
    os.close(writer)
    ticks = itertools.count()
    out = io.StringIO()
    try:
        result = plain.run_plain(
            [_planned(SQUAT)],
            RULE,
            {},
            stdin_fd=reader,
            stdout=out,
            clock=lambda: float(next(ticks)),
            quiet=quiet,
            ascii_only=ascii_only,
        )
    finally:
        os.close(reader)
    return result, out.getvalue()


def test_the_loop_answers_every_line_and_logs_what_was_done() -> None:
    result, said = _run_plain("\nx\n\n\n\n\n3\n\n4\n\n", quiet=True, ascii_only=True)
    assert (result.pain, result.effort, result.log) == (3, 4, True)
    assert [(e.name, e.blocks_done) for e in result.done] == [("Chair squat", 2)]
    lines = said.splitlines()
    assert lines[:2] == [
        "Today's session: 1 exercise, about 2 minutes.",
        "Pain as you go, 0 to 10: 0 to 2 is safe, 3 to 5 acceptable if it settles, above",
    ]
    # A line that means nothing is answered, and the prompt said again.
    ready = "Press Enter to start now; or type s skip, b back, p pause, 0 to 10 pain now, q"
    assert lines[lines.index("Not a choice here: x") + 1] == ready
    # Each step it came to is said once, in order, ASCII only for a terminal that wants it.
    starts = [line.split(":")[0] for line in lines if line.startswith(("Now set", "Rest"))]
    assert starts == ["Now set 1 of 2", "Rest", "Now set 2 of 2"]
    assert lines[-2:] == [
        "Time: 0.1 min * pain 3/10 * effort 4/10",
        "Press Enter to save this to your log and finish.",
    ]
    assert said.isascii() and "\a" not in said and "\x1b" not in said


def test_the_loop_rings_at_each_change_unless_quiet_and_ends_at_the_end_of_input() -> None:
    with pytest.raises(KeyboardInterrupt):
        _run_plain("\n", quiet=False)  # Enter, then the end of input (Ctrl-D): nothing is logged
    _, said = _run_plain("q\n", quiet=False)
    assert said.count("\a") == 0  # leaving at the first prompt changes nothing to ring for
    _, said = _run_plain("\nq\nn\n", quiet=False)
    assert said.count("\a") == 1  # the exercise's get-ready; the quit question rings not
    assert said.index("Get ready") < said.index("Stop the session here?")


@pytest.mark.parametrize(
    ("ceiling", "plain_words", "screen_words"),
    [
        (2, "0 to 2 is safe, above 2 too much", "  0-2 safe · above 2: too much, stop"),
        (3, "0 to 2 is safe, 3 acceptable if it settles, above 3 too much", "  0-2 safe · 3 "),
        (5, "0 to 2 is safe, 3 to 5 acceptable if it settles", "  0-2 safe · 3-5 acceptable"),
    ],
)
def test_the_pain_bands_follow_the_programs_ceiling(
    ceiling: int, plain_words: str, screen_words: str
) -> None:
    from kneefit.guided import screen
    from tests.test_guided_screen import RULE, SQUAT, _planned

    rule = RULE.model_copy(update={"acceptable_max": ceiling})
    state = m.start(session_plan.build([_planned(SQUAT)], rule, {}), 0.0)
    for key in (ENTER, "n", "n", "n", "n"):
        state = m.press(state, key, 1.0)
    assert state.phase is Phase.PAIN
    assert plain_words in plain.say(state)[0]
    assert screen.lines(state)[6].plain.startswith(screen_words)


def _for_knee(state: m.State, knee: str | None) -> m.State:
    from dataclasses import replace

    return replace(state, plan=replace(state.plan, knee=knee))


def test_a_named_knee_names_the_sides_its_own_first() -> None:
    """--knee left: an exercise done each side starts on the left, and says so."""
    hold = _for_knee(_drive(ENTER, "s", "n"), "left")
    assert plain.say(hold) == [
        "Hold, set 1 of 1, left side: 30 seconds. Hold it steady and keep breathing."
    ]
    switch = _for_knee(_drive(ENTER, "s", "n", "n"), "left")
    assert plain.say(switch) == ["Switch sides: 5 seconds. Next: set 1 of 1, right side."]
    right = _for_knee(_drive(ENTER, "s", "n"), "right")
    assert "set 1 of 1, right side:" in plain.say(right)[0]


@pytest.mark.parametrize(
    ("knee", "first", "other"),
    [
        ("left", "left side", "right side"),
        ("right", "right side", "left side"),
        ("both", "first side", "other side"),
        (None, "first side", "other side"),
    ],
)
def test_side_words(knee: str | None, first: str, other: str) -> None:
    from kneefit.guided.words import side_words

    assert (side_words(Side.FIRST, knee), side_words(Side.OTHER, knee)) == (first, other)


def test_prompts_and_sets_in_spanish() -> None:
    from kneefit.i18n import speaking

    keys = "s saltar, b atrás, p pausa, 0 a 10 dolor ahora, q salir, ? ayuda."
    with speaking("es"):
        assert plain.prompt(_drive()) == (
            "Pulse Enter para empezar, o escriba q y Enter para salir."
        )
        assert plain.prompt(_drive(ENTER)) == f"Pulse Enter para empezar ahora; o escriba {keys}"
        reps = _drive(ENTER, "n")
        assert plain.prompt(reps) == (f"Pulse Enter cuando termine la serie; o escriba {keys}")
        assert plain.say(_drive(ENTER, "n", "n")) == ["Descanso: 1 minuto. Sigue: serie 2 de 2."]
        paused = _drive(ENTER, "s", "n", " ")
        assert plain.say(paused) == ["En pausa."]
        assert plain.prompt(paused) == (
            "Pulse Enter para seguir; o escriba s saltar, b atrás, q salir, ? ayuda."
        )
        assert plain.say(_drive(ENTER, "s", "n", "n"))[0].startswith("Cambie de lado: 5 segundos.")


def test_the_intro_and_a_pain_stop_in_spanish() -> None:
    from kneefit.i18n import speaking

    with speaking("es"):
        intro = plain.say(_drive())
        assert intro[0] == "La sesión de hoy: 2 ejercicios, unos 4 minutos."
        assert intro[2:] == [
            "El dolor mientras avanza, de 0 a 10: de 0 a 2 es seguro, de 3 a 5 es aceptable si se "
            "calma, más de 5 es demasiado. Después de cada ejercicio kneefit le pregunta; "
            "también puede escribir un número en cualquier momento.",
            "Pare y consulte a un médico o fisioterapeuta si su rodilla se traba, se dobla sola, "
            "se hincha o se pone caliente y roja.",
        ]
        ready = plain.say(_drive(ENTER))
        assert ready[1] == "Cómo hacerlo:"
        assert ready[-1] == "Prepárese: 10 segundos para ponerse en posición."


def test_rest_between_sides_in_spanish() -> None:
    from kneefit.i18n import speaking

    with speaking("es"):
        assert plain.say(_drive(ENTER, "s", "n", "n")) == [
            "Cambie de lado: 5 segundos. Sigue: serie 1 de 1, otro lado."
        ]


def test_the_dose_is_said_in_the_run_s_language() -> None:
    """The session names the dose in Spanish in a Spanish run (the log keeps the English)."""
    from kneefit.i18n import speaking

    ready = _drive(ENTER)
    with speaking("es"):
        said = plain.say(ready)
    assert "2 series de 10 repeticiones" in said[0], said[0]
    assert "2 sets of 10 reps" in plain.say(ready)[0]
