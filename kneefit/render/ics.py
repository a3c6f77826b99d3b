"""iCalendar (RFC 5545): one event per session, for the calendar a person already uses.

Times are "floating" local times (no time zone), so a 07:30 session stays at 07:30 wherever
the calendar is. Each event lists the plan's notes before you start (a program's notes
included), its exercises and doses, the stop rule and the disclaimer. An event's id follows
its date and slot (the day's first session), not what it holds, and its SEQUENCE grows with
the time the plan was made: importing a changed plan again updates the same events rather
than doubling them. With ``--remind`` each event
carries an alarm.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, time, timedelta, timezone
from typing import Any

from kneefit import __version__
from kneefit.i18n import _
from kneefit.models import Appointment, Day, Routine, Schedule
from kneefit.render.common import (
    NOT_MEDICAL_ADVICE,
    RenderOptions,
    day_items,
    knee_sentence,
    knee_text,
    plan_warnings,
)
from kneefit.render.documents import Refusing
from kneefit.value_words import value_word
from kneefit.vocabulary import Format

#: When a session starts if the person does not say (``--at``).
DEFAULT_TIME = time(7, 30)

#: SEQUENCE counts seconds from here to the plan's making, so a later plan has a higher one.
_EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)

#: The largest SEQUENCE RFC 5545 allows (a signed 32-bit integer): reached in January 2092.
_LAST_SEQUENCE = 2**31 - 1


class IcsRenderer(Refusing):
    """Renders an iCalendar file with the icalendar package."""

    fmt = Format.ICS

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def plan(self, schedule: Schedule) -> str:
        from icalendar import Alarm, Calendar, Event

        at = schedule.at or DEFAULT_TIME
        calendar = Calendar()
        calendar.add("prodid", f"-//kneefit//kneefit {__version__}//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", "kneefit")
        made = schedule.made or datetime.combine(schedule.start, time(0), timezone.utc)
        stamp = made.astimezone(timezone.utc).replace(microsecond=0)
        seconds = int((stamp - _EPOCH).total_seconds())
        sequence = min(_LAST_SEQUENCE, max(0, seconds)) if schedule.made else 0
        for day in schedule.session_days:
            minutes = max(1, math.ceil(day.minutes))
            event = Event()
            # One session a day: the date and the slot name the event, whatever it holds.
            event.add("uid", f"kneefit-{day.date:%Y%m%d}-1@kneefit")
            event.add("sequence", sequence)
            event.add("dtstamp", stamp)
            event.add("dtstart", datetime.combine(day.date, at))
            event.add("duration", timedelta(minutes=minutes))
            knee = schedule.routine.knee
            which = f", {knee_text(knee)}" if knee is not None else ""
            summary = _("kneefit: {focus} session ({minutes} min{which})").format(
                focus=_focus(day), minutes=minutes, which=which
            )
            event.add("summary", summary)
            event.add("description", _description(day, schedule.routine, minutes))
            event.add("categories", [_("Exercise")])
            if schedule.remind is not None:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add(
                    "description",
                    _("kneefit: {focus} session in {minutes} min").format(
                        focus=_focus(day), minutes=schedule.remind
                    ),
                )
                alarm.add("trigger", timedelta(minutes=-schedule.remind))
                event.add_component(alarm)
            calendar.add_component(event)
        for appointment in schedule.appointments:
            calendar.add_component(_appointment(appointment, stamp, sequence))
        text: str = calendar.to_ical().decode("utf-8")
        return text


def _appointment(appointment: Appointment, stamp: datetime, sequence: int) -> Any:
    """A program's review or booster date: an all-day event."""
    from icalendar import Event

    what = (
        _("A review of your programme with your physiotherapist.")
        if appointment.kind == "review"
        else _(
            "A booster session (a check-up on how the programme is going) with your "
            "physiotherapist."
        )
    )
    event = Event()
    event.add("uid", f"kneefit-{appointment.kind}-{appointment.date:%Y%m%d}@kneefit")
    event.add("sequence", sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", appointment.date)
    event.add("dtend", appointment.date + timedelta(days=1))
    summary = (
        _("kneefit: review with your physiotherapist")
        if appointment.kind == "review"
        else _("kneefit: booster with your physiotherapist")
    )
    event.add("summary", summary)
    bring = _("Bring your log: kneefit report -o report.html.")
    event.add("description", f"{what} {bring}\n\n{_(NOT_MEDICAL_ADVICE)}")
    event.add("categories", [_("Appointment")])
    return event


def _focus(day: Day) -> str:
    """What the day is for ('strength'), in the run's language."""
    return value_word(day.focus.value)


def _description(day: Day, routine: Routine, minutes: int) -> str:
    rule = routine.safety.pain_rule
    lines = [
        _("Week {week}, {focus} day, about {minutes} minutes.").format(
            week=day.week, focus=_focus(day), minutes=minutes
        ),
        "",
    ]
    # Which knee, and the side an exercise done each side starts on (this day's exercises).
    knee = knee_sentence(replace(routine, sections=day.sections))
    if knee is not None:
        lines[0] += f" {knee}"
    # What the plan says before anything else (a program's notes, a reason to see a
    # clinician first) goes with every session, as on the handout.
    warnings = plan_warnings(routine)
    if warnings:
        lines += [_("Before you start") + ":", *(f"- {w}" for w in warnings), ""]
    lines += [f"- {item}" for item in day_items(day)]
    lines += [
        "",
        _("Pain: 0 to {safe} is fine; ").format(safe=rule.safe_max)
        + (
            _("up to {acceptable} is acceptable if it settles; ").format(
                acceptable=rule.acceptable_max
            )
            if rule.acceptable_max > rule.safe_max
            else ""
        )
        + _("above {acceptable}, stop. Afterwards: kneefit log --pain N --effort N.").format(
            acceptable=rule.acceptable_max
        ),
        "",
        _(NOT_MEDICAL_ADVICE),
    ]
    return "\n".join(lines)
