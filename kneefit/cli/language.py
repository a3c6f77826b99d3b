"""``--lang``: the language of a run, known before any command is built.

Commands are built lazily (see ``lazy.py``) and their help is translated as they are built,
so the language must be known first: :func:`choose` reads ``--lang`` from the arguments
itself (``--lang es`` or ``--lang=es``, anywhere before a lone ``--``), else
``KNEEFIT_LANG`` and the locale (:func:`kneefit.environment.language_of`). Each command
then only declares the option (:func:`add_option`), for its ``--help`` and so that click
accepts it; the value was already taken.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from typing import Any

from kneefit.environment import LANGUAGE_VARIABLE, language_of
from kneefit.errors import UsageError
from kneefit.i18n import N_, SOURCE_LANGUAGE, _, available

#: The option's name.
OPTION = "--lang"

#: Its help, translated when a command's help is built.
HELP = N_(
    "The language to speak, as a code: en (English), es (Spanish). Default: KNEEFIT_LANG, else the "
    "locale (LC_ALL, LC_MESSAGES, LANG), else English."
)


def given(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` in ``args`` (None when there is none, or it has no
    value: click then says so)."""
    found: str | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == OPTION and index + 1 < len(args):
            found = args[index + 1]
        elif arg.startswith(OPTION + "="):
            found = arg[len(OPTION) + 1 :]
    return found


def choose(args: Sequence[str], variables: Mapping[str, str]) -> str:
    """The run's language: ``--lang``, else ``KNEEFIT_LANG``, else the locale, else English;
    a language kneefit does not have is a usage error naming those it has."""
    wanted = given(args)
    if wanted is None:
        return language_of(variables, available())
    return known_language(wanted, OPTION)


def first_guess(args: Sequence[str], variables: Mapping[str, str]) -> str:
    """The language to say a mistake in before the run's language is settled (a byte that
    is not UTF-8 in an argument, an unknown ``--lang`` or ``KNEEFIT_LANG``): the first of
    ``--lang``, ``KNEEFIT_LANG`` and the locale that names a language kneefit has, else
    English. Never raises."""
    with contextlib.suppress(UsageError):
        return choose(args, variables)
    with contextlib.suppress(UsageError):
        return language_of(variables, available())
    with contextlib.suppress(UsageError):
        without = {k: v for k, v in variables.items() if k != LANGUAGE_VARIABLE}
        return language_of(without, available())
    return SOURCE_LANGUAGE


def known_language(wanted: str, option: str) -> str:
    """The language code ``wanted`` names (``es``, ``es_MX``, ``ES`` are Spanish); a usage
    error, naming ``option`` and the languages there are, when kneefit does not have it."""
    known = available()
    code = wanted.strip().replace("-", "_").split("_", 1)[0].lower()
    if code not in known:
        raise UsageError(
            _("{option} {value!r} is not a language kneefit has: give one of {languages}").format(
                option=option, value=wanted, languages=", ".join(known)
            )
        )
    return code


def add_option(command: Any, option: Any) -> None:
    """Declare ``--lang`` on ``command`` and, for a group, on each of its subcommands."""
    if not any(getattr(p, "name", None) == "lang" for p in command.params):
        command.params.append(option)
    for sub in getattr(command, "commands", {}).values():
        add_option(sub, option)
