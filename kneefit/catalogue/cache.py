"""A cache of validated catalogue files, so a catalogue is parsed from YAML once, not every
run: finding a file's entry, checking it, and writing it.

Each catalogue file gets one cache entry, keyed by the file and by kneefit itself (laid out
as :mod:`~kneefit.catalogue.cache_format` says), so an edited catalogue or an upgraded
kneefit misses the cache. A wrong key, a wrong digest, bad JSON or data of another shape
all count as a miss, and the entry is rebuilt from the YAML. Writes go to a temporary file
that replaces the entry in one step, so a concurrent reader sees the old entry or the new
one, never half of one.

The digest is keyed with a secret only the person's own kneefit can read
(:mod:`~kneefit.catalogue.cache_secret`): an entry that does not hold exactly what kneefit
wrote, damaged or changed by hand with a digest worked out again, fails its check and is
rebuilt from the catalogue, never trusted. A matching entry's models are rebuilt from its
JSON without validating again, unless its text may hold a control character
(:mod:`~kneefit.catalogue.cache_records`). The checks of the whole catalogue, and other
results worked out from a file, are kept beside the entries
(:mod:`~kneefit.catalogue.cache_results`).

Nothing here raises: a cache that cannot be read or written is simply not used. Nothing
here reads the clock either: whoever stores an entry says what time it is.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path

from kneefit.catalogue.cache_format import (
    SETTLE_SECONDS,
    Lines,
    Place,
    entry_key,
    entry_path,
    pack,
    read_head,
    stamp,
    unpack,
)
from kneefit.catalogue.cache_records import Records, rebuilt
from kneefit.catalogue.cache_secret import digest, secret
from kneefit.catalogue.schema import CatalogueFile
from kneefit.errors import Problem, ProblemError
from kneefit.i18n import _


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
        if after is None or stamp(after) != stamp(info):
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
        entry = entry_path(real, folder)
        found = read_head(entry)
        if found is None:
            return None
        header, rest, base, entry_stamp = found
        if not isinstance(header, dict) or header.get("key") != entry_key(real, info):
            return None
        # The digest covers the lines, the file but its exercises, and the index, which holds
        # each exercise's own digest: a record is read, and checked, when first asked for.
        made = digest(rest, key)
        if header.get("digest") != made:
            return None
        parts = unpack(rest, entry_stamp[2] - base)
        if parts is None:
            return None
        lines, body, index = parts
        head = rebuilt(CatalogueFile, body)
        if head.exercises:
            return None
        records = Records(Place(entry, entry_stamp, base, str(path)), index, key, again)
        # The file's model is frozen; its exercises, none so far, become the records.
        head.__dict__["exercises"] = records
        return head, lines, made
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        # Missing, unreadable, truncated, corrupt, of another shape or refused: a miss.
        return None


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
    from kneefit.atomic import replace_file

    try:
        key = secret(folder, create=True)
        if key is None:
            return None
        real = os.path.realpath(path)
        entry = entry_path(real, folder)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data, made = pack(entry_key(real, info), parsed, lines, key)
        replace_file(entry, data)
    except (OSError, ValueError):
        return None
    return made
