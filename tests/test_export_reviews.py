"""'kneefit log export' and 'log import' carry everything the log keeps, the weekly reviews
('kneefit review', log schema 6 on) too: a round trip loses nothing, the import's checks
apply to the reviews, and an export from before them still imports."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneefit.environment import Environment, Places
from kneefit.log.checkin import CheckIn
from kneefit.log.sqlite import open_log
from kneefit.log.walk import ReviewDone, Walk
from kneefit.models import Clearance, Dose, LoggedExercise, Session
from kneefit.usecases.logbook import export_log, import_log
from kneefit.usecases.review import load_advice
from tests.conftest import TODAY, Invoke

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=timezone.utc)
BARRIERS = tuple(b.id for b in load_advice().barriers)


def environment(folder: Path) -> Environment:
    return Environment(places=Places(folder), today=TODAY, now=NOW, wall_clock=NOW)


# ------------------------------------------------------------------ the round trip

_days = st.integers(0, 60).map(lambda n: TODAY - timedelta(days=n))
_words = st.text(alphabet="abcdefgh xyz,.'", min_size=1, max_size=12).filter(str.strip)
_knee = st.none() | st.sampled_from(["left", "right", "both"])
_dose = st.builds(Dose, sets=st.integers(1, 4), reps=st.integers(1, 15), days_per_week=st.just(3))
_exercise = st.builds(
    LoggedExercise,
    id=st.sampled_from(["squat", "wall-sit", "step-up"]),
    name=st.sampled_from(["Squat", "Wall sit", "Step-up"]),
    dose=_dose,
)
_session = st.builds(
    Session,
    date=_days,
    pain=st.integers(0, 10),
    effort=st.integers(0, 10),
    next_morning_pain=st.none() | st.integers(0, 10),
    exercises=st.lists(_exercise, max_size=2).map(tuple),
    notes=st.just("") | _words,
    red_flags=st.lists(_words, max_size=1).map(tuple),
    stage=st.integers(-2, 2),
    knee=_knee,
)
_seconds = st.integers(100, 3000).map(lambda n: n / 10)
_checkin = st.builds(
    CheckIn,
    date=_days,
    week_pain=st.none() | st.integers(0, 10),
    activities=st.lists(st.tuples(_words, st.integers(0, 10)), max_size=3).map(tuple),
    chair_stands=st.none() | st.integers(0, 60),
    knee_bend=st.none() | st.integers(0, 160),
    knee_straighten=st.none() | st.integers(0, 90),
    walk_40m=st.none() | _seconds,
    stairs=st.none() | _seconds,
    tug=st.none() | _seconds,
    knee=_knee,
)
_walk = st.builds(Walk, date=_days, minutes=st.integers(1, 240))
_clearance = st.builds(Clearance, date=_days, text=_words)
_review = st.builds(
    lambda day, back, barrier: ReviewDone(day, day - timedelta(days=back), barrier),
    _days,
    st.integers(0, 6),
    st.none() | st.sampled_from(BARRIERS),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    # What the log keeps as one: sessions the same in every way are one session to an
    # import, and a day has one check-in and one review.
    sessions=st.lists(_session, max_size=6, unique_by=lambda s: s.same_as()),
    checkins=st.lists(_checkin, max_size=4, unique_by=lambda c: c.date),
    walks=st.lists(_walk, max_size=4),
    clearances=st.lists(_clearance, max_size=3, unique_by=lambda c: (c.date, c.text)),
    reviews=st.lists(_review, max_size=4, unique_by=lambda r: r.date),
)
def test_an_export_imported_into_an_empty_log_exports_the_same(
    sessions: list[Session],
    checkins: list[CheckIn],
    walks: list[Walk],
    clearances: list[Clearance],
    reviews: list[ReviewDone],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder, "first"), Path(folder, "second")
        log = open_log(first)
        assert log is not None
        for session in sessions:
            log.add(session, NOW)
        for checkin in checkins:
            log.add_checkin(checkin, NOW)
        for walk in walks:
            log.add_walk(walk, NOW)
        for clearance in clearances:
            log.add_clearance(clearance, NOW)
        for review in reviews:
            log.add_review(review, NOW)
        log.close()
        exported = export_log(Places(first))
        file = Path(folder, "export.json")
        file.write_text(exported, encoding="utf-8")

        done = import_log(file, environment(second))
        assert (done.added, done.checkins_added, done.walks_added) == (
            len(sessions),
            len(checkins),
            len(walks),
        )
        assert (done.clearances_added, done.reviews_added) == (len(clearances), len(reviews))
        assert export_log(Places(second)) == exported
        other = open_log(second)
        assert other is not None
        assert other.reviews() == sorted(reviews, key=lambda r: r.date)
        assert other.checkins() == sorted(checkins, key=lambda c: c.date)
        other.close()
        # Imported again: nothing new, nothing changed.
        again = import_log(file, environment(second))
        assert (again.added, again.checkins_added, again.walks_added) == (0, 0, 0)
        assert (again.clearances_added, again.reviews_added) == (0, 0)
        assert export_log(Places(second)) == exported


# ------------------------------------------------------------------ through the CLI


@pytest.fixture
def home_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "kneefit-home"
    monkeypatch.setenv("KNEEFIT_HOME", str(folder))
    return folder


@pytest.mark.usefixtures("pinned_today")
def test_reviews_travel_in_the_export_and_are_counted_on_import(
    cli: Invoke, home_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("log", "--pain", "2", "--effort", "4", "--date", "2026-11-16").code == 0
    assert cli("review", "--barrier", "no time").code == 0
    exported = cli("log", "export")
    assert exported.code == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert data["reviews"] == [
        {"date": "2026-11-18", "week_start": "2026-11-12", "barrier": "no-time"}
    ]
    file = tmp_path / "export.json"
    file.write_text(exported.stdout, encoding="utf-8")
    monkeypatch.setenv("KNEEFIT_HOME", str(tmp_path / "other"))
    done = cli("log", "import", str(file))
    assert done.code == 0 and done.stderr == ""
    assert done.stdout == (
        f"Imported 1 sessions from {file} (0 were already logged).\n"
        "Imported 1 weekly reviews (0 on days already reviewed, kept as they were).\n"
    )
    assert json.loads(cli("log", "export").stdout) == data
    again = cli("log", "import", str(file))
    assert again.stdout.endswith(
        "Imported 0 weekly reviews (1 on days already reviewed, kept as they were).\n"
    )


@pytest.mark.usefixtures("pinned_today")
def test_an_export_from_before_reviews_still_imports(
    cli: Invoke, home_dir: Path, tmp_path: Path
) -> None:
    file = tmp_path / "old.json"
    old = {
        "kneefit_log": 1,
        "sessions": [{"date": "2026-11-10", "pain": 2, "effort": 4}],
        "checkins": [{"date": "2026-11-10", "week_pain": 3, "activities": [], "chair_stands": 9}],
    }
    file.write_text(json.dumps(old), encoding="utf-8")
    done = cli("log", "import", str(file))
    assert done.code == 0, done.stderr
    assert "review" not in done.stdout
    assert "reviews" not in json.loads(cli("log", "export").stdout)


@pytest.mark.usefixtures("pinned_today")
@pytest.mark.parametrize(
    ("review", "where", "says"),
    [
        ({"date": "2026-11-19", "week_start": "2026-11-13"}, "reviews[0].date", "future"),
        ({"date": "2026-11-10", "week_start": "2026-11-11"}, "reviews[0]", "week_start after"),
        (
            {"date": "2026-11-10", "week_start": "2026-11-04", "barrier": "lazy"},
            "reviews[0].barrier",
            "no reason kneefit's review knows",
        ),
        (
            {"date": "2026-11-10", "week_start": "2026-11-04", "barrier": "NO TIME; DROP"},
            "reviews[0].barrier",
            "",
        ),
        ({"date": "2026-11-10", "week_start": "2026-11-04", "mood": "ok"}, "reviews[0]", ""),
        ({"date": "2026-11-10"}, "reviews[0].week_start", ""),
        ({"date": "10/11/2026", "week_start": "2026-11-04"}, "reviews[0].date", ""),
    ],
)
def test_a_bad_review_refuses_the_whole_import(
    cli: Invoke, home_dir: Path, tmp_path: Path, review: dict[str, str], where: str, says: str
) -> None:
    file = tmp_path / "bad.json"
    sessions = [{"date": "2026-11-10", "pain": 2, "effort": 4}]
    file.write_text(json.dumps({"kneefit_log": 1, "sessions": sessions, "reviews": [review]}))
    done = cli("log", "import", str(file))
    assert done.code == 1 and done.stdout == ""
    assert where in done.stderr and says in done.stderr
    assert cli("history", "-f", "json").stdout.count('"date"') == 0  # nothing was added


@pytest.mark.usefixtures("pinned_today")
def test_two_reviews_of_one_day_are_refused(cli: Invoke, home_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "twice.json"
    twice = [{"date": "2026-11-10", "week_start": "2026-11-04"}] * 2
    file.write_text(json.dumps({"kneefit_log": 1, "sessions": [], "reviews": twice}))
    done = cli("log", "import", str(file))
    assert done.code == 1 and done.stdout == ""
    assert "reviews[1].date: is 2026-11-10, the day of reviews[0] too" in done.stderr


def test_an_imported_review_counts_for_the_next_one_due(tmp_path: Path) -> None:
    """The plan's 'a review is due' reads imported reviews as its own."""
    from kneefit.usecases.review import due_notice

    source = open_log(tmp_path / "a")
    assert source is not None
    source.add(Session(date=TODAY - timedelta(days=20), pain=1, effort=3), NOW)
    source.add_review(ReviewDone(TODAY - timedelta(days=2), TODAY - timedelta(days=8)), NOW)
    source.close()
    file = tmp_path / "export.json"
    file.write_text(export_log(Places(tmp_path / "a")), encoding="utf-8")
    target = tmp_path / "b"
    empty = open_log(target)
    assert empty is not None
    empty.add(Session(date=TODAY - timedelta(days=20), pain=1, effort=3), NOW)
    empty.close()
    assert due_notice(Places(target), TODAY) is not None
    import_log(file, environment(target))
    assert due_notice(Places(target), TODAY) is None
