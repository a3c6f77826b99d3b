"""The one guarded door for every file kneefit reads: catalogues, log exports, the
remembered plan, cache files (and the program and check-in files to come).

Whatever a file is, reading it ends in data or in a located, one-line
:class:`~kneefit.errors.ProblemError`, never in a hang, a flood of memory or a traceback:

- only regular files are read. A file is opened with ``O_NONBLOCK`` (so a FIFO cannot hang
  the open) and checked with ``fstat`` on the open descriptor (so a name swapped for a FIFO
  or a device between a check and the open is still refused);
- at most a given number of bytes is read, whatever the file claims (``/dev/zero`` behind a
  link, a file growing while read);
- text must be UTF-8 (a UTF-16 or UTF-32 byte-order mark is named) and hold no control
  characters (but for tab, newline and carriage return);
- JSON may not repeat a key, nest deeper than :data:`MAX_DEPTH`, or hold an integer of more
  than :data:`MAX_INT_DIGITS` digits, NaN or infinity.

A :class:`Locator` maps a data path (``("sessions", 3, "pain")``) to where that value stands
in the file, so a problem found later (by pydantic, see :mod:`kneefit.validation_messages`)
names a line and column too.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import re
import stat
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kneefit.errors import DataError, ProblemError, file_error

#: Containers may nest at most this deep (kneefit's own files nest five or six levels).
MAX_DEPTH = 64

#: An integer may have at most this many digits (a 64-bit integer has 19).
MAX_INT_DIGITS = 18

# Unicode's Cc category (C0, DEL and C1) and the bidirectional overrides and isolates, but
# for tab, newline and carriage return: text that would drive a terminal or hide code.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Within one value (a name, a dose) a carriage return is a control character too.
_VALUE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Mark:
    """A place in a file: line and column, both counted from 1."""

    line: int
    column: int


class Locator(Protocol):
    """Where a value found by its data path stands in the file it came from."""

    def locate(self, path: tuple[int | str, ...]) -> Mark | None:
        """The value at ``path`` (for a mapping key, the key); the nearest found; or None."""
        ...


def mark_at(text: str, offset: int) -> Mark:
    """The line and column of character ``offset`` of ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return Mark(text.count("\n", 0, offset) + 1, offset - line_start + 1)


# ---------------------------------------------------------------------- files


def _name(path: Path | str) -> str:
    return str(path)


def _os_problem(name: str, exc: OSError) -> ProblemError:
    code = exc.errno
    if code == errno.ENOENT:
        return file_error(name, "no such file")
    if code in (errno.EACCES, errno.EPERM):
        return file_error(name, "permission denied")
    if code == errno.EISDIR:
        return file_error(name, "is a directory, not a file")
    if code == errno.ENAMETOOLONG:
        return file_error(name[:80] + "...", "the file name is too long for the file system")
    if code == errno.ENOTDIR:
        return file_error(name, "a part of this path is a file, not a directory")
    if code == errno.ELOOP:
        return file_error(name, "too many symbolic links (is there a loop?)")
    return file_error(name, f"cannot read: {exc.strerror or exc}")


def _check_status(name: str, info: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise file_error(name, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise file_error(name, "is not a regular file (a FIFO, socket or device); refusing it")
    if info.st_size > limit:
        raise file_error(name, f"is {info.st_size:,} bytes, over the limit of {limit:,}")


class OpenFile:
    """A regular file opened for reading, with its status taken from the open descriptor."""

    def __init__(self, fd: int, name: str, info: os.stat_result, limit: int) -> None:
        self.fd = fd
        self.name = name
        self.info = info
        self.limit = limit

    def read_bytes(self) -> bytes:
        """At most ``limit`` bytes, whatever the file's size says."""
        chunks: list[bytes] = []
        total = 0
        # One read of the whole file as its size says (a single chunk is joined without a
        # copy); more reads only if it has grown, up to the limit.
        size = max(self.info.st_size + 1, 1 << 16)
        try:
            while True:
                chunk = os.read(self.fd, min(size, self.limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                if total > self.limit:
                    raise file_error(
                        self.name, f"grew past the limit of {self.limit:,} bytes while being read"
                    )
        except OSError as exc:
            raise _os_problem(self.name, exc) from None
        return b"".join(chunks)

    def read_text(self) -> str:
        return decode(self.read_bytes(), self.name)


@contextlib.contextmanager
def opened(path: Path | str, *, limit: int) -> Iterator[OpenFile]:
    """Open ``path`` if it is a regular file of at most ``limit`` bytes; else a located error."""
    name = _name(path)
    if "\x00" in name:
        raise file_error(repr(name), "is not a usable file name (it holds a NUL character)")
    if not name:
        raise file_error("''", "is not a file name (it is empty)")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_problem(name, exc) from None
    try:
        try:
            info = os.fstat(fd)
        except OSError as exc:
            raise _os_problem(name, exc) from None
        _check_status(name, info, limit)
        yield OpenFile(fd, name, info, limit)
    finally:
        os.close(fd)


def read_bytes(path: Path | str, *, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes."""
    with opened(path, limit=limit) as handle:
        return handle.read_bytes()


def read_text(path: Path | str, *, limit: int) -> str:
    """The text of a regular UTF-8 file of at most ``limit`` bytes, free of control characters."""
    with opened(path, limit=limit) as handle:
        return handle.read_text()


_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (a UTF-8 byte-order mark is allowed), refusing control characters."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            raise file_error(
                name,
                f"is {encoding} (it starts with a {encoding} byte-order mark); save it as UTF-8",
            )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise file_error(
            name,
            f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            line,
            column,
        ) from None
    found = _CONTROL.search(text)
    if found:
        where = mark_at(text, found.start())
        raise file_error(
            name,
            f"holds the control character U+{ord(found.group()):04X}; "
            "a text file may hold tabs and line breaks but no other control characters",
            where.line,
            where.column,
        )
    return text


def text_control(value: str) -> str | None:
    """The first control character of ``value`` (as U+XXXX), or None."""
    found = _VALUE_CONTROL.search(value)
    return f"U+{ord(found.group()):04X}" if found else None


# ---------------------------------------------------------------------- folders


def folder_problem(folder: Path) -> str | None:
    """Why ``folder`` cannot hold kneefit's files (it is a file, say), or None if it can."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:
            return f"{folder} is not a folder: a part of the path is a file"
        return f"cannot use {folder}: {exc.strerror or exc}"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is a file, not a folder (is KNEEFIT_HOME set to a file?)"
    return None


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (private to the user) if need be; a DataError naming why it cannot
    be (for the session log's folder, KNEEFIT_HOME)."""
    problem = folder_problem(folder)
    if problem:
        raise DataError(problem)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise DataError(f"cannot create {folder}: {exc.strerror or exc}") from None


# ---------------------------------------------------------------------- JSON


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
        raise file_error(name, f"is not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
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
    name = _name(path)
    return load_json(read_text(path, limit=limit), name)


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
            return json.decoder.scanstring(text, i + 1)[1]  # type: ignore[attr-defined,no-any-return]
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
                i = json.decoder.scanstring(text, i + 1)[1]  # type: ignore[attr-defined]
                continue
            depth += 1 if char in "[{" else -1
            i += 1
            if depth == 0:
                return i

    def locate(self, path: tuple[int | str, ...]) -> Mark | None:
        text = self.text
        try:
            i = self._ws(0)
            if i >= len(text):
                return None
            found = mark_at(text, i)
            for step in path:
                char = text[i]
                if char == "{" and isinstance(step, str):
                    j = self._ws(i + 1)
                    target = None
                    while text[j] == '"':
                        key, k = json.decoder.scanstring(text, j + 1)  # type: ignore[attr-defined]
                        k = self._ws(k)
                        if text[k] != ":":
                            break
                        k = self._ws(k + 1)
                        if key == step:
                            target = (j, k)
                            break
                        k = self._ws(self._skip(k))
                        if text[k] != ",":
                            break
                        j = self._ws(k + 1)
                    if target is None:
                        return found
                    found = mark_at(text, target[0])
                    i = target[1]
                elif char == "[" and isinstance(step, int) and step >= 0:
                    j = self._ws(i + 1)
                    if text[j] == "]":
                        return found
                    for _ in range(step):
                        j = self._ws(self._skip(j))
                        if text[j] != ",":
                            return found
                        j = self._ws(j + 1)
                    found = mark_at(text, j)
                    i = j
                else:
                    return found
            if path and text[i] not in "[{":
                found = mark_at(text, i)
            return found
        except (IndexError, ValueError):
            return found if "found" in locals() else None

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
                i = json.decoder.scanstring(text, i + 1)[1]  # type: ignore[attr-defined]
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
        key, j = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
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
            "duplicate": f"duplicate key {detail!r}; a key may appear once in an object",
            "number": (
                f"the number {detail[:20]}{'...' if len(detail) > 20 else ''} is not allowed "
                f"(numbers must be finite, and whole numbers at most {MAX_INT_DIGITS} digits)"
            ),
            "depth": f"is nested more than {max_depth} levels deep; refusing it",
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
