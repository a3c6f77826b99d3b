"""The project's own checks: ruff and mypy --strict, the Quick start, CI and the sample output.

That the README documents every command, option and format is in tests/test_docs.py.
"""

from __future__ import annotations

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
