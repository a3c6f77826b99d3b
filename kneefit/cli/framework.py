"""The framework's own words, click's and typer's, in the run's language (not English).

click and typer write some words of kneefit's help and usage errors themselves: ``Usage:``,
the ``Options`` heading, ``Show this message and exit.``, ``[default: 1]``, ``Try 'kneefit
plan -h' for help.``, ``No such option: --x``, ``Invalid value for '--pain': ...``. Neither
can be told kneefit's language: typer from 0.26 on carries its own copy of click whose
messages are plain English, and before that click asks :mod:`gettext` for the translation
of its default domain in the *environment's* language, not ``--lang``. So kneefit says
them itself, with its own catalogue, through the hooks click offers for it: the help
formatter of every context (see ``WordedContext`` in kneefit.cli.lazy) and the usage error
that reaches kneefit's own error path (kneefit.cli._run). This module is imported only in
a run in another language: an English run prints exactly what click and typer print.

A framework message kneefit does not know (a newer typer's new wording) stays English, as
click wrote it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from kneefit.i18n import N_, _, ngettext

#: Patterns of the framework's English and, for each, the same in kneefit's words (the
#: pattern's named groups are the message's placeholders).
_Rules = tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...]

#: Section headings of the help (``Options:``).
_HEADINGS = {
    "Options": N_("Options"),
    "Arguments": N_("Arguments"),
    "Commands": N_("Commands"),
}

#: The help of the options click and typer add themselves.
_OPTION_HELP = {
    "Show this message and exit.": N_("Show this message and exit."),
    "Install completion for the current shell.": N_("Install completion for the current shell."),
    "Show completion for the current shell, to copy it or customize the installation.": N_(
        "Show completion for the current shell, to copy it or customize the installation."
    ),
}

#: The placeholders of the usage line that click writes itself.
_USAGE_WORDS = {
    "[OPTIONS]": N_("[OPTIONS]"),
    "COMMAND [ARGS]...": N_("COMMAND [ARGS]..."),
    "[COMMAND] [ARGS]...": N_("[COMMAND] [ARGS]..."),
}

#: The bracket at the end of an option's help: ``[default: 1; 1<=x<=12]``.
_EXTRAS = re.compile(r"(?P<help>.*?)(?P<gap>\s*)\[(?P<items>[^\[\]]*)\]", re.DOTALL)
#: A range as click writes it (``1<=x<=12``, ``x>=1``): signs and numbers, no words.
_RANGE = re.compile(r"[-+0-9.e]*\s*[<>]=?\s*x(\s*[<>]=?\s*[-+0-9.e]+)?|x\s*[<>]=?\s*[-+0-9.e]+")


def _extra(item: str) -> str | None:
    """One item of the bracket in kneefit's language, or None for one it does not know."""
    if item == "required":
        return _("required")
    if item.startswith("default: "):
        return _("default: {default}").format(default=item.removeprefix("default: "))
    if item.startswith("env var: "):
        return _("env var: {var}").format(var=item.removeprefix("env var: "))
    if _RANGE.fullmatch(item):
        return item
    return None


def option_help(text: str) -> str:
    """An option's help as click or typer finished it, with their words translated."""
    if text in _OPTION_HELP:
        return _(_OPTION_HELP[text])
    found = _EXTRAS.fullmatch(text)
    if found is None:
        return text
    items = [_extra(item) for item in found["items"].split("; ")]
    if any(item is None for item in items):
        return text
    help_text = _OPTION_HELP.get(found["help"])
    head = _(help_text) if help_text else found["help"]
    return f"{head}{found['gap']}[{'; '.join(str(item) for item in items)}]"


@functools.cache
def _worded(base: type[Any]) -> type[Any]:
    """A subclass of ``base`` (the help formatter of the click typer uses) that writes the
    framework's words in the run's language."""

    class WordedFormatter(base):  # type: ignore[misc]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            if prefix is None:
                prefix = _("Usage:") + " "
            for english, translated in _USAGE_WORDS.items():
                args = args.replace(english, _(translated))
            super().write_usage(prog, args, prefix)

        def write_heading(self, heading: str) -> None:
            super().write_heading(_(_HEADINGS[heading]) if heading in _HEADINGS else heading)

        def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
            super().write_dl([(term, option_help(text)) for term, text in rows], *args, **kwargs)

    return WordedFormatter


def formatter(ctx: Any) -> Any:
    """The help formatter of ``ctx``, writing the framework's words in the run's language."""
    return _worded(ctx.formatter_class)(width=ctx.terminal_width, max_width=ctx.max_content_width)


# ---------------------------------------------------------------------- usage errors


def _first(rules: _Rules, text: str) -> str | None:
    for pattern, said in rules:
        found = pattern.fullmatch(text)
        if found is not None:
            return said(found)
    return None


#: What click suggests after an unknown name, in its versions' words.
_SUGGESTIONS: _Rules = (
    (
        re.compile(r"\(?Did you mean (?:one of: )?(?P<names>.+?)\?\)?"),
        lambda m: _("Did you mean {names}?").format(names=m["names"]),
    ),
    (
        re.compile(r"\(Possible options: (?P<names>.+)\)"),
        lambda m: _("(Possible options: {options})").format(options=m["names"]),
    ),
)


def _suggestion(more: str | None) -> str:
    """What click suggested after an unknown name (`` Did you mean '--bogus'?``), translated
    (as click said it when kneefit does not know the words), or the empty string."""
    if not more:
        return ""
    said = _first(_SUGGESTIONS, more)
    return " " + (said if said is not None else more)


#: click's and typer's usage errors, as they write them in English, and the same in
#: kneefit's words: (pattern, message). The pattern's named groups are the message's
#: placeholders.
_USAGE_ERRORS: _Rules = (
    (
        re.compile(r"No such option:? (?P<name>'[^']*'|\S+?)\.?(?: (?P<more>.+))?", re.DOTALL),
        lambda m: _("No such option: {name}").format(name=m["name"]) + _suggestion(m["more"]),
    ),
    (
        re.compile(r"Missing option (?P<name>.+)\."),
        lambda m: _("Missing option {name}.").format(name=m["name"]),
    ),
    (
        re.compile(r"Missing argument (?P<name>.+)\."),
        lambda m: _("Missing argument {name}.").format(name=m["name"]),
    ),
    (
        re.compile(r"Missing parameter (?P<name>.+)\."),
        lambda m: _("Missing parameter {name}.").format(name=m["name"]),
    ),
    (re.compile(r"Missing command\."), lambda m: _("Missing command.")),
    (
        re.compile(r"No such command (?P<name>'[^']*'|\S+?)\.(?: (?P<more>.+))?", re.DOTALL),
        lambda m: _("No such command {name}.").format(name=m["name"]) + _suggestion(m["more"]),
    ),
    (
        re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)", re.DOTALL),
        lambda m: ngettext(
            "Got unexpected extra argument ({args})",
            "Got unexpected extra arguments ({args})",
            len(m["args"].split(" ")),
        ).format(args=m["args"]),
    ),
    (
        re.compile(r"Option (?P<name>\S+) requires an argument\."),
        lambda m: _("Option {name} requires an argument.").format(name=m["name"]),
    ),
    (
        re.compile(r"Option (?P<name>\S+) requires (?P<count>\d+) arguments\."),
        lambda m: _("Option {name} requires {count} arguments.").format(
            name=m["name"], count=m["count"]
        ),
    ),
    (
        re.compile(r"Option (?P<name>\S+) does not take a value\."),
        lambda m: _("Option {name} does not take a value.").format(name=m["name"]),
    ),
)

#: What a value's conversion says when it fails, in click (before typer 0.26).
_BAD_VALUES: _Rules = (
    (
        re.compile(r"(?P<value>.+) is not in the range (?P<range>.+)\."),
        lambda m: _("{value} is not in the range {range}.").format(
            value=m["value"], range=m["range"]
        ),
    ),
    (
        re.compile(r"(?P<value>.+) is not a valid integer( range)?\."),
        lambda m: _("{value} is not a whole number.").format(value=m["value"]),
    ),
    (
        re.compile(r"(?P<value>.+) is not a valid float( range)?\."),
        lambda m: _("{value} is not a number.").format(value=m["value"]),
    ),
    (
        re.compile(r"(?P<value>.+) is not one of (?P<choices>.+)\."),
        lambda m: _("{value} is not one of {choices}.").format(
            value=m["value"], choices=m["choices"]
        ),
    ),
)


def _bad_value(exc: Any) -> str | None:
    """What is wrong with a value given (after ``Invalid value for ...:``), or None when
    kneefit does not know the words."""
    cause = exc.__cause__
    if type(cause).__name__ == "ValidationError" and cause.errors():
        # typer from 0.26 converts values with pydantic: its error, in kneefit's words for
        # pydantic's (the same as for a bad value in a file).
        from kneefit.validation_messages import message_of

        return message_of(cause.errors(include_url=False)[0])
    return _first(_BAD_VALUES, str(exc.message))


def message(exc: Any) -> str:
    """click's message for the usage error ``exc`` in the run's language (its English when
    kneefit does not know the words)."""
    english = str(exc.format_message())
    if hasattr(exc, "param_hint") and english.startswith("Invalid value"):
        inner = str(exc.message)
        said = _bad_value(exc)
        if said is None or not english.endswith(": " + inner):
            return english
        hint = english[: -len(inner) - 2].removeprefix("Invalid value").removeprefix(" for ")
        if not hint:
            return _("Invalid value: {message}").format(message=said)
        return _("Invalid value for {option}: {message}").format(option=hint, message=said)
    return _first(_USAGE_ERRORS, english) or english


class _Writer(Protocol):
    def write(self, text: str, /) -> int: ...


def show(exc: Any, file: _Writer) -> None:
    """Say click's error ``exc`` as click does (the usage line, where to get help, the
    error), in the run's language."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = (
                _("Try '{command} {option}' for help.").format(
                    command=ctx.command_path, option=ctx.help_option_names[0]
                )
                + "\n"
            )
        file.write(f"{ctx.get_usage()}\n{hint}\n")
    file.write(f"{_('Error')}: {message(exc)}\n")
