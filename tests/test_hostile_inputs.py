"""The last hostile inputs of issue 33 that crashed or misled: each gets a one-line error
with the README's exit code, or the right answer."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
import yaml

from kneefit.render.escaping import url_text
from tests.conftest import TIMEOUT, Invoke, child, clean_env, run, run_child
from tests.test_output import _WRITER, BIG_PLAN

PYTHON = [sys.executable, "-m", "kneefit"]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return clean_env(
        KNEEFIT_HOME=str(tmp_path / "home"), KNEEFIT_CACHE_DIR=str(tmp_path / "cache"), **extra
    )


def _one_line(stderr: str | bytes) -> None:
    text = stderr.decode() if isinstance(stderr, bytes) else stderr
    assert text.count("\n") == 1 and text.startswith("Error: "), text
    assert "internal error" not in text and "Traceback" not in text


# ---------------------------------------------------------------------- a start past year 9999


@pytest.mark.parametrize("fmt", ["text", "ics", "html", "json"])
def test_a_start_kneefit_cannot_lay_a_week_from_is_a_usage_error(cli: Invoke, fmt: str) -> None:
    late = cli("plan", "-c", "arthritis", "--no-history", "--start", "9999-12-31", "-f", fmt)
    assert (late.code, late.stdout) == (2, "")
    _one_line(late.stderr)
    assert "runs past the year 9999" in late.stderr
    # The last day a week fits before the calendar ends still plans.
    last = cli("plan", "-c", "arthritis", "--no-history", "--start", "9999-12-25", "-f", fmt)
    assert last.code == 0, last.stderr


# ---------------------------------------------------------------------- arguments not UTF-8


@pytest.mark.parametrize(
    ("args", "option"),
    [
        ([b"log", b"--pain", b"2", b"--effort", b"3", b"--notes", b"bad \xff"], "'--notes'"),
        ([b"log", b"--pain", b"2", b"--effort", b"3", b"--red-flag", b"\xfe"], "'--red-flag'"),
        ([b"log", b"--cleared", b"Dr \xe9"], "'--cleared'"),
        ([b"checkin", b"--activity", b"stairs \xff=3"], "'--activity'"),
        ([b"plan", b"-c", b"arthritis", b"-o", b"\xff.txt"], "'-o'"),
        ([b"log", b"--pain", b"2", b"--effort", b"3", b"--notes=\xff"], "'--notes'"),
        ([b"validate", b"\xff.yaml"], "argument 2"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_an_argument_that_is_not_utf8_is_named_and_nothing_is_done(
    tmp_path: Path, args: list[bytes], option: str
) -> None:
    # Bytes as they are, as a shell passes them (subprocess takes bytes on POSIX).
    command = cast(list[str], [*PYTHON, *args])
    done = run_child(command, env=_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    _one_line(done.stderr)
    assert f"{option} is not text" in done.stderr.decode()
    assert not (tmp_path / "home").exists()  # nothing logged
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # and no file written


# ---------------------------------------------------------------------- a data folder not ours


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "-c", "arthritis"],
        ["history"],
        ["log", "--pain", "2", "--effort", "3", "-x", "sit-to-stand"],
        ["report"],
        ["log", "export"],
        ["checkin", "--pain", "3"],
    ],
    ids=" ".join,
)
def test_a_data_folder_that_cannot_be_read_is_one_line(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """KNEEFIT_HOME with mode 000 (as root, whom permissions do not stop, it is simulated)."""
    locked = tmp_path / "locked"
    locked.mkdir()
    monkeypatch.setenv("KNEEFIT_HOME", str(locked))
    real = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        return False if Path(path) == locked else real(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    result = cli(*args)
    assert (result.code, result.stdout) == (1, "")
    _one_line(result.stderr)
    assert f"cannot open the folder {locked}: permission denied" in result.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_a_data_folder_with_mode_000_is_one_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "log.sqlite3").write_bytes(b"")
    locked.chmod(0)
    try:
        result = run(["history"], env=clean_env(KNEEFIT_HOME=str(locked)))
    finally:
        locked.chmod(0o700)
    assert result.code == 1
    _one_line(result.stderr)


# ---------------------------------------------------------------------- what reaches a terminal


def test_a_file_name_with_terminal_escapes_is_shown_escaped(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "\x1b]0;pwned\x07.txt"
    written = cli("plan", "-c", "arthritis", "--no-history", "-o", name)
    assert written.code == 0, written.stderr
    assert (tmp_path / name).exists()
    assert written.stderr == "Wrote \\x1b]0;pwned\\x07.txt (text).\n"
    again = cli("plan", "-c", "arthritis", "--no-history", "-o", name)
    assert again.code == 1
    assert (
        again.stderr == "Error: \\x1b]0;pwned\\x07.txt: already exists; use --force to replace it\n"
    )
    checked = cli("validate", "\x1b[2Jgone.yaml")
    assert checked.code == 1 and "\x1b" not in checked.stderr and "\\x1b[2J" in checked.stderr
    unknown = cli("plan", "--\x1b[31mred")
    assert unknown.code == 2 and "\x1b" not in unknown.stderr, unknown.stderr


_HOSTILE_SOURCE = {
    "id": "hostile",
    "title": "A page",
    "publisher": "Someone",
    "year": 2024,
    "url": "https://example.org/a>[x](javascript:alert(1))",
}


@pytest.mark.parametrize("fmt", ["markdown", "text", "table"])
def test_a_source_url_never_becomes_a_markdown_link(
    cli: Invoke, tmp_path: Path, catalogue: Any, fmt: str
) -> None:
    exercise = catalogue.exercises["sit-to-stand"].model_dump(mode="json")
    exercise["sources"] = [{"id": "hostile"}]
    layer = tmp_path / "hostile.yaml"
    layer.write_text(
        yaml.safe_dump({"sources": [_HOSTILE_SOURCE], "exercises": [exercise]}), encoding="utf-8"
    )
    shown = cli("show", "sit-to-stand", "--catalogue", str(layer), "-f", fmt)
    assert shown.code == 0, shown.stderr
    assert "example.org/a%3E%5Bx%5D(javascript:alert(1))" in "".join(shown.stdout.split())
    assert "[x](" not in shown.stdout and "javascript:alert(1))>" not in shown.stdout.replace(
        "%5D(javascript:alert(1))>", ""
    )


def test_square_brackets_stay_only_in_an_ipv6_host() -> None:
    assert url_text("https://[::1]:8080/a[b]") == "https://[::1]:8080/a%5Bb%5D"
    assert url_text("https://x.org/types-(a-z)/") == "https://x.org/types-(a-z)/"
    assert url_text("https://x.org/a b<c>") == "https://x.org/a%20b%3Cc%3E"


# ---------------------------------------------------------------------- encodings, pipes


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig", "utf-16:strict"])
def test_an_encoding_that_is_not_ascii_compatible_becomes_utf8(
    tmp_path: Path, encoding: str
) -> None:
    env = _env(tmp_path, PYTHONIOENCODING=encoding)
    done = run_child([*PYTHON, "plan", "-c", "arthritis", "--no-history"], env=env)
    assert done.returncode == 0
    assert b"\x00" not in done.stdout and done.stdout.startswith(b"kneefit: your knee routine")
    done.stdout.decode("utf-8")
    failed = run_child([*PYTHON, "plan", "-c", "no-such-condition"], env=env)
    assert failed.returncode == 2
    assert b"\x00" not in failed.stderr and b"Error: " in failed.stderr


def test_an_unknown_error_handler_is_not_a_crash(tmp_path: Path) -> None:
    env = _env(tmp_path, PYTHONIOENCODING="ascii:no-such-handler")
    done = run_child([*PYTHON, "plan", "-c", "ostéo"], env=env)
    assert done.returncode == 2
    assert b"unknown condition 'ost\\xe9o'" in done.stderr


def _closed(args: list[str], tmp_path: Path, stream: str) -> subprocess.CompletedProcess[bytes]:
    """Run kneefit with standard output or error a pipe whose reader is already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    other = subprocess.PIPE
    try:
        with child(
            [*PYTHON, *args],
            stdout=write_end if stream == "stdout" else other,
            stderr=write_end if stream == "stderr" else other,
            env=_env(tmp_path),
            cwd=tmp_path if stream == "stderr" else None,
        ) as process:
            os.close(write_end)
            write_end = -1
            out, err = process.communicate(timeout=TIMEOUT)
            return subprocess.CompletedProcess(args, process.returncode, out or b"", err or b"")
    finally:
        if write_end >= 0:
            os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["plan", "--help"],
        ["log", "export", "--help"],
        ["validate", "data/exercises.yaml"],
    ],
    ids=" ".join,
)
def test_help_and_validate_into_a_closed_pipe_exit_141(tmp_path: Path, args: list[str]) -> None:
    done = _closed(args, tmp_path, "stdout")
    assert (done.returncode, done.stderr) == (141, b"")


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "-c", "no-such-condition"],
        ["plan", "-c", "arthritis", "--no-history", "-o", "plan.txt"],
        ["history", "--since", "not-a-date"],
    ],
    ids=" ".join,
)
def test_a_message_to_a_closed_standard_error_exits_141(tmp_path: Path, args: list[str]) -> None:
    done = run_child(
        ["sh", "-c", 'cd "$0" && exec "$@" 2>&1 | true', str(tmp_path), *PYTHON, *args],
        env=_env(tmp_path),
    )
    assert done.returncode == 0  # the shell's: the pipeline ends with true
    closed = _closed(args, tmp_path, "stderr")
    assert closed.returncode == 141, closed.stdout


# ---------------------------------------------------------------------- Ctrl-C


def test_ctrl_c_while_replacing_a_file_exits_130_and_leaves_the_old_file_whole(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "plan.json"
    target.write_text("the old plan\n")
    with child(
        [sys.executable, "-c", _WRITER, *BIG_PLAN, "-o", str(target), "--force", "--no-history"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path),
    ) as process:
        assert process.stderr is not None
        assert process.stderr.readline() == b"ready\n"
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 130, err
    assert err == b""
    assert target.read_text() == "the old plan\n"
    assert sorted(p.name for p in out.iterdir()) == ["plan.json"]


_INTERRUPTED_REPORT = """
import sys
import kneefit.cli.common as common

def print_error(*args, **kwargs):
    raise KeyboardInterrupt  # Ctrl-C while a failure is being said

common.print_error = print_error
import kneefit.cli
kneefit.cli.print_error = print_error
from kneefit.__main__ import run
sys.argv[0] = "kneefit"
run()
"""


def test_ctrl_c_while_a_failure_is_said_exits_130(tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text("kept\n")
    done = run_child(
        [sys.executable, "-c", _INTERRUPTED_REPORT, "plan", "-c", "arthritis", "--no-history",
         "-o", str(tmp_path / "plan.txt")],
        env=_env(tmp_path),
    )  # fmt: skip
    assert done.returncode == 130, done.stderr
    assert b"Traceback" not in done.stderr
    assert (tmp_path / "plan.txt").read_text() == "kept\n"


# ---------------------------------------------------------------------- sessions in the future


def _log(env: dict[str, str], day: date, *args: str) -> None:
    done = run_child([*PYTHON, "log", *args], env={**env, "KNEEFIT_TODAY": day.isoformat()})
    assert done.returncode == 0, done.stderr


def test_sessions_dated_after_today_count_for_no_step_but_their_red_flag_counts(
    tmp_path: Path,
) -> None:
    """Logged where the clock (or time zone, or KNEEFIT_TODAY) was a day ahead."""
    env = _env(tmp_path)
    today = date(2026, 11, 18)
    tomorrow, after = today + timedelta(days=1), today + timedelta(days=2)
    for day in (tomorrow, after):
        _log(env, day, "--pain", "1", "--effort", "4", "-x", "sit-to-stand")
        _log(env, day, "--next-morning", "0")
    as_of_today = {**env, "KNEEFIT_TODAY": today.isoformat()}
    plan = run_child([*PYTHON, "plan", "-c", "arthritis", "-f", "json"], env=as_of_today)
    assert plan.returncode == 0, plan.stderr
    progression = json.loads(plan.stdout)["progression"]
    assert progression["step"] != "up", progression  # two good sessions, neither done yet
    assert progression["stage"] == 0
    # On the day after them, the same two sessions step the plan up.
    later = {**env, "KNEEFIT_TODAY": (after + timedelta(days=1)).isoformat()}
    plan = run_child([*PYTHON, "plan", "-c", "arthritis", "-f", "json"], env=later)
    assert json.loads(plan.stdout)["progression"]["step"] == "up"

    # A red flag dated tomorrow stops today's plan, and today's report names it.
    _log(env, tomorrow, "-x", "sit-to-stand", "--pain", "2", "--effort", "3",
         "--red-flag", "knee locked")  # fmt: skip
    plan = run_child([*PYTHON, "plan", "-c", "arthritis", "-f", "json"], env=as_of_today)
    stopped = json.loads(plan.stdout)
    assert all(section["exercises"] == [] for section in stopped["sections"])
    assert "knee locked" in stopped["warnings"][0]
    report = run_child([*PYTHON, "report", "-f", "json"], env=as_of_today)
    assert report.returncode == 0, report.stderr
    flags = json.loads(report.stdout)["red_flags"]
    assert [(f["text"], f["cleared"]) for f in flags] == [("knee locked", None)]


# ---------------------------------------------------------------------- wrong answers refused


def test_report_refuses_a_program_plan_refuses(cli: Invoke, tmp_path: Path) -> None:
    program = tmp_path / "anna.yaml"
    made = cli("program", "new", "-c", "arthritis", "-o", str(program))
    assert made.code == 0, made.stderr
    program.write_text(program.read_text().replace("exercise: walking", "exercise: moonwalk"))
    planned = cli("plan", "--program", str(program), "--no-history")
    reported = cli("report", "--program", str(program))
    assert planned.code == reported.code == 1
    assert "moonwalk" in reported.stderr
    assert reported.stderr.splitlines()[0] == planned.stderr.splitlines()[0]


def test_a_swap_of_an_exercise_not_in_the_plan_is_refused(cli: Invoke) -> None:
    swapped = cli("plan", "-c", "arthritis", "--no-history", "--swap", "pistol squat=wall sit")
    assert (swapped.code, swapped.stdout) == (2, "")
    _one_line(swapped.stderr)
    assert "Pistol squat" in swapped.stderr and "is not in this plan" in swapped.stderr
    made = cli("program", "new", "-c", "arthritis", "--swap", "pistol squat=wall sit")
    assert made.code == 2 and "is not in this plan" in made.stderr
    # A swap of an exercise on some day of a week is done.
    week = cli("plan", "-c", "arthritis", "--no-history", "--days", "3",
               "--swap", "sit to stand=mini squat", "-f", "json")  # fmt: skip
    assert week.code == 0, week.stderr


@pytest.mark.parametrize("given", ["", ",", " , "])
def test_an_empty_equipment_name_is_a_usage_error(cli: Invoke, given: str) -> None:
    result = cli("plan", "-c", "arthritis", "--no-history", "-e", given)
    assert (result.code, result.stdout) == (2, "")
    _one_line(result.stderr)
    assert "names no equipment" in result.stderr and "-e none" in result.stderr
    assert cli("plan", "-c", "arthritis", "--no-history", "-e", "chair,").code == 0


@pytest.mark.parametrize("flag", ["", "   "])
def test_an_empty_red_flag_is_refused_and_nothing_logged(
    cli: Invoke, flag: str, pinned_today: date
) -> None:
    result = cli("log", "--pain", "2", "--effort", "3", "-x", "sit-to-stand", "--red-flag", flag)
    assert result.code == 2
    assert "a red flag needs words" in result.stderr
    assert json.loads(cli("history", "-f", "json").stdout)["sessions"] == []


def test_force_replaces_regular_files_only(cli: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    device = tmp_path / "null"
    device.symlink_to(os.devnull)
    for target, kind in ((fifo, "a pipe"), (device, "a character device")):
        result = cli("plan", "-c", "arthritis", "--no-history", "-o", str(target), "--force")
        assert (result.code, result.stdout) == (1, "")
        _one_line(result.stderr)
        assert f"is not a regular file ({kind})" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert device.is_symlink() and stat.S_ISCHR(Path(os.devnull).stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "null"]  # no temporary file


@pytest.mark.parametrize(
    "extra", [["-c", "arthritis"], ["-m", "45"], ["-m", "30"], ["-l", "advanced"], ["-e", "none"]]
)
def test_start_with_a_program_refuses_the_options_the_file_gives(
    cli: Invoke, tmp_path: Path, extra: list[str]
) -> None:
    program = tmp_path / "anna.yaml"
    assert cli("program", "new", "-c", "arthritis", "-o", str(program)).code == 0
    result = cli("start", "--program", str(program), *extra)
    assert result.code == 2
    assert "leave out -c, -l, -e and -m with --program" in result.stderr
