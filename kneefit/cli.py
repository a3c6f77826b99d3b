"""The kneefit command line: parse options, call the core, pick a renderer, map errors."""

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
from kneefit.output import PipeClosed, is_utf, stdout_encoding, write_file, write_stdout

if TYPE_CHECKING:
    from kneefit.catalogue import Catalogue
    from kneefit.log import Session, SessionLog
    from kneefit.render import Renderer

HELP = """Build a safe exercise routine for sore knees.

kneefit is not medical advice. See a doctor or physiotherapist before starting if you
have arthritis, bursitis, a torn meniscus or a sprained ligament, and at once if your
knee is hot, red and swollen, locks or gives way, or cannot take your weight.
"""

app = typer.Typer(
    name="kneefit",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kneefit {__version__}")
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


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "-f",
        "--format",
        metavar="FORMAT",
        help="table, text, markdown, json, csv, html (a printable handout) or ics (calendar; "
        "plans only). Default: table on a terminal, text otherwise; with --output, from the "
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
BomOpt = Annotated[
    bool | None,
    typer.Option(
        "--bom/--no-bom",
        help="Start CSV with a UTF-8 byte-order mark, so a spreadsheet reads accents right. "
        "Default: on for a file (-o), off on standard output.",
        show_default=False,
    ),
]
LevelOpt = Annotated[
    str | None,
    typer.Option("-l", "--level", metavar="LEVEL", help="beginner, intermediate or advanced."),
]


MinutesOpt = Annotated[
    int | None,
    typer.Option(
        "-m", "--minutes", min=10, max=180, help="Minutes for the session (10 to 180). Default: 30."
    ),
]
ProgramOpt = Annotated[
    str | None,
    typer.Option(
        "--program",
        metavar="FILE",
        help="Plan from a program file a clinician wrote ('kneefit program new' starts one); "
        "it gives the conditions, level and equipment.",
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


@contextlib.contextmanager
def _usage(param_hint: str) -> Iterator[None]:
    """Report an unknown name as a usage mistake against the option it came from."""
    try:
        yield
    except UnknownNameError as exc:
        raise typer.BadParameter(str(exc), param_hint=param_hint) from None


def _load(extra: list[str] | None, no_cache: bool) -> Catalogue:
    from kneefit.catalogue import load_catalogue

    files = [Path(name) for name in extra or []]
    return load_catalogue(files, cache_dir=None if no_cache else _cache_dir())


def _cache_dir() -> Path:
    """$KNEEFIT_CACHE_DIR, or the user cache directory of this operating system."""
    chosen = os.environ.get("KNEEFIT_CACHE_DIR", "")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_path

    return user_cache_path("kneefit", appauthor=False)


def _data_dir() -> Path:
    """$KNEEFIT_HOME, or the user data directory of this operating system."""
    chosen = os.environ.get("KNEEFIT_HOME", "")
    if chosen:
        return Path(chosen)
    from platformdirs import user_data_path

    return user_data_path("kneefit", appauthor=False)


def _today() -> date:
    return date.today()


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


def _start_day(value: str | None) -> date:
    """--start: any YYYY-MM-DD date (a plan may start in the future); default today."""
    return _today() if value is None else _date(value, "'--start'")


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


def _typed_text(value: str, hint: str) -> str:
    """Text a person typed for the log: no control characters, not too long."""
    from kneefit.models import text_problem

    problem = text_problem(value)
    if problem:
        raise typer.BadParameter(problem, param_hint=hint)
    return value


def _color_allowed(is_terminal: bool) -> bool:
    """NO_COLOR (set and not empty) wins; then FORCE_COLOR; TERM=dumb and files get none."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal and os.environ.get("TERM") != "dumb"


def _emit(
    render: Callable[[Renderer], str],
    format_word: str | None,
    output_name: str | None,
    force: bool,
    explain: bool = False,
    start: date | None = None,
    at: time | None = None,
    bom: bool | None = None,
) -> None:
    from kneefit import vocabulary
    from kneefit.render import RenderOptions, renderer_for

    output = Path(output_name) if output_name is not None else None
    with _usage("'-f' / '--format'"):
        if format_word is not None:
            fmt = vocabulary.output_format(format_word)
        elif output is not None:
            fmt = vocabulary.FORMAT_EXTENSIONS.get(output.suffix.lower(), vocabulary.Format.TEXT)
        else:
            fmt = vocabulary.Format.TABLE if _stdout_is_terminal() else vocabulary.Format.TEXT
    terminal = output is None and _stdout_is_terminal()
    options = RenderOptions(
        color=_color_allowed(terminal) and output is None,
        width=shutil.get_terminal_size((100, 24)).columns if terminal else 100,
        ascii_only=output is None and not is_utf(stdout_encoding()),
        explain=explain,
        start=start,
        at=at,
    )
    text = render(renderer_for(fmt, options))
    if fmt is vocabulary.Format.CSV and (bom or (bom is None and output is not None)):
        text = "\ufeff" + text  # so a spreadsheet reads the file as UTF-8
    if output is None:
        write_stdout(text)
    else:
        write_file(output, text, force=force)
        typer.echo(f"Wrote {output} ({fmt.value}).", err=True)


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except (ValueError, OSError):
        return False


@app.command()
def plan(
    condition: ConditionOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    minutes: MinutesOpt = None,
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
    no_history: Annotated[
        bool,
        typer.Option(
            "--no-history",
            help="Ignore the session log: no progression, and this plan is not remembered "
            "for 'kneefit log'.",
        ),
    ] = False,
    program: ProgramOpt = None,
    without: WithoutOpt = None,
    swap: SwapOpt = None,
    max_exercises: MaxExercisesOpt = None,
) -> None:
    """Build a routine: warm-up, strength, stretches, then foam rolling or release.

    Without --equipment, kneefit assumes household things: a chair, a step, a towel and a
    mat. Use '--equipment none' for bodyweight only.
    """
    from kneefit import vocabulary
    from kneefit.models import Level, PlanRequest
    from kneefit.planner import plan_routine

    cat = _load(catalogue, no_cache)
    if weeks != 1 and days is None:
        raise typer.BadParameter("--weeks lays out weeks of --days N sessions; give --days too")
    first_day = _start_day(start)
    session_time = _clock(at)
    chosen_program = None
    if program is not None:
        if condition or level is not None or equipment or minutes is not None:
            raise typer.BadParameter(
                "the program file gives the conditions, level, equipment and minutes; "
                "leave out -c, -l, -e and -m with --program",
                param_hint="'--program'",
            )
        chosen_program, routine = _program_routine(program, cat)
        if days is None:  # a program is a week of its sessions, unless --days says otherwise
            days = chosen_program.data.days_per_week
    else:
        with _usage("'-c' / '--condition'"):
            conditions = tuple(cat.condition(name).id for name in condition or [])
        with _usage("'-l' / '--level'"):
            chosen_level = vocabulary.level(level) if level is not None else Level.BEGINNER
        with _usage("'-e' / '--equipment'"):
            kit = vocabulary.equipment(equipment) if equipment else vocabulary.HOUSEHOLD
        request = PlanRequest(
            conditions=conditions, level=chosen_level, equipment=kit, minutes=minutes or 30
        )
        routine = plan_routine(cat, request)
    routine = _adjusted(routine, cat, without, swap, max_exercises)

    decision = None
    adapted = routine
    if not no_history:
        from kneefit import progression

        decision = progression.decide(_sessions(), cat.safety.pain_rule, _today())
        if chosen_program is not None:
            from kneefit.program import progress_program

            adapted = progress_program(routine, chosen_program, cat, decision)
        else:
            adapted = progression.apply(routine, cat, decision)
    schedule = None
    if days is not None:
        from kneefit.schedule import build

        schedule = build(adapted, days, weeks, first_day)

    def show(r: Renderer) -> str:
        return r.plan(adapted) if schedule is None else r.week(schedule)

    _emit(show, format, output, force, explain, first_day, session_time)
    if decision is None:
        return
    from kneefit import log as session_log
    from kneefit import progression

    remembered = session_log.RememberedPlan(
        made=datetime.now(timezone.utc),
        stage=decision.stage,
        exercises=progression.done_exercises(adapted.sections),
        days={
            d.date: progression.done_exercises(d.sections)
            for d in (schedule.session_days if schedule is not None else ())
        },
    )
    try:
        session_log.remember_plan(_data_dir(), remembered)
    except KneefitError as exc:
        # The plan is out; only the default for 'kneefit log' is lost. Say so, succeed.
        _print_error(f"{exc} ('kneefit log' will need -x to name the exercises)", "Warning")


@app.command("list")
def list_(
    category: Annotated[
        str | None,
        typer.Argument(
            metavar="[CATEGORY]",
            help="strength, stretches, foam-rolling (or rolling, release), cardio "
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
    from kneefit import vocabulary
    from kneefit.planner import screen

    cat = _load(catalogue, no_cache)
    with _usage("'CATEGORY'"):
        wanted = vocabulary.category(category) if category is not None else None
    with _usage("'-c' / '--condition'"):
        conditions = [cat.condition(name) for name in condition or []]
    with _usage("'-l' / '--level'"):
        chosen_level = vocabulary.level(level) if level is not None else None
    with _usage("'-e' / '--equipment'"):
        kit = vocabulary.equipment(equipment) if equipment else None
    pool = [e for e in cat.exercises.values() if wanted is None or e.category is wanted]
    allowed, _ = screen(pool, conditions, chosen_level, kit)
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
    cat = _load(catalogue, no_cache)
    with _usage("'EXERCISE'"):
        found = cat.exercise(" ".join(exercise))
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
    cat = _load(catalogue, no_cache)
    with _usage("'NAME'"):
        chosen = [cat.condition(n) for n in name] if name else list(cat.conditions.values())
    _emit(lambda r: r.conditions(chosen, cat), format, output, force)


log_app = typer.Typer(
    help="Record a session: how much it hurt and how hard it felt. Progression in 'kneefit "
    "plan' follows these records.\n\n"
    "\b\nExamples:\n"
    "  kneefit log --pain 2 --effort 6        after today's session\n"
    "  kneefit log --next-morning 1           the morning after\n"
    "  kneefit log --pain 3 --effort 5 --date 2026-11-20 -x 'wall sit'",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
app.add_typer(log_app, name="log")

PainOpt = Annotated[
    int | None,
    typer.Option(
        "--pain", min=0, max=10, metavar="N", help="Pain during the session, 0 (none) to 10."
    ),
]


@log_app.callback(invoke_without_command=True)
def log_session(
    ctx: typer.Context,
    pain: PainOpt = None,
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
            help="A warning sign you noticed (e.g. 'knee locked'). Repeatable. Stops "
            "progression and tells you to see a clinician.",
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
    """Record a session, or the next morning's pain.

    kneefit log --pain 2 --effort 6 records today's session with the exercises of the last
    plan; kneefit log --next-morning 1 adds the next morning's pain to it.
    """
    if ctx.invoked_subcommand is not None:
        given = [pain, effort, next_morning, day, notes, red_flag, exercise, catalogue]
        if any(v is not None for v in given):
            raise typer.BadParameter(
                f"give no session options with 'kneefit log {ctx.invoked_subcommand}'"
            )
        return
    from kneefit import log as session_log

    chosen_day = _day(day, "'--date'")
    if next_morning is not None:
        if any(v is not None for v in (pain, effort, notes, red_flag, exercise)):
            raise typer.BadParameter(
                "--next-morning adds to a session already logged; give it on its own "
                "(with --date to pick the session)"
            )
        with _opened_log() as history:
            session = history.add_next_morning(next_morning, chosen_day)
        typer.echo(
            f"Logged next-morning pain {next_morning}/10 for the session of "
            f"{session.date.isoformat()}."
        )
        return
    if pain is None or effort is None:
        raise typer.BadParameter(
            "give --pain N and --effort N for a session, or --next-morning N for the morning "
            "after (see 'kneefit log --help')"
        )
    remembered = session_log.last_plan(_data_dir())
    if exercise:
        cat = _load(catalogue, False)
        with _usage("'-x' / '--exercise'"):
            found = [cat.exercise(name) for name in exercise]
        done = tuple(session_log.DoneExercise(e.id, e.name, e.dose.describe()) for e in found)
    else:
        done = remembered.for_day(chosen_day or _today()) if remembered is not None else ()
    session = session_log.Session(
        date=chosen_day or _today(),
        pain=pain,
        effort=effort,
        notes=_typed_text(notes, "'--notes'") if notes else "",
        red_flags=tuple(_typed_text(f, "'--red-flag'") for f in red_flag or []),
        exercises=done,
        stage=remembered.stage if remembered is not None else 0,
    )
    with _opened_log() as history:
        history.add(session)
    what = f"{len(done)} exercises" if done else "no exercises (no plan remembered; use -x)"
    typer.echo(f"Logged {session.date.isoformat()}: pain {pain}/10, effort {effort}/10, {what}.")
    if session.red_flags:
        _print_error(
            "you logged a red flag. Stop exercising that knee and see a doctor or "
            "physiotherapist now; kneefit will not progress your plan."
        )
    elif pain > 5:
        typer.echo("That is more than 5/10: too much. The next plan steps down.")
    typer.echo("Tomorrow, add the morning's pain: kneefit log --next-morning N")


def _sessions(since: date | None = None) -> list[Session]:
    """The logged sessions (from ``since``), without creating a log if there is none."""
    from kneefit.log import open_log

    history = open_log(_data_dir(), create=False)
    if history is None:
        return []
    try:
        return history.sessions(since)
    finally:
        history.close()


@contextlib.contextmanager
def _opened_log() -> Iterator[SessionLog]:
    from kneefit.log import open_log

    history = open_log(_data_dir())
    assert history is not None
    try:
        yield history
    finally:
        history.close()


@log_app.command("export")
def log_export(output: OutputOpt = None, force: ForceOpt = False) -> None:
    """Write the whole log as JSON (to standard output, or to FILE)."""
    from kneefit.log import export_text

    with _opened_log() as history:
        text = export_text(history.sessions(), history.checkins())
    if output is None:
        write_stdout(text)
    else:
        write_file(Path(output), text, force=force)
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
    from kneefit.catalogue import read_text
    from kneefit.log import parse_checkins, parse_export

    text = read_text(Path(file))
    sessions = parse_export(text, file)
    checkins = parse_checkins(text, file, _today())
    with _opened_log() as history:
        added = history.import_sessions(sessions)
        if checkins:
            history.import_checkins(checkins)
    typer.echo(
        f"Imported {added} sessions from {file} ({len(sessions) - added} were already logged)."
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
    from kneefit.log import FILE_NAME, delete_log

    folder = _data_dir()
    if not yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise typer.BadParameter(
                "not deleting without a confirmation; run it in a terminal, or add --yes",
                param_hint="'--yes'",
            )
        if not _ask(f"Delete the session log {folder / FILE_NAME}?"):
            typer.echo("Kept the log.")
            return
    found = delete_log(folder)
    typer.echo(f"Deleted {folder / FILE_NAME}." if found else "There was no session log.")


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
    from kneefit import vocabulary
    from kneefit.render.report import checkin_history

    start = _day(since, "'--since'")
    sessions = _sessions(start)
    found = _checkins(start)
    fmt = _physio_format(format, output)
    if checkins:
        with _usage("'-f' / '--format'"):
            _physio_write(checkin_history(found, fmt.value), fmt, output, force, bom)
        return
    shown = (vocabulary.Format.TABLE, vocabulary.Format.TEXT, vocabulary.Format.MARKDOWN)
    tail = checkin_history(found, fmt.value) if found and fmt in shown else ""
    _emit(lambda r: r.history(sessions) + tail, format, output, force, bom=bom)


@app.command()
def validate(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Catalogue files to check.", show_default=False),
    ],
) -> None:
    """Check catalogue files, each layered over the bundled one, and say what is wrong where."""
    from kneefit.catalogue import load_catalogue

    failed = 0
    for path in files:
        try:
            cat = load_catalogue([Path(path)])
        except KneefitError as exc:
            failed += 1
            _print_error(str(exc))
            continue
        typer.echo(
            f"{path}: ok ({len(cat.exercises)} exercises, {len(cat.conditions)} conditions, "
            f"{len(cat.sources)} sources in force)"
        )
    if failed:
        raise typer.Exit(1)


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


# ==========================================================================================
# For physiotherapists: program files, safe swaps, check-ins and the progress report.
# Each command parses its options and calls one pure module (program, swap, measures,
# report); the plan options --program, --without, --swap and --max-exercises come here too.
# ==========================================================================================

if TYPE_CHECKING:
    from kneefit import vocabulary
    from kneefit.log import CheckIn
    from kneefit.models import Routine
    from kneefit.program import Program


def _program_routine(file: str, cat: Catalogue) -> tuple[Program, Routine]:
    """A program file read, validated and screened (exit code 1 with every problem)."""
    from kneefit.catalogue import read_text
    from kneefit.program import parse_program, routine_from_program

    parsed = parse_program(read_text(Path(file)), file)
    return parsed, routine_from_program(parsed, cat)


def _adjusted(
    routine: Routine,
    cat: Catalogue,
    without: list[str] | None,
    swap: list[str] | None,
    max_exercises: int | None,
) -> Routine:
    """--swap, then --without, then --max-exercises, applied to a routine."""
    from kneefit.swap import apply_swaps, shorten

    pairs = []
    for text in swap or []:
        old, sep, new = text.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise typer.BadParameter(
                f"{text!r}: write OLD=NEW, e.g. --swap 'wall sit=mini squat'",
                param_hint="'--swap'",
            )
        with _usage("'--swap'"):
            pairs.append((cat.exercise(old.strip()), cat.exercise(new.strip())))
    with _usage("'--without'"):
        dropped = [cat.exercise(name) for name in without or []]
    if pairs or dropped:
        try:
            routine = apply_swaps(routine, cat, dropped, pairs)
        except KneefitError as exc:
            hint = "'--swap'" if pairs and "swap" in str(exc) else "'--without' / '--swap'"
            raise typer.BadParameter(str(exc), param_hint=hint) from None
    if max_exercises is not None:
        routine = shorten(routine, cat, max_exercises)
    return routine


program_app = typer.Typer(
    help="Program files: a routine a clinician writes, checked like any plan.\n\n"
    "\b\nExamples:\n"
    "  kneefit program new -c arthritis -c 'torn meniscus' --max-exercises 5 -o knee.yaml\n"
    "  kneefit plan --program knee.yaml -o handout.html",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
app.add_typer(program_app, name="program")


@program_app.command("new")
def program_new(
    condition: ConditionOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    minutes: MinutesOpt = None,
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
    from kneefit import vocabulary
    from kneefit.models import Level, PlanRequest
    from kneefit.planner import plan_routine
    from kneefit.program import program_from_routine

    cat = _load(catalogue, no_cache)
    with _usage("'-c' / '--condition'"):
        conditions = tuple(cat.condition(c).id for c in condition or [])
    with _usage("'-l' / '--level'"):
        chosen_level = vocabulary.level(level) if level is not None else Level.BEGINNER
    with _usage("'-e' / '--equipment'"):
        kit = vocabulary.equipment(equipment) if equipment else vocabulary.HOUSEHOLD
    request = PlanRequest(
        conditions=conditions, level=chosen_level, equipment=kit, minutes=minutes or 30
    )
    routine = _adjusted(plan_routine(cat, request), cat, without, swap, max_exercises)
    person = _typed_text(name, "'--name'").strip() if name else None
    text = program_from_routine(routine, days_per_week, person or None)
    if output is None:
        write_stdout(text)
        return
    write_file(Path(output), text, force=force)
    count = sum(len(s.items) for s in routine.sections)
    typer.echo(
        f"Wrote {output} ({count} exercises). Edit it, then: kneefit plan --program {output}",
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
    format: Annotated[
        str | None,
        typer.Option("-f", "--format", metavar="FORMAT", help="text (default) or json."),
    ] = None,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List safe alternatives to an exercise: same category and main muscles, allowed for
    the conditions, level and equipment, and no harder on the knee. Best first."""
    import json

    from kneefit import vocabulary
    from kneefit.models import Level, PlanRequest
    from kneefit.planner import exclusion_reasons
    from kneefit.swap import alternatives

    if format not in (None, "text", "json"):
        raise typer.BadParameter(
            f"{format!r}: swap prints text or json", param_hint="'-f' / '--format'"
        )
    cat = _load(catalogue, no_cache)
    with _usage("'EXERCISE'"):
        original = cat.exercise(" ".join(exercise))
    with _usage("'-c' / '--condition'"):
        conditions = [cat.condition(c) for c in condition or []]
    with _usage("'-l' / '--level'"):
        chosen_level = vocabulary.level(level) if level is not None else Level.BEGINNER
    with _usage("'-e' / '--equipment'"):
        kit = vocabulary.equipment(equipment) if equipment else vocabulary.HOUSEHOLD
    request = PlanRequest(
        conditions=tuple(c.id for c in conditions), level=chosen_level, equipment=kit
    )
    found = alternatives(original, cat, request)
    itself = exclusion_reasons(original, conditions, chosen_level, kit)
    if format == "json":
        data = {
            "exercise": {"id": original.id, "name": original.name, "not_for_you": itself},
            "alternatives": [
                {"id": a.exercise.id, "name": a.exercise.name, "reasons": list(a.reasons)}
                for a in found
            ],
        }
        write_stdout(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    load = ", ".join(t.value for t in original.knee_load) or "none"
    lines = [
        f"Instead of {original.name} ({original.id}): {original.category.value}, "
        f"{', '.join(m.value for m in original.primary_muscles)}; knee load {load}; "
        f"{original.level.value}.",
    ]
    if itself:
        lines.append(f"  ! {original.name} itself is not for this person: {'; '.join(itself)}")
    if not found:
        lines.append("No safe alternative fits these conditions, level and equipment.")
    for number, alt in enumerate(found, 1):
        lines.append(f"{number}. {alt.exercise.name} ({alt.exercise.id})")
        lines += [f"     - {reason}" for reason in alt.reasons]
    if found:
        lines.append(f"Use one: kneefit plan ... --swap '{original.id}={found[0].exercise.id}'")
    write_stdout("\n".join(lines) + "\n")


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
    if pain is None and not activities and chair_stands is None:
        if not sys.stdin or not sys.stdin.isatty():
            raise typer.BadParameter(
                "give --pain, --activity or --chair-stands (or run it in a terminal to be asked)"
            )
        pain, activities, chair_stands = _ask_checkin()
        if pain is None and not activities and chair_stands is None:
            typer.echo("Nothing recorded.")
            return
    entry = CheckIn(
        date=chosen_day, week_pain=pain, activities=tuple(activities), chair_stands=chair_stands
    )
    with _opened_log() as history:
        replaced = history.add_checkin(entry)
    parts = []
    if pain is not None:
        parts.append(f"week's pain {pain}/10")
    if activities:
        parts.append("PSFS " + ", ".join(f"{a} {n}/10" for a, n in activities))
    if chair_stands is not None:
        parts.append(f"{chair_stands} chair stands")
    verb = "Replaced the check-in of" if replaced else "Checked in on"
    typer.echo(f"{verb} {chosen_day.isoformat()}: {'; '.join(parts)}.")


def _ask_checkin() -> tuple[int | None, list[tuple[str, int]], int | None]:
    """The check-in questions, on a terminal (questions on standard error)."""
    from kneefit.log import open_log
    from kneefit.measures import MAX_PSFS_ACTIVITIES

    earlier = open_log(_data_dir(), create=False)
    before: list[str] = []
    if earlier is not None:
        try:
            previous = earlier.checkins()
        finally:
            earlier.close()
        if previous:
            before = [a for a, _ in previous[-1].activities]
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
    while len(activities) < MAX_PSFS_ACTIVITIES and len(before) < MAX_PSFS_ACTIVITIES:
        label = _prompt_text("  Another activity (Enter for none)")
        if not label:
            break
        score = _prompt_int(f"  {label}", 0, 10)
        if score is not None:
            activities.append((label, score))
    stands = _prompt_int("Chair stands in 30 seconds, arms crossed", 0, 60)
    return pain, activities, stands


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
    from kneefit.log import open_log
    from kneefit.render.report import render_report
    from kneefit.report import build_report

    if program is not None and days is not None:
        raise typer.BadParameter("give --program or --days, not both", param_hint="'--days'")
    per_week = days or 3
    person = None
    if program is not None:
        from kneefit.catalogue import read_text
        from kneefit.program import parse_program

        written = parse_program(read_text(Path(program)), program).data
        per_week, person = written.days_per_week, written.name
    fmt = _physio_format(format, output, terminal_table=False)
    start = _day(since, "'--since'")
    history = open_log(_data_dir(), create=False)
    sessions, checkins = [], []
    if history is not None:
        try:
            sessions, checkins = history.sessions(), history.checkins()
        finally:
            history.close()
    from kneefit.catalogue import load_catalogue

    rule = load_catalogue(cache_dir=_cache_dir()).safety.pain_rule
    built = build_report(sessions, checkins, per_week, start, _today(), rule, person)
    _physio_write(render_report(built, fmt.value), fmt, output, force, bom)


def _physio_format(
    format_word: str | None, output: str | None, *, terminal_table: bool = True
) -> vocabulary.Format:
    """The format as _emit picks it: --format, else the file's extension, else the terminal."""
    from kneefit import vocabulary

    with _usage("'-f' / '--format'"):
        if format_word is not None:
            return vocabulary.output_format(format_word)
    if output is not None:
        return vocabulary.FORMAT_EXTENSIONS.get(Path(output).suffix.lower(), vocabulary.Format.TEXT)
    if terminal_table and _stdout_is_terminal():
        return vocabulary.Format.TABLE
    return vocabulary.Format.TEXT


def _physio_write(
    text: str, fmt: vocabulary.Format, output: str | None, force: bool, bom: bool | None
) -> None:
    """Write to standard output or FILE; CSV to a file (or with --bom) gets a byte-order mark."""
    from kneefit import vocabulary

    if fmt is vocabulary.Format.CSV and (bom or (bom is None and output is not None)):
        text = "\ufeff" + text
    if output is None:
        write_stdout(text)
    else:
        write_file(Path(output), text, force=force)
        typer.echo(f"Wrote {output} ({fmt.value}).", err=True)


def _checkins(since: date | None = None) -> list[CheckIn]:
    """The check-ins (from ``since``), without creating a log if there is none."""
    from kneefit.log import open_log

    history = open_log(_data_dir(), create=False)
    if history is None:
        return []
    try:
        return history.checkins(since)
    finally:
        history.close()
