"""Fitting the world around kneefit: file names whose extension promises a format kneefit
does not write, colour settings, a system without termios."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke


@pytest.mark.parametrize("name", ["report.xlsx", "plan.docx", "plan.TXT.bak"])
@pytest.mark.parametrize("command", [("plan", "-c", "arthritis"), ("report",), ("list",)])
def test_an_extension_kneefit_cannot_write_is_a_usage_error(
    cli: Invoke, tmp_path: Path, name: str, command: tuple[str, ...]
) -> None:
    target = tmp_path / name
    result = cli(*command, "-o", str(target))
    assert (result.code, result.stdout) == (2, "")
    suffix = Path(name).suffix.lower()
    assert f"kneefit cannot write a {suffix} file" in result.stderr
    known = ".csv, .fhir.json, .htm, .html, .ics, .json, .markdown, .md, .pdf, .svg, .text, .txt"
    assert known in result.stderr.replace("\n", " ")
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_any_name_is_written_with_a_format_and_none_without_an_extension(
    cli: Invoke, tmp_path: Path
) -> None:
    for args in (("-f", "text", "-o", str(tmp_path / "plan.out")), ("-o", str(tmp_path / "p"))):
        result = cli("plan", "-c", "arthritis", *args)
        assert result.code == 0, result.stderr
        assert result.stderr.endswith("(text).\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p", "plan.out"]


def test_start_without_termios_refuses_in_one_line(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows' Python has no termios: 'start' says so (exit 2), never an internal error."""
    import sys

    monkeypatch.setitem(sys.modules, "termios", None)
    monkeypatch.delitem(sys.modules, "tty", raising=False)
    monkeypatch.delitem(sys.modules, "kneefit.guided.terminal", raising=False)
    result = cli("start", "-c", "arthritis", "--no-log")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: kneefit start cannot run here: it reads keys one by one through termios, "
        "which this system's Python does not have (Windows); 'kneefit start --plain' runs "
        "the session as lines, and 'kneefit plan' prints or saves a routine\n"
    )


def test_the_calendar_carries_the_programs_notes(cli: Invoke, tmp_path: Path) -> None:
    from icalendar import Calendar

    program = tmp_path / "anna.yaml"
    assert cli("program", "new", "-c", "arthritis", "-o", str(program)).code == 0
    text = program.read_text(encoding="utf-8")
    assert "\nnotes: null\n" in text
    program.write_text(
        text.replace("\nnotes: null\n", '\nnotes: "Ice the knee after; call me if it swells"\n'),
        encoding="utf-8",
    )
    calendar = tmp_path / "anna.ics"
    result = cli("plan", "--program", str(program), "--weeks", "1", "-o", str(calendar))
    assert result.code == 0, result.stderr
    events = Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")
    assert events
    for event in events:
        description = str(event["DESCRIPTION"])
        assert "Before you start:\n" in description
        assert "- Notes from your physiotherapist: Ice the knee after; call me if it swells\n" in (
            description
        )
