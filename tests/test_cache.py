"""The cache of validated catalogues: used when it matches, never trusted when it does not."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kneefit.catalogue.parsing as catalogue_module
from kneefit.catalogue import (
    bundled_catalogue_path,
    cache,
    cache_format,
    cache_records,
    cache_secret,
    load_catalogue,
    parse_file,
    read_layer,
)
from kneefit.catalogue.plain_json import plain_json
from kneefit.catalogue.schema import CatalogueFile
from tests.conftest import TIMEOUT, child, clean_env, run, run_child

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


@pytest.mark.cold_cache
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


@pytest.mark.cold_cache
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
    # Even signed with the key itself.
    _forge(entry, _set(("exercises", 0, "dose", "sets"), "three\u001b[31m"))
    assert read_layer(path, cache_dir=folder, now=NOW) == first


def _key(folder: Path) -> bytes:
    found = cache_secret.secret(folder)
    assert found is not None
    return found


def test_an_entry_for_another_version_is_not_used(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = settled_copy(tmp_path)
    read_layer(path, cache_dir=folder, now=NOW)
    monkeypatch.setattr(cache_format, "__version__", "999.0")
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
    # In child(), so that if one overruns the others (whose pipes fill unread) are killed.
    with contextlib.ExitStack() as stack:
        procs = [
            stack.enter_context(
                child(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            )
            for _ in range(4)
        ]
        results = [p.communicate(timeout=TIMEOUT) for p in procs]
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
    body, _, _ = entry.read_bytes().rpartition(b"\n")
    data = json.loads(body)
    data["weakened"] = "not a list"
    damaged = json.dumps(data).encode()
    entry.write_bytes(damaged + b"\n" + cache_secret.digest(damaged, _key(folder)).encode())
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
        assert plain_json(body)
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


def _unpacked(entry: Path) -> tuple[Any, bytes, Any]:
    """An entry's key, its lines and its catalogue data, the exercises put back from their
    records."""
    header, lines, head, index, records = entry.read_bytes().split(b"\n", 4)
    data = json.loads(head)
    _, ends, _ = json.loads(index)
    starts = [0, *ends[:-1]]
    data["exercises"] = [json.loads(records[a:b]) for a, b in zip(starts, ends, strict=True)]
    return json.loads(header)["key"], lines, data


def _packed(key: Any, lines: bytes, data: Any, digest: Callable[[bytes], str]) -> bytes:
    """An entry holding ``data``, as kneefit lays one out, each digest made by ``digest``."""
    records = [json.dumps(e, ensure_ascii=False).encode() for e in data["exercises"]]
    ids = [e.get("id") for e in data["exercises"]]
    index = [ids, list(itertools.accumulate(map(len, records))), [digest(r) for r in records]]
    head = json.dumps({**data, "exercises": []}, ensure_ascii=False).encode()
    rest = b"\n".join([lines, head, json.dumps(index).encode()])
    header = json.dumps({"key": key, "digest": digest(rest), "size": len(rest)}).encode()
    return header + b"\n" + rest + b"\n" + b"".join(records)


def _forge(entry: Path, change: Any) -> None:
    """Change an entry's catalogue data and give it matching digests."""
    key, lines, data = _unpacked(entry)
    change(data)
    secret = _key(entry.parent.parent)
    entry.write_bytes(_packed(key, lines, data, lambda body: cache_secret.digest(body, secret)))


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
    # An exercise's record is checked when it is read: the forged one is never used, the
    # file's own exercise is read in its place.
    loaded = cache.load(path, path.stat(), folder)
    assert loaded is not None
    assert loaded[0].exercises == first[1].exercises
    assert read_layer(path, cache_dir=folder, now=NOW) == first


@given(st.text())
def test_text_that_may_hold_a_control_character_is_never_called_plain(text: str) -> None:
    from pydantic_core import to_json

    from kneefit.models import text_problem

    body = to_json({"name": text})
    if plain_json(body):
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


# ------------------------------------------------------------------ a changed entry is never used


def _reforged(entry: Path, change: Any, digest: Any) -> None:
    """Change an entry's catalogue data and give it the digest ``digest`` makes of it."""
    key, lines, data = _unpacked(entry)
    change(data)
    entry.write_bytes(_packed(key, lines, data, digest))


def _without_twisting(data: Any) -> None:
    """Osteoarthritis no longer rules out the twisting stretches (figure four, pigeon): a
    well-formed entry, of the right shape."""
    (arthritis,) = (c for c in data["conditions"] if c["id"] == "arthritis")
    arthritis["rules_out"] = [
        r for r in arthritis["rules_out"] if "figure-four-stretch" not in r["exercises"]
    ]


@pytest.mark.parametrize(
    "digest",
    [
        pytest.param(lambda rest: hashlib.blake2b(rest, digest_size=16).hexdigest(), id="unkeyed"),
        pytest.param(
            lambda rest: hashlib.blake2b(rest, digest_size=16, key=b"x" * 32).hexdigest(),
            id="another-key",
        ),
    ],
)
def test_an_entry_changed_with_its_digest_worked_out_again_is_rebuilt_not_trusted(
    tmp_path: Path, folder: Path, digest: Any
) -> None:
    """The issue's forgery: a well-formed entry that loosens a rule, with a digest made the
    way the last kneefit made it (or with a key of the forger's own), is a miss."""
    path = settled_copy(tmp_path)
    first = read_layer(path, cache_dir=folder, now=NOW)
    (arthritis,) = (c for c in first[1].conditions if c.id == "arthritis")
    assert any("figure-four-stretch" in r.exercises for r in arthritis.rules_out)
    (entry,) = entries(folder)
    _reforged(entry, _without_twisting, digest)
    assert cache.load(path, path.stat(), folder) is None
    assert read_layer(path, cache_dir=folder, now=NOW) == first
    assert cache.load(path, path.stat(), folder) is not None  # rebuilt, and good again


def test_a_forged_bundled_entry_changes_no_plan(tmp_path: Path, pinned_today: object) -> None:
    """Through the command: the bundled catalogue's entry forged to let twisting in for
    osteoarthritis; the next plan and the conditions are the bundled catalogue's."""
    env = clean_env(KNEEFIT_CACHE_DIR=str(tmp_path / "cache"), KNEEFIT_HOME=str(tmp_path / "home"))
    before = run(["conditions", "arthritis", "-f", "json"], env=env)
    plan = run(["plan", "-c", "arthritis", "-f", "json", "--no-history"], env=env)
    assert before.code == plan.code == 0, before.stderr + plan.stderr
    (entry,) = entries(tmp_path / "cache")
    unkeyed = lambda rest: hashlib.blake2b(rest, digest_size=16).hexdigest()  # noqa: E731
    _reforged(entry, _without_twisting, unkeyed)
    after = run(["conditions", "arthritis", "-f", "json"], env=env)
    assert (after.code, after.stdout, after.stderr) == (0, before.stdout, "")
    again = run(["plan", "-c", "arthritis", "-f", "json", "--no-history"], env=env)
    assert (again.code, again.stdout) == (0, plan.stdout)


def test_a_forged_checks_entry_means_checking_again(tmp_path: Path, folder: Path) -> None:
    """The checks kept beside the entries are signed too: emptying the weakened rules of a
    loosening layer (with an unkeyed digest) does not hide them."""
    loose = tmp_path / "loose.yaml"
    arthritis = load_catalogue().conditions["arthritis"].model_dump(mode="json")
    arthritis["see_clinician_first"] = False
    loose.write_text(json.dumps({"conditions": [arthritis]}), encoding="utf-8")
    os.utime(loose, (SETTLED, SETTLED))
    first = load_catalogue([loose], cache_dir=folder, now=NOW)
    assert first.weakened
    (entry,) = (folder / "checks").glob("*.json")
    body, _, _ = entry.read_bytes().rpartition(b"\n")
    data = json.loads(body)
    data["weakened"] = []
    forged = json.dumps(data).encode()
    entry.write_bytes(forged + b"\n" + hashlib.blake2b(forged, digest_size=16).hexdigest().encode())
    assert load_catalogue([loose], cache_dir=folder, now=NOW).weakened == first.weakened


@pytest.mark.parametrize("problem", ["open-to-others", "a-link", "short", "replaced"])
def test_a_key_that_cannot_be_trusted_means_no_cache(
    tmp_path: Path, folder: Path, problem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = settled_copy(tmp_path)
    first = read_layer(path, cache_dir=folder, now=NOW)
    key = folder / cache_secret.KEY_FILE
    assert key.stat().st_mode & 0o777 == 0o600
    if problem == "open-to-others":
        key.chmod(0o644)
    elif problem == "a-link":
        target = tmp_path / "elsewhere"
        target.write_bytes(key.read_bytes())
        target.chmod(0o600)
        key.unlink()
        key.symlink_to(target)
    elif problem == "short":
        key.write_bytes(b"short")
    else:
        key.unlink()  # a new key is made: the old entries are not signed with it
    assert cache.load(path, path.stat(), folder) is None
    calls: list[str] = []
    real = parse_file

    def counting(text: str, name: str) -> object:
        calls.append(name)
        return real(text, name)

    monkeypatch.setattr(catalogue_module, "parse_file", counting)
    assert read_layer(path, cache_dir=folder, now=NOW) == first
    assert calls == [str(path)]
    usable = problem == "replaced"
    assert (cache.load(path, path.stat(), folder) is not None) == usable


def test_a_cached_file_s_exercises_are_made_when_first_read(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later run makes only the exercises it looks up: a plan reads its roles'
    candidates, not the whole catalogue."""
    path = settled_copy(tmp_path)
    first = load_catalogue([path], cache_dir=folder, now=NOW)
    made: list[str] = []
    rebuilt = cache_records.rebuilt

    def counted(model: Any, record: bytes) -> Any:
        exercise = rebuilt(model, record)
        made.append(exercise.id)
        return exercise

    monkeypatch.setattr(cache_records, "rebuilt", counted)
    parsing_forbidden(monkeypatch)
    later = load_catalogue([path], cache_dir=folder, now=NOW)
    assert made == []
    assert list(later.exercises) == list(first.exercises)
    assert later.exercises["wall-sit"] == first.exercises["wall-sit"]
    assert made == ["wall-sit"]
    assert dict(later.exercises) == dict(first.exercises)  # each made once, as parsed
    assert sorted(made) == sorted(first.exercises)


@pytest.mark.parametrize("still_holds_it", [False, True])
def test_a_record_that_cannot_be_read_from_a_file_changed_since_is_an_error(
    tmp_path: Path, folder: Path, still_holds_it: bool
) -> None:
    """A record is read when first asked for; if its entry has changed meanwhile and so has
    the file, that is a located error, never a guess: not even an exercise the changed file
    still holds is taken, as it has not been through the whole catalogue's checks."""
    from kneefit.errors import ProblemError

    path = settled_copy(tmp_path)
    read_layer(path, cache_dir=folder, now=NOW)
    _, parsed, _ = read_layer(path, cache_dir=folder, now=NOW)
    (entry,) = entries(folder)
    entry.write_bytes(b"")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" if still_holds_it else "sources: []\n", encoding="utf-8")
    with pytest.raises(ProblemError, match="changed while kneefit was reading it"):
        parsed.exercises[0]
