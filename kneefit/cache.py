"""A cache of validated catalogue files, so a catalogue is parsed from YAML once, not every run.

Each catalogue file gets one cache file, named by a hash of its real path, holding a header
line (the key and a digest of the rest), the line number of each entry, and the validated
file as JSON. The key is the
file's path, size, modification time, inode and device, and kneefit's own version and model
code, so an edited catalogue or an upgraded kneefit misses the cache. A cache file is never
trusted: a wrong key, a wrong digest, bad JSON or data the models refuse all count as a miss,
and the entry is rebuilt from the YAML. Writes go to a temporary file that replaces the entry
in one step, so a concurrent reader sees the old entry or the new one, never half of one.

Nothing here raises: a cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from kneefit import __version__
from kneefit.models import CatalogueFile

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
    for name in ("models.py", "catalogue.py", "yamlread.py"):
        try:
            info = (here / name).stat()
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


def _digest(body: bytes) -> str:
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


def load(path: Path, info: os.stat_result, folder: Path) -> tuple[CatalogueFile, Lines] | None:
    """The validation of ``path`` (as ``info`` describes it) cached in ``folder``, or None."""
    try:
        real = os.path.realpath(path)
        with _entry(real, folder).open("rb") as handle:
            if os.fstat(handle.fileno()).st_size > MAX_CACHE_BYTES:
                return None
            header = json.loads(handle.readline())
            rest = handle.read()
        if not isinstance(header, dict) or header.get("key") != _key(real, info):
            return None
        if header.get("digest") != _digest(rest):
            return None
        lines_part, _, file_part = rest.partition(b"\n")
        lines = _lines(json.loads(lines_part))
        if lines is None:
            return None
        return CatalogueFile.model_validate_json(file_part), lines
    except (OSError, ValueError, RecursionError):
        # Missing, unreadable, truncated, corrupt or refused by the models: a miss.
        return None


def store(
    path: Path, info: os.stat_result, folder: Path, parsed: CatalogueFile, lines: Lines
) -> None:
    """Keep ``parsed`` in ``folder`` as the validation of ``path``; give up quietly on failure."""
    if time.time() - info.st_mtime_ns / 1e9 < SETTLE_SECONDS:
        return
    from kneefit.output import replace_file

    try:
        real = os.path.realpath(path)
        entry = _entry(real, folder)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        rest = json.dumps(lines).encode() + b"\n" + parsed.model_dump_json().encode()
        header = json.dumps({"key": _key(real, info), "digest": _digest(rest)}).encode()
        replace_file(entry, header + b"\n" + rest)
    except (OSError, ValueError):
        pass
