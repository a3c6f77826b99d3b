"""The progress report: its figures against the log, and each format on a small fixture."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kneefit.catalogue import Catalogue
from kneefit.log.checkin import CheckIn
from kneefit.models import Session
from kneefit.progression import Decision
from kneefit.reasons import SteppingUp
from kneefit.render import Document, RenderOptions, dispatch
from kneefit.report import Report, build_report
from kneefit.vocabulary import Format

START = date(2026, 11, 16)
TODAY = date(2026, 11, 29)


def render_report(report: Report, fmt: str) -> str:
    """The report in the format named ``fmt``, through the one dispatch."""
    return dispatch(Document.REPORT, Format(fmt), RenderOptions()).report(report)


def _session(day: int, pain: int, morning: int | None = None, **extra: object) -> Session:
    return Session(
        date=START + timedelta(days=day),
        pain=pain,
        effort=5,
        next_morning_pain=morning,
        **extra,
    )


SESSIONS = [
    _session(0, 4, 3),
    _session(2, 3, 2),
    _session(4, 3, red_flags=("knee gave way",)),
    _session(7, 2, 1, stage=0),
    _session(9, 2, 1, stage=0),
    _session(11, 1, 1, stage=1),
]
CHECKINS = [
    CheckIn(START, 6, (("stairs", 3), ("walking", 5)), 9),
    CheckIn(TODAY, 3, (("stairs", 6), ("walking", 7)), 13),
]


def test_figures_on_a_small_log(catalogue: Catalogue) -> None:
    report = build_report(SESSIONS, CHECKINS, 3, START, TODAY, catalogue.safety.pain_rule)
    assert [(w.planned, w.done, w.mean_pain, w.mean_next_morning) for w in report.weeks] == [
        (3, 3, 3.33, 2.5),
        (3, 3, 1.67, 1.0),
    ]
    assert (report.planned, report.done) == (6, 6)
    (flag,) = report.red_flags
    assert (flag.date, flag.text, flag.cleared) == (date(2026, 11, 20), "knee gave way", None)
    (step,) = report.steps
    assert (step.date, step.before, step.after) == (date(2026, 11, 27), 0, 1)
    assert step.reason is None  # the log of that day (a red flag) would not have stepped up
    pain, psfs, stands = report.measures
    assert pain.change is not None and pain.change.important
    assert psfs.change is not None and (psfs.change.first, psfs.change.latest) == (4, 6.5)
    assert psfs.change.important
    assert [(a, c.important) for a, c in psfs.activities] == [("stairs", True), ("walking", False)]
    assert stands.change is not None and stands.change.delta == 4 and stands.change.important


def test_a_step_carries_the_reason_the_log_gave(catalogue: Catalogue) -> None:
    log = [_session(0, 1, 1), _session(2, 1, 1), _session(4, 2, stage=1)]
    report = build_report(log, [], 3, START, TODAY, catalogue.safety.pain_rule)
    (step,) = report.steps
    assert isinstance(step.reason, SteppingUp)


def test_a_red_flag_clears_after_fourteen_quiet_days() -> None:
    report = build_report(SESSIONS, [], 3, START, date(2026, 12, 20))
    assert report.red_flags[0].cleared == date(2026, 12, 5)
    again = [*SESSIONS, _session(16, 2, red_flags=("swollen",))]
    report = build_report(again, [], 3, START, date(2026, 12, 20))
    assert [f.cleared for f in report.red_flags] == [date(2026, 12, 17), date(2026, 12, 17)]


def test_a_clinicians_clearance_clears_the_flags_before_it() -> None:
    from types import SimpleNamespace

    seen = SimpleNamespace(date=date(2026, 11, 21), text="Dr Lee: a sprain; carry on.")
    report = build_report(SESSIONS, [], 3, START, TODAY, clearances=[seen])
    (flag,) = report.red_flags
    assert (flag.cleared, flag.cleared_by) == (date(2026, 11, 21), "Dr Lee: a sprain; carry on.")
    text = " ".join(render_report(report, "text").split())
    assert "cleared 2026-11-21 by a clinician: Dr Lee: a sprain; carry on." in text
    waiting = build_report(SESSIONS, [], 3, START, TODAY, clearances=[])
    assert waiting.red_flags[0].cleared is None
    assert "no clinician's clearance is logged" in " ".join(render_report(waiting, "text").split())


def test_a_clearance_in_the_same_second_as_the_flag_does_not_clear_it() -> None:
    """The log keeps a session's time in whole seconds: a clearance of that same second,
    even with a fraction kept, is in an unknown order, and the flag stands (as in the plan)."""
    from datetime import datetime, timezone
    from types import SimpleNamespace

    at = datetime(2026, 11, 5, 10, 0, 0, tzinfo=timezone.utc)
    flag = _session(4, 3, red_flags=("knee gave way",), recorded=at)
    day = flag.date
    tie = SimpleNamespace(date=day, text="GP", recorded=at + timedelta(microseconds=600_000))
    (stands,) = build_report([flag], [], 3, START, TODAY, clearances=[tie]).red_flags
    assert stands.cleared is None
    later = SimpleNamespace(date=day, text="GP", recorded=at + timedelta(seconds=1))
    (cleared,) = build_report([flag], [], 3, START, TODAY, clearances=[later]).red_flags
    assert cleared.cleared == day


def test_a_part_week_is_planned_pro_rata() -> None:
    report = build_report(SESSIONS, [], 3, START, START + timedelta(days=10))
    assert [(w.planned, w.done) for w in report.weeks] == [(3, 3), (1, 2)]
    report = build_report(SESSIONS[:3], [], 3, START, START + timedelta(days=7))
    assert [(w.planned, w.done) for w in report.weeks] == [(3, 3)]


def test_a_one_day_period_says_one_day() -> None:
    from kneefit.render.report_lines import period_text

    report = build_report(SESSIONS[:1], [], 1, START, START)
    assert period_text(report) == "2026-11-16 to 2026-11-16 (1 day); 1 session a week planned."
    week = build_report(SESSIONS, [], 3, START, START + timedelta(days=6))
    assert "(7 days); 3 sessions" in period_text(week)


TEXT = """\
kneefit: progress report
========================
Period: 2026-11-16 to 2026-11-29 (14 days); 3 sessions a week planned.

kneefit is not medical advice and does not replace a doctor or
physiotherapist.

Sessions done against planned
  Week  Dates                     Planned  Done  Walked  Mean pain during  Mean next morning
  1     2026-11-16 to 2026-11-22  3        3     0 min   3.3               2.5
  2     2026-11-23 to 2026-11-29  3        3     0 min   1.7               1
  6 of 6 planned sessions done (100%). Walked 0 minutes outside sessions in 2
    weeks (the aim: 150 a week).

Pain during sessions and next morning (0 to 10)
  Mean pain during sessions: 3.3/10 in week 1, 1.7/10 in week 2; next morning
    2.5/10 in week 1, 1/10 in week 2.
  2026-11-16  ####......  4   next morning 3
  2026-11-18  ###.......  3   next morning 2
  2026-11-20  ###.......  3   next morning -  RED FLAG
  2026-11-23  ##........  2   next morning 1
  2026-11-25  ##........  2   next morning 1
  2026-11-27  #.........  1   next morning 1

Red flags
  ! 2026-11-20: knee gave way; NOT CLEARED: progression is paused until at
    least 2026-12-05; see the person now

Progression
  - 2026-11-27: step up, 0 -> 1

Check-ins
  Date        Week's pain (NPRS)  PSFS average  Chair stands (30 s)
  2026-11-16  6                   4             9
  2026-11-29  3                   6.5           13
  - Knee pain over the last week (NPRS): 6/10 -> 3/10 (change -3): improved by
      at least the MCID.
  - Patient-Specific Functional Scale (PSFS): 4/10 -> 6.5/10 (change +2.5):
      improved by at least the MCID.
      stairs: 3/10 -> 6/10 (change +3): improved by at least the MDC.
      walking: 5/10 -> 7/10 (change +2): better, less than the MDC.
  - 30-second chair stand: 9 stands -> 13 stands (change +4): improved by at
      least the MDC.
"""


def test_text_on_a_small_log() -> None:
    report = build_report(SESSIONS, CHECKINS, 3, START, TODAY)
    text = render_report(report, "text")
    assert text.split("\nThe measures and their sources\n")[0] == TEXT
    assert "Farrar JT" in text and "https://doi.org/10.2519/jospt.2014.5248" in text


def test_json_csv_markdown_and_html_agree_with_the_figures() -> None:
    report = build_report(SESSIONS, CHECKINS, 3, START, TODAY)
    data = json.loads(render_report(report, "json"))
    assert [(w["planned"], w["done"]) for w in data["weeks"]] == [(3, 3), (3, 3)]
    assert data["measures"][0]["change"]["passes_threshold"] is True
    rows = list(csv.DictReader(io.StringIO(render_report(report, "csv"))))
    weeks = [r for r in rows if r["section"] == "week"]
    assert [(r["planned"], r["done"], r["date"]) for r in weeks] == [
        ("3", "3", "2026-11-16"),
        ("3", "3", "2026-11-23"),
    ]
    sessions = [r for r in rows if r["section"] == "session"]
    assert [r["pain"] for r in sessions] == ["4", "3", "3", "2", "2", "1"]
    changes = {r["measure"]: r for r in rows if r["section"] == "change"}
    assert changes["chair-stand"]["change"] == "4" and changes["psfs"]["score"] == "6.5"
    markdown = render_report(report, "markdown")
    assert "| 1 | 2026\\-11\\-16 to 2026\\-11\\-22 | 3 | 3 | 0 min | 3.3 | 2.5 |" not in markdown
    assert "| 1 | 2026-11-16 to 2026-11-22 | 3 | 3 | 0 min | 3.3 | 2.5 |" in markdown
    page = render_report(report, "html")
    assert page.count("<svg") == 2 and "<script" not in page and 'src="' not in page
    assert "knee gave way" in page


def test_log_text_is_escaped_in_html_and_defused_in_csv() -> None:
    flagged = [_session(0, 3, red_flags=("=HYPERLINK(1) <b>",))]
    report = build_report(flagged, [], 3, START, TODAY)
    page = render_report(report, "html")
    assert "HYPERLINK(1) <b>" not in page and "=HYPERLINK(1) &lt;b&gt;" in page
    assert "'=HYPERLINK(1) <b>" in render_report(report, "csv")


def test_an_empty_log_reports_without_failing() -> None:
    report = build_report([], [], 3, None, TODAY)
    for fmt in ("text", "markdown", "json", "csv", "html"):
        assert render_report(report, fmt)
    assert "0 of 0 planned sessions done." in render_report(report, "text")


days = st.integers(min_value=0, max_value=40)
sessions = st.lists(
    st.builds(
        lambda d, p, m, f: _session(d, p, m, red_flags=("x",) if f else ()),
        days,
        st.integers(0, 10),
        st.none() | st.integers(0, 10),
        st.booleans(),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(sessions, st.integers(1, 7), st.integers(0, 45), st.none() | days)
def test_report_figures_match_the_log(
    log: list[Session], per_week: int, span: int, since_day: int | None
) -> None:
    today = START + timedelta(days=span)
    since = None if since_day is None else START + timedelta(days=since_day)
    report = build_report(log, [], per_week, since, today)
    inside = [s for s in log if report.start <= s.date <= today]
    assert report.done == len(inside)
    assert report.planned <= per_week * len(report.weeks)
    for week in report.weeks:
        mine = [s for s in inside if week.start <= s.date <= week.end]
        assert week.done == len(mine)
        assert (week.end - week.start).days == 6
        if mine:
            assert week.mean_pain is not None
            assert abs(week.mean_pain - sum(s.pain for s in mine) / len(mine)) < 0.01
        full = week.end <= today
        assert week.planned == (per_week if full else week.planned)
        assert 0 <= week.planned <= per_week
    assert [p.date for p in report.pain] == sorted(s.date for s in inside)
    flags = [f for s in inside if s.red_flags for f in s.red_flags]
    assert len(report.red_flags) == len(flags)
    for flag in report.red_flags:
        later = [s.date for s in log if s.red_flags and s.date >= flag.date]
        if flag.cleared is not None:
            assert flag.cleared <= today
            # No flag in the 14 days before it was cleared.
            assert not [d for d in later if flag.cleared - timedelta(days=15) < d < flag.cleared]
    rows = list(csv.DictReader(io.StringIO(render_report(report, "csv"))))
    assert sum(int(r["done"]) for r in rows if r["section"] == "week") == len(inside)


@settings(max_examples=60, deadline=None)
@given(
    days=st.lists(st.integers(-10, 60), max_size=30),
    walks=st.lists(st.tuples(st.integers(-10, 60), st.integers(1, 90)), max_size=15),
    length=st.integers(0, 50),
    per_week=st.integers(1, 7),
)
def test_each_week_counts_the_sessions_and_walks_in_it(
    days: list[int], walks: list[tuple[int, int]], length: int, per_week: int
) -> None:
    """The weeks, read in one pass over the log, are what reading the whole log for each
    week gives: the sessions from its first day to its last, the walks up to today."""
    from kneefit.log.walk import Walk
    from kneefit.report import _weeks

    sessions = [_session(d, 2) for d in sorted(days)]
    walked = [Walk(date=START + timedelta(days=d), minutes=m) for d, m in walks]
    today = START + timedelta(days=length)
    rows = _weeks(sessions, START, today, per_week, walked)
    for row in rows:
        inside = [s for s in sessions if row.start <= s.date <= row.end]
        assert row.done == len(inside)
        last = min(row.end, today)
        assert row.walked == sum(w.minutes for w in walked if row.start <= w.date <= last)


step_logs = st.lists(
    st.builds(
        lambda d, p, m, e, s, f: Session(
            date=START + timedelta(days=d),
            pain=p,
            effort=e,
            next_morning_pain=m,
            stage=s,
            red_flags=("x",) if f else (),
        ),
        st.integers(0, 60),
        st.integers(0, 10),
        st.none() | st.integers(0, 10),
        st.integers(1, 10),
        st.integers(-1, 3),
        st.integers(0, 9).map(lambda n: n == 0),
    ),
    max_size=40,
)


@settings(max_examples=80, deadline=None)
@given(step_logs)
def test_each_steps_reason_is_the_decision_on_every_earlier_session(
    catalogue: Catalogue, log: list[Session]
) -> None:
    """The report decides each step on the sessions the decision reads (as 'plan' reads the
    log), found in one pass: the reason is the one the whole log before the step gives."""
    from kneefit.progression import decide

    rule = catalogue.safety.pain_rule
    report = build_report(log, [], 3, START, START + timedelta(days=60), rule)
    ordered = sorted(log, key=lambda s: (s.date, s.id or 0))
    expected = []
    for index in range(1, len(ordered)):
        before, session = ordered[index - 1], ordered[index]
        if session.stage != before.stage:
            decision = decide(ordered[:index], rule, session.date)
            expected.append(decision.reasons[0] if decision.stage == session.stage else None)
    assert [step.reason for step in report.steps] == expected


def test_a_long_log_of_steps_is_not_decided_on_all_of_it_each_step(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not timed: on 3,000 sessions that change step every fortnight (about 210 steps), the
    decision for each step reads a bounded number of sessions, so the report's work grows
    with the log, not with its square (before, each read every earlier session: 300,000)."""
    import kneefit.progression

    read: list[int] = []
    decide = kneefit.progression.decide

    def counting(sessions: Sequence[Session], *args: Any, **kwargs: Any) -> Decision:
        read.append(len(sessions))
        return decide(sessions, *args, **kwargs)

    monkeypatch.setattr(kneefit.progression, "decide", counting)
    first = TODAY - timedelta(days=3_000)
    log = [
        Session(
            date=first + timedelta(days=n),
            pain=2,
            effort=5,
            next_morning_pain=1,
            stage=(0, 1, 2, 1)[(n // 14) % 4],
        )
        for n in range(3_000)
    ]
    report = build_report(log, [], 3, None, TODAY, catalogue.safety.pain_rule)
    assert len(report.steps) == len(read) == 214
    # The latest two, the two weeks before, the latest seven next mornings (all one day
    # apart here, so within the two weeks): at most 15 a step.
    assert max(read) <= 15
