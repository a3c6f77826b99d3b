"""The kneefit command line: parse options, call one use case, pick a renderer, map errors."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from kneefit import __version__
from kneefit.errors import KneefitError, UnknownNameError
from kneefit.output import (
    PipeClosed,
    is_utf,
    output_path,
    stdout_encoding,
    write_file,
    write_stdout,
)

if TYPE_CHECKING:
    from kneefit.catalogue import Catalogue
    from kneefit.render import Renderer
    from kneefit.usecases.common import Places
    from kneefit.vocabulary import Format

HELP = """Build a safe exercise routine for sore knees.

kneefit is not medical advice. See a doctor or physiotherapist before starting if you
have arthritis, bursitis, a torn meniscus or a sprained ligament, and at once if your
knee is hot, red and swollen, locks or gives way, or cannot take your weight.
"""

_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

app = typer.Typer(
    name="kneefit",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings=_SETTINGS,
)

_state = {"debug": False}


def _say(line: str) -> None:
    """Print one line of a command's result on standard output. Through write_stdout, not
    typer.echo: click would turn a closed pipe into exit code 1 before kneefit saw it."""
    write_stdout(line + "\n")


def _version(value: bool) -> None:
    if value:
        _say(f"kneefit {__version__}")
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


# ---------------------------------------------------------------------- options

FormatOpt = Annotated[
    str | None,
    typer.Option(
        "-f",
        "--format",
        metavar="FORMAT",
        help="table, text, markdown, json, csv, html (a printable handout), pdf (the handout "
        "as a PDF) or ics (calendar; these three plans only), or svg (one exercise's picture, "
        "for show). Default: table on a terminal, text otherwise; with --output, from the "
        "file's extension.",
    ),
]
# File names are taken as text and checked by kneefit itself (see kneefit.output and
# kneefit.catalogue), the same way whatever the version of typer and click.
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write to FILE (atomically) instead of standard output.",
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace FILE if it already exists.")]
CatalogueOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--catalogue",
        "--catalog",
        metavar="FILE",
        help="Layer your own catalogue file over the bundled one, by id. Repeatable.",
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Parse every catalogue file afresh instead of using the cache of earlier runs "
        "(kept in KNEEFIT_CACHE_DIR, or the user cache directory).",
    ),
]
ConditionOpt = Annotated[
    list[str] | None,
    typer.Option(
        "-c",
        "--condition",
        metavar="NAME",
        help="A knee condition, e.g. arthritis, 'torn meniscus'. Repeatable. "
        "See 'kneefit conditions'.",
    ),
]
EquipmentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "-e",
        "--equipment",
        metavar="NAME",
        help="Equipment at hand (repeatable or comma-separated): none, all, household, "
        "chair, step, towel, mat, resistance-band, ankle-weights, dumbbells, stability-ball, "
        "suspension-trainer, foam-roller, massage-ball, stationary-bike, pool.",
    ),
]
LevelOpt = Annotated[
    str | None,
    typer.Option("-l", "--level", metavar="LEVEL", help="beginner, intermediate or advanced."),
]
MinutesOpt = Annotated[
    int,
    typer.Option(
        "-m", "--minutes", min=10, max=180, metavar="N", help="Minutes for the session (10 to 180)."
    ),
]
OptionalMinutesOpt = Annotated[
    int | None,
    typer.Option(
        "-m",
        "--minutes",
        min=10,
        max=180,
        metavar="N",
        help="Minutes for the session (10 to 180). Default: 30.",
    ),
]
NoFloorOpt = Annotated[
    bool,
    typer.Option(
        "--no-floor",
        help="For people who cannot get down to the floor: standing and seated work only.",
    ),
]
NoHistoryOpt = Annotated[
    bool,
    typer.Option(
        "--no-history",
        help="Ignore the session log: no progression, and this plan is not remembered "
        "for 'kneefit log'.",
    ),
]

ProgramOpt = Annotated[
    str | None,
    typer.Option(
        "--program",
        metavar="FILE",
        help="Plan from a program file a clinician wrote ('kneefit program new' starts one); "
        "it gives the exercises, conditions, level and equipment.",
    ),
]
WithoutOpt = Annotated[
    list[str] | None,
    typer.Option("--without", metavar="NAME", help="Leave this exercise out. Repeatable."),
]
SwapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--swap",
        metavar="OLD=NEW",
        help="Do NEW instead of OLD; refused unless NEW is a safe alternative "
        "(see 'kneefit swap OLD'). Repeatable.",
    ),
]
MaxExercisesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-exercises",
        min=1,
        max=30,
        metavar="N",
        help="Keep at most N exercises, the most important for the knee (the warm-up counts).",
    ),
]
BomOpt = Annotated[
    bool | None,
    typer.Option(
        "--bom/--no-bom",
        help="Start CSV with a UTF-8 byte-order mark, so a spreadsheet reads accents right. "
        "Default: on for a file (-o), off on standard output.",
        show_default=False,
    ),
]

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
def _usage(**hints: str) -> Iterator[None]:
    """Report an unknown name as a usage mistake against the option it came from."""
    try:
        yield
    except UnknownNameError as exc:
        hint = hints.get(exc.kind, _HINTS.get(exc.kind))
        raise typer.BadParameter(str(exc), param_hint=hint) from None


# ---------------------------------------------------------------------- the environment, once


def _places() -> Places:
    """Where kneefit's files are: $KNEEFIT_HOME and $KNEEFIT_CACHE_DIR, or the user folders."""
    from kneefit.usecases.common import Places

    home = os.environ.get("KNEEFIT_HOME", "")
    cache = os.environ.get("KNEEFIT_CACHE_DIR", "")
    if not home or not cache:
        from platformdirs import user_cache_path, user_data_path

        home = home or str(user_data_path("kneefit", appauthor=False))
        cache = cache or str(user_cache_path("kneefit", appauthor=False))
    return Places(data_dir=Path(home), cache_dir=Path(cache))


def _catalogue(files: list[str] | None, no_cache: bool = False) -> Catalogue:
    from kneefit.usecases.common import catalogue_of

    return catalogue_of([Path(f) for f in files or []], _places(), cache=not no_cache)


def _today() -> date:
    return date.today()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _date(value: str, hint: str) -> date:
    """A YYYY-MM-DD date, or a usage error."""
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD", param_hint=hint
        ) from None


def _day(value: str | None, hint: str) -> date | None:
    """A YYYY-MM-DD date that is not in the future (a session or a --since), or None."""
    if value is None:
        return None
    day = _date(value, hint)
    if day > _today():
        raise typer.BadParameter(f"{value} is in the future", param_hint=hint)
    return day


def _clock(value: str | None) -> time | None:
    """--at: a 24-hour HH:MM time."""
    if value is None:
        return None
    hours, _, minutes = value.partition(":")
    digits = hours.isdigit() and minutes.isdigit() and len(hours) in (1, 2) and len(minutes) == 2
    if digits and int(hours) < 24 and int(minutes) < 60:
        return time(int(hours), int(minutes))
    raise typer.BadParameter(
        f"{value!r} is not a time; write it as HH:MM, e.g. 07:30", param_hint="'--at'"
    )


def _typed_text(value: str | None, hint: str) -> str:
    """Text a person typed for the log: no control characters, not too long."""
    from kneefit.models import text_problem

    problem = text_problem(value or "")
    if problem:
        raise typer.BadParameter(problem, param_hint=hint)
    return value or ""


def _color_allowed(is_terminal: bool) -> bool:
    """NO_COLOR (set and not empty) wins; then FORCE_COLOR; TERM=dumb and files get none."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal and os.environ.get("TERM") != "dumb"


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except (ValueError, OSError):
        return False


def _format(format_word: str | None, output: Path | None, table: bool = True) -> Format:
    """--format, else the file's extension, else a table on a terminal and text elsewhere."""
    from kneefit import vocabulary

    with _usage():
        if format_word is not None:
            return vocabulary.output_format(format_word)
    if output is not None:
        return vocabulary.FORMAT_EXTENSIONS.get(output.suffix.lower(), vocabulary.Format.TEXT)
    if table and _stdout_is_terminal():
        return vocabulary.Format.TABLE
    return vocabulary.Format.TEXT


def _write(text: str, fmt: Format, output: Path | None, force: bool, bom: bool | None) -> None:
    """Write to standard output or FILE; CSV to a file (or with --bom) gets a byte-order mark."""
    if fmt.value == "csv" and (bom or (bom is None and output is not None)):
        text = "\ufeff" + text
    if output is None:
        write_stdout(text)
    else:
        write_file(output, text, force=force)
        typer.echo(f"Wrote {output} ({fmt.value}).", err=True)


def _emit(
    render: Callable[[Renderer], str],
    format_word: str | None,
    output_name: str | None,
    force: bool,
    explain: bool = False,
    bom: bool | None = None,
) -> None:
    """Pick the renderer for the format (or the file's extension), render, write."""
    from kneefit.render import RenderOptions, renderer_for

    output = output_path(output_name) if output_name is not None else None
    fmt = _format(format_word, output)
    terminal = output is None and _stdout_is_terminal()
    options = RenderOptions(
        color=_color_allowed(terminal) and output is None,
        width=shutil.get_terminal_size((100, 24)).columns if terminal else 100,
        ascii_only=output is None and not is_utf(stdout_encoding()),
        explain=explain,
    )
    text = render(renderer_for(fmt, options))
    if fmt.value == "pdf":
        _write_pdf(text, output, force)
        return
    _write(text, fmt, output, force, bom)


def _write_pdf(page: str, output: Path | None, force: bool) -> None:
    """The handout's page printed to PDF, to FILE or to standard output (not a terminal)."""
    from kneefit.render.pdf import pdf_of

    if output is None and _stdout_is_terminal():
        raise typer.BadParameter(
            "a PDF is not for the terminal: write it to a file with -o plan.pdf",
            param_hint="'-f' / '--format'",
        )
    data = pdf_of(page)
    if output is None:
        write_stdout(data)
    else:
        write_file(output, data, force=force)
        typer.echo(f"Wrote {output} (pdf).", err=True)


def _warn(message: str) -> None:
    _print_error(message, "Warning")


# ---------------------------------------------------------------------- commands


@app.command()
def plan(
    condition: ConditionOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    minutes: OptionalMinutesOpt = None,
    no_floor: NoFloorOpt = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Also show what was left out, and why.")
    ] = False,
    format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            min=1,
            max=7,
            metavar="N",
            help="Plan a week of N sessions (1 to 7): strength on days that are not back to "
            "back, stretching and release as often as their doses say, rest days shown.",
        ),
    ] = None,
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks",
            min=1,
            max=12,
            metavar="N",
            help="With --days: lay out N weeks (1 to 12), each a little more than the last.",
        ),
    ] = 1,
    start: Annotated[
        str | None,
        typer.Option(
            "--start", metavar="YYYY-MM-DD", help="The first day of the week. Default: today."
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", metavar="HH:MM", help="When sessions start, for --format ics. Default: 07:30."
        ),
    ] = None,
    remind: Annotated[
        int | None,
        typer.Option(
            "--remind",
            min=0,
            max=10080,
            metavar="MINUTES",
            help="For --format ics: remind this many minutes before each session.",
        ),
    ] = None,
    no_history: NoHistoryOpt = False,
    program: ProgramOpt = None,
    without: WithoutOpt = None,
    swap: SwapOpt = None,
    max_exercises: MaxExercisesOpt = None,
) -> None:
    """Build a routine: warm-up, strength, balance, stretches, then foam rolling or release.

    Without --equipment, kneefit assumes household things: a chair, a step, a towel and a
    mat. Use '--equipment none' for bodyweight only (floor work on a carpet or a bed).
    """
    from kneefit.usecases.plan import PlanAsk, make_plan

    ask = PlanAsk(
        conditions=tuple(condition or ()),
        level=level,
        equipment=equipment,
        minutes=minutes or 30,
        floor=not no_floor,
        days=days,
        weeks=weeks,
        start=_date(start, "'--start'") if start is not None else None,
        at=_clock(at),
        history=not no_history,
        program=Path(program) if program is not None else None,
        without=tuple(without or ()),
        swaps=_swaps(swap),
        max_exercises=max_exercises,
        remind=remind,
    )
    if program is not None and (condition or level is not None or equipment or minutes):
        raise typer.BadParameter(
            "the program file gives the conditions, level, equipment and minutes; leave out "
            "-c, -l, -e and -m with --program",
            param_hint="'--program'",
        )
    cat = _catalogue(catalogue, no_cache)
    for warning in cat.weakened:
        _warn(warning)
    with _usage(exercise="'--without' / '--swap'"):
        result = make_plan(cat, ask, _places(), _today(), _now())
    _emit(lambda r: r.plan(result.schedule), format, output, force, explain)
    for notice in result.notices:
        _warn(notice)


def _swaps(given: list[str] | None) -> tuple[tuple[str, str], ...]:
    """--swap OLD=NEW, each as a pair of names."""
    pairs = []
    for text in given or []:
        old, sep, new = text.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise typer.BadParameter(
                f"{text!r}: write OLD=NEW, e.g. --swap 'wall sit=mini squat'",
                param_hint="'--swap'",
            )
        pairs.append((old.strip(), new.strip()))
    return tuple(pairs)


@app.command("list")
def list_(
    category: Annotated[
        str | None,
        typer.Argument(
            metavar="[CATEGORY]",
            help="strength, balance, stretches, foam-rolling (or rolling, release), cardio "
            "(or low-impact). All when left out.",
            show_default=False,
        ),
    ] = None,
    condition: ConditionOpt = None,
    equipment: EquipmentOpt = None,
    level: LevelOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List the catalogue's exercises, filtered by category, condition, equipment and level."""
    from kneefit.usecases.views import list_exercises

    cat = _catalogue(catalogue, no_cache)
    with _usage():
        allowed = list_exercises(cat, category, condition or [], level, equipment)
    _emit(lambda r: r.exercises(allowed, cat), format, output, force)


@app.command()
def show(
    exercise: Annotated[
        list[str],
        typer.Argument(
            metavar="EXERCISE", help="An exercise's id, name or alias.", show_default=False
        ),
    ],
    format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Show one exercise: steps, cues, dose, muscles, equipment, variants and sources."""
    from kneefit.usecases.views import find_exercise

    cat = _catalogue(catalogue, no_cache)
    with _usage():
        found = find_exercise(cat, exercise)
    _emit(lambda r: r.exercise(found, cat), format, output, force)


@app.command()
def conditions(
    name: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[NAME]...",
            help="Only these conditions (all when left out).",
            show_default=False,
        ),
    ] = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List the knee conditions, what each rules out, and whether to see a clinician first."""
    from kneefit.usecases.views import find_conditions

    cat = _catalogue(catalogue, no_cache)
    with _usage(condition="'NAME'"):
        chosen = find_conditions(cat, name or [])
    _emit(lambda r: r.conditions(chosen, cat), format, output, force)


log_app = typer.Typer(
    help="Record a session: how much it hurt and how hard it felt. Progression in 'kneefit "
    "plan' follows these records.\n\n"
    "\b\nExamples:\n"
    "  kneefit log --pain 2 --effort 6        after today's session\n"
    "  kneefit log --next-morning 1           the morning after\n"
    "  kneefit log --pain 3 --effort 5 --date 2026-11-20 -x 'wall sit'\n"
    "  kneefit log --cleared 'Dr Lee: a sprain, carry on gently'",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    context_settings=_SETTINGS,
)
app.add_typer(log_app, name="log")


@log_app.callback(invoke_without_command=True)
def log_session(
    ctx: typer.Context,
    pain: Annotated[
        int | None,
        typer.Option(
            "--pain", min=0, max=10, metavar="N", help="Pain during the session, 0 (none) to 10."
        ),
    ] = None,
    effort: Annotated[
        int | None,
        typer.Option(
            "--effort", min=0, max=10, metavar="N", help="How hard it felt, 0 (rest) to 10."
        ),
    ] = None,
    next_morning: Annotated[
        int | None,
        typer.Option(
            "--next-morning",
            min=0,
            max=10,
            metavar="N",
            help="Pain the next morning, 0 to 10, added to the latest session (or --date's).",
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="The session's date. Default: today."),
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", metavar="TEXT", help="Anything to remember.")
    ] = None,
    red_flag: Annotated[
        list[str] | None,
        typer.Option(
            "--red-flag",
            metavar="TEXT",
            help="A warning sign you noticed (e.g. 'knee locked'). Repeatable. Stops every "
            "plan until a clinician has seen the knee (--cleared).",
        ),
    ] = None,
    cleared: Annotated[
        str | None,
        typer.Option(
            "--cleared",
            metavar="TEXT",
            help="A clinician has seen your knee after a red flag: who, and what they said. "
            "Plans resume, one step down. Given on its own (with --date for the day).",
        ),
    ] = None,
    exercise: Annotated[
        list[str] | None,
        typer.Option(
            "-x",
            "--exercise",
            metavar="NAME",
            help="An exercise you did. Repeatable. Default: the last plan kneefit printed.",
        ),
    ] = None,
    catalogue: CatalogueOpt = None,
) -> None:
    """Record a session, the next morning's pain, or a clinician's all-clear.

    kneefit log --pain 2 --effort 6 records today's session with the exercises of the last
    plan; kneefit log --next-morning 1 adds the next morning's pain to it.
    """
    from kneefit.usecases import logbook

    session_options = (pain, effort, notes, red_flag, exercise)
    if ctx.invoked_subcommand is not None:
        if any(v is not None for v in (*session_options, next_morning, day, cleared, catalogue)):
            raise typer.BadParameter(
                f"give no session options with 'kneefit log {ctx.invoked_subcommand}'"
            )
        return
    chosen_day = _day(day, "'--date'")
    alone = next_morning is not None or cleared is not None
    if alone and (
        any(v is not None for v in session_options) or None not in (next_morning, cleared)
    ):
        raise typer.BadParameter(
            "--next-morning and --cleared add to the log on their own; give either alone "
            "(with --date to pick the day)"
        )
    if next_morning is not None:
        session = logbook.record_next_morning(next_morning, chosen_day, _places())
        _say(
            f"Logged next-morning pain {next_morning}/10 for the session of "
            f"{session.date.isoformat()}."
        )
        return
    if cleared is not None:
        text = _typed_text(cleared, "'--cleared'")
        if not text.strip():
            raise typer.BadParameter(
                "say who saw your knee and what they said", param_hint="'--cleared'"
            )
        done = logbook.record_clearance(
            text, chosen_day or _today(), _places(), _catalogue(catalogue), _now()
        )
        _say(
            f"Logged {done.clearance.date.isoformat()}: a clinician has seen your knee "
            f"({done.clearance.text})."
            + (
                " The next plan resumes one step down."
                if done.had_flag
                else " No red flag was waiting for this."
            )
        )
        return
    if pain is None or effort is None:
        raise typer.BadParameter(
            "give --pain N and --effort N for a session, or --next-morning N for the morning "
            "after (see 'kneefit log --help')"
        )
    ask = logbook.SessionAsk(
        date=chosen_day or _today(),
        pain=pain,
        effort=effort,
        notes=_typed_text(notes, "'--notes'"),
        red_flags=tuple(_typed_text(f, "'--red-flag'") for f in red_flag or []),
        exercises=exercise,
    )
    with _usage(exercise="'-x' / '--exercise'"):
        recorded = logbook.record_session(ask, _places(), _catalogue(catalogue), _now())
    session = recorded.session
    count = len(session.exercises)
    what = f"{count} exercises" if count else "no exercises (no plan remembered; use -x)"
    _say(f"Logged {session.date.isoformat()}: pain {pain}/10, effort {effort}/10, {what}.")
    if session.red_flags:
        _print_error(
            "you logged a red flag. Stop exercising that knee and see a doctor or "
            "physiotherapist now. kneefit plans no exercises until you log that a clinician "
            "has seen it: kneefit log --cleared 'who, and what they said'."
        )
    elif pain > recorded.too_much_above:
        _say(f"That is more than {recorded.too_much_above}/10: too much. The next plan steps down.")
    _say("Tomorrow, add the morning's pain: kneefit log --next-morning N")


@log_app.command("export")
def log_export(output: OutputOpt = None, force: ForceOpt = False) -> None:
    """Write the whole log as JSON (to standard output, or to FILE)."""
    from kneefit.usecases.logbook import export_log

    text = export_log(_places())
    if output is None:
        write_stdout(text)
    else:
        write_file(output_path(output), text, force=force)
        typer.echo(f"Wrote {output} (json).", err=True)


@log_app.command("import")
def log_import(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A file written by 'kneefit log export'.", show_default=False
        ),
    ],
) -> None:
    """Add the sessions of an exported log that are not in this one."""
    from kneefit.usecases.logbook import import_log

    done = import_log(Path(file), _places(), _today(), _now())
    _say(
        f"Imported {done.added} sessions from {file} ({done.total - done.added} were already "
        "logged)."
    )


def _ask(question: str) -> bool:
    """Ask a yes/no question on the terminal; anything but yes is no, Ctrl-C exits 130."""
    sys.stderr.write(f"{question} [y/N]: ")
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise typer.Exit(130) from None
    return answer.strip().lower() in ("y", "yes")


@log_app.command("forget")
def log_forget(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask; delete at once.")] = False,
) -> None:
    """Delete the session log and the remembered plan, after asking."""
    from kneefit.log import FILE_NAME
    from kneefit.usecases.logbook import forget_log

    places = _places()
    where = places.data_dir / FILE_NAME
    if not yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise typer.BadParameter(
                "not deleting without a confirmation; run it in a terminal, or add --yes",
                param_hint="'--yes'",
            )
        if not _ask(f"Delete the session log {where}?"):
            _say("Kept the log.")
            return
    _say(f"Deleted {where}." if forget_log(places) else "There was no session log.")


@app.command()
def history(
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD", help="Only sessions from this date on."),
    ] = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = None,
    checkins: Annotated[
        bool,
        typer.Option(
            "--checkins", help="Show the check-ins ('kneefit checkin') instead of the sessions."
        ),
    ] = False,
) -> None:
    """Show the logged sessions, with a chart of pain and effort over time, then the
    check-ins (in text, table and markdown; with --checkins, only them, in any format)."""
    from kneefit.render.report import checkin_history
    from kneefit.usecases.logbook import sessions_since
    from kneefit.usecases.physio import checkins_since

    start = _day(since, "'--since'")
    found = checkins_since(_places(), start)
    target = output_path(output) if output is not None else None
    fmt = _format(format, target)
    if checkins:
        with _usage():
            _write(checkin_history(found, fmt.value), fmt, target, force, bom)
        return
    sessions = sessions_since(_places(), start)
    tail = checkin_history(found, fmt.value) if found and fmt.value in _WITH_CHECKINS else ""
    _emit(lambda r: r.history(sessions) + tail, format, output, force, bom=bom)


#: The history formats that show check-ins after the sessions.
_WITH_CHECKINS = ("table", "text", "markdown")


@app.command()
def validate(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Catalogue files to check.", show_default=False),
    ],
) -> None:
    """Check catalogue files, each layered over the bundled one, and say what is wrong where."""
    from kneefit.usecases.views import validate_files

    failed = False
    for checked in validate_files(files):
        if checked.problem is not None or checked.catalogue is None:
            failed = True
            _print_error(str(checked.problem))
            continue
        cat = checked.catalogue
        _say(
            f"{checked.file}: ok ({len(cat.exercises)} exercises, {len(cat.conditions)} "
            f"conditions, {len(cat.sources)} sources in force)"
        )
        for ident in cat.uncited_sources:
            _print_error(
                f"{checked.file}: the source {ident!r} is listed but never cited", "Warning"
            )
        for warning in cat.weakened:
            _print_error(warning, "Warning")
    if failed:
        raise typer.Exit(1)


@app.command()
def start(
    condition: ConditionOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    minutes: MinutesOpt = 30,
    no_floor: NoFloorOpt = False,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
    program: ProgramOpt = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", help="No terminal bell at each change.")
    ] = False,
    no_log: Annotated[
        bool, typer.Option("--no-log", help="Do not write the session to the log.")
    ] = False,
) -> None:
    """Run today's session in the terminal: countdowns, sets, rests, pain checks; then log it.

    Keys: space pause, n set done, s skip, b back, 0-9 pain now, q quit, ? help.
    """
    from kneefit.usecases.guided import prepare_session, record_guided
    from kneefit.usecases.plan import PlanAsk

    ask = PlanAsk(
        conditions=tuple(condition or ()),
        level=level,
        equipment=equipment,
        minutes=minutes,
        floor=not no_floor,
        program=Path(program) if program is not None else None,
    )
    cat = _catalogue(catalogue, no_cache)
    with _usage():
        ready = prepare_session(cat, ask, _places(), _today(), _now())
    if not (_stdout_is_terminal() and sys.stdin is not None and sys.stdin.isatty()):
        _print_error(
            "kneefit start needs a terminal to run in; for a routine to print or save, use "
            "'kneefit plan'"
        )
        raise typer.Exit(2)
    from kneefit.guided.screen import summary_lines
    from kneefit.guided.terminal import run_guided

    outcome = run_guided(
        ready.items,
        cat.safety.pain_rule,
        ready.easier,
        notes=ready.notes,
        quiet=quiet,
        color=_color_allowed(True),
        ascii_only=not is_utf(stdout_encoding()),
        will_log=not no_log,
    )
    _say("\n".join(summary_lines(outcome, min(100, shutil.get_terminal_size().columns))))
    if not outcome.log or outcome.pain is None or outcome.effort is None:
        _say("Nothing logged.")
        return
    if no_log:
        _say("Not logged (--no-log).")
        return
    session = record_guided(outcome, ready, _places(), _today(), _now())
    _say(
        f"Logged {session.date.isoformat()}: pain {session.pain}/10, effort "
        f"{session.effort}/10, {len(session.exercises)} exercises."
    )
    if session.pain > ready.pain_limit:
        _say(f"That is more than {ready.pain_limit}/10: too much. The next plan steps down.")
    _say("Tomorrow, add the morning's pain: kneefit log --next-morning N")


# ---------------------------------------------------------------------- for physiotherapists

program_app = typer.Typer(
    help="Program files: a routine a clinician writes, checked like any plan.\n\n"
    "\b\nExamples:\n"
    "  kneefit program new -c arthritis -c 'torn meniscus' --max-exercises 5 -o knee.yaml\n"
    "  kneefit plan --program knee.yaml -o handout.html",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings=_SETTINGS,
)
app.add_typer(program_app, name="program")


@program_app.command("new")
def program_new(
    condition: ConditionOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    minutes: MinutesOpt = 30,
    no_floor: NoFloorOpt = False,
    days_per_week: Annotated[
        int,
        typer.Option(
            "--days-per-week", min=1, max=7, metavar="N", help="Sessions a week (1 to 7)."
        ),
    ] = 3,
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="TEXT", help="The person's name, printed on the plan."),
    ] = None,
    without: WithoutOpt = None,
    swap: SwapOpt = None,
    max_exercises: MaxExercisesOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write a program file from the planner, with comments explaining each field, to edit."""
    from kneefit.usecases.physio import new_program
    from kneefit.usecases.plan import PlanAsk

    ask = PlanAsk(
        conditions=tuple(condition or ()),
        level=level,
        equipment=equipment,
        minutes=minutes,
        floor=not no_floor,
        without=tuple(without or ()),
        swaps=_swaps(swap),
        max_exercises=max_exercises,
    )
    person = _typed_text(name, "'--name'").strip() or None
    cat = _catalogue(catalogue, no_cache)
    with _usage(exercise="'--without' / '--swap'"):
        made = new_program(cat, ask, days_per_week, person, _places(), _today(), _now())
    if output is None:
        write_stdout(made.text)
        return
    write_file(output_path(output), made.text, force=force)
    typer.echo(
        f"Wrote {output} ({made.count} exercises). Edit it, then: kneefit plan --program {output}",
        err=True,
    )


@app.command("swap")
def swap_command(
    exercise: Annotated[
        list[str],
        typer.Argument(metavar="EXERCISE", help="The exercise to replace.", show_default=False),
    ],
    condition: ConditionOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    no_floor: NoFloorOpt = False,
    format: Annotated[
        str | None,
        typer.Option("-f", "--format", metavar="FORMAT", help="text (default) or json."),
    ] = None,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List safe alternatives to an exercise: same category and main muscles, allowed for
    the conditions, level and equipment, and no harder on the knee. Best first."""
    from kneefit.render.swaps import swaps_json, swaps_text
    from kneefit.usecases.physio import find_swaps
    from kneefit.usecases.plan import PlanAsk

    if format not in (None, "text", "json"):
        raise typer.BadParameter(
            f"{format!r}: swap prints text or json", param_hint="'-f' / '--format'"
        )
    ask = PlanAsk(
        conditions=tuple(condition or ()), level=level, equipment=equipment, floor=not no_floor
    )
    cat = _catalogue(catalogue, no_cache)
    with _usage():
        found = find_swaps(cat, " ".join(exercise), ask)
    write_stdout(swaps_json(found) if format == "json" else swaps_text(found))


def _prompt_int(question: str, low: int, high: int) -> int | None:
    """Ask for a whole number on the terminal; empty skips; Ctrl-C or end of input exits."""
    while True:
        sys.stderr.write(f"{question} [{low}-{high}, Enter to skip]: ")
        sys.stderr.flush()
        try:
            answer = sys.stdin.readline()
        except KeyboardInterrupt:
            sys.stderr.write("\n")
            raise typer.Exit(130) from None
        if answer == "":
            sys.stderr.write("\n")
            _print_error("no answer (the input ended); nothing was recorded")
            raise typer.Exit(1)
        answer = answer.strip()
        if not answer:
            return None
        if answer.isdigit() and low <= int(answer) <= high:
            return int(answer)
        sys.stderr.write(f"  Give a whole number from {low} to {high}.\n")


def _prompt_text(question: str) -> str:
    sys.stderr.write(f"{question}: ")
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise typer.Exit(130) from None
    return _typed_text(answer.strip(), "activity")


def _ask_checkin(
    before: tuple[str, ...], most: int
) -> tuple[int | None, list[tuple[str, int]], int | None]:
    """The check-in questions, on a terminal (questions on standard error)."""
    sys.stderr.write("Check-in (press Enter to skip a question).\n")
    pain = _prompt_int("Average knee pain over the last week, 0 none to 10 worst", 0, 10)
    activities: list[tuple[str, int]] = []
    sys.stderr.write(
        "Activities your knee makes hard: rate each 0 (unable to do it) to 10 (as before).\n"
    )
    for label in before:
        score = _prompt_int(f"  {label}", 0, 10)
        if score is not None:
            activities.append((label, score))
    while len(activities) < most and len(before) < most:
        label = _prompt_text("  Another activity (Enter for none)")
        if not label:
            break
        score = _prompt_int(f"  {label}", 0, 10)
        if score is not None:
            activities.append((label, score))
    stands = _prompt_int("Chair stands in 30 seconds, arms crossed", 0, 60)
    return pain, activities, stands


@app.command("checkin")
def checkin(
    day: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="The check-in's date. Default: today."),
    ] = None,
    pain: Annotated[
        int | None,
        typer.Option(
            "--pain",
            min=0,
            max=10,
            metavar="N",
            help="Average knee pain over the last week, 0 (none) to 10 (worst imaginable).",
        ),
    ] = None,
    activity: Annotated[
        list[str] | None,
        typer.Option(
            "--activity",
            metavar="TEXT=N",
            help="An activity the knee makes hard and how well you can do it now, 0 (unable) "
            "to 10 (as before), e.g. 'climbing stairs=4'. Up to 3 (the PSFS).",
        ),
    ] = None,
    chair_stands: Annotated[
        int | None,
        typer.Option(
            "--chair-stands",
            min=0,
            max=60,
            metavar="N",
            help="Full stands from a chair, arms crossed, in 30 seconds.",
        ),
    ] = None,
) -> None:
    """Record outcome scores: last week's knee pain (NPRS), the Patient-Specific Functional
    Scale and the 30-second chair stand. With no scores given, asks for them on a terminal."""
    from kneefit.log import CheckIn
    from kneefit.measures import MAX_PSFS_ACTIVITIES
    from kneefit.usecases.physio import earlier_activities, record_checkin

    chosen_day = _day(day, "'--date'") or _today()
    activities: list[tuple[str, int]] = []
    for text in activity or []:
        label, sep, value = text.rpartition("=")
        value = value.strip()
        if not sep or not label.strip() or not value.isdigit() or int(value) > 10:
            raise typer.BadParameter(
                f"{text!r}: write ACTIVITY=N with N from 0 to 10, e.g. 'climbing stairs=4'",
                param_hint="'--activity'",
            )
        activities.append((_typed_text(label.strip(), "'--activity'"), int(value)))
    if len(activities) > MAX_PSFS_ACTIVITIES:
        raise typer.BadParameter(
            f"give up to {MAX_PSFS_ACTIVITIES} activities", param_hint="'--activity'"
        )
    places = _places()
    if pain is None and not activities and chair_stands is None:
        if not sys.stdin or not sys.stdin.isatty():
            raise typer.BadParameter(
                "give --pain, --activity or --chair-stands (or run it in a terminal to be asked)"
            )
        pain, activities, chair_stands = _ask_checkin(
            earlier_activities(places), MAX_PSFS_ACTIVITIES
        )
        if pain is None and not activities and chair_stands is None:
            _say("Nothing recorded.")
            return
    entry = CheckIn(
        date=chosen_day, week_pain=pain, activities=tuple(activities), chair_stands=chair_stands
    )
    done = record_checkin(entry, places, _now())
    parts = []
    if pain is not None:
        parts.append(f"week's pain {pain}/10")
    if activities:
        parts.append("PSFS " + ", ".join(f"{a} {n}/10" for a, n in activities))
    if chair_stands is not None:
        parts.append(f"{chair_stands} chair stands")
    verb = "Replaced the check-in of" if done.replaced else "Checked in on"
    _say(f"{verb} {chosen_day.isoformat()}: {'; '.join(parts)}.")


@app.command("report")
def report_command(
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD", help="Report from this date on."),
    ] = None,
    program: Annotated[
        str | None,
        typer.Option(
            "--program", metavar="FILE", help="The program file: its days_per_week is planned."
        ),
    ] = None,
    days: Annotated[
        int | None,
        typer.Option(
            "--days", min=1, max=7, metavar="N", help="Sessions planned a week. Default: 3."
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "-f",
            "--format",
            metavar="FORMAT",
            help="text, markdown, json, csv or html (a page with charts to print). Default: "
            "text; with --output, from the file's extension.",
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = None,
) -> None:
    """A progress report for a follow-up: sessions done against planned, pain, red flags,
    progression steps and check-in scores against their minimal important changes."""
    from kneefit.render.report import render_report
    from kneefit.usecases.physio import make_report

    if program is not None and days is not None:
        raise typer.BadParameter("give --program or --days, not both", param_hint="'--days'")
    target = output_path(output) if output is not None else None
    fmt = _format(format, target, table=False)
    start = _day(since, "'--since'")
    built = make_report(
        _catalogue(None),
        _places(),
        start,
        _today(),
        program=Path(program) if program is not None else None,
        days=days,
    )
    with _usage():
        text = render_report(built, fmt.value)
    _write(text, fmt, target, force, bom)


# ---------------------------------------------------------------------- errors and exit codes


def _print_error(message: str, label: str = "Error") -> None:
    lines = message.splitlines() or [""]
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(f"{label}: {lines[0]}\n")
        for line in lines[1:]:
            sys.stderr.write(f"  {line}\n")
        sys.stderr.flush()


def _debug() -> bool:
    return bool(_state["debug"]) or os.environ.get("KNEEFIT_DEBUG", "") not in ("", "0")


def main(argv: list[str] | None = None) -> NoReturn:
    """The console script: run the app and turn every failure into a message and exit code."""
    try:
        app(args=argv, prog_name="kneefit")
    except SystemExit:
        raise
    except PipeClosed:
        sys.exit(PipeClosed.exit_code)
    except KneefitError as exc:
        _print_error(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if _debug():
            traceback.print_exc()
        _print_error(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "Run again with --debug (or KNEEFIT_DEBUG=1) for the full traceback, "
            "and please report it."
        )
        sys.exit(1)
    sys.exit(0)
