"""kneefit checkin: outcome scores for a follow-up (NPRS, PSFS, 30-second chair stand)."""

from __future__ import annotations

import math
from typing import Annotated

import typer

from kneefit.cli import common
from kneefit.cli.knee import KneeOpt, knee
from kneefit.i18n import N_, _, format_date

app = common.command_app()


@app.command(
    "checkin",
    help=N_(
        "Record outcome scores: last week's knee pain (NPRS), the Patient-Specific Functional\n"
        "Scale and the 30-second chair stand; and the follow-up measures a physiotherapist takes\n"
        "(knee bend and straightening, the 40-m fast-paced walk, a stair climb, the Timed Up and\n"
        "Go). With no scores given, asks for the first three on a terminal."
    ),
)
def checkin(
    day: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help=N_("The check-in's date. Default: today.")
        ),
    ] = None,
    pain: Annotated[
        int | None,
        typer.Option(
            "--pain",
            min=0,
            max=10,
            metavar="N",
            help=N_("Average knee pain over the last week, 0 (none) to 10 (worst imaginable)."),
        ),
    ] = None,
    activity: Annotated[
        list[str] | None,
        typer.Option(
            "--activity",
            metavar="TEXT=N",
            help=N_(
                "An activity the knee makes hard and how well you can do it now, 0 (unable) "
                "to 10 (as before), e.g. 'climbing stairs=4'. Up to 3 (the PSFS)."
            ),
        ),
    ] = None,
    chair_stands: Annotated[
        int | None,
        typer.Option(
            "--chair-stands",
            min=0,
            max=60,
            metavar="N",
            help=N_("Full stands from a chair, arms crossed, in 30 seconds."),
        ),
    ] = None,
    knee_bend: Annotated[
        int | None,
        typer.Option(
            "--knee-bend",
            min=0,
            max=160,
            metavar="DEGREES",
            help=N_("How far the knee bends, in degrees (goniometer or the printed guide)."),
        ),
    ] = None,
    knee_straighten: Annotated[
        int | None,
        typer.Option(
            "--knee-straighten",
            min=0,
            max=90,
            metavar="DEGREES",
            help=N_("How far short of fully straight the knee stays, in degrees (0: straight)."),
        ),
    ] = None,
    walk_40m: Annotated[
        float | None,
        typer.Option(
            "--walk-40m",
            min=10,
            max=600,
            metavar="SECONDS",
            help=N_("The 40-m fast-paced walk test: seconds for 4 lengths of 10 m."),
        ),
    ] = None,
    stairs: Annotated[
        float | None,
        typer.Option(
            "--stairs",
            min=1,
            max=300,
            metavar="SECONDS",
            help=N_(
                "The stair climb test: seconds up and down the same flight (9 steps if you can)."
            ),
        ),
    ] = None,
    tug: Annotated[
        float | None,
        typer.Option(
            "--tug",
            min=2,
            max=300,
            metavar="SECONDS",
            help=N_("The Timed Up and Go: seconds to stand, walk 3 m, turn, walk back and sit."),
        ),
    ] = None,
    knee_given: KneeOpt = None,
) -> None:
    from kneefit.log.checkin import CheckIn
    from kneefit.measures import MAX_PSFS_ACTIVITIES
    from kneefit.render.checkin_words import recorded_parts
    from kneefit.render.common import knee_text
    from kneefit.usecases.checkins import earlier_activities, record_checkin

    env = common.environment()
    chosen_day = common.past_day(day, "'--date'", env.today) or env.today
    chosen_knee = knee(knee_given)
    activities = _activities(activity or [], MAX_PSFS_ACTIVITIES)
    timed = {
        "--walk-40m": _seconds(walk_40m, "'--walk-40m'"),
        "--stairs": _seconds(stairs, "'--stairs'"),
        "--tug": _seconds(tug, "'--tug'"),
    }
    follow_up = (knee_bend, knee_straighten, *timed.values())
    if pain is None and not activities and chair_stands is None and follow_up == (None,) * 5:
        if not env.stdin_terminal:
            raise common.bad_value(
                _(
                    "give --pain, --activity, --chair-stands or a follow-up measure (--knee-bend, "
                    "--knee-straighten, --walk-40m, --stairs, --tug), or run it in a terminal "
                    "to be asked"
                )
            )
        from kneefit.cli.prompts import ask_checkin

        pain, activities, chair_stands = ask_checkin(
            earlier_activities(env.places), MAX_PSFS_ACTIVITIES
        )
        if pain is None and not activities and chair_stands is None:
            common.say(_("Nothing recorded."))
            return
    entry = CheckIn(
        date=chosen_day,
        week_pain=pain,
        activities=tuple(activities),
        chair_stands=chair_stands,
        knee=chosen_knee,
        knee_bend=knee_bend,
        knee_straighten=knee_straighten,
        walk_40m=timed["--walk-40m"],
        stairs=timed["--stairs"],
        tug=timed["--tug"],
    )
    done = record_checkin(entry, env)
    day_said = format_date(chosen_day)
    if chosen_knee:
        day_said = _("{date} ({knee})").format(date=day_said, knee=knee_text(chosen_knee))
    said = (
        _("Replaced the check-in of {day}: {scores}.")
        if done.replaced
        else _("Checked in on {day}: {scores}.")
    )
    common.say(said.format(day=day_said, scores="; ".join(recorded_parts(done.checkin))))


def _seconds(value: float | None, hint: str) -> float | None:
    """A timed test's seconds, to a tenth (as a stopwatch test is timed); no number is refused."""
    if value is None:
        return None
    if not math.isfinite(value):
        raise common.bad_value(
            _("{value} is not a number of seconds").format(value=value), param_hint=hint
        )
    return round(value, 1)


def _activities(given: list[str], most: int) -> list[tuple[str, int]]:
    """--activity TEXT=N, each as (TEXT, N)."""
    activities: list[tuple[str, int]] = []
    for text in given:
        label, sep, value = text.rpartition("=")
        value = value.strip()
        if not sep or not label.strip() or not value.isdigit() or int(value) > 10:
            raise common.bad_value(
                _("{given}: write ACTIVITY=N with N from 0 to 10, e.g. 'climbing stairs=4'").format(
                    given=repr(text)
                ),
                param_hint="'--activity'",
            )
        activities.append((common.typed_text(label.strip(), "'--activity'"), int(value)))
    if len(activities) > most:
        raise common.bad_value(
            _("give up to {most} activities").format(most=most), param_hint="'--activity'"
        )
    return activities
