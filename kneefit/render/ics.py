"""iCalendar (RFC 5545): one event per session, for the calendar a person already uses.

Times are "floating" local times (no time zone), so a 07:30 session stays at 07:30 wherever
the calendar is. Each event lists its exercises and doses, the stop rule and the
disclaimer. Event ids are stable for the same day and plan, so importing a calendar again
updates events rather than doubling them.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, time, timedelta, timezone

from kneefit import __version__
from kneefit.models import Day, Routine, Schedule
from kneefit.render.common import NOT_MEDICAL_ADVICE, PlansOnly, RenderOptions, day_items

#: When a session starts if the person does not say (``--at``).
DEFAULT_TIME = time(7, 30)


class IcsRenderer(PlansOnly):
    """Renders an iCalendar file with the icalendar package."""

    format_name = "ics"

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def plan(self, schedule: Schedule) -> str:
        from icalendar import Calendar, Event

        at = schedule.at or DEFAULT_TIME
        calendar = Calendar()
        calendar.add("prodid", f"-//kneefit//kneefit {__version__}//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", "kneefit")
        made = schedule.made or datetime.combine(schedule.start, time(0), timezone.utc)
        stamp = made.astimezone(timezone.utc).replace(microsecond=0)
        plan_id = _plan_id(schedule)
        for day in schedule.session_days:
            event = Event()
            event.add("uid", f"{day.date:%Y%m%d}-{plan_id}@kneefit")
            event.add("dtstamp", stamp)
            event.add("dtstart", datetime.combine(day.date, at))
            event.add("duration", timedelta(minutes=max(1, math.ceil(day.minutes))))
            event.add("summary", f"kneefit: {day.focus.value} session ({day.minutes:.0f} min)")
            event.add("description", _description(day, schedule.routine))
            event.add("categories", ["Exercise"])
            calendar.add_component(event)
        text: str = calendar.to_ical().decode("utf-8")
        return text


def _plan_id(schedule: Schedule) -> str:
    routine = schedule.routine
    key = "|".join(
        [
            ",".join(routine.request.conditions),
            routine.request.level.value,
            str(routine.request.minutes),
            str(schedule.days_per_week),
            schedule.start.isoformat(),
        ]
    )
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def _description(day: Day, routine: Routine) -> str:
    rule = routine.safety.pain_rule
    lines = [f"Week {day.week}, {day.focus.value} day, about {day.minutes:.0f} minutes.", ""]
    lines += [f"- {item}" for item in day_items(day)]
    lines += [
        "",
        f"Pain: 0 to {rule.safe_max} is fine; up to {rule.acceptable_max} is acceptable if it "
        f"settles; above {rule.acceptable_max}, stop. Afterwards: kneefit log --pain N "
        "--effort N.",
        "",
        NOT_MEDICAL_ADVICE,
    ]
    return "\n".join(lines)
