"""The bundled catalogue's content, and the loader's handling of good and bad files."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kneefit.catalogue import Catalogue, load_catalogue
from kneefit.errors import ProblemError
from kneefit.models import Category, DoseKind
from kneefit.screening import exclusion_reasons

# ------------------------------------------------------------------ content


def test_catalogue_is_broad(catalogue: Catalogue) -> None:
    assert len(catalogue.exercises) >= 60
    for category in Category:
        count = sum(1 for e in catalogue.exercises.values() if e.category is category)
        # Range-of-motion drills are few: bending and straightening the knee.
        assert count >= (5 if category is Category.RANGE_OF_MOTION else 10), category


#: Each condition the article names, as a person might type it, and the entry it must find.
REQUIRED_CONDITIONS = {
    "arthritis": "arthritis",
    "osteoarthritis": "arthritis",
    "bursitis": "bursitis",
    "torn meniscus": "torn-meniscus",
    "sprained ligament": "sprained-ligament",
    "injury": "injury",
    "overuse": "overuse",
    "inflammation": "inflammation",
    "patellofemoral pain": "patellofemoral-pain",
    "patellar tendinopathy": "patellar-tendinopathy",
}


def test_required_conditions_exist(catalogue: Catalogue) -> None:
    # A look-up always finds something close, so each name must find its own entry.
    found = {name: catalogue.condition(name).id for name in REQUIRED_CONDITIONS}
    assert found == REQUIRED_CONDITIONS


#: Each exercise the source article names, in its words, and the entry that is that exercise.
ARTICLE_EXERCISES = {
    "assisted squats": "assisted-squat",
    "TRX squat": "suspension-squat",
    "hamstring curls": "standing-hamstring-curl",
    "side leg raises": "side-lying-leg-raise",
    "prone leg raises": "prone-leg-raise",
    "superman": "superman",
    "leg raises": "lying-leg-raise",
    "bicycles": "bicycle-crunch",
    "boat pose": "boat-pose",
    "box ups": "box-step-up",
    "pistol squats": "pistol-squat",
    "single leg calf raises": "single-leg-calf-raise",
    "quadriceps stretch": "standing-quad-stretch",
    "hamstring stretch": "supine-hamstring-stretch",
    "calf stretch": "standing-calf-stretch",
    "hip flexor stretch": "standing-hip-flexor-stretch",
    "half pigeon": "half-pigeon",
    "figure four": "figure-four-stretch",
    "foam roll the glutes": "foam-roll-glutes",
    "quad roll": "foam-roll-quads",
    "hamstring roll": "foam-roll-hamstrings",
    "back roll": "foam-roll-upper-back",
    "shoulder roll": "foam-roll-lats",
    "lacrosse ball glutes": "ball-release-glutes",
    "biking": "stationary-cycling",
    "swimming": "swimming",
    "swim aerobics": "water-aerobics",
    "walking": "walking",
    "yoga": "gentle-yoga",
}


def test_article_exercises_are_all_there(catalogue: Catalogue) -> None:
    found = {name: catalogue.exercise(name).id for name in ARTICLE_EXERCISES}
    assert found == ARTICLE_EXERCISES
    assert len(set(found.values())) == len(found)  # each a distinct entry


def test_every_exercise_can_be_followed_alone(catalogue: Catalogue) -> None:
    for ex in catalogue.exercises.values():
        assert len(ex.steps) >= 2 or ex.category is Category.CARDIO, ex.id
        assert 2 <= len(ex.cues) <= 4, ex.id
        assert ex.sources, ex.id


def test_every_strength_exercise_with_a_variant_links_both_ways_sensibly(
    catalogue: Catalogue,
) -> None:
    for ex in catalogue.exercises.values():
        if ex.harder:
            assert catalogue.exercises[ex.harder].level.rank >= ex.level.rank
        if ex.easier:
            assert catalogue.exercises[ex.easier].level.rank <= ex.level.rank
    chained = [e for e in catalogue.exercises.values() if e.category is Category.STRENGTH]
    assert sum(1 for e in chained if e.easier or e.harder) >= len(chained) * 2 // 3


def test_doses_lie_within_the_references_ranges(catalogue: Catalogue) -> None:
    """Stretch holds 15-60 s, strength 1-3 sets of 8-15, releases 30-120 s, warm-ups 5-10 min,
    unless the entry says why not in its dose's range_note."""
    for ex in catalogue.exercises.values():
        dose = ex.dose
        if dose.range_note:
            continue
        if ex.category is Category.STRETCH:
            assert dose.kind is DoseKind.HOLD and 15 <= (dose.hold_seconds or 0) <= 60, ex.id
            assert 1 <= dose.sets <= 4, ex.id
        elif ex.category is Category.STRENGTH:
            assert dose.kind is DoseKind.REPS, ex.id
            assert 1 <= dose.sets <= 3 and 8 <= (dose.reps or 0) <= 15, ex.id
            assert 30 <= dose.rest_seconds <= 120, ex.id
        elif ex.category is Category.FOAM_ROLLING:
            # Foam rolling is dosed as time rolling each area; a ball is held still.
            if "roller" in " ".join(e.value for e in ex.equipment):
                assert dose.kind is DoseKind.ROLL, ex.id
                assert 30 <= (dose.roll_seconds or 0) <= 120, ex.id
            else:
                assert dose.kind is DoseKind.HOLD and 30 <= (dose.hold_seconds or 0) <= 120, ex.id
        elif ex.category is Category.BALANCE:
            # Balance holds of 10-60 s (Otago, FIFA 11+) or 5-20 controlled reps, 1-3 sets.
            if dose.kind is DoseKind.HOLD:
                assert 10 <= (dose.hold_seconds or 0) <= 60, ex.id
            else:
                assert dose.kind is DoseKind.REPS and 5 <= (dose.reps or 0) <= 20, ex.id
            assert 1 <= dose.sets <= 3, ex.id
        elif ex.category is Category.RANGE_OF_MOTION:
            # Bending and straightening the knee: 5-20 slow reps, or holds of 10-60 s.
            if dose.kind is DoseKind.HOLD:
                assert 10 <= (dose.hold_seconds or 0) <= 60, ex.id
            else:
                assert dose.kind is DoseKind.REPS and 5 <= (dose.reps or 0) <= 20, ex.id
        else:
            assert dose.kind is DoseKind.MINUTES and 5 <= (dose.minutes or 0) <= 10, ex.id
        assert 1 <= dose.days_per_week <= 7


def test_safety_guidance_is_complete(catalogue: Catalogue) -> None:
    safety = catalogue.safety
    assert (safety.pain_rule.safe_max, safety.pain_rule.acceptable_max) == (2, 5)
    assert len(safety.red_flags) >= 5
    for flag in safety.red_flags:
        assert flag.sources and all(ref in catalogue.sources for ref in flag.sources), flag.id
    assert "couple of weeks" in safety.persistent_pain
    for condition in catalogue.conditions.values():
        assert condition.sources


# ------------------------------------------------------------------- loader


def write(tmp_path: Path, text: str | bytes, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> str:
    with pytest.raises(ProblemError) as info:
        load_catalogue([path])
    text = str(info.value)
    assert "errors.pydantic.dev" not in text
    return text


EXERCISE = """\
exercises:
  - id: towel-squeeze
    name: Towel squeeze
    category: strength
    primary_muscles: [adductors]
    level: beginner
    dose: {sets: 2, reps: 10, rest_seconds: 30, days_per_week: 3}
    steps: [Squeeze a towel between the knees.]
    sources: [aaos-knee-conditioning]
"""


def test_user_file_adds_and_replaces_by_id(tmp_path: Path) -> None:
    mine = EXERCISE + EXERCISE.split("\n", 1)[1].replace("towel-squeeze", "band-row").replace(
        "Towel squeeze", "Row my way"
    )
    cat = load_catalogue([write(tmp_path, mine)])
    assert cat.exercises["towel-squeeze"].name == "Towel squeeze"
    assert cat.exercises["band-row"].name == "Row my way"
    assert len(cat.exercises) == len(load_catalogue().exercises) + 1


def test_missing_fields_are_named(tmp_path: Path) -> None:
    text = problems(write(tmp_path, EXERCISE.replace("    level: beginner\n", "")))
    assert "mine.yaml:2:5: exercises[0].level: is required" in text


def test_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    text = problems(write(tmp_path, "exercises:\n  - id: [unclosed\n"))
    assert "mine.yaml:3:" in text and "YAML syntax error" in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "is empty"),
        ("# only a comment\n", "is empty"),
        ("- a\n- b\n", "top level must be a mapping"),
        ("exercises: []\n---\nconditions: []\n", "more than one YAML document"),
        (b"exercises: []\nname: caf\xe9\n", "not valid UTF-8"),
        (b"\xff\xfee\x00x\x00", "UTF-16"),
    ],
)
def test_unusable_files_are_explained(tmp_path: Path, content: str | bytes, expected: str) -> None:
    assert expected in problems(write(tmp_path, content))


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    cat = load_catalogue([write(tmp_path, b"\xef\xbb\xbf" + EXERCISE.encode())])
    assert "towel-squeeze" in cat.exercises


def test_duplicate_keys_name_both_lines(tmp_path: Path) -> None:
    text = problems(
        write(
            tmp_path,
            EXERCISE.replace("    level: beginner\n", "    level: beginner\n    level: advanced\n"),
        )
    )
    assert "mine.yaml:7:5: duplicate key 'level' (first at line 6)" in text


def test_unknown_field_suggests_the_right_one(tmp_path: Path) -> None:
    text = problems(write(tmp_path, EXERCISE.replace("sets: 2", "setz: 2")))
    assert "mine.yaml:7:" in text
    assert "exercises[0].dose.setz: is not a known field; did you mean 'sets'?" in text


def test_wrong_types_name_the_field_path(tmp_path: Path) -> None:
    text = problems(write(tmp_path, EXERCISE.replace("reps: 10", "reps: ten")))
    assert "exercises[0].dose.reps: must be a whole number (got 'ten')" in text


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("reps: 10", "reps: 010", "leading zero"),
        ("rest_seconds: 30", "rest_seconds: 1:30", "base-60"),
        ("days_per_week: 3}", "days_per_week: 3, per_side: yes}", "true or false"),
        ("name: Towel squeeze", "name: 12", "put it in quotes"),
    ],
)
def test_yaml_1_1_surprises_are_caught(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert expected in problems(write(tmp_path, EXERCISE.replace(old, new)))


def test_yaml_1_1_words_stay_text(tmp_path: Path) -> None:
    cat = load_catalogue([write(tmp_path, EXERCISE.replace("name: Towel squeeze", "name: no"))])
    assert cat.exercises["towel-squeeze"].name == "no"


def test_duplicate_ids_and_missing_references(tmp_path: Path) -> None:
    twice = EXERCISE + EXERCISE.split("\n", 1)[1]
    assert "duplicate id 'towel-squeeze' (first at line 2)" in problems(write(tmp_path, twice))
    missing = EXERCISE.replace("sources: [aaos-knee-conditioning]", "sources: [nowhere]")
    assert "no source with id 'nowhere'" in problems(write(tmp_path, missing))
    harder = EXERCISE.replace("level: beginner", "level: beginner\n    harder: no-such-thing")
    assert "no exercise with id 'no-such-thing'" in problems(write(tmp_path, harder))


def test_variant_loops_and_wrong_levels_are_refused(tmp_path: Path) -> None:
    loop = (
        "exercises:\n"
        "  - {id: wall-sit, name: A, category: strength, primary_muscles: [quadriceps],"
        " level: beginner, dose: {reps: 10, days_per_week: 3}, steps: [Do it.],"
        " sources: [aaos-knee-conditioning], harder: assisted-squat}\n"
        "  - {id: assisted-squat, name: B, category: strength, primary_muscles: [quadriceps],"
        " level: beginner, dose: {reps: 10, days_per_week: 3}, steps: [Do it.],"
        " sources: [aaos-knee-conditioning], harder: wall-sit}\n"
    )
    assert "variants loop" in problems(write(tmp_path, loop))
    lower = EXERCISE.replace("level: beginner", "level: advanced\n    harder: quad-set")
    assert "harder variant 'quad-set' is at a lower level" in problems(write(tmp_path, lower))


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    hostile = f"exercises: !!python/object/apply:os.system ['touch {marker}']\n"
    text = problems(write(tmp_path, hostile))
    assert "mine.yaml:1:12: the tag !!python/object/apply:os.system is not allowed" in text
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        ref = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([ref] * 10)}]")
    lines.append("exercises: *a9")
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert path.stat().st_size < 1000
    start = time.perf_counter()
    text = problems(path)
    assert time.perf_counter() - start < 1.0
    assert "alias bomb" in text


def test_oversized_directory_and_fifo_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kneefit.catalogue.reading as module

    load_catalogue()  # the bundled file is read before the limit is lowered
    monkeypatch.setattr(module, "MAX_CATALOGUE_BYTES", 100)
    assert "over the limit" in problems(write(tmp_path, "x" * 200))
    assert "is a directory" in problems(tmp_path)
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert "not a regular file" in problems(fifo)
    assert "no such file" in problems(tmp_path / "missing.yaml")


def test_control_characters_are_refused_with_their_place(tmp_path: Path) -> None:
    text = problems(
        write(tmp_path, EXERCISE.replace("name: Towel squeeze", 'name: "Towel \\e[31m"'))
    )
    assert "exercises[0].name: contains the control character U+001B" in text
    assert "mine.yaml:3:" in text


def test_error_lists_are_capped(tmp_path: Path) -> None:
    many = "exercises:\n" + "".join(f"  - {{id: e{i}, name: x}}\n" for i in range(40))
    text = problems(write(tmp_path, many))
    lines = text.splitlines()
    assert len(lines) == 22
    assert lines[20].startswith("... and ") and lines[20].endswith(" more")
    assert "stopped checking after 20 problems" in lines[21]


def test_problems_past_the_cap_within_one_entry_are_counted(tmp_path: Path) -> None:
    fields = "".join(f"    field{i}: 1\n" for i in range(30))
    text = problems(write(tmp_path, "exercises:\n  - id: one\n" + fields))
    assert "... and " in text
    listed = [line for line in text.splitlines() if "field" in line]
    more = int(text.split("... and ")[1].split()[0])
    assert len(listed) + more >= 30  # every unknown field, listed or counted


def test_files_of_too_many_values_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kneefit.yamlread as yamlread

    monkeypatch.setattr(yamlread, "MAX_NODES", 1_000)
    text = problems(write(tmp_path, "exercises:\n" + "- !!str x\n" * 1_000))
    assert "holds more than 1,000 YAML values" in text


def test_huge_mappings_and_inner_lists_are_refused_before_validation(tmp_path: Path) -> None:
    keys = "".join(f"  k{i}: 1\n" for i in range(201))
    assert "mine.yaml:2:3: a mapping may have at most 200 keys" in problems(
        write(tmp_path, "exercises:\n- id: a\n" + keys)
    )
    steps = "  - Step.\n" * 1_001
    assert "a list inside an entry may hold at most 1,000 items" in problems(
        write(tmp_path, "exercises:\n- id: a\n  steps:\n" + steps)
    )


def test_control_character_rule_is_exactly_unicode_cc_and_bidi_controls() -> None:
    import unicodedata

    from kneefit.models.fields import _CONTROL

    bidi = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    for code in range(0x110000):
        char = chr(code)
        expected = (unicodedata.category(char) == "Cc" and char not in "\n\t") or char in bidi
        assert bool(_CONTROL.fullmatch(char)) is expected, hex(code)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_loads_or_fails_cleanly(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            load_catalogue([path])
        except ProblemError as exc:
            assert str(exc)


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))


@settings(max_examples=200, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "exercises": st.lists(
                st.dictionaries(
                    st.sampled_from(["id", "name", "category", "level", "dose", "steps", "setz"]),
                    _scalars,
                ),
                max_size=3,
            ),
            "conditions": st.lists(st.dictionaries(st.text(max_size=8), _scalars), max_size=2),
        },
    )
)
def test_plausible_but_wrong_catalogues_fail_cleanly(data: dict[str, object]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        try:
            load_catalogue([path])
        except ProblemError as exc:
            assert str(exc)


# ------------------------------------------------------------------ limits, via the loader


def test_huge_numbers_deep_nesting_and_utf32_are_clean_errors(tmp_path: Path) -> None:
    huge = problems(write(tmp_path, EXERCISE.replace("reps: 10", "reps: " + "9" * 5000)))
    assert "mine.yaml:7:27: a whole number of 5,000 digits is not allowed" in huge
    deep = problems(write(tmp_path, "exercises: " + "[" * 100 + "]" * 100 + "\n"))
    assert "is nested more than 64 levels deep" in deep
    assert "is UTF-32" in problems(write(tmp_path, EXERCISE.encode("utf-32")))
    raw = problems(write(tmp_path, EXERCISE.replace("Towel squeeze", "Towel\x07squeeze")))
    assert "mine.yaml:3:16: holds the control character U+0007" in raw


# ------------------------------------------------------------------ layering: safety kept


def layer(tmp_path: Path, kind: str, *entries: dict[str, object]) -> Path:
    return write(tmp_path, yaml.safe_dump({kind: list(entries)}, sort_keys=False))


def dumped(entry: Any) -> dict[str, Any]:
    data: dict[str, Any] = entry.model_dump(mode="json")
    return data


def test_the_bundled_catalogue_weakens_nothing_and_cites_every_source(
    catalogue: Catalogue,
) -> None:
    assert catalogue.weakened == ()
    assert catalogue.uncited_sources == ()


def test_a_layer_that_loosens_a_condition_is_named(tmp_path: Path, catalogue: Catalogue) -> None:
    arthritis = dumped(catalogue.conditions["arthritis"])
    arthritis["see_clinician_first"] = False
    arthritis["rules_out"] = [{"tags": ["high-impact"], "reason": "Only this."}]
    cat = load_catalogue([layer(tmp_path, "conditions", arthritis)])
    text = "\n".join(cat.weakened)
    assert len(cat.weakened) == 4, text
    assert (
        "condition 'arthritis' (Osteoarthritis) no longer rules out 'pistol-squat', "
        "'figure-four-stretch', 'seated-figure-four', 'half-pigeon'" in text
    )
    assert "no longer rules out the knee load 'jumping', 'sudden-change' (rules_out.tags)" in text
    assert "no longer rules out by name 'figure-four-stretch'" in text
    assert "no longer says to see a clinician first (see_clinician_first)" in text
    assert all(w.startswith(f"{tmp_path / 'mine.yaml'}:2: ") for w in cat.weakened)
    assert all("as the bundled catalogue does" in w for w in cat.weakened)
    assert cat.conditions["arthritis"].see_clinician_first is False  # warned, not refused


def test_a_layer_that_only_adds_rules_weakens_nothing(tmp_path: Path, catalogue: Catalogue) -> None:
    overuse = dumped(catalogue.conditions["overuse"])
    overuse["see_clinician_first"] = True
    overuse["rules_out"].append({"tags": ["kneeling"], "reason": "Also this."})
    cat = load_catalogue([layer(tmp_path, "conditions", overuse)])
    assert cat.weakened == ()


def unkneeled(data: dict[str, Any]) -> dict[str, Any]:
    """An exercise's data without its kneeling tag, nor words that kneel (which the
    words-against-tags check would refuse before the check under test runs)."""
    return data | {
        "knee_load": [],
        "steps": ["Hold the position the picture shows."],
        "cues": [],
        "notes": None,
    }


def test_an_exercise_that_drops_a_ruled_out_load_is_named(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    kneeling = next(e for e in catalogue.exercises.values() if "kneeling" in e.knee_load)
    changed = unkneeled(dumped(kneeling))
    # Without its drawing: a drawing that kneels would contradict the dropped tag (below).
    changed.pop("poses", None)
    cat = load_catalogue([layer(tmp_path, "exercises", changed)])
    named = [w for w in cat.weakened if f"no longer rules out {kneeling.id!r}" in w]
    # Every condition that ruled it out by its kneeling and now lets it in (another rule
    # or a limit may still keep it out).
    now = cat.exercises[kneeling.id]
    ruling = [
        c.id
        for c in catalogue.conditions.values()
        if any("kneeling" in r.tags for r in c.rules_out)
        and not exclusion_reasons(now, [c], None, None)
    ]
    assert len(named) == len(ruling) >= 1
    assert all(w.startswith(f"{tmp_path / 'mine.yaml'}:") for w in named)
    assert (
        f"exercise {kneeling.id!r} ({kneeling.name}) no longer loads the knee by 'kneeling' "
        "(knee_load), as the bundled catalogue does" in "\n".join(cat.weakened)
    )


def test_a_condition_copied_word_for_word_still_names_the_exercise_that_changed(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """A layer that repeats a condition as it is (a generated catalogue does) changes no rule:
    a warning is the redefined exercise's, and a new exercise is never 'no longer' ruled out."""
    kneeling = catalogue.exercises["half-kneeling-hip-flexor-stretch"]
    assert "kneeling" in kneeling.knee_load
    changed = unkneeled(dumped(kneeling))
    changed.pop("poses", None)
    new = unkneeled(dumped(kneeling)) | {"id": "kneeling-copy", "name": "A copy", "aliases": []}
    new.pop("poses", None)
    new["knee_load"], new["easier"], new["harder"] = [], None, None
    copied = dumped(catalogue.conditions["bursitis"])
    data = {"exercises": [changed, new], "conditions": [copied]}
    path = write(tmp_path, yaml.safe_dump(data, sort_keys=False))
    cat = load_catalogue([path])
    bursitis = [w for w in cat.weakened if "'bursitis'" in w]
    assert len(bursitis) == 1, cat.weakened
    (warning,) = bursitis
    assert f"no longer rules out {kneeling.id!r}, as the bundled catalogue does" in warning
    assert warning.startswith(f"{path}:2: ")  # the exercise's line, not the condition's
    assert not any("kneeling-copy" in w for w in cat.weakened)


def test_a_drawing_that_disagrees_with_its_tags_is_a_located_problem(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    kneeling = catalogue.exercises["bird-dog"]
    assert kneeling.poses is not None
    changed = unkneeled(dumped(kneeling))
    with pytest.raises(ProblemError) as raised:
        load_catalogue([layer(tmp_path, "exercises", changed)])
    (problem,) = raised.value.problems
    assert problem.file == str(tmp_path / "mine.yaml") and problem.line == 2
    assert problem.path == "exercises[id=bird-dog].poses"
    assert problem.message == (
        "the drawing disagrees: drawn all-fours, but the exercise lacks the kneeling tag"
    )


def test_each_drawing_is_measured_once_and_judged_for_every_exercise_that_has_it(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kneefit.pose_tags

    calls: list[str] = []
    real = kneefit.pose_tags.pose_problems

    def counting(*args: Any, **kwargs: Any) -> list[str]:
        calls.append("measured")
        return real(*args, **kwargs)

    monkeypatch.setattr(kneefit.pose_tags, "pose_problems", counting)
    bird = unkneeled(dumped(catalogue.exercises["bird-dog"]))
    twin = {**bird, "id": "bird-dog-twin", "name": "Bird dog twin", "aliases": []}
    tagged = {**dumped(catalogue.exercises["bird-dog"]), "id": "bird-dog-tagged"}
    tagged.update(name="Bird dog tagged", aliases=[])
    with pytest.raises(ProblemError) as raised:
        load_catalogue([layer(tmp_path, "exercises", bird, twin, tagged)])
    assert sorted(p.path for p in raised.value.problems) == [
        "exercises[id=bird-dog-twin].poses",
        "exercises[id=bird-dog].poses",
    ]
    assert len(calls) == 2  # the same drawing twice with the same tags, once with others


def test_an_exercise_without_poses_has_no_picture_and_is_valid(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    changed = dumped(catalogue.exercises["bird-dog"])
    changed.pop("poses")
    cat = load_catalogue([layer(tmp_path, "exercises", changed)])
    assert cat.exercises["bird-dog"].poses is None


def test_a_safety_block_that_drops_red_flags_or_allows_more_pain_is_named(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    safety = dumped(catalogue.safety)
    dropped = safety["red_flags"].pop(0)
    safety["pain_rule"]["acceptable_max"] = 7
    path = write(tmp_path, yaml.safe_dump({"safety": safety}))
    text = "\n".join(load_catalogue([path]).weakened)
    assert (
        "mine.yaml: the safety block drops 1 red flag(s) of the bundled catalogue: "
        f"{dropped['id']!r}" in text
    )
    assert (
        "mine.yaml: the safety block allows acceptable pain up to 7 (pain_rule.acceptable_max), "
        "where the bundled catalogue allows up to 5" in text
    )


def test_a_listed_source_nobody_cites_is_noted(tmp_path: Path) -> None:
    source = {
        "id": "my-source",
        "title": "A page",
        "publisher": "Someone",
        "year": 2024,
        "url": "https://example.org/page",
    }
    cat = load_catalogue([layer(tmp_path, "sources", source)])
    assert cat.uncited_sources == ("my-source",)
    cited = EXERCISE.replace("[aaos-knee-conditioning]", "[my-source]")
    both = write(tmp_path, cited + yaml.safe_dump({"sources": [source]}), "both.yaml")
    assert load_catalogue([both]).uncited_sources == ()


def test_validate_and_plan_print_the_warnings(
    tmp_path: Path, catalogue: Catalogue, cli: Any
) -> None:
    arthritis = dumped(catalogue.conditions["arthritis"])
    arthritis["see_clinician_first"] = False
    source = {"id": "lonely", "title": "T", "publisher": "P", "year": 2020, "url": "https://x.org"}
    path = write(
        tmp_path, yaml.safe_dump({"conditions": [arthritis], "sources": [source]}), "loose.yaml"
    )
    checked = cli("validate", str(path))
    assert checked.code == 0
    assert checked.stdout.startswith(f"{path}: ok (")
    assert f"Warning: {path}: the source 'lonely' is listed but never cited" in checked.stderr
    assert (
        f"Warning: {path}:2: condition 'arthritis' (Osteoarthritis) no longer says"
        in checked.stderr
    )
    planned = cli("plan", "-c", "arthritis", "--no-history", "--catalogue", str(path))
    assert planned.code == 0
    assert (
        f"Warning: {path}:2: condition 'arthritis' (Osteoarthritis) no longer says"
        in planned.stderr
    )


def test_validate_names_a_figure_that_floats_over_its_seat(
    tmp_path: Path, catalogue: Catalogue, cli: Any
) -> None:
    changed = dumped(catalogue.exercises["seated-knee-extension"])
    # A seat too low for the legs: the feet reach the floor first and the pelvis hovers.
    changed["poses"]["props"] = [{"kind": "chair", "x": 6, "size": 18}]
    path = layer(tmp_path, "exercises", changed)
    checked = cli("validate", str(path))
    assert checked.code == 1
    assert checked.stdout == ""
    assert checked.stderr.startswith(f"Error: {path}:2: ")
    assert (
        "exercises[id=seated-knee-extension].poses: the figure does not touch what it should: "
        "the start pose's pelvis is 8 above the seat" in checked.stderr
    )


def test_a_layer_is_not_blamed_for_a_bundled_drawing_it_keeps(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kneefit.pose_contact

    def every_figure_floats(*args: object, **kwargs: object) -> list[str]:
        return ["it floats"]

    bird = catalogue.exercises["bird-dog"]
    assert bird.poses is not None
    monkeypatch.setattr(kneefit.pose_contact, "contact_problems", every_figure_floats)
    known = {"bird-dog": kneefit.pose_contact.drawing_digest(bird.poses)}
    monkeypatch.setattr(kneefit.pose_contact, "NOT_YET_REDRAWN", known)
    changed = dumped(bird)
    changed["cues"] = ["Breathe out as you work."]
    loaded = load_catalogue([layer(tmp_path, "exercises", changed)])
    assert loaded.exercises["bird-dog"].cues == ("Breathe out as you work.",)
    # Redrawn, the drawing is the layer's: its contact problems are named.
    changed["poses"]["start"]["x"] = changed["poses"]["start"].get("x", 0) + 1
    with pytest.raises(ProblemError) as raised:
        load_catalogue([layer(tmp_path, "exercises", changed)])
    (problem,) = raised.value.problems
    assert problem.path == "exercises[id=bird-dog].poses"
    assert problem.message == "the figure does not touch what it should: it floats"
