"""A cache of validated catalogue files, so a catalogue is parsed from YAML once, not every run.

Each catalogue file gets one cache file, named by a hash of its real path, holding a header
line (the key and a digest of the rest), the line number of each entry, and the validated
file as JSON. The key is the
file's path, size, modification time, inode and device, and kneefit's own version and model
code, so an edited catalogue or an upgraded kneefit misses the cache. A wrong key, a wrong
digest, bad JSON or data of another shape all count as a miss, and the entry is rebuilt
from the YAML. Writes go to a temporary file that replaces the entry in one step, so a
concurrent reader sees the old entry or the new one, never half of one.

The digest is keyed (BLAKE2b with a secret): a random key kneefit makes once, in a ``key``
file beside the entries that only its owner may read or write (kneefit uses the cache only
while that holds, and refuses a key that is a link, another's, or readable by others). So
an entry that does not hold exactly what kneefit wrote, damaged or changed by hand with a
digest worked out again, fails its check and is rebuilt from the catalogue, never
trusted; so do the checks of the whole catalogue kept beside them. (Whoever runs as the
person can read the key, as they can change anything else kneefit reads; the key keeps
out everyone else, and a change made without it.)

An entry whose key and digest match is kneefit's own validation, written after it passed:
its models are rebuilt from the JSON without validating again (:mod:`.rebuild`; about a
sixth less time than pydantic's validation of the same models). Two checks stay, both
cheap: the shape (every field of every model, every enum value known) and the text: an
entry whose JSON could hold a control character or a bidirectional override (any escape
but a newline, tab, quote or backslash; DEL; C1 or override characters in UTF-8) is
validated in full, so even an entry signed with a stolen key cannot put an escape
sequence on the terminal.

The checks of the whole catalogue (references, uncited sources, weakened safety rules) are
kept too, in a ``checks`` folder, by the names and digests of the layers they were run on,
with a keyed digest of their own: a run whose every layer came from the cache needs not run
them again.

Cache files are read through the guarded reader (:mod:`kneefit.files`): a FIFO, a device or an
oversized file in the cache is a miss, never a hang.

Nothing here raises: a cache that cannot be read or written is simply not used. Nothing
here reads the clock either: whoever stores an entry says what time it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import operator
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import overload

from kneefit import __version__
from kneefit.catalogue import rebuild
from kneefit.catalogue.lookup import Deferred
from kneefit.catalogue.schema import CatalogueFile
from kneefit.errors import KneefitError, Problem, ProblemError
from kneefit.i18n import _, language
from kneefit.models import Exercise

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


def _key(real: str, info: os.stat_result) -> dict[str, object]:
    return {
        "format": FORMAT,
        "kneefit": __version__,
        "code": _code_stamp(),
        "path": real,
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "inode": info.st_ino,
        "device": info.st_dev,
    }


def _entry(real: str, folder: Path) -> Path:
    name = hashlib.sha256(real.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return folder / "catalogues" / f"{name}.json"


def _digest(body: bytes | memoryview, secret: bytes) -> str:
    """The keyed digest of an entry: only a holder of ``secret`` can make a matching one."""
    return hashlib.blake2b(body, digest_size=16, key=secret).hexdigest()


#: The file beside the entries that holds the key their digests are made with.
KEY_FILE = "key"
KEY_BYTES = 32


def secret(folder: Path, *, create: bool = False) -> bytes | None:
    """The key of the cache in ``folder``: made (with ``create``) if there is none; None if
    it cannot be used: not a regular file of :data:`KEY_BYTES` bytes, a link, owned by
    another user, or open to others (its mode must be 600). Never raises."""
    path = folder / KEY_FILE
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return _new_secret(folder) if create else None
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != KEY_BYTES:
            return None
        if hasattr(os, "geteuid") and (info.st_uid != os.geteuid() or info.st_mode & 0o077):
            return None
        data = os.read(fd, KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) == KEY_BYTES else None


def _new_secret(folder: Path) -> bytes | None:
    """A new key, put in place in one step (a link, which fails if another process put its
    own meanwhile: then that one is the key)."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, name = tempfile.mkstemp(prefix=".key.", dir=folder)  # mode 600
    except OSError:
        return None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(KEY_BYTES))
        with contextlib.suppress(FileExistsError):
            os.link(name, folder / KEY_FILE)
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            Path(name).unlink()
    return secret(folder)


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


def _read(entry: Path) -> bytes | None:
    from kneefit.files import read_bytes

    try:
        return read_bytes(entry, limit=MAX_CACHE_BYTES)
    except KneefitError:
        return None


def load(path: Path, info: os.stat_result, folder: Path) -> tuple[CatalogueFile, Lines, str] | None:
    """The validation of ``path`` (as ``info`` describes it) cached in ``folder``, with the
    entry's digest; or None. Its exercises are :class:`Records`, each rebuilt when first
    asked for (``path`` is parsed afresh for a record that fails its check then)."""

    def again() -> CatalogueFile:
        # A damaged record: the file parsed afresh, and its entry written again (the file
        # is the one the entry's key names, so it was settled when it was first stored).
        from kneefit.catalogue.parsing import parse_file
        from kneefit.catalogue.reading import read_text

        parsed, lines = parse_file(read_text(path), str(path))
        try:
            after = path.stat()
        except OSError:
            after = None
        if after is None or _stamp(after) != _stamp(info):
            # Changed since this run checked it: an exercise from it has not been through
            # the checks of the whole catalogue, so none is taken from it.
            message = _("changed while kneefit was reading it: nothing was taken from it")
            raise ProblemError([Problem(str(path), message, None, None, "")])
        with contextlib.suppress(OSError):
            _write(path, info, folder, parsed, lines)
        return parsed

    try:
        key = secret(folder)
        if key is None:
            return None
        real = os.path.realpath(path)
        entry = _entry(real, folder)
        found = _read_head(entry)
        if found is None:
            return None
        header, rest, base, stamp = found
        if not isinstance(header, dict) or header.get("key") != _key(real, info):
            return None
        # The digest covers the lines, the file but its exercises, and the index, which holds
        # each exercise's own digest: a record is read, and checked, when first asked for.
        digest = _digest(rest, key)
        if header.get("digest") != digest:
            return None
        first = rest.index(b"\n")
        second = rest.index(b"\n", first + 1)
        view = memoryview(rest)
        lines = _lines(json.loads(view[:first].tobytes()))
        index = _index(json.loads(view[second + 1 :].tobytes()), stamp[2] - base)
        if lines is None or index is None:
            return None
        head = _catalogue_file(view[first + 1 : second].tobytes())
        if head.exercises:
            return None
        records = Records(_Place(entry, stamp, base, str(path)), index, key, again)
        # The file's model is frozen; its exercises, none so far, become the records.
        head.__dict__["exercises"] = records
        return head, lines, digest
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        # Missing, unreadable, truncated, corrupt, of another shape or refused: a miss.
        return None


#: What tells one version of an entry file from another: inode, device, size, mtime.
_Stamp = tuple[int, int, int, int]


def _stamp(info: os.stat_result) -> _Stamp:
    return (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)


#: At most this much is read to find an entry's header line.
_HEADER_BYTES = 1 << 16


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


def _read_head(entry: Path) -> tuple[object, bytes, int, _Stamp] | None:
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
            return header, rest, end + 1 + size + 1, _stamp(handle.info)
    except KneefitError:
        return None


@dataclass(frozen=True)
class _Place:
    """Where a cache entry's records are: the entry file as it was read, and the offset its
    records start at."""

    entry: Path
    stamp: _Stamp
    base: int
    #: The catalogue file the entry is of, as messages name it.
    file: str

    def read(self, start: int, end: int) -> bytes | None:
        """The bytes from ``start`` to ``end`` of the records; None if the entry is no
        longer the file it was (replaced, changed) or cannot be read."""
        from kneefit.files import opened

        try:
            with opened(self.entry, limit=MAX_CACHE_BYTES) as handle:
                if _stamp(handle.info) != self.stamp:
                    return None
                return _pread(handle.fd, end - start, self.base + start)
        except (KneefitError, OSError):
            return None


#: Where each exercise's record lies in an entry: the ids, where each record ends (each
#: starts where the one before ends) and each record's digest.
Index = tuple[list[str], list[int], list[str]]


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


class Records(Deferred):
    """A cached file's exercises, each read and rebuilt from its own record when first
    asked for.

    A record is used only if its keyed digest is the one the entry's index gives (the index
    itself is checked with the entry), it was read from the very entry file the index was,
    and it holds the exercise the index names; otherwise the file is parsed afresh
    (``again``) and the exercise taken from it, as a damaged entry is a miss. A record that
    may hold a control character is validated (see :func:`plain_json`)."""

    __slots__ = ("_again", "_ends", "_index", "_made", "_parsed", "_place", "_secret", "ids")

    def __init__(
        self, place: _Place, index: Index, key: bytes, again: Callable[[], CatalogueFile]
    ) -> None:
        self._place = place
        self._index = index
        self._secret = key
        self._again = again
        self._parsed: CatalogueFile | None = None
        self._made: list[Exercise | None] = [None] * len(index[0])
        self.ids = tuple(index[0])

    @overload
    def __getitem__(self, position: int) -> Exercise: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Exercise]: ...
    def __getitem__(self, position: int | slice) -> Exercise | Sequence[Exercise]:
        if isinstance(position, slice):
            return tuple(self[i] for i in range(len(self._made))[position])
        made = self._made[position]
        if made is None:
            made = self._made[position] = self._rebuilt(position % len(self._made))
        return made

    def __len__(self) -> int:
        return len(self._made)

    def __iter__(self) -> Iterator[Exercise]:
        return (self[i] for i in range(len(self._made)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Records({len(self._made)} exercises)"

    def _rebuilt(self, position: int) -> Exercise:
        ids, ends, digests = self._index
        ident = ids[position]
        record = self._place.read(ends[position - 1] if position else 0, ends[position])
        if record is not None and _digest(record, self._secret) == digests[position]:
            with contextlib.suppress(ValueError, KeyError, TypeError, RecursionError):
                made = _exercise(record)
                if made.id == ident:
                    return made
        # Damaged or changed: the file itself, parsed afresh (located errors if it is bad).
        if self._parsed is None:
            self._parsed = self._again()
        found = self._parsed.exercises
        if position < len(found) and found[position].id == ident:
            return found[position]
        # The file changed since its entry was read, and no longer holds it there.
        message = _("no exercise with id {ref!r}").format(ref=ident)
        raise ProblemError(
            [Problem(self._place.file, message, None, None, f"exercises[{position}]")]
        )


def _exercise(record: bytes) -> Exercise:
    """An exercise from its record: rebuilt, or validated (see :func:`_catalogue_file`)."""
    if plain_json(record):
        try:
            build = rebuild.builder(Exercise)
        except rebuild.Unsupported:
            pass
        else:
            from pydantic_core import from_json

            return build(from_json(record))
    return Exercise.model_validate_json(record)


#: Bytes that start a JSON escape kneefit's own text may hold: newline, tab, quote, backslash.
_HARMLESS_ESCAPES = frozenset([b"n", b"t", b'"', b"\\"])


def plain_json(body: bytes) -> bool:
    """Whether JSON ``body`` certainly holds no control character (but newline and tab) and
    no bidirectional override in any string: what catalogue text may never hold.

    JSON has a C0 control character only as an escape; DEL, the C1 controls and the
    overrides may also be there as they are, in UTF-8. False means "maybe": validate.
    """
    if b"\x7f" in body:
        return False
    start = body.find(b"\\")
    while start >= 0:
        if body[start + 1 : start + 2] not in _HARMLESS_ESCAPES:
            return False
        start = body.find(b"\\", start + 2)
    # U+0080 to U+009F are C2 80 to C2 9F in UTF-8; U+202A to U+202E are E2 80 AA to
    # E2 80 AE, and U+2066 to U+2069 are E2 81 A6 to E2 81 A9.
    for lead, bad in ((b"\xc2", _C1), (b"\xe2", _OVERRIDES)):
        start = body.find(lead)
        while start >= 0:
            if body[start : start + 3] in bad or body[start : start + 2] in bad:
                return False
            start = body.find(lead, start + 1)
    return True


_C1 = frozenset(bytes([0xC2, low]) for low in range(0x80, 0xA0))
_OVERRIDES = frozenset(
    [bytes([0xE2, 0x80, low]) for low in range(0xAA, 0xAF)]
    + [bytes([0xE2, 0x81, low]) for low in range(0xA6, 0xAA)]
)


def _catalogue_file(body: bytes) -> CatalogueFile:
    """The catalogue file of a matching entry's JSON: rebuilt, or validated (see above)."""
    if plain_json(body):
        try:
            build = rebuild.builder(CatalogueFile)
        except rebuild.Unsupported:
            pass
        else:
            from pydantic_core import from_json

            return build(from_json(body))
    return CatalogueFile.model_validate_json(body)


def store(
    path: Path,
    info: os.stat_result,
    folder: Path,
    parsed: CatalogueFile,
    lines: Lines,
    now: datetime,
) -> str | None:
    """Keep ``parsed`` in ``folder`` as the validation of ``path``; return the entry's digest,
    or None if it was not kept (edited less than :data:`SETTLE_SECONDS` before ``now``, the
    real time, or the folder cannot be written)."""
    if now.timestamp() - info.st_mtime_ns / 1e9 < SETTLE_SECONDS:
        return None
    return _write(path, info, folder, parsed, lines)


def _write(
    path: Path, info: os.stat_result, folder: Path, parsed: CatalogueFile, lines: Lines
) -> str | None:
    from kneefit.output import replace_file

    try:
        key = secret(folder, create=True)
        if key is None:
            return None
        real = os.path.realpath(path)
        entry = _entry(real, folder)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Each exercise a record of its own, found by the index, with its own digest.
        records = [ex.model_dump_json().encode() for ex in parsed.exercises]
        ends = list(itertools.accumulate(map(len, records)))
        index = [[ex.id for ex in parsed.exercises], ends, [_digest(r, key) for r in records]]
        head = parsed.model_copy(update={"exercises": ()}).model_dump_json().encode()
        rest = b"\n".join([json.dumps(lines).encode(), head, json.dumps(index).encode()])
        digest = _digest(rest, key)
        header = {"key": _key(real, info), "digest": digest, "size": len(rest)}
        replace_file(entry, b"".join([json.dumps(header).encode(), b"\n", rest, b"\n", *records]))
    except (OSError, ValueError):
        return None
    return digest


# ---------------------------------------------------------------------- whole-catalogue checks

#: The layers a check ran on: each file's name and its entry's digest.
Layers = list[tuple[str, str]]


def _checks_entry(layers: Layers, folder: Path) -> tuple[Path, dict[str, object]]:
    key: dict[str, object] = {
        "format": FORMAT,
        "kneefit": __version__,
        "code": _code_stamp(),
        "layers": [list(pair) for pair in layers],
        # The weakened rules are kept as sentences, in the language they were said in.
        "language": language(),
    }
    name = hashlib.sha256(json.dumps(key).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return folder / "checks" / f"{name}.json", key


def _strings(value: object) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def load_checks(layers: Layers, folder: Path) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The uncited sources and weakened rules found on these very layers, or None."""
    try:
        secret_key = secret(folder)
        if secret_key is None:
            return None
        entry, key = _checks_entry(layers, folder)
        raw = _read(entry)
        if raw is None:
            return None
        body, _, digest = raw.rpartition(b"\n")
        if digest.decode("ascii") != _digest(body, secret_key):
            return None
        data = json.loads(body)
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        uncited, weakened = _strings(data.get("uncited")), _strings(data.get("weakened"))
        if uncited is None or weakened is None:
            return None
        return uncited, weakened
    except (OSError, ValueError, RecursionError):
        return None


def store_checks(
    layers: Layers, folder: Path, uncited: tuple[str, ...], weakened: tuple[str, ...]
) -> None:
    """Keep the result of checks that passed on these layers; give up quietly on failure."""
    from kneefit.output import replace_file

    try:
        secret_key = secret(folder, create=True)
        if secret_key is None:
            return
        entry, key = _checks_entry(layers, folder)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        body = json.dumps({"key": key, "uncited": list(uncited), "weakened": list(weakened)})
        data = body.encode()
        replace_file(entry, data + b"\n" + _digest(data, secret_key).encode())
    except (OSError, ValueError):
        pass


# ---------------------------------------------------------------------- other keyed results


def _keyed_entry(kind: str, key: dict[str, object], folder: Path) -> tuple[Path, dict[str, object]]:
    full: dict[str, object] = {
        "format": FORMAT,
        "kneefit": __version__,
        "code": _code_stamp(),
        "kind": kind,
        **key,
    }
    text = json.dumps(full, sort_keys=True).encode("utf-8", "surrogatepass")
    name = hashlib.sha256(text).hexdigest()[:32]
    return folder / kind / f"{name}.json", full


def load_keyed(kind: str, key: dict[str, object], folder: Path) -> object | None:
    """What :func:`store_keyed` kept of ``kind`` under ``key`` (plain JSON data, its text
    certainly free of control characters), or None."""
    try:
        secret_key = secret(folder)
        if secret_key is None:
            return None
        entry, full = _keyed_entry(kind, key, folder)
        raw = _read(entry)
        if raw is None:
            return None
        body, _, digest = raw.rpartition(b"\n")
        if digest.decode("ascii") != _digest(body, secret_key) or not plain_json(body):
            return None
        data = json.loads(body)
        if not isinstance(data, dict) or data.get("key") != full:
            return None
        return data.get("data")
    except (OSError, ValueError, RecursionError):
        return None


def store_keyed(kind: str, key: dict[str, object], folder: Path, data: object) -> None:
    """Keep ``data`` (plain JSON data) of ``kind`` under ``key``; give up quietly on failure."""
    from kneefit.output import replace_file

    try:
        secret_key = secret(folder, create=True)
        if secret_key is None:
            return
        entry, full = _keyed_entry(kind, key, folder)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Text as it is (no \u escapes): plain_json must be able to vouch for it on reading.
        body = json.dumps({"key": full, "data": data}, ensure_ascii=False).encode()
        replace_file(entry, body + b"\n" + _digest(body, secret_key).encode())
    except (OSError, ValueError):
        pass
