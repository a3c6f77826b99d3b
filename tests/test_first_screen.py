"""kneefit plan in a real terminal of 80 x 24: the routine table of a 30-minute plan is on
the first screen, every exercise with its dose, before any exercise's steps."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import time
from datetime import date
from pathlib import Path

from tests.conftest import TIMEOUT, child, clean_env, run

_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\r")


def _in_a_terminal(args: list[str], env: dict[str, str], rows: int, columns: int) -> str:
    """What kneefit writes in a pseudo-terminal of ``rows`` x ``columns``, escapes out."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    seen = b""
    try:
        with child(
            [sys.executable, "-m", "kneefit", *args],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=env,
        ) as process:
            os.close(follower)
            follower = -1
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline:
                ready, _, _ = select.select([leader], [], [], 0.5)
                if not ready:
                    if process.poll() is not None:
                        break
                    continue
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # EIO: the child has gone and the terminal is closed
                    break
                if not chunk:
                    break
                seen += chunk
            assert process.wait(timeout=TIMEOUT) == 0, seen[-2000:]
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    return _ESCAPES.sub("", seen.decode("utf-8"))


def _table_rows(lines: list[str]) -> tuple[list[dict[str, str]], list[str]]:
    """The routine table's rows (each column's text, its lines joined) and its bands, read
    from where its headings start."""
    at = next(n for n, line in enumerate(lines) if re.match(r"\s*#\s{2,}Exercise\s{2,}Dose", line))
    headings = list(re.finditer(r"\S+(?: \S+)*", lines[at]))
    starts = [0] + [m.start() for m in headings[1:]]
    spans = list(zip(starts, [*starts[1:], None], strict=True))
    names = [m.group() for m in headings]
    rows: list[dict[str, list[str]]] = []
    bands: list[str] = []
    for line in lines[at + 1 :]:
        if line.startswith("\u2500"):
            continue  # the rule under the headings, without colour
        if not line.startswith(" ") and not line[:1].isdigit():
            break  # the table has ended
        if re.match(r"\s+\S.*\(about \d+ min|\s+Total: ", line):
            bands.append(line.strip())
            continue
        cells = [line[a:b].strip() for a, b in spans]
        if cells[0]:
            rows.append({name: [] for name in names})
        for name, text in zip(names, cells, strict=True):
            if text:
                rows[-1][name].append(text)
    return [{k: " ".join(v) for k, v in row.items()} for row in rows], bands


def test_a_30_minute_plans_table_fits_the_first_screen(tmp_path: Path, pinned_today: date) -> None:
    env = clean_env(
        KNEEFIT_HOME=str(tmp_path / "home"),
        KNEEFIT_CACHE_DIR=str(tmp_path / "cache"),
        TERM="xterm-256color",
    )
    screen = _in_a_terminal(["plan", "--condition", "arthritis"], env, rows=24, columns=80)
    lines = screen.split("\n")
    first = lines[:24]
    # Nothing wider than the terminal but a word too long for it (a source's address).
    assert all(len(line) <= 80 or len(line.split()) == 1 for line in lines)
    assert any(line.strip().startswith("Total: ") for line in first), "\n".join(first)
    assert "How to do it:" not in "\n".join(first)
    rows, bands = _table_rows(first)

    planned = json.loads(run(["plan", "-c", "arthritis", "-f", "json"], env=env).stdout)
    exercises = [e for s in planned["sections"] for e in s["exercises"]]
    assert [row["Exercise"] for row in rows] == [e["name"] for e in exercises]
    assert [row["#"] for row in rows] == [str(n) for n in range(1, len(exercises) + 1)]
    for row, exercise in zip(rows, exercises, strict=True):
        rest = f", rest {row['Rest']} between" if row.get("Rest") else ""
        assert row["Dose"] + rest == exercise["dose"]["text"]
        days = exercise["dose"]["days_per_week"]
        often = "daily" if days == 7 else f"{days} a week"
        assert row.get("How often") == often or any(
            exercise["dose"]["frequency"] in band for band in bands
        )
    assert bands[-1].startswith(f"Total: {len(exercises)} exercises")
