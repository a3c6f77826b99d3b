"""kneefit log: record a session, the next morning's pain or a clinician's all-clear; and
export, import or forget the log."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kneefit.atomic import write_file
from kneefit.cli import common
from kneefit.cli.knee import KneeOpt, knee
from kneefit.cli.options import CatalogueOpt, ForceOpt, OutputOpt
from kneefit.cli.stdout import output_path, write_stdout
from kneefit.i18n import N_, _, format_date, ngettext

if TYPE_CHECKING:
    from kneefit.environment import Environment

app = common.command_app(
    N_(
        "Record a session: how much it hurt and how hard it felt. Progression in 'kneefit "
        "plan' follows these records.\n\n"
        "\b\nExamples:\n"
        "  kneefit log --pain 2 --effort 6        after today's session\n"
        "  kneefit log --next-morning 1           the morning after\n"
        "  kneefit log --pain 3 --effort 5 --date 2026-11-20 -x 'wall sit'\n"
        "  kneefit log --walked 30                a 30-minute walk today\n"
        "  kneefit log --pain 2 --effort 5 --knee left\n"
        "  kneefit log --cleared 'Dr Lee: a sprain, carry on gently'"
    )
)


@app.callback(invoke_without_command=True)
def log_session(
    ctx: typer.Context,
    pain: Annotated[
        int | None,
        typer.Option(
            "--pain",
            min=0,
            max=10,
            metavar="N",
            help=N_("Pain during the session, 0 (none) to 10."),
        ),
    ] = None,
    effort: Annotated[
        int | None,
        typer.Option(
            "--effort", min=0, max=10, metavar="N", help=N_("How hard it felt, 0 (rest) to 10.")
        ),
    ] = None,
    next_morning: Annotated[
        int | None,
        typer.Option(
            "--next-morning",
            min=0,
            max=10,
            metavar="N",
            help=N_("Pain the next morning, 0 to 10, added to the latest session (or --date's)."),
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help=N_("The session's date. Default: today.")
        ),
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", metavar="TEXT", help=N_("Anything to remember."))
    ] = None,
    red_flag: Annotated[
        list[str] | None,
        typer.Option(
            "--red-flag",
            metavar="TEXT",
            help=N_(
                "A warning sign you noticed (e.g. 'knee locked'). Repeatable. Stops every "
                "plan until a clinician has seen the knee (--cleared)."
            ),
        ),
    ] = None,
    cleared: Annotated[
        str | None,
        typer.Option(
            "--cleared",
            metavar="TEXT",
            help=N_(
                "A clinician has seen your knee after a red flag: who, and what they said. "
                "Plans resume, one step down. Given on its own (with --date for the day)."
            ),
        ),
    ] = None,
    exercise: Annotated[
        list[str] | None,
        typer.Option(
            "-x",
            "--exercise",
            metavar="NAME",
            help=N_("An exercise you did. Repeatable. Default: the last plan kneefit printed."),
        ),
    ] = None,
    walked: Annotated[
        int | None,
        typer.Option(
            "--walked",
            min=1,
            max=1440,
            metavar="MINUTES",
            help=N_(
                "Minutes you walked outside the session (on --date, default today), alone or "
                "with a session; 'kneefit review' and 'report' count them against 150 a week."
            ),
        ),
    ] = None,
    knee_given: KneeOpt = None,
    catalogue: CatalogueOpt = None,
) -> None:
    """Record a session, a walk, the next morning's pain, or a clinician's all-clear.

    kneefit log --pain 2 --effort 6 records today's session with the exercises of the last
    plan; kneefit log --next-morning 1 adds the next morning's pain to it.
    """
    session_options = (pain, effort, notes, red_flag, exercise, knee_given)
    if ctx.invoked_subcommand is not None:
        everything = (*session_options, next_morning, day, cleared, catalogue, walked)
        if any(v is not None for v in everything):
            raise common.bad_value(
                _("give no session options with 'kneefit log {command}'").format(
                    command=ctx.invoked_subcommand
                )
            )
        return
    env = common.environment()
    chosen_day = common.past_day(day, "'--date'", env.today)
    alone = next_morning is not None or cleared is not None
    if alone and (
        any(v is not None for v in (*session_options, walked))
        or None not in (next_morning, cleared)
    ):
        raise common.bad_value(
            _(
                "--next-morning and --cleared add to the log on their own; give either alone "
                "(with --date to pick the day)"
            )
        )
    chosen_knee = knee(knee_given)
    if walked is not None and pain is None and effort is None:
        if any(v is not None for v in session_options):
            raise common.bad_value(
                _("--walked alone logs a walk; a session needs --pain N and --effort N too"),
                param_hint="'--walked'",
            )
        _walked(walked, chosen_day, env)
    elif next_morning is not None:
        _next_morning(next_morning, chosen_day, env)
    elif cleared is not None:
        _cleared(cleared, chosen_day, catalogue, env)
    elif pain is None or effort is None:
        raise common.bad_value(
            _(
                "give --pain N and --effort N for a session, --walked MINUTES for a walk, or "
                "--next-morning N for the morning after (see 'kneefit log --help')"
            )
        )
    else:
        _session(pain, effort, chosen_day, notes, red_flag, exercise, catalogue, env, chosen_knee)
        if walked is not None:
            _walked(walked, chosen_day, env)


def _walked(minutes: int, day: date | None, env: Environment) -> None:
    from kneefit.log.walk import Walk
    from kneefit.usecases.logbook import record_walk

    done = record_walk(Walk(date=day or env.today, minutes=minutes), env)
    common.say(
        _(
            "Logged {minutes} minutes of walking on {date}: {week} minutes in the 7 days to it."
        ).format(minutes=minutes, date=format_date(done.walk.date), week=done.week_minutes)
    )


def _next_morning(pain: int, day: date | None, env: Environment) -> None:
    from kneefit.usecases.logbook import record_next_morning

    session = record_next_morning(pain, day, env.places)
    common.say(
        _("Logged next-morning pain {pain}/10 for the session of {date}.").format(
            pain=pain, date=format_date(session.date)
        )
    )


def _cleared(given: str, day: date | None, catalogue: list[str] | None, env: Environment) -> None:
    from kneefit.usecases.logbook import record_clearance

    text = common.typed_text(given, "'--cleared'")
    if not text.strip():
        raise common.bad_value(
            _("say who saw your knee and what they said"), param_hint="'--cleared'"
        )
    done = record_clearance(text, day or env.today, env, common.catalogue(catalogue, env))
    logged = _("Logged {date}: a clinician has seen your knee ({text}).").format(
        date=format_date(done.clearance.date), text=done.clearance.text
    )
    after = (
        _("The next plan resumes one step down.")
        if done.had_flag
        else _("No red flag was waiting for this.")
    )
    common.say(f"{logged} {after}")


def _session(
    pain: int,
    effort: int,
    day: date | None,
    notes: str | None,
    red_flag: list[str] | None,
    exercise: list[str] | None,
    catalogue: list[str] | None,
    env: Environment,
    chosen_knee: str | None = None,
) -> None:
    from kneefit.render.common import knee_text
    from kneefit.usecases.logbook import SessionAsk, record_session

    if any(not flag.strip() for flag in red_flag or []):
        # An empty flag would stop every plan with nothing to tell a clinician.
        raise common.bad_value(
            _(
                "a red flag needs words: what happened (e.g. --red-flag 'knee locked'); "
                "nothing was logged"
            ),
            param_hint="'--red-flag'",
        )
    ask = SessionAsk(
        date=day or env.today,
        pain=pain,
        effort=effort,
        notes=common.typed_text(notes, "'--notes'"),
        red_flags=tuple(common.typed_text(f, "'--red-flag'") for f in red_flag or []),
        exercises=exercise,
        knee=chosen_knee,
    )
    with common.usage(exercise="'-x' / '--exercise'"):
        recorded = record_session(ask, env, common.catalogue(catalogue, env))
    session = recorded.session
    count = len(session.exercises)
    what = (
        ngettext("{count} exercise", "{count} exercises", count).format(count=count)
        if count
        else _("no exercises (no plan remembered; use -x)")
    )
    when = format_date(session.date)
    if session.knee:
        when = _("{date} ({knee})").format(date=when, knee=knee_text(session.knee))
    common.say(
        _("Logged {day}: pain {pain}/10, effort {effort}/10, {exercises}.").format(
            day=when, pain=pain, effort=effort, exercises=what
        )
    )
    if session.red_flags:
        # Not an error (the log worked), and nothing more to ask: no exercise until a
        # clinician has seen the knee, so no next-morning pain to add either.
        flags = "; ".join(session.red_flags)
        common.say(
            _(
                "STOP: you logged a red flag ({flags}). Stop exercising that knee and see a "
                "doctor or physiotherapist now."
            ).format(flags=flags)
        )
        common.say(
            _(
                "kneefit plans no exercises until you log that a clinician has seen it: "
                "kneefit log --cleared 'who, and what they said'"
            )
        )
        return
    if pain > recorded.pain_ceiling:
        common.say(
            _("That is more than {most}/10: too much. The next plan steps down.").format(
                most=recorded.pain_ceiling
            )
        )
    common.say(_("Tomorrow, add the morning's pain: kneefit log --next-morning N"))


@app.command("export", help=N_("Write the whole log as JSON (to standard output, or to FILE)."))
def log_export(output: OutputOpt = None, force: ForceOpt = False) -> None:
    from kneefit.usecases.logbook import export_log

    text = export_log(common.environment().places)
    if output is None:
        write_stdout(text)
    else:
        write_file(output_path(output), text, force=force)
        common.note(_("Wrote {file} ({format}).").format(file=output, format="json"))


@app.command(
    "import",
    help=N_(
        "Add the sessions, check-ins, walks, clearances and weekly reviews of an exported log "
        "not in this one."
    ),
)
def log_import(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help=N_("A file written by 'kneefit log export'."), show_default=False
        ),
    ],
) -> None:
    from kneefit.usecases.logbook import import_log

    done = import_log(Path(file), common.environment())
    # The English says "sessions", "were" whatever the count (as it always has); the
    # counts are the plural's, so that a language with plural forms can follow them.
    common.say(
        ngettext(
            "Imported {added} sessions from {file} ({already} were already logged).",
            "Imported {added} sessions from {file} ({already} were already logged).",
            done.added,
        ).format(added=done.added, file=file, already=done.total - done.added)
    )
    if done.checkins_total:
        common.say(
            ngettext(
                "Imported {added} check-ins ({kept} on days already checked in, kept as they "
                "were).",
                "Imported {added} check-ins ({kept} on days already checked in, kept as they "
                "were).",
                done.checkins_added,
            ).format(added=done.checkins_added, kept=done.checkins_total - done.checkins_added)
        )
    if done.walks:
        common.say(
            ngettext(
                "Imported {added} walks ({already} were already logged).",
                "Imported {added} walks ({already} were already logged).",
                done.walks_added,
            ).format(added=done.walks_added, already=done.walks - done.walks_added)
        )
    if done.clearances:
        common.say(
            ngettext(
                "Imported {added} clinicians' clearances of red flags ({already} were already "
                "logged).",
                "Imported {added} clinicians' clearances of red flags ({already} were already "
                "logged).",
                done.clearances_added,
            ).format(added=done.clearances_added, already=done.clearances - done.clearances_added)
        )
    if done.reviews:
        common.say(
            ngettext(
                "Imported {added} weekly reviews ({kept} on days already reviewed, kept as they "
                "were).",
                "Imported {added} weekly reviews ({kept} on days already reviewed, kept as they "
                "were).",
                done.reviews_added,
            ).format(added=done.reviews_added, kept=done.reviews - done.reviews_added)
        )


@app.command("forget", help=N_("Delete the session log and the remembered plan, after asking."))
def log_forget(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=N_("Do not ask; delete at once."))
    ] = False,
) -> None:
    from kneefit.cli.prompts import ask_yes
    from kneefit.log.sqlite import FILE_NAME
    from kneefit.usecases.logbook import forget_log

    env = common.environment()
    where = env.places.data_dir / FILE_NAME
    if not yes:
        if not env.stdin_terminal:
            raise common.bad_value(
                _("not deleting without a confirmation; run it in a terminal, or add --yes"),
                param_hint="'--yes'",
            )
        if not ask_yes(_("Delete the session log {file}?").format(file=where)):
            common.say(_("Kept the log."))
            return
    gone = forget_log(env.places)
    common.say(_("Deleted {file}.").format(file=where) if gone else _("There was no session log."))
