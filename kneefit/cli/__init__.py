"""The kneefit command line: parse options, call one use case, pick a renderer, map errors.

Each command lives in its own module here (``plan.py``, ``log.py``, ...) and is imported only
when it runs (see ``lazy.py``); ``common.py`` holds what they share and ``options.py`` the
options several of them take. This module is the root: ``--version``, ``--debug`` and the
mapping of every failure to a message and an exit code (70 for a bug in kneefit).
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Annotated, NoReturn

import typer

from kneefit import __version__
from kneefit.atomic import guard_interruptions
from kneefit.cli.common import SETTINGS, print_error, say
from kneefit.cli.lazy import LazyGroup
from kneefit.cli.sigterm import GUARD
from kneefit.cli.stdout import PipeClosed
from kneefit.errors import KneefitError

HELP = """Build a safe exercise routine for sore knees.

kneefit is not medical advice. See a doctor or physiotherapist before starting if you
have arthritis, bursitis, a torn meniscus or a sprained ligament, and at once if your
knee is hot, red and swollen, locks or gives way, or cannot take your weight.
"""

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
REPORT_TO = "on kneefit's issue tracker (see 'Reporting a bug' in the README)"

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
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Show the full traceback of an internal error (also KNEEFIT_DEBUG=1).",
        ),
    ] = False,
) -> None:
    _state["debug"] = debug


def _debug() -> bool:
    return bool(_state["debug"]) or os.environ.get("KNEEFIT_DEBUG", "") not in ("", "0")


def main(argv: list[str] | None = None) -> NoReturn:
    """The console script: run the app and turn every failure into a message and exit code.
    A file being written when SIGTERM arrives is removed first (see kneefit.cli.sigterm)."""
    guard_interruptions(GUARD)
    try:
        app(args=argv, prog_name="kneefit")
    except SystemExit:
        raise
    except PipeClosed:
        sys.exit(PipeClosed.exit_code)
    except KneefitError as exc:
        print_error(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if _debug():
            traceback.print_exc()
        print_error(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in kneefit, not a problem with your data or command.\n"
            f"Please report it {REPORT_TO}\n"
            "with the command you ran, 'kneefit --version' and the traceback that --debug\n"
            "(or KNEEFIT_DEBUG=1) shows."
        )
        sys.exit(INTERNAL_ERROR)
    sys.exit(0)
