"""Reading catalogue files: where the bundled one is, the size limit, and the collector pause."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path

from kneefit import files
from kneefit.errors import DataError
from kneefit.i18n import _

#: A catalogue file larger than this is refused before it is read.
MAX_CATALOGUE_BYTES = 32 * 1024 * 1024


def bundled_catalogue_path() -> Path:
    """Where the catalogue that ships with kneefit is, installed or in a source checkout."""
    from importlib.resources import files as package_files

    installed = package_files("kneefit") / "data" / "exercises.yaml"
    if installed.is_file():
        return Path(str(installed))
    checkout = Path(__file__).resolve().parents[2] / "data" / "exercises.yaml"
    if checkout.is_file():
        return checkout
    raise DataError(_("the bundled catalogue is missing from this installation; reinstall kneefit"))


def opened(path: Path | str) -> contextlib.AbstractContextManager[files.OpenFile]:
    """A catalogue file opened through the guarded reader (regular, at most the limit)."""
    return files.opened(path, limit=MAX_CATALOGUE_BYTES)


def read_text(path: Path | str) -> str:
    """A catalogue file's text: a regular UTF-8 file within the size limit, no control
    characters; otherwise a located error."""
    with opened(path) as handle:
        return handle.read_text()


@contextlib.contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while catalogue files are parsed and validated.

    Parsing creates a few objects per byte and holds them all, so the collector would walk
    the growing tree again and again (it tripled libyaml's time on a 6 MB file). The data
    holds no reference cycles; reference counting frees it as usual.

    With ``freeze``, what is alive when the block ends successfully (the catalogue) is moved
    out of the collector's sight (:func:`gc.freeze`) before it resumes. Otherwise the
    catalogue's objects would still be young: the next collections, during planning, would
    walk every one of them, a cost that grows with the catalogue (it made planning 20,000
    exercises take four times as long as 10,000). Frozen objects are still freed by
    reference counting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if freeze:
            gc.freeze()
    finally:
        if was_enabled:
            gc.enable()
