"""Two boundaries outside the renderers: a data folder that is a file, and a closed pipe for
the one-line results that commands print (issue 16)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TIMEOUT, Invoke, child, clean_env


@pytest.mark.parametrize(
    "args",
    [
        ["history"],
        ["history", "-f", "json"],
        ["log", "--pain", "2", "--effort", "3"],
        ["log", "export"],
        ["report"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("through", [False, True], ids=["file", "through-a-file"])
def test_kneefit_home_naming_a_file_is_an_error(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], through: bool
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("KNEEFIT_HOME", str(blocker / "kneefit" if through else blocker))
    result = cli(*args)
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr.count("\n") == 1 and str(blocker) in result.stderr
    assert ("a part of the path is a file" if through else "is a file") in result.stderr
    assert blocker.read_text() == "a file where the data folder should be"


def _closed_pipe_run(args: list[str], home: Path) -> tuple[int | None, bytes, bytes]:
    """Run kneefit with standard output a pipe whose reader is already gone: every write
    fails, whatever the timing (unlike ``| true``, which may or may not be gone yet)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        with child(
            [sys.executable, "-m", "kneefit", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=clean_env(KNEEFIT_HOME=str(home)),
        ) as process:
            os.close(write_end)
            write_end = -1
            _, err = process.communicate(timeout=TIMEOUT)
            return process.returncode, b"", err
    finally:
        if write_end >= 0:
            os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["validate", "data/exercises.yaml"],
        ["log", "--pain", "2", "--effort", "3", "-x", "sit-to-stand"],
        ["log", "forget", "--yes"],
    ],
    ids=" ".join,
)
def test_a_closed_pipe_after_a_one_line_result_exits_141(tmp_path: Path, args: list[str]) -> None:
    code, _, err = _closed_pipe_run(args, tmp_path / "home")
    assert (code, err) == (141, b"")


def test_the_same_lines_reach_an_open_pipe(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kneefit", "validate", "data/exercises.yaml"],
        capture_output=True,
        env=clean_env(KNEEFIT_HOME=str(tmp_path)),
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("data/exercises.yaml: ok (")
