"""The core says what is wrong; the terminal's wording says what to do about it, with the
command lines and options that do it (kneefit.render.error_words)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kneefit import i18n
from kneefit.cli.lazy import COMMANDS
from kneefit.errors import (
    Advice,
    DataError,
    Given,
    LogASessionFirst,
    NameSomeEquipment,
    Option,
    PlanWithoutTheLog,
    RepairByExport,
    RepairInPlace,
    ReplaceIt,
    SeeTheAlternatives,
    SeeTheList,
    UnknownNameError,
    UsageError,
    WriteToStandardOutput,
)
from kneefit.render.error_words import error_text
from tests.conftest import ROOT

#: The layers that word, render and run commands; every other module of kneefit is the core.
NOT_CORE = {"cli", "render", "usecases", "guided", "schemas"}

#: A kneefit command line (``kneefit plan``), a long option (``--force``) or a short one
#: (``-o``, ``'-e'``), in a string.
COMMAND_LINE = re.compile(
    r"\bkneefit (?:" + "|".join(COMMANDS) + r")\b|(?<![\w-])--[a-z]|(?<![\w-])-[a-zA-Z](?![\w-])"
)

#: The one string of the core allowed a command line: the translators' tool's own usage
#: (``python -m kneefit.catalogue.translations ...``, printed by that module's ``main``), a
#: developer's command line that is meant, not kneefit's and not shown by kneefit.
ALLOWED = {("kneefit/catalogue/translations.py", "usage: python -m kneefit.catalogue.translations")}


def _core() -> list[Path]:
    package = ROOT / "kneefit"
    return [
        p for p in sorted(package.rglob("*.py")) if p.relative_to(package).parts[0] not in NOT_CORE
    ]


def _strings(source: str) -> list[tuple[int, str]]:
    """Every string constant of ``source`` but its docstrings (comments are not in the tree)."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_string_in_the_core_holds_a_command_line_or_an_option() -> None:
    found = [
        f"{name}:{line}: {text!r}"
        for path in _core()
        for name in [path.relative_to(ROOT).as_posix()]
        for line, text in _strings(path.read_text(encoding="utf-8"))
        if COMMAND_LINE.search(text)
        and not any(name == where and text.startswith(start) for where, start in ALLOWED)
    ]
    assert found == []


def test_the_core_is_found() -> None:
    # The walk above must see the core's modules, and the allowed string must still exist.
    names = {p.relative_to(ROOT).as_posix() for p in _core()}
    assert {"kneefit/errors.py", "kneefit/log/sqlite.py", "kneefit/models/dose.py"} <= names
    assert not any(n.startswith(("kneefit/cli/", "kneefit/render/")) for n in names)
    for where, start in ALLOWED:
        assert start in (ROOT / where).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "hit"),
    [
        ("log one first with 'kneefit log --pain N'", True),
        ("use --force to replace it", True),
        ("leave out -o to write", True),
        ("'-e' / '--equipment'", True),
        ("See 'kneefit list' for all", True),
        ("kneefit has not changed it", False),
        ("a 5-s hold, 10-12 reps, left-right", False),
    ],
)
def test_the_pattern_tells_a_command_line_from_prose(line: str, hit: bool) -> None:
    assert bool(COMMAND_LINE.search(line)) is hit


ADVICE: list[tuple[Advice, str, str | None]] = [
    (
        LogASessionFirst(),
        "P; log one first with 'kneefit log --pain N --effort N'",
        "P; anote una primero con 'kneefit log --pain N --effort N'",
    ),
    (
        PlanWithoutTheLog(),
        "P; 'kneefit plan --no-history' plans without it meanwhile.",
        "P; mientras tanto, 'kneefit plan --no-history' hace planes sin él.",
    ),
    (
        RepairInPlace("k/log.sqlite3", "sessions", "pain", "id", 7),
        "P To repair it, put the right value in that row with the sqlite3 tool (sqlite3 "
        "'k/log.sqlite3' \"UPDATE sessions SET pain = ... WHERE id = 7\"); 'kneefit plan "
        "--no-history' plans without the log meanwhile.",
        "P Para repararlo, ponga el valor correcto en esa fila con la herramienta sqlite3 "
        "(sqlite3 'k/log.sqlite3' \"UPDATE sessions SET pain = ... WHERE id = 7\"). Mientras "
        "tanto, 'kneefit plan --no-history' hace planes sin el registro.",
    ),
    (
        RepairByExport(),
        "P To repair it, losing nothing: 'kneefit log export -o log.json' (it writes the value "
        "as it is), correct it in log.json, then 'kneefit log forget --yes' and 'kneefit log "
        "import log.json'; 'kneefit plan --no-history' plans without the log meanwhile.",
        "P Para repararlo sin perder nada: 'kneefit log export -o log.json' (escribe el valor "
        "tal como está), corríjalo en log.json, y luego 'kneefit log forget --yes' y 'kneefit "
        "log import log.json'. Mientras tanto, 'kneefit plan --no-history' hace planes sin el "
        "registro.",
    ),
    (
        SeeTheList("exercise", 113, "exercises"),
        "P\nSee 'kneefit list' for all 113 exercises.",
        "P\nVea 'kneefit list' para los 113 ejercicios.",
    ),
    (SeeTheList("exercise", 1, "exercises"), "P\nSee 'kneefit list' for the 1 exercise.", None),
    (SeeTheList("barrier", 30, "barriers"), "P\nSee 'kneefit list' for all 30 barriers.", None),
    (
        SeeTheAlternatives("wall-sit"),
        "P See 'kneefit swap wall-sit' for the safe alternatives.",
        "P Vea 'kneefit swap wall-sit' para las alternativas seguras.",
    ),
    (ReplaceIt(), "P; use --force to replace it", "P; use --force para reemplazarlo"),
    (
        WriteToStandardOutput(),
        "P (leave out -o to write to standard output)",
        "P (quite -o para escribir en la salida estándar)",
    ),
    (
        NameSomeEquipment(),
        "P; give a name (e.g. -e chair), or -e none for bodyweight only",
        "P; dé un nombre (p. ej. -e chair), o -e none para usar solo su propio cuerpo",
    ),
]


@pytest.mark.parametrize(("advice", "english", "spanish"), ADVICE)
def test_advice_is_worded_with_its_command_line(
    advice: Advice, english: str, spanish: str | None
) -> None:
    error = DataError("P", advice=advice)
    assert str(error) == "P"  # the core's words: what is wrong, without a command line
    assert error_text(error) == english
    if spanish is not None:
        with i18n.speaking("es"):
            assert error_text(error) == spanish


@pytest.mark.parametrize(
    ("given", "english"),
    [
        (Given(Option.WITHOUT), "--without P"),
        (Given(Option.SWAP, "a=b"), "--swap a=b: P"),
        (Given(Option.PHASE), "--phase P"),
        (Given(Option.EQUIPMENT), "'-e' / '--equipment': P"),
    ],
)
def test_the_option_an_error_is_about_is_named(given: Given, english: str) -> None:
    error = UsageError("P", given=given)
    assert str(error) == "P"
    assert error_text(error) == english
    with i18n.speaking("es"):
        assert error_text(error) == english  # an option is the same in every language


def test_advice_comes_before_the_option() -> None:
    error = UsageError(
        "'' names no equipment", advice=NameSomeEquipment(), given=Given(Option.EQUIPMENT)
    )
    assert error_text(error) == (
        "'-e' / '--equipment': '' names no equipment; give a name (e.g. -e chair), "
        "or -e none for bodyweight only"
    )


def test_an_unknown_name_among_many_points_to_the_list() -> None:
    many = [f"e{n}" for n in range(30)]
    error = UnknownNameError("exercise", "x", many, [])
    assert str(error) == "unknown exercise 'x'."
    assert error.advice == SeeTheList("exercise", 30, "exercises")
    assert error_text(error) == "unknown exercise 'x'.\nSee 'kneefit list' for all 30 exercises."
    few = UnknownNameError("level", "x", ["beginner", "advanced"], [])
    assert few.advice is None
    assert error_text(few) == "unknown level 'x'.\nValid levels: beginner, advanced"
