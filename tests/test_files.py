"""The guarded reader: every file kneefit reads ends in data or in one located error."""

from __future__ import annotations

import json
import os
import time
from datetime import date
from pathlib import Path

import pytest

from kneefit import files, jsonread
from kneefit.errors import DataError, ProblemError
from kneefit.locator import Mark
from kneefit.log.export import parse_export
from kneefit.log.remembered import LAST_PLAN, last_plan
from tests.conftest import clean_env, run


def refused(path: Path | str, limit: int = 1000) -> str:
    with pytest.raises(ProblemError) as info:
        files.read_text(path, limit=limit)
    text = str(info.value)
    assert "\n" not in text  # one line
    return text


# ------------------------------------------------------------------ what a file may be


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("caf\u00e9\ttab\r\nline\n", encoding="utf-8")
    assert files.read_text(path, limit=100) == "caf\u00e9\ttab\r\nline\n"


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    start = time.monotonic()
    assert "is not a regular file" in refused(fifo)
    assert time.monotonic() - start < 5


def test_a_link_to_a_device_is_refused_before_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero"
    link.symlink_to("/dev/zero")
    assert "is not a regular file" in refused(link)


def test_size_limits_hold(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 2000)
    assert "is 2,000 bytes, over the limit of 1,000" in refused(path)


def test_a_file_that_grows_while_read_is_cut_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "growing"
    path.write_bytes(b"x" * 10)
    with files.opened(path, limit=100) as handle:
        path.write_bytes(b"y" * 500)  # the same inode, grown after the size was checked
        with pytest.raises(ProblemError, match="grew past the limit of 100 bytes"):
            handle.read_bytes()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: d, "is a directory"),
        (lambda d: d / "missing", "no such file"),
        (lambda d: d / ("n" * 5000), "the file name is too long"),
        (lambda d: str(d / "a\x00b"), "holds a NUL character"),
        (lambda d: "", "it is empty"),
    ],
)
def test_unusable_names_are_explained(tmp_path: Path, make: object, expected: str) -> None:
    assert callable(make)
    assert expected in refused(make(tmp_path))


def test_a_path_through_a_file_is_explained(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert "a part of this path is a file" in refused(tmp_path / "file" / "inner")


# ------------------------------------------------------------------ what text may hold


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("x".encode("utf-32"), "is UTF-32"),
        ("x".encode("utf-32-be"), "1:1: holds the control character U+0000"),
        (b"\x00\x00\xfe\xffabcd", "is UTF-32"),
        ("x".encode("utf-16"), "is UTF-16"),
        (b"\xfe\xff\x00x", "is UTF-16"),
        (b"ok\nbad \xe9 byte", "2:5: is not valid UTF-8 (byte 0xe9)"),
        (b"a\nb\x1b[31m", "2:2: holds the control character U+001B"),
        ("a \u202e b".encode(), "1:3: holds the control character U+202E"),
        (b"\x7f", "U+007F"),
    ],
)
def test_text_must_be_clean_utf8(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(raw)
    assert expected in refused(path)


def test_a_utf8_byte_order_mark_is_dropped() -> None:
    assert files.decode(b"\xef\xbb\xbfhello", "x") == "hello"


# ------------------------------------------------------------------ JSON


def json_refused(text: str) -> str:
    with pytest.raises(ProblemError) as info:
        jsonread.load_json(text, "f.json")
    return str(info.value)


def test_json_duplicate_keys_are_refused_with_their_place() -> None:
    text = '{\n "a": 1,\n "b": {"c": 1,\n  "c": 2}}'
    assert json_refused(text) == "f.json:4:3: duplicate key 'c'; a key may appear once in an object"


def test_json_huge_and_non_finite_numbers_are_refused_with_their_place() -> None:
    huge = "9" * 5000
    assert json_refused('{"a": [1,\n ' + huge + "]}").startswith("f.json:2:2: the number 999")
    assert "f.json:1:7: the number NaN" in json_refused('{"a": NaN}')
    assert "f.json:1:7: the number 1e999" in json_refused('{"a": 1e999}')
    assert "the number -Infinity" in json_refused("[-Infinity]")
    assert jsonread.load_json("[" + "9" * 18 + "]", "f")[0] == [int("9" * 18)]


@pytest.mark.parametrize("depth", [files.MAX_DEPTH + 1, 5_000, 100_000])
def test_json_nesting_is_bounded_with_a_place(depth: int) -> None:
    message = json_refused("[" * depth + "]" * depth)
    assert (
        message
        == f"f.json:1:{files.MAX_DEPTH + 1}: is nested more than 64 levels deep; refusing it"
    )
    assert jsonread.load_json("[" * files.MAX_DEPTH + "]" * files.MAX_DEPTH, "f")


def test_json_syntax_errors_name_line_and_column() -> None:
    assert json_refused('{"a":\n  }').startswith("f.json:2:3: is not valid JSON: Expecting value")


def test_json_locator_finds_keys_items_and_the_nearest_place() -> None:
    text = '{"s": [\n  {"p": 1, "q": "x"},\n  {"p":\n      11}\n], "t": {"u": [1, 2]}}'
    _, locator = jsonread.load_json(text, "f")
    assert locator.locate(()) == Mark(1, 1)
    assert locator.locate(("s",)) == Mark(1, 2)
    assert locator.locate(("s", 1)) == Mark(3, 3)
    assert locator.locate(("s", 1, "p")) == Mark(4, 7)  # the value, not the key
    assert locator.locate(("s", 0, "q")) == Mark(2, 17)
    assert locator.locate(("s", 1, "missing")) == Mark(3, 3)  # the nearest found
    assert locator.locate(("t", "u", 1)) == Mark(5, 19)
    assert locator.locate(("s", 9)) == Mark(1, 2)


def test_json_locator_reads_escaped_strings_as_json_does() -> None:
    """Keys are compared decoded; a string's escaped quote or backslash does not end it."""
    text = '{"say \\"hi\\"": "a \\\\", "caf\\u00e9": {"x\\\\": ["]", "}", 1]}}'
    data, locator = jsonread.load_json(text, "f")
    assert data == {'say "hi"': "a \\", "caf\u00e9": {"x\\": ["]", "}", 1]}}
    assert locator.locate(('say "hi"',)) == Mark(1, 16)
    assert locator.locate(("caf\u00e9", "x\\", 2)) == Mark(1, 56)
    duplicate = '{"caf\\u00e9": 1, "caf\u00e9": 2}'
    assert json_refused(duplicate) == (
        "f.json:1:18: duplicate key 'caf\u00e9'; a key may appear once in an object"
    )


# ------------------------------------------------------------------ folders


def test_a_folder_that_is_a_file_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "home"
    blocker.write_text("")
    assert (
        files.folder_problem(blocker)
        == f"{blocker} is a file, not a folder (is KNEEFIT_HOME set to a file?)"
    )
    assert "a part of the path is a file" in (files.folder_problem(blocker / "x") or "")
    assert files.folder_problem(tmp_path) is None
    assert files.folder_problem(tmp_path / "absent") is None


# ------------------------------------------------------------------ the readers that use it


def test_log_import_errors_are_friendly_and_located() -> None:
    text = (
        '{"kneefit_log": 1, "sessions": [\n'
        ' {"date": "2026-01-01", "pain": 11, "effort": 2},\n'
        ' {"date": "01/02/2026", "pain": 1, "effort": 2, "notez": ""}\n]}'
    )
    with pytest.raises(ProblemError) as info:
        parse_export(text, "log.json", date.max)
    lines = str(info.value).splitlines()
    assert lines == [
        "log.json:2:33: sessions[0].pain: must be at most 10 (got 11)",
        "log.json:3:11: sessions[1].date: must be a date written YYYY-MM-DD (got '01/02/2026')",
        "log.json:3:58: sessions[1].notez: is not a known field; did you mean 'notes'?",
    ]
    assert "Input should" not in str(info.value)


def test_a_bare_list_of_sessions_is_located_too() -> None:
    with pytest.raises(ProblemError) as info:
        parse_export('[\n {"date": "2026-01-01", "pain": 1, "effort": -1}]', "h.json", date.max)
    assert str(info.value) == "h.json:2:46: sessions[0].effort: must be at least 0 (got -1)"


def test_log_import_refuses_duplicate_keys() -> None:
    with pytest.raises(ProblemError, match=r"x:1:36: duplicate key 'pain'"):
        parse_export('[{"date": "2026-01-01", "pain": 1, "pain": 9, "effort": 1}]', "x", date.max)


@pytest.mark.parametrize(
    "content",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"made": "2026-01-01T00:00:00", "stage": ' + "9" * 5000 + ', "exercises": []}',
        '{"made": "2026-01-01T00:00:00", "stage": 0, "exercises": '
        '[{"id": "a", "name": "x\\u001b[31m", "dose": "1"}]}',
        '{"made": "2026-01-01T00:00:00", "stage": true, "exercises": []}',
        "not json",
    ],
)
def test_a_damaged_remembered_plan_counts_as_none(tmp_path: Path, content: str) -> None:
    (tmp_path / LAST_PLAN).write_text(content, encoding="utf-8")
    assert last_plan(tmp_path) is None


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_remembered_plan_that_is_not_a_file_never_hangs_log(tmp_path: Path, kind: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    if kind == "fifo":
        os.mkfifo(home / LAST_PLAN)
    else:
        (home / LAST_PLAN).symlink_to("/dev/zero")
    result = run(["log", "--pain", "1", "--effort", "1"], env=clean_env(KNEEFIT_HOME=str(home)))
    assert result.code == 0, result.stderr
    assert "no plan remembered" in result.stdout


def test_a_good_remembered_plan_is_read(tmp_path: Path) -> None:
    data = {
        "made": "2026-01-01T00:00:00+00:00",
        "stage": 2,
        "exercises": [{"id": "wall-sit", "name": "Wall sit", "dose": "3 x 30 s"}],
        "days": {"2026-01-02": [{"id": "walking", "name": "Walking", "dose": "5 min"}]},
    }
    (tmp_path / LAST_PLAN).write_text(json.dumps(data), encoding="utf-8")
    plan = last_plan(tmp_path)
    assert plan is not None and plan.stage == 2
    assert [e.id for e in plan.exercises] == ["wall-sit"]


def test_ensure_folder_creates_or_explains(tmp_path: Path) -> None:
    files.ensure_folder(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()
    (tmp_path / "f").write_text("")
    with pytest.raises(DataError, match="is a file, not a folder"):
        files.ensure_folder(tmp_path / "f")
