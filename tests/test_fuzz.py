"""Every reader, fed random bytes and random structures, ends in data or a KneefitError.

Never another exception, and never slowly: each read must finish within a time bound.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneefit import files, jsonread, yamlread
from kneefit.catalogue import cache, cache_format, load_catalogue, parse_file
from kneefit.errors import KneefitError
from kneefit.log.export import parse_export
from kneefit.log.remembered import LAST_PLAN, last_plan

#: Seconds one read of one fuzzed input may take.
BOUND = 2.0

_FIELDS = [
    "id",
    "name",
    "category",
    "level",
    "dose",
    "sets",
    "reps",
    "steps",
    "sources",
    "date",
    "pain",
    "effort",
    "sessions",
    "kneefit_log",
    "exercises",
    "conditions",
    "safety",
    "made",
    "stage",
    "days",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["2026-01-01", "beginner", "strength", "aaos-knee-conditioning", "x"]),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(_FIELDS), st.text(max_size=6)), inner, max_size=5
        ),
    ),
    max_leaves=30,
)
raw_bytes = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"\xff\xfe\x00\x00", b"\xef\xbb\xbf", b"[" * 3000, b"{" * 3000, b"-"]),
)


def clean(call: Callable[[], object]) -> None:
    """Run ``call``: success or a KneefitError with a message, within the bound."""
    start = time.monotonic()
    try:
        call()
    except KneefitError as exc:
        assert str(exc) or getattr(exc, "exit_code", None) == 141
    assert time.monotonic() - start < BOUND


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def put(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    with path.open("wb") as handle:
        handle.write(data)
    return path


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(raw_bytes)
def test_random_bytes_through_every_reader(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = put(folder, "f", data)
        clean(lambda: files.read_text(path, limit=1000))
        clean(lambda: jsonread.read_json(path, limit=1000))
        clean(lambda: load_catalogue([path], bundled=False))
        clean(lambda: parse_export(data.decode("utf-8", "replace"), "f", date.max))
        put(folder, LAST_PLAN, data)
        clean(lambda: last_plan(folder))


@FUZZ
@given(structures)
def test_random_json_structures_through_the_json_readers(data: Any) -> None:
    text = json.dumps(data)
    clean(lambda: jsonread.load_json(text, "f.json"))
    clean(lambda: parse_export(text, "f.json", date.max))
    wrapped = json.dumps({"kneefit_log": 1, "sessions": [data]})
    clean(lambda: parse_export(wrapped, "f.json", date.max))
    with tempfile.TemporaryDirectory() as name:
        put(Path(name), LAST_PLAN, text.encode())
        clean(lambda: last_plan(Path(name)))


@FUZZ
@given(structures)
def test_random_yaml_structures_through_the_catalogue_reader(data: Any) -> None:
    for shaped in (data, {"exercises": [data]}, {"conditions": [data], "sources": data}):
        text = yaml.safe_dump(shaped)
        clean(lambda text=text: yamlread.load(text, "f.yaml"))  # type: ignore[misc]
        clean(lambda text=text: parse_file(text, "f.yaml"))  # type: ignore[misc]


@FUZZ
@given(raw_bytes)
def test_random_cache_files_are_misses_never_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = put(folder, "mine.yaml", b"sources: []\n")
        info = source.stat()
        entry = cache_format.entry_path(os.path.realpath(source), folder)
        entry.parent.mkdir(parents=True)
        put(entry.parent, entry.name, data)
        start = time.monotonic()
        assert cache.load(source, info, folder) is None
        assert time.monotonic() - start < BOUND
