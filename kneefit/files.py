"""The one guarded door for every file kneefit reads: catalogues, log exports, the
remembered plan, cache files and program files.

Whatever a file is, reading it ends in text (or bytes) or in a located, one-line
:class:`~kneefit.errors.ProblemError`, never in a hang, a flood of memory or a traceback:

- only regular files are read. A file is opened with ``O_NONBLOCK`` (so a FIFO cannot hang
  the open) and checked with ``fstat`` on the open descriptor (so a name swapped for a FIFO
  or a device between a check and the open is still refused);
- at most a given number of bytes is read, whatever the file claims (``/dev/zero`` behind a
  link, a file growing while read);
- text must be UTF-8 (a UTF-16 or UTF-32 byte-order mark is named) and hold no control
  characters (but for tab, newline and carriage return).

The data in a file is read by :mod:`kneefit.jsonread` and :mod:`kneefit.yamlread`, within
the limits below (:data:`MAX_DEPTH`, :data:`MAX_INT_DIGITS`), each with a locator
(:mod:`kneefit.locator`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from kneefit.errors import DataError, ProblemError, file_error
from kneefit.i18n import _, format_count
from kneefit.locator import mark_at

#: Containers may nest at most this deep (kneefit's own files nest five or six levels), in
#: JSON and in YAML.
MAX_DEPTH = 64

#: An integer may have at most this many digits (a 64-bit integer has 19), in JSON and YAML.
MAX_INT_DIGITS = 18

# Unicode's Cc category (C0, DEL and C1) and the bidirectional overrides and isolates, but
# for tab, newline and carriage return: text that would drive a terminal or hide code.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Within one value (a name, a dose) a carriage return is a control character too.
_VALUE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# ---------------------------------------------------------------------- files


def _name(path: Path | str) -> str:
    return str(path)


def _os_problem(name: str, exc: OSError) -> ProblemError:
    code = exc.errno
    if code == errno.ENOENT:
        return file_error(name, _("no such file"))
    if code in (errno.EACCES, errno.EPERM):
        return file_error(name, _("permission denied"))
    if code == errno.EISDIR:
        return file_error(name, _("is a directory, not a file"))
    if code == errno.ENAMETOOLONG:
        return file_error(name[:80] + "...", _("the file name is too long for the file system"))
    if code == errno.ENOTDIR:
        return file_error(name, _("a part of this path is a file, not a directory"))
    if code == errno.ELOOP:
        return file_error(name, _("too many symbolic links (is there a loop?)"))
    return file_error(name, _("cannot read: {error}").format(error=exc.strerror or exc))


def _check_status(name: str, info: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise file_error(name, _("is a directory, not a file"))
    if not stat.S_ISREG(info.st_mode):
        raise file_error(name, _("is not a regular file (a FIFO, socket or device); refusing it"))
    if info.st_size > limit:
        raise file_error(
            name,
            _("is {size} bytes, over the limit of {limit}").format(
                size=format_count(info.st_size), limit=format_count(limit)
            ),
        )


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
                        self.name,
                        _("grew past the limit of {limit} bytes while being read").format(
                            limit=format_count(self.limit)
                        ),
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
        raise file_error(repr(name), _("is not a usable file name (it holds a NUL character)"))
    if not name:
        raise file_error("''", _("is not a file name (it is empty)"))
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
                _(
                    "is {encoding} (it starts with a {encoding} byte-order mark); save it as UTF-8"
                ).format(encoding=encoding),
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
            _("is not valid UTF-8 (byte 0x{byte:02x}); save it as UTF-8").format(
                byte=raw[exc.start]
            ),
            line,
            column,
        ) from None
    found = _CONTROL.search(text)
    if found:
        where = mark_at(text, found.start())
        raise file_error(
            name,
            _(
                "holds the control character U+{code:04X}; "
                "a text file may hold tabs and line breaks but no other control characters"
            ).format(code=ord(found.group())),
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
            return _("{folder} is not a folder: a part of the path is a file").format(folder=folder)
        return _("cannot use {folder}: {error}").format(folder=folder, error=exc.strerror or exc)
    if not stat.S_ISDIR(info.st_mode):
        return _("{folder} is a file, not a folder (is KNEEFIT_HOME set to a file?)").format(
            folder=folder
        )
    if not os.access(folder, os.R_OK | os.X_OK):
        # Otherwise the first look inside it fails deep down, as an internal error.
        return _(
            "cannot open the folder {folder}: permission denied (is KNEEFIT_HOME a folder "
            "you may read?)"
        ).format(folder=folder)
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
        raise DataError(
            _("cannot create {folder}: {error}").format(folder=folder, error=exc.strerror or exc)
        ) from None
