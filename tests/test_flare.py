"""The flare-up plan: the bad-day session kneefit.flare builds, and how the handout, text
and Markdown word it and the pain education beside it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from kneefit.catalogue import Catalogue, load_catalogue
from kneefit.dosing import scaled
from kneefit.errors import ProblemError
from kneefit.flare import flare_up
from kneefit.models import (
    Category,
    Dose,
    FlareExercise,
    FlarePlan,
    FlareUp,
    Level,
    PainEducation,
    PlanRequest,
)
from kneefit.render.common import flare_session_text, safety_lines
from kneefit.render.html import _flare_up, _stop_rule
from tests.conftest import plan_routine

#: What a bad day's dose never has: an effort target or added weight.
PLAIN = {"intensity": None, "load_steps": 0}

PLAN = FlarePlan(
    volume=0.5,
    what="A few bad days. Do less:",
    lighter="Fewer sets.",
    back="Then the full plan.",
    see="See your GP after 8 days.",
    sources=("knee-guide",),
)


def _arthritis(catalogue: Catalogue) -> FlareUp:
    request = PlanRequest(conditions=("arthritis",), level=Level.BEGINNER)
    flare = flare_up(catalogue, plan_routine(catalogue, request))
    assert flare is not None
    return flare


def test_a_bad_day_is_each_exercise_once_lighter_and_easier_where_allowed(
    catalogue: Catalogue,
) -> None:
    request = PlanRequest(conditions=("arthritis",), level=Level.BEGINNER)
    routine = plan_routine(catalogue, request)
    flare = flare_up(catalogue, routine)
    assert flare is not None and flare.plan == catalogue.safety.flare_up
    items = [i for s in routine.sections for i in s.items]
    assert [f.instead_of.id if f.instead_of else f.exercise.id for f in flare.exercises] == [
        i.exercise.id for i in items
    ]
    in_plan = {i.exercise.id for i in items}
    for item, bad_day in zip(items, flare.exercises, strict=True):
        assert bad_day.full == item.dose
        assert bad_day.dose.intensity is None and bad_day.dose.load_steps == 0
        if bad_day.instead_of is None:
            # Fewer sets, each as on the card; one set is made shorter instead.
            if item.dose.sets > 1:
                assert bad_day.dose.sets == max(1, round(item.dose.sets * 0.5))
                assert bad_day.dose.reps == item.dose.reps
            else:
                assert bad_day.dose == scaled(item.dose, 0.5).model_copy(update=PLAIN)
        else:
            # An easier variant the catalogue names, not already in the plan, not cardio.
            assert bad_day.exercise.id == item.exercise.easier
            assert bad_day.exercise.id not in in_plan
            assert item.exercise.category is not Category.CARDIO
            assert bad_day.dose.sets <= item.dose.sets


def test_cardio_keeps_its_own_exercise_only_shorter(catalogue: Catalogue) -> None:
    walks = [f for f in _arthritis(catalogue).exercises if f.full.minutes is not None]
    assert walks, "an osteoarthritis plan warms up with cardio"
    for walk in walks:
        assert walk.instead_of is None
        assert walk.full.minutes is not None and walk.dose.minutes is not None
        assert walk.dose.minutes == max(5, round(walk.full.minutes * 0.5))


def test_no_flare_up_plan_in_the_catalogue_means_none(catalogue: Catalogue) -> None:
    bare = replace(catalogue, safety=catalogue.safety.model_copy(update={"flare_up": None}))
    request = PlanRequest(conditions=("arthritis",), level=Level.BEGINNER)
    assert flare_up(bare, plan_routine(bare, request)) is None


def _item(
    catalogue: Catalogue, ident: str, full: Dose, dose: Dose, instead: str = ""
) -> FlareExercise:
    return FlareExercise(
        exercise=catalogue.exercises[ident],
        dose=dose,
        full=full,
        instead_of=catalogue.exercises[instead] if instead else None,
    )


def test_the_session_names_fewer_sets_together_and_the_rest_in_full(
    catalogue: Catalogue,
) -> None:
    two = Dose(sets=2, reps=10, days_per_week=3, intensity="Hard by the last reps.")
    one = Dose(sets=1, reps=10, days_per_week=3)
    hold = Dose(sets=3, hold_seconds=10, days_per_week=3)
    walk = Dose(minutes=10, days_per_week=5)
    flare = FlareUp(
        plan=PLAN,
        exercises=(
            _item(catalogue, "walking", walk, Dose(minutes=5, days_per_week=5)),
            _item(catalogue, "clamshell", two, one),
            _item(catalogue, "mini-squat", two, one, instead="sit-to-stand"),
            _item(catalogue, "calf-raise", two, one),
            _item(catalogue, "tandem-stance", hold, hold.model_copy(update={"sets": 2})),
        ),
    )
    assert flare_session_text(flare) == (
        "Walking: 5 min; Clamshell and Calf raise: 1 set each; Mini squat with support "
        "instead of Sit to stand: 1 set of 10 reps; Tandem stance (heel to toe): 2 times."
    )
    from kneefit.i18n import speaking

    with speaking("es"):
        # kneefit's own words in Spanish (the fixture's names stay as the catalogue gives).
        assert flare_session_text(flare) == (
            "Walking: 5 min; Clamshell y Calf raise: 1 serie cada uno; Mini squat with "
            "support en lugar de Sit to stand: 1 serie de 10 repeticiones; Tandem stance "
            "(heel to toe): 2 veces."
        )


def test_the_handout_prints_the_plan_its_heading_run_in(catalogue: Catalogue) -> None:
    one = Dose(sets=1, reps=10, days_per_week=3)
    flare = FlareUp(
        plan=PLAN.model_copy(update={"what": "Bad <days>."}),
        exercises=(_item(catalogue, "clamshell", one.model_copy(update={"sets": 2}), one),),
    )
    assert _flare_up(flare) == (
        "<section aria-labelledby='flare-up' class='keep flare'>"
        "<h2 id='flare-up'>On a bad day (a flare-up):</h2> "
        "<p>Bad &lt;days&gt;. Clamshell: 1 set. Then the full plan. "
        "See your GP after 8 days.</p></section>"
    )


def test_the_stop_rule_panel_says_hurt_is_not_harm_and_why_exercise_helps(
    catalogue: Catalogue,
) -> None:
    said = PainEducation(
        hurt_not_harm="No damage.", why_exercise_helps="Muscles help.", sources=("x",)
    )
    with_it = _stop_rule(catalogue.safety.model_copy(update={"education": said}))
    without = _stop_rule(catalogue.safety.model_copy(update={"education": None}))
    assert "Most knee pain improves within 6 to 12 weeks. <b>Hurt is not harm:</b> No " in (with_it)
    assert "<b>Why exercise helps:</b> Muscles help.</p>" in with_it
    assert "Hurt is not harm" not in without and "Why exercise helps" not in without


def test_text_and_markdown_carry_a_short_form(catalogue: Catalogue) -> None:
    groups = dict(safety_lines(catalogue.safety))
    plan, said = catalogue.safety.flare_up, catalogue.safety.education
    assert plan is not None and said is not None
    assert groups["On a bad day (a flare-up)"] == [plan.what, plan.lighter, plan.back, plan.see]
    assert groups["Hurt is not harm"] == [said.hurt_not_harm]
    assert groups["Why exercise helps"] == [said.why_exercise_helps]
    titles = [title for title, _ in safety_lines(catalogue.safety)]
    # What pain means sits by the pain rule; the flare-up plan after pain that lasts.
    assert titles.index("Hurt is not harm") == titles.index("Discomfort is not pain") + 1
    assert titles[-1] == "On a bad day (a flare-up)"
    bare = catalogue.safety.model_copy(update={"flare_up": None, "education": None})
    assert not {"On a bad day (a flare-up)", "Hurt is not harm"} & set(dict(safety_lines(bare)))


def test_the_bundled_plan_is_sourced_and_its_sources_are_printed(catalogue: Catalogue) -> None:
    plan, said = catalogue.safety.flare_up, catalogue.safety.education
    assert plan is not None and said is not None
    assert "parry-2023-flares" in plan.sources
    assert {"oarsi-rehab-education", "escape-pain-faq"} <= set(said.sources)
    # The 3 to 8 days are Parry 2023's; the 8 days before seeing someone its upper end.
    assert "3 to 8 days" in plan.what and "8 days" in plan.see
    request = PlanRequest(conditions=("arthritis",), level=Level.BEGINNER)
    cited = {s.id for s in plan_routine(catalogue, request).sources}
    assert {*plan.sources, *said.sources} <= cited


def _layer(catalogue: Catalogue, tmp_path: Path, **flare: object) -> Path:
    safety = catalogue.safety.model_dump(mode="json", exclude_none=True)
    safety["flare_up"].update(flare)
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump({"safety": safety}), encoding="utf-8")
    return path


def test_a_flare_up_source_that_is_not_there_is_a_problem(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    with pytest.raises(ProblemError) as info:
        load_catalogue([_layer(catalogue, tmp_path, sources=["nowhere"])])
    assert "no source with id 'nowhere'" in str(info.value)
    assert "safety.flare_up.sources" in str(info.value)


def test_a_layer_that_keeps_more_of_the_dose_on_a_bad_day_is_warned_of(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    layered = load_catalogue([_layer(catalogue, tmp_path, volume=0.9)])
    assert any(
        "the share of the dose on a bad day up to 0.9 (flare_up.volume)" in w
        for w in layered.weakened
    ), layered.weakened


def test_the_handout_of_a_plan_carries_both(tmp_path: Path) -> None:
    from kneefit.cli import main

    page = tmp_path / "plan.html"
    with pytest.raises(SystemExit) as done:
        main(["plan", "-c", "arthritis", "--start", "2026-12-02", "--no-history", "-o", str(page)])
    assert done.value.code == 0
    text = page.read_text(encoding="utf-8")
    assert "On a bad day (a flare-up):</h2>" in text
    assert "instead of Sit to stand" in text
    assert "<b>Hurt is not harm:</b>" in text
    # The flare-up plan follows the red flags on page 1 (the browser tests print it).
    assert text.index("id='flare-up'") > text.index("id='red-flags'")


@pytest.mark.parametrize("condition", ["knee-replacement", "inflammatory-arthritis-flare"])
def test_no_generic_plan_where_the_persons_own_team_comes_first(
    catalogue: Catalogue, condition: str
) -> None:
    """Early after surgery or in inflammatory arthritis, a knee that gets worse goes to
    the person's own team: no flare-up plan, in the handout or in the text."""
    plan = catalogue.safety.flare_up
    assert plan is not None and condition in plan.not_for
    routine = plan_routine(catalogue, PlanRequest(conditions=(condition,), level=Level.BEGINNER))
    assert flare_up(catalogue, routine) is None
    titles = [title for title, _ in safety_lines(catalogue.safety, routine.conditions)]
    assert "On a bad day (a flare-up)" not in titles and "Hurt is not harm" in titles


def test_not_for_names_conditions_that_exist(catalogue: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(ProblemError) as info:
        load_catalogue([_layer(catalogue, tmp_path, not_for=["no-such-condition"])])
    assert "no condition with id 'no-such-condition'" in str(info.value)
    assert "safety.flare_up.not_for" in str(info.value)


def test_a_layer_that_exempts_a_condition_is_warned_of(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    plan = catalogue.safety.flare_up
    assert plan is not None
    layered = load_catalogue([_layer(catalogue, tmp_path, not_for=[*plan.not_for, "arthritis"])])
    assert any("flare_up.not_for" in w for w in layered.weakened), layered.weakened
