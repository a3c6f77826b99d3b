"""kneefit start: follow today's session step by step in the terminal, then log it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kneefit.cli import common
from kneefit.cli.knee import PlanKneeOpt, knee
from kneefit.cli.options import (
    CatalogueOpt,
    ConditionOpt,
    EquipmentOpt,
    LevelOpt,
    NoCacheOpt,
    NoFloorOpt,
    OptionalMinutesOpt,
    ProgramOpt,
)
from kneefit.i18n import N_, _, format_date, ngettext

app = common.command_app()


@app.command(
    help=N_(
        "Run today's session in the terminal: countdowns, sets, rests, pain checks; then log it.\n"
        "\n"
        "Keys: space pause, n set done, s skip, b back, 0-9 pain now, q quit, r a red flag\n"
        "(a warning sign: it ends the session and is logged), ? help. With\n"
        "--plain, type a key (p for pause) or a pain from 0 to 10, then Enter."
    )
)
def start(
    condition: ConditionOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    minutes: OptionalMinutesOpt = None,
    no_floor: NoFloorOpt = False,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
    program: ProgramOpt = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", help=N_("No terminal bell at each change."))
    ] = False,
    no_log: Annotated[
        bool, typer.Option("--no-log", help=N_("Do not write the session to the log."))
    ] = False,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help=N_(
                "Plain lines instead of a full screen, for screen readers and simple "
                "terminals: each step said once, each answer typed as a line."
            ),
        ),
    ] = False,
    knee_given: PlanKneeOpt = None,
) -> None:
    from kneefit.usecases.guided import RedFlagStop, prepare_session, record_guided
    from kneefit.usecases.plan import PlanAsk

    if program is not None and (condition or level is not None or equipment or minutes):
        # As for 'plan --program': never a session other than the one asked for, unsaid.
        raise typer.BadParameter(
            _(
                "the program file gives the conditions, level, equipment and minutes; leave "
                "out -c, -l, -e and -m with --program"
            ),
            param_hint="'--program'",
        )
    ask = PlanAsk(
        conditions=tuple(condition or ()),
        level=level,
        equipment=equipment,
        minutes=minutes or 30,
        floor=not no_floor,
        program=Path(program) if program is not None else None,
        knee=knee(knee_given),
    )
    env = common.environment()
    cat = common.catalogue(catalogue, env, no_cache)
    with common.usage():
        try:
            ready = prepare_session(cat, ask, env)
        except RedFlagStop as stop:
            from kneefit.render.wording import reason_text

            # Not an error: kneefit did what it should, as 'plan' and 'log' do for a flag.
            common.say(
                _("STOP: {reason} 'kneefit start' will not run a session until then.").format(
                    reason=reason_text(stop.reason)
                )
            )
            raise typer.Exit(0) from None
    if not plain:
        try:
            import kneefit.guided.terminal  # noqa: F401
        except ImportError as exc:
            # termios (and tty, which needs it) are POSIX only: no Python on Windows has
            # them. The plain mode reads whole lines and needs neither.
            if exc.name not in ("termios", "tty"):
                raise
            common.print_error(
                _(
                    "kneefit start cannot run here: it reads keys one by one through termios, "
                    "which this system's Python does not have (Windows); 'kneefit start "
                    "--plain' runs the session as lines, and 'kneefit plan' prints or saves a "
                    "routine"
                )
            )
            raise typer.Exit(2) from None
    if not (env.stdout_terminal and env.stdin_terminal):
        common.print_error(
            _(
                "kneefit start needs a terminal to run in; for a routine to print or save, use "
                "'kneefit plan'"
            )
        )
        raise typer.Exit(2)
    from kneefit.guided.session_plan import session_red_flags
    from kneefit.guided.words import red_flag_words, summary_lines
    from kneefit.render.common import knee_sentence, knee_text, plan_warnings

    notes = tuple(plan_warnings(ready.routine))
    knee_note = knee_sentence(ready.routine)
    if knee_note is not None:
        # Which knee, and the side "first side" is where an exercise is done each side.
        notes = (*notes, knee_note)
    red_flags = session_red_flags(ready.routine.safety.red_flags)
    if plain:
        from kneefit.guided.plain import run_plain

        outcome = run_plain(
            ready.items,
            ready.routine.safety.pain_rule,
            ready.easier,
            notes=notes,
            red_flags=red_flags,
            knee=ready.routine.knee,
            quiet=quiet,
            ascii_only=env.ascii_only,
            will_log=not no_log,
            width=env.width,
        )
    else:
        from kneefit.guided.terminal import run_guided

        outcome = run_guided(
            ready.items,
            ready.routine.safety.pain_rule,
            ready.easier,
            notes=notes,
            red_flags=red_flags,
            knee=ready.routine.knee,
            quiet=quiet,
            color=env.color,
            ascii_only=env.ascii_only,
            will_log=not no_log,
        )
        # The full screen has gone with the alternate screen: say how it went where it stays.
        common.say("\n".join(summary_lines(outcome, min(100, env.width))))
    flag = outcome.red_flag
    if not outcome.log or outcome.pain is None or outcome.effort is None or no_log:
        common.say(_("Not logged (--no-log).") if outcome.log and no_log else _("Nothing logged."))
        if flag is not None:
            import shlex

            from kneefit.usecases.guided import red_flag_text

            for line in red_flag_words(flag):
                common.say(line)
            common.say(
                _("To log the red flag: kneefit log --pain N --effort N --red-flag {sign}").format(
                    sign=shlex.quote(red_flag_text(flag))
                )
            )
        return
    session = record_guided(outcome, ready, env)
    count = len(session.exercises)
    said = {
        "date": format_date(session.date),
        "pain": session.pain,
        "effort": session.effort,
        "count": count,
    }
    # English says "exercises" whatever the count, as it always has; other languages
    # take their plural forms.
    if session.knee:
        logged = ngettext(
            "Logged {date} ({knee}): pain {pain}/10, effort {effort}/10, {count} exercises.",
            "Logged {date} ({knee}): pain {pain}/10, effort {effort}/10, {count} exercises.",
            count,
        ).format(knee=knee_text(session.knee), **said)
    else:
        logged = ngettext(
            "Logged {date}: pain {pain}/10, effort {effort}/10, {count} exercises.",
            "Logged {date}: pain {pain}/10, effort {effort}/10, {count} exercises.",
            count,
        ).format(**said)
    common.say(logged)
    if flag is not None:
        # A stop, not an error; and nothing more to ask: no exercise until a clinician
        # has seen the knee, so no next-morning pain either.
        for line in red_flag_words(flag):
            common.say(line)
        common.say(
            _(
                "kneefit plans no exercises until you log that a clinician has seen it: "
                "kneefit log --cleared 'who, and what they said'"
            )
        )
        return
    if session.pain > ready.pain_ceiling:
        common.say(
            _("That is more than {limit}/10: too much. The next plan steps down.").format(
                limit=ready.pain_ceiling
            )
        )
    common.say(_("Tomorrow, add the morning's pain: kneefit log --next-morning N"))
