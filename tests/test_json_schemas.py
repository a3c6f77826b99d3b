"""Every JSON document kneefit writes names its schema and version in its first key and
validates against the JSON Schema shipped in kneefit/schemas/ (checked by ``jsonschema``);
the shipped files are what kneefit.schemas.documents generates."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from kneefit.schemas import SCHEMAS, file_name, generate, schema, schema_of
from tests.conftest import ROOT, Invoke

#: The same switch as the renderers' exact-output files: rewrite the schema files.
UPDATE = os.environ.get("KNEEFIT_UPDATE_EXPECTED") == "1"
HERE = ROOT / "kneefit" / "schemas"


def _check(text: str, expected: str | None = None) -> dict[str, Any]:
    """The document ``text`` is valid against the schema its first key names (``expected``,
    if given); returns it."""
    document = json.loads(text)
    assert isinstance(document, dict), "a document is an object"
    name = schema_of(document)
    assert expected is None or name == expected, (name, expected)
    key = next(iter(document))
    assert SCHEMAS[key] == name and type(document[key]) is int
    validator = Draft202012Validator(schema(name), format_checker=FormatChecker())
    problems = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]
    assert problems == [], problems[:10]
    return dict(document)


@pytest.mark.parametrize("name", sorted(set(SCHEMAS.values())))
def test_each_shipped_schema_is_the_generated_one(name: str) -> None:
    path = HERE / file_name(name)
    generated = generate(name)
    if UPDATE and path.read_text(encoding="utf-8") != generated:
        path.write_text(generated, encoding="utf-8")
        pytest.fail(f"rewrote {path}: read the change")
    assert path.read_text(encoding="utf-8") == generated, (
        f"{path} is not what kneefit.schemas.documents describes: run 'python -m "
        "kneefit.schemas' (or this test with KNEEFIT_UPDATE_EXPECTED=1) and read the diff"
    )


@pytest.mark.parametrize("name", sorted(set(SCHEMAS.values())))
def test_each_schema_is_a_valid_2020_12_schema(name: str) -> None:
    document = schema(name)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "-c", "arthritis"],
        ["plan", "-c", "arthritis", "--explain", "-m", "45"],
        ["plan", "-c", "knee replacement", "-c", "torn meniscus", "--no-floor"],
        ["plan", "-c", "patellar-tendinopathy", "-l", "advanced", "-e", "all"],
        ["plan"],
        ["plan", "-c", "arthritis", "--days", "3"],
        ["plan", "-c", "acl-reconstruction-cleared", "--days", "4", "--weeks", "2"],
    ],
    ids=lambda args: " ".join(args[1:]) or "none",
)
def test_plans(args: list[str], cli: Invoke) -> None:
    result = cli(*args, "--start", "2026-12-07", "-f", "json")
    assert result.code == 0, result.stderr
    plan = _check(result.stdout, "plan")
    assert ("days" in plan) == ("--days" in args)


def test_every_conditions_plan(cli: Invoke) -> None:
    listed = _check(cli("conditions", "-f", "json").stdout, "conditions")
    for condition in listed["conditions"]:
        result = cli("plan", "-c", condition["id"], "--no-history", "-f", "json")
        assert result.code == 0, (condition["id"], result.stderr)
        _check(result.stdout, "plan")


def test_the_catalogue(cli: Invoke) -> None:
    exercises = _check(cli("list", "-f", "json").stdout, "exercises")["exercises"]
    assert len(exercises) > 100
    _check(cli("list", "strength", "-c", "arthritis", "-f", "json").stdout, "exercises")
    _check(cli("list", "cardio", "-e", "pool", "-f", "json").stdout, "exercises")
    for exercise in exercises:
        _check(cli("show", exercise["id"], "-f", "json").stdout, "exercise")
    _check(cli("conditions", "bursitis", "-f", "json").stdout, "conditions")
    _check(cli("swap", "wall sit", "-c", "arthritis", "-f", "json").stdout, "swaps")


@pytest.fixture
def logged(cli: Invoke, pinned_today: object) -> Invoke:
    """A log with sessions over two weeks, a red flag cleared, next mornings and check-ins."""
    steps: list[list[str]] = [
        ["checkin", "--pain", "6", "--activity", "stairs=3", "--chair-stands", "9",
         "--date", "2026-11-02"],
        ["log", "--pain", "3", "--effort", "5", "--date", "2026-11-03"],
        ["log", "--next-morning", "2", "--date", "2026-11-03"],
        ["log", "--pain", "2", "--effort", "5", "--date", "2026-11-05", "--notes", "=SUM(A1)"],
        ["log", "--pain", "7", "--effort", "8", "--date", "2026-11-08",
         "--red-flag", "knee gave way"],
        ["log", "--cleared", "Dr Lee: a sprain", "--date", "2026-11-10"],
        ["log", "--pain", "2", "--effort", "4", "--date", "2026-11-12"],
        ["checkin", "--pain", "3", "--activity", "stairs=7", "--chair-stands", "13",
         "--date", "2026-11-16"],
    ]  # fmt: skip
    for step in steps:
        done = cli(*step)
        assert done.code == 0, (step, done.stderr)
    return cli


def test_the_log_history_and_report(logged: Invoke, tmp_path: Path) -> None:
    history = _check(logged("history", "-f", "json").stdout, "log")
    assert len(history["sessions"]) == 4 and "stage" not in history["sessions"][0]
    checkins = _check(logged("history", "--checkins", "-f", "json").stdout, "log")
    assert checkins["sessions"] == [] and len(checkins["checkins"]) == 2
    exported = _check(logged("log", "export").stdout, "log")
    assert "stage" in exported["sessions"][0]
    report = _check(logged("report", "-f", "json").stdout, "report")
    assert report["red_flags"] and report["measures"] and report["progression"] is not None
    _check(logged("plan", "-c", "arthritis", "-f", "json").stdout, "plan")
    _check(logged("plan", "-c", "arthritis", "--days", "2", "-f", "json").stdout, "plan")


def test_an_empty_log_and_report(cli: Invoke) -> None:
    assert _check(cli("history", "-f", "json").stdout, "log")["sessions"] == []
    _check(cli("history", "--checkins", "-f", "json").stdout, "log")
    _check(cli("report", "-f", "json").stdout, "report")


def test_what_history_writes_log_import_reads_back(
    logged: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions, checkins = tmp_path / "sessions.json", tmp_path / "checkins.json"
    assert logged("history", "-f", "json", "-o", str(sessions)).code == 0
    assert logged("history", "--checkins", "-f", "json", "-o", str(checkins)).code == 0
    monkeypatch.setenv("KNEEFIT_HOME", str(tmp_path / "elsewhere"))
    for path in (sessions, checkins):
        result = logged("log", "import", str(path))
        assert result.code == 0, result.stderr
    again = _check(logged("history", "-f", "json").stdout, "log")
    assert again == _check(sessions.read_text(encoding="utf-8"))
    assert logged("history", "--checkins", "-f", "json").stdout == checkins.read_text(
        encoding="utf-8"
    )


def test_the_renderers_exact_outputs_and_hostile_ones_are_valid() -> None:
    """The exact-output files (tests/expected), small fixtures with hostile text included."""
    found = sorted((ROOT / "tests" / "expected").glob("*.json"))
    assert len(found) >= 7
    for path in found:
        _check(path.read_text(encoding="utf-8"))


def test_every_json_document_the_renderer_writes_has_a_schema() -> None:
    """Each JsonRenderer document constant names a schema that is shipped."""
    from kneefit.render import json as renderer

    names = [
        value
        for value in vars(renderer).values()
        if isinstance(value, tuple) and len(value) == 2 and str(value[0]).startswith("kneefit_")
    ]
    assert {key for key, _ in names} == set(SCHEMAS)
    for key, version in names:
        document = schema(SCHEMAS[key])
        # The document itself, or each of its shapes (a plan: a session or a week).
        refs = document.get("anyOf", [])
        shapes = [document["$defs"][ref["$ref"].rsplit("/", 1)[1]] for ref in refs]
        for shape in shapes or [document]:
            assert shape["properties"][key]["const"] == version
            assert shape["required"][0] == key


def test_the_readmes_example_validates_a_plan(cli: Invoke, tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### JSON and its schemas", 1)[1]
    example = re.search(r"```python\n(.+?)\n```", section, re.S)
    assert example is not None
    assert cli("plan", "-c", "arthritis", "-f", "json", "-o", str(tmp_path / "plan.json")).code == 0
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", example.group(1)],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
