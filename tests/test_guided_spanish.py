"""The guided session in English and Spanish: the same screens, exact text, in both
languages (the English as it always was); the Spanish screens of a real session hold
under 2% English; and ``kneefit start --plain --lang es`` run whole in a pseudo-terminal."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kneefit import i18n, vocabulary
from kneefit.catalogue import Catalogue
from kneefit.guided import machine as m
from kneefit.guided import plain, screen, session_plan
from kneefit.guided.machine import ENTER, State
from kneefit.guided.outcome import outcome
from kneefit.guided.words import summary_lines
from kneefit.models import PlanRequest
from tests.conftest import plan_routine, run
from tests.test_guided_screen import _bar, _drive, _flagged, _screen, _text
from tests.test_i18n import english_share, own_words
from tests.test_start import Terminal, _open, _today_items, env, terminals

__all__ = ["env", "terminals"]  # test_start's fixtures, used here

#: Each screen, by language: the full screen at 80x24 after the keys in SCREEN_KEYS.
SCREENS = {
    "en": {
        "intro": _screen(
            "kneefit start                                                          time 0:00",
            _bar(0, 0),
            "",
            "Today's session: 2 exercises, about 4 minutes.",
            "",
            "Before you start:",
            "  ! Osteoarthritis: see a doctor or physiotherapist before starting this",
            "    routine.",
            "",
            "Pain as you go, 0 to 10: up to 2 is safe, up to 5 acceptable if it settles;",
            "above 5 stop. After each exercise kneefit asks; press a number any time.",
            "Stop and see a doctor or physiotherapist if your knee locks, gives way, swells",
            "or turns hot and red.",
            "",
            "Press Enter to begin, q to leave.",
            keys="Enter begin · q leave · ? help",
        ),
        "ready": _screen(
            "kneefit start · exercise 1 of 2 · Strength                             time 0:00",
            _bar(0, 0),
            "",
            "Chair squat                                                            get ready",
            "2 sets of 10 reps, rest 60 s between",
            "",
            "GET READY  0:10",
            "Get into position. n: start now.",
            "",
            "How to do it:",
            "  1. Sit tall on a chair.",
            "  2. Straighten one knee, then lower it slowly.",
            "Form:",
            "  - Keep breathing.",
            keys="space pause · n done · s skip · b back · 0-9 pain · q quit · ? help",
        ),
        "reps": _screen(
            "kneefit start · exercise 1 of 2 · Strength                             time 0:14",
            _bar(0, 0),
            "",
            "Chair squat                                                           set 1 of 2",
            "2 sets of 10 reps, rest 60 s between",
            "",
            "10 REPS  0:13",
            "Pace: slow and controlled: about 2 s up, 2 s down. n or Enter: set done.",
            "",
            "How to do it:",
            "  1. Sit tall on a chair.",
            "  2. Straighten one knee, then lower it slowly.",
            "Form:",
            "  - Keep breathing.",
            keys="space pause · n done · s skip · b back · 0-9 pain · q quit · ? help",
        ),
        "pain": _screen(
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
        ),
        "stopped": _screen(
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
        ),
        "twice": _screen(
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
        ),
        "quit": _screen(
            "kneefit start · exercise 1 of 2 · Strength                             time 0:02",
            _bar(0, 0),
            "",
            "Stop the session here?",
            "",
            "  y, n  stop (nothing is done yet, so nothing is logged)",
            "  c     carry on where you were",
            keys="y · n · c",
        ),
        "help": _screen(
            "kneefit start · exercise 1 of 1 · Strength                             time 0:01",
            _bar(0, 0),
            "",
            "Keys",
            "",
            "  space   pause, and go on again",
            "  n       this set is done (or: end a countdown now)",
            "  Enter   a set of reps is done; at a question, the answer",
            "  s       skip this exercise (it is logged as skipped)",
            "  b       back one exercise, to do it again",
            "  0-9     pain now, on 0 to 10; above the acceptable level it stops the exercise",
            "  e       after a pain stop, the easier variant in its place (where there is",
            "          one)",
            "  q       stop the session (it asks whether to log what you did)",
            "  r       a red flag: a warning sign such as a locked knee; it ends the session",
            "  ?       this help; any key closes it",
            "  Ctrl-C  leave at once: nothing is logged",
            "",
            "The clock waits while this shows. Press any key to go back.",
            keys="any key: back",
        ),
        "summary": _screen(
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
        ),
    },
    "es": {
        "intro": _screen(
            "kneefit start                                                        tiempo 0:00",
            _bar(0, 0),
            "",
            "La sesión de hoy: 2 ejercicios, unos 4 minutos.",
            "",
            "Antes de empezar:",
            "  ! Osteoarthritis: see a doctor or physiotherapist before starting this",
            "    routine.",
            "",
            "El dolor mientras avanza, de 0 a 10: hasta 2 es seguro, hasta 5 es aceptable si",
            "se calma; con más de 5, pare. Después de cada ejercicio kneefit le pregunta;",
            "pulse un número en cualquier momento.",
            "Pare y consulte a un médico o fisioterapeuta si su rodilla se traba, se dobla",
            "sola, se hincha o se pone caliente y roja.",
            "",
            "Pulse Enter para empezar, q para salir.",
            keys="Enter empezar  q salir  ? ayuda",
        ),
        "ready": _screen(
            "kneefit start · ejercicio 1 de 2 · Fortalecimiento                   tiempo 0:00",
            _bar(0, 0),
            "",
            "Chair squat                                                            prepárese",
            "2 series de 10 repeticiones, descanse 60 s entre series",
            "",
            "PREPÁRESE  0:10",
            "Póngase en posición. n: empezar ahora.",
            "",
            "Cómo hacerlo:",
            "  1. Sit tall on a chair.",
            "  2. Straighten one knee, then lower it slowly.",
            "Técnica:",
            "  - Keep breathing.",
            keys="espacio pausa  n hecho  s saltar  b atrás  0-9 dolor  q salir  ? ayuda",
        ),
        "reps": _screen(
            "kneefit start · ejercicio 1 de 2 · Fortalecimiento                   tiempo 0:14",
            _bar(0, 0),
            "",
            "Chair squat                                                         serie 1 de 2",
            "2 series de 10 repeticiones, descanse 60 s entre series",
            "",
            "10 REPETICIONES  0:13",
            "Ritmo: despacio y con control: unos 2 s para subir, 2 s para bajar. n o Enter:",
            "serie terminada.",
            "",
            "Cómo hacerlo:",
            "  1. Sit tall on a chair.",
            "  2. Straighten one knee, then lower it slowly.",
            "Técnica:",
            "  - Keep breathing.",
            keys="espacio pausa  n hecho  s saltar  b atrás  0-9 dolor  q salir  ? ayuda",
        ),
        "pain": _screen(
            "kneefit start · ejercicio 1 de 2 · Fortalecimiento                   tiempo 0:04",
            _bar(38, 50),
            "",
            "Chair squat                                                            terminado",
            "",
            "¿Dolor ahora? Pulse 0-9, o Enter para seguir.",
            "  0-2 seguro · 3-5 aceptable · más de 5: demasiado, pare",
            "",
            "Sigue: Wall sit (mantenga 30 s, por lado)",
            keys="0-9 dolor  Enter seguir  b atrás  q salir  ? ayuda",
        ),
        "stopped": _screen(
            "kneefit start · ejercicio 1 de 2 · Fortalecimiento                   tiempo 0:02",
            _bar(38, 50),
            "",
            "Chair squat                                                             detenido",
            "",
            "El dolor 7/10 está por encima del 5/10 aceptable, así que este ejercicio termina",
            "aquí.",
            "Too much. Stop the exercise.",
            "",
            "Variante más fácil: Sit to stand (1 serie de 8 repeticiones). Pulse e para",
            "hacerla ahora, en su lugar; Enter para seguir sin ella.",
            "",
            "Sigue: Wall sit (mantenga 30 s, por lado)",
            keys="e más fácil  Enter seguir  b atrás  q salir  ? ayuda",
        ),
        "twice": _screen(
            "kneefit start · ejercicio 2 de 2 · Fortalecimiento                   tiempo 0:04",
            _bar(75, 100),
            "",
            "Wall sit                                                                detenido",
            "",
            "El dolor 8/10 está por encima del 5/10 aceptable, así que este ejercicio termina",
            "aquí.",
            "Too much. Stop the exercise.",
            "",
            "Son dos veces seguidas por encima de 5/10: pare la sesión aquí por hoy. Pulse",
            "Enter para parar (dos preguntas, y después se anota).",
            "O pulse n para seguir con el próximo ejercicio de todos modos.",
            "",
            "Sigue: el final de la sesión.",
            keys="Enter parar aquí  n seguir  b atrás  q salir  ? ayuda",
        ),
        "quit": _screen(
            "kneefit start · ejercicio 1 de 2 · Fortalecimiento                   tiempo 0:02",
            _bar(0, 0),
            "",
            "¿Parar la sesión aquí?",
            "",
            "  y, n  parar (todavía no hizo nada, así que no se anota nada)",
            "  c     continuar donde estaba",
            keys="y  n  c",
        ),
        "help": _screen(
            "kneefit start · ejercicio 1 de 1 · Fortalecimiento                   tiempo 0:01",
            _bar(0, 0),
            "",
            "Teclas",
            "",
            "  espacio pausa, y seguir otra vez",
            "  n       esta serie está hecha (o: terminar ya una cuenta atrás)",
            "  Enter   una serie de repeticiones terminada; en una pregunta, la respuesta",
            "  s       saltar este ejercicio (se anota como saltado)",
            "  b       volver un ejercicio atrás, para hacerlo otra vez",
            "  0-9     dolor ahora, de 0 a 10; por encima del nivel aceptable, el ejercicio",
            "          se detiene",
            "  e       después de parar por dolor, la variante más fácil en su lugar (si la",
            "          hay)",
            "  q       parar la sesión (pregunta si anotar lo que hizo)",
            "  r       una señal de alarma, como una rodilla que se traba; termina la sesión",
            "  ?       esta ayuda; cualquier tecla la cierra",
            "  Ctrl-C  salir enseguida: no se anota nada",
            "",
            "El reloj espera mientras esto se muestra. Pulse cualquier tecla para volver.",
            keys="cualquier tecla: volver",
        ),
        "summary": _screen(
            "kneefit start · ejercicio 1 de 1 · Fortalecimiento                   tiempo 0:02",
            _bar(75, 100),
            "",
            "Resumen",
            "",
            "Hechos (0): ninguno",
            "Saltados (0): ninguno",
            "Parados por dolor (0): ninguno",
            "No alcanzados (1): Chair squat",
            "Tiempo: 0 min · dolor 4/10 · esfuerzo 2/10",
            "",
            "PARE: The knee locks and will not straighten.",
            "Stop exercising and see a doctor the same day.",
            "",
            "Pulse Enter para guardar esto en su registro y terminar.",
            keys="Enter terminar",
        ),
    },
}

#: How to reach each screen: the fixture (two exercises; or one, with two red flags) and
#: the keys (a number is seconds of the clock running).
SCREEN_KEYS: dict[str, tuple[str, tuple[str | float, ...]]] = {
    "intro": ("drive", ()),
    "ready": ("drive", (ENTER,)),
    "reps": ("drive", (ENTER, "n", 12.0)),
    "pain": ("drive", (ENTER, "n", "n", "n", "n")),
    "stopped": ("drive", (ENTER, "n", "7")),
    "twice": ("drive", (ENTER, "n", "7", ENTER, "8")),
    "quit": ("drive", (ENTER, "n", "q")),
    "help": ("flagged", (ENTER, "?")),
    "summary": ("flagged", (ENTER, "n", "r", "1", "4", ENTER, "2", ENTER)),
}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", sorted(SCREEN_KEYS))
def test_each_screen_in_each_language(name: str, language: str) -> None:
    how, keys = SCREEN_KEYS[name]
    with i18n.speaking(language):
        if how == "drive":
            state = _drive(*keys)
        else:
            state = _flagged(*(k for k in keys if isinstance(k, str)))
        assert _text(state) == SCREENS[language][name]


@pytest.mark.parametrize(
    ("language", "skipped", "noted", "retype"),
    [
        (
            "en",
            "Skipped Chair squat.",
            "Pain 3/10 noted.",
            "Type a number for your pain now, 0 to 9.",
        ),
        (
            "es",
            "Saltado: Chair squat.",
            "Dolor 3/10 anotado.",
            "Escriba un número para su dolor ahora, de 0 a 9.",
        ),
    ],
)
def test_what_a_key_did_in_each_language(
    language: str, skipped: str, noted: str, retype: str
) -> None:
    with i18n.speaking(language):
        assert screen.lines(_drive(ENTER, "s"))[-2].plain == skipped
        assert screen.lines(_drive(ENTER, "n", "3"))[-2].plain == noted
        assert _drive(ENTER, "n", "7", ENTER, "n", "n", "n", "n", ENTER).message == retype


@pytest.mark.parametrize(
    ("language", "ready", "reps", "summary"),
    [
        (
            "en",
            [
                "Exercise 1 of 2, strength: Chair squat, 2 sets of 10 reps, rest 60 s between.",
                "How to do it:",
                "1. Sit tall on a chair.",
                "2. Straighten one knee, then lower it slowly.",
                "Form:",
                "- Keep breathing.",
                "Get ready: 10 seconds to get into position.",
            ],
            "Now set 1 of 2: 10 reps. Pace: slow and controlled: about 2 s up, 2 s down.",
            [
                "Summary.",
                "Done (0): none",
                "Skipped (0): none",
                "Stopped for pain (0): none",
                "Not reached (1): Chair squat",
                "Time: 0 min · pain 4/10 · effort 2/10",
                "STOP: The knee locks and will not straighten.",
                "Stop exercising and see a doctor the same day.",
            ],
        ),
        (
            "es",
            [
                "Ejercicio 1 de 2, fortalecimiento: Chair squat, 2 series de 10 "
                "repeticiones, descanse 60 s entre series.",
                "Cómo hacerlo:",
                "1. Sit tall on a chair.",
                "2. Straighten one knee, then lower it slowly.",
                "Técnica:",
                "- Keep breathing.",
                "Prepárese: 10 segundos para ponerse en posición.",
            ],
            "Ahora serie 1 de 2: 10 repeticiones. Ritmo: despacio y con control: unos 2 s "
            "para subir, 2 s para bajar.",
            [
                "Resumen.",
                "Hechos (0): ninguno",
                "Saltados (0): ninguno",
                "Parados por dolor (0): ninguno",
                "No alcanzados (1): Chair squat",
                "Tiempo: 0 min · dolor 4/10 · esfuerzo 2/10",
                "PARE: The knee locks and will not straighten.",
                "Stop exercising and see a doctor the same day.",
            ],
        ),
    ],
)
def test_plain_lines_in_each_language(
    language: str, ready: list[str], reps: str, summary: list[str]
) -> None:
    with i18n.speaking(language):
        assert plain.say(_drive(ENTER)) == ready
        assert plain.say(_drive(ENTER, "n")) == [reps]
        assert plain.say(_flagged(ENTER, "n", "r", "1", "4", ENTER, "2", ENTER)) == summary


def test_a_wide_dose_wraps_instead_of_being_cut_short() -> None:
    """A Spanish dose is often longer than an English one: on a narrow screen it wraps."""
    with i18n.speaking("es"):
        drawn = [line.plain for line in screen.lines(_drive(ENTER), width=40)]
    assert drawn[4:6] == ["2 series de 10 repeticiones, descanse 60", "s entre series"]


#: Keys that take a session through every screen it has: help, a pause, a timed set, pain
#: noted, a set of reps, a paused rest, a skip, two pain stops in a row, the quit and
#: red-flag questions put off, the end for pain, the two questions, the summary.
THROUGH = [
    ENTER, "?", "x", " ", " ", "n", "3", "n", "2", "n", "n", "8", ENTER, "s", "n", "n",
    " ", " ", "n", "9", "q", "c", "r", "c", ENTER, "4", ENTER, "5", ENTER,
]  # fmt: skip
#: And a red flag noted during an exercise, to its summary.
FLAGGED = [ENTER, "n", "r", "1", ENTER, "3", ENTER, "2", ENTER]


def _states(catalogue: Catalogue) -> list[State]:
    """Every state of two sessions of today's arthritis plan, for the left knee, with the
    catalogue in Spanish: one through THROUGH, one through FLAGGED."""
    from kneefit.catalogue.translations import in_language
    from kneefit.guided.session_plan import easier_variants, session_red_flags

    spanish = in_language(catalogue, "es")
    request = PlanRequest(
        conditions=("arthritis",), equipment=vocabulary.equipment(["all"]), minutes=30
    )
    routine = plan_routine(spanish, request)
    items = [item for section in routine.sections for item in section.items]
    plan = session_plan.build(
        items,
        spanish.safety.pain_rule,
        easier_variants(spanish, routine),
        [],
        session_red_flags(spanish.safety.red_flags),
        "left",
    )
    states: list[State] = []
    for keys in (THROUGH, FLAGGED):
        state = m.start(plan, 0.0)
        states.append(state)
        for number, key in enumerate(keys, 1):
            state = m.press(state, key, float(number))
            states.append(state)
    return states


def test_a_spanish_session_is_under_2_percent_english(catalogue: Catalogue) -> None:
    """Every screen of a real session, full and plain, in Spanish: kneefit's own words
    (the catalogue's, which its translation layer turns, aside) are at most 2% English."""
    with i18n.speaking("es"):  # the machine words what a key did as it is pressed
        states = _states(catalogue)
        full = "\n".join(line.plain for s in states for line in screen.lines(s))
        said = "\n".join(
            [*(line for s in states for line in plain.say(s)), *map(plain.prompt, states)]
        )
        summary = "\n".join(summary_lines(outcome(states[-1]), 80))
    phases = {s.phase for s in states}
    assert phases == set(m.Phase) - {m.Phase.DONE}, set(m.Phase) - phases
    assert any(s.help for s in states) and any(s.message for s in states)
    for text in (full, said, summary):
        english, total = english_share(own_words(text))
        assert total > 50
        assert english / total < 0.02, (english, total)
    # The category words are the ones 'list --lang es' uses.
    assert "ejercicio 1 de " in full and "Ejercicio aeróbico" in full


def test_plain_start_in_spanish_runs_a_whole_session_and_logs_it_in_english(
    catalogue: Catalogue, env: dict[str, str], terminals: list[Terminal], pinned_today: date
) -> None:
    """``kneefit start --plain --lang es`` as a person runs it: Spanish from the first line
    to the last (the date in words), and a log in English, as a session in English logs."""
    first, second = _today_items(catalogue)[:2]
    term = _open(terminals, ["start", "-c", "arthritis", "--plain", "--lang", "es"], env)
    term.expect("La sesión de hoy:")
    term.expect("Pulse Enter para empezar, o escriba q y Enter para salir.")
    term.send("\r")
    term.expect("Ejercicio 1 de ")
    term.expect("Cómo hacerlo:")
    term.expect("Pulse Enter para empezar ahora;")
    term.send("s\r")
    term.expect("Saltado: ")
    term.expect("Ejercicio 2 de ")
    term.expect("Pulse Enter para empezar ahora;")
    term.send("\r\r")  # start the first set, and say it is done
    term.expect("Pulse Enter para seguir ahora;")
    term.send("q\r")
    term.expect("¿Parar la sesión aquí?")
    term.send("y\r")
    term.expect("Dolor durante la sesión, de 0 (nada) a 10 (el peor)")
    term.send("2\r")
    term.expect("¿Cuánto esfuerzo le costó")
    term.send("4\r")
    term.expect("Resumen.")
    term.expect("Saltados (1): ")
    term.expect("Pulse Enter para guardar esto en su registro y terminar.")
    term.send("\r")
    term.expect(f"Anotado el {pinned_today.day} de noviembre de 2026: dolor 2/10, esfuerzo 4/10")
    term.expect("Mañana, anote el dolor de la mañana: kneefit log --next-morning N")
    assert term.wait() == 0
    english, total = english_share(own_words(term.text))
    assert total > 100
    assert english / total < 0.02, (english, total)
    history = run(["history", "-f", "json"], env=env)
    (logged,) = json.loads(history.stdout)["sessions"]
    # The log keeps English, whatever the language of the session.
    assert logged["notes"].startswith("Guided session (kneefit start), ")
    assert f"Skipped: {first.exercise.name}." in logged["notes"]
    assert [e["name"] for e in logged["exercises"]] == [second.exercise.name]


def test_a_red_flag_on_the_spanish_full_screen_is_logged_in_english(
    catalogue: Catalogue, env: dict[str, str], terminals: list[Terminal]
) -> None:
    """The full screen in Spanish, to a red flag: the sign is chosen in Spanish, the log
    keeps the catalogue's English words for it, and 'start' then stops in Spanish."""
    from kneefit.catalogue.translations import in_language
    from kneefit.guided.session_plan import session_red_flags

    english = session_red_flags(catalogue.safety.red_flags)[0]
    spanish = session_red_flags(in_language(catalogue, "es").safety.red_flags)[0]
    shown = spanish.handout_sign or spanish.sign
    term = _open(terminals, ["start", "-c", "arthritis", "--quiet", "--lang", "es"], env)
    term.expect("Pulse Enter para empezar, q para salir.")
    term.send("\r")
    term.expect("PREPÁRESE")
    term.send("r")
    term.expect("¿Qué señal de alarma?")
    term.send("1")
    term.expect("Se para aquí: una señal de alarma.")
    term.send("1\r1\r")
    term.expect(f"PARE: {shown.split()[0]} ")  # the rest may be on the next line
    term.send("\r")
    term.expect("kneefit no planea ejercicios hasta que usted anote")
    assert term.wait() == 0
    (session,) = json.loads(run(["history", "-f", "json"], env=env).stdout)["sessions"]
    assert session["red_flags"] == [english.handout_sign or english.sign] != [shown]
    again = run(["start", "-c", "arthritis", "--lang", "es"], env=env, stdin="")
    assert again.code == 0 and again.stdout.startswith("PARE: "), again.stdout
    assert "'kneefit start' no hará ninguna sesión hasta entonces." in again.stdout
