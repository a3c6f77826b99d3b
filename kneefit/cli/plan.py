"""kneefit plan: a routine for one session, a week, or weeks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kneefit.cli import common
from kneefit.cli.knee import PlanKneeOpt, knee
from kneefit.cli.options import (
    CatalogueOpt,
    ConditionOpt,
    EquipmentOpt,
    ForceOpt,
    FormatOpt,
    LevelOpt,
    MaxExercisesOpt,
    NoCacheOpt,
    NoFloorOpt,
    NoHistoryOpt,
    OptionalMinutesOpt,
    OutputOpt,
    ProgramOpt,
    SwapOpt,
    WithoutOpt,
)
from kneefit.i18n import N_, _

if TYPE_CHECKING:
    from kneefit.environment import Environment

app = common.command_app()


@app.command(
    help=N_(
        "Build a routine: warm-up, strength, balance, stretches, then foam rolling or release.\n"
        "\n"
        "Without --equipment, kneefit assumes household things: a chair, a step, a towel and a\n"
        "mat. Use '--equipment none' for bodyweight only (floor work on a carpet or a bed)."
    )
)
def plan(
    condition: ConditionOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    minutes: OptionalMinutesOpt = None,
    no_floor: NoFloorOpt = False,
    explain: Annotated[
        bool, typer.Option("--explain", help=N_("Also show what was left out, and why."))
    ] = False,
    brief: Annotated[
        bool,
        typer.Option(
            "--brief",
            help=N_(
                "Stop after the routine table (table and text formats): no how-to, safety "
                "notes or sources."
            ),
        ),
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
            help=N_(
                "Plan a week of N sessions (1 to 7): strength on days that are not back to "
                "back, stretching and release as often as their doses say, rest days shown."
            ),
        ),
    ] = None,
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks",
            min=1,
            max=12,
            metavar="N",
            help=N_(
                "With --days: lay out N weeks (1 to 12) of the same program; your log moves "
                "its doses on."
            ),
        ),
    ] = 1,
    start: Annotated[
        str | None,
        typer.Option(
            "--start", metavar="YYYY-MM-DD", help=N_("The first day of the week. Default: today.")
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="HH:MM",
            help=N_("When sessions start, for --format ics. Default: 07:30."),
        ),
    ] = None,
    remind: Annotated[
        int | None,
        typer.Option(
            "--remind",
            min=0,
            max=10080,
            metavar="MINUTES",
            help=N_("For --format ics: remind this many minutes before each session."),
        ),
    ] = None,
    no_history: NoHistoryOpt = False,
    program: ProgramOpt = None,
    without: WithoutOpt = None,
    swap: SwapOpt = None,
    max_exercises: MaxExercisesOpt = None,
    phase: Annotated[
        str | None,
        typer.Option(
            "--phase",
            metavar="NAME",
            help=N_(
                "Plan a later phase of your conditions' program, once its criteria are met "
                "(see 'Move on when' in the plan; 'kneefit conditions NAME' names the program)."
            ),
        ),
    ] = None,
    knee_given: PlanKneeOpt = None,
    also_in: Annotated[
        str | None,
        typer.Option(
            "--also-in",
            metavar="LANG",
            help=N_(
                "Print the handout (html or pdf) in this language too, after the first, for "
                "a clinician to check what the person reads: '--lang es --also-in en'."
            ),
        ),
    ] = None,
) -> None:
    from kneefit.usecases.plan import PlanAsk, make_plan

    ask = PlanAsk(
        conditions=tuple(condition or ()),
        level=level,
        equipment=equipment,
        minutes=minutes or 30,
        floor=not no_floor,
        days=days,
        weeks=weeks,
        start=common.parse_date(start, "'--start'") if start is not None else None,
        at=common.clock(at),
        history=not no_history,
        program=Path(program) if program is not None else None,
        without=tuple(without or ()),
        swaps=common.swaps(swap),
        max_exercises=max_exercises,
        remind=remind,
        phase=phase,
        knee=knee(knee_given),
    )
    if program is not None and phase is not None:
        raise common.bad_value(
            _("a program file gives its own exercises; leave out --phase with --program"),
            param_hint="'--phase'",
        )
    if program is not None and (condition or level is not None or equipment or minutes):
        raise common.bad_value(
            _(
                "the program file gives the conditions, level, equipment and minutes; leave out "
                "-c, -l, -e and -m with --program"
            ),
            param_hint="'--program'",
        )
    env = common.environment()
    if brief:
        _check_brief(format, output, env)
    second = _second_language(also_in, format, output, env) if also_in is not None else None
    cat = common.catalogue(catalogue, env, no_cache)
    with common.usage(exercise="'--without' / '--swap'"):
        result = make_plan(cat, ask, env)
    if second is None:
        common.emit(
            env, lambda r: r.plan(result.schedule), format, output, force, explain, brief=brief
        )
    else:
        from dataclasses import replace

        from kneefit.render import InLanguage
        from kneefit.usecases.plan import plan_in

        other = replace(env, language=second)
        plans = (
            InLanguage(env.language, result.schedule),
            InLanguage(second, plan_in(common.catalogue(catalogue, other, no_cache), ask, other)),
        )
        common.emit(env, lambda r: r.bilingual(plans), format, output, force, explain)
    if result.decision is not None and result.decision.blocked:
        from kneefit.render.wording import reason_text

        common.warn(reason_text(result.decision.reasons[0]))
    if result.notices:
        from kneefit.render.wording import plan_notice_text

        for notice in result.notices:
            common.warn(plan_notice_text(notice))


def _second_language(wanted: str, format: str | None, output: str | None, env: Environment) -> str:
    """The language ``--also-in`` names, another than the run's; refused unless the plan
    is a handout (html or pdf), before any plan is made."""
    from kneefit.cli.language import known_language
    from kneefit.cli.stdout import output_path
    from kneefit.render import Document
    from kneefit.render.documents import check

    code = known_language(wanted, "--also-in")
    if code == env.language:
        raise common.bad_value(
            _(
                "{code} is already the plan's language (--lang): give another language "
                "to print beside it"
            ).format(code=code),
            "'--also-in'",
        )
    target = output_path(output) if output is not None else None
    check(Document.BILINGUAL, common.output_format(format, target, env))
    return code


def _check_brief(format: str | None, output: str | None, env: Environment) -> None:
    """--brief shortens what is read in a terminal or a text file; the other formats are
    whole documents."""
    from kneefit.cli.stdout import output_path
    from kneefit.vocabulary import Format

    target = output_path(output) if output is not None else None
    fmt = common.output_format(format, target, env)
    if fmt not in (Format.TABLE, Format.TEXT):
        raise common.bad_value(
            _("the {format} format holds the whole plan: use --brief with table or text").format(
                format=fmt.value
            ),
            param_hint="'--brief'",
        )
