"""Build only the command being run.

typer turns every command's signature into click parameters when the app starts; with a
dozen commands that is a good part of kneefit's start-up. The root group here knows each
command by name, module and one-line summary, imports the module of the command that is
run, and lists the others in ``--help`` from their summaries alone.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from kneefit.cli.language import add_option
from kneefit.i18n import N_, SOURCE_LANGUAGE, _, language


class WordedContext(typer.Context):
    """Every command's context: in a language other than English its help formatter writes
    click's and typer's own words (``Usage:``, ``Options``, ``Show this message and exit.``)
    in that language (kneefit.cli.framework); in English it is click's own."""

    def make_formatter(self) -> Any:
        if language() == SOURCE_LANGUAGE:
            return super().make_formatter()
        from kneefit.cli.framework import formatter

        return formatter(self)


@dataclass(frozen=True)
class Entry:
    """A command: the module whose ``app`` holds it, and its summary for ``kneefit --help``."""

    module: str
    summary: str


#: Every command, in the order ``kneefit --help`` lists them: a person's first, then a
#: clinician's. A new command is a module in kneefit/cli/ with an ``app``, and a line here.
COMMANDS: dict[str, Entry] = {
    "plan": Entry("plan", N_("Build a routine for your knee: one session, a week, or weeks.")),
    "start": Entry("start", N_("Follow today's session step by step in the terminal.")),
    "log": Entry("log", N_("Record a session's pain and effort, or a clinician's all-clear.")),
    "history": Entry("history", N_("Show the logged sessions and check-ins.")),
    "review": Entry("review", N_("Look back at the week: sessions, walking, what got in the way.")),
    "list": Entry("listing", N_("List the exercises, filtered by category, condition and kit.")),
    "show": Entry("show", N_("Show one exercise: steps, dose, picture and sources.")),
    "conditions": Entry("conditions", N_("List the knee conditions and what each rules out.")),
    "swap": Entry("swap", N_("List safe alternatives to an exercise.")),
    "program": Entry("program", N_("Write a program file for a person to plan from.")),
    "checkin": Entry("checkin", N_("Record outcome scores and follow-up measures.")),
    "report": Entry("report", N_("Write a progress report for a follow-up appointment.")),
    "validate": Entry("validate", N_("Check catalogue files before planning from them.")),
}


def load(name: str) -> Any:
    """The click command ``name``, built from its module's typer app.

    Typed ``Any``: from 0.2x typer builds its own copy of click's classes, so the class's
    module depends on typer's version; kneefit only calls what both have.
    """
    entry = COMMANDS[name]
    module = importlib.import_module(f"kneefit.cli.{entry.module}")
    command = typer.main.get_command(module.app)
    command.name = name
    command.short_help = _(entry.summary)
    add_option(command, language_option())
    translate_help(command)
    return command


def translate_help(command: Any) -> None:
    """Put ``command``'s help, its options' and its subcommands' in the run's language (the
    English texts are the catalogue's message ids; see kneefit.i18n)."""
    command.context_class = WordedContext
    if command.help:
        command.help = _(command.help)
    for param in command.params:
        _translate_option(param)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


def _translate_option(param: Any) -> None:
    """An option's help in the run's language (an argument has none)."""
    if getattr(param, "help", None):
        param.help = _(param.help)


def language_option() -> Any:
    """The ``--lang`` option, built by typer as every other option is (its value is read
    before the command runs: see kneefit.cli.language)."""
    from kneefit.cli.language import HELP

    probe = typer.Typer()

    @probe.command()
    def _probe(
        lang: str | None = typer.Option(
            None, "--lang", metavar="LANG", help=HELP, expose_value=False
        ),
    ) -> None:
        """Never run."""

    return typer.main.get_command(probe).params[0]


class LazyGroup(TyperGroup):
    """The root group: commands are built when first asked for."""

    context_class = WordedContext

    #: While formatting ``--help``: hand out summaries instead of building commands.
    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name not in COMMANDS:
            return None
        if self._listing:
            return TyperCommand(cmd_name, short_help=_(COMMANDS[cmd_name].summary))
        self.commands[cmd_name] = command = load(cmd_name)
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        # typer suggests from the commands already built; here, from every command.
        name = args[0] if args else ""
        if name and name not in COMMANDS and not name.startswith("-"):
            matches = get_close_matches(name, list(COMMANDS))
            said = _("No such command {name}.").format(name=repr(name))
            if matches:
                names = ", ".join(repr(m) for m in matches)
                said += " " + _("Did you mean {names}?").format(names=names)
            ctx.fail(said)
        return super().resolve_command(ctx, args)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        if self.help:
            self.help = _(self.help)
        for param in self.params:
            _translate_option(param)
        super().format_help(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False
