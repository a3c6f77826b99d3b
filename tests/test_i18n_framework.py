"""click's and typer's own words (``Usage:``, ``Options``, ``Show this message and exit.``,
their usage errors) in the run's language, said by kneefit (kneefit.cli.framework); in
English exactly as click and typer print them. The English differs between typer's
versions (before 0.26 it uses click, then a copy of its own): these tests hold for both."""

from __future__ import annotations

import re
import sys
from types import SimpleNamespace

import pytest

from kneefit.cli import framework
from kneefit.i18n import speaking
from tests.conftest import Invoke, clean_env, run_child
from tests.test_i18n import english_share

#: The framework's English words a Spanish run must not show.
FRAMEWORK = (
    "Usage:",
    "[OPTIONS]",
    "Options:",
    "Commands:",
    "Show this message and exit.",
    "Install completion for the current shell.",
    "Try '",
    "default:",
    "Invalid value",
)


def test_plan_help_in_spanish_has_the_frameworks_words_in_spanish(cli: Invoke) -> None:
    done = cli("plan", "--help", "--lang", "es")
    assert (done.code, done.stderr) == (0, "")
    assert done.stdout.startswith("Uso: kneefit plan [OPCIONES]\n")
    assert "\nOpciones:\n" in done.stdout
    assert re.search(r"\n  -h, --help +Mostrar este mensaje y salir\.\n", done.stdout)
    # typer's bracket after an option's help: its words translated, the range kept.
    assert re.search(r"\[por defecto: 1; 1<=x<=12\]", done.stdout)
    for english in FRAMEWORK:
        assert english not in done.stdout, english


def test_root_help_in_spanish_has_the_frameworks_words_in_spanish(cli: Invoke) -> None:
    done = cli("--help", "--lang", "es")
    assert (done.code, done.stderr) == (0, "")
    assert done.stdout.startswith("Uso: kneefit [OPCIONES] COMANDO [ARGUMENTOS]...\n")
    assert "\nComandos:\n" in done.stdout
    assert "Instalar el completado de comandos en esta terminal." in done.stdout
    for english in FRAMEWORK:
        assert english not in done.stdout, english


def test_english_help_is_the_frameworks_own(cli: Invoke) -> None:
    done = cli("plan", "--help", "--lang", "en")
    assert done.stdout.startswith("Usage: kneefit plan [OPTIONS]\n")
    assert "\nOptions:\n" in done.stdout
    assert "Show this message and exit." in done.stdout
    assert re.search(r"\[default: 1; 1<=x<=12\]", done.stdout)


#: A usage mistake, what click says in English (the part every version says) and what
#: kneefit says in Spanish.
MISTAKES = [
    (
        ["log", "--pain", "11"],
        "Usage: kneefit log [OPTIONS] COMMAND [ARGS]...\nTry 'kneefit log -h' for help.\n\n"
        "Error: Invalid value for '--pain': ",
        "Uso: kneefit log [OPCIONES] COMANDO [ARGUMENTOS]...\n"
        "Para ver la ayuda, use 'kneefit log -h'.\n\nError: Valor no válido para '--pain': ",
    ),
    (
        ["plan", "-m", "5"],
        "Usage: kneefit plan [OPTIONS]\nTry 'kneefit plan -h' for help.\n\n"
        "Error: Invalid value for '-m' / '--minutes': ",
        "Uso: kneefit plan [OPCIONES]\nPara ver la ayuda, use 'kneefit plan -h'.\n\n"
        "Error: Valor no válido para '-m' / '--minutes': ",
    ),
    (
        ["nosuch"],
        "Usage: kneefit [OPTIONS] COMMAND [ARGS]...\nTry 'kneefit -h' for help.\n\n"
        "Error: No such command 'nosuch'.\n",
        "Uso: kneefit [OPCIONES] COMANDO [ARGUMENTOS]...\nPara ver la ayuda, use 'kneefit -h'.\n\n"
        "Error: No existe el comando 'nosuch'.\n",
    ),
    (
        ["plna"],
        "Usage: kneefit [OPTIONS] COMMAND [ARGS]...\nTry 'kneefit -h' for help.\n\n"
        "Error: No such command 'plna'. Did you mean 'plan'?\n",
        "Uso: kneefit [OPCIONES] COMANDO [ARGUMENTOS]...\nPara ver la ayuda, use 'kneefit -h'.\n\n"
        "Error: No existe el comando 'plna'. ¿Quiso decir 'plan'?\n",
    ),
    (
        ["plan", "--bogus"],
        "Usage: kneefit plan [OPTIONS]\nTry 'kneefit plan -h' for help.\n\nError: No such option",
        "Uso: kneefit plan [OPCIONES]\nPara ver la ayuda, use 'kneefit plan -h'.\n\n"
        "Error: No existe la opción: ",
    ),
    (
        ["plan", "extra", "words"],
        "Usage: kneefit plan [OPTIONS]\nTry 'kneefit plan -h' for help.\n\n"
        "Error: Got unexpected extra argument",
        "Uso: kneefit plan [OPCIONES]\nPara ver la ayuda, use 'kneefit plan -h'.\n\n"
        "Error: Sobran argumentos (extra words)\n",
    ),
    (
        ["show"],
        "Usage: kneefit show [OPTIONS] ",
        "Uso: kneefit show [OPCIONES] ",
    ),
    (
        ["program"],
        "Usage: kneefit program [OPTIONS] COMMAND [ARGS]...\nTry 'kneefit program -h' for help."
        "\n\nError: Missing command.\n",
        "Uso: kneefit program [OPCIONES] COMANDO [ARGUMENTOS]...\n"
        "Para ver la ayuda, use 'kneefit program -h'.\n\nError: Falta el comando.\n",
    ),
]


def _settled(said: str) -> str:
    """``said`` as the versions the tests above name say it: click 8.4 and later name the
    optional subcommand ``[COMMAND]`` and the help option by its long name."""
    for later, earlier in (
        ("[COMMAND] [ARGS]", "COMMAND [ARGS]"),
        ("[COMANDO] [ARGUMENTOS]", "COMANDO [ARGUMENTOS]"),
        (" --help'", " -h'"),
    ):
        said = said.replace(later, earlier)
    return said


@pytest.mark.parametrize(("args", "english", "spanish"), MISTAKES)
def test_a_usage_mistake_in_each_language(
    cli: Invoke, args: list[str], english: str, spanish: str
) -> None:
    done = cli(*args, "--lang", "en")
    assert (done.code, done.stdout) == (2, "")
    assert _settled(done.stderr).startswith(english)
    done = cli(*args, "--lang", "es")
    assert (done.code, done.stdout) == (2, "")
    assert _settled(done.stderr).startswith(spanish)
    # All of it Spanish (what was typed aside): no English word of kneefit's messages,
    # which hold the framework's too.
    typed = tuple(a for a in args if not a.startswith("-"))
    assert english_share(done.stderr, typed)[0] == 0, done.stderr


def test_a_number_out_of_range_through_the_installed_command() -> None:
    done = run_child(
        [sys.executable, "-m", "kneefit", "log", "--pain", "11", "--lang", "es"], env=clean_env()
    )
    assert (done.returncode, done.stdout) == (2, b"")
    said = done.stderr.decode().splitlines()[-1]
    # typer from 0.26 checks the range with pydantic, click before it: either in Spanish.
    assert said in (
        "Error: Valor no válido para '--pain': debe ser como máximo 10 (se recibió '11')",
        "Error: Valor no válido para '--pain': 11 no está entre los límites 0<=x<=10.",
    )


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        # click before 8.4, and typer's own copy
        ("No such option: --bogu", "No existe la opción: --bogu"),
        (
            "No such option: --bogu Did you mean --bogus?",
            "No existe la opción: --bogu ¿Quiso decir --bogus?",
        ),
        (
            "No such option: --kne (Possible options: --knee, --knee-bend)",
            "No existe la opción: --kne (opciones posibles: --knee, --knee-bend)",
        ),
        # click 8.4 and later
        ("No such option '--bogu'.", "No existe la opción: '--bogu'"),
        (
            "No such option '--kne'. (Did you mean one of: '--knee', '--knee-bend'?)",
            "No existe la opción: '--kne' ¿Quiso decir '--knee', '--knee-bend'?",
        ),
        ("Missing option '--pain'.", "Falta la opción '--pain'."),
        ("Got unexpected extra argument (a)", "Sobra un argumento (a)"),
        ("Got unexpected extra argument(s) (a b)", "Sobran argumentos (a b)"),
        ("Option '--days' requires an argument.", "La opción '--days' necesita un valor."),
        ("Option '--no-floor' does not take a value.", "La opción '--no-floor' no lleva un valor."),
        # what kneefit does not know stays as click wrote it
        ("Something new from click.", "Something new from click."),
    ],
)
def test_click_words_of_each_version(english: str, spanish: str) -> None:
    said = SimpleNamespace(format_message=lambda: english, message=english, __cause__=None)
    with speaking("es"):
        assert framework.message(said) == spanish


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("'x' is not a valid integer.", "'x' no es un número entero."),
        ("'x' is not a valid integer range.", "'x' no es un número entero."),
        ("11 is not in the range 0<=x<=10.", "11 no está entre los límites 0<=x<=10."),
        ("'y' is not one of 'a', 'b'.", "'y' no es uno de estos: 'a', 'b'."),
    ],
)
def test_clicks_words_for_a_bad_value(english: str, spanish: str) -> None:
    said = SimpleNamespace(
        format_message=lambda: f"Invalid value for '--pain': {english}",
        message=english,
        param_hint=None,
        __cause__=None,
    )
    with speaking("es"):
        assert framework.message(said) == f"Valor no válido para '--pain': {spanish}"


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("Show this message and exit.", "Mostrar este mensaje y salir."),
        ("Days.  [default: 1; 1<=x<=12]", "Days.  [por defecto: 1; 1<=x<=12]"),
        ("Days.  [required]", "Days.  [obligatorio]"),
        ("Days.  [env var: KNEE]", "Days.  [variable de entorno: KNEE]"),
        ("Days.  \\[x>=1]", "Days.  \\[x>=1]"),
        # a bracket that is not typer's stays as written
        ("Give [a list of names]", "Give [a list of names]"),
        ("Days.  [default: 1; deprecated]", "Days.  [default: 1; deprecated]"),
    ],
)
def test_an_options_help_as_typer_finished_it(english: str, spanish: str) -> None:
    with speaking("es"):
        assert framework.option_help(english) == spanish
