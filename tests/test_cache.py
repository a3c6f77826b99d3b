"""The cache of validated catalogues: used when it matches, never trusted when it does not."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kneefit.catalogue.parsing as catalogue_module
from kneefit.catalogue import bundled_catalogue_path, cache, load_catalogue, parse_file, read_layer
from kneefit.catalogue.schema import CatalogueFile
from tests.conftest import clean_env, run, run_child

#: When the catalogue files here were last changed (so they may be cached): fixed, and long
#: before the clock that commands go by; and the time the tests give the cache, later than
#: any file, the bundled catalogue's included.
SETTLED = datetime(2020, 1, 1, tzinfo=timezone.utc).timestamp()
NOW = datetime(2099, 1, 1, tzinfo=timezone.utc)


def settled_copy(tmp_path: Path, name: str = "mine.yaml") -> Path:
    """A copy of the bundled catalogue, last changed long ago (so it may be cached)."""
    path = tmp_path / name
    shutil.copyfile(bundled_catalogue_path(), path)
    os.utime(path, (SETTLED, SETTLED))
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def entries(folder: Path) -> list[Path]:
    return sorted((folder / "catalogues").glob("*.json"))


def parsing_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str, name: str) -> object:
        raise AssertionError(f"{name} was parsed, not read from the cache")

    monkeypatch.setattr(catalogue_module, "parse_file", refuse)


def test_validated_file_round_trips_through_json() -> None:
    parsed, _ = parse_file(bundled_catalogue_path().read_text(encoding="utf-8"), "bundled")
    assert CatalogueFile.model_validate_json(parsed.model_dump_json()) == parsed


def test_second_read_comes_from_the_cache(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = settled_copy(tmp_path)
    first = read_layer(path, cache_dir=folder, now=NOW)
    assert len(entries(folder)) == 1
    parsing_forbidden(monkeypatch)
    assert read_layer(path, cache_dir=folder, now=NOW) == first
    assert load_catalogue([path], bundled=False, cache_dir=folder, now=NOW).exercises


def test_cli_caches_where_the_environment_says(tmp_path: Path, home: Path) -> None:
    path = settled_copy(tmp_path)
    assert run(["list", "--catalogue", str(path)]).code == 0
    assert len(entries(home / ".cache" / "kneefit")) == 2  # the bundled file and this one
    elsewhere = tmp_path / "elsewhere"
    assert (
        run(
            ["list", "--catalogue", str(path)], env=clean_env(KNEEFIT_CACHE_DIR=str(elsewhere))
        ).code
        == 0
    )
    assert len(entries(elsewhere)) == 2


def test_no_cache_neither_reads_nor_writes(tmp_path: Path, home: Path) -> None:
    path = settled_copy(tmp_path)
    result = run(["list", "--no-cache", "--catalogue", str(path)])
    assert (result.code, result.stderr) == (0, "")
    assert not (home / ".cache").exists()


def test_an_edited_file_is_parsed_again(tmp_path: Path, folder: Path) -> None:
    path = settled_copy(tmp_path)
    read_layer(path, cache_dir=folder, now=NOW)
    text = path.read_text(encoding="utf-8")
    edited = text.replace("name: Wall sit (partial)", "name: Half wall sit")
    path.write_text(edited, encoding="utf-8")
    os.utime(path, (SETTLED + 5, SETTLED + 5))
    _, parsed, _ = read_layer(path, cache_dir=folder, now=NOW)
    assert any(e.name == "Half wall sit" for e in parsed.exercises)


def test_a_file_changed_moments_ago_is_not_cached(tmp_path: Path, folder: Path) -> None:
    path = settled_copy(tmp_path)
    moments_ago = NOW.timestamp() - 1  # a second edit within the file system's time
    os.utime(path, (moments_ago, moments_ago))  # resolution could hide
    read_layer(path, cache_dir=folder, now=NOW)
    assert entries(folder) == []


def test_without_the_time_the_cache_is_read_but_not_written(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = settled_copy(tmp_path)
    first = read_layer(path, cache_dir=folder)
    assert entries(folder) == []
    assert read_layer(path, cache_dir=folder, now=NOW) == first
    assert len(entries(folder)) == 1
    parsing_forbidden(monkeypatch)
    assert read_layer(path, cache_dir=folder) == first


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: b"\x00\xff" * 100, id="garbage"),
        pytest.param(lambda raw: raw.replace(b"Wall sit", b"Wall sat", 1), id="digest-mismatch"),
        pytest.param(lambda raw: raw.split(b"\n", 1)[1], id="no-header"),
        pytest.param(lambda raw: b"[" * 100_000, id="deep-nesting"),
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    path = settled_copy(tmp_path)
    first = read_layer(path, cache_dir=folder, now=NOW)
    (entry,) = entries(folder)
    assert callable(damage)
    entry.write_bytes(damage(entry.read_bytes()))
    assert read_layer(path, cache_dir=folder, now=NOW) == first
    parsing_forbidden(monkeypatch)
    assert read_layer(path, cache_dir=folder, now=NOW) == first  # the rebuilt entry is good again


def test_a_forged_entry_with_a_matching_digest_is_still_validated(
    tmp_path: Path, folder: Path
) -> None:
    path = settled_copy(tmp_path)
    first = read_layer(path, cache_dir=folder, now=NOW)
    (entry,) = entries(folder)
    header, lines, body = entry.read_bytes().split(b"\n", 2)
    data = json.loads(body)
    data["exercises"][0]["dose"]["sets"] = "three\u001b[31m"
    rest = lines + b"\n" + json.dumps(data).encode()
    key = json.loads(header)["key"]
    entry.write_bytes(
        json.dumps({"key": key, "digest": cache._digest(rest)}).encode() + b"\n" + rest
    )
    assert read_layer(path, cache_dir=folder, now=NOW) == first


def test_an_entry_for_another_version_is_not_used(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = settled_copy(tmp_path)
    read_layer(path, cache_dir=folder, now=NOW)
    monkeypatch.setattr(cache, "__version__", "999.0")
    calls: list[str] = []
    real = parse_file

    def counting(text: str, name: str) -> object:
        calls.append(name)
        return real(text, name)

    monkeypatch.setattr(catalogue_module, "parse_file", counting)
    read_layer(path, cache_dir=folder, now=NOW)
    assert calls == [str(path)]


def test_an_unusable_cache_directory_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    path = settled_copy(tmp_path)
    assert read_layer(path, cache_dir=blocker, now=NOW)[1].exercises
    assert read_layer(path, cache_dir=blocker, now=NOW)[1].exercises
    result = run(["list", "--catalogue", str(path)], env=clean_env(KNEEFIT_CACHE_DIR=str(blocker)))
    assert (result.code, result.stderr) == (0, "")


def test_concurrent_first_runs_agree_and_leave_a_good_cache(tmp_path: Path) -> None:
    path = settled_copy(tmp_path)
    env = clean_env(KNEEFIT_CACHE_DIR=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "kneefit", "list", "-f", "json", "--catalogue", str(path)]
    procs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(4)
    ]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4
    assert all(err == b"" for _, err in results)
    assert len({out for out, _ in results}) == 1
    leftovers = sorted(p.name for p in (tmp_path / "cache" / "catalogues").iterdir())
    assert len(leftovers) == 2 and not any(n.startswith(".") for n in leftovers)  # no temps
    again = run(["list", "-f", "json", "--catalogue", str(path)], env=env)
    assert (again.code, again.stderr, again.stdout.encode()) == (0, "", results[0][0])


# ------------------------------------------------------------------ the whole-catalogue checks


def checks_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    import kneefit.catalogue.layering as layering

    def refuse(*args: object) -> list[object]:
        raise AssertionError("the references were checked again")

    monkeypatch.setattr(layering, "_check_references", refuse)


def test_reference_checks_are_cached_with_the_catalogue(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = "sources:\n- {id: lonely, title: T, publisher: P, year: 2020, url: 'https://x.org'}\n"
    path = tmp_path / "mine.yaml"
    path.write_text(source, encoding="utf-8")
    os.utime(path, (SETTLED, SETTLED))
    first = load_catalogue([path], cache_dir=folder, now=NOW)
    assert first.uncited_sources == ("lonely",)
    assert len(list((folder / "checks").glob("*.json"))) == 1
    with monkeypatch.context() as patched:
        checks_forbidden(patched)
        again = load_catalogue([path], cache_dir=folder, now=NOW)
    assert again.uncited_sources == ("lonely",)
    assert again == first
    # An edited file is checked afresh, and so is a run without the cache.
    path.write_text(source.replace("lonely", "alone"), encoding="utf-8")
    os.utime(path, (SETTLED + 5, SETTLED + 5))
    assert load_catalogue([path], cache_dir=folder, now=NOW).uncited_sources == ("alone",)
    assert load_catalogue([path]).uncited_sources == ("alone",)


def test_a_damaged_checks_entry_means_checking_again(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = settled_copy(tmp_path)
    first = load_catalogue([path], cache_dir=folder, now=NOW)
    (entry,) = (folder / "checks").glob("*.json")
    data = json.loads(entry.read_text())
    data["weakened"] = "not a list"
    entry.write_text(json.dumps(data))
    calls: list[int] = []
    import kneefit.catalogue.layering as layering

    real = layering._check_references

    def counting(*args: Any) -> list[Any]:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(layering, "_check_references", counting)
    assert load_catalogue([path], cache_dir=folder, now=NOW) == first
    assert calls == [1]


@pytest.mark.parametrize("kind", ["fifo", "zero", "directory"])
def test_a_cache_entry_that_is_not_a_file_is_a_miss_not_a_hang(
    tmp_path: Path, folder: Path, kind: str
) -> None:
    path = settled_copy(tmp_path)
    first = read_layer(path, cache_dir=folder, now=NOW)
    (entry,) = entries(folder)
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "zero":
        entry.symlink_to("/dev/zero")
    else:
        entry.mkdir()
    start = time.monotonic()
    assert read_layer(path, cache_dir=folder, now=NOW) == first
    assert time.monotonic() - start < 10


# ------------------------------------------------------------------ rebuilt, not revalidated


def _same_models(a: object, b: object, where: str = "") -> None:
    """``a`` and ``b`` are equal all the way down, with the same types at every level."""
    from pydantic import BaseModel

    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert isinstance(b, BaseModel)
        assert a.model_fields_set <= b.model_fields_set, where
        for name in type(a).model_fields:
            _same_models(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, tuple | frozenset | list):
        assert isinstance(b, tuple | frozenset | list)
        assert len(a) == len(b), where
        for n, (x, y) in enumerate(
            zip(
                sorted(a, key=repr) if isinstance(a, frozenset) else a,
                sorted(b, key=repr) if isinstance(b, frozenset) else b,
                strict=True,
            )
        ):
            _same_models(x, y, f"{where}[{n}]")
    else:
        assert a == b, where


def test_a_rebuilt_file_is_the_validated_one_model_for_model() -> None:
    from pydantic_core import from_json

    from benchmarks.generate import make_catalogue
    from kneefit.catalogue.rebuild import builder

    for text in (bundled_catalogue_path().read_text(encoding="utf-8"), make_catalogue(400)):
        parsed, _ = parse_file(text, "catalogue")
        body = parsed.model_dump_json().encode()
        assert cache.plain_json(body)
        rebuilt = builder(CatalogueFile)(from_json(body))
        _same_models(parsed, rebuilt)
        assert rebuilt == parsed
        assert rebuilt.model_dump_json() == parsed.model_dump_json()
        assert [hash(e) for e in rebuilt.exercises] == [hash(e) for e in parsed.exercises]


def test_a_matching_entry_is_rebuilt_without_the_models_validation(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = settled_copy(tmp_path)
    first = read_layer(path, cache_dir=folder, now=NOW)

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("the cache entry was validated again")

    monkeypatch.setattr(CatalogueFile, "model_validate_json", refuse)
    parsing_forbidden(monkeypatch)
    assert read_layer(path, cache_dir=folder, now=NOW) == first


def _forge(entry: Path, change: Any) -> None:
    """Change an entry's catalogue data and give it a matching digest."""
    header, lines, body = entry.read_bytes().split(b"\n", 2)
    data = json.loads(body)
    change(data)
    rest = lines + b"\n" + json.dumps(data, ensure_ascii=False).encode()
    key = json.loads(header)["key"]
    entry.write_bytes(
        json.dumps({"key": key, "digest": cache._digest(rest)}).encode() + b"\n" + rest
    )


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: Any) -> None:
        for step in path[:-1]:
            data = data[step]
        data[path[-1]] = value

    return change


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_set(("exercises", 0, "name"), "Wall\u001b[2J sit"), id="escape"),
        pytest.param(_set(("exercises", 0, "name"), "Wall \u009b sit"), id="c1-control"),
        pytest.param(_set(("exercises", 0, "name"), "Wall \u202e sit"), id="bidi-override"),
        pytest.param(_set(("exercises", 0, "name"), "Wall \x7f sit"), id="delete"),
        pytest.param(_set(("exercises", 0, "category"), "juggling"), id="unknown-enum"),
        pytest.param(_set(("exercises", 0, "dose"), [1, 2]), id="list-for-model"),
        pytest.param(_set(("exercises", 0, "surprise"), 1), id="extra-field"),
        pytest.param(lambda data: data["exercises"][0].pop("level"), id="missing-field"),
        pytest.param(
            lambda data: data["exercises"][0]["poses"]["start"].update(
                right_leg={"hip": 0, "abduction": 0, "rotation": 0, "knee": 0, "ankel": 0}
            ),
            id="renamed-field",
        ),
        pytest.param(_set(("exercises", 0, "knee_load"), "kneeling"), id="text-for-list"),
    ],
)
def test_a_forged_entry_of_another_shape_or_with_control_text_is_a_miss(
    tmp_path: Path, folder: Path, change: Any
) -> None:
    path = settled_copy(tmp_path)
    first = read_layer(path, cache_dir=folder, now=NOW)
    (entry,) = entries(folder)
    _forge(entry, change)
    assert cache.load(path, path.stat(), folder) is None
    assert read_layer(path, cache_dir=folder, now=NOW) == first


@given(st.text())
def test_text_that_may_hold_a_control_character_is_never_called_plain(text: str) -> None:
    from pydantic_core import to_json

    from kneefit.models import text_problem

    body = to_json({"name": text})
    if cache.plain_json(body):
        assert text_problem(text, max_length=len(text)) is None


def test_a_model_the_builder_does_not_know_is_validated() -> None:
    from pydantic import BaseModel, ConfigDict

    from kneefit.catalogue.rebuild import Unsupported, builder

    class Odd(BaseModel):
        model_config = ConfigDict(extra="forbid")
        table: dict[str, int]

    with pytest.raises(Unsupported):
        builder(Odd)


def test_rebuilt_plain_value_models_are_shared_and_equal_to_validated_ones() -> None:
    """Equal limbs, doses and props come back as one object; the rest stay their own."""
    from pydantic_core import from_json

    from kneefit.catalogue.rebuild import builder
    from kneefit.pose import Leg

    parsed, _ = parse_file(bundled_catalogue_path().read_text(encoding="utf-8"), "catalogue")
    rebuilt = builder(CatalogueFile)(from_json(parsed.model_dump_json().encode()))
    legs = [
        leg
        for e in rebuilt.exercises
        if e.poses is not None
        for pose in (e.poses.start, e.poses.end)
        for leg in (pose.right_leg, pose.left_leg)
    ]
    assert all(type(leg) is Leg for leg in legs)
    assert len({id(leg) for leg in legs}) == len(set(legs)) < len(legs)
    assert len({id(e) for e in rebuilt.exercises}) == len(rebuilt.exercises)
    # A leg differing in one angle is its own object, not a shared one.
    one = builder(Leg)({"hip": 10, "abduction": 0, "rotation": 0, "knee": 5, "ankle": 0})
    other = builder(Leg)({"hip": 10, "abduction": 0, "rotation": 0, "knee": 6, "ankle": 0})
    again = builder(Leg)({"hip": 10, "abduction": 0, "rotation": 0, "knee": 5, "ankle": 0})
    assert one is again and one is not other and other.knee == 6
    assert (
        builder(Leg)({"hip": 10, "abduction": 0, "rotation": 0, "knee": 5, "ankle": "flat"}) != one
    )


#: Loads a settled catalogue file through the cache; prints whether the YAML reader or the
#: validation were imported.
_LOAD_PROBE = """
import json, sys
from datetime import datetime, timezone
from pathlib import Path
from kneefit.catalogue import load_catalogue
now = datetime(2099, 1, 1, tzinfo=timezone.utc)
load_catalogue([Path(sys.argv[1])], bundled=False, cache_dir=Path(sys.argv[2]), now=now)
parsing = ("kneefit.yamlread", "kneefit.catalogue.validation", "kneefit.catalogue.parsing")
print(json.dumps(sorted(m for m in parsing if m in sys.modules)))
"""


def test_a_later_run_imports_neither_the_yaml_reader_nor_the_validation(
    tmp_path: Path, folder: Path
) -> None:
    path = settled_copy(tmp_path)
    runs = [
        run_child([sys.executable, "-c", _LOAD_PROBE, str(path), str(folder)], env=clean_env())
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
    first, later = (json.loads(r.stdout) for r in runs)
    assert "kneefit.yamlread" in first  # the first run parsed the file
    assert later == []


_angles = st.fixed_dictionaries(
    {
        "hip": st.integers(-30, 120),
        "abduction": st.integers(-30, 60),
        "rotation": st.integers(-45, 60),
        "knee": st.integers(0, 135),
        "ankle": st.one_of(st.integers(-40, 70), st.just("flat")),
    }
)


@given(st.lists(_angles, min_size=1, max_size=30))
def test_shared_legs_are_the_validated_legs_and_only_equal_ones_are_shared(
    legs: list[dict[str, object]],
) -> None:
    from kneefit.catalogue.rebuild import builder
    from kneefit.pose import Leg

    built = [builder(Leg)(dict(leg)) for leg in legs]
    for data, leg in zip(legs, built, strict=True):
        assert leg == Leg.model_validate(data)
        assert leg.model_dump() == data
    for a, b in itertools.combinations(built, 2):
        assert (a is b) == (a == b)
