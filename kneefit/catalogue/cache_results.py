"""Results kept in the cache beside the catalogue entries: the checks of the whole
catalogue, and other results worked out from a file (a translation), each under a key.

The checks of the whole catalogue (references, uncited sources, weakened safety rules) are
kept in a ``checks`` folder, by the names and digests of the layers they were run on: a run
whose every layer came from the cache needs not run them again. Other results are kept in a
folder of their kind, by a key their caller gives. Each carries a digest keyed with the
cache's secret (:mod:`~kneefit.catalogue.cache_secret`), and every key starts with kneefit's
own version and code (:func:`~kneefit.catalogue.cache_format.versions`).

Nothing here raises: a result that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kneefit.catalogue.cache_format import read_bytes, versions
from kneefit.catalogue.cache_secret import digest, secret
from kneefit.catalogue.plain_json import plain_json
from kneefit.i18n import language

# ---------------------------------------------------------------------- whole-catalogue checks

#: The layers a check ran on: each file's name and its entry's digest.
Layers = list[tuple[str, str]]


def _checks_entry(layers: Layers, folder: Path) -> tuple[Path, dict[str, object]]:
    key: dict[str, object] = {
        **versions(),
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
        raw = read_bytes(entry)
        if raw is None:
            return None
        body, _, made = raw.rpartition(b"\n")
        if made.decode("ascii") != digest(body, secret_key):
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
    from kneefit.atomic import replace_file

    try:
        secret_key = secret(folder, create=True)
        if secret_key is None:
            return
        entry, key = _checks_entry(layers, folder)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        body = json.dumps({"key": key, "uncited": list(uncited), "weakened": list(weakened)})
        data = body.encode()
        replace_file(entry, data + b"\n" + digest(data, secret_key).encode())
    except (OSError, ValueError):
        pass


# ---------------------------------------------------------------------- other keyed results


def _keyed_entry(kind: str, key: dict[str, object], folder: Path) -> tuple[Path, dict[str, object]]:
    full: dict[str, object] = {**versions(), "kind": kind, **key}
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
        raw = read_bytes(entry)
        if raw is None:
            return None
        body, _, made = raw.rpartition(b"\n")
        if made.decode("ascii") != digest(body, secret_key) or not plain_json(body):
            return None
        data = json.loads(body)
        if not isinstance(data, dict) or data.get("key") != full:
            return None
        return data.get("data")
    except (OSError, ValueError, RecursionError):
        return None


def store_keyed(kind: str, key: dict[str, object], folder: Path, data: object) -> None:
    """Keep ``data`` (plain JSON data) of ``kind`` under ``key``; give up quietly on failure."""
    from kneefit.atomic import replace_file

    try:
        secret_key = secret(folder, create=True)
        if secret_key is None:
            return
        entry, full = _keyed_entry(kind, key, folder)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Text as it is (no \u escapes): plain_json must be able to vouch for it on reading.
        body = json.dumps({"key": full, "data": data}, ensure_ascii=False).encode()
        replace_file(entry, body + b"\n" + digest(body, secret_key).encode())
    except (OSError, ValueError):
        pass
