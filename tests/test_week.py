"""A week at a glance: the schedule's rules, every format, and the calendar file."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from kneefit.catalogue import Catalogue
from kneefit.models import (
    Category,
    DayFocus,
    Equipment,
    Level,
    PlanRequest,
    Schedule,
    SectionKind,
)
from kneefit.reasons import LittleMoreThanLastWeek
from kneefit.schedule import SESSION_DAYS, Layout, build
from kneefit.screening import exclusion_reasons
from kneefit.vocabulary import HOUSEHOLD
from tests.conftest import Invoke

MONDAY = date(2026, 11, 30)


def week_of(catalogue: Catalogue, request: PlanRequest, days: int, weeks: int) -> Schedule:
    return build(catalogue, request, None, Layout(days_per_week=days, weeks=weeks, start=MONDAY))


KITS: tuple[frozenset[Equipment], ...] = (HOUSEHOLD, frozenset(Equipment))


@pytest.mark.parametrize("days", range(1, 8))
def test_week_rules_hold_for_every_condition(days: int, catalogue: Catalogue) -> None:
    # Every condition, each at one level and kit in turn (tests/test_selection.py covers
    # every combination for single sessions).
    combos = itertools.product(Level, KITS)
    for condition, (level, kit) in zip(catalogue.conditions, itertools.cycle(combos)):
        request = PlanRequest(conditions=(condition,), level=level, equipment=kit, minutes=30)
        schedule = week_of(catalogue, request, days, 2)
        assert len(schedule.days) == 14
        assert [d.date for d in schedule.days] == [MONDAY + timedelta(n) for n in range(14)]
        conditions = [catalogue.conditions[condition]]
        for week in (1, 2):
            week_days = [d for d in schedule.days if d.week == week]
            assert [d.day for d in week_days] == list(range(1, 8))
            sessions = [d for d in week_days if not d.rest]
            # A program's exercises may fill fewer days than asked for (strength work 3
            # days a week, say): the days they leave empty are rest days.
            assert {d.day - 1 for d in sessions} <= set(SESSION_DAYS[days])
            assert sessions and sessions[0].day == 1
            strength = [d.day for d in sessions if d.focus is DayFocus.STRENGTH]
            assert all(b - a > 1 for a, b in itertools.pairwise(strength)), strength
            counts: dict[str, int] = {}
            for day in week_days:
                assert day.minutes <= request.minutes + 0.5
                kinds = [s.kind for s in day.sections]
                if day.rest:
                    assert day.sections == () and day.focus is DayFocus.REST
                elif any(
                    s.kind is SectionKind.WARM_UP for s in schedule.routine.sections if s.items
                ):
                    assert kinds[0] is SectionKind.WARM_UP  # cardio on every session day
                for section in day.sections:
                    for item in section.items:
                        assert not exclusion_reasons(item.exercise, conditions, level, kit)
                        counts[item.exercise.id] = counts.get(item.exercise.id, 0) + 1
                        if item.exercise.category is not Category.CARDIO:
                            assert counts[item.exercise.id] <= item.dose.days_per_week
                        if item.exercise.category is Category.STRENGTH and item.dose.reps:
                            base = item.exercise.dose.reps or item.dose.reps
                            assert min(8, base) <= item.dose.reps <= max(15, base)


def test_later_weeks_step_doses_up_gently(catalogue: Catalogue) -> None:
    schedule = week_of(catalogue, PlanRequest(conditions=("arthritis",), minutes=45), 3, 3)

    def doses(week: int) -> dict[str, tuple[int, int]]:
        first = next(d for d in schedule.days if d.week == week and not d.rest)
        return {
            i.exercise.id: (i.dose.reps or 0, i.dose.hold_seconds or 0)
            for s in first.sections
            for i in s.items
        }

    one, two, three = doses(1), doses(2), doses(3)
    # Exercises take turns from week to week; where one comes back, its dose is no lower.
    assert all(two[k] >= one[k] for k in one.keys() & two.keys())
    assert all(three[k] >= two[k] for k in two.keys() & three.keys())
    assert any(two[k] > one[k] for k in one.keys() & two.keys())
    assert schedule.week_notes == (LittleMoreThanLastWeek(2, 2), LittleMoreThanLastWeek(3, 2))


def test_week_json_has_a_day_for_every_day(cli: Invoke) -> None:
    result = cli(
        "plan", "-c", "arthritis", "--days", "3", "--weeks", "2", "--start", "2026-11-30",
        "-f", "json", "--no-history",
    )  # fmt: skip
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["days"]) == 14
    first = data["days"][0]
    assert (first["date"], first["weekday"], first["week"], first["day"]) == (
        "2026-11-30",
        "Monday",
        1,
        1,
    )
    rest = [d for d in data["days"] if d["focus"] == "rest"]
    assert rest and all(d["sections"] == [] for d in rest)
    assert all(d["sections"] for d in data["days"] if d["focus"] != "rest")
    assert data["safety"]["red_flags"] and data["disclaimer"]


@pytest.mark.parametrize("fmt", ["table", "text", "markdown", "csv", "html", "ics"])
def test_every_format_shows_the_week(cli: Invoke, fmt: str) -> None:
    result = cli("plan", "--days", "2", "--start", "2026-11-30", "-f", fmt, "--no-history")
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    assert "2026-11-30" in result.stdout or "20261130" in result.stdout
    data = cli("plan", "--days", "2", "--start", "2026-11-30", "-f", "json", "--no-history")
    warm_up = json.loads(data.stdout)["days"][0]["sections"][0]["exercises"][0]["name"]
    assert warm_up in result.stdout.replace("\r\n ", "")  # a calendar folds long lines


def test_calendar_file_follows_rfc_5545(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "week.ics"
    result = cli(
        "plan", "-c", "arthritis", "--days", "3", "--start", "2026-11-30", "--at", "18:15",
        "-o", str(target), "--no-history",
    )  # fmt: skip
    assert result.code == 0, result.stderr
    raw = target.read_bytes()
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)  # every line ends in CRLF
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
    calendar = Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0" and "kneefit" in str(calendar["PRODID"])
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("DTSTART") for e in events] == [
        datetime.combine(MONDAY + timedelta(n), time(18, 15)) for n in (0, 2, 4)
    ]
    assert len({str(e["UID"]) for e in events}) == 3
    for event in events:
        assert event.decoded("DTSTAMP").tzinfo is not None  # DTSTAMP is UTC
        assert event.decoded("DURATION") > timedelta(0)
        assert "DTEND" not in event
        description = str(event["DESCRIPTION"])
        assert "min" in description and "not medical advice" in description


@pytest.mark.parametrize(
    "args",
    [
        ["--days", "0"],
        ["--days", "8"],
        ["--weeks", "2"],
        ["--days", "3", "--weeks", "13"],
        ["--days", "3", "--at", "7.30"],
        ["--days", "3", "--at", "25:00"],
        ["--days", "3", "--start", "30/11/2026"],
    ],
)
def test_week_mistakes_are_usage_errors(cli: Invoke, args: list[str]) -> None:
    result = cli("plan", *args, "--no-history")
    assert result.code == 2, result
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["ics", "html"])
def test_calendar_and_handout_are_for_plans_only(cli: Invoke, fmt: str) -> None:
    for command in (["list"], ["show", "wall sit"], ["conditions"], ["history"]):
        result = cli(*command, "-f", fmt)
        assert result.code == 2, (command, result)
        assert f"the {fmt} format is not for " in result.stderr


def test_handout_escapes_catalogue_text(cli: Invoke, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    source = "sources: [aaos-knee-conditioning]"
    mine.write_text(
        "exercises:\n"
        "  - id: walking\n"
        '    name: "Walking <script>alert(1)</script>"\n'
        "    category: cardio\n"
        "    primary_muscles: [quadriceps]\n"
        "    level: beginner\n"
        "    dose: {minutes: 10, days_per_week: 5}\n"
        "    steps: [Walk at an easy pace & breathe.]\n"
        f"    {source}\n"
        "conditions:\n"
        "  - id: likes-walking\n"
        "    name: Likes walking\n"
        "    see_clinician_first: false\n"
        "    prefers: [{exercises: [walking], reason: Walking is their warm-up.}]\n"
        f"    {source}\n",
        encoding="utf-8",
    )
    result = cli(
        "plan", "--catalogue", str(mine), "-c", "likes-walking", "-f", "html", "--no-history"
    )
    assert result.code == 0, result.stderr
    assert "<script>" not in result.stdout
    assert "Walking &lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    assert "&amp; breathe." in result.stdout
    assert "src=" not in result.stdout and "<link" not in result.stdout  # self-contained


def test_one_session_as_a_calendar_and_a_handout(cli: Invoke) -> None:
    ics = cli("plan", "--start", "2026-12-01", "--at", "6:05", "-f", "ics", "--no-history")
    assert ics.code == 0, ics.stderr
    (event,) = Calendar.from_ical(ics.stdout.encode()).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2026, 12, 1, 6, 5)
    page = cli("plan", "--start", "2026-12-01", "-f", "html", "--no-history")
    assert page.code == 0
    assert "Your exercises</h2>" in page.stdout
    # The pain grid is the week from the plan's day: seven days, none of them called rest.
    grid = page.stdout.split("id='pain-grid'")[1].split("</table>")[0]
    assert grid.count("<th scope='col'>") == 8 and "Tue 1</th>" in grid and "Mon 7</th>" in grid
    assert "rest" not in grid.lower()


def _events(text: str) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(text.encode()).walk("VEVENT")}


def test_a_changed_plan_reimported_updates_the_same_events(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kneefit.render.ics import IcsRenderer

    layout = Layout(days_per_week=3, weeks=1, start=date(2026, 11, 30))
    made = datetime(2026, 11, 29, 18, 0, tzinfo=timezone.utc)
    first = build(catalogue, PlanRequest(conditions=("arthritis",)), None, layout, made=made)
    changed = build(
        catalogue,
        PlanRequest(conditions=("arthritis", "torn-meniscus"), minutes=20),
        None,
        layout,
        made=made + timedelta(days=2),
    )
    assert first.days != changed.days
    before = _events(IcsRenderer().plan(first))
    after = _events(IcsRenderer().plan(changed))
    assert sorted(before) == sorted(after) and len(before) == 3
    for uid, event in after.items():
        old = before[uid]
        assert event["DTSTART"].dt == old["DTSTART"].dt  # type: ignore[index]
        assert int(event["SEQUENCE"]) > int(old["SEQUENCE"])  # type: ignore[index]
        assert event["DESCRIPTION"] != old["DESCRIPTION"]  # type: ignore[index]


def test_a_plan_made_after_2092_keeps_the_largest_sequence_a_calendar_takes(
    catalogue: Catalogue,
) -> None:
    from kneefit.render.ics import IcsRenderer

    layout = Layout(days_per_week=3, weeks=1, start=date(2100, 3, 1))
    made = datetime(2100, 2, 28, 18, 0, tzinfo=timezone.utc)
    week = build(catalogue, PlanRequest(conditions=("arthritis",)), None, layout, made=made)
    events = _events(IcsRenderer().plan(week))
    assert [int(e["SEQUENCE"]) for e in events.values()] == [2**31 - 1] * 3  # type: ignore[index]


def test_summary_minutes_are_the_events_duration_and_remind_adds_an_alarm(cli: Invoke) -> None:
    args = ["plan", "-c", "arthritis", "--days", "3", "--start", "2026-11-30", "--no-history"]
    plain = cli(*args, "-f", "ics")
    reminded = cli(*args, "-f", "ics", "--remind", "20")
    assert plain.code == 0 and reminded.code == 0, reminded.stderr
    for event in Calendar.from_ical(plain.stdout.encode()).walk("VEVENT"):
        minutes = int(event.decoded("DURATION").total_seconds() // 60)
        assert f"({minutes} min)" in str(event["SUMMARY"])
        assert event.walk("VALARM") == []
    events = Calendar.from_ical(reminded.stdout.encode()).walk("VEVENT")
    for event in events:
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == timedelta(minutes=-20)
        assert str(alarm["ACTION"]) == "DISPLAY"
    bad = cli(*args, "-f", "ics", "--remind", "-5")
    assert bad.code == 2 and "--remind" in bad.stderr and bad.stdout == ""


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"days_per_week": 8}, "no such schedule: 8 days"),
        ({"days_per_week": 0}, "no such schedule: 0 days"),
        ({"weeks": 13}, "13 weeks"),
        ({"remind": -1}, "not -1"),
        ({"remind": 10081}, "not 10081"),
    ],
)
def test_a_schedule_out_of_range_cannot_be_made(
    change: dict[str, int], words: str, catalogue: Catalogue
) -> None:
    """The planner's output is a plain dataclass; it still refuses a week it cannot be."""
    week = week_of(catalogue, PlanRequest(conditions=("arthritis",)), 3, 1)
    with pytest.raises(ValueError, match=words):
        replace(week, **change)  # type: ignore[arg-type]
    day = week.days[0]
    for bad in ({"week": 0}, {"day": 0}, {"day": 8}):
        with pytest.raises(ValueError, match="no such day of a schedule"):
            replace(day, **bad)  # type: ignore[arg-type]


def test_a_week_holds_no_more_sessions_than_any_condition_allows(catalogue: Catalogue) -> None:
    from kneefit.schedule import sessions_a_week

    overuse, arthritis = catalogue.conditions["overuse"], catalogue.conditions["arthritis"]
    assert overuse.limits is not None and overuse.limits.max_days_per_week == 4
    assert sessions_a_week([arthritis], 5) == 5
    assert sessions_a_week([arthritis, overuse], 5) == 4
    assert sessions_a_week([overuse], 2) == 2
    assert sessions_a_week([], 7) == 7
