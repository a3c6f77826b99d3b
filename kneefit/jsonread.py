"""Read JSON text strictly into plain Python data, with a locator for its values.

JSON may not repeat a key, nest deeper than :data:`~kneefit.files.MAX_DEPTH`, or hold an
integer of more than :data:`~kneefit.files.MAX_INT_DIGITS` digits, NaN or infinity; each
is a located, one-line :class:`~kneefit.errors.ProblemError`, as a syntax error is.

:class:`JsonLocator` finds where a value stands in the text by its data path (see
:mod:`kneefit.locator`). It reads the text with a small tokenizer of its own: strings are
matched by a regular expression and only keys are decoded (by :func:`json.loads`), so no
private part of the standard library's parser is needed.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from kneefit.errors import ProblemError, file_error
from kneefit.files import MAX_DEPTH, MAX_INT_DIGITS, read_text
from kneefit.i18n import N_, _
from kneefit.locator import Mark, mark_at


class _Duplicate(Exception):
    pass


class _BadNumber(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _BadNumber(text)
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(text)
    return value


def _constant(text: str) -> float:
    raise _BadNumber(text)


#: The standard library's words for bad JSON, said in the run's language.
_JSON_PROBLEMS = {
    "Expecting value": N_("Expecting value"),
    "Expecting property name enclosed in double quotes": N_(
        "Expecting property name enclosed in double quotes"
    ),
    "Expecting ':' delimiter": N_("Expecting ':' delimiter"),
    "Expecting ',' delimiter": N_("Expecting ',' delimiter"),
    "Unterminated string starting at": N_("Unterminated string starting at"),
    "Invalid \\escape": N_("Invalid \\escape"),
    "Invalid \\uXXXX escape": N_("Invalid \\uXXXX escape"),
    "Invalid control character at": N_("Invalid control character at"),
    "Extra data": N_("Extra data"),
}


def load_json(text: str, name: str, *, max_depth: int = MAX_DEPTH) -> tuple[Any, JsonLocator]:
    """Parse JSON text strictly; the data and a locator for it, or a located error."""
    locator = JsonLocator(text)
    try:
        data = json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        said = _(_JSON_PROBLEMS[exc.msg]) if exc.msg in _JSON_PROBLEMS else exc.msg
        raise file_error(
            name, _("is not valid JSON: {problem}").format(problem=said), exc.lineno, exc.colno
        ) from None
    except _Duplicate as exc:
        raise locator.problem(name, "duplicate", str(exc.args[0]), max_depth) from None
    except _BadNumber as exc:
        raise locator.problem(name, "number", str(exc.args[0]), max_depth) from None
    except RecursionError:
        raise locator.problem(name, "depth", "", max_depth) from None
    deep = _too_deep(data, max_depth)
    if deep is not None:
        raise locator.problem(name, "depth", "", max_depth)
    return data, locator


def read_json(path: Path | str, *, limit: int) -> tuple[Any, JsonLocator]:
    """A JSON file through the guarded reader: its data and a locator."""
    return load_json(read_text(path, limit=limit), str(path))


def _too_deep(data: Any, max_depth: int) -> tuple[int | str, ...] | None:
    """The path of a container nested deeper than ``max_depth``, or None (no recursion)."""
    stack: list[tuple[Any, tuple[int | str, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            if len(path) >= max_depth:
                return path
            stack.extend((v, (*path, k)) for k, v in value.items())
        elif isinstance(value, list):
            if len(path) >= max_depth:
                return path
            stack.extend((v, (*path, i)) for i, v in enumerate(value))
    return None


_WS = re.compile(r"[ \t\n\r]*")
_TOKEN = re.compile(r"[^\s,:\[\]{}\"]+")
_STRUCTURE = re.compile(r'["\[\]{}]')
#: A string from its opening quote to its closing one: runs of anything but a quote or a
#: backslash, each backslash taking the character after it (JSON's escapes).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)


def _string_end(text: str, start: int) -> int:
    """Just past the closing quote of the string whose opening quote is at ``start``."""
    match = _STRING.match(text, start)
    if match is None:
        raise ValueError("an unterminated string")
    return match.end()


def _string(text: str, start: int) -> tuple[str, int]:
    """The string whose opening quote is at ``start``, decoded, and just past its end."""
    end = _string_end(text, start)
    raw = text[start + 1 : end - 1]
    if "\\" not in raw:
        return raw, end
    value = json.loads(text[start:end])
    if not isinstance(value, str):  # pragma: no cover (a quoted token is a string)
        raise ValueError("not a string")
    return value, end


class JsonLocator:
    """Finds values in JSON text by data path, reading only what lies along the way.

    It keeps only the text; it scans it when asked, which happens on the error path.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def _ws(self, i: int) -> int:
        match = _WS.match(self.text, i)
        return match.end() if match else i

    def _skip(self, i: int) -> int:
        """The end of the value starting at ``i``."""
        text = self.text
        if text[i] == '"':
            return _string_end(text, i)
        if text[i] not in "[{":
            match = _TOKEN.match(text, i)
            return match.end() if match else i + 1
        depth = 0
        while True:
            found = _STRUCTURE.search(text, i)
            if found is None:
                return len(text)
            i = found.start()
            char = text[i]
            if char == '"':
                i = _string_end(text, i)
                continue
            depth += 1 if char in "[{" else -1
            i += 1
            if depth == 0:
                return i

    def _member(self, i: int, step: str) -> tuple[int, int] | None:
        """In the object opening at ``i``: where the key ``step`` and its value start."""
        text = self.text
        j = self._ws(i + 1)
        while text[j] == '"':
            key, k = _string(text, j)
            k = self._ws(k)
            if text[k] != ":":
                return None
            k = self._ws(k + 1)
            if key == step:
                return j, k
            k = self._ws(self._skip(k))
            if text[k] != ",":
                return None
            j = self._ws(k + 1)
        return None

    def _item(self, i: int, step: int) -> int | None:
        """In the array opening at ``i``: where item ``step`` starts."""
        text = self.text
        j = self._ws(i + 1)
        if text[j] == "]":
            return None
        for _step in range(step):
            j = self._ws(self._skip(j))
            if text[j] != ",":
                return None
            j = self._ws(j + 1)
        return j

    def locate(self, path: tuple[int | str, ...]) -> Mark | None:
        text = self.text
        found: Mark | None = None
        try:
            i = self._ws(0)
            if i >= len(text):
                return None
            found = mark_at(text, i)
            for step in path:
                char = text[i]
                if char == "{" and isinstance(step, str):
                    member = self._member(i, step)
                    if member is None:
                        return found
                    found = mark_at(text, member[0])
                    i = member[1]
                elif char == "[" and isinstance(step, int) and step >= 0:
                    item = self._item(i, step)
                    if item is None:
                        return found
                    found = mark_at(text, item)
                    i = item
                else:
                    return found
            if path and text[i] not in "[{":
                found = mark_at(text, i)
            return found
        except (IndexError, ValueError):
            return found

    # A full scan, for problems the parser finds without saying where.

    def _events(self) -> Iterator[tuple[str, int, int, str]]:
        """(kind, offset, depth, text) for each key and scalar, and each too-deep container."""
        text = self.text
        n = len(text)
        stack: list[tuple[bool, set[str]]] = []
        i = self._ws(0)
        while i < n:
            char = text[i]
            if char in "[{":
                yield ("open", i, len(stack) + 1, char)
                is_object = char == "{"
                stack.append((is_object, set()))
                i = self._ws(i + 1)
                if i < n and text[i] == ("}" if is_object else "]"):
                    i += 1
                    stack.pop()
                elif is_object:
                    i = yield from self._key(i, stack)
                    continue
                else:
                    continue
            elif char == '"':
                i = _string_end(text, i)
            else:
                match = _TOKEN.match(text, i)
                if match is None:
                    return
                yield ("scalar", i, len(stack), match.group())
                i = match.end()
            # after a value: commas and closing brackets
            while True:
                i = self._ws(i)
                if not stack or i >= n:
                    return
                is_object, _ = stack[-1]
                if text[i] == ",":
                    i = self._ws(i + 1)
                    if is_object:
                        i = yield from self._key(i, stack)
                    break
                if text[i] == ("}" if is_object else "]"):
                    i += 1
                    stack.pop()
                    continue
                return

    def _key(
        self, i: int, stack: list[tuple[bool, set[str]]]
    ) -> Generator[tuple[str, int, int, str], None, int]:
        text = self.text
        if text[i] != '"':
            raise ValueError("not a key")
        key, j = _string(text, i)
        seen = stack[-1][1]
        yield ("duplicate" if key in seen else "key", i, len(stack), key)
        seen.add(key)
        j = self._ws(j)
        if text[j] != ":":
            raise ValueError("no colon")
        return self._ws(j + 1)

    def problem(self, name: str, kind: str, detail: str, max_depth: int) -> ProblemError:
        """The located error for a duplicate key, a bad number or too deep a nesting."""
        messages = {
            "duplicate": _("duplicate key {key!r}; a key may appear once in an object").format(
                key=detail
            ),
            "number": _(
                "the number {number} is not allowed "
                "(numbers must be finite, and whole numbers at most {digits} digits)"
            ).format(
                number=detail[:20] + ("..." if len(detail) > 20 else ""), digits=MAX_INT_DIGITS
            ),
            "depth": _("is nested more than {depth} levels deep; refusing it").format(
                depth=max_depth
            ),
        }
        where: Mark | None = None
        with contextlib.suppress(IndexError, ValueError, RecursionError):
            for event, offset, depth, token in self._events():
                hit = (
                    (kind == "duplicate" and event == "duplicate" and token == detail)
                    or (kind == "number" and event == "scalar" and token == detail)
                    or (kind == "depth" and event == "open" and depth > max_depth)
                )
                if hit:
                    where = mark_at(self.text, offset)
                    break
        return file_error(
            name, messages[kind], where.line if where else None, where.column if where else None
        )
