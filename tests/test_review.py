"""The weekly review (issue 32): the pure core, its advice file, its words, and the command."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kneefit.catalogue import load_catalogue
from kneefit.errors import ProblemError, UnknownNameError
from kneefit.log.walk import Walk
from kneefit.models import Session
from kneefit.render.review import review_data, review_markdown, review_text
from kneefit.review import (
    Advice,
    Barrier,
    Sourced,
    WalkingAim,
    parse_advice,
    review_due,
    review_week,
    week_of,
)
from kneefit.usecases.review import advice_path, load_advice
from tests.conftest import TODAY, Invoke, clean_env
from tests.test_checkin import _read_until
from tests.test_json_schemas import _check

pytestmark = pytest.mark.usefixtures("pinned_today")

MONDAY = date(2026, 11, 9)


def _session(day: date, pain: int = 3, stage: int = 0, **more: object) -> Session:
    return Session.model_validate({"date": day, "pain": pain, "effort": 5, "stage": stage} | more)


# ------------------------------------------------------------------ the advice file


def test_the_advice_file_answers_every_barrier_the_issue_lists() -> None:
    advice = load_advice()
    assert [b.label for b in advice.barriers] == [
        "no time",
        "pain",
        "forgot",
        "not seeing progress",
        "bored",
        "unsure how to do an exercise",
        "away from home",
    ]
    assert advice.walking.minutes_a_week == 150
    for barrier in advice.barriers:
        assert barrier.advice and all(piece.sources for piece in barrier.advice)


def test_a_source_the_catalogue_also_declares_is_declared_the_same() -> None:
    catalogue = load_catalogue([])
    shared = [s for s in load_advice().sources if s.id in catalogue.sources]
    assert len(shared) >= 3
    for source in shared:
        assert source == catalogue.sources[source.id], source.id


def _advice(**change: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kneefit_review": 1,
        "about": {"text": "Why.", "sources": ["a"]},
        "on_track": {"text": "Well done.", "sources": ["a"]},
        "walking": {"text": "Walk.", "sources": ["a"], "minutes_a_week": 150},
        "barriers": [
            {"id": "no-time", "label": "no time", "words": ["busy"], "advice": [
                {"text": "Split it.", "sources": ["b"]}]},
            {"id": "pain", "label": "pain", "advice": [{"text": "Ease off.", "sources": ["a"]}],
             "try": ["kneefit swap X"]},
        ],
        "sources": [
            {"id": "a", "title": "A", "publisher": "P", "url": "https://a.example/"},
            {"id": "b", "title": "B", "publisher": "Q", "year": 2020, "url": "https://b.example/"},
        ],
    }  # fmt: skip
    return data | change


def test_advice_that_cites_an_undeclared_source_is_refused_with_its_place(tmp_path: Path) -> None:
    data = _advice(on_track={"text": "Well done.", "sources": ["nowhere"]})
    with pytest.raises(ProblemError, match="nowhere"):
        parse_advice(json.dumps(data), "review.yaml")


def test_two_barriers_may_not_share_a_word() -> None:
    data = _advice()
    data["barriers"][1]["words"] = ["busy"]  # type: ignore[index]
    with pytest.raises(ProblemError, match="'busy' names both no-time and pain"):
        parse_advice(json.dumps(data), "review.yaml")


SMALL = Advice.model_validate(_advice())


@pytest.mark.parametrize("word", ["no time", "No-Time", "  busy ", "no_time"])
def test_a_barrier_is_named_by_its_id_label_or_words(word: str) -> None:
    assert SMALL.barrier(word).id == "no-time"


def test_an_unknown_barrier_lists_the_barriers_and_suggests() -> None:
    with pytest.raises(UnknownNameError) as caught:
        SMALL.barrier("pian")
    assert caught.value.suggestions == ("pain",)
    assert caught.value.choices == ("no time", "pain")


# ------------------------------------------------------------------ the week


def test_the_issue_s_week_one_of_three_sessions_and_75_of_150_minutes() -> None:
    week = week_of(MONDAY, TODAY)
    sessions = [_session(MONDAY + timedelta(days=2), knee="left")]
    walks = [Walk(MONDAY + timedelta(days=1), 45), Walk(MONDAY + timedelta(days=5), 30)]
    barrier = SMALL.barrier("no time")
    review = review_week(sessions, walks, week, 3, SMALL, barrier)
    assert (review.planned, review.done, review.walked, review.walk_goal) == (3, 1, 75, 150)
    assert not review.on_track and not review.asks_barrier
    assert review.knees == ("left",)
    # The walking aim (walking fell short), then the barrier's advice; sources in print order.
    assert [p.text for p in review.advice] == ["Walk.", "Split it."]
    assert [s.id for s in review.sources] == ["a", "b"]


def test_a_week_on_track_is_told_so_and_no_reason_is_asked() -> None:
    week = week_of(MONDAY, TODAY)
    sessions = [_session(MONDAY + timedelta(days=n)) for n in (0, 2, 4)]
    review = review_week(sessions, [Walk(MONDAY, 150)], week, 3, SMALL)
    assert review.on_track and not review.asks_barrier
    assert [p.text for p in review.advice] == ["Well done."]


def test_a_week_behind_with_no_reason_asks_for_one() -> None:
    review = review_week([], [], week_of(MONDAY, TODAY), 2, SMALL)
    assert review.asks_barrier and review.advice == (SMALL.walking,)


def test_a_week_not_over_is_planned_pro_rata() -> None:
    week = week_of(TODAY - timedelta(days=3), TODAY)  # 4 days of 7 looked at
    assert (week.days, week.complete, week.last) == (4, False, TODAY)
    review = review_week([_session(TODAY)], [Walk(TODAY, 85)], week, 3, SMALL)
    assert (review.planned, review.walk_goal) == (1, 85)
    assert review.on_track


def test_pain_is_compared_with_the_three_weeks_before_and_the_steps_counted() -> None:
    week = week_of(MONDAY, TODAY)
    sessions = [
        _session(MONDAY - timedelta(days=30), pain=9, stage=0),  # too early to compare
        _session(MONDAY - timedelta(days=10), pain=2, stage=1, next_morning_pain=1),
        _session(MONDAY - timedelta(days=3), pain=4, stage=1),
        _session(MONDAY + timedelta(days=1), pain=5, stage=2, next_morning_pain=3),
        _session(MONDAY + timedelta(days=3), pain=4, stage=3),
        _session(MONDAY + timedelta(days=9), pain=9, stage=0),  # after the week
    ]
    review = review_week(sessions, [], week, 3, SMALL)
    assert review.pain.mean == 4.5 and review.pain.next_morning == 3
    assert review.pain.earlier == 3 and review.pain.earlier_next_morning == 1
    assert review.steps == 2 and review.done == 2


@given(
    st.dates(date(2000, 1, 1), date(2100, 1, 1)),
    st.integers(0, 6),
    st.integers(1, 7),
    st.lists(st.tuples(st.integers(-3, 9), st.integers(1, 200)), max_size=12),
)
def test_only_the_week_s_walks_count_and_the_goal_is_never_more_than_a_week_s(
    start: date, into: int, per_week: int, walked: list[tuple[int, int]]
) -> None:
    today = start + timedelta(days=into)
    week = week_of(start, today)
    walks = [Walk(start + timedelta(days=d), m) for d, m in walked]
    review = review_week([], walks, week, per_week, SMALL)
    assert review.walked == sum(m for d, m in walked if 0 <= d <= into)
    assert review.walk_goal <= review.walk_aim and review.planned <= per_week
    assert review.on_track == (review.walked >= review.walk_goal and review.planned == 0)


@pytest.mark.parametrize(
    ("last", "first", "due"),
    [
        (None, None, False),
        (None, TODAY - timedelta(days=6), False),
        (None, TODAY - timedelta(days=7), True),
        (TODAY - timedelta(days=6), TODAY - timedelta(days=60), False),
        (TODAY - timedelta(days=7), TODAY - timedelta(days=60), True),
    ],
)
def test_a_review_is_due_a_week_after_the_last_or_after_logging_began(
    last: date | None, first: date | None, due: bool
) -> None:
    assert review_due(last, first, TODAY) is due


# ------------------------------------------------------------------ the words


def _small_review() -> object:
    week = week_of(MONDAY, TODAY)
    return review_week(
        [_session(MONDAY + timedelta(days=1), knee="both")],
        [Walk(MONDAY, 40)],
        week,
        2,
        SMALL,
        SMALL.barrier("pain"),
    )


def test_the_text_review_word_for_word() -> None:
    assert review_text(_small_review()) == (  # type: ignore[arg-type]
        "kneefit: weekly review\n"
        "======================\n"
        "Week: 2026-11-09 to 2026-11-15.\n"
        "Sessions for: both knees.\n"
        "\n"
        "kneefit is not medical advice and does not replace a doctor or\n"
        "physiotherapist.\n"
        "\n"
        "Sessions: 1 of 2 planned. Behind.\n"
        "Walking: 40 of 150 minutes. Behind.\n"
        "Pain during sessions: 3/10 on average (none logged in the 3 weeks before).\n"
        "Pain the next morning: none logged (none logged in the 3 weeks before).\n"
        "Progression: your plan stayed at the same step.\n"
        "\n"
        "Behind this week. What got in the way: pain.\n"
        "  - Walk. [1]\n"
        "  - Ease off. [1]\n"
        "\n"
        "With kneefit:\n"
        "  - kneefit swap X\n"
        "\n"
        "Why look back each week: Why. [1]\n"
        "\n"
        "Sources\n"
        "  [1] A. P, no date. https://a.example/\n"
    )


def test_the_markdown_review_escapes_and_links() -> None:
    text = review_markdown(_small_review())  # type: ignore[arg-type]
    assert text.startswith("# kneefit: weekly review\n\nWeek: 2026-11-09 to 2026-11-15.\n")
    assert "## Behind this week. What got in the way: pain.\n\n- Walk. \\[1\\]\n" in text
    assert text.endswith("## Sources\n\n1. A. P, no date. <https://a.example/>\n")


def test_the_json_review_is_valid_against_its_schema() -> None:
    data = {"kneefit_review": 1} | review_data(_small_review())  # type: ignore[arg-type]
    checked = _check(json.dumps(data), "review")
    assert checked["barrier"] == {"id": "pain", "label": "pain"}
    assert checked["try"] == ["kneefit swap X"]


def test_hostile_advice_text_stays_text() -> None:
    hostile = Barrier(
        id="x",
        label="x",
        advice=(Sourced(text="# [link](javascript:alert(1)) <b>", sources=("a",)),),
    )
    advice = SMALL.model_copy(update={"barriers": (*SMALL.barriers, hostile)})
    review = review_week([], [], week_of(MONDAY, TODAY), 1, advice, hostile)
    markdown = review_markdown(review)
    assert "\\[link\\]" in markdown and "<b>" not in markdown.replace("\\<b>", "")


# ------------------------------------------------------------------ the command


@pytest.fixture
def home_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "kneefit-home"
    monkeypatch.setenv("KNEEFIT_HOME", str(folder))
    return folder


def _the_issue_s_week(cli: Invoke) -> None:
    for args in (
        ("log", "--pain", "3", "--effort", "5", "--date", "2026-11-11", "--knee", "left"),
        ("log", "--walked", "45", "--date", "2026-11-10"),
        ("log", "--walked", "30", "--date", "2026-11-14"),
    ):
        done = cli(*args)
        assert done.code == 0, done.stderr


def test_the_issue_s_done_when(cli: Invoke, home_dir: Path, tmp_path: Path) -> None:
    _the_issue_s_week(cli)
    program = tmp_path / "knee.yaml"
    made = cli("program", "new", "-c", "arthritis", "--days-per-week", "3", "-o", str(program))
    assert made.code == 0, made.stderr
    done = cli(
        "review", "--week-of", "2026-11-09", "--barrier", "no time", "--program", str(program),
        "-f", "json",
    )  # fmt: skip
    assert done.code == 0, done.stderr
    data = _check(done.stdout, "review")
    assert data["sessions"] == {"planned": 3, "done": 1, "on_track": False}
    assert data["walking"]["minutes"] == 75 and data["walking"]["goal"] == 150
    assert data["barrier"]["id"] == "no-time"
    cited = {ref for piece in data["advice"] for ref in piece["sources"]}
    assert cited and cited <= {s["id"] for s in data["sources"]}
    assert all(s["url"] for s in data["sources"])


def test_a_review_is_kept_and_the_plan_says_when_the_next_is_due(
    cli: Invoke, home_dir: Path
) -> None:
    _the_issue_s_week(cli)  # first logged on 2026-11-10: eight days before today
    plan = cli("plan", "-c", "arthritis")
    assert plan.code == 0, plan.stderr
    assert "A week has passed since you started logging: 'kneefit review'" in " ".join(
        plan.stderr.split()
    )
    assert "kneefit review" not in plan.stdout
    assert cli("review").code == 0
    plan = cli("plan", "-c", "arthritis")
    assert "kneefit review" not in plan.stderr


def test_a_review_with_nothing_logged_makes_no_log(cli: Invoke, home_dir: Path) -> None:
    done = cli("review")
    assert done.code == 0 and done.stderr == ""
    assert "Sessions: 0 of 3 planned. Behind." in done.stdout
    assert "What got in the way? Name it" in done.stdout
    assert not home_dir.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--barrier", "nope"), "unknown barrier 'nope'"),
        (("--week-of", "2026-11-19"), "future"),
        (("-f", "csv"), "the csv format is not for the weekly review"),
        (("--days", "2", "--program", "x.yaml"), "give --program or --days, not both"),
        (("--walk-goal", "5"), "--walk-goal"),
    ],
)
def test_review_usage_mistakes(
    cli: Invoke, home_dir: Path, args: tuple[str, ...], message: str
) -> None:
    done = cli("review", *args)
    assert done.code == 2 and done.stdout == ""
    assert message in " ".join(done.stderr.split())


def test_the_advice_file_ships_beside_the_package_data() -> None:
    assert advice_path().name == "review.yaml"
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert '"data/review.yaml" = "kneefit/data/review.yaml"' in pyproject


def test_walking_aim_model_bounds() -> None:
    with pytest.raises(ValueError):
        WalkingAim(text="x", sources=("a",), minutes_a_week=5)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_review_asks_what_got_in_the_way_on_a_terminal(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("kneefit")
    main, child = pty.openpty()
    env = clean_env(KNEEFIT_HOME=str(tmp_path), KNEEFIT_CACHE_DIR=str(tmp_path / "c"))
    process = subprocess.Popen(
        [str(script), "review", "-f", "json"],
        stdin=child,
        stdout=subprocess.PIPE,
        stderr=child,
        env=env,
    )
    os.close(child)
    seen = bytearray()
    try:
        _read_until(main, b"Your answer [1-7, Enter to skip]: ", seen)
        os.write(main, b"2\n")
        out, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main)
    assert b"What got in the way?" in seen and b"  2. pain" in seen
    data = json.loads(out)
    assert data["barrier"] == {"id": "pain", "label": "pain"}
    assert not data["asks_barrier"]


def test_a_red_flag_in_the_week_comes_first_until_a_clinician_clears_it() -> None:
    week = week_of(MONDAY, TODAY)
    flagged = _session(MONDAY + timedelta(days=2), pain=7, red_flags=("knee locked",))
    review = review_week([flagged], [], week, 3, SMALL)
    assert review.red_flags == (flagged.date,)
    assert not review.asks_barrier and review.advice == ()
    text = review_text(review)
    assert "A red flag first.\n  ! A red flag was logged this week (2026-11-11)" in text
    assert "What got in the way?" not in text
    # A clearance the same day may have come before the flag: it does not count.
    assert review_week([flagged], [], week, 3, SMALL, cleared=[flagged.date]).red_flags
    later = review_week([flagged], [], week, 3, SMALL, cleared=[flagged.date + timedelta(1)])
    assert later.red_flags == () and later.asks_barrier
