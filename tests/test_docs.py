"""Meta-tests: every command and option that ``kneefit --help`` shows is in README.md, and
every command that takes ``--format`` renders every format."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer

from kneefit.cli import app
from kneefit.render import Document, Renderer, RenderOptions, renderer_for
from kneefit.vocabulary import Format
from tests.conftest import ROOT, Invoke

README = (ROOT / "README.md").read_text(encoding="utf-8")

#: The methods of the renderer interface, one per document (named by its value).
RENDERER_METHODS = tuple(d.value for d in Document)
PLANS_ONLY = {Format.HTML, Format.PDF, Format.ICS}


def _section(help_text: str, title: str) -> list[str]:
    """The lines of one section ('Options:', 'Commands:') of a help page."""
    lines: list[str] = []
    inside = False
    for line in help_text.splitlines():
        if line == f"{title}:":
            inside = True
        elif inside and line and not line.startswith(" "):
            break
        elif inside and line:
            lines.append(line)
    return lines


def _commands(help_text: str) -> list[tuple[str, str]]:
    """(name, summary) of each command a help page lists."""
    found = []
    for line in _section(help_text, "Commands"):
        match = re.match(r"  (\S+)\s+(.*)", line)
        if match:
            found.append((match.group(1), match.group(2)))
    return found


def _options(help_text: str) -> list[tuple[list[str], str]]:
    """(names, metavar) of each option a help page lists: (['-c', '--condition'], 'NAME')."""
    found = []
    for line in _section(help_text, "Options"):
        match = re.match(r"  (-[^\s,]+(?:, -[^\s,]+)*)(?: (\S.*?))?(?:\s{2,}|$)", line)
        if match:
            names, metavar = match.group(1).split(", "), match.group(2) or ""
            if metavar.startswith("/ "):  # an on/off pair: --bom / --no-bom
                names, metavar = [*names, *metavar[2:].split(", ")], ""
            found.append((names, metavar))
    return found


#: Every code span of the README: `kneefit plan`, `-c`, `--minutes N`, ...
CODE = re.findall(r"`([^`\n]+)`", README)


def _in_code(option: str) -> bool:
    """Whether ``option`` is written, as a whole word, in one of the README's code spans."""
    word = re.compile(rf"(?<![\w-]){re.escape(option)}(?![\w-])")
    return any(word.search(span) for span in CODE)


def _every_command(cli: Invoke) -> list[str]:
    """Every command and subcommand, as 'plan', 'log export', ..., read from --help."""
    top = cli("--help")
    assert top.code == 0, top.stderr
    names = []
    for name, summary in _commands(top.stdout):
        assert summary.strip(), f"'kneefit {name}' has no summary in --help"
        names.append(name)
        for sub, sub_summary in _commands(cli(name, "--help").stdout):
            assert sub_summary.strip(), f"'kneefit {name} {sub}' has no summary in --help"
            names.append(f"{name} {sub}")
    return names


def test_help_lists_the_commands_kneefit_has(cli: Invoke) -> None:
    # A guard on the parsing above: if it read nothing, the tests below would prove nothing.
    commands = _every_command(cli)
    assert {"plan", "list", "show", "conditions", "history", "validate", "log"} <= set(commands)
    assert {"log export", "log import", "log forget"} <= set(commands)
    plan_options = {n for names, _ in _options(cli("plan", "--help").stdout) for n in names}
    assert {"-c", "--condition", "--days", "-h", "--help"} <= plan_options


def test_every_command_in_help_is_documented(cli: Invoke) -> None:
    for command in _every_command(cli):
        assert f"`kneefit {command}" in README, command


def test_every_option_in_help_is_documented(cli: Invoke) -> None:
    pages = {"": cli("--help").stdout}
    pages |= {command: cli(*command.split(), "--help").stdout for command in _every_command(cli)}
    missing = []
    for command, page in pages.items():
        for names, _ in _options(page):
            missing += [(command, n) for n in names if not _in_code(n)]
    assert missing == []


def test_every_options_placeholder_is_the_one_the_readme_shows(cli: Invoke) -> None:
    different = []
    for command in _every_command(cli):
        for names, metavar in _options(cli(*command.split(), "--help").stdout):
            if metavar and not any(_in_code(f"{n} {metavar}") for n in names):
                different.append((command, names, metavar))
    assert different == []


def test_every_format_and_exit_code_is_documented() -> None:
    for fmt in Format:
        assert f"`{fmt.value}`" in README, fmt
    for code in ("0", "1", "2", "70", "130", "141"):
        assert f"| {code} |" in README, code


# --------------------------------------------------------------- formats for every command


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_has_a_renderer_for_everything(fmt: Format) -> None:
    renderer: Renderer = renderer_for(fmt, RenderOptions())
    for method in RENDERER_METHODS:
        assert callable(getattr(renderer, method)), (fmt, method)


def _format_commands() -> list[tuple[str, ...]]:
    """Every command (as its words) that takes --format, found in the CLI itself."""
    found: list[tuple[str, ...]] = []

    # Duck-typed: typer builds click commands, or (from 0.2x) its own copy of them.
    def walk(command: Any, path: tuple[str, ...]) -> None:
        if any("--format" in getattr(p, "opts", ()) for p in command.params):
            found.append(path)
        if hasattr(command, "list_commands"):  # a group; the root builds commands lazily
            for name in command.list_commands(None):
                walk(command.get_command(None, name), (*path, name))

    walk(typer.main.get_command(app), ())
    return found


#: Arguments that make each command with --format print something; a new command with
#: --format fails test_every_command_with_format_has_an_example until it has one here.
EXAMPLES: dict[tuple[str, ...], list[list[str]]] = {
    ("plan",): [["-c", "arthritis"], ["-c", "arthritis", "--days", "3", "--weeks", "2"]],
    ("list",): [["strength"]],
    ("show",): [["wall sit"]],
    ("conditions",): [[]],
    ("history",): [[]],
}


#: Commands whose --format takes their own few formats (tested with the command itself).
OWN_FORMATS = {("report",), ("swap",), ("review",)}


def test_every_command_with_format_has_an_example() -> None:
    assert sorted(set(_format_commands()) - OWN_FORMATS) == sorted(EXAMPLES)


@pytest.mark.parametrize("fmt", list(Format), ids=[f.value for f in Format])
@pytest.mark.parametrize("command", sorted(EXAMPLES), ids=" ".join)
def test_every_command_renders_every_format(
    command: tuple[str, ...], fmt: Format, cli: Invoke
) -> None:
    if fmt is Format.PDF and command == ("plan",):
        pytest.skip("a PDF is bytes: tests/test_pdf.py reads it")
    for args in EXAMPLES[command]:
        result = cli(*command, *args, "--format", fmt.value)
        if fmt is Format.SVG and command != ("show",):
            assert result.code == 2, result
            assert "Error: the svg format is not for " in result.stderr
            assert result.stdout == ""
        elif fmt is Format.FHIR:  # the report's alone (tests/test_fhir.py)
            assert result.code == 2, result
            assert "Error: the fhir format is not for " in result.stderr
            assert result.stdout == ""
        elif fmt in PLANS_ONLY and command != ("plan",):
            assert result.code == 2, result
            assert f"Error: the {fmt.value} format is not for " in result.stderr
            assert result.stdout == ""
        else:
            assert result.code == 0, result.stderr
            assert result.stdout.strip(), (command, args, fmt)
            assert result.stderr == ""


def test_every_piece_of_equipment_is_in_help_and_the_readme(cli: Invoke) -> None:
    """What ``-e`` takes, from the model: a new piece of equipment is documented where a
    person looks (slant-board and gym-machines were taken but named nowhere)."""
    from kneefit.models import Equipment

    page = " ".join(cli("plan", "--help").stdout.split())
    row = next(line for line in README.splitlines() if line.startswith("| `-e`, `--equipment"))
    for kit in Equipment:
        assert kit.value in page, kit
        assert f"`{kit.value}`" in row, kit
