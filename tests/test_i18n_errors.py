"""Errors and warnings about files in the run's language: a file that cannot be read or
written, a catalogue's problems (``kneefit validate``), a log import's refusals and a
program file's problems. Each keeps its location (``file:line:col``); only the words change,
and the English stays as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import yaml

from kneefit.catalogue import Catalogue
from kneefit.log.sqlite import FILE_NAME
from tests.conftest import TODAY, Invoke

# ---------------------------------------------------------------------- files


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "no such file"), ("es", "no existe el archivo")],
)
def test_a_missing_file(cli: Invoke, tmp_path: Path, lang: str, said: str) -> None:
    missing = tmp_path / "nosuch.yaml"
    done = cli("validate", str(missing), "--lang", lang)
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == f"Error: {missing}: {said}\n"


def test_a_folder_given_for_a_file_in_spanish(cli: Invoke, tmp_path: Path) -> None:
    done = cli("validate", str(tmp_path), "--lang", "es")
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == f"Error: {tmp_path}: es una carpeta, no un archivo\n"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "YAML syntax error: mapping values are not allowed in this context"),
        ("es", "error de sintaxis de YAML: aquí no se permiten valores de un mapa"),
    ],
)
def test_a_yaml_syntax_error_keeps_its_place(
    cli: Invoke, tmp_path: Path, lang: str, said: str
) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text("exercises: []\nsafety: a: b\n", encoding="utf-8")
    done = cli("validate", str(bad), "--lang", lang)
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == f"Error: {bad}:2:10: {said}\n"


def test_a_duplicate_yaml_key_in_spanish(cli: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text("exercises: []\nexercises: []\n", encoding="utf-8")
    done = cli("validate", str(bad), "--lang", "es")
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: {bad}:2:1: clave repetida 'exercises' (la primera en la línea 1); "
        "YAML guardaría solo la última sin avisar\n"
    )


def test_a_file_not_utf8_in_spanish(cli: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_bytes(b"exercises: []\n# caf\xe9\n")
    done = cli("validate", str(bad), "--lang", "es")
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: {bad}:2:6: no es UTF-8 válido (byte 0xe9); guárdelo como UTF-8\n"
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "is not valid JSON: Expecting ':' delimiter"),
        ("es", "no es JSON válido: se esperaban dos puntos ':'"),
    ],
)
def test_bad_json_keeps_its_place(cli: Invoke, tmp_path: Path, lang: str, said: str) -> None:
    bad = tmp_path / "log.json"
    bad.write_text('{"a" 1}', encoding="utf-8")
    done = cli("log", "import", str(bad), "--lang", lang)
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == f"Error: {bad}:1:6: {said}\n"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "the directory {folder} does not exist"),
        ("es", "la carpeta {folder} no existe"),
    ],
)
def test_writing_into_a_missing_folder(cli: Invoke, tmp_path: Path, lang: str, said: str) -> None:
    target = tmp_path / "none" / "plan.txt"
    done = cli("plan", "-c", "arthritis", "--no-history", "-o", str(target), "--lang", lang)
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == f"Error: {target}: {said.format(folder=target.parent)}\n"


def test_a_file_already_there_in_spanish(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "plan.txt"
    target.write_text("mine\n", encoding="utf-8")
    done = cli("plan", "-c", "arthritis", "--no-history", "-o", str(target), "--lang", "es")
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == f"Error: {target}: ya existe; use --force para reemplazarlo\n"
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_an_empty_output_name_in_spanish_is_a_usage_error(cli: Invoke) -> None:
    done = cli("plan", "-c", "arthritis", "--no-history", "-o", "", "--lang", "es")
    assert (done.code, done.stdout) == (2, "")
    assert done.stderr == (
        "Error: '-o' / '--output': el nombre del archivo está vacío; escriba un nombre de "
        "archivo, o quite -o para escribir en la salida estándar\n"
    )


# ---------------------------------------------------------------------- kneefit validate

_MINE = """\
exercises:
  - id: my-squat
    name: My squat
    category: strength
    level: beginer
    primary_muscles: [quadriceps]
    steps: [Sit down.]
    dose: {setz: 3, days_per_week: 3}
    sources: [nosuch]
"""

#: _MINE made right, but for the source it cites.
_CITING = _MINE.replace("beginer", "beginner").replace("setz: 3", "sets: 3, reps: 10")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            [
                "{file}:5:12: exercises[0].level: must be one of 'beginner', 'intermediate' or "
                "'advanced' (got 'beginer'; did you mean 'beginner'?)",
                "{file}:8:18: exercises[0].dose.setz: is not a known field; did you mean 'sets'?",
            ],
        ),
        (
            "es",
            [
                "{file}:5:12: exercises[0].level: debe ser uno de estos: 'beginner', "
                "'intermediate' o 'advanced' (se recibió 'beginer'; ¿quiso decir 'beginner'?)",
                "{file}:8:18: exercises[0].dose.setz: no es un campo conocido; "
                "¿quiso decir 'sets'?",
            ],
        ),
    ],
)
def test_validate_locates_each_problem(
    cli: Invoke, tmp_path: Path, lang: str, said: list[str]
) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(_MINE, encoding="utf-8")
    done = cli("validate", str(mine), "--lang", lang)
    assert (done.code, done.stdout) == (1, "")
    first, *rest = (line.format(file=mine) for line in said)
    assert done.stderr == "".join([f"Error: {first}\n", *(f"  {line}\n" for line in rest)])


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "{file}:2: exercises[id=my-squat].sources: no source with id 'nosuch'"),
        (
            "es",
            "{file}:2: exercises[id=my-squat].sources: no hay ninguna fuente con el id 'nosuch'",
        ),
    ],
)
def test_validate_names_a_missing_reference(
    cli: Invoke, tmp_path: Path, lang: str, said: str
) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(_CITING, encoding="utf-8")
    done = cli("validate", str(mine), "--lang", lang)
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == "Error: " + said.format(file=mine) + "\n"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        # English: pydantic's own words, as they always were.
        ("en", "string should match pattern '^https?://\\S+$'"),
        ("es", "debe seguir el patrón '^https?://\\S+$' (se recibió 'ftp://example.org/mine')"),
    ],
)
def test_a_rarer_kind_of_bad_value_in_each_language(
    cli: Invoke, tmp_path: Path, lang: str, said: str
) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        _CITING.replace("[nosuch]", "[mine]")
        + "sources:\n  - id: mine\n    title: Mine\n    publisher: Me\n"
        + "    url: ftp://example.org/mine\n",
        encoding="utf-8",
    )
    done = cli("validate", str(mine), "--lang", lang)
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == f"Error: {mine}:14:10: sources[0].url: {said}\n"


@pytest.mark.parametrize(
    ("kind", "value", "said"),
    [
        ("finite_number", float("nan"), "debe ser un número, no NaN ni infinito (se recibió nan)"),
        ("time_parsing", "25:00", "debe ser una hora del día escrita HH:MM (se recibió '25:00')"),
        (
            "datetime_type",
            [1],
            "debe ser una fecha y hora escritas AAAA-MM-DDTHH:MM:SS (se recibió una lista)",
        ),
        ("set_type", 5, "debe ser una lista (se recibió 5)"),
    ],
)
def test_rarer_kinds_of_bad_value_in_spanish(kind: str, value: object, said: str) -> None:
    from kneefit.i18n import speaking
    from kneefit.validation_messages import message_of

    with speaking("es"):
        assert message_of({"type": kind, "input": value, "loc": (), "msg": "?"}) == said


def test_validate_says_ok_in_spanish(cli: Invoke, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        _CITING.replace("[nosuch]", "[mine]")
        + "sources:\n  - id: mine\n    title: Mine\n    publisher: Me\n    note: On my shelf.\n"
        + "  - id: unread\n    title: Unread\n    publisher: Me\n    note: On my shelf.\n",
        encoding="utf-8",
    )
    english = cli("validate", str(mine))
    done = cli("validate", str(mine), "--lang", "es")
    assert (done.code, english.code) == (0, 0)
    counts = english.stdout.split("(", 1)[1].split(" ")
    exercises, conditions, sources = counts[0], counts[2], counts[4]
    assert english.stdout == (
        f"{mine}: ok ({exercises} exercises, {conditions} conditions, {sources} sources in force)\n"
    )
    assert done.stdout == (
        f"{mine}: bien ({exercises} ejercicios, {conditions} problemas de rodilla, "
        f"{sources} fuentes en uso)\n"
    )
    assert english.stderr == f"Warning: {mine}: the source 'unread' is listed but never cited\n"
    assert done.stderr == (
        f"Aviso: {mine}: la fuente 'unread' está en la lista pero nunca se cita\n"
    )


def test_validate_a_translation_file_in_spanish(cli: Invoke, tmp_path: Path) -> None:
    broken = tmp_path / "es.yaml"
    broken.write_text("language: es\nexercises:\n  walking:\n    colour: red\n")
    done = cli("validate", str(broken), "--lang", "es")
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr.startswith(
        f"Error: {broken}:4:13: exercises.walking.colour: clave desconocida 'colour'; "
        "aquí las claves son: "
    )


# ---------------------------------------------------------------------- log import

DAY = TODAY.isoformat()


def _export(tmp_path: Path, data: object) -> Path:
    source = tmp_path / "log.json"
    source.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return source


@pytest.mark.usefixtures("pinned_today")
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "{file}:6:15: sessions[0].pain: must be at most 10 (got 11)"),
        ("es", "{file}:6:15: sessions[0].pain: debe ser como máximo 10 (se recibió 11)"),
    ],
)
def test_an_import_out_of_range_keeps_its_place(
    cli: Invoke, tmp_path: Path, lang: str, said: str
) -> None:
    source = _export(
        tmp_path, {"kneefit_log": 1, "sessions": [{"date": DAY, "pain": 11, "effort": 1}]}
    )
    done = cli("log", "import", str(source), "--lang", lang)
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == f"Error: {said.format(file=source)}\n"


@pytest.mark.usefixtures("pinned_today")
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "sessions[0].date: the date 2999-01-01 is in the future"),
        ("es", "sessions[0].date: la fecha 2999-01-01 es futura"),
    ],
)
def test_an_import_from_the_future_is_refused(
    cli: Invoke, tmp_path: Path, lang: str, said: str
) -> None:
    source = _export(tmp_path, [{"date": "2999-01-01", "pain": 1, "effort": 1}])
    done = cli("log", "import", str(source), "--lang", lang)
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == f"Error: {source}: {said}\n"


@pytest.mark.usefixtures("pinned_today")
def test_two_check_ins_of_one_day_are_refused_in_spanish(cli: Invoke, tmp_path: Path) -> None:
    checkin = {"date": DAY, "week_pain": 3, "activities": [], "chair_stands": 10}
    source = _export(
        tmp_path,
        {"kneefit_log": 1, "sessions": [], "checkins": [checkin, checkin]},
    )
    done = cli("log", "import", str(source), "--lang", "es")
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: {source}: checkins[1].date: es {DAY}, el mismo día que checkins[0]: el "
        "registro guarda un control por día; junte los dos en uno\n"
    )


@pytest.mark.usefixtures("pinned_today")
def test_an_unknown_barrier_is_refused_in_spanish(cli: Invoke, tmp_path: Path) -> None:
    review = {"date": DAY, "week_start": DAY, "barrier": "rain"}
    source = _export(tmp_path, {"kneefit_log": 1, "sessions": [], "reviews": [review]})
    done = cli("log", "import", str(source), "--lang", "es")
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr.startswith(
        f"Error: {source}: reviews[0].barrier: es 'rain', un motivo que la revisión de "
        "kneefit no conoce: use uno de "
    )


@pytest.mark.usefixtures("pinned_today")
def test_a_damaged_value_in_the_log_is_said_in_spanish(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("KNEEFIT_HOME", str(home))
    assert cli("log", "--pain", "2", "--effort", "3").code == 0
    logged = home / FILE_NAME
    db = sqlite3.connect(logged)
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute("UPDATE sessions SET pain = 99 WHERE id = 1")
    db.commit()
    db.close()
    done = cli("history", "--lang", "es")
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: el registro de sesiones {logged} tiene un valor incorrecto: la sesión del "
        f"{DAY} (fila 1 de la tabla sessions) tiene pain 99, donde va un número entero de 0 "
        "a 10; kneefit no ha cambiado el registro. Para repararlo sin perder nada: 'kneefit "
        "log export -o log.json' (escribe el valor tal como está), corríjalo en log.json, y "
        "luego 'kneefit log forget --yes' y 'kneefit log import log.json'. Mientras tanto, "
        "'kneefit plan --no-history' hace planes sin el registro.\n"
    )


# ---------------------------------------------------------------------- program files

_PROGRAM = """\
kneefit_program: 1
conditions: [arthritis]
level: beginner
equipment: [chair]
exercises:
  - exercise: sit-to-stand
  - exercise: walking
    dose: {reps: 10}
  - exercise: sit-to-stand
"""


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            [
                "{file}:8:5: exercises[1].dose: Walking is done for minutes: give minutes, not "
                "reps or holds",
                "{file}:9:15: exercises[2].exercise: Sit to stand is already exercise 1; list "
                "each exercise once",
            ],
        ),
        (
            "es",
            [
                "{file}:8:5: exercises[1].dose: Caminar se hace por minutos: dé minutes, no "
                "repeticiones ni tiempos de mantener",
                "{file}:9:15: exercises[2].exercise: Levantarse de la silla ya es el ejercicio "
                "1; ponga cada ejercicio una sola vez",
            ],
        ),
    ],
)
def test_a_program_files_problems_keep_their_places(
    cli: Invoke, tmp_path: Path, lang: str, said: list[str]
) -> None:
    program = tmp_path / "program.yaml"
    program.write_text(_PROGRAM, encoding="utf-8")
    done = cli("plan", "--program", str(program), "--no-history", "--lang", lang)
    assert (done.code, done.stdout) == (1, "")
    first, second = (line.format(file=program) for line in said)
    assert done.stderr == f"Error: {first}\n  {second}\n"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "{file}: está vacío; un programa necesita una lista de ejercicios"),
        (
            "kneefit_program: 1\nconditions: [arthritis]\nexercises: []\n",
            "{file}:3:1: exercises: debe tener al menos un ejercicio en la lista",
        ),
    ],
)
def test_an_empty_program_in_spanish(cli: Invoke, tmp_path: Path, text: str, said: str) -> None:
    program = tmp_path / "program.yaml"
    program.write_text(text, encoding="utf-8")
    done = cli("plan", "--program", str(program), "--no-history", "--lang", "es")
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == f"Error: {said.format(file=program)}\n"


def test_a_program_with_conditions_given_twice_is_a_usage_error_in_spanish(
    cli: Invoke, tmp_path: Path
) -> None:
    program = tmp_path / "program.yaml"
    program.write_text(_PROGRAM, encoding="utf-8")
    done = cli("plan", "--program", str(program), "-c", "arthritis", "--lang", "es")
    assert (done.code, done.stdout) == (2, "")
    assert done.stderr == (
        "Error: Valor no válido para '--program': el archivo del programa da los problemas "
        "de rodilla, el nivel, el equipo y los minutos; no use -c, -l, -e ni -m con --program\n"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["log", "--walked", "20", "--knee", "middle"],
            "Error: Valor no válido para '--knee': 'middle' no es una rodilla: dé left, right "
            "o both\n",
        ),
        (
            ["plan", "-c", "arthritis", "--no-history", "-o", "plan.docx"],
            "Error: Valor no válido para '-o' / '--output': kneefit no puede escribir un "
            "archivo .docx; ",
        ),
    ],
)
def test_usage_errors_in_spanish(cli: Invoke, args: list[str], said: str) -> None:
    done = cli(*args, "--lang", "es")
    assert (done.code, done.stdout) == (2, "")
    assert done.stderr.startswith(said)


# ---------------------------------------------------------------------- a clinician's layer


def test_a_weakened_safety_rule_is_warned_about_in_spanish(
    cli: Invoke, tmp_path: Path, catalogue: Catalogue
) -> None:
    data = catalogue.conditions["knee-replacement"].model_dump(mode="json") | {"limits": None}
    loose = tmp_path / "loose.yaml"
    loose.write_text(yaml.safe_dump({"conditions": [data]}, sort_keys=False), encoding="utf-8")
    english = cli("validate", str(loose))
    done = cli("validate", str(loose), "--lang", "es")
    assert (english.code, done.code) == (0, 0)
    name = data["name"]
    assert (
        f"Warning: {loose}:2: condition 'knee-replacement' ({name}) no longer has its limits "
        "(limits), as the bundled catalogue does\n"
    ) in english.stderr
    assert (
        f"Aviso: {loose}:2: el problema de rodilla 'knee-replacement' ({name}) ya no tiene sus "
        "límites (limits), como sí tiene el catálogo incluido\n"
    ) in done.stderr
    assert english.stderr.count("\n") == done.stderr.count("\n")
    assert "Warning" not in done.stderr and " no longer " not in done.stderr
