"""The weakening check covers every rule by construction (issue 33): each field of each model
of a catalogue has a way of comparing it, and each field that is a rule, loosened in a layer
over the bundled catalogue, is warned about by name, on every command that plans."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from kneefit.catalogue import Catalogue, load_catalogue
from kneefit.catalogue import weakening as weakening_module
from kneefit.catalogue.rule_fields import FIELDS, Rule, Way, missing_fields
from kneefit.catalogue.schema import CatalogueFile
from kneefit.errors import KneefitError
from kneefit.models import Condition, Level, Limits, Safety, Trait, Urgency
from kneefit.templates import Advance, Phase
from tests.conftest import Invoke

# ---------------------------------------------------------------------- the table is complete

_LIMITS: type[BaseModel] = Limits


def test_every_field_of_every_catalogue_model_has_a_way_of_comparing() -> None:
    assert missing_fields() == []
    # Every model a catalogue file holds is in the table, down to the last nested one.
    reached: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [CatalogueFile]
    while todo:
        model = todo.pop()
        reached.add(model)
        for rule in FIELDS[model].values():
            if rule.model is not None and rule.model not in reached:
                todo.append(rule.model)
    assert reached == set(FIELDS)


def test_a_field_without_a_way_of_comparing_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a field added to a model later would be: the table is checked against the models."""
    without = {k: v for k, v in FIELDS[Limits].items() if k != "volume"}
    monkeypatch.setitem(FIELDS, _LIMITS, without)
    assert missing_fields() == ["Limits.volume: no way of comparing it"]
    monkeypatch.setitem(FIELDS, _LIMITS, {**FIELDS[Limits], "volume": Rule(Way.BY_ID)})
    assert "Limits.volume: holds []" in missing_fields()


# ---------------------------------------------------------------------- each rule, loosened

_LEVELS = [level.value for level in Level]
_URGENCIES = [Urgency.SOON.value, Urgency.URGENT.value, Urgency.EMERGENCY.value]


def _higher(value: Any) -> list[Any]:
    """Looser values of a limit (a higher one, or none)."""
    if value is None:
        return []  # no limit to loosen
    found: list[Any] = [None]
    if isinstance(value, str) and value in _LEVELS[:-1]:
        found.append(_LEVELS[_LEVELS.index(value) + 1])
    elif isinstance(value, float):
        found.append(min(1.0, value + 0.1))
    elif isinstance(value, int) and not isinstance(value, bool):
        found.append(value + 1)
    return found


def _lower(value: Any) -> list[Any]:
    """Looser values of a floor: lower ones."""
    for order in (_LEVELS, _URGENCIES):
        if value in order[1:]:
            return [order[order.index(value) - 1]]
    if isinstance(value, int) and value > 1:
        return [value - 1]
    return []


def _dropped_first(value: Any) -> list[Any]:
    return [value[1:]] if value else []


def _added_exercise(value: Any) -> list[Any]:
    # Exemptions are exercises (a rule's allows) or conditions (the flare-up plan's not_for):
    # an id of the other kind makes a layer the catalogue refuses, and the next is tried.
    ids = ("walking", "mini-squat", "arthritis")
    return [[*value, ident] for ident in ids if ident not in value]


def _added_trait(value: Any) -> list[Any]:
    return [[*value, t.value] for t in Trait if t.value not in value]


def _any_of(value: Any) -> list[Any]:
    return [*_added_trait(value), []] if value else []


def _straightened(poses: Any) -> list[Any]:
    """A drawing whose knees are straight (a shallower bend than any drawn)."""
    if poses is None:
        return []
    flat = copy.deepcopy(poses)
    for moment in ("start", "end"):
        for leg in ("right_leg", "left_leg"):
            flat[moment][leg]["knee"] = 0
    return [flat]


#: How a test loosens a value of each way: a new way needs one here, or the test below fails.
LOOSEN: dict[Way, Callable[[Any], list[Any]]] = {
    Way.NO_HIGHER: _higher,
    Way.NO_LOWER: _lower,
    Way.STAYS_TRUE: lambda value: [False] if value else [],
    Way.STAYS_GIVEN: lambda value: [None] if value is not None else [],
    Way.KEEPS_ALL: _dropped_first,
    Way.ADDS_NONE: _added_exercise,
    Way.ANY_OF: _any_of,
    Way.UNCHANGED: _added_trait,
    Way.DRAWN: _straightened,
    Way.NESTED: lambda value: [None] if value is not None else [],
    Way.OPTED_IN: lambda value: (
        [{"weeks": 1, "sessions": 2, "pain_at_most": 0}] if value is None else []
    ),
    Way.BY_ID: _dropped_first,
}


@dataclass(frozen=True)
class Loosening:
    """One field of one bundled entry, loosened: the layer to load and the words to find."""

    field: str
    layer: dict[str, Any]
    expected: str


def _set(data: Any, keys: tuple[Any, ...], value: Any) -> Any:
    changed = copy.deepcopy(data)
    place = changed
    for key in keys[:-1]:
        place = place[key]
    place[keys[-1]] = value
    return changed


def _purged(data: Any, gone: set[Any]) -> Any:
    if isinstance(data, dict):
        return {k: _purged(v, gone) for k, v in data.items()}
    if isinstance(data, list):
        return [_purged(v, gone) for v in data if not (isinstance(v, str) and v in gone)]
    return data


def _walk(
    model: type[BaseModel],
    data: dict[str, Any],
    keys: tuple[Any, ...],
    path: str,
    wrap: Callable[[Any], dict[str, Any]],
    top: Any,
) -> Iterator[Loosening]:
    """Every loosening of ``data`` (a ``model`` at ``keys`` inside the top-level entry
    ``top``); ``path`` is the field path a warning names, ``wrap`` makes the layer."""
    for name, rule in FIELDS[model].items():
        if rule.way in (Way.KEY, Way.NOT_A_RULE):
            continue
        field = f"{model.__name__}.{name}"
        here = f"{path}{name}"
        value = data[name]
        if rule.way is Way.POOLED:
            assert rule.model is not None
            for inner, inner_rule in FIELDS[rule.model].items():
                if inner_rule.way is Way.NOT_A_RULE:
                    continue
                pooled = [v for item in value for v in item[inner]]
                for looser in LOOSEN[inner_rule.way](pooled):
                    # The pooled value loosened: every rule of the condition changed alike.
                    gone = set(pooled) - set(looser)
                    items = [
                        {**item, inner: [v for v in item[inner] if v not in gone]} for item in value
                    ]
                    if inner_rule.way is Way.ADDS_NONE:
                        items = [{**item, inner: looser} for item in value]
                    yield Loosening(
                        f"{rule.model.__name__}.{inner}",
                        wrap(_set(top, (*keys, name), items)),
                        f"({here}.{inner})",
                    )
            continue
        for looser in LOOSEN[rule.way](value):
            expected = f"({here})"
            if rule.way is Way.BY_ID:
                expected = f"drops 1 {rule.label}"
            changed = _set(top, (*keys, name), looser)
            yield Loosening(field, wrap(changed), expected)
            if rule.way is Way.KEEPS_ALL:
                # What the catalogue's checks need gone too (a program's condition from
                # its phases): the value dropped from every list of the entry.
                gone = set(value) - set(looser)
                yield Loosening(field, wrap(_purged(changed, gone)), expected)
        if rule.way in (Way.NESTED, Way.OPTED_IN) and value is not None:
            assert rule.model is not None
            yield from _walk(rule.model, value, (*keys, name), f"{here}.", wrap, top)
        if rule.way is Way.BY_ID:
            assert rule.model is not None
            for index, item in enumerate(value):
                yield from _walk(rule.model, item, (*keys, name, index), "", wrap, top)


def loosenings(catalogue: Catalogue) -> Iterator[Loosening]:
    """Every field that is a rule, loosened in turn in each bundled entry that has one."""
    for kind in ("exercises", "conditions", "programs"):
        rule = FIELDS[CatalogueFile][kind]
        assert rule.model is not None
        for entry in getattr(catalogue, kind).values():
            data = entry.model_dump(mode="json", exclude_none=False)
            yield from _walk(rule.model, data, (), "", _wrapper(kind), data)
    safety = catalogue.safety.model_dump(mode="json")
    yield from _walk(Safety, safety, (), "", lambda s: {"safety": s}, safety)


def _wrapper(kind: str) -> Callable[[Any], dict[str, Any]]:
    return lambda entry: {kind: [entry]}


def _rules() -> list[str]:
    """Every field that is a rule (its way compares it), pooled ones by their own model's
    fields, a block every definition must have (the pain rule) by its own fields, and the
    catalogue's top-level lists by their entries (a layer cannot drop an entry)."""
    found = []
    for model, rules in FIELDS.items():
        if model is CatalogueFile:
            continue
        for name, rule in rules.items():
            if rule.way in (Way.KEY, Way.NOT_A_RULE, Way.POOLED):
                continue
            if rule.way is Way.NESTED and model.model_fields[name].is_required():
                continue
            found.append(f"{model.__name__}.{name}")
    return sorted(found)


def test_every_way_of_comparing_has_a_loosening_here() -> None:
    ways = {r.way for rules in FIELDS.values() for r in rules.values()}
    assert ways - {Way.KEY, Way.NOT_A_RULE, Way.POOLED} <= set(LOOSEN)


@pytest.mark.parametrize("field", _rules())
def test_each_rule_loosened_by_a_layer_is_named(
    field: str, tmp_path: Path, catalogue: Catalogue
) -> None:
    """Built from the table: for every field that is a rule, a bundled entry with it is
    loosened in a layer, and the warnings name that field. A field no bundled entry holds
    in a form that can be loosened fails here too."""
    tried = 0
    for case in loosenings(catalogue):
        if case.field != field:
            continue
        path = tmp_path / f"case{tried}.yaml"
        path.write_text(yaml.safe_dump(case.layer, sort_keys=False), encoding="utf-8")
        tried += 1
        try:
            loaded = load_catalogue([path])
        except (KneefitError, ValidationError):
            continue  # this loosening breaks another check of the catalogue: try the next
        text = "\n".join(loaded.weakened)
        assert case.expected in text, (field, case.layer, text)
        assert all(w.startswith(str(path)) for w in loaded.weakened), text
        return
    pytest.fail(f"no bundled entry's {field} could be loosened ({tried} tried)")


# ---------------------------------------------------------------------- the issue's loosenings


def _layer(tmp_path: Path, data: dict[str, Any], name: str = "loose.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _condition(catalogue: Catalogue, ident: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = catalogue.conditions[ident].model_dump(mode="json")
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "ident",
    [
        "knee-replacement",
        "meniscus-surgery",
        "acl-reconstruction",
        "injury",
        "inflammation",
        "inflammatory-arthritis-flare",
    ],
)
def test_a_condition_repeated_without_its_limits_is_named_with_what_it_lets_in(
    ident: str, tmp_path: Path, catalogue: Catalogue
) -> None:
    assert catalogue.conditions[ident].limits is not None
    path = _layer(tmp_path, {"conditions": [_condition(catalogue, ident, limits=None)]})
    text = "\n".join(load_catalogue([path]).weakened)
    assert f"condition {ident!r}" in text
    assert "no longer has its limits (limits), as the bundled catalogue does" in text
    assert "no longer limits away" in text  # and the exercises that get in, by id


def test_the_issues_other_loosenings_are_each_named(tmp_path: Path, catalogue: Catalogue) -> None:
    osgood = catalogue.conditions["osgood-schlatter"]
    pes = catalogue.conditions["pes-anserine-bursitis"]
    assert osgood.limits is not None and pes.limits is not None
    squat = catalogue.exercises["bodyweight-squat"].model_dump(mode="json")
    safety = catalogue.safety.model_dump(mode="json")
    flag = safety["red_flags"][0]
    flag["urgency"] = "soon"
    program = catalogue.programs["osgood-schlatter"].model_dump(mode="json")
    program["phases"][0]["pain_ceiling"] = 6
    program["phases"][0]["days_per_week"] = 7
    data = {
        "conditions": [
            _condition(
                catalogue,
                "osgood-schlatter",
                limits={**osgood.limits.model_dump(mode="json"), "volume": 0.9},
            ),
            _condition(catalogue, "pes-anserine-bursitis", limits=None),
            _condition(catalogue, "knee-replacement", first_note=None),
        ],
        "exercises": [squat | {"level": "beginner", "traits": [*squat["traits"], "isometric"]}],
        "programs": [program],
        "safety": safety,
    }
    text = "\n".join(load_catalogue([_layer(tmp_path, data)]).weakened)
    for words in (
        "condition 'osgood-schlatter' (Osgood-Schlatter disease) allows the share of the "
        "catalogue's dose up to 0.9 (limits.volume), where the bundled catalogue allows up "
        "to 0.7",
        "condition 'pes-anserine-bursitis' (Pes anserine bursitis (inner knee)) no longer has "
        "its limits (limits)",
        "condition 'knee-replacement' (After knee replacement (early phase)) no longer gives "
        "its first note (first_note), as the bundled catalogue does",
        "exercise 'bodyweight-squat' (Bodyweight squat) lowers its level (level) to "
        "'beginner', where the bundled catalogue has 'intermediate'",
        "changes its traits (traits): now 'isometric', unlike the bundled catalogue",
        f"the safety block, red flag {flag['id']!r} lowers its urgency (urgency) to 'soon'",
        "phase 'stretch-and-strengthen' allows pain during exercise up to 6 (pain_ceiling), "
        "where the bundled catalogue allows up to 2",
        "allows the days a week up to 7 (days_per_week)",
    ):
        assert words in text, (words, text)


def test_the_bundled_catalogue_as_a_layer_of_its_own_weakens_nothing(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """Word for word, every entry: nothing is loosened, so nothing is said."""
    bundled = Path(catalogue.files[0])
    copied = tmp_path / "copy.yaml"
    copied.write_bytes(bundled.read_bytes())
    assert load_catalogue([copied]).weakened == ()


def test_the_check_refuses_to_run_with_a_field_it_does_not_cover(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, catalogue: Catalogue
) -> None:
    without = {k: v for k, v in FIELDS[Limits].items() if k != "volume"}
    monkeypatch.setitem(FIELDS, _LIMITS, without)
    weakening_module._checked_table.cache_clear()
    try:
        path = _layer(tmp_path, {"conditions": [_condition(catalogue, "overuse")]})
        with pytest.raises(AssertionError, match=r"Limits\.volume"):
            load_catalogue([path])
    finally:
        monkeypatch.undo()
        weakening_module._checked_table.cache_clear()


# ---------------------------------------------------------------------- each way, word for word


class _Case(NamedTuple):
    """A change of one value compared one way, and the exact words said of it (None: it
    loosens nothing); the first layer is called ``B``, the entry ``X``, the field ``f``."""

    rule: Rule
    old: Any
    new: Any
    said: str | None


def _said(rule: Rule, old: Any, new: Any) -> list[str]:
    """What comparing ``old`` with ``new`` the way ``rule`` says finds, at place ``P``."""
    walk = weakening_module._Walk("B")
    walk.value(rule, old, new, "X", "f", "P")
    assert all(w.startswith("P: ") for w in walk.found), walk.found
    return [w.removeprefix("P: ") for w in walk.found]


def _way_cases(catalogue: Catalogue) -> Iterator[_Case]:
    """For each way, a loosening and a change that loosens nothing, and the exact words: a
    table entry for the wrong way says other words, or none."""
    rule = Rule(Way.NO_HIGHER, "its cap")
    yield _Case(rule, 2, 3, "X allows its cap up to 3 (f), where B allows up to 2")
    yield _Case(rule, 0.5, None, "X no longer limits its cap (f), where B allows up to 0.5")
    yield _Case(rule, 3, 2, None)
    yield _Case(rule, None, 2, None)
    rule = Rule(Way.NO_LOWER, "its floor")
    level = "X lowers its floor (f) to 'beginner', where B has 'intermediate'"
    yield _Case(rule, Level.INTERMEDIATE, Level.BEGINNER, level)
    urgency = "X lowers its floor (f) to 'soon', where B has 'emergency'"
    yield _Case(rule, Urgency.EMERGENCY, Urgency.SOON, urgency)
    yield _Case(rule, 4, None, "X lowers its floor (f) to no limit, where B has 4")
    yield _Case(rule, Level.BEGINNER, Level.ADVANCED, None)
    for way in (Way.STAYS_TRUE, Way.STAYS_GIVEN):
        rule = Rule(way, "says so")
        yield _Case(rule, "yes", None, "X no longer says so (f), as B does")
        yield _Case(rule, None, "yes", None)
    rule = Rule(Way.KEEPS_ALL, "rules out")
    yield _Case(rule, ("a", "b"), ("b", "c"), "X no longer rules out 'a' (f), as B does")
    yield _Case(rule, ("a",), ("a", "b"), None)
    rule = Rule(Way.ADDS_NONE, "exempts")
    yield _Case(rule, ("a", "b"), ("b", "c"), "X now exempts 'c' (f), which B does not")
    yield _Case(rule, ("a", "b"), ("a",), None)
    rule = Rule(Way.ANY_OF, "keeps to")
    added = "X now also lets in exercises that are 'b' (f), which B does not"
    yield _Case(rule, ("a",), ("a", "b"), added)
    yield _Case(rule, ("a", "b"), (), "X no longer keeps to 'a', 'b' (f), as B does")
    yield _Case(rule, ("a", "b"), ("a",), None)
    rule = Rule(Way.UNCHANGED, "traits")
    changed = (
        "X changes its traits (f): now 'c'; no longer 'a', unlike B; a condition's rules "
        "and limits go by traits"
    )
    yield _Case(rule, ("a", "b"), ("b", "c"), changed)

    review = catalogue.safety.review
    assert review is not None and review.weeks == 12
    rule = FIELDS[Safety]["review"]
    yield _Case(
        rule, review, None, "X no longer has its review when nothing improves (f), as B does"
    )
    yield _Case(rule, None, review, None)
    later = (
        "X allows the weeks before a review when nothing improves up to 20 (f.weeks), where "
        "B allows up to 12"
    )
    yield _Case(rule, review, review.model_copy(update={"weeks": 20}), later)

    advance = Advance.model_validate({"weeks": 3, "sessions": 6, "pain_at_most": 2})
    rule = FIELDS[Phase]["advance"]
    yield _Case(rule, None, advance, "X now moves a person on by itself (f), which B does not")
    yield _Case(rule, advance, None, None)
    sooner = "X lowers the weeks before moving on (f.weeks) to 1, where B has 3"
    yield _Case(rule, advance, advance.model_copy(update={"weeks": 1}), sooner)

    flags = catalogue.safety.red_flags
    first = flags[0]
    assert first.urgency is Urgency.URGENT
    rule = FIELDS[Safety]["red_flags"]
    yield _Case(rule, flags, flags[1:], f"X drops 1 red flag(s) of B: {first.id!r}")
    soon = (first.model_copy(update={"urgency": Urgency.SOON}), *flags[1:])
    lowered = (
        f"X, red flag {first.id!r} lowers its urgency (urgency) to 'soon', where B has 'urgent'"
    )
    yield _Case(rule, flags, soon, lowered)

    rules = catalogue.conditions["arthritis"].rules_out
    assert rules[2].exercises[0] == "figure-four-stretch"
    rule = FIELDS[Condition]["rules_out"]
    fewer = rules[2].model_copy(update={"exercises": rules[2].exercises[1:]})
    dropped = "X no longer rules out by name 'figure-four-stretch' (f.exercises), as B does"
    yield _Case(rule, rules, (*rules[:2], fewer, *rules[3:]), dropped)
    # An exercise moved from one rule to another: the pooled rules are the same.
    emptied = rules[2].model_copy(update={"exercises": ()})
    gathered = rules[3].model_copy(update={"exercises": (*rules[2].exercises, *rules[3].exercises)})
    yield _Case(rule, rules, (*rules[:2], emptied, gathered), None)


def test_each_way_of_comparing_says_its_own_words(catalogue: Catalogue) -> None:
    """Every way in the comparison table, each with its own changes and exact sentences:
    a way mapped to another way's comparison says other words (or nothing), and fails."""
    cases = list(_way_cases(catalogue))
    assert {case.rule.way for case in cases} == set(weakening_module._COMPARE)
    for case in cases:
        expected = [] if case.said is None else [case.said]
        assert _said(case.rule, case.old, case.new) == expected, case


def test_the_comparison_table_holds_every_way_a_value_is_compared_by() -> None:
    """Every way but the id, what is not a rule, and the drawing (compared as a whole
    exercise, by the walk itself) has its comparison."""
    assert set(weakening_module._COMPARE) == set(Way) - {Way.KEY, Way.NOT_A_RULE, Way.DRAWN}


# ---------------------------------------------------------------------- said by every command


@pytest.fixture
def loose(tmp_path: Path, catalogue: Catalogue) -> Path:
    return _layer(
        tmp_path, {"conditions": [_condition(catalogue, "knee-replacement", limits=None)]}
    )


_WARNING = "Warning: {file}:2: condition 'knee-replacement'"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{file}"],
        ["plan", "-c", "knee-replacement", "--catalogue", "{file}", "--no-history"],
        ["start", "-c", "knee-replacement", "--catalogue", "{file}", "--no-log"],
        ["program", "new", "-c", "knee-replacement", "--catalogue", "{file}"],
        ["plan", "--program", "{program}", "--catalogue", "{file}", "--no-history"],
        ["swap", "quad set", "-c", "knee-replacement", "--catalogue", "{file}"],
        ["list", "--catalogue", "{file}"],
    ],
    ids=lambda args: " ".join(args[:2]).replace("{file}", "FILE").replace("{program}", "FILE"),
)
def test_every_command_that_plans_warns_by_name(
    cli: Invoke, loose: Path, tmp_path: Path, args: list[str]
) -> None:
    program = tmp_path / "program.yaml"
    made = cli("program", "new", "-c", "arthritis", "-o", str(program))
    assert made.code == 0, made.stderr
    result = cli(*(a.format(file=loose, program=program) for a in args))
    assert _WARNING.format(file=loose) in result.stderr, result.stderr
    assert "no longer has its limits (limits)" in result.stderr
    assert result.code in (0, 2), result.stderr  # start without a terminal: a usage error


def test_a_later_or_dropped_review_is_named(tmp_path: Path, catalogue: Catalogue) -> None:
    """The weeks before kneefit asks for a review when nothing improves are a safety rule:
    a layer that lengthens them, or drops the catalogue's own, is named."""
    safety = catalogue.safety.model_dump(mode="json")
    safety["review"] = None
    program = catalogue.programs["osteoarthritis"].model_dump(mode="json")
    program["phases"][0]["review"]["weeks"] = 40
    data = {"programs": [program], "safety": safety}
    text = "\n".join(load_catalogue([_layer(tmp_path, data)]).weakened)
    assert "the safety block no longer has its review when nothing improves (review)" in text, text
    assert "the weeks before a review when nothing improves up to 40 (review.weeks)" in text, text
