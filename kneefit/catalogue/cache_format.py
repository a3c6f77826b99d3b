"""How the cache lies on disk: where each entry is, the key that says what it is of, how an
entry is laid out, and reading one back in parts.

Each catalogue file gets one entry, named by a hash of its real path. The entry's key is the
file's path, size, modification time, inode and device, and kneefit's own version and model
code (:func:`versions`), so an edited catalogue or an upgraded kneefit misses the cache.

An entry is a header line (the key, the digest of the body, the body's size); the body (the
line of each entry of the file, the validated file as JSON but its exercises, and the index
of the exercises' records), which the digest covers; and each exercise's JSON, a record of
its own with its own digest in the index, read when first asked for (:class:`Place`).

Entries are read through the guarded reader (:mod:`kneefit.files`): a FIFO, a device or an
oversized file in the cache is a miss, never a hang. Nothing here reads the clock.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import operator
import os
from dataclasses import dataclass
from pathlib import Path

from kneefit import __version__
from kneefit.catalogue.cache_secret import digest
from kneefit.catalogue.schema import CatalogueFile
from kneefit.errors import KneefitError

#: Bumped when the layout of a cache file changes (2: digests keyed with the secret; 3:
#: each exercise a record of its own, rebuilt when first asked for).
FORMAT = 3

#: A catalogue edited this recently is not cached: a file system that keeps modification
#: times to the second could hide a second edit of the same size within that second.
SETTLE_SECONDS = 2.0

#: Cache files larger than this are not read.
MAX_CACHE_BYTES = 256 * 1024 * 1024

#: The line of each entry of a file, by kind and id (for messages about cross-references).
Lines = dict[str, dict[str, int]]

#: Where each exercise's record lies in an entry: the ids, where each record ends (each
#: starts where the one before ends) and each record's digest.
Index = tuple[list[str], list[int], list[str]]

#: What tells one version of an entry file from another: inode, device, size, mtime.
Stamp = tuple[int, int, int, int]

#: At most this much is read to find an entry's header line.
_HEADER_BYTES = 1 << 16


# ---------------------------------------------------------------------- names and keys


def _code_stamp() -> list[int]:
    # During development the version stays put while the models change; their files' sizes
    # and times stand in for the schema.
    here = Path(__file__).parent
    stamp: list[int] = []
    for file in (
        *sorted((here.parent / "models").glob("*.py")),
        here.parent / "pose.py",
        here.parent / "figure.py",
        here.parent / "pose_tags.py",
        here.parent / "pose_contact.py",
        here.parent / "yamlread.py",
        here.parent / "files.py",
        here / "parsing.py",
        here / "validation.py",
        here / "layering.py",
        here / "weakening.py",
        here / "rule_fields.py",
    ):
        try:
            info = file.stat()
        except OSError:
            continue
        stamp += [info.st_size, info.st_mtime_ns]
    return stamp


def versions() -> dict[str, object]:
    """What every key of the cache starts with: the layout, kneefit's version and the stamp
    of its model code; a cache written by another kneefit misses."""
    return {"format": FORMAT, "kneefit": __version__, "code": _code_stamp()}


def entry_key(real: str, info: os.stat_result) -> dict[str, object]:
    """The key of the entry of the file at ``real`` (its real path), as ``info`` describes it."""
    return {
        **versions(),
        "path": real,
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "inode": info.st_ino,
        "device": info.st_dev,
    }


def entry_path(real: str, folder: Path) -> Path:
    """Where the entry of the file at ``real`` (its real path) is, in the cache ``folder``."""
    name = hashlib.sha256(real.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return folder / "catalogues" / f"{name}.json"


def stamp(info: os.stat_result) -> Stamp:
    return (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)


# ---------------------------------------------------------------------- an entry's layout


def pack(
    key: dict[str, object], parsed: CatalogueFile, lines: Lines, secret: bytes
) -> tuple[bytes, str]:
    """The entry of ``parsed`` under ``key``, and its digest (made with ``secret``)."""
    # Each exercise a record of its own, found by the index, with its own digest.
    records = [ex.model_dump_json().encode() for ex in parsed.exercises]
    ends = list(itertools.accumulate(map(len, records)))
    index = [[ex.id for ex in parsed.exercises], ends, [digest(r, secret) for r in records]]
    head = parsed.model_copy(update={"exercises": ()}).model_dump_json().encode()
    rest = b"\n".join([json.dumps(lines).encode(), head, json.dumps(index).encode()])
    made = digest(rest, secret)
    header = {"key": key, "digest": made, "size": len(rest)}
    return b"".join([json.dumps(header).encode(), b"\n", rest, b"\n", *records]), made


def unpack(rest: bytes, records: int) -> tuple[Lines, bytes, Index] | None:
    """The parts of an entry's body (``rest``, see :func:`read_head`; ``records``, how many
    bytes of records follow it): the lines, the file's JSON but its exercises, and the
    index; None if the lines or the index are of another shape. Raises ValueError or
    RecursionError for a body that is not one (a part missing, bad JSON)."""
    first = rest.index(b"\n")
    second = rest.index(b"\n", first + 1)
    view = memoryview(rest)
    lines = _lines(json.loads(view[:first].tobytes()))
    index = _index(json.loads(view[second + 1 :].tobytes()), records)
    if lines is None or index is None:
        return None
    return lines, view[first + 1 : second].tobytes(), index


def _lines(data: object) -> Lines | None:
    if not isinstance(data, dict):
        return None
    for kind, table in data.items():
        if not isinstance(kind, str) or not isinstance(table, dict):
            return None
        for ident, line in table.items():
            if not isinstance(ident, str) or type(line) is not int:
                return None
    return data


def _index(data: object, size: int) -> Index | None:
    if not (isinstance(data, list) and len(data) == 3):
        return None
    ids, ends, digests = data
    if not (isinstance(ids, list) and isinstance(ends, list) and isinstance(digests, list)):
        return None
    if not len(ids) == len(ends) == len(digests):
        return None
    if not (set(map(type, ids)) <= {str} and set(map(type, digests)) <= {str}):
        return None
    if not set(map(type, ends)) <= {int}:
        return None
    if ends and (ends[0] < 0 or ends[-1] > size or any(map(operator.gt, ends, ends[1:]))):
        return None
    return ids, ends, digests


# ---------------------------------------------------------------------- reading


def read_bytes(entry: Path) -> bytes | None:
    """A whole cache file, or None if it cannot be read (or is not a file, or too big)."""
    from kneefit.files import read_bytes as read_guarded

    try:
        return read_guarded(entry, limit=MAX_CACHE_BYTES)
    except KneefitError:
        return None


def _pread(fd: int, size: int, offset: int) -> bytes:
    chunks: list[bytes] = []
    while size > 0:
        chunk = os.pread(fd, size, offset)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def read_head(entry: Path) -> tuple[object, bytes, int, Stamp] | None:
    """An entry's header, the part its digest covers, where its records start, and the
    entry file's stamp; the records themselves are read when asked for."""
    from kneefit.files import opened

    try:
        with opened(entry, limit=MAX_CACHE_BYTES) as handle:
            start = _pread(handle.fd, _HEADER_BYTES, 0)
            end = start.find(b"\n")
            if end < 0:
                return None
            header = json.loads(start[:end])
            size = header.get("size") if isinstance(header, dict) else None
            if type(size) is not int or not 0 <= size <= handle.info.st_size:
                return None
            rest = _pread(handle.fd, size, end + 1)
            if len(rest) != size:
                return None
            return header, rest, end + 1 + size + 1, stamp(handle.info)
    except KneefitError:
        return None


@dataclass(frozen=True)
class Place:
    """Where a cache entry's records are: the entry file as it was read, and the offset its
    records start at."""

    entry: Path
    stamp: Stamp
    base: int
    #: The catalogue file the entry is of, as messages name it.
    file: str

    def read(self, start: int, end: int) -> bytes | None:
        """The bytes from ``start`` to ``end`` of the records; None if the entry is no
        longer the file it was (replaced, changed) or cannot be read."""
        from kneefit.files import opened

        try:
            with opened(self.entry, limit=MAX_CACHE_BYTES) as handle:
                if stamp(handle.info) != self.stamp:
                    return None
                return _pread(handle.fd, end - start, self.base + start)
        except (KneefitError, OSError):
            return None
