"""The environment, read once at the edge: KNEEFIT_TODAY, and no clock or variables below it."""

from __future__ import annotations

import ast
import json
import os
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kneefit.catalogue import bundled_catalogue_path
from kneefit.environment import (
    EARLIEST_TODAY,
    LATEST_TODAY,
    dates,
    pinned_today,
    read_environment,
)
from kneefit.errors import UsageError
from tests.conftest import ROOT, Invoke

PINNED = "2026-03-02"  # a Monday


# ------------------------------------------------------------------ KNEEFIT_TODAY, end to end


def test_kneefit_today_pins_the_plans_date(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNEEFIT_TODAY", PINNED)
    one = cli("plan", "-c", "arthritis", "-f", "ics")
    assert "DTSTART:20260302T073000" in one.stdout.splitlines()
    week = cli("plan", "-c", "arthritis", "--days", "3", "-f", "json")
    assert week.code == 0, week.stderr
    plan = json.loads(week.stdout)
    assert plan["start"] == PINNED
    assert [d["date"] for d in plan["days"][:2]] == [PINNED, "2026-03-03"]


def test_kneefit_today_is_the_day_sessions_are_logged_on_and_the_last_day_allowed(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KNEEFIT_TODAY", PINNED)
    assert cli("log", "--pain", "2", "--effort", "5").code == 0
    later = cli("log", "--pain", "2", "--effort", "5", "--date", "2026-03-03")
    assert later.code == 2 and "2026-03-03 is in the future" in later.stderr
    logged = json.loads(cli("history", "-f", "json").stdout)["sessions"]
    assert [s["date"] for s in logged] == [PINNED]


@pytest.mark.parametrize(
    "value", ["2026-13-01", "yesterday", "2026-3-2", " 2026-03-02", "02/03/2026", "20260302"]
)
def test_a_bad_kneefit_today_is_a_usage_error(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("KNEEFIT_TODAY", value)
    result = cli("plan", "-c", "arthritis")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: KNEEFIT_TODAY={value!r} is not a date: write it as YYYY-MM-DD "
        "(e.g. KNEEFIT_TODAY=2026-03-02), or unset it for today's date\n"
    )


@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "9999-01-01", "9999-12-31"])
def test_a_kneefit_today_at_the_ends_of_the_calendar_is_a_usage_error(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("KNEEFIT_TODAY", value)
    result = cli("log", "--pain", "1", "--effort", "1")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"Error: KNEEFIT_TODAY={value} is out of range")


@pytest.mark.parametrize("day", [EARLIEST_TODAY, LATEST_TODAY])
def test_the_first_and_last_days_kneefit_today_allows_plan_log_and_report(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, day: date
) -> None:
    monkeypatch.setenv("KNEEFIT_TODAY", day.isoformat())
    for args in (
        ("log", "--pain", "2", "--effort", "5", "-x", "wall sit"),
        ("log", "--next-morning", "1"),
        ("checkin", "--pain", "3"),
        ("plan", "-c", "arthritis", "--days", "7", "--weeks", "12", "-f", "ics"),
        ("report", "-f", "html"),
        ("history",),
    ):
        result = cli(*args)
        assert result.code == 0, (args, result.stderr)


def test_an_empty_kneefit_today_is_no_pin() -> None:
    assert pinned_today("") is None
    assert pinned_today(PINNED) == date(2026, 3, 2)
    with pytest.raises(UsageError):
        pinned_today("today")


@pytest.mark.cold_cache
def test_the_cache_goes_by_the_real_clock_whatever_day_is_pinned(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: Path
) -> None:
    entries = home / ".cache" / "kneefit" / "catalogues"
    settled = tmp_path / "settled.yaml"
    shutil.copyfile(bundled_catalogue_path(), settled)
    an_hour_ago = datetime.now(timezone.utc).timestamp() - 3600
    os.utime(settled, (an_hour_ago, an_hour_ago))
    # A day long past: the file, changed an hour ago by the clock, is cached all the same.
    monkeypatch.setenv("KNEEFIT_TODAY", "1990-05-01")
    assert cli("list", "--catalogue", str(settled)).code == 0
    assert len(list(entries.glob("*.json"))) == 2  # the bundled file and this one
    # A day far ahead: a file just changed is still not cached.
    fresh = tmp_path / "fresh.yaml"
    shutil.copyfile(bundled_catalogue_path(), fresh)
    monkeypatch.setenv("KNEEFIT_TODAY", "2099-05-01")
    assert cli("list", "--catalogue", str(fresh)).code == 0
    assert len(list(entries.glob("*.json"))) == 2


# ------------------------------------------------------------------ today and now


def test_now_is_the_pinned_day_at_the_clocks_time_of_day() -> None:
    plus_two = timezone(timedelta(hours=2))
    clock = datetime(2026, 12, 6, 9, 18, 30, tzinfo=plus_two)
    assert dates(None, clock) == (
        date(2026, 12, 6),
        datetime(2026, 12, 6, 7, 18, 30, tzinfo=timezone.utc),
    )
    assert dates(date(2026, 3, 2), clock) == (
        date(2026, 3, 2),
        datetime(2026, 3, 2, 7, 18, 30, tzinfo=timezone.utc),
    )
    # Today is the local date, even where UTC is still on the day before.
    just_after_midnight = datetime(2026, 12, 6, 0, 30, tzinfo=plus_two)
    today, now = dates(None, just_after_midnight)
    assert today == date(2026, 12, 6) and now.date() == date(2026, 12, 5)


def test_the_environment_read_with_a_pinned_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNEEFIT_TODAY", "1990-05-01")
    monkeypatch.setenv("KNEEFIT_HOME", "/somewhere/home")
    monkeypatch.setenv("KNEEFIT_CACHE_DIR", "/somewhere/cache")
    env = read_environment()
    assert env.today == date(1990, 5, 1)
    # Now is that day at the clock's time of day (in the clock's UTC offset).
    time_of_day = env.wall_clock.astimezone().timetz()
    assert env.now == datetime.combine(env.today, time_of_day).astimezone(timezone.utc)
    assert env.wall_clock > env.now + timedelta(days=365)  # the cache's clock is the real one
    assert (env.places.data_dir, env.places.cache_dir) == (
        Path("/somewhere/home"),
        Path("/somewhere/cache"),
    )
    # Under pytest standard output is captured: not a terminal, no colour, the usual width.
    assert (env.stdout_terminal, env.color, env.width) == (False, False, 100)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert read_environment().color


@pytest.mark.parametrize(
    ("variables", "terminal", "colour"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"TERM": "xterm-256color"}, True, True),
        ({"TERM": "dumb"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, True, False),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, False, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": ""}, False, True),
        ({"NO_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": ""}, False, False),
    ],
)
def test_no_color_and_a_dumb_terminal_beat_force_color(
    variables: dict[str, str], terminal: bool, colour: bool
) -> None:
    from kneefit.environment import color_allowed

    assert color_allowed(variables, terminal) is colour


def test_the_width_is_columns_then_the_terminals_then_the_default() -> None:
    from kneefit.environment import DEFAULT_WIDTH, width_of

    assert width_of({"COLUMNS": "80"}, None) == 80
    assert width_of({"COLUMNS": " 132 "}, 90) == 132
    assert width_of({}, 90) == 90
    for value in ("", "0", "-5", "wide", "8.5", "\u0668\u0660"):
        assert width_of({"COLUMNS": value}, None) == DEFAULT_WIDTH, value
        assert width_of({"COLUMNS": value}, 70) == 70, value


# ------------------------------------------------------------------ nothing else reads them

#: What only kneefit/cli/ and kneefit/environment.py may use: the clock, the environment
#: variables and the terminal's size.
_EDGE_ONLY = (
    "date.today",
    "datetime.now",
    "datetime.utcnow",
    "datetime.today",
    "time.time",
    "time.time_ns",
    "os.environ",
    "os.environb",
    "os.getenv",
    "os.getenvb",
    "os.putenv",
    "shutil.get_terminal_size",
    "os.get_terminal_size",
)

#: The guided session's terminal loop measures the terminal as it is resized, by nature.
_ALLOWED = {("kneefit/guided/terminal.py", "os.get_terminal_size")}


def _dotted(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def edge_reads(source: str) -> list[tuple[int, str]]:
    """Where ``source`` uses the clock, the environment variables or the terminal's size, by
    line."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            name = _dotted(node)
            if name is not None:
                found += [
                    (node.lineno, edge)
                    for edge in _EDGE_ONLY
                    if name == edge or name.endswith("." + edge)
                ]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            found += [
                (node.lineno, f"{node.module}.{alias.name}")
                for alias in node.names
                if f"{node.module}.{alias.name}" in _EDGE_ONLY
                or f"{node.module.rpartition('.')[2]}.{alias.name}" in _EDGE_ONLY
            ]
    return sorted(found)


def test_the_scan_finds_every_way_of_reading_the_clock_or_the_environment() -> None:
    source = (
        "import datetime, os, time\n"
        "from datetime import date\n"
        "from os import environ\n"
        "from time import time as clock\n"
        "a = date.today()\n"
        "b = datetime.datetime.now()\n"
        "c = time.time()\n"
        "d = os.environ.get('X')\n"
        "e = os.getenv('X')\n"
        "f = datetime.date.today\n"
        "g = time.monotonic()\n"  # a duration, not the date: allowed
    )
    assert [line for line, _ in edge_reads(source)] == [3, 4, 5, 6, 7, 8, 9, 10]


def test_only_the_cli_and_the_environment_read_the_clock_the_variables_or_the_terminal() -> None:
    package = ROOT / "kneefit"
    found = []
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name.startswith("kneefit/cli/") or name == "kneefit/environment.py":
            continue
        found += [
            (name, line, what)
            for line, what in edge_reads(path.read_text(encoding="utf-8"))
            if (name, what) not in _ALLOWED
        ]
    assert found == []


def _imports(source: str) -> set[str]:
    """Every module ``source`` imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            found.add(node.module)
    return found


def test_the_core_imports_no_renderer_and_no_command_line() -> None:
    """The core (models, catalogue, planning, dosing, progression, the log) returns data:
    it reaches neither the renderers nor the typer layer, not even lazily."""
    package = ROOT / "kneefit"
    # The entry point, the environment's reader and output.py (a shim that names where the
    # command line's writers now live) stand at the edge with the command line.
    edge = {"__main__.py", "environment.py", "output.py"}
    core = [p for p in sorted(package.glob("*.py")) if p.name not in edge]
    core += sorted((package / "catalogue").glob("*.py")) + sorted((package / "log").glob("*.py"))
    found = [
        (path.relative_to(ROOT).as_posix(), module)
        for path in core
        for module in sorted(_imports(path.read_text(encoding="utf-8")))
        if module.startswith(("kneefit.render", "kneefit.cli"))
    ]
    assert found == []
