"""Write files in one step: a reader sees the old file or the new one, never a part.

Every file kneefit writes goes through :func:`staged`: a temporary file in the same
directory, flushed (and for ``-o`` files synced), then renamed over the target, so a crash
leaves the old file or the new one, never half of one, and a failed write leaves nothing
behind.

A signal that ends the process is the application's to handle, not this module's: the
command line installs an :class:`Interruption` (:mod:`kneefit.cli.sigterm`) that turns
SIGTERM and SIGHUP into an exception while a temporary file exists, so the file is removed as on
Ctrl-C. Without one (kneefit used as a library), nothing is installed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from kneefit.errors import DataError, ReplaceIt, WriteToStandardOutput
from kneefit.i18n import N_, _


class Interruption(Protocol):
    """What the application does about a signal that would end it while a temporary file
    exists: the file must still be removed."""

    def guarded(self) -> AbstractContextManager[None]:
        """Around the temporary file's whole life: a signal raises an exception within,
        and ends the process afterwards."""
        ...

    def held(self) -> AbstractContextManager[None]:
        """Around the file's creation: the signal waits until the file is noted."""
        ...


class _Unguarded:
    """No handling: the default until the application installs its own."""

    def guarded(self) -> AbstractContextManager[None]:
        return contextlib.nullcontext()

    def held(self) -> AbstractContextManager[None]:
        return contextlib.nullcontext()


_interruption: Interruption = _Unguarded()


def guard_interruptions(interruption: Interruption | None) -> None:
    """Have every temporary file from now on written under ``interruption`` (None: no
    handling). The command line does this once, at start."""
    global _interruption
    _interruption = interruption if interruption is not None else _Unguarded()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return _("{file}...: the file name is too long for the file system").format(
            file=str(path)[:80]
        )
    if exc.errno == errno.ENOTDIR:
        return _("{file}: a part of the path is a file, not a directory").format(file=path)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("{file}: cannot write: permission denied").format(file=path)
    if exc.errno == errno.EROFS:
        return _("{file}: cannot write: the file system is read-only").format(file=path)
    if exc.errno == errno.ENOSPC:
        return _("{file}: cannot write: the disk is full").format(file=path)
    return _("{file}: cannot write: {error}").format(file=path, error=exc.strerror or exc)


def write_file(path: Path, text: str | bytes, *, force: bool) -> None:
    """Write ``text`` (UTF-8) or bytes to ``path`` atomically, refusing to replace a file
    unless ``force``."""
    target = path
    if "\x00" in str(target):
        raise DataError(
            _("{file}: is not a usable file name (it holds a NUL character)").format(
                file=repr(str(path))
            )
        )
    try:
        if target.is_dir():
            raise DataError(_("{file}: is a directory").format(file=path))
        kind = _not_regular(target)
        if kind is not None:
            # --force replaces a file, never a device, a pipe or a socket (/dev/null as
            # root would become a regular file).
            raise DataError(
                _(
                    "{file}: is not a regular file ({kind}); kneefit writes only regular files"
                ).format(file=path, kind=_(kind)),
                advice=WriteToStandardOutput(),
            )
        if target.exists() and not force:
            raise DataError(_("{file}: already exists").format(file=path), advice=ReplaceIt())
        directory = target.parent if str(target.parent) else Path()
        if not directory.is_dir():
            raise DataError(
                _("{file}: the directory {folder} does not exist").format(
                    file=path, folder=directory
                )
            )
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        with staged(target, data) as temp:
            temp.chmod(0o666 & ~_umask())
            if force:
                temp.replace(target)
            else:
                # link() fails if the target appeared meanwhile: never replace without --force.
                try:
                    os.link(temp, target)
                except FileExistsError:
                    raise DataError(
                        _("{file}: already exists").format(file=path), advice=ReplaceIt()
                    ) from None
                except OSError as exc:
                    if exc.errno == errno.ENAMETOOLONG:
                        raise
                    temp.replace(target)  # a file system without hard links
        _sync_directory(directory)
    except OSError as exc:
        raise DataError(_reason(path, exc)) from None


def _not_regular(target: Path) -> str | None:
    """What ``target`` is, if it exists and is not a regular file (or a link to one)."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return None
    for test, kind in (
        (stat.S_ISCHR, N_("a character device")),
        (stat.S_ISBLK, N_("a block device")),
        (stat.S_ISFIFO, N_("a pipe")),
        (stat.S_ISSOCK, N_("a socket")),
    ):
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else N_("not a file")


@contextlib.contextmanager
def staged(target: Path, data: bytes, *, durable: bool = True) -> Iterator[Path]:
    """A temporary file beside ``target`` holding ``data``, to be moved onto it.

    ``durable`` syncs it to disk first. Whatever happens (an error, Ctrl-C, and SIGTERM under
    the command line's guard), it is gone afterwards unless it was moved.
    """
    # The temporary name stays short: a target name near the file system's limit must not
    # fail only because of the temporary file's longer name.
    prefix = f".{target.name[:64]}."
    interruption = _interruption
    with interruption.guarded():
        temps: list[Path] = []
        try:
            with interruption.held():
                fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
                temps.append(Path(name))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if durable:
                    handle.flush()
                    os.fsync(handle.fileno())
            yield temps[0]
        finally:
            for temp in temps:
                with contextlib.suppress(OSError):
                    temp.unlink()


def replace_file(target: Path, data: bytes) -> None:
    """Put ``data`` at ``target`` in one step, for files that are only kneefit's own
    (a cache, the remembered plan): readers see the old file or the new one, never a part.
    Not synced to disk; raises OSError."""
    with staged(target, data, durable=False) as temp:
        temp.replace(target)


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
