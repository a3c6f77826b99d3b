"""kneefit's own words in Spanish in 'log', 'history' and 'checkin': the history's and the
check-ins' renderers by exact text in both languages, each command run with --lang es and
the English left in what it prints measured, and the log kept as data (a session logged in
Spanish reads in English)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from kneefit import i18n
from kneefit.log.checkin import CheckIn
from kneefit.models import LoggedExercise, Session, SessionDose
from kneefit.render.common import RenderOptions
from kneefit.render.markdown import MarkdownRenderer
from kneefit.render.text import TextRenderer
from tests.conftest import Invoke
from tests.test_i18n import english_share

SESSIONS = (
    Session(
        date=date(2026, 3, 2),
        pain=2,
        effort=6,
        next_morning_pain=1,
        knee="left",
        exercises=(
            LoggedExercise(
                id="wall-sit",
                name="Wall sit",
                dose=SessionDose(sets=2, reps=8, hold_seconds=10, rest_seconds=45),
            ),
        ),
    ),
    Session(date=date(2026, 3, 4), pain=3, effort=4, red_flags=("knee locked",), notes="stairs"),
)
CHECKINS = (
    CheckIn(date(2026, 3, 1), 4, (("stairs", 5), ("kneel", 2)), 11, knee_bend=110, walk_40m=31.5),
)

HISTORY_EN = """\
kneefit: your sessions
======================

2026-03-02: pain 2/10, effort 6/10, next morning 1/10
    Exercises: Wall sit
    Notes: left knee

2026-03-04: pain 3/10, effort 4/10, next morning -
    Exercises: -
    Notes: RED FLAG: knee locked; stairs

Pain (P) and effort (E) by session, 0 to 10:
2026-03-02  P ##........  2   E ######....  6  next morning 1
2026-03-04  P ###.......  3   E ####......  4

Check-ins:
  2026-03-01  pain over the last week 4/10; PSFS 3.5 (stairs 5, kneel 2); 11
              chair stands; knee bend 110 degrees; 40-m fast-paced walk 31.5 s
"""

HISTORY_ES = """\
kneefit: sus sesiones
=====================

2 de marzo de 2026: dolor 2/10, esfuerzo 6/10, mañana siguiente 1/10
    Ejercicios: Wall sit
    Notas: rodilla izquierda

4 de marzo de 2026: dolor 3/10, esfuerzo 4/10, mañana siguiente -
    Ejercicios: -
    Notas: SEÑAL DE ALARMA: knee locked; stairs

Dolor (D) y esfuerzo (E) por sesión, de 0 a 10:
2026-03-02  D ##........  2   E ######....  6  mañana siguiente 1
2026-03-04  D ###.......  3   E ####......  4

Controles:
  2026-03-01  dolor en la última semana 4/10; PSFS 3,5 (stairs 5, kneel 2); se
              levantó de la silla 11 veces; la rodilla se dobla 110 grados;
              caminata rápida de 40 m 31,5 s
"""


@pytest.mark.parametrize(("language", "expected"), [("en", HISTORY_EN), ("es", HISTORY_ES)])
def test_history_text_in_both_languages(language: str, expected: str) -> None:
    renderer = TextRenderer(RenderOptions(width=78, ascii_only=True))
    with i18n.speaking(language):
        assert renderer.history(SESSIONS) + renderer.checkins(CHECKINS) == expected


def _table(*rows: str) -> str:
    """Markdown table rows, each ending in the two spaces the renderer writes."""
    return "".join(f"{row}  \n" for row in rows)


CHECKINS_MD_EN = "\n## Check-ins\n\n" + _table(
    "| Date | Week's pain (NPRS) | PSFS average | Chair stands (30 s) | PSFS activities "
    "| Knee bend (deg) | 40-m walk (s) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    "| 2026-03-01 | 4 | 3.5 | 11 | stairs 5; kneel 2 | 110 | 31.5 |",
)

CHECKINS_MD_ES = "\n## Controles\n\n" + _table(
    "| Fecha | Dolor de la semana (NPRS) | Promedio PSFS | Levantarse de la silla (30 s) "
    "| Actividades PSFS | Doblar la rodilla (grados) | Caminata de 40 m (s) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    "| 2026-03-01 | 4 | 3,5 | 11 | stairs 5; kneel 2 | 110 | 31,5 |",
)


@pytest.mark.parametrize(("language", "expected"), [("en", CHECKINS_MD_EN), ("es", CHECKINS_MD_ES)])
def test_checkins_markdown_in_both_languages(language: str, expected: str) -> None:
    with i18n.speaking(language):
        assert MarkdownRenderer(RenderOptions()).checkins(CHECKINS) == expected


def test_empty_history_in_spanish() -> None:
    with i18n.speaking("es"):
        text = TextRenderer(RenderOptions(width=78)).history(())
        markdown = MarkdownRenderer(RenderOptions()).history(())
    assert (
        text
        == "kneefit: sus sesiones\n=====================\nTodavía no hay sesiones en el registro.\n"
    )
    assert markdown == "# kneefit: sus sesiones\n\nTodavía no hay sesiones en el registro.\n"


CHECKIN_ARGS = (
    "checkin",
    "--date",
    "2026-11-10",
    "--pain",
    "4",
    "--activity",
    "stairs=5",
    "--chair-stands",
    "11",
    "--knee-bend",
    "110",
    "--walk-40m",
    "31.5",
    "--knee",
    "both",
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Checked in on 2026-11-10 (both knees): week's pain 4/10; PSFS stairs 5/10; 11 chair "
            "stands; knee bend 110 degrees; 40-m fast-paced walk 31.5 s.\n",
        ),
        (
            "es",
            "Control del 10 de noviembre de 2026 (las dos rodillas): dolor de la semana 4/10; "
            "PSFS stairs 5/10; se levantó de la silla 11 veces; la rodilla se dobla 110 grados; "
            "caminata rápida de 40 m 31,5 s.\n",
        ),
    ],
)
def test_a_checkin_says_what_it_recorded_in_both_languages(
    cli: Invoke, pinned_today: date, language: str, expected: str
) -> None:
    done = cli(*CHECKIN_ARGS, "--lang", language)
    assert (done.code, done.stdout, done.stderr) == (0, expected, "")
    replaced = cli("checkin", "--date", "2026-11-10", "--pain", "3", "--lang", language)
    assert replaced.stdout.startswith(
        "Replaced the check-in of 2026-11-10: " if language == "en" else "Se reemplazó el control"
    )


def _share(*texts: str) -> float:
    """The English words' share of ``texts`` (typer's own usage lines aside)."""
    kept = [
        line
        for text in texts
        for line in text.splitlines()
        if not line.startswith(("Usage: ", "Try 'kneefit"))
    ]
    flat = "\n".join(kept).replace("Error: Invalid value for", "Error:")
    flat = flat.replace("Error: Invalid value:", "Error:")
    english, total = english_share(flat)
    assert total > 0
    return english / total


def test_log_speaks_spanish(cli: Invoke, pinned_today: date, tmp_path: Path) -> None:
    said: list[str] = []

    def run(*args: str, code: int = 0) -> None:
        done = cli(*args, "--lang", "es")
        assert done.code == code, done.stderr
        said.extend((done.stdout, done.stderr))

    run("log", code=2)
    run("log", "--pain", "7", "--effort", "5", "-x", "wall sit", "--date", "2026-11-16")
    run("log", "--next-morning", "1")
    run("log", "--next-morning", "1", "--date", "2026-11-01", code=1)
    run("log", "--walked", "30")
    run("log", "--walked", "20", "--notes", "x", code=2)
    run(
        "log", "--pain", "3", "--effort", "4", "--red-flag", "la rodilla se trabó", "--knee", "left"
    )
    run("log", "--cleared", "Dra. Pérez: un esguince, siga con cuidado")
    run("log", "--pain", "2", "--date", "2030-01-01", code=2)
    exported = str(tmp_path / "log.json")
    run("log", "export", "-o", exported)
    run("log", "import", exported)
    run("log", "forget", code=2)
    joined = "".join(said)
    assert "Se anotó el 16 de noviembre de 2026: dolor 7/10, esfuerzo 5/10, 1 ejercicio." in joined
    assert "ALTO: usted anotó una señal de alarma (la rodilla se trabó)." in joined
    assert "Se importaron 0 sesiones" in joined
    assert _share(*said) < 0.02, joined


def test_history_speaks_spanish(cli: Invoke, pinned_today: date) -> None:
    for args in (
        ("log", "--pain", "2", "--effort", "6", "-x", "wall sit", "--knee", "left"),
        ("log", "--walked", "30"),
        ("log", "--pain", "3", "--effort", "4", "--red-flag", "la rodilla se trabó"),
        ("log", "--cleared", "Dra. Pérez: un esguince, siga con cuidado"),
        (*CHECKIN_ARGS[:-2], "--date", "2026-11-12"),
    ):
        assert cli(*args).code == 0
    for fmt in ("text", "table", "markdown"):
        for extra in ((), ("--checkins",), ("--limit", "1")):
            done = cli("history", "-f", fmt, *extra, "--lang", "es")
            assert done.code == 0, done.stderr
            assert "sesiones" in done.stdout or "Controles" in done.stdout
            assert _share(done.stdout, done.stderr) < 0.02, (fmt, extra, done.stdout)
    refused = cli("history", "-f", "html", "--lang", "es")
    assert refused.code == 2
    assert "el formato html no sirve para el historial de sesiones" in refused.stderr


def test_checkin_speaks_spanish(cli: Invoke, pinned_today: date) -> None:
    said = [cli(*CHECKIN_ARGS, "--lang", "es")]
    said.append(cli("checkin", "--lang", "es"))
    said.append(cli("checkin", "--activity", "subir escaleras=11", "--lang", "es"))
    said.append(
        cli(
            "checkin",
            "--activity",
            "a=1",
            "--activity",
            "b=1",
            "--activity",
            "c=1",
            "--activity",
            "d=1",
            "--lang",
            "es",
        )
    )
    assert [d.code for d in said] == [0, 2, 2, 2]
    assert _share(*(t for d in said for t in (d.stdout, d.stderr))) < 0.02


def test_a_session_logged_in_spanish_reads_in_english(cli: Invoke, pinned_today: date) -> None:
    logged = cli(
        "log",
        "--pain",
        "2",
        "--effort",
        "6",
        "-x",
        "sentadilla en la pared (parcial)",
        "--knee",
        "both",
        "--lang",
        "es",
    )
    assert logged.code == 0, logged.stderr
    assert cli("checkin", "--pain", "4", "--chair-stands", "9", "--lang", "es").code == 0
    english = cli("history", "-f", "text", "--lang", "en").stdout
    assert "2026-11-18: pain 2/10, effort 6/10, next morning -" in english
    assert "Exercises: Wall sit (partial)" in english
    assert "Notes: both knees" in english
    assert "pain over the last week 4/10; 9 chair stands" in english
    exported = json.loads(cli("log", "export").stdout)
    assert exported["sessions"][0]["exercises"][0]["name"] == "Wall sit (partial)"
    assert exported["sessions"][0]["knee"] == "both"


def _at_a_terminal(
    home: Path, args: list[str], talk: list[tuple[bytes, bytes]], end: bytes
) -> bytes:
    """Run kneefit in Spanish with a pseudo-terminal for its input and output: for each
    (prompt, answer), wait for the prompt and type the answer; all it wrote, to ``end``."""
    import os
    import pty
    import subprocess

    from tests.conftest import clean_env
    from tests.test_checkin import _read_until

    script = Path(sys.executable).with_name("kneefit")
    main, child = pty.openpty()
    env = clean_env(KNEEFIT_HOME=str(home), KNEEFIT_CACHE_DIR=str(home / "c"))
    process = subprocess.Popen(
        [str(script), *args, "--lang", "es"], stdin=child, stdout=child, stderr=child, env=env
    )
    os.close(child)
    seen = bytearray()
    try:
        for prompt, answer in talk:
            _read_until(main, prompt, seen)
            os.write(main, answer)
        _read_until(main, end, seen)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main)
    return bytes(seen)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_checkin_asks_in_spanish_on_a_terminal(tmp_path: Path) -> None:
    seen = _at_a_terminal(
        tmp_path,
        ["checkin", "--date", "2026-03-02"],
        [
            (b"a 10 (el peor) [0-10, Enter para saltar]: ", b"12\n"),
            ("Escriba un número entero de 0 a 10.".encode(), b"5\n"),
            ("Otra actividad (Enter si no hay más): ".encode(), b"subir escaleras\n"),
            (b"subir escaleras [0-10", b"4\n"),
            ("Otra actividad (Enter si no hay más): ".encode(), b"\n"),
            (b"brazos cruzados [0-60", b"10\n"),
        ],
        b"10 veces.",
    ).decode()
    assert "Control (pulse Enter para saltar una pregunta)." in seen
    assert (
        "Control del 2 de marzo de 2026: dolor de la semana 5/10; PSFS subir escaleras 4/10; "
        "se levantó de la silla 10 veces." in seen
    )


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_forget_takes_a_spanish_yes(tmp_path: Path) -> None:
    from kneefit.log.sqlite import FILE_NAME

    assert _at_a_terminal(tmp_path, ["log", "--pain", "1", "--effort", "1"], [], b"N\r\n")
    asked = [(b"[s/N]: ", "sí\n".encode())]
    seen = _at_a_terminal(tmp_path, ["log", "forget"], asked, b"sqlite3.\r\n").decode()
    assert "¿Borrar el registro de sesiones" in seen and "Se borró" in seen
    assert not (tmp_path / FILE_NAME).exists()
