"""A cache of validated catalogue files, so a catalogue is parsed from YAML once, not every run.

Each catalogue file gets one cache file, named by a hash of its real path, holding a header
line (the key and a digest of the rest), the line number of each entry, and the validated
file as JSON. The key is the
file's path, size, modification time, inode and device, and kneefit's own version and model
code, so an edited catalogue or an upgraded kneefit misses the cache. A wrong key, a wrong
digest, bad JSON or data of another shape all count as a miss, and the entry is rebuilt
from the YAML. Writes go to a temporary file that replaces the entry in one step, so a
concurrent reader sees the old entry or the new one, never half of one.

An entry whose key and digest match is kneefit's own validation, written after it passed:
its models are rebuilt from the JSON without validating again (:mod:`.rebuild`; about a
sixth less time than pydantic's validation of the same models). Two checks stay, both
cheap: the shape (every field of every model, every enum value known) and the text: an
entry whose JSON could hold a control character or a bidirectional override (any escape
but a newline, tab, quote or backslash; DEL; C1 or override characters in UTF-8) is
validated in full, so a hand-made entry with a matching digest cannot put an escape
sequence on the terminal. The digest detects damage, not forgery: whoever can write this
folder can change the person's programs anyway.

The checks of the whole catalogue (references, uncited sources, weakened safety rules) are
kept too, in a ``checks`` folder, by the names and digests of the layers they were run on: a
run whose every layer came from the cache needs not run them again.

Cache files are read through the guarded reader (:mod:`kneefit.files`): a FIFO, a device or an
oversized file in the cache is a miss, never a hang.

Nothing here raises: a cache that cannot be read or written is simply not used. Nothing
here reads the clock either: whoever stores an entry says what time it is.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

from kneefit import __version__
from kneefit.catalogue import rebuild
from kneefit.catalogue.schema import CatalogueFile
from kneefit.errors import KneefitError

#: Bumped when the layout of a cache file changes.
FORMAT = 1

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
        here.parent / "models.py",
        here.parent / "pose.py",
        here.parent / "yamlread.py",
        here.parent / "files.py",
        here / "parsing.py",
        here / "validation.py",
        here / "layering.py",
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


def _digest(body: bytes | memoryview) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


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
    entry's digest; or None."""
    try:
        real = os.path.realpath(path)
        raw = _read(_entry(real, folder))
        if raw is None:
            return None
        # Slices of a memoryview, not of the bytes: a large entry is not copied twice.
        view = memoryview(raw)
        first = raw.find(b"\n")
        second = raw.find(b"\n", first + 1)
        if first < 0 or second < 0:
            return None
        header = json.loads(view[:first].tobytes())
        if not isinstance(header, dict) or header.get("key") != _key(real, info):
            return None
        digest = _digest(view[first + 1 :])
        if header.get("digest") != digest:
            return None
        lines = _lines(json.loads(view[first + 1 : second].tobytes()))
        if lines is None:
            return None
        return _catalogue_file(view[second + 1 :].tobytes()), lines, digest
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        # Missing, unreadable, truncated, corrupt, of another shape or refused: a miss.
        return None


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
    from kneefit.output import replace_file

    try:
        real = os.path.realpath(path)
        entry = _entry(real, folder)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        rest = json.dumps(lines).encode() + b"\n" + parsed.model_dump_json().encode()
        digest = _digest(rest)
        header = json.dumps({"key": _key(real, info), "digest": digest}).encode()
        replace_file(entry, header + b"\n" + rest)
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
        entry, key = _checks_entry(layers, folder)
        raw = _read(entry)
        if raw is None:
            return None
        data = json.loads(raw)
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
        entry, key = _checks_entry(layers, folder)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        body = {"key": key, "uncited": list(uncited), "weakened": list(weakened)}
        replace_file(entry, json.dumps(body).encode())
    except (OSError, ValueError):
        pass
