"""What every command shares: the environment read once, argument checks, output, messages.

Nothing here decides anything about exercise: it turns typed text into values for a use case,
and a use case's result into bytes on standard output or in a file.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from kneefit.environment import DEFAULT_WIDTH, Environment, read_environment
from kneefit.errors import UnknownNameError, UsageError
from kneefit.i18n import _, language
from kneefit.output import output_path, write_file, write_stdout

if TYPE_CHECKING:
    from kneefit.catalogue import Catalogue
    from kneefit.render import Renderer
    from kneefit.vocabulary import Format

#: Help options and width for every command and group.
SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def command_app(help: str | None = None, *, group: bool = False, **root: Any) -> typer.Typer:
    """The typer app of one command (or, with ``group``, of a command with subcommands),
    with the settings every kneefit command shares: plain help, no completion. ``root``
    holds what only the root app gives (its name and group class)."""
    return typer.Typer(
        help=help,
        no_args_is_help=group,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings=SETTINGS,
        **root,
    )


# ---------------------------------------------------------------------- messages


def say(line: str) -> None:
    """Print one line of a command's result on standard output. Through write_stdout, not
    typer.echo: click would turn a closed pipe into exit code 1 before kneefit saw it."""
    write_stdout(line + "\n")


#: What must not reach a terminal from a message: control characters but the line break and
#: tab, bidirectional overrides, and bytes of a name that were not UTF-8 (lone surrogates).
_UNSHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown(text: str) -> str:
    """``text`` safe for a terminal: each character that would drive it (ESC, BEL, a C1
    control, a bidirectional override) or cannot be written (a byte of a file name that was
    not UTF-8) as its escape, ``\\x1b``, visible and harmless."""
    return _UNSHOWN.sub(lambda found: ascii(found.group())[1:-1], text)


#: Whether a message could not be written because standard error's reader had gone: the
#: command then ends with exit code 141, as for standard output.
_LOST = {"stderr": False}


def stderr_lost() -> bool:
    return _LOST["stderr"]


def write_stderr(text: str) -> None:
    """Write ``text`` (made safe, see :func:`shown`) to standard error; never raises. A closed
    pipe is noted (exit code 141); any other failure, a missing stream included, is
    silent: there is nowhere left to say it."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(shown(text))
        stream.flush()
    except BrokenPipeError:
        _LOST["stderr"] = True
    except (OSError, ValueError, AttributeError, LookupError):
        pass


class StderrFile:
    """Standard error as a file for click's own messages (usage errors), made safe."""

    def write(self, text: str) -> int:
        write_stderr(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        try:
            return sys.stderr is not None and sys.stderr.isatty()
        except (OSError, ValueError, AttributeError):
            return False


#: The labels of messages, in the run's language.
_LABELS: dict[str, Callable[[], str]] = {
    "Error": lambda: _("Error"),
    "Warning": lambda: _("Warning"),
}


def print_error(message: str, label: str = "Error") -> None:
    """``Error: first line`` on standard error, later lines indented; never raises."""
    lines = message.splitlines() or [""]
    said = _LABELS[label]() if label in _LABELS else label
    write_stderr("".join([f"{said}: {lines[0]}\n", *(f"  {line}\n" for line in lines[1:])]))


def warn(message: str) -> None:
    print_error(message, "Warning")


def note(message: str) -> None:
    """One line about what was done (``Wrote plan.txt (text).``) on standard error."""
    write_stderr(message + "\n")


#: Which option an unknown name came from, for the usage message.
_HINTS = {
    "condition": "'-c' / '--condition'",
    "level": "'-l' / '--level'",
    "equipment": "'-e' / '--equipment'",
    "format": "'-f' / '--format'",
    "category": "'CATEGORY'",
    "exercise": "'EXERCISE'",
}


@contextlib.contextmanager
def usage(**hints: str) -> Iterator[None]:
    """Report an unknown name as a usage mistake against the option it came from."""
    try:
        yield
    except UnknownNameError as exc:
        from kneefit.render.error_words import error_text

        raise bad_value(error_text(exc), hints.get(exc.kind, _HINTS.get(exc.kind))) from None


def bad_value(message: str, param_hint: str | None = None) -> Exception:
    """A usage mistake in a value given: click's ``BadParameter`` in English (its own
    ``Invalid value for ...`` and usage lines); in another language the whole message in
    kneefit's words, as :func:`usage` says an unknown name (click's words are English only)."""
    if language() == "en":
        return typer.BadParameter(message, param_hint=param_hint)
    if param_hint is None:
        return UsageError(_("Invalid value: {message}").format(message=message))
    return UsageError(
        _("Invalid value for {option}: {message}").format(option=param_hint, message=message)
    )


# ---------------------------------------------------------------------- the environment, once


def environment() -> Environment:
    """What this command knows of its surroundings (folders, today, now, the terminal): read
    once, at its start, and passed down; a bad KNEEFIT_TODAY is a usage error. Its language
    is the one the run speaks (``--lang`` included: see kneefit.cli.language)."""
    return read_environment()


def catalogue(files: list[str] | None, env: Environment, no_cache: bool = False) -> Catalogue:
    """The bundled catalogue with ``--catalogue`` files layered over it; each bundled safety
    rule they weaken is warned about on standard error."""
    from kneefit.usecases.common import catalogue_of

    cat = catalogue_of([Path(f) for f in files or []], env, cache=not no_cache)
    # Every command that reads a layered catalogue says which bundled safety rules it
    # loosens, by name, before anything else (see kneefit.catalogue.weakening).
    for warning in cat.weakened:
        warn(warning)
    return cat


# ---------------------------------------------------------------------- typed values


def parse_date(value: str, hint: str) -> date:
    """A YYYY-MM-DD date, or a usage error."""
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise bad_value(
            _("{value} is not a date; write it as YYYY-MM-DD").format(value=repr(value)),
            param_hint=hint,
        ) from None


def past_day(value: str | None, hint: str, today: date) -> date | None:
    """A YYYY-MM-DD date that is not after ``today`` (a session or a --since), or None."""
    if value is None:
        return None
    day = parse_date(value, hint)
    if day > today:
        raise bad_value(_("{value} is in the future").format(value=value), param_hint=hint)
    return day


def clock(value: str | None) -> time | None:
    """--at: a 24-hour HH:MM time."""
    if value is None:
        return None
    hours, _colon, minutes = value.partition(":")
    digits = hours.isdigit() and minutes.isdigit() and len(hours) in (1, 2) and len(minutes) == 2
    if digits and int(hours) < 24 and int(minutes) < 60:
        return time(int(hours), int(minutes))
    raise bad_value(
        _("{value!r} is not a time; write it as HH:MM, e.g. 07:30").format(value=value),
        param_hint="'--at'",
    )


def typed_text(value: str | None, hint: str) -> str:
    """Text a person typed for the log: no control characters, not too long."""
    from kneefit.models import text_problem

    problem = text_problem(value or "")
    if problem:
        raise bad_value(problem, param_hint=hint)
    return value or ""


def swaps(given: list[str] | None) -> tuple[tuple[str, str], ...]:
    """--swap OLD=NEW, each as a pair of names."""
    pairs = []
    for text in given or []:
        old, sep, new = text.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise bad_value(
                _("{value!r}: write OLD=NEW, e.g. --swap 'wall sit=mini squat'").format(value=text),
                param_hint="'--swap'",
            )
        pairs.append((old.strip(), new.strip()))
    return tuple(pairs)


# ---------------------------------------------------------------------- output


def output_format(
    format_word: str | None, output: Path | None, env: Environment, table: bool = True
) -> Format:
    """--format, else the file's extension, else a table on a terminal and text elsewhere."""
    from kneefit import vocabulary

    with usage():
        if format_word is not None:
            return vocabulary.output_format(format_word)
    if output is not None:
        return _format_of_name(output)
    if table and env.stdout_terminal:
        return vocabulary.Format.TABLE
    return vocabulary.Format.TEXT


def _format_of_name(output: Path) -> Format:
    """The format an ``-o`` name's extension asks for: plain text without one; an extension
    kneefit does not write (``.xlsx``, ``.docx``) is a usage mistake, never text under a
    name that promises something else."""
    from kneefit import vocabulary

    suffix = output.suffix.lower()
    if not suffix:
        return vocabulary.Format.TEXT
    name = output.name.lower()
    # The longest extension the name ends with: report.fhir.json is FHIR, not JSON.
    found = next(
        (
            vocabulary.FORMAT_EXTENSIONS[known]
            for known in sorted(vocabulary.FORMAT_EXTENSIONS, key=len, reverse=True)
            if name.endswith(known) and len(name) > len(known)
        ),
        None,
    )
    if found is None:
        known = ", ".join(sorted(vocabulary.FORMAT_EXTENSIONS))
        raise bad_value(
            _(
                "kneefit cannot write a {suffix} file; the extension picks the format, "
                "and kneefit writes {known} (each command the ones its output comes in), or "
                "give -f to write another name (e.g. -f text)"
            ).format(suffix=suffix, known=known),
            param_hint="'-o' / '--output'",
        )
    return found


def write(text: str, fmt: Format, output: Path | None, force: bool, bom: bool | None) -> None:
    """Write to standard output or FILE; CSV to a file (or with --bom) gets a byte-order mark."""
    if fmt.value == "csv" and (bom or (bom is None and output is not None)):
        text = "\ufeff" + text
    if output is None:
        write_stdout(text)
    else:
        write_file(output, text, force=force)
        note(_("Wrote {file} ({format}).").format(file=output, format=fmt.value))


def emit(
    env: Environment,
    render: Callable[[Renderer], str],
    format_word: str | None,
    output_name: str | None,
    force: bool,
    explain: bool = False,
    bom: bool | None = None,
    brief: bool = False,
) -> None:
    """Pick the renderer for the format (or the file's extension), render, write: to the
    terminal in its width and, where it allows, colour; to a file or pipe plainly."""
    from kneefit.render import RenderOptions, renderer_for

    output = output_path(output_name) if output_name is not None else None
    fmt = output_format(format_word, output, env)
    options = RenderOptions(
        color=env.color and output is None,
        width=env.width if output is None else DEFAULT_WIDTH,
        ascii_only=output is None and env.ascii_only,
        explain=explain,
        brief=brief,
    )
    text = render(renderer_for(fmt, options))
    if fmt.value == "pdf":
        _write_pdf(text, output, force, env)
        return
    write(text, fmt, output, force, bom)


def _write_pdf(page: str, output: Path | None, force: bool, env: Environment) -> None:
    """The handout's page printed to PDF, to FILE or to standard output (not a terminal)."""
    from kneefit.render.pdf import pdf_of

    if output is None and env.stdout_terminal:
        raise bad_value(
            _("a PDF is not for the terminal: write it to a file with -o plan.pdf"),
            "'-f' / '--format'",
        )
    data = pdf_of(page)
    if output is None:
        write_stdout(data)
    else:
        write_file(output, data, force=force)
        note(_("Wrote {file} ({format}).").format(file=output, format="pdf"))
