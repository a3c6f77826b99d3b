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
LevelOpt = Annotated[
    str | None,
    typer.Option("-l", "--level", metavar="LEVEL", help="beginner, intermediate or advanced."),
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
    minutes: Annotated[
        int,
        typer.Option(
            "-m", "--minutes", min=10, max=180, help="Minutes for the session (10 to 180)."
        ),
    ] = 30,
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
) -> None:
    """Build a routine: warm-up, strength, stretches, then foam rolling or release.

    Without --equipment, kneefit assumes household things: a chair, a step, a towel and a
    mat. Use '--equipment none' for bodyweight only.
    """
    from kneefit import vocabulary
    from kneefit.models import Level, PlanRequest
    from kneefit.planner import plan_routine

    cat = _load(catalogue, no_cache)
    with _usage("'-c' / '--condition'"):
        conditions = tuple(cat.condition(name).id for name in condition or [])
    with _usage("'-l' / '--level'"):
        chosen_level = vocabulary.level(level) if level is not None else Level.BEGINNER
    with _usage("'-e' / '--equipment'"):
        kit = vocabulary.equipment(equipment) if equipment else vocabulary.HOUSEHOLD
    if weeks != 1 and days is None:
        raise typer.BadParameter("--weeks lays out weeks of --days N sessions; give --days too")
    first_day = _start_day(start)
    session_time = _clock(at)
    request = PlanRequest(conditions=conditions, level=chosen_level, equipment=kit, minutes=minutes)
    routine = plan_routine(cat, request)

    decision = None
    adapted = routine
    if not no_history:
        from kneefit import progression

        decision = progression.decide(_sessions(), cat.safety.pain_rule, _today())
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
        text = export_text(history.sessions())
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
    from kneefit.log import parse_export

    sessions = parse_export(read_text(Path(file)), file)
    with _opened_log() as history:
        added = history.import_sessions(sessions)
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
) -> None:
    """Show the logged sessions, with a chart of pain and effort over time."""
    sessions = _sessions(_day(since, "'--since'"))
    _emit(lambda r: r.history(sessions), format, output, force)


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


# ---------------------------------------------------------------------- kneefit start
# A guided session in the terminal that logs itself (issue 15). Self-contained so that it
# can move onto the use-case layer in one piece: it builds the plan as 'plan' does, refuses
# on a red flag, runs kneefit.guided, and records the session as 'kneefit log' does.


@app.command()
def start(
    condition: ConditionOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    minutes: Annotated[
        int,
        typer.Option(
            "-m", "--minutes", min=10, max=180, help="Minutes for the session (10 to 180)."
        ),
    ] = 30,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
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
    from datetime import timedelta

    from kneefit import log as session_log
    from kneefit import progression, vocabulary
    from kneefit.guided.machine import easier_variants
    from kneefit.models import Level, PlanRequest
    from kneefit.planner import plan_routine

    cat = _load(catalogue, no_cache)
    with _usage("'-c' / '--condition'"):
        conditions = tuple(cat.condition(name).id for name in condition or [])
    with _usage("'-l' / '--level'"):
        chosen_level = vocabulary.level(level) if level is not None else Level.BEGINNER
    with _usage("'-e' / '--equipment'"):
        kit = vocabulary.equipment(equipment) if equipment else vocabulary.HOUSEHOLD
    request = PlanRequest(conditions=conditions, level=chosen_level, equipment=kit, minutes=minutes)
    routine = plan_routine(cat, request)
    sessions = _sessions()
    decision = progression.decide(sessions, cat.safety.pain_rule, _today())
    window = _today() - timedelta(days=progression.WINDOW_DAYS)
    if (
        decision.step is progression.Step.STOP
        and decision.see_clinician
        and any(s.red_flags for s in sessions if s.date >= window)
    ):
        _print_error(f"{decision.reasons[0]} 'kneefit start' will not run a session until then.")
        raise typer.Exit(1)
    if not (_stdout_is_terminal() and sys.stdin is not None and sys.stdin.isatty()):
        _print_error(
            "kneefit start needs a terminal to run in; for a routine to print or save, use "
            "'kneefit plan'"
        )
        raise typer.Exit(2)
    adapted = progression.apply(routine, cat, decision)
    items = [item for section in adapted.sections for item in section.items]
    easier = easier_variants(cat, adapted)

    from kneefit.guided.screen import summary_lines
    from kneefit.guided.terminal import run_guided

    outcome = run_guided(
        items,
        cat.safety.pain_rule,
        easier,
        notes=adapted.warnings,
        quiet=quiet,
        color=_color_allowed(True),
        ascii_only=not is_utf(stdout_encoding()),
        will_log=not no_log,
    )
    width = min(100, shutil.get_terminal_size((80, 24)).columns)
    typer.echo("\n".join(summary_lines(outcome, width)))
    if not outcome.log or outcome.pain is None or outcome.effort is None:
        typer.echo("Nothing logged.")
        return
    if no_log:
        typer.echo("Not logged (--no-log).")
        return
    notes = [f"Guided session (kneefit start), {outcome.minutes:g} min."]
    if outcome.skipped:
        notes.append("Skipped: " + ", ".join(e.name for e in outcome.skipped) + ".")
    if outcome.stopped:
        notes.append(
            "Stopped for pain: "
            + ", ".join(f"{e.name} ({e.pain}/10)" for e in outcome.stopped)
            + "."
        )
    done = tuple(
        session_log.DoneExercise(e.id, e.name, e.dose)
        for e in (*outcome.done, *outcome.stopped)
        if e.blocks_done or e in outcome.done
    )
    session = session_log.Session(
        date=_today(),
        pain=outcome.pain,
        effort=outcome.effort,
        notes=" ".join(notes)[:2000],
        exercises=done,
        stage=decision.stage,
    )
    with _opened_log() as history:
        history.add(session)
    typer.echo(
        f"Logged {session.date.isoformat()}: pain {outcome.pain}/10, effort "
        f"{outcome.effort}/10, {len(done)} exercises."
    )
    if outcome.pain > cat.safety.pain_rule.acceptable_max:
        typer.echo("That is more than 5/10: too much. The next plan steps down.")
    typer.echo("Tomorrow, add the morning's pain: kneefit log --next-morning N")


# ---------------------------------------------------------------------- end of kneefit start


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
