"""kneefit program: program files a clinician writes and plans from."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from kneefit.atomic import write_file
from kneefit.cli import common
from kneefit.cli.knee import PlanKneeOpt, knee
from kneefit.cli.options import (
    CatalogueOpt,
    ConditionOpt,
    EquipmentOpt,
    ForceOpt,
    LevelOpt,
    MaxExercisesOpt,
    MinutesOpt,
    NoCacheOpt,
    NoFloorOpt,
    OutputOpt,
    SwapOpt,
    WithoutOpt,
)
from kneefit.cli.stdout import output_path, write_stdout
from kneefit.i18n import N_, _, ngettext

app = common.command_app(
    N_(
        "Program files: a routine a clinician writes, checked like any plan.\n\n"
        "\b\nExamples:\n"
        "  kneefit program new -c arthritis -c 'torn meniscus' --max-exercises 5 -o knee.yaml\n"
        "  kneefit plan --program knee.yaml -o handout.html"
    ),
    group=True,
)


# A callback makes this a group (typer would otherwise run a lone command directly), so
# that 'kneefit program new' keeps its word and later subcommands have a home.
@app.callback()
def _group() -> None:
    pass


@app.command(
    "new",
    help=N_("Write a program file from the planner, with comments explaining each field, to edit."),
)
def program_new(
    condition: ConditionOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    minutes: MinutesOpt = 30,
    no_floor: NoFloorOpt = False,
    days_per_week: Annotated[
        int,
        typer.Option(
            "--days-per-week", min=1, max=7, metavar="N", help=N_("Sessions a week (1 to 7).")
        ),
    ] = 3,
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="TEXT", help=N_("The person's name, printed on the plan.")),
    ] = None,
    without: WithoutOpt = None,
    swap: SwapOpt = None,
    max_exercises: MaxExercisesOpt = None,
    review: Annotated[
        str | None,
        typer.Option(
            "--review",
            metavar="DATE|WEEKS",
            help=N_(
                "When you review the programme with the person: a date (YYYY-MM-DD) or a "
                "number of weeks from today. On the plan, its calendar file and the report."
            ),
        ),
    ] = None,
    booster: Annotated[
        list[str] | None,
        typer.Option(
            "--booster",
            metavar="DATE|WEEKS",
            help=N_(
                "A booster session (a check-up) with you: a date or weeks from today. "
                "Repeatable, up to 12."
            ),
        ),
    ] = None,
    knee_given: PlanKneeOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    catalogue: CatalogueOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    from kneefit.usecases.plan import PlanAsk
    from kneefit.usecases.program_file import new_program

    ask = PlanAsk(
        conditions=tuple(condition or ()),
        level=level,
        equipment=equipment,
        minutes=minutes,
        floor=not no_floor,
        without=tuple(without or ()),
        swaps=common.swaps(swap),
        max_exercises=max_exercises,
        knee=knee(knee_given),
    )
    person = common.typed_text(name, "'--name'").strip() or None
    env = common.environment()
    review_day = _appointment(review, "'--review'", env.today) if review is not None else None
    boosters = sorted({_appointment(b, "'--booster'", env.today) for b in booster or []})
    if len(boosters) > 12:
        raise common.bad_value(_("give up to 12 booster dates"), "'--booster'")
    cat = common.catalogue(catalogue, env, no_cache)
    with common.usage(exercise="'--without' / '--swap'"):
        made = new_program(cat, ask, days_per_week, person, env, review_day, boosters)
    if output is None:
        write_stdout(made.text)
        return
    write_file(output_path(output), made.text, force=force)
    common.note(
        ngettext(
            "Wrote {file} ({count} exercise). Edit it, then: kneefit plan --program {file}",
            "Wrote {file} ({count} exercises). Edit it, then: kneefit plan --program {file}",
            made.count,
        ).format(file=output, count=made.count)
    )


def _appointment(value: str, hint: str, today: date) -> date:
    """A review or booster date: YYYY-MM-DD (today or later), or whole weeks from today."""
    from datetime import timedelta

    word = value.strip()
    if word.isdigit():
        weeks = int(word)
        if not 1 <= weeks <= 104:
            raise common.bad_value(
                _("{value}: give 1 to 104 weeks, or a date").format(value=repr(value)), hint
            )
        return today + timedelta(weeks=weeks)
    day = common.parse_date(word, hint)
    if day < today:
        raise common.bad_value(
            _("{day} is in the past: give today or a later date, or weeks from today").format(
                day=day.isoformat()
            ),
            hint,
        )
    return day
