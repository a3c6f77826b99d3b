"""Outcome measures: which changes pass their thresholds, cautiously."""

from __future__ import annotations

import pytest

from kneefit.measures import CHAIR_STAND, MEASURES, NPRS, PSFS, Change, psfs_score


@pytest.mark.parametrize(
    ("first", "latest", "important"),
    [
        (6, 3, True),  # 3 points and 50%
        (4, 2, True),  # 2 points and 50%
        (8, 6, False),  # 2 points but 25%: a high first score needs more
        (8, 5, True),  # 3 points and 37.5%
        (3, 2, False),  # 1 point
        (2, 0, True),
        (3, 5, False),  # worse
    ],
)
def test_pain_needs_two_points_and_thirty_percent(first: int, latest: int, important: bool) -> None:
    assert Change(NPRS, first, latest).important is important


@pytest.mark.parametrize(
    ("measure", "first", "latest", "important"),
    [
        (PSFS, 4.0, 6.3, True),
        (PSFS, 4.0, 6.0, False),
        (PSFS, 6.0, 3.0, False),
        (CHAIR_STAND, 9, 12, True),
        (CHAIR_STAND, 9, 11, False),
        (CHAIR_STAND, 12, 9, False),
    ],
)
def test_function_thresholds(measure: object, first: float, latest: float, important: bool) -> None:
    assert isinstance(measure, type(PSFS))
    assert Change(measure, first, latest).important is important


def test_verdicts_name_the_threshold_and_the_direction() -> None:
    assert Change(NPRS, 6, 3).verdict() == "improved by at least the MCID"
    assert Change(NPRS, 3, 6).verdict() == "worse by at least the MCID"
    assert Change(NPRS, 3, 2).verdict() == "better, less than the MCID"
    assert Change(PSFS, 5, 5).verdict() == "no change"
    assert Change(CHAIR_STAND, 9, 13).verdict() == "improved by at least the MDC"


def test_psfs_is_the_average_of_the_activities() -> None:
    assert psfs_score((3, 5)) == 4
    assert psfs_score((6, 7, 7)) == 6.67
    assert psfs_score(()) is None


def test_every_measure_is_sourced_and_none_is_licensed() -> None:
    for measure in MEASURES:
        assert measure.sources and all(s.url.startswith("https://") for s in measure.sources)
        assert measure.threshold is not None and measure.threshold > 0
        assert measure.threshold_note
    names = " ".join(m.name for m in MEASURES).lower()
    for licensed in ("oxford", "koos", "womac"):
        assert licensed not in names
