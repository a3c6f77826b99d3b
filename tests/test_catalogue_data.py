"""The bundled catalogue's clinical content: conditions, steering, red flags, balance, doses.

These tests pin what issue 14 asked of the catalogue, so a later edit that drops a red flag,
a surgery protocol note or a padding cue fails loudly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from kneefit.catalogue import Catalogue, load_catalogue
from kneefit.errors import ProblemError
from kneefit.models import (
    Category,
    Condition,
    Dose,
    DoseKind,
    Equipment,
    KneeLoad,
    Level,
    Limits,
    PlanRequest,
    Preference,
    RedFlag,
    Restriction,
    SectionKind,
    Source,
    Trait,
    Urgency,
)
from kneefit.screening import exclusion_reasons
from tests.conftest import plan_routine

# ------------------------------------------------------------------ size and names


def test_catalogue_has_grown(catalogue: Catalogue) -> None:
    assert len(catalogue.exercises) >= 90
    balance = [e for e in catalogue.exercises.values() if e.category is Category.BALANCE]
    assert len(balance) >= 8
    assert len(catalogue.conditions) >= 16


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("acl", "acl-injury"),
        ("ACL tear", "acl-injury"),
        ("pcl", "pcl-injury"),
        ("mcl", "collateral-ligament-sprain"),
        ("LCL sprain", "collateral-ligament-sprain"),
        ("sprained ligament", "sprained-ligament"),
        ("knee replacement", "knee-replacement"),
        ("total knee replacement", "knee-replacement"),
        ("partial knee replacement", "knee-replacement"),
        ("knee replacement cleared", "knee-replacement-cleared"),
        ("acl reconstruction", "acl-reconstruction"),
        ("acl-reconstruction-cleared", "acl-reconstruction-cleared"),
        ("meniscus surgery", "meniscus-surgery"),
        ("meniscectomy", "meniscus-surgery"),
        ("meniscus-surgery-cleared", "meniscus-surgery-cleared"),
        ("rheumatoid arthritis", "inflammatory-arthritis"),
        ("RA flare", "inflammatory-arthritis-flare"),
        ("IT band", "it-band-syndrome"),
        ("iliotibial band syndrome", "it-band-syndrome"),
        ("osgood-schlatter", "osgood-schlatter"),
        ("Osgood Schlatter", "osgood-schlatter"),
        ("pes anserine bursitis", "pes-anserine-bursitis"),
        ("prepatellar bursitis", "bursitis"),
    ],
)
def test_everyday_condition_names_resolve(catalogue: Catalogue, typed: str, expected: str) -> None:
    assert catalogue.condition(typed).id == expected


# ------------------------------------------------------------------ sources


def test_every_rule_preference_and_limit_is_sourced(catalogue: Catalogue) -> None:
    for condition in catalogue.conditions.values():
        parts: list[Restriction | Preference | Limits] = [*condition.rules_out, *condition.prefers]
        if condition.limits is not None:
            parts.append(condition.limits)
        for part in parts:
            assert part.sources, (condition.id, part.reason)
            # A printed plan numbers the condition's sources; a rule's must be among them.
            assert set(part.sources) <= set(condition.sources), (condition.id, part.reason)


def test_the_source_article_is_a_source_and_cited_where_it_is_the_origin(
    catalogue: Catalogue,
) -> None:
    article = catalogue.sources["knee-article"]
    assert article.url is None and article.note and "knee-exercise-article.txt" in article.note
    # Cited for an exercise only where its text describes the exercise, and never alone:
    # it has no address a clinician could check.
    for exercise in catalogue.exercises.values():
        cited = {c.id: c for c in exercise.sources}
        if "knee-article" in cited:
            assert cited["knee-article"].describes_exercise, exercise.id
            assert any(catalogue.sources[s].url for s in cited), exercise.id


def test_weak_citations_are_replaced(catalogue: Catalogue) -> None:
    for ident in ("bird-dog", "dead-bug"):
        assert "glad-2017" not in catalogue.exercises[ident].source_ids, ident
    assert not {"oarsi-2019", "nice-ng226"} & set(catalogue.exercises["jogging"].source_ids)


def test_balance_exercises_are_done_standing(catalogue: Catalogue) -> None:
    # What each balance exercise's sources show is checked citation by citation in
    # test_catalogue_review.
    for ex in catalogue.exercises.values():
        if ex.category is Category.BALANCE:
            assert KneeLoad.WEIGHT_BEARING in ex.knee_load, ex.id
            assert Trait.STANDING in ex.traits, ex.id


# ------------------------------------------------------------------ traits, tags and cues


def test_every_exercise_carries_traits_and_no_exercise_needs_a_mat(catalogue: Catalogue) -> None:
    for ex in catalogue.exercises.values():
        assert ex.traits, ex.id
        assert Equipment.MAT not in ex.equipment, ex.id
        if Trait.PRONE in ex.traits:
            assert Trait.FLOOR in ex.traits, ex.id
        assert not (Trait.OPEN_CHAIN in ex.traits and Trait.CLOSED_CHAIN in ex.traits), ex.id


def _mentions_padding(texts: tuple[str, ...]) -> bool:
    return any(word in t.lower() for t in texts for word in ("towel", "pad", "cushion"))


def test_prone_and_kneeling_exercises_say_how_to_pad_the_knee(catalogue: Catalogue) -> None:
    for ex in catalogue.exercises.values():
        if Trait.PRONE in ex.traits or KneeLoad.KNEELING in ex.knee_load:
            assert _mentions_padding(ex.steps + ex.cues), ex.id


def test_twisting_and_knee_bend_fixes(catalogue: Catalogue) -> None:
    for ident in ("figure-four-stretch", "seated-figure-four", "tai-chi"):
        assert KneeLoad.TWISTING in catalogue.exercises[ident].knee_load, ident
    for ident in ("standing-hamstring-curl", "hamstring-curl-ankle-weight"):
        steps = " ".join(catalogue.exercises[ident].steps).lower()
        assert "towards your buttock" not in steps, ident
        assert "90 degrees" in steps, ident


def test_isometric_and_range_of_motion_work_exists_for_early_phases(catalogue: Catalogue) -> None:
    for trait in (Trait.ISOMETRIC, Trait.RANGE_OF_MOTION):
        found = [
            e
            for e in catalogue.exercises.values()
            if trait in e.traits
            and e.level is Level.BEGINNER
            and set(e.equipment) <= {Equipment.CHAIR, Equipment.TOWEL}
        ]
        assert len(found) >= 3, trait


# ------------------------------------------------------------------ doses


def test_dose_fixes(catalogue: Catalogue) -> None:
    boat = catalogue.exercises["boat-pose"].dose
    assert (boat.sets, boat.reps, boat.hold_seconds) == (1, 5, 15)
    slides = catalogue.exercises["heel-slide"].dose
    assert slides.kind is DoseKind.REPS and 8 <= (slides.reps or 0) <= 12


def test_foam_rolling_rolls_and_balls_hold_still(catalogue: Catalogue) -> None:
    for ex in catalogue.exercises.values():
        if ex.category is not Category.FOAM_ROLLING:
            continue
        steps = " ".join(ex.steps).lower()
        if Equipment.FOAM_ROLLER in ex.equipment:
            assert ex.dose.kind is DoseKind.ROLL, ex.id
            assert ex.dose.describe().startswith("roll each area for "), ex.id
            assert "roll" in steps, ex.id
        else:
            assert ex.dose.kind is DoseKind.HOLD, ex.id
            assert "hold still" in steps, ex.id


def test_a_roll_dose_is_its_own_kind() -> None:
    dose = Dose(roll_seconds=60, per_side=True, days_per_week=5)
    assert dose.kind is DoseKind.ROLL
    assert dose.describe() == "roll each area for 60 s, each side"
    for other in ({"hold_seconds": 30}, {"reps": 10}, {"minutes": 5}):
        with pytest.raises(ValidationError):
            Dose.model_validate({"roll_seconds": 60, "days_per_week": 5, **other})
    with pytest.raises(ValidationError):
        Dose.model_validate({"roll_seconds": 0, "days_per_week": 5})


# ------------------------------------------------------------------ conditions that steer

EARLY = ("knee-replacement", "acl-reconstruction", "meniscus-surgery")


@pytest.mark.parametrize("ident", EARLY)
def test_surgery_comes_in_an_early_and_a_cleared_variant(catalogue: Catalogue, ident: str) -> None:
    early = catalogue.conditions[ident]
    cleared = catalogue.conditions[f"{ident}-cleared"]
    for condition in (early, cleared):
        assert condition.first_note is not None and "protocol comes before kneefit" in (
            condition.first_note
        )
        assert condition.see_clinician_first
    assert f"{ident}-cleared" in (early.first_note or "")
    assert early.limits is not None
    assert set(early.limits.only_traits) <= {Trait.RANGE_OF_MOTION, Trait.ISOMETRIC, Trait.BED}
    assert early.limits.only_traits and early.limits.max_level is Level.BEGINNER
    # The early phase offers something: exercises that carry the allowed traits.
    offered = [
        e
        for e in catalogue.exercises.values()
        if set(e.traits) & set(early.limits.only_traits)
        and not exclusion_reasons(e, [early], Level.BEGINNER, frozenset())
    ]
    assert len(offered) >= 4, ident


def test_steering_named_in_the_brief(catalogue: Catalogue) -> None:
    conditions = catalogue.conditions
    tendon = conditions["patellar-tendinopathy"]
    assert any(Trait.ISOMETRIC in p.traits for p in tendon.prefers)
    swollen = conditions["inflammation"].limits
    assert swollen is not None and swollen.max_level is Level.BEGINNER
    assert set(swollen.only_traits) == {Trait.ISOMETRIC, Trait.RANGE_OF_MOTION, Trait.BED}
    overuse = conditions["overuse"].limits
    assert overuse is not None and overuse.volume <= 0.8 and overuse.max_days_per_week
    injury = conditions["injury"]
    assert injury.see_clinician_first and injury.limits is not None
    assert set(injury.limits.only_traits) == {Trait.ISOMETRIC, Trait.RANGE_OF_MOTION, Trait.BED}
    flare = conditions["inflammatory-arthritis-flare"].limits
    assert flare is not None and flare.only_traits and flare.volume < 1.0
    for ident in ("torn-meniscus", "meniscus-surgery", "meniscus-surgery-cleared"):
        limits = conditions[ident].limits
        assert limits is not None and limits.max_knee_flexion == 90, ident


def test_acl_early_phase_rules_out_open_chain_knee_extension(catalogue: Catalogue) -> None:
    extension = catalogue.exercises["seated-knee-extension"]
    assert Trait.OPEN_CHAIN in extension.traits
    early = catalogue.conditions["acl-reconstruction"]
    assert exclusion_reasons(extension, [early], None, None)


@pytest.mark.parametrize("ident", ["acl-injury", "acl-reconstruction-cleared"])
def test_acl_allows_knee_extension_in_a_limited_range(catalogue: Catalogue, ident: str) -> None:
    # Janssen, van Melick et al. 2018: open-chain work from 4 weeks in 90-45 degrees.
    condition = catalogue.conditions[ident]
    extension = catalogue.exercises["seated-knee-extension"]
    assert not any(r.matched(extension) is not None for r in condition.rules_out), ident
    assert any("90" in n and "45" in n for n in condition.notes), ident


def test_pcl_holds_back_isolated_hamstring_work(catalogue: Catalogue) -> None:
    pcl = [catalogue.conditions["pcl-injury"]]
    for ident in ("standing-hamstring-curl", "hamstring-curl-ankle-weight", "hamstring-set"):
        assert exclusion_reasons(catalogue.exercises[ident], pcl, None, None), ident


def test_bursitis_keeps_the_front_of_the_knee_off_the_floor(catalogue: Catalogue) -> None:
    bursitis = [catalogue.conditions["bursitis"]]
    for ex in catalogue.exercises.values():
        if KneeLoad.KNEELING in ex.knee_load or ex.id in ("superman", "prone-leg-raise"):
            assert exclusion_reasons(ex, bursitis, None, None), ex.id
    assert "pes anserine bursitis" not in catalogue.conditions["bursitis"].aliases


@pytest.mark.parametrize("level", list(Level))
def test_every_condition_plans(catalogue: Catalogue, level: Level) -> None:
    for ident, condition in catalogue.conditions.items():
        routine = plan_routine(catalogue, PlanRequest(conditions=(ident,), level=level))
        assert routine.conditions == (condition,)
        for section in routine.sections:
            for item in section.items:
                assert not exclusion_reasons(item.exercise, [condition], level, None), ident


def test_balance_has_a_section(catalogue: Catalogue) -> None:
    assert SectionKind.BALANCE.value == "balance"
    order = [kind.value for kind in SectionKind]
    assert order == ["warm-up", "strength", "balance", "range-of-motion", "stretch", "release"]


# ------------------------------------------------------------------ red flags


def test_red_flags_cover_the_brief_and_say_what_to_do(catalogue: Catalogue) -> None:
    flags = {flag.id: flag for flag in catalogue.safety.red_flags}
    wanted = {
        "calf-pain-swelling": ("calf", Urgency.URGENT),
        "hot-swollen-knee-fever": ("fever", Urgency.URGENT),
        "cancer-weight-loss-night-pain": ("cancer", Urgency.SOON),
        "pop-rapid-swelling": ("pop", Urgency.URGENT),
        "child-limp-night-pain": ("limp", Urgency.SOON),
        "morning-stiffness-several-joints": ("morning", Urgency.SOON),
        "cannot-take-weight": ("weight", Urgency.EMERGENCY),
    }
    for ident, (word, urgency) in wanted.items():
        flag = flags[ident]
        assert word in flag.sign.lower(), ident
        assert flag.urgency is urgency, ident
        assert flag.action and flag.sources, ident
    for flag in flags.values():
        if flag.urgency is not Urgency.SOON:
            assert any(w in flag.action for w in ("same day", "now", "today")), flag.id


def test_red_flag_needs_a_source() -> None:
    with pytest.raises(ValidationError):
        RedFlag(id="x", sign="Something.", urgency=Urgency.SOON, action="See a GP.", sources=())


# ------------------------------------------------------------------ schema and loader


def test_limits_and_preferences_must_say_something() -> None:
    with pytest.raises(ValidationError):
        Limits(reason="Nothing limited.")
    with pytest.raises(ValidationError):
        Limits(volume=0.2, reason="Too little.")
    with pytest.raises(ValidationError):
        Limits(max_knee_flexion=20, reason="Too shallow.")
    with pytest.raises(ValidationError):
        Preference(reason="Nothing preferred.")
    assert Limits(volume=0.7, reason="Less.").volume == 0.7


def test_a_source_needs_a_url_or_a_note() -> None:
    with pytest.raises(ValidationError):
        Source(id="x", title="T", publisher="P", year=2020)
    assert Source(id="x", title="T", publisher="P", year=2020, note="In the library.").url is None


def _layer(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_layer_naming_unknown_exercises_or_sources_in_steering_is_refused(
    tmp_path: Path,
) -> None:
    text = """\
conditions:
  - id: my-knee
    name: My knee
    see_clinician_first: false
    prefers:
      - exercises: [no-such-exercise]
        reason: Because.
    limits:
      volume: 0.5
      reason: Because.
      sources: [no-such-source]
    sources: [aaos-knee-conditioning]
"""
    with pytest.raises(ProblemError) as info:
        load_catalogue([_layer(tmp_path, text)])
    message = str(info.value)
    assert "no exercise with id 'no-such-exercise'" in message
    assert "conditions[id=my-knee].prefers[0].exercises" in message
    assert "no source with id 'no-such-source'" in message


def test_a_layer_with_steering_loads_and_keeps_it(tmp_path: Path) -> None:
    text = """\
conditions:
  - id: my-knee
    name: My knee
    first_note: Ask your physiotherapist first.
    see_clinician_first: true
    prefers:
      - traits: [isometric]
        reason: Holds are kind to it.
    limits:
      only_traits: [isometric, range-of-motion]
      max_knee_flexion: 60
      reason: Early days.
    sources: [aaos-knee-conditioning]
"""
    condition: Condition = load_catalogue([_layer(tmp_path, text)]).conditions["my-knee"]
    assert condition.first_note == "Ask your physiotherapist first."
    assert condition.limits is not None and condition.limits.max_knee_flexion == 60
    assert condition.prefers[0].traits == (Trait.ISOMETRIC,)


#: The early phases after surgery, a recent injury and a swollen or flaring knee: gentle
#: tightening and range of motion only.
EARLY_PHASES = (
    "knee-replacement",
    "acl-reconstruction",
    "meniscus-surgery",
    "injury",
    "inflammation",
    "inflammatory-arthritis-flare",
)


@pytest.mark.parametrize("condition", EARLY_PHASES)
def test_early_phases_plan_no_hold_that_puts_weight_on_the_knee(
    catalogue: Catalogue, condition: str
) -> None:
    chosen = catalogue.conditions[condition]
    for held in ("wall-sit", "side-plank-knees"):
        assert exclusion_reasons(catalogue.exercises[held], [chosen], None, None), held
    for minutes in (20, 60):
        request = PlanRequest(conditions=(condition,), minutes=minutes)
        routine = plan_routine(catalogue, request)
        planned = {i.exercise.id for s in routine.sections for i in s.items}
        assert planned and not planned & {"wall-sit", "side-plank-knees"}
    # Once cleared, a wall sit is allowed again where the cleared phase allows it.
    cleared = catalogue.conditions.get(f"{condition}-cleared")
    if cleared is not None:
        assert not exclusion_reasons(catalogue.exercises["wall-sit"], [cleared], None, None)
