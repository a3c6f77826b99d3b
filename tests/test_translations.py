"""The catalogue in another language: translation files read, checked and applied by id."""

from __future__ import annotations

import contextlib
import copy
import json
import sys
import types
import typing
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from kneefit.catalogue import Catalogue, normalise
from kneefit.catalogue.prose import NOT_PROSE, PROSE, digest, english_entries, skeleton
from kneefit.catalogue.translation_file import Translation, read_translation
from kneefit.catalogue.translations import (
    _Digest,
    bundled_translation_path,
    dump_yaml,
    in_language,
    stamped,
    translated,
)
from kneefit.errors import KneefitError, ProblemError
from kneefit.models import Condition, Exercise, Safety
from kneefit.templates import ProgramTemplate
from tests.conftest import ROOT, Invoke, clean_env, run, run_child

# ---------------------------------------------------------------------- what is prose


def _reachable() -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [Exercise, Condition, ProgramTemplate, Safety]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for info in model.model_fields.values():
            todo.extend(_models_in(info.annotation))
    return seen


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    found = []
    stack = [annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            found.append(current)
        stack.extend(typing.get_args(current))
    return found


def _holds_text(annotation: Any) -> bool:
    stack = [annotation]
    while stack:
        current = stack.pop()
        if current is str:
            return True
        origin = typing.get_origin(current)
        if origin is typing.Annotated:
            stack.append(typing.get_args(current)[0])
        elif origin in (tuple, typing.Union, types.UnionType):
            stack.extend(typing.get_args(current))
    return False


def test_every_text_field_of_the_catalogue_is_prose_or_declared_not() -> None:
    """A new text field must be put in PROSE (translated) or NOT_PROSE (kept as it is)."""
    for model in _reachable():
        for name, info in model.model_fields.items():
            prose = name in PROSE.get(model, ())
            not_prose = name in NOT_PROSE.get(model, ())
            assert not (prose and not_prose), f"{model.__name__}.{name} is in both"
            if _holds_text(info.annotation):
                assert prose or not_prose, f"{model.__name__}.{name}: prose or not?"
    for model, names in {**PROSE, **NOT_PROSE}.items():
        for name in names:
            assert name in model.model_fields, f"{model.__name__} has no {name}"


def test_a_prose_model_field_holds_prose_and_a_text_field_is_text() -> None:
    for model, names in PROSE.items():
        for name in names:
            annotation = model.model_fields[name].annotation
            inner = _models_in(annotation)
            assert _holds_text(annotation) or all(m in PROSE for m in inner), (model, name)


# ---------------------------------------------------------------------- a small translation


def _spanish(value: Any) -> Any:
    """Every text 'translated': the same text with 'ES ' before it."""
    if isinstance(value, str):
        return "ES " + value
    if isinstance(value, list):
        return [_spanish(v) for v in value]
    if isinstance(value, dict):
        return {k: _spanish(v) for k, v in value.items()}
    return value


def _file(catalogue: Catalogue, **only: list[str]) -> dict[str, Any]:
    """A stamped translation of the items named (every one of a section not named)."""
    english = english_entries(catalogue)
    part: dict[str, Any] = {}
    for section in ("exercises", "conditions", "programs"):
        wanted = only.get(section)
        part[section] = {
            k: _spanish(v) for k, v in english[section].items() if wanted is None or k in wanted
        }
    part["safety"] = _spanish(english["safety"])
    return stamped([part], catalogue, "es")


def _read(catalogue: Catalogue, data: dict[str, Any] | str) -> Translation:
    # Digests quoted (dump_yaml), so that YAML does not read '2400e5000001' as a number.
    text = data if isinstance(data, str) else dump_yaml(data)
    return read_translation(text, "es.yaml", catalogue, "es")


@pytest.fixture(scope="module")
def full(catalogue: Catalogue) -> dict[str, Any]:
    return _file(catalogue)


def test_a_whole_translation_reads_with_no_warnings(
    catalogue: Catalogue, full: dict[str, Any]
) -> None:
    translation = _read(catalogue, full)
    assert translation.warnings == ()
    assert set(translation.entries["exercises"]) == set(catalogue.exercises)
    assert translation.safety is not None


def test_the_translation_replaces_prose_and_keeps_the_rest(
    catalogue: Catalogue, full: dict[str, Any]
) -> None:
    spanish = translated(catalogue, _read(catalogue, full))
    squat = spanish.exercises["bodyweight-squat"]
    english = catalogue.exercises["bodyweight-squat"]
    assert squat.name == "ES " + english.name
    assert squat.steps == tuple("ES " + s for s in english.steps)
    assert (squat.dose, squat.sources, squat.knee_load) == (
        english.dose.model_copy(
            update={
                "intensity": _spanish(english.dose.intensity),
                "range_note": _spanish(english.dose.range_note),
            }
        ),
        english.sources,
        english.knee_load,
    )
    arthritis = spanish.conditions["arthritis"]
    assert arthritis.rules_out[0].reason.startswith("ES ")
    assert arthritis.rules_out[0].tags == catalogue.conditions["arthritis"].rules_out[0].tags
    program = next(iter(spanish.programs.values()))
    assert program.phases[0].goal.startswith("ES ")
    assert spanish.safety.red_flags[0].sign.startswith("ES ")
    assert spanish.safety.red_flags[0].urgency == catalogue.safety.red_flags[0].urgency
    assert spanish.safety.pain_rule.safe_max == catalogue.safety.pain_rule.safe_max
    # Nothing of the English catalogue was changed.
    assert catalogue.exercises["bodyweight-squat"] is english
    assert not english.name.startswith("ES ")


def test_a_translated_catalogue_answers_to_both_languages(
    catalogue: Catalogue, full: dict[str, Any]
) -> None:
    spanish = translated(catalogue, _read(catalogue, full))
    name = catalogue.exercises["bodyweight-squat"].name
    assert spanish.exercise(name).id == "bodyweight-squat"
    assert spanish.exercise("ES " + name).id == "bodyweight-squat"
    assert spanish.condition("arthritis").name.startswith("ES ")
    assert spanish.english_name("bodyweight-squat") == name
    assert catalogue.english_name("bodyweight-squat") == name


def test_an_item_left_out_or_stale_stays_english_with_a_located_warning(
    catalogue: Catalogue, full: dict[str, Any]
) -> None:
    data = copy.deepcopy(full)
    del data["exercises"]["bodyweight-squat"]
    data["exercises"]["wall-sit"]["english"] = "000000000000"
    translation = _read(catalogue, data)
    text = [str(w) for w in translation.warnings]
    assert any("no entry for exercise 'bodyweight-squat'; it stays in English" in t for t in text)
    stale = [t for t in text if "'wall-sit' was translated from older English" in t]
    assert len(stale) == 1 and stale[0].startswith("es.yaml:")
    assert translation.warnings[[str(w) for w in translation.warnings].index(stale[0])].line
    spanish = translated(catalogue, translation)
    assert spanish.exercises["bodyweight-squat"] == catalogue.exercises["bodyweight-squat"]
    assert spanish.exercises["wall-sit"] == catalogue.exercises["wall-sit"]
    assert spanish.exercises["walking"].name.startswith("ES ")


def test_an_entry_goes_stale_when_its_english_changes(
    catalogue: Catalogue, full: dict[str, Any]
) -> None:
    """A layer (or a new release) that changes an item's English makes its translation
    stale: the item is shown as the English says it now."""
    squat = catalogue.exercises["bodyweight-squat"]
    changed = squat.model_copy(update={"steps": (*squat.steps, "One more step.")})
    layered = replace(catalogue, exercises={**catalogue.exercises, squat.id: changed})
    translation = _read(layered, full)
    assert [w for w in translation.warnings if "bodyweight-squat" in str(w)]
    assert translated(layered, translation).exercises[squat.id] is changed


def test_a_layers_own_item_has_no_entry_and_stays_english(
    catalogue: Catalogue, full: dict[str, Any]
) -> None:
    mine = catalogue.exercises["walking"].model_copy(update={"id": "my-walk", "name": "My walk"})
    layered = replace(catalogue, exercises={**catalogue.exercises, "my-walk": mine})
    spanish = translated(layered, _read(layered, full))
    assert spanish.exercises["my-walk"].name == "My walk"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["exercises"]["walking"].update(colour="red"), "unknown key 'colour'"),
        (lambda d: d["exercises"]["walking"]["steps"].pop(), "the English has 4, in order"),
        (lambda d: d["exercises"]["walking"].update(name=3), "must be text, not a number"),
        (lambda d: d["exercises"]["walking"].update(steps="Walk."), "must be a list, not str"),
        (lambda d: d["exercises"]["walking"].update(name="  "), "must not be blank"),
        (lambda d: d["exercises"]["walking"].update(name="a\x1bb"), "control character"),
        (lambda d: d["exercises"].update(flying={"name": "Volar"}), "no exercise 'flying'"),
        (lambda d: d.update(language="fr"), "must say 'language: es'"),
        (lambda d: d.update(extra={}), "unknown key 'extra'"),
        (lambda d: d["conditions"]["arthritis"]["rules_out"].append({}), "in order"),
        (lambda d: d["conditions"]["arthritis"]["rules_out"][0].update(tags=["x"]), "'tags'"),
        (lambda d: d["safety"].update(persistent_pain=["a"]), "must be text, not a list"),
        (lambda d: d["exercises"]["walking"].pop("steps"), "has no 'steps'"),
    ],
)
def test_a_structure_error_is_a_located_error(
    catalogue: Catalogue, full: dict[str, Any], change: Any, message: str
) -> None:
    data = copy.deepcopy(full)
    change(data)
    with pytest.raises(ProblemError) as raised:
        _read(catalogue, data)
    problems = [str(p) for p in raised.value.problems]
    assert any(message in p for p in problems), problems
    assert all(p.line is not None for p in raised.value.problems)


def test_aliases_may_be_more_or_fewer_than_the_english(
    catalogue: Catalogue, full: dict[str, Any]
) -> None:
    data = copy.deepcopy(full)
    data["exercises"]["walking"]["aliases"] = ["caminata", "paseo", "andar", "marcha"]
    data["exercises"]["wall-sit"]["aliases"] = []
    spanish = translated(catalogue, _read(catalogue, data))
    assert spanish.exercise("paseo").id == "walking"
    assert spanish.exercises["wall-sit"].aliases == ()


@pytest.mark.parametrize("label", ["Wall sit", "ES Bodyweight squat", "squat", "bodyweight-squat"])
def test_an_alias_another_item_answers_to_is_an_error(
    catalogue: Catalogue, full: dict[str, Any], label: str
) -> None:
    data = copy.deepcopy(full)
    data["exercises"]["walking"]["aliases"] = ["caminata", label]
    with pytest.raises(ProblemError) as raised:
        _read(catalogue, data)
    (problem,) = raised.value.problems
    assert "is already a name of exercise" in str(problem)
    assert problem.path == "exercises.walking.aliases.1" and problem.line is not None


def test_the_digest_is_of_the_english_prose_as_compact_sorted_json(catalogue: Catalogue) -> None:
    prose = {"name": "Squat", "steps": ["Stand.", "Sit."]}
    assert digest(prose) == digest({"steps": ["Stand.", "Sit."], "name": "Squat"})
    assert digest(prose) != digest({"name": "Squat", "steps": ["Sit.", "Stand."]})
    assert len(digest(prose)) == 12
    squat = skeleton(catalogue.exercises["bodyweight-squat"])
    assert set(squat) <= set(PROSE[Exercise]) and "id" not in squat and "sources" not in squat


def test_names_are_compared_without_accents() -> None:
    assert normalise("Extensión de RODILLA") == "extension-de-rodilla"
    assert normalise("Leg raise") == "leg-raise"


# ---------------------------------------------------------------------- hostile files


_KEYS = st.sampled_from(
    [
        "language",
        "exercises",
        "conditions",
        "programs",
        "safety",
        "english",
        "name",
        "aliases",
        "steps",
        "rules_out",
        "reason",
        "phases",
        "roles",
        "dose",
        "red_flags",
        "walking",
        "arthritis",
        "bodyweight-squat",
    ]
)
_LEAVES = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.just("es"),
)
_DATA = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=5)),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_DATA)
def test_a_random_translation_file_raises_only_kneefits_errors(
    catalogue: Catalogue, data: Any
) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    with contextlib.suppress(KneefitError):
        read_translation(text, "es.yaml", catalogue, "es")


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200))
def test_random_text_raises_only_kneefits_errors(catalogue: Catalogue, text: str) -> None:
    with contextlib.suppress(KneefitError):
        read_translation(text, "es.yaml", catalogue, "es")


def _quick_dump(data: Any) -> str:
    """The YAML :func:`dump_yaml` writes, as read back (the same values, digests quoted),
    by libyaml's emitter where PyYAML has it: dump_yaml's pure-Python emitter took five of
    every six seconds of the test below, which is about reading the file, not writing it."""
    base: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    dumper: type[yaml.SafeDumper] = type("Dumper", (base,), {})

    def quoted(dumper: yaml.SafeDumper, value: _Digest) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="'")

    dumper.add_representer(_Digest, quoted)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)


def test_the_quick_dump_reads_back_as_dump_yaml_does(full: dict[str, Any]) -> None:
    assert yaml.safe_load(_quick_dump(full)) == yaml.safe_load(dump_yaml(full))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_whole_translation_raises_only_kneefits_errors(
    catalogue: Catalogue, full: dict[str, Any], data: st.DataObject
) -> None:
    """One value somewhere in a real file replaced by anything."""
    damaged = copy.deepcopy(full)
    node: Any = damaged
    while isinstance(node, (dict, list)) and node:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = data.draw(st.sampled_from(keys))
        if data.draw(st.booleans()) or not isinstance(node[key], (dict, list)):
            node[key] = data.draw(_DATA)
            break
        node = node[key]
    try:
        translation = read_translation(_quick_dump(damaged), "es.yaml", catalogue, "es")
    except KneefitError:
        return
    translated(catalogue, translation)


# ---------------------------------------------------------------------- the bundled file


def test_the_bundled_translation_is_whole_and_fresh(catalogue: Catalogue) -> None:
    path = bundled_translation_path("es")
    assert path is not None
    translation = read_translation(path.read_text("utf-8"), str(path), catalogue, "es")
    assert [str(w) for w in translation.warnings] == []
    spanish = translated(catalogue, translation)
    for ident, exercise in spanish.exercises.items():
        english = catalogue.exercises[ident]
        assert exercise.name != english.name or ident in _SAME_NAME, ident
        assert exercise.steps != english.steps, ident


#: Exercises whose Spanish name may be the English one (a name used as it is in Spanish).
_SAME_NAME = frozenset({"superman"})


def test_in_language_english_is_the_catalogue_itself(catalogue: Catalogue) -> None:
    assert in_language(catalogue, "en") is catalogue


def test_an_english_catalogue_looks_up_spanish_names_too(catalogue: Catalogue) -> None:
    assert catalogue.exercise("sentadilla").id == "bodyweight-squat"
    assert catalogue.condition("artrosis").id == "arthritis"


# ---------------------------------------------------------------------- the commands


def _es(**extra: str) -> dict[str, str]:
    return clean_env(KNEEFIT_LANG="es", **extra)


def test_plan_in_spanish_names_the_exercises_and_steps_in_spanish(catalogue: Catalogue) -> None:
    done = run(["plan", "-c", "artrosis", "-f", "json"], env=_es())
    assert done.code == 0, done.stderr
    plan = json.loads(done.stdout)
    spanish = in_language(catalogue, "es")
    items = [i for s in plan["sections"] for i in s["exercises"]]
    assert items
    for item in items:
        assert item["name"] == spanish.exercises[item["id"]].name
        assert item["name"] != catalogue.exercises[item["id"]].name
        assert item["steps"] == list(spanish.exercises[item["id"]].steps)
    assert plan["conditions"][0]["name"] == spanish.conditions["arthritis"].name


def test_show_and_list_take_spanish_words_in_either_language() -> None:
    for env, kind in ((_es(), "estiramiento, "), (clean_env(KNEEFIT_LANG="en"), "stretch, ")):
        shown = run(["show", "sentadilla"], env=env)
        assert shown.code == 0, shown.stderr
        assert "[bodyweight-squat]" in shown.stdout
        listed = run(["list", "estiramientos"], env=env)
        assert listed.code == 0 and kind in listed.stdout, listed.stderr
    english = run(["show", "sentadilla"], env=clean_env(KNEEFIT_LANG="en"))
    assert english.stdout.startswith("Bodyweight squat [bodyweight-squat]")


@pytest.mark.parametrize("word", ["fortalecimiento", "equilibrio", "movilidad", "aeróbico"])
def test_spanish_category_words(cli: Invoke, word: str) -> None:
    english = {"fortalecimiento": "strength", "equilibrio": "balance"}
    english |= {"movilidad": "range-of-motion", "aeróbico": "cardio"}
    assert cli("list", word).stdout == cli("list", english[word]).stdout


def test_validate_checks_a_translation_file(tmp_path: Path) -> None:
    bundled = bundled_translation_path("es")
    assert bundled is not None
    done = run(["validate", str(bundled)])
    assert done.code == 0, done.stderr
    assert "ok (the catalogue in 'es'" in done.stdout and done.stderr == ""
    broken = tmp_path / "es.yaml"
    broken.write_text("language: es\nexercises:\n  walking:\n    colour: red\n")
    done = run(["validate", str(broken)])
    assert done.code == 1
    assert f"{broken}:4:13: exercises.walking.colour: unknown key 'colour'" in done.stderr


def test_an_english_run_reads_no_translation() -> None:
    probe = (
        "import sys\nfrom kneefit.cli import main\ntry:\n    main(sys.argv[1:])\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write(str('kneefit.catalogue.translations' in sys.modules))"
    )
    for args, expected in (
        (["plan", "-c", "arthritis"], "False"),
        (["plan", "-c", "artrosis"], "True"),
    ):
        done = run_child(
            [sys.executable, "-c", probe, *args], env=clean_env(KNEEFIT_LANG="en"), cwd=ROOT
        )
        assert done.returncode == 0
        assert done.stderr.decode().endswith(expected), (args, done.stderr[-300:])


def test_a_session_logged_in_spanish_reads_in_english(catalogue: Catalogue, home: Path) -> None:
    """The log keeps ids and English names: history names them in the run's language."""
    data = {"KNEEFIT_HOME": str(home / "kneefit"), "KNEEFIT_TODAY": "2026-11-18"}
    logged = run(
        ["log", "--pain", "2", "--effort", "5", "-x", "sentadilla", "-x", "wall sit"],
        env=_es(**data),
    )
    assert logged.code == 0, logged.stderr
    english = run(["history", "-f", "json"], env=clean_env(KNEEFIT_LANG="en", **data))
    assert english.code == 0, english.stderr
    (session,) = json.loads(english.stdout)["sessions"]
    names = [(e["id"], e["name"]) for e in session["exercises"]]
    assert names == [
        ("bodyweight-squat", catalogue.exercises["bodyweight-squat"].name),
        ("wall-sit", catalogue.exercises["wall-sit"].name),
    ]
    spanish = run(["history", "-f", "json"], env=_es(**data))
    (session,) = json.loads(spanish.stdout)["sessions"]
    es = in_language(catalogue, "es")
    assert [e["name"] for e in session["exercises"]] == [
        es.exercises["bodyweight-squat"].name,
        es.exercises["wall-sit"].name,
    ]


# ---------------------------------------------------------------------- the cache


def test_the_checked_translation_is_cached_by_the_english_it_was_checked_against(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    from datetime import datetime, timezone

    later = datetime(2100, 1, 1, tzinfo=timezone.utc)
    fresh = in_language(catalogue, "es")
    first = in_language(catalogue, "es", cache_dir=tmp_path, now=later)
    (entry,) = (tmp_path / "translations").iterdir()
    second = in_language(catalogue, "es", cache_dir=tmp_path, now=later)
    assert first == second == fresh
    # Another English (a layer changing an exercise): another key, the item stays English.
    squat = catalogue.exercises["bodyweight-squat"]
    changed = squat.model_copy(update={"steps": (*squat.steps, "One more step.")})
    layered = replace(catalogue, exercises={**catalogue.exercises, squat.id: changed})
    assert in_language(layered, "es", cache_dir=tmp_path, now=later).exercises[squat.id] is changed
    assert len(list((tmp_path / "translations").iterdir())) == 2
    # An entry changed by hand fails its keyed digest: a miss, checked afresh.
    entry.write_bytes(entry.read_bytes().replace(b"Sentadilla", b"Squatting!"))
    assert in_language(catalogue, "es", cache_dir=tmp_path, now=later) == fresh
