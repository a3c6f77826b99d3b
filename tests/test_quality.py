"""The project's own checks: ruff and mypy --strict, and a README that matches the CLI."""

from __future__ import annotations

import re
import shlex
import sys

import pytest

from kneefit.vocabulary import Format
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


def test_every_command_option_format_and_exit_code_is_documented(cli: Invoke) -> None:
    commands = ("plan", "list", "show", "conditions", "validate", "history", "log")
    for command in (*commands, "log export", "log import", "log forget"):
        assert f"kneefit {command}" in README, command
        help_text = cli(*command.split(), "--help").stdout
        for option in re.findall(r"(--[a-z][a-z-]+)", help_text):
            assert f"`{option}" in README or f"{option}`" in README, (command, option)
    for fmt in Format:
        assert f"`{fmt.value}`" in README, fmt
    for code in ("0", "1", "2", "130", "141"):
        assert f"| {code} |" in README, code


def test_readme_sample_output_is_what_kneefit_prints(cli: Invoke) -> None:
    section = README.split("## Sample output", 1)[1]
    command = re.search(r"`kneefit (plan [^`>]+?)\s*>", section)
    sample = re.search(r"```text\n(.+?)\n```", section, re.S)
    assert command is not None and sample is not None
    shown = sample.group(1).split("\n        ...")[0].splitlines()
    result = cli(*shlex.split(command.group(1)))
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[: len(shown)] == shown
