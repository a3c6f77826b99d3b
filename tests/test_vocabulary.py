"""The everyday words for categories, equipment, levels and formats, and did-you-mean."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kneefit import vocabulary
from kneefit.errors import UnknownNameError, UsageError
from kneefit.models import Category, Equipment, Level
from kneefit.vocabulary import (
    CATEGORY_WORDS,
    EQUIPMENT_WORDS,
    FORMAT_EXTENSIONS,
    HOUSEHOLD,
    Format,
)


def _spellings(word: str) -> list[str]:
    """The ways a person might type ``word``: any case, spaces or underscores for hyphens."""
    return [word, word.upper(), word.title(), word.replace("-", " "), f"  {word}  "] + (
        [word.replace("-", "_")] if "-" in word else []
    )


# ---------------------------------------------------------------------------- categories


@pytest.mark.parametrize(("word", "expected"), sorted(CATEGORY_WORDS.items()))
def test_every_category_word_in_every_spelling(word: str, expected: Category) -> None:
    for spelling in _spellings(word):
        assert vocabulary.category(spelling) is expected, spelling


@pytest.mark.parametrize("category", list(Category))
def test_every_category_is_reached_by_its_own_name(category: Category) -> None:
    assert vocabulary.category(category.value) is category


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("strengths", Category.STRENGTH),
        ("Foam-Rollers", Category.FOAM_ROLLING),
        ("warm-ups", Category.CARDIO),
        ("exercises", Category.STRENGTH),
    ],
)
def test_a_plural_finds_its_singular(word: str, expected: Category) -> None:
    assert vocabulary.category(word) is expected


def test_an_unknown_category_names_every_choice() -> None:
    with pytest.raises(UnknownNameError) as raised:
        vocabulary.category("yodel")
    assert str(raised.value) == (
        "unknown category 'yodel'.\nValid categories: cardio, strength, balance, "
        "range-of-motion, stretch, foam-rolling"
    )
    assert raised.value.suggestions == ()
    assert isinstance(raised.value, UsageError)  # exit code 2 at the CLI


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("strenght", ("strength", "stretch")),
        ("strech", ("stretch",)),
        ("cardoi", ("cardio",)),
        # Three near words all mean foam rolling: it is suggested once.
        ("foam-rol", ("foam-rolling",)),
    ],
)
def test_did_you_mean_for_a_category(typed: str, suggested: tuple[str, ...]) -> None:
    with pytest.raises(UnknownNameError) as raised:
        vocabulary.category(typed)
    assert raised.value.suggestions == suggested
    assert raised.value.value == typed
    assert "Did you mean " + " or ".join(repr(s) for s in suggested) + "?" in str(raised.value)


# ----------------------------------------------------------------------------- equipment


@pytest.mark.parametrize(("word", "expected"), sorted(EQUIPMENT_WORDS.items()))
def test_every_equipment_word_in_every_spelling(word: str, expected: Equipment) -> None:
    for spelling in _spellings(word):
        assert vocabulary.equipment([spelling]) == {expected}, spelling


def test_every_kind_of_equipment_has_its_own_name_as_a_word() -> None:
    for kit in Equipment:
        assert EQUIPMENT_WORDS[kit.value] is kit


@pytest.mark.parametrize("word", ["none", "None", "bodyweight", "nothing", "NOTHING"])
def test_none_is_bodyweight_only(word: str) -> None:
    assert vocabulary.equipment([word]) == frozenset()


def test_no_words_is_no_equipment() -> None:
    assert vocabulary.equipment([]) == frozenset()


@pytest.mark.parametrize("word", ["all", "ALL", " all "])
def test_all_is_every_kind(word: str) -> None:
    assert vocabulary.equipment([word]) == frozenset(Equipment)


@pytest.mark.parametrize("word", ["household", "Household", "home"])
def test_household_is_what_most_homes_have(word: str) -> None:
    assert vocabulary.equipment([word]) == HOUSEHOLD
    assert {Equipment.CHAIR, Equipment.STEP, Equipment.TOWEL, Equipment.MAT} == HOUSEHOLD


def test_words_may_be_repeated_comma_separated_and_mixed() -> None:
    assert vocabulary.equipment(["household,foam-roller", "TRX", "band, tennis ball"]) == (
        HOUSEHOLD
        | {
            Equipment.FOAM_ROLLER,
            Equipment.SUSPENSION_TRAINER,
            Equipment.RESISTANCE_BAND,
            Equipment.MASSAGE_BALL,
        }
    )


def test_none_beside_other_equipment_adds_nothing() -> None:
    assert vocabulary.equipment(["none", "chair"]) == {Equipment.CHAIR}
    assert vocabulary.equipment(["none,all"]) == frozenset(Equipment)


def test_a_plural_of_equipment_finds_its_singular() -> None:
    assert vocabulary.equipment(["chairs", "towels", "steps"]) == {
        Equipment.CHAIR,
        Equipment.TOWEL,
        Equipment.STEP,
    }


def test_unknown_equipment_lists_the_special_words_first() -> None:
    with pytest.raises(UnknownNameError) as raised:
        vocabulary.equipment(["chair", "kettlebell"])
    assert raised.value.kind == "equipment"
    assert raised.value.value == "kettlebell"
    assert raised.value.choices == (
        "none",
        "all",
        "household",
        *(kit.value for kit in Equipment),
    )
    assert str(raised.value).splitlines()[1] == (
        "Valid equipment: " + ", ".join(raised.value.choices)
    )


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("dumbbell", ("dumbbells",)),
        ("foam roler", ("foam-roller",)),
        ("resistence band", ("resistance-band",)),
        ("stationary bicycle", ("stationary-bike",)),
    ],
)
def test_did_you_mean_for_equipment(typed: str, suggested: tuple[str, ...]) -> None:
    with pytest.raises(UnknownNameError) as raised:
        vocabulary.equipment([typed])
    assert raised.value.suggestions == suggested


def test_a_trailing_comma_in_equipment_is_ignored() -> None:
    assert vocabulary.equipment(["chair,"]) == {Equipment.CHAIR}


# -------------------------------------------------------------------------------- levels


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        *((lv.value, lv) for lv in Level),
        ("easy", Level.BEGINNER),
        ("expert", Level.ADVANCED),
        ("Beginners", Level.BEGINNER),
        ("INTERMEDIATE", Level.INTERMEDIATE),
    ],
)
def test_levels(word: str, expected: Level) -> None:
    assert vocabulary.level(word) is expected


def test_an_unknown_level_suggests_and_lists() -> None:
    with pytest.raises(UnknownNameError) as raised:
        vocabulary.level("advance")
    assert str(raised.value) == (
        "unknown level 'advance'. Did you mean 'advanced'?\n"
        "Valid levels: beginner, intermediate, advanced"
    )


# ------------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("word", "expected"),
    [*((f.value, f) for f in Format), ("md", Format.MARKDOWN), ("TXT", Format.TEXT)],
)
def test_formats(word: str, expected: Format) -> None:
    assert vocabulary.output_format(word) is expected


def test_an_unknown_format_suggests_and_lists() -> None:
    with pytest.raises(UnknownNameError) as raised:
        vocabulary.output_format("jsno")
    assert raised.value.suggestions == ("json",)
    assert str(raised.value).endswith(
        "Valid formats: table, text, markdown, json, csv, html, pdf, ics, svg, fhir"
    )


def test_every_format_but_the_terminal_table_has_a_file_extension() -> None:
    assert set(FORMAT_EXTENSIONS.values()) == set(Format) - {Format.TABLE}
    for extension in FORMAT_EXTENSIONS:
        assert extension.startswith(".") and extension == extension.lower()


# ------------------------------------------------------------------------------ any word

_words = st.text(max_size=30)


@given(word=_words)
def test_any_word_is_a_known_name_or_a_usage_mistake_with_real_suggestions(word: str) -> None:
    tables = [
        (vocabulary.category, {c.value for c in Category}),
        (vocabulary.level, {lv.value for lv in Level}),
        (vocabulary.output_format, {f.value for f in Format}),
        (lambda w: vocabulary.equipment([w]), {e.value for e in Equipment}),
    ]
    for resolve, values in tables:
        try:
            resolve(word)
        except UnknownNameError as exc:
            assert set(exc.suggestions) <= values
            assert len(exc.suggestions) == len(set(exc.suggestions))
            assert str(exc).startswith("unknown ")
        except UsageError as exc:
            # Equipment that names nothing at all ('-e ""') is a usage mistake of its own.
            assert resolve is tables[3][0] and not word.replace(",", "").strip(), word
            assert "names no equipment" in str(exc)
