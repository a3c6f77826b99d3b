"""Real processes: the console script, pipes, redirects, files, terminals and encodings."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, TIMEOUT, child, clean_env, read_until, run, run_child, shell


def test_console_script_and_module_both_run() -> None:
    for module in (False, True):
        result = run(["plan", "--condition", "arthritis"], module=module)
        assert result.code == 0, result.stderr
        assert "Osteoarthritis" in result.stdout
        assert result.stderr == ""


def test_redirected_plan_is_plain_text_without_escape_codes(tmp_path: Path) -> None:
    target = tmp_path / "plan.txt"
    with target.open("wb") as handle:
        done = run_child(
            [sys.executable, "-m", "kneefit", "plan", "--condition", "arthritis"],
            stdout=handle,
            env=clean_env(TERM="xterm-256color"),
        )
    assert done.returncode == 0 and done.stderr == b""
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert "Stop and see a clinician now if" in text and "Sources" in text


def test_a_piped_table_is_as_wide_as_columns_says() -> None:
    def widest(**env: str) -> int:
        done = run(["list", "stretches", "-f", "table"], env=clean_env(**env))
        assert done.code == 0, done.stderr
        assert "\u2026" not in done.stdout  # nothing cut short with an ellipsis
        return max(len(line) for line in done.stdout.splitlines())

    assert widest(COLUMNS="80") <= 80 < widest(COLUMNS="120") <= 120
    assert widest() <= 100  # without COLUMNS or a terminal
    # The text format is the same at any width, for files.
    narrow = run(["plan", "-c", "bursitis"], env=clean_env(COLUMNS="40"))
    wide = run(["plan", "-c", "bursitis"], env=clean_env(COLUMNS="250"))
    assert narrow.code == wide.code == 0
    assert narrow.stdout == wide.stdout


@pytest.mark.parametrize("unbuffered", [True, False])
def test_reader_leaving_early_gives_no_traceback(unbuffered: bool) -> None:
    env = clean_env()
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    done = shell("KNEEFIT list -f text | head -1", env)
    assert done.stdout.count(b"\n") == 1
    assert done.stderr == b""


def test_full_disk_is_a_one_line_error() -> None:
    with Path("/dev/full").open("wb") as full:
        done = run_child([sys.executable, "-m", "kneefit", "plan"], stdout=full, env=clean_env())
    assert done.returncode == 1
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot write output")


def test_closed_stdout_is_a_one_line_error() -> None:
    done = shell("KNEEFIT plan >&-")
    assert done.returncode == 1
    assert done.stderr.decode().count("\n") == 1
    assert b"Traceback" not in done.stderr


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}],
)
def test_non_utf8_output_gets_ascii_stand_ins(env: dict[str, str]) -> None:
    result = run(["plan", "-c", "arthritis", "-f", "table"], env=clean_env(**env))
    assert result.code == 0, result.stderr
    assert result.stdout.strip()
    assert result.stdout.isascii() or "PYTHONIOENCODING" not in env
    assert "Osteoarthritis" in result.stdout


def test_colour_follows_the_conventions() -> None:
    plain = run(["plan", "-f", "table"])
    forced = run(["plan", "-f", "table"], env=clean_env(FORCE_COLOR="1"))
    both = run(["plan", "-f", "table"], env=clean_env(FORCE_COLOR="1", NO_COLOR="1"))
    empty_no_color = run(["plan", "-f", "table"], env=clean_env(FORCE_COLOR="1", NO_COLOR=""))
    assert "\x1b[" not in plain.stdout
    assert "\x1b[" in forced.stdout
    assert "\x1b[" not in both.stdout
    assert "\x1b[" in empty_no_color.stdout
    dumb = run(["plan", "-f", "table"], env=clean_env(TERM="dumb"))
    assert dumb.code == 0 and "\x1b[" not in dumb.stdout
    # TERM=dumb and NO_COLOR say what cannot be shown; FORCE_COLOR is only a wish.
    forced_dumb = run(["plan", "-f", "table"], env=clean_env(FORCE_COLOR="1", TERM="dumb"))
    assert forced_dumb.code == 0 and "\x1b" not in forced_dumb.stdout


def test_markup_in_catalogue_text_prints_literally(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        'exercises:\n  - id: marked\n    name: "[bold]Bold[/bold] [link=http://x]x"\n'
        "    category: strength\n    primary_muscles: [adductors]\n    level: beginner\n"
        '    dose: {sets: 2, reps: 10, days_per_week: 3}\n    steps: ["Do [red]this[/red]."]\n'
        '    cues: ["Keep [b]it[/b].", Go.]\n    sources: [aaos-knee-conditioning]\n',
        encoding="utf-8",
    )
    for fmt in ("table", "text"):
        result = run(["show", "marked", "--catalogue", str(mine), "-f", fmt])
        assert result.code == 0, result.stderr
        assert "[bold]Bold[/bold] [link=http://x]x" in result.stdout
        assert "[red]this[/red]" in result.stdout


class TestOutputFile:
    def test_format_comes_from_the_extension(self, tmp_path: Path) -> None:
        for name, marker in (
            ("p.json", '"sections"'),
            ("p.md", "# kneefit"),
            ("p.csv", "section,order"),
        ):
            result = run(["plan", "-o", str(tmp_path / name)])
            assert result.code == 0, result.stderr
            assert result.stdout == ""
            assert marker in (tmp_path / name).read_text(encoding="utf-8")

    def test_existing_file_is_kept_without_force(self, tmp_path: Path) -> None:
        target = tmp_path / "plan.txt"
        target.write_bytes(b"precious")
        result = run(["plan", "-o", str(target)])
        assert result.code == 1
        assert "already exists; use --force" in result.stderr
        assert target.read_bytes() == b"precious"
        assert run(["plan", "-o", str(target), "--force"]).code == 0
        assert b"precious" not in target.read_bytes()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.txt"]

    def test_file_mode_follows_the_umask(self, tmp_path: Path) -> None:
        target = tmp_path / "plan.txt"
        done = shell(f'umask 022; KNEEFIT plan -o "{target}"')
        assert done.returncode == 0, done.stderr
        assert stat.S_IMODE(target.stat().st_mode) == 0o644

    def test_missing_or_read_only_directory(self, tmp_path: Path) -> None:
        missing = run(["plan", "-o", str(tmp_path / "nowhere" / "plan.txt")])
        assert missing.code == 1 and "does not exist" in missing.stderr
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            if os.access(locked, os.W_OK):
                pytest.skip("running as a user who can write anywhere")
            result = run(["plan", "-o", str(locked / "plan.txt")])
            assert result.code == 1 and "cannot write" in result.stderr
            assert list(locked.iterdir()) == []
        finally:
            locked.chmod(0o700)


@pytest.mark.slow
def test_built_wheel_carries_the_catalogue_and_finds_it(tmp_path: Path) -> None:
    done = run_child(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(ROOT)],
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    (wheel,) = (tmp_path / "dist").glob("kneefit-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "kneefit/data/exercises.yaml" in archive.namelist()
    target = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    installed = run_child(
        [*pip, "--target", str(target), str(wheel)],
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr.decode()[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_child(
        [sys.executable, "-c", "import kneefit.catalogue as c; print(c.bundled_catalogue_path())"],
        cwd=elsewhere,
        env=clean_env(PYTHONPATH=str(target)),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith(str(target))


#: ``python -m kneefit``, but saying on stderr when its YAML parser is a thousand values into
#: a file named big.yaml, and there waiting for a signal: so the signal comes while the parser
#: is busy, however late the test sends it (a file large enough to outlast the test's
#: reaction cost seconds of parsing per run, and still lost the race on a loaded machine).
_ANNOUNCING = """
import os, runpy, signal, sys
import kneefit.catalogue.parsing as catalogue
from kneefit import yamlread
parse = catalogue.parse_file
loader = yamlread._loader()
descend = loader.descend_resolver
big = []
def announcing(text, name):
    big.append(name.endswith("big.yaml"))
    return parse(text, name)
def waiting(self, node, index):
    descend(self, node, index)
    if big and big[-1] and self.kneefit_nodes == 1000:
        # Held until it comes (no race with its coming early), then let through here.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        sys.stderr.write("parsing\\n")
        sys.stderr.flush()
        signal.sigwait({signal.SIGINT})
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        os.kill(os.getpid(), signal.SIGINT)
loader.descend_resolver = waiting
catalogue.parse_file = announcing
sys.argv[0] = "kneefit"
runpy.run_module("kneefit", run_name="__main__", alter_sys=True)
"""


def test_ctrl_c_while_parsing_exits_130_without_a_traceback(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("exercises:\n" + "- x\n" * 2_000, encoding="utf-8")
    with child(
        [sys.executable, "-c", _ANNOUNCING, "validate", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    ) as process:
        assert process.stderr is not None
        before = read_until(process.stderr.fileno(), b"parsing\n")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 130, before + err
    assert out == b""
    assert before == b"parsing\n"
    assert err == b""


_PEAK = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
error = child.stderr.read()
_, status, usage = os.wait4(child.pid, 0)
child.returncode = os.waitstatus_to_exitcode(status)
print(child.returncode, usage.ru_maxrss)
sys.stderr.buffer.write(error)
"""


def peak_memory(args: list[str]) -> tuple[int, int, str]:
    """Exit code, peak resident memory (KiB) and stderr of ``kneefit ARGS``.

    Measured from a small go-between process: a child's peak counts the pages it was forked
    with, and forking from pytest would add pytest's own size.
    """
    done = run_child(
        [sys.executable, "-c", _PEAK, sys.executable, "-m", "kneefit", *args], env=clean_env()
    )
    code, peak = (int(word) for word in done.stdout.split())
    return code, peak, done.stderr.decode()


def test_alias_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    # Twelve levels of ten aliases: 10**12 nodes once expanded, in a few hundred bytes.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join([*lines, "exercises: *a11", "name: *a11"]) + "\n")
    calm = tmp_path / "calm.yaml"
    calm.write_text("sources: []\n")
    code, baseline, _ = peak_memory(["validate", str(calm)])
    assert code == 0
    code, peak, stderr = peak_memory(["validate", str(bomb)])
    assert code == 1
    assert "is it an alias bomb?" in stderr and "Traceback" not in stderr
    assert len(stderr) < 500  # nothing of the expansion is echoed
    assert peak - baseline < 20 * 1024, (baseline, peak)
