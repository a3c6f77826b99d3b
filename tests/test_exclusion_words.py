"""Why an exercise is not for a person, and why another may replace it, in words: exact
text for each typed record, in English and in Spanish, and the records screening and the
swaps return for real exercises."""

from __future__ import annotations

import typing

import pytest

from kneefit import exclusions as x
from kneefit.catalogue import load_catalogue
from kneefit.exclusion_words import qualifies_text, sentences, why_not_text
from kneefit.i18n import speaking
from kneefit.models import Equipment, Level, PlanRequest
from kneefit.screening import exclusion_reasons
from kneefit.swap import alternatives, unsafe_reasons

CATALOGUE = load_catalogue()

#: One of each reason an exercise is not for a person or may not replace another.
WHY_NOT: list[tuple[x.WhyNot | x.Unsafe, str]] = [
    (
        x.RuledOut("Osteoarthritis", ("high-impact",), "Impact loads the joint."),
        "ruled out by Osteoarthritis (high-impact): Impact loads the joint.",
    ),
    (
        x.RuledOut("Bursitis", (), "Kneeling presses on the bursa."),
        "ruled out by Bursitis: Kneeling presses on the bursa.",
    ),
    (
        x.OnlyKinds("Knee replacement", ("bed", "seated"), "Early days."),
        "Knee replacement allows only bed or seated work for now: Early days.",
    ),
    (
        x.BendsTooFar(90, "Quadriceps tendinopathy", "Keep bends shallow."),
        "bends the knee past 90 degrees, the limit for Quadriceps tendinopathy: Keep bends "
        "shallow.",
    ),
    (
        x.AboveConditionLevel("beginner", "Osgood-Schlatter", "Growing bones."),
        "above the beginner level Osgood-Schlatter allows: Growing bones.",
    ),
    (x.AboveYourLevel("advanced"), "above your level (advanced)"),
    (x.NeedsKit(("chair", "resistance-band")), "needs chair, resistance-band"),
    (x.OnTheFloor(), "done on the floor (you asked for standing and seated work only)"),
    (x.KeptToCount(5), "left out to keep the program to 5 exercises"),
    (x.SameExercise(), "it is the same exercise"),
    (x.OtherKind("stretch", "strength", "Squat"), "it is stretch, not strength like Squat"),
    (
        x.OtherMuscles(("calves",), ("quadriceps", "glutes"), "Squat"),
        "it works the calves, not the quadriceps and glutes like Squat",
    ),
    (
        x.MoreKneeLoad("Squat", ("single-leg", "deep-knee-flexion")),
        "it loads the knee more than Squat (single-leg and deep-knee-flexion)",
    ),
    (
        x.HigherLevel("advanced", "Squat", "beginner"),
        "it is at a higher level (advanced) than Squat (beginner)",
    ),
    (x.AlreadyInPlan("Clamshell"), "Clamshell is already in the plan"),
]

QUALIFIES: list[tuple[x.Qualifies, str]] = [
    (x.WorksLike(("quadriceps",), "Squat", ()), "works the quadriceps like Squat"),
    (
        x.WorksLike(("glutes",), "Squat", ("quadriceps", "hamstrings")),
        "works the glutes like Squat (not the quadriceps and hamstrings)",
    ),
    (x.EasierVariant("Squat"), "the easier variant of Squat"),
    (x.KneeLoadWithin((), "Squat"), "no knee-load tags"),
    (
        x.KneeLoadWithin(("weight-bearing",), "Squat"),
        "knee load weight-bearing, none that Squat lacks",
    ),
    (x.AtLevel("intermediate"), "level intermediate"),
    (x.KitYouHave(()), "needs no equipment"),
    (x.KitYouHave(("chair", "towel")), "needs chair and towel, which you have"),
]


@pytest.mark.parametrize(("reason", "text"), WHY_NOT)
def test_each_reason_an_exercise_is_not_for_you_in_words(
    reason: x.WhyNot | x.Unsafe, text: str
) -> None:
    assert why_not_text(reason) == text


@pytest.mark.parametrize(("reason", "text"), QUALIFIES)
def test_each_reason_an_alternative_qualifies_in_words(reason: x.Qualifies, text: str) -> None:
    assert qualifies_text(reason) == text


def test_every_kind_of_record_is_worded() -> None:
    worded = {type(reason) for reason, _ in WHY_NOT} | {type(reason) for reason, _ in QUALIFIES}
    kinds = {*typing.get_args(x.WhyNot), *typing.get_args(x.Unsafe), *typing.get_args(x.Qualifies)}
    assert worded == kinds


def test_the_words_follow_the_language_spoken_when_rendered() -> None:
    # The records hold values, not words: the same record reads in the language of the page.
    reason = x.NeedsKit(("chair",))
    with speaking("es"):
        spanish = why_not_text(reason)
    assert why_not_text(reason) == "needs chair"
    assert spanish == "necesita silla"
    with speaking("es"):
        assert qualifies_text(x.KitYouHave(())) == "no necesita equipo"


def test_reasons_read_as_sentences() -> None:
    said = sentences([x.AboveYourLevel("advanced"), x.RuledOut("Bursitis", (), "No kneeling.")])
    assert said == "Above your level (advanced). Ruled out by Bursitis: No kneeling."


def test_screening_returns_the_records_for_a_real_exercise() -> None:
    arthritis = CATALOGUE.conditions["arthritis"]
    jogging = CATALOGUE.exercises["jogging"]
    reasons = exclusion_reasons(jogging, [arthritis], Level.BEGINNER, frozenset(), floor=True)
    first = reasons[0]
    assert isinstance(first, x.RuledOut)
    assert (first.condition, first.tags) == (arthritis.name, ("high-impact",))
    assert x.AboveYourLevel("advanced") in reasons
    sit = CATALOGUE.exercises["sit-to-stand"]
    assert exclusion_reasons(sit, [], None, frozenset()) == [x.NeedsKit(("chair",))]
    bridge = CATALOGUE.exercises["glute-bridge"]
    assert exclusion_reasons(bridge, [], None, None, floor=False) == [x.OnTheFloor()]


def test_a_swap_says_why_it_is_refused_and_why_an_alternative_qualifies() -> None:
    request = PlanRequest(conditions=(), equipment=frozenset({Equipment.CHAIR}))
    squat = CATALOGUE.exercises["sit-to-stand"]
    refused = unsafe_reasons(squat, CATALOGUE.exercises["standing-calf-stretch"], [], request)
    assert x.OtherKind("stretch", "strength", squat.name) in refused
    found = alternatives(squat, CATALOGUE, request)
    assert found and all(isinstance(a.reasons[0], x.WorksLike) for a in found)
    assert all(isinstance(a.reasons[-1], x.KitYouHave) for a in found)
