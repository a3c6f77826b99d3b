"""Shared fixtures: an isolated environment, the bundled catalogue, and ways to run kneefit."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


#: How long any child process may take before a test gives up on it (and kills it).
TIMEOUT = 60.0


@contextmanager
def child(command: Sequence[str] | str, **popen: Any) -> Iterator[subprocess.Popen[bytes]]:
    """Start a child process in a process group of its own; on leaving, kill what is left.

    Whatever happens in the ``with`` block (a failed assertion, a timeout), the child and
    anything it started (a shell's pipeline, a browser's helpers) are killed and reaped, so
    no test leaves a process behind to slow or confuse the tests after it.
    """
    process = subprocess.Popen(command, start_new_session=True, **popen)
    try:
        yield process
    finally:
        # Only while the child is unreaped is its process group id certainly still its own.
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=TIMEOUT)
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def run_child(
    command: Sequence[str] | str,
    *,
    input: bytes | None = None,
    timeout: float = TIMEOUT,
    **popen: Any,
) -> subprocess.CompletedProcess[bytes]:
    """Run a child to the end, within ``timeout`` seconds; stdout and stderr are captured
    unless given. The child (and its group) is killed if it overruns or the test fails."""
    popen.setdefault("stdout", subprocess.PIPE)
    popen.setdefault("stderr", subprocess.PIPE)
    if input is not None:
        popen["stdin"] = subprocess.PIPE
    with child(command, **popen) as process:
        out, err = process.communicate(input, timeout=timeout)
    return subprocess.CompletedProcess(process.args, process.returncode, out or b"", err or b"")


def read_until(fd: int, marker: bytes, timeout: float = TIMEOUT) -> bytes:
    """Read from ``fd`` until ``marker`` has been seen (or the end), within ``timeout`` seconds.

    Waits on the descriptor with ``select``, never with a fixed sleep.
    """
    deadline = time.monotonic() + timeout
    seen = b""
    while marker not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            pytest.fail(f"no {marker!r} after {timeout} s; read so far: {seen[-500:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # a pseudo-terminal whose other side has closed
                chunk = b""
            if not chunk:
                pytest.fail(f"the stream ended before {marker!r}; read: {seen[-500:]!r}")
            seen += chunk
    return seen


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
    done = run_child(
        [*command, *args],
        env=env if env is not None else clean_env(),
        cwd=cwd,
        input=stdin.encode() if stdin is not None else None,
    )
    return Result(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode())


def shell(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a shell line (for pipes, redirects and umask) with ``python -m kneefit`` as KNEEFIT."""
    line = command.replace("KNEEFIT", f'"{sys.executable}" -m kneefit')
    return run_child(line, shell=True, env=env or clean_env())


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
