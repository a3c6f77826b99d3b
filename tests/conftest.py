"""Shared fixtures: an isolated environment, the bundled catalogue, and ways to run kneefit."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from kneefit.catalogue import Catalogue, load_catalogue

ROOT = Path(__file__).resolve().parent.parent
_VARIABLES = (
    "NO_COLOR",
    "FORCE_COLOR",
    "KNEEFIT_DEBUG",
    "KNEEFIT_CACHE_DIR",
    "KNEEFIT_HOME",
    "COLUMNS",
    "LINES",
    "TERM",
)


@pytest.fixture(autouse=True)
def home(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """No test sees the developer's settings, cache or log, or writes outside its own folders.

    Each test gets an empty home (returned), apart from its ``tmp_path``, so tests that list
    ``tmp_path`` do not see the cache.
    """
    for name in _VARIABLES:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    return home


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _VARIABLES}
    env.update(extra)
    return env


def run(
    args: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    stdin: str | None = None,
    module: bool = False,
) -> Result:
    """Run the installed console script (or ``python -m kneefit``) as a real process."""
    command = [sys.executable, "-m", "kneefit"] if module else [_script()]
    done = subprocess.run(
        [*command, *args],
        capture_output=True,
        env=env if env is not None else clean_env(),
        cwd=cwd,
        input=stdin.encode() if stdin is not None else None,
        timeout=60,
        check=False,
    )
    return Result(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode())


def shell(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a shell line (for pipes, redirects and umask) with ``python -m kneefit`` as KNEEFIT."""
    line = command.replace("KNEEFIT", f'"{sys.executable}" -m kneefit')
    return subprocess.run(
        line, shell=True, capture_output=True, env=env or clean_env(), timeout=60, check=False
    )


def _script() -> str:
    script = Path(sys.executable).with_name("kneefit")
    if not script.exists():
        pytest.fail(f"the kneefit console script is not installed beside {sys.executable}")
    return str(script)


Invoke = Callable[..., Result]


@pytest.fixture
def cli(capsysbinary: pytest.CaptureFixture[bytes]) -> Iterator[Invoke]:
    """Run kneefit in this process (fast) and return its exit code, stdout and stderr."""
    from kneefit.cli import main

    def invoke(*args: str) -> Result:
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        else:  # pragma: no cover - main always exits
            code = 0
        out, err = capsysbinary.readouterr()
        return Result(code, out.decode(), err.decode())

    yield invoke
