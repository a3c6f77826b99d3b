"""The kneefit command line: parse options, call one use case, pick a renderer, map errors.

Each command lives in its own module here (``plan.py``, ``log.py``, ...) and is imported only
when it runs (see ``lazy.py``); ``common.py`` holds what they share and ``options.py`` the
options several of them take. This module is the root: ``--version``, ``--debug`` and the
mapping of every failure to a message and an exit code (70 for a bug in kneefit).
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from typing import Annotated, Any, NoReturn

import typer

from kneefit import __version__
from kneefit.atomic import guard_interruptions
from kneefit.cli.arguments import text_arguments, usable_streams
from kneefit.cli.common import SETTINGS, StderrFile, print_error, say, stderr_lost
from kneefit.cli.language import HELP as LANGUAGE_HELP
from kneefit.cli.language import choose, first_guess
from kneefit.cli.lazy import LazyGroup
from kneefit.cli.sigterm import GUARD
from kneefit.cli.stdout import PipeClosed, silence_stdout
from kneefit.errors import KneefitError
from kneefit.i18n import N_, SOURCE_LANGUAGE, _, activate, language

HELP = N_("""Build a safe exercise routine for sore knees.

kneefit is not medical advice. See a doctor or physiotherapist before starting if you
have arthritis, bursitis, a torn meniscus or a sprained ligament, and at once if your
knee is hot, red and swollen, locks or gives way, or cannot take your weight.""")

#: The root: the settings of every command (common.command_app) but for completion, which
#: only the root offers: --install-completion and --show-completion for bash, zsh, fish and
#: PowerShell, completing commands, options and the values of choice options.
app = typer.Typer(
    help=HELP,
    name="kneefit",
    cls=LazyGroup,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings=SETTINGS,
)

#: The exit code of an internal error, a bug in kneefit: EX_SOFTWARE of sysexits.h, so that a
#: script can tell a bug from bad data or files (1) and a usage mistake (2).
INTERNAL_ERROR = 70

#: Where a bug is reported, as the internal error's message says.
REPORT_TO = N_("on kneefit's issue tracker (see 'Reporting a bug' in the README)")

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        say(f"kneefit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=N_("Show the version and exit.")
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help=N_("Show the full traceback of an internal error (also KNEEFIT_DEBUG=1)."),
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", metavar="LANG", help=LANGUAGE_HELP, expose_value=False),
    ] = None,
) -> None:
    _state["debug"] = debug


def _debug() -> bool:
    return bool(_state["debug"]) or os.environ.get("KNEEFIT_DEBUG", "") not in ("", "0")


def main(argv: list[str] | None = None) -> NoReturn:
    """The console script: run the app and turn every failure into a message and exit code.
    A file being written when SIGTERM or SIGHUP arrives is removed first (see
    kneefit.cli.sigterm)."""
    guard_interruptions(GUARD)
    try:
        code = _run(argv)
    except KeyboardInterrupt:  # also one that arrives while a failure is being reported
        code = 130
    if code != 130 and stderr_lost():
        code = PipeClosed.exit_code
    sys.exit(code)


def _run(argv: list[str] | None) -> int:
    """Run the app; the exit code."""
    usable_streams()
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        # A mistake found before the language is settled is said in the best guess at it.
        activate(first_guess(args, os.environ))
        text_arguments(args)
        activate(choose(args, os.environ))
        # Not standalone: click's own errors and exits come back here, to be said safely
        # (and a closed pipe under --help to be told from a usage error).
        done = app(args=args, prog_name="kneefit", standalone_mode=False)
        return done if isinstance(done, int) else 0
    except SystemExit as exc:
        if _help_pipe_closed():
            return PipeClosed.exit_code
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except _CLICK_ERROR as exc:
        said: Any = exc
        if language() == SOURCE_LANGUAGE:
            said.show(file=StderrFile())
        else:
            from kneefit.cli.framework import show

            show(said, StderrFile())
        return int(said.exit_code)
    except typer.Abort:
        # End of input at a prompt (Ctrl-D): as click says it.
        print_error(_("aborted: no more input"))
        return 1
    except PipeClosed:
        return PipeClosed.exit_code
    except KneefitError as exc:
        from kneefit.render.error_words import error_text

        print_error(error_text(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if _debug():
            with contextlib.suppress(OSError, ValueError, AttributeError):
                traceback.print_exc()
        print_error(
            _(
                "internal error: {kind}: {error}\n"
                "This is a bug in kneefit, not a problem with your data or command.\n"
                "Please report it {where}\n"
                "with the command you ran, 'kneefit --version' and the traceback that --debug\n"
                "(or KNEEFIT_DEBUG=1) shows."
            ).format(kind=type(exc).__name__, error=exc, where=_(REPORT_TO))
        )
        return INTERNAL_ERROR


#: click's base of the errors it says itself (usage errors): from 0.2x typer has a copy of
#: click's classes of its own, so it is found from one that typer exports.
_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


def _help_pipe_closed() -> bool:
    """Whether click's help (or another of its own messages on standard output) met a closed
    pipe: click then wraps standard output in its PacifyFlushWrapper and exits 1."""
    if type(sys.stdout).__name__ != "PacifyFlushWrapper":
        return False
    silence_stdout()
    return True
