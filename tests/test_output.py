"""The writers: standard output and files, a closed pipe, SIGTERM, and names that cannot be."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kneefit import atomic
from kneefit.cli import stdout
from kneefit.cli.sigterm import GUARD
from kneefit.errors import DataError, UsageError
from tests.conftest import Invoke, clean_env

# A week of twelve weeks, in JSON: well over a pipe's buffer (64 KiB on Linux).
BIG_PLAN = ["plan", "-c", "arthritis", "--days", "7", "--weeks", "12", "-f", "json"]


def kneefit_process(args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "kneefit", *args], env=clean_env(), **kwargs
    )


def finish(proc: subprocess.Popen[bytes], timeout: float = 60) -> tuple[bytes, bytes]:
    try:
        return proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# ------------------------------------------------------------------ standard output


def test_a_reader_that_stops_early_makes_exit_code_141(tmp_path: Path) -> None:
    env = clean_env(KNEEFIT_HOME=str(tmp_path))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kneefit", *BIG_PLAN],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        assert len(proc.stdout.read(10)) == 10
        proc.stdout.close()  # like `| head -c 10`
        err = proc.stderr.read()
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        assert proc.stderr is not None
        proc.stderr.close()
    assert (code, err) == (141, b"")


def test_the_whole_output_reaches_a_reader_that_reads_it_all(tmp_path: Path) -> None:
    proc = kneefit_process(BIG_PLAN, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = finish(proc)
    assert (proc.returncode, err) == (0, b"")
    assert len(out) > 1 << 16 and out.endswith(b"}\n")


class _Stingy(io.RawIOBase):
    """A raw stream that takes at most 7 bytes a call, then refuses like a closed pipe."""

    def __init__(self, budget: int) -> None:
        self.taken = b""
        self.budget = budget

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        assert isinstance(data, (bytes, memoryview))
        if len(self.taken) >= self.budget:
            raise BrokenPipeError(32, "Broken pipe")
        part = bytes(data[:7])
        self.taken += part
        return len(part)


class _ShortWriter:
    """Like a BufferedWriter on a pipe whose reader has gone: takes part, then fails."""

    def __init__(self, raw: _Stingy) -> None:
        self.raw = raw

    def write(self, data: memoryview) -> int:
        return self.raw.write(data)

    def flush(self) -> None:
        pass


def test_partial_writes_are_continued_and_a_closed_pipe_is_noticed() -> None:
    whole = _Stingy(budget=10_000)
    stdout._write_all(_ShortWriter(whole), b"0123456789" * 100)  # type: ignore[arg-type]
    assert whole.taken == b"0123456789" * 100
    cut = _Stingy(budget=20)
    with pytest.raises(BrokenPipeError):
        stdout._write_all(_ShortWriter(cut), b"x" * 100)  # type: ignore[arg-type]


# ------------------------------------------------------------------ files


def test_an_empty_output_name_is_a_usage_mistake(cli: Invoke) -> None:
    result = cli("plan", "-c", "arthritis", "-o", "")
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: '-o' / '--output': the file name is empty")
    with pytest.raises(UsageError):
        stdout.output_path("")


def test_a_name_too_long_for_the_file_system_is_explained(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("plan", "-c", "arthritis", "-o", "a" * 300 + ".txt")
    assert result.code == 1
    assert result.stderr.endswith("...: the file name is too long for the file system\n")
    assert "internal error" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_name_near_the_limit_still_works(tmp_path: Path) -> None:
    target = tmp_path / ("b" * 250 + ".txt")
    atomic.write_file(target, "hello\n", force=False)
    assert target.read_text() == "hello\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_a_path_through_a_file_is_explained(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(DataError, match=r"is not|does not exist|part of the path"):
        atomic.write_file(tmp_path / "file" / "out.txt", "x", force=False)


_WRITER = textwrap.dedent(
    """
    import os, sys
    import kneefit.atomic as atomic
    real = os.fsync

    def fsync(fd):
        real(fd)
        # The temporary file is written and synced: say so, then wait to be stopped.
        sys.stderr.write("ready\\n")
        sys.stderr.flush()
        sys.stdin.readline()

    atomic.os.fsync = fsync
    from kneefit.cli import main
    main(sys.argv[1:])
    """
)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_while_writing_leaves_no_temporary_file(
    tmp_path: Path, sig: signal.Signals
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "plan.json"
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, *BIG_PLAN, "-o", str(target), "--no-history"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(KNEEFIT_HOME=str(tmp_path / "home")),
    )
    try:
        assert proc.stderr is not None
        assert proc.stderr.readline() == b"ready\n"
        assert (
            len(sorted(p.name for p in out.iterdir())) == 1
        )  # the temporary file, and nothing else yet
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert sorted(p.name for p in out.iterdir()) == []
    expected = 130 if sig == signal.SIGINT else -sig
    assert proc.returncode == expected
    assert b"Traceback" not in err


def test_sigterm_handling_is_only_installed_while_writing(tmp_path: Path) -> None:
    """The command line's guard (kneefit.cli.main installs it) handles SIGTERM only while a
    temporary file exists; without it, the core installs no handler at all."""
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    seen = []
    try:
        for guard in (None, GUARD):
            atomic.guard_interruptions(guard)
            with atomic.staged(tmp_path / "x", b"data") as temp:
                seen.append(signal.getsignal(signal.SIGTERM))
                temp.replace(tmp_path / "x")
            assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        atomic.guard_interruptions(None)
    assert seen[0] is signal.SIG_DFL
    assert seen[1] is not signal.SIG_DFL
    assert (tmp_path / "x").read_bytes() == b"data"


def test_a_hangup_someone_ignores_stays_ignored(tmp_path: Path) -> None:
    """nohup ignores SIGHUP: the guard handles only signals left to their default."""
    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        atomic.guard_interruptions(GUARD)
        with atomic.staged(tmp_path / "x", b"data") as temp:
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
            temp.replace(tmp_path / "x")
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        atomic.guard_interruptions(None)
        signal.signal(signal.SIGHUP, before)
