"""`kneefit start` as a real process: in a pseudo-terminal, a whole session, its refusals."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kneefit import vocabulary
from kneefit.catalogue import Catalogue
from kneefit.guided.session_plan import blocks
from kneefit.models import PlannedExercise, PlanRequest
from kneefit.schedule import Layout, plan_schedule
from tests.conftest import TODAY, clean_env, run

#: Generous: a loaded machine may be slow, and nothing waits this long unless it is broken.
TIMEOUT = 30.0
_ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|[\x07\r\n]")


def _script() -> str:
    return str(Path(sys.executable).with_name("kneefit"))


class Terminal:
    """kneefit in a pseudo-terminal of ``rows`` x ``columns``: send keys, wait for text."""

    def __init__(
        self,
        args: list[str],
        env: dict[str, str],
        rows: int = 24,
        columns: int = 80,
        flow_control: bool = False,
    ):
        size = struct.pack("HHHH", rows, columns, 0, 0)
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, size)
                if flow_control:  # as most terminals have it: Ctrl-S stops the output
                    mode = termios.tcgetattr(0)
                    mode[0] |= termios.IXON
                    termios.tcsetattr(0, termios.TCSANOW, mode)
                os.execve(_script(), [_script(), *args], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.data = b""
        self.seen = 0  # how much of the plain text earlier waits have used
        self.code: int | None = None

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the child has gone and the terminal is closed
            return False
        self.data += chunk
        return bool(chunk)

    @property
    def text(self) -> str:
        return _ESCAPES.sub(b"", self.data).decode("utf-8", "replace")

    def expect(self, wanted: str, timeout: float = TIMEOUT) -> None:
        """Wait until ``wanted`` shows after what earlier waits found; fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.text.find(wanted, self.seen)
            if found >= 0:
                self.seen = found + len(wanted)
                return
            if time.monotonic() > deadline or not self._read(0.2):
                tail = self.text[self.seen :][-1500:]
                pytest.fail(f"{wanted!r} did not show within {timeout} s; after: {tail!r}")

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def wait(self, timeout: float = TIMEOUT) -> int:
        """The exit code, reading the output meanwhile; kill the child after ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                while self._read(0.05) and select.select([self.fd], [], [], 0)[0]:
                    pass
                self.code = os.waitstatus_to_exitcode(status)
                return self.code
            self._read(0.1)
        self.kill()
        pytest.fail(f"kneefit start did not end within {timeout} s")

    def kill(self) -> None:
        if self.code is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.code = -9

    def close(self) -> None:
        self.kill()
        os.close(self.fd)


@pytest.fixture
def env(tmp_path: Path, pinned_today: date) -> dict[str, str]:
    """A terminal's environment, on the tests' fixed day."""
    return clean_env(
        KNEEFIT_HOME=str(tmp_path / "home"),
        KNEEFIT_CACHE_DIR=str(tmp_path / "cache"),
        TERM="xterm-256color",
    )


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    """Every terminal a test opens is killed and closed at the end, whatever happened."""
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def _open(
    terminals: list[Terminal],
    args: list[str],
    env: dict[str, str],
    flow_control: bool = False,
    **size: int,
) -> Terminal:
    terminal = Terminal(args, env, flow_control=flow_control, **size)
    terminals.append(terminal)
    return terminal


def test_a_whole_session_with_keys_logs_what_was_done_and_skipped(
    catalogue: Catalogue, env: dict[str, str], terminals: list[Terminal]
) -> None:
    request = PlanRequest(
        conditions=(catalogue.condition("arthritis").id,), equipment=vocabulary.HOUSEHOLD
    )
    # The session the command plans today: the program's, the same every day.
    layout = Layout(days_per_week=1, weeks=1, start=TODAY, one_off=True)
    planned = plan_schedule(catalogue, request, None, layout).routine
    items = [i for s in planned.sections for i in s.items]
    skip = {1, len(items) - 2}
    term = _open(terminals, ["start", "-c", "arthritis"], env)
    term.expect("Press Enter to begin")
    term.send("\r")
    for number, item in enumerate(items):
        term.expect(f"exercise {number + 1} of {len(items)}")
        term.expect("GET READY")
        if number in skip:
            term.send("s")
            continue
        # n starts the first set; then n ends each set (or side) and n ends each rest.
        term.send("n" * (2 * len(blocks(item))))
        term.expect("Pain now?")
        term.send("2")
    term.expect("Pain during the session, 0 (none) to 10 (worst):")
    term.send("3\r")
    term.expect("How hard did it feel")
    term.send("5\r")
    term.expect("Press Enter to save this to your log and finish.")
    term.send("\r")
    term.expect("Logged")
    assert term.wait() == 0
    assert b"\x07" in term.data  # a bell at each change
    assert term.data.count(b"\x1b[?1049h") == term.data.count(b"\x1b[?1049l") == 1

    history = run(["history", "-f", "json"], env=env)
    assert history.code == 0, history.stderr
    sessions = json.loads(history.stdout)["sessions"]
    assert len(sessions) == 1
    logged = sessions[0]
    assert (logged["pain"], logged["effort"]) == (3, 5)
    done = [item for number, item in enumerate(items) if number not in skip]
    assert [e["id"] for e in logged["exercises"]] == [i.exercise.id for i in done]
    # Timed work was ended early with n, and says so; sets of reps were all done.
    for entry, item in zip(logged["exercises"], done, strict=True):
        timed = blocks(item)[0].seconds is not None
        assert entry["dose"] == item.dose.describe() + ("; ended early" if timed else "")
    skipped = ", ".join(items[n].exercise.name for n in sorted(skip))
    assert f"Skipped: {skipped}." in logged["notes"]


def test_ctrl_c_restores_the_terminal_asks_nothing_and_logs_nothing(
    env: dict[str, str], terminals: list[Terminal], tmp_path: Path
) -> None:
    term = _open(terminals, ["start", "-c", "arthritis", "--quiet"], env)
    term.expect("Press Enter to begin")
    term.send("\r")
    term.expect("GET READY")
    term.send("n")
    term.expect("GO")
    before = len(term.data)
    term.send("\x03")
    assert term.wait() == 130
    after = term.data[before:]
    assert b"\x1b[?1049l" in after and b"\x1b[?25h" in after  # main screen, cursor back
    assert b"Traceback" not in term.data and b"Pain during" not in term.data
    assert b"\x07" not in term.data  # --quiet
    flags = termios.tcgetattr(term.fd)[3]
    assert flags & termios.ECHO and flags & termios.ICANON
    assert not (tmp_path / "home" / "log.sqlite3").exists()


def test_ctrl_backslash_restores_the_terminal_and_logs_nothing(
    env: dict[str, str], terminals: list[Terminal], tmp_path: Path
) -> None:
    term = _open(terminals, ["start", "-c", "arthritis", "--quiet"], env)
    term.expect("Press Enter to begin")
    term.send("\r")
    term.expect("GET READY")
    before = len(term.data)
    term.send("\x1c")  # Ctrl-\\: SIGQUIT from the terminal
    assert term.wait() == 130
    after = term.data[before:]
    assert b"\x1b[?1049l" in after and b"\x1b[?25h" in after
    assert b"Traceback" not in term.data and b"core dumped" not in term.data
    flags = termios.tcgetattr(term.fd)[3]
    assert flags & termios.ECHO and flags & termios.ICANON
    assert not (tmp_path / "home" / "log.sqlite3").exists()


def test_ctrl_s_does_not_freeze_the_session(env: dict[str, str], terminals: list[Terminal]) -> None:
    term = _open(terminals, ["start", "-c", "arthritis", "--quiet"], env, flow_control=True)
    term.expect("Press Enter to begin")
    term.send("\r")
    term.expect("GET READY")
    term.send("\x13")  # Ctrl-S: with flow control on, no output would come any more
    term.send("n")
    term.expect("GO", timeout=10.0)
    term.send("q")
    term.expect("Stop the session here?", timeout=10.0)
    term.send("n")
    assert term.wait() == 0
    assert termios.tcgetattr(term.fd)[0] & termios.IXON  # on again after the session


def test_resizing_the_terminal_redraws_at_the_new_size(
    env: dict[str, str], terminals: list[Terminal]
) -> None:
    term = _open(terminals, ["start", "-c", "arthritis", "--quiet"], env)
    term.expect("\u2500" * 75 + "   0%")
    fcntl.ioctl(term.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    term.expect("\u2500" * 95 + "   0%")
    term.send("q")
    assert term.wait() == 0


def test_no_color_means_no_colour(env: dict[str, str], terminals: list[Terminal]) -> None:
    colour = re.compile(rb"\x1b\[[0-9;]*(?:3[0-7]|9[0-7])[;m]")
    plain = _open(terminals, ["start", "--quiet"], {**env, "NO_COLOR": "1"})
    plain.expect("Press Enter to begin")
    plain.send("q")
    assert plain.wait() == 0
    assert not colour.search(plain.data)
    coloured = _open(terminals, ["start", "--quiet"], env)
    coloured.expect("Press Enter to begin")
    coloured.send("\r")
    coloured.expect("GET READY")
    coloured.send("q")
    coloured.expect("Stop the session here?")
    coloured.send("n")
    assert coloured.wait() == 0
    assert colour.search(coloured.data)
    assert "Nothing logged." in coloured.text


def test_without_a_terminal_it_refuses_in_one_line(env: dict[str, str]) -> None:
    result = run(["start", "-c", "arthritis"], env=env, stdin="")
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: kneefit start needs a terminal to run in; for a routine to print or save, "
        "use 'kneefit plan'\n"
    )


def test_a_terminal_on_stdin_alone_is_not_enough(env: dict[str, str]) -> None:
    leader, follower = os.openpty()
    try:
        done = subprocess.run(
            [_script(), "start"],
            stdin=follower,
            capture_output=True,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().count("\n") == 1


def test_a_red_flag_in_the_log_refuses_a_session(env: dict[str, str]) -> None:
    logged = run(["log", "--pain", "3", "--effort", "4", "--red-flag", "knee locked"], env=env)
    assert logged.code == 0, logged.stderr
    result = run(["start", "-c", "arthritis"], env=env, stdin="")
    # Not an error (as for 'plan' and 'log'): a stop, said plainly, and nothing run.
    assert result.code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("STOP: Red flag logged on ")
    assert "knee locked" in lines[0] and "see a doctor or physiotherapist now" in lines[0]
    assert lines[0].endswith("'kneefit start' will not run a session until then.")


def test_bytes_from_the_terminal_become_keys() -> None:
    from kneefit.guided import machine
    from kneefit.guided.terminal import keys

    assert keys("n\x1b[A \x1bOPs\r\n\x7f\x08?\x1b") == [
        "n",
        " ",
        "s",
        machine.ENTER,
        machine.ENTER,
        machine.BACKSPACE,
        machine.BACKSPACE,
        "?",
        machine.ESCAPE,
    ]
    assert keys("\x1b[1;5C\x1b[200~x") == ["x"]
    with pytest.raises(KeyboardInterrupt):
        keys("a\x03")


def _today_items(catalogue: Catalogue) -> list[PlannedExercise]:
    request = PlanRequest(
        conditions=(catalogue.condition("arthritis").id,), equipment=vocabulary.HOUSEHOLD
    )
    layout = Layout(days_per_week=1, weeks=1, start=TODAY, one_off=True)
    planned = plan_schedule(catalogue, request, None, layout).routine
    return [i for s in planned.sections for i in s.items]


def test_plain_runs_a_whole_session_as_lines_and_logs_it_as_the_full_screen_does(
    catalogue: Catalogue, env: dict[str, str], terminals: list[Terminal]
) -> None:
    items = _today_items(catalogue)
    skip = {1, len(items) - 2}
    term = _open(terminals, ["start", "-c", "arthritis", "--plain"], env)
    term.expect("Press Enter to begin, or type q and Enter to leave.")
    before = termios.tcgetattr(term.fd)
    term.send("\r")
    for number, item in enumerate(items):
        term.expect(f"Exercise {number + 1} of {len(items)}")
        term.expect("Press Enter to start now;")
        if number in skip:
            term.send("s\r")
            continue
        # Enter starts the first set; then Enter ends each set (or side) and each rest.
        term.send("\r" * (2 * len(blocks(item))))
        term.expect("Pain now?")
        term.send("2\r")
    term.expect("Pain during the session, 0 (none) to 10 (worst): type a number and Enter")
    term.send("3\r")
    term.expect("How hard did it feel")
    term.send("5\r")
    term.expect("Press Enter to save this to your log and finish.")
    term.send("\r")
    term.expect("Logged")
    assert term.wait() == 0
    assert b"\x1b" not in term.data  # no alternate screen, no cursor moves, no colour
    assert b"\x07" in term.data  # a bell at each change (not --quiet)
    assert termios.tcgetattr(term.fd) == before  # the terminal as it was: echo, lines
    history = run(["history", "-f", "json"], env=env)
    logged = json.loads(history.stdout)["sessions"]
    assert len(logged) == 1 and (logged[0]["pain"], logged[0]["effort"]) == (3, 5)
    done = [item for number, item in enumerate(items) if number not in skip]
    assert [e["id"] for e in logged[0]["exercises"]] == [i.exercise.id for i in done]
    for entry, item in zip(logged[0]["exercises"], done, strict=True):
        timed = blocks(item)[0].seconds is not None
        assert entry["dose"] == item.dose.describe() + ("; ended early" if timed else "")
    skipped = ", ".join(items[n].exercise.name for n in sorted(skip))
    assert f"Skipped: {skipped}." in logged[0]["notes"]


def test_two_high_pains_in_a_row_stop_the_session_and_the_log_says_so_truthfully(
    catalogue: Catalogue, env: dict[str, str], terminals: list[Terminal]
) -> None:
    items = _today_items(catalogue)
    high = catalogue.safety.pain_rule.acceptable_max + 1
    term = _open(terminals, ["start", "-c", "arthritis", "--plain", "--quiet"], env)
    term.expect("Press Enter to begin")
    term.send("\r")
    term.expect("Exercise 1 of")
    term.send("\r" * (2 * len(blocks(items[0]))))  # the first done in full
    term.expect("Pain now?")
    term.send(f"{high}\r")
    term.expect(f"{items[0].exercise.name}: done, but pain {high} is above the acceptable")
    term.expect("Press Enter to go on;")
    term.send("\r")
    term.expect("Exercise 2 of")
    term.send("\r")  # the first set of the second starts...
    term.expect("Press Enter when")
    term.send(f"{high}\r")  # ...and hurts too much
    term.expect("That is twice in a row above")
    term.expect("Press Enter to stop the session;")
    term.send("\r")
    term.expect("Stopping here.")
    term.send(f"{high}\r4\r\r")
    term.expect("Logged")
    assert term.wait() == 0
    assert "That is more than" in term.text  # the next plan steps down
    history = run(["history", "-f", "json"], env=env)
    session = json.loads(history.stdout)["sessions"][0]
    # The first was done in full and is logged as done, its pain in the notes; the second,
    # stopped before a set was done, is not logged as done.
    first, second = items[0].exercise.name, items[1].exercise.name
    assert [e["id"] for e in session["exercises"]] == [items[0].exercise.id]
    timed = blocks(items[0])[0].seconds is not None
    assert session["exercises"][0]["dose"] == items[0].dose.describe() + (
        "; ended early" if timed else ""
    )
    assert f"Done, but pain above the acceptable level: {first} ({high}/10)." in session["notes"]
    assert f"Stopped for pain: {second} ({high}/10)." in session["notes"]
    assert "Ended early: pain above the acceptable level twice in a row." in session["notes"]
    rest = ", ".join(i.exercise.name for i in items[2:])
    assert f"Not reached: {rest}." in session["notes"]


def test_plain_ctrl_d_and_ctrl_c_leave_without_logging(
    env: dict[str, str], terminals: list[Terminal], tmp_path: Path
) -> None:
    for key in ("\x04", "\x03"):
        term = _open(terminals, ["start", "-c", "arthritis", "--plain", "--quiet"], env)
        term.expect("Press Enter to begin")
        term.send("\r")
        term.expect("Get ready")
        term.send(key)
        assert term.wait() == 130
        assert b"Traceback" not in term.data
    assert not (tmp_path / "home" / "log.sqlite3").exists()


def test_the_session_stops_at_the_programs_own_pain_ceiling_not_the_catalogues(
    catalogue: Catalogue, env: dict[str, str], terminals: list[Terminal]
) -> None:
    # With no condition the general programme's ceiling is 2 out of 10; the catalogue's
    # acceptable level is 5. A 3 must stop the exercise, as the log and the plan count it.
    assert catalogue.safety.pain_rule.acceptable_max > 3
    term = _open(terminals, ["start", "--plain", "--quiet"], env)
    term.expect("0 to 2 is safe, above 2 too much.")
    term.send("\r")
    term.expect("Press Enter to start now;")
    term.send("3\r")
    term.expect("Pain 3 is above the acceptable 2, so this exercise stops")
    term.send("q\r")
    term.expect("Stop the session here?")
    term.send("n\r")
    assert term.wait() == 0


def test_a_red_flag_in_a_session_is_logged_as_a_stop_and_asks_nothing_more(
    catalogue: Catalogue, env: dict[str, str], terminals: list[Terminal]
) -> None:
    from kneefit.guided.session_plan import session_red_flags

    flags = session_red_flags(catalogue.safety.red_flags)
    locked = next(n for n, f in enumerate(flags, 1) if f.id == "locked-or-giving-way")
    sign = flags[locked - 1].handout_sign or flags[locked - 1].sign
    term = _open(terminals, ["start", "-c", "arthritis", "--plain", "--quiet"], env)
    term.expect("r notes it (a red flag) and ends the session.")
    term.send("\r")
    term.expect("r red flag, ? help.")
    term.send("r\r")
    term.expect(f"{locked}. {sign}")
    term.send(f"{locked}\r")
    term.expect("Stopping here: a red flag.")
    term.send("2\r3\r")
    term.expect(f"STOP: {sign}.")
    term.send("\r")
    term.expect("kneefit plans no exercises until you log that a clinician has seen it")
    assert term.wait() == 0
    assert "Error" not in term.text and "--next-morning" not in term.text
    session = json.loads(run(["history", "-f", "json"], env=env).stdout)["sessions"][0]
    assert session["red_flags"] == [sign] and (session["pain"], session["effort"]) == (2, 3)
    assert "Ended for a red flag." in session["notes"]
    again = run(["start", "-c", "arthritis"], env=env, stdin="")
    # No session until a clinician has seen it: a stop, said on standard output.
    assert again.code == 0 and sign in again.stdout and again.stdout.startswith("STOP: ")


def test_a_red_flag_on_the_full_screen(env: dict[str, str], terminals: list[Terminal]) -> None:
    term = _open(terminals, ["start", "-c", "arthritis", "--quiet"], env)
    term.expect("Press Enter to begin")
    term.send("\r")
    term.expect("r red flag")
    term.send("r")
    term.expect("Which warning sign?")
    term.send("c")  # none of these: back to the exercise
    term.expect("GET READY")
    term.send("r")
    term.expect("Which warning sign?")
    term.send("1")
    term.expect("Stopping here: a red flag.")
    term.send("1\r1\r")
    term.expect("STOP:")
    term.send("\r")
    term.expect("kneefit plans no exercises until you log that a clinician has seen it")
    assert term.wait() == 0
    assert term.data.count(b"\x1b[?1049h") == term.data.count(b"\x1b[?1049l") == 1
    assert "Error" not in term.text and "--next-morning" not in term.text
    (session,) = json.loads(run(["history", "-f", "json"], env=env).stdout)["sessions"]
    assert len(session["red_flags"]) == 1 and session["exercises"] == []
