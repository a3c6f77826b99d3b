"""The project's own checks: ruff and mypy --strict, the Quick start, CI and the sample output.

That the README documents every command, option and format is in tests/test_docs.py.
"""

from __future__ import annotations

import ast
import re
import shlex
import sys

import pytest

from tests.conftest import ROOT, Invoke, run_child

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", "kneefit", "tests", "benchmarks"],
        [sys.executable, "-m", "ruff", "format", "--check", "kneefit", "tests", "benchmarks"],
        [sys.executable, "-m", "mypy", "--strict"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_static_checks_pass(command: list[str]) -> None:
    done = run_child(command, cwd=ROOT, timeout=300)
    assert done.returncode == 0, (done.stdout + done.stderr).decode()


def test_quick_start_has_exactly_two_commands() -> None:
    blocks = re.findall(r"<!-- quick-start:(\w+) -->\n```sh\n(.+?)\n```", README)
    assert [name for name, _ in blocks] == ["install", "test"]
    install, test = (command for _, command in blocks)
    assert "\n" not in install and install.endswith("kneefit plan --condition arthritis")
    assert "\n" not in test and "[test]" in test and "pytest" in test


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "quick-start:test" in script


def test_readme_sample_output_is_what_kneefit_prints(cli: Invoke) -> None:
    section = README.split("## Sample output", 1)[1]
    command = re.search(r"`kneefit (plan [^`>]+?)\s*>", section)
    sample = re.search(r"```text\n(.+?)\n```", section, re.S)
    assert command is not None and sample is not None
    shown = sample.group(1).split("\n        ...")[0].splitlines()
    result = cli(*shlex.split(command.group(1)))
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[: len(shown)] == shown


#: The house rules for size: a module has one job and a rule reads as a table of small
#: functions (the CLI's typer signatures, one parameter a line, aside).
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 100


def _too_long(source: str) -> list[tuple[str, int]]:
    return [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]


def test_no_module_or_function_is_too_long() -> None:
    found = []
    for path in sorted((ROOT / "kneefit").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        where = path.relative_to(ROOT).as_posix()
        lines = len(source.splitlines())
        if lines > MAX_MODULE_LINES:
            found.append(f"{where}: {lines} lines")
        if not where.startswith("kneefit/cli/"):
            found += [f"{where}: {name}() {n} lines" for name, n in _too_long(source)]
    assert not found


def test_the_size_check_finds_a_long_function() -> None:
    body = "".join(f"    x = {i}\n" for i in range(MAX_FUNCTION_LINES))
    assert _too_long(f"def long():\n{body}") == [("long", MAX_FUNCTION_LINES + 1)]
    assert _too_long("def short():\n    return 1\n") == []
