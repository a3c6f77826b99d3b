"""Write rendered output to standard output or to a file, safely.

Every file kneefit writes goes through :func:`staged`: a temporary file in the same
directory, flushed (and for ``-o`` files synced), then renamed over the target, so a crash
leaves the old file or the new one, never half of one. While a temporary file exists,
SIGTERM is turned into an exception so the file is removed, as on Ctrl-C, and then the
process ends by SIGTERM as it would have.

Standard output is written as bytes in its own encoding, with ASCII stand-ins where that
encoding cannot show a character. A reader that goes away before everything is written
(``kneefit plan | head -c 10``) ends kneefit with exit code 141, even when the last write
was only partly taken.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import signal
import sys
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from kneefit.errors import DataError, KneefitError, UsageError

_STAND_INS = {
    "\u2014": "--",
    "\u2013": "-",
    "\u2012": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u2022": "*",
    "\u00b7": "*",
    "\u00d7": "x",
    "\u00b0": " deg",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2192": "->",
    "\u2190": "<-",
    "\u00bd": "1/2",
    "\u00bc": "1/4",
    "\u00be": "3/4",
    "\u00a0": " ",
    "\u2212": "-",
    "\u00ae": "(R)",
    "\u00a9": "(C)",
    "\u2122": "(TM)",
}


class PipeClosed(KneefitError):
    """The reader of standard output went away; say nothing more."""

    exit_code = 141


def is_utf(encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def stand_in(char: str) -> str:
    """An ASCII stand-in for a character the output cannot show."""
    if char in _STAND_INS:
        return _STAND_INS[char]
    decomposed = unicodedata.normalize("NFKD", char)
    ascii_part = decomposed.encode("ascii", "ignore").decode("ascii")
    return ascii_part or "?"


def encode(text: str, encoding: str) -> bytes:
    """Encode ``text``; characters the encoding lacks become readable ASCII stand-ins."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        pass
    out = []
    for char in text:
        try:
            out.append(char.encode(encoding))
        except UnicodeEncodeError:
            out.append(stand_in(char).encode(encoding, "replace"))
    return b"".join(out)


def stdout_encoding() -> str:
    stream = sys.stdout
    return getattr(stream, "encoding", None) or "utf-8"


def _silence_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's last flush cannot fail."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def write_stdout(text: str | bytes) -> None:
    """Write to standard output, mapping a closed pipe or a full disk to kneefit's errors.
    Bytes (a PDF) are written as they are."""
    stream = sys.stdout
    if stream is None:
        raise DataError("cannot write output: standard output is closed")
    data = text if isinstance(text, bytes) else encode(text, stdout_encoding())
    binary: BinaryIO | None = getattr(stream, "buffer", None)
    try:
        stream.flush()
        if binary is not None:
            _write_all(binary, data)
        else:
            stream.write(data.decode(stdout_encoding(), "replace"))
            stream.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise PipeClosed("") from None
    except (OSError, ValueError) as exc:
        _silence_stdout()
        reason = getattr(exc, "strerror", None) or str(exc)
        if isinstance(exc, OSError) and exc.errno == errno.EBADF:
            reason = "standard output is closed"
        raise DataError(f"cannot write output: {reason}") from None


def _write_all(binary: BinaryIO, data: bytes) -> None:
    """Write every byte. A write to a pipe whose reader just left may take part of the data
    and report success; the next write then fails, which is what tells the pipe was closed."""
    view = memoryview(data)
    while view:
        written = binary.write(view)
        if not isinstance(written, int) or written >= len(view):
            break
        if written <= 0:
            raise OSError(errno.EIO, "the output took no data")
        view = view[written:]
    binary.flush()


def output_path(name: str) -> Path:
    """The file ``-o`` / ``--output`` names; a usage error if the name is empty."""
    if not name:
        raise UsageError(
            "'-o' / '--output': the file name is empty; give a file name, or leave out -o "
            "to write to standard output"
        )
    return Path(name)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return f"{str(path)[:80]}...: the file name is too long for the file system"
    if exc.errno == errno.ENOTDIR:
        return f"{path}: a part of the path is a file, not a directory"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{path}: cannot write: permission denied"
    if exc.errno == errno.EROFS:
        return f"{path}: cannot write: the file system is read-only"
    if exc.errno == errno.ENOSPC:
        return f"{path}: cannot write: the disk is full"
    return f"{path}: cannot write: {exc.strerror or exc}"


def write_file(path: Path, text: str | bytes, *, force: bool) -> None:
    """Write ``text`` (UTF-8) or bytes to ``path`` atomically, refusing to replace a file
    unless ``force``."""
    target = path
    if "\x00" in str(target):
        raise DataError(f"{str(path)!r}: is not a usable file name (it holds a NUL character)")
    try:
        if target.is_dir():
            raise DataError(f"{path}: is a directory")
        if target.exists() and not force:
            raise DataError(f"{path}: already exists; use --force to replace it")
        directory = target.parent if str(target.parent) else Path()
        if not directory.is_dir():
            raise DataError(f"{path}: the directory {directory} does not exist")
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
                    raise DataError(f"{path}: already exists; use --force to replace it") from None
                except OSError as exc:
                    if exc.errno == errno.ENAMETOOLONG:
                        raise
                    temp.replace(target)  # a file system without hard links
        _sync_directory(directory)
    except OSError as exc:
        raise DataError(_reason(path, exc)) from None


class _Terminated(BaseException):
    """SIGTERM arrived while a temporary file existed."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Within: SIGTERM raises _Terminated, so clean-ups run. Afterwards the process ends by
    SIGTERM, as it would have without kneefit's handler.

    The handler is only installed by the main thread, and only over the default one.
    """
    usable = (
        hasattr(signal, "SIGTERM")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    )
    if not usable:
        yield
        return
    signal.signal(signal.SIGTERM, _raise_terminated)
    terminated = False
    try:
        yield
    except _Terminated:
        terminated = True
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if terminated:
        _silence_stdout()
        signal.raise_signal(signal.SIGTERM)


@contextlib.contextmanager
def _sigterm_blocked() -> Iterator[None]:
    """Hold SIGTERM back (where the system allows) while a temporary file is being created
    and noted, so there is no moment when it exists unnoted."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None or not hasattr(signal, "SIGTERM"):
        yield
        return
    before = block(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, before)  # as it was: blocked stays blocked


@contextlib.contextmanager
def staged(target: Path, data: bytes, *, durable: bool = True) -> Iterator[Path]:
    """A temporary file beside ``target`` holding ``data``, to be moved onto it.

    ``durable`` syncs it to disk first. Whatever happens (an error, Ctrl-C, SIGTERM), it is
    gone afterwards unless it was moved: a failed write leaves nothing behind.
    """
    # The temporary name stays short: a target name near the file system's limit must not
    # fail only because of the temporary file's longer name.
    prefix = f".{target.name[:64]}."
    with _terminate_cleanly():
        temps: list[Path] = []
        try:
            with _sigterm_blocked():
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
