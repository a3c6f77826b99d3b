"""Loading the catalogue in force: each file read (or found in the cache), then layered."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kneefit.catalogue import cache, cache_results
from kneefit.catalogue.layering import Checked, Layer, merge
from kneefit.catalogue.lookup import Catalogue
from kneefit.catalogue.reading import bundled_catalogue_path, collector_paused, opened

if TYPE_CHECKING:
    from kneefit.catalogue.cache_format import Lines
    from kneefit.catalogue.schema import CatalogueFile


def _parse(text: str, name: str) -> tuple[CatalogueFile, Lines]:
    # Imported here: a later run, which finds every file in the cache, needs none of the YAML
    # reader, the validation and its messages.
    from kneefit.catalogue.parsing import parse_file

    return parse_file(text, name)


def _read(path: Path, cache_dir: Path | None, now: datetime | None) -> tuple[Layer, str | None]:
    """One file's layer, and the digest of its cache entry (None if it is not cached)."""
    name = str(path)
    with opened(path) as handle:
        if cache_dir is None:
            return (name, *_parse(handle.read_text(), name)), None
        info = handle.info
        cached = cache.load(path, info, cache_dir)
        if cached is not None:
            return (name, cached[0], cached[1]), cached[2]
        text = handle.read_text()
    parsed, lines = _parse(text, name)
    digest: str | None = None
    if now is None:
        return (name, parsed, lines), digest
    with contextlib.suppress(OSError):
        after = path.stat()
        if (after.st_size, after.st_mtime_ns, after.st_ino) == (
            info.st_size,
            info.st_mtime_ns,
            info.st_ino,
        ):
            digest = cache.store(path, info, cache_dir, parsed, lines, now)
    return (name, parsed, lines), digest


def read_layer(path: Path, *, cache_dir: Path | None = None, now: datetime | None = None) -> Layer:
    """Read, parse and validate one catalogue file (its references are checked on merging).

    With a ``cache_dir``, a validation cached there by an earlier run stands in for parsing,
    as long as the file is unchanged (see :mod:`kneefit.catalogue.cache`); with ``now`` too
    (the real time, to tell a settled file from one being edited), a file parsed afresh is
    cached there.
    """
    return _read(path, cache_dir, now)[0]


#: The bundled layer by cache folder, and whether it could be stored: the bundled file does
#: not change while kneefit runs, so it is read once per process (for the last two folders).
_BUNDLED: dict[tuple[Path | None, bool], tuple[Layer, str | None]] = {}


def _bundled_layer(cache_dir: Path | None, now: datetime | None) -> tuple[Layer, str | None]:
    key = (cache_dir, now is not None)
    found = _BUNDLED.get(key)
    if found is None:
        found = _read(bundled_catalogue_path(), cache_dir, now)
        if len(_BUNDLED) >= 2:
            del _BUNDLED[next(iter(_BUNDLED))]
        _BUNDLED[key] = found
    return found


def load_catalogue(
    extra: Sequence[Path] = (),
    *,
    bundled: bool = True,
    cache_dir: Path | None = None,
    now: datetime | None = None,
) -> Catalogue:
    """The bundled catalogue with each extra file layered over it by id, fully checked.

    ``cache_dir`` is where validated files, and the checks of the whole, are cached between
    runs; None parses and checks afresh. Files are cached only given ``now``, the real time
    (see :func:`read_layer`). The collector is paused while loading and the catalogue
    frozen out of its sight afterwards (see :func:`collector_paused`), so that it is not
    walked again while planning.
    """
    with collector_paused(freeze=True):
        read = [_bundled_layer(cache_dir, now)] if bundled else []
        read += [_read(p, cache_dir, now) for p in extra]
        layers = [layer for layer, _ in read]
        digests = [(layer[0], digest) for layer, digest in read if digest is not None]
        if cache_dir is None or len(digests) != len(read):
            return merge(layers)
        known = cache_results.load_checks(digests, cache_dir)
        if known is not None:
            return merge(layers, checked=Checked(*known))
        catalogue = merge(layers)
        cache_results.store_checks(
            digests, cache_dir, catalogue.uncited_sources, catalogue.weakened
        )
        return catalogue
