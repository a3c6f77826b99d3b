"""Standard output: rendered text written as bytes in its own encoding, with ASCII
stand-ins where that encoding cannot show a character (:mod:`kneefit.stand_ins`), and the
``-o`` file name.

A reader that goes away before everything is written (``kneefit plan | head -c 10``) ends
kneefit with exit code 141, even when the last write was only partly taken.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path
from typing import BinaryIO

from kneefit.errors import DataError, KneefitError, UsageError
from kneefit.i18n import _
from kneefit.stand_ins import encode


class PipeClosed(KneefitError):
    """The reader of standard output went away; say nothing more."""

    exit_code = 141


def stdout_encoding() -> str:
    stream = sys.stdout
    return getattr(stream, "encoding", None) or "utf-8"


def silence_stdout() -> None:
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
        raise DataError(_("cannot write output: standard output is closed"))
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
        silence_stdout()
        raise PipeClosed("") from None
    except (OSError, ValueError) as exc:
        silence_stdout()
        reason = getattr(exc, "strerror", None) or str(exc)
        if isinstance(exc, OSError) and exc.errno == errno.EBADF:
            reason = _("standard output is closed")
        raise DataError(_("cannot write output: {reason}").format(reason=reason)) from None


def _write_all(binary: BinaryIO, data: bytes) -> None:
    """Write every byte. A write to a pipe whose reader just left may take part of the data
    and report success; the next write then fails, which is what tells the pipe was closed."""
    view = memoryview(data)
    while view:
        written = binary.write(view)
        if not isinstance(written, int) or written >= len(view):
            break
        if written <= 0:
            raise OSError(errno.EIO, _("the output took no data"))
        view = view[written:]
    binary.flush()


def output_path(name: str) -> Path:
    """The file ``-o`` / ``--output`` names; a usage error if the name is empty."""
    if not name:
        raise UsageError(
            _(
                "'-o' / '--output': the file name is empty; give a file name, or leave out -o "
                "to write to standard output"
            )
        )
    return Path(name)
