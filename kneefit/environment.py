"""What kneefit reads of the world it runs in: the day, the time, its folders, the terminal.

Each command builds one :class:`Environment` at its start (``kneefit.cli.common.environment``,
which calls :func:`read_environment`) and passes it down: the use cases take it, and the
renderers get the options made from it. This module and ``kneefit/cli/`` are the only code
that reads the clock, the environment variables or the terminal; the core takes the values
it needs as parameters (a test checks it).

``KNEEFIT_TODAY=YYYY-MM-DD`` pins the day kneefit takes for today: for tests, and for a
clinician preparing a plan ahead. ``now`` follows it: that day at the clock's time of day,
so plans made one after another still get later times (an ``.ics`` file's SEQUENCE, the
remembered plan) and log entries keep their order. The cache alone goes by the real clock
(:attr:`Environment.wall_clock`), since it compares file times, which are real. An empty
value is no value; any other value that is not a date is a usage error (exit code 2).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TextIO

from kneefit.errors import UsageError

#: The variable that pins today's date.
TODAY_VARIABLE = "KNEEFIT_TODAY"

#: How wide output is when it does not go to a terminal, or the terminal does not say.
DEFAULT_WIDTH = 100


@dataclass(frozen=True)
class Places:
    """Where kneefit keeps its files: the data folder (log, remembered plan) and the cache."""

    data_dir: Path
    cache_dir: Path | None = None


@dataclass(frozen=True)
class Environment:
    """What one command knows of its surroundings, read once at its start."""

    #: Where the log, the remembered plan and the cache are.
    places: Places
    #: The day kneefit plans and logs for: ``KNEEFIT_TODAY``, or the local date.
    today: date
    #: The time things are made and logged at (UTC): ``today`` at the clock's time of day.
    now: datetime
    #: The clock's own time (UTC), whatever ``KNEEFIT_TODAY`` says: for judging file times.
    wall_clock: datetime
    #: Whether standard input and output are terminals.
    stdin_terminal: bool = False
    stdout_terminal: bool = False
    #: Whether standard output may be coloured (NO_COLOR, FORCE_COLOR, TERM, a terminal).
    color: bool = False
    #: How wide output may be, in columns: ``COLUMNS``, else the terminal's width (standard
    #: output's, or standard error's when output goes to a pipe or a file from a terminal),
    #: else :data:`DEFAULT_WIDTH`.
    width: int = DEFAULT_WIDTH
    #: Whether standard output's encoding is not UTF-8: ASCII stand-ins and tables.
    ascii_only: bool = False
    #: The language a person reads, as a code (``en``, ``es``): the one the run chose once,
    #: at its start (``--lang``, ``KNEEFIT_LANG``, the locale; see :func:`language_of` and
    #: kneefit.cli.language), and activated for kneefit's messages.
    language: str = "en"


#: The days ``KNEEFIT_TODAY`` may pin: kneefit counts weeks and windows of days either side
#: of today, which the ends of the calendar (year 1, year 9999) would cut short.
EARLIEST_TODAY = date(1900, 1, 1)
LATEST_TODAY = date(9998, 12, 31)


def pinned_today(value: str) -> date | None:
    """The day ``KNEEFIT_TODAY`` pins (None if it is empty); a usage error if it is not a
    date, or is outside :data:`EARLIEST_TODAY` to :data:`LATEST_TODAY`."""
    if not value:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        day = date.fromisoformat(value)
    except ValueError:
        from kneefit.i18n import _

        raise UsageError(
            _(
                "{variable}={value!r} is not a date: write it as YYYY-MM-DD "
                "(e.g. {variable}=2026-03-02), or unset it for today's date"
            ).format(variable=TODAY_VARIABLE, value=value)
        ) from None
    if not EARLIEST_TODAY <= day <= LATEST_TODAY:
        from kneefit.i18n import _

        raise UsageError(
            _("{variable}={value} is out of range: give a day from {earliest} to {latest}").format(
                variable=TODAY_VARIABLE,
                value=value,
                earliest=EARLIEST_TODAY.isoformat(),
                latest=LATEST_TODAY.isoformat(),
            )
        )
    return day


def dates(pinned: date | None, clock: datetime) -> tuple[date, datetime]:
    """Today and now, from the clock's reading (an aware local time) and the pinned day:
    without one, the clock's date and time; with one, that day at the clock's time of day."""
    if pinned is None:
        return clock.date(), clock.astimezone(timezone.utc)
    return pinned, datetime.combine(pinned, clock.timetz()).astimezone(timezone.utc)


def color_allowed(variables: Mapping[str, str], is_terminal: bool) -> bool:
    """No colour with NO_COLOR (set and not empty) or TERM=dumb, whatever else is set: both
    say what the person or the terminal cannot take, where FORCE_COLOR is only a wish. Then
    FORCE_COLOR (set and not empty) colours a pipe too; else only a terminal is coloured."""
    if variables.get("NO_COLOR") or variables.get("TERM") == "dumb":
        return False
    if variables.get("FORCE_COLOR"):
        return True
    return is_terminal


def places_of(variables: Mapping[str, str]) -> Places:
    """Where kneefit's files are: $KNEEFIT_HOME and $KNEEFIT_CACHE_DIR, or the user folders."""
    home = variables.get("KNEEFIT_HOME", "")
    cache = variables.get("KNEEFIT_CACHE_DIR", "")
    if not home or not cache:
        from platformdirs import user_cache_path, user_data_path

        home = home or str(user_data_path("kneefit", appauthor=False))
        cache = cache or str(user_cache_path("kneefit", appauthor=False))
    return Places(data_dir=Path(home), cache_dir=Path(cache))


def width_of(variables: Mapping[str, str], terminal_columns: int | None) -> int:
    """How wide output may be: ``COLUMNS`` when it is a whole number of columns (on a pipe
    too, so ``COLUMNS=80 kneefit list -f table | less`` fits 80 columns), else the
    terminal's, else :data:`DEFAULT_WIDTH`."""
    value = variables.get("COLUMNS", "").strip()
    if value.isdecimal() and value.isascii() and int(value) > 0:
        return int(value)
    return terminal_columns or DEFAULT_WIDTH


#: The variable that names kneefit's language, before the locale's.
LANGUAGE_VARIABLE = "KNEEFIT_LANG"

#: The locale variables, in the order the C library reads them for messages.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_of(variables: Mapping[str, str], known: tuple[str, ...]) -> str:
    """The language to speak: ``KNEEFIT_LANG``, else the first locale variable that is set
    (``es_ES.UTF-8`` and ``es`` both name Spanish), else English. A locale in a language
    kneefit does not have is English, since a person's locale is not a request to kneefit;
    an unknown ``KNEEFIT_LANG`` is a usage error naming the languages there are."""
    wanted = variables.get(LANGUAGE_VARIABLE, "").strip()
    if wanted:
        code = _language_code(wanted)
        if code not in known:
            from kneefit.i18n import _

            raise UsageError(
                _(
                    "{variable}={value} is not a language kneefit has: give one of "
                    "{languages}, or unset it"
                ).format(variable=LANGUAGE_VARIABLE, value=repr(wanted), languages=", ".join(known))
            )
        return code
    for name in LOCALE_VARIABLES:
        value = variables.get(name, "").strip()
        if value:
            code = _language_code(value)
            return code if code in known else "en"
    return "en"


def _language_code(value: str) -> str:
    """``es_ES.UTF-8@euro`` -> ``es``; ``C`` and ``POSIX`` -> ``en``."""
    code = value.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0].lower()
    return "en" if code in {"c", "posix", ""} else code


def _terminal_columns(*streams: TextIO | None) -> int | None:
    """The width of the first of ``streams`` that is a terminal, if any."""
    for stream in streams:
        if stream is None or not _is_terminal(stream):
            continue
        try:
            columns = os.get_terminal_size(stream.fileno()).columns
        except (ValueError, OSError):
            continue
        if columns > 0:
            return columns
    return None


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False


def read_environment() -> Environment:
    """Read the environment variables, the clock (once: today and now agree) and the
    terminal."""
    from kneefit.i18n import language
    from kneefit.output import is_utf, stdout_encoding

    variables = os.environ
    clock = datetime.now(timezone.utc)
    today, now = dates(pinned_today(variables.get(TODAY_VARIABLE, "")), clock.astimezone())
    stdout_terminal = _is_terminal(sys.stdout)
    return Environment(
        places=places_of(variables),
        today=today,
        now=now,
        wall_clock=clock,
        stdin_terminal=_is_terminal(sys.stdin),
        stdout_terminal=stdout_terminal,
        color=color_allowed(variables, stdout_terminal),
        width=width_of(variables, _terminal_columns(sys.stdout, sys.stderr)),
        ascii_only=not is_utf(stdout_encoding()),
        language=language(),
    )
