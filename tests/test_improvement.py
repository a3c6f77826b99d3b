"""A review when the check-ins show no improvement over the phase's review span."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kneefit.catalogue import load_catalogue
from kneefit.improvement import no_improvement, review_weeks
from kneefit.log.checkin import CheckIn
from kneefit.models import PlanRequest
from kneefit.render.wording import reason_text
from tests.conftest import Invoke

CATALOGUE = load_catalogue()
START = date(2026, 9, 1)


def test_a_phase_gives_its_own_span_and_the_catalogue_the_rest() -> None:
    arthritis = PlanRequest(conditions=("arthritis",))
    # GLA:D reviews at 3 months; a condition whose phase names none takes the safety
    # section's 12 weeks (most knee pain begins to settle within 6 to 12 weeks, UHMB).
    assert review_weeks(CATALOGUE, arthritis, None) == 12
    assert CATALOGUE.safety.review is not None and CATALOGUE.safety.review.weeks == 12
    bursitis = PlanRequest(conditions=("bursitis",))
    assert review_weeks(CATALOGUE, bursitis, None) == 12


def test_no_change_over_the_span_is_a_review_and_says_so() -> None:
    first = CheckIn(START, week_pain=6, activities=(("stairs", 4),), chair_stands=9)
    latest = CheckIn(START + timedelta(weeks=12), week_pain=5, activities=(("stairs", 5),))
    reason = no_improvement([first, latest], START, START + timedelta(weeks=12, days=1), 12)
    assert reason is not None
    assert (reason.since, reason.latest, reason.weeks) == (first.date, latest.date, 12)
    # Only the measures both check-ins hold are compared (no chair stand at the end).
    assert reason.measures == (
        "Knee pain over the last week (NPRS)",
        "Patient-Specific Functional Scale (PSFS)",
    )
    words = reason_text(reason, handout=True)
    assert "no important improvement over 12 weeks" in words and "review" in words
    assert "kneefit" not in words
    assert "'kneefit report'" in reason_text(reason)


@pytest.mark.parametrize(
    ("latest", "why"),
    [
        (CheckIn(START + timedelta(weeks=12), week_pain=3), "pain down 3 and by half"),
        (CheckIn(START + timedelta(weeks=12), activities=(("stairs", 7),)), "PSFS up 3"),
        (CheckIn(START + timedelta(weeks=12), chair_stands=12), "3 more stands"),
        (CheckIn(START + timedelta(weeks=11), week_pain=6), "too soon to judge"),
        (CheckIn(START + timedelta(weeks=12)), "no measure in common"),
    ],
)
def test_no_review_while_something_improved_or_nothing_can_be_judged(
    latest: CheckIn, why: str
) -> None:
    first = CheckIn(START, week_pain=6, activities=(("stairs", 4),), chair_stands=9)
    today = START + timedelta(weeks=13)
    assert no_improvement([first, latest], START, today, 12) is None, why


def test_not_before_the_person_has_been_in_the_phase_that_long() -> None:
    first = CheckIn(START - timedelta(weeks=20), week_pain=6)
    latest = CheckIn(START, week_pain=6)
    # Twenty weeks of check-ins, but the phase began on START, a week ago.
    assert no_improvement([first, latest], START, START + timedelta(weeks=1), 12) is None
    assert no_improvement([first, latest], None, START + timedelta(weeks=30), 12) is None


scores = st.integers(0, 10)


@settings(max_examples=200, deadline=None)
@given(
    before=st.tuples(scores, scores, st.integers(0, 60)),
    after=st.tuples(scores, scores, st.integers(0, 60)),
    weeks=st.integers(2, 52),
    extra_days=st.integers(0, 400),
)
def test_a_review_only_when_no_measure_improved_by_its_important_change(
    before: tuple[int, int, int], after: tuple[int, int, int], weeks: int, extra_days: int
) -> None:
    first = CheckIn(
        START, week_pain=before[0], activities=(("walk", before[1]),), chair_stands=before[2]
    )
    later = START + timedelta(days=weeks * 7 + extra_days)
    latest = CheckIn(
        later, week_pain=after[0], activities=(("walk", after[1]),), chair_stands=after[2]
    )
    reason = no_improvement([latest, first], START, later, weeks)
    pain_better = before[0] - after[0] >= 2 and before[0] - after[0] >= 0.3 * before[0]
    psfs_better = after[1] - before[1] >= 2.3
    stands_better = after[2] - before[2] >= 3
    assert (reason is None) == (pain_better or psfs_better or stands_better)
    # Never judged before the span has passed.
    assert (
        no_improvement([first, latest], START, later - timedelta(days=extra_days + 1), weeks)
        is None
    )


def test_a_plan_after_twelve_weeks_without_improvement_says_to_see_a_clinician_first(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def on(day: date, *args: str) -> str:
        monkeypatch.setenv("KNEEFIT_TODAY", day.isoformat())
        result = cli(*args)
        assert result.code == 0, result.stderr
        return result.stdout

    on(START, "checkin", "--pain", "6", "--activity", "stairs=4", "--chair-stands", "9")
    for n in range(0, 84, 3):
        day = START + timedelta(days=n)
        on(day, "log", "--pain", "3", "--effort", "5", "-x", "sit to stand")
    before = json.loads(on(START + timedelta(weeks=12), "plan", "-c", "arthritis", "-f", "json"))
    assert before["progression"]["see_clinician"] is False  # one check-in: nothing to judge
    on(START + timedelta(weeks=12), "checkin", "--pain", "6", "--activity", "stairs=5")
    after = json.loads(on(START + timedelta(weeks=12), "plan", "-c", "arthritis", "-f", "json"))
    progression = after["progression"]
    assert progression["see_clinician"] is True
    assert progression["reasons"][0].startswith("Your check-ins from 2026-09-01 to 2026-11-24")
    # The plan carries on: a review, not a stop.
    assert any(section["exercises"] for section in after["sections"])
    text = on(START + timedelta(weeks=12), "plan", "-c", "arthritis")
    first_warning = text.split("Before you start:\n", 1)[1].splitlines()[0]
    assert "Your check-ins from 2026-09-01" in first_warning
