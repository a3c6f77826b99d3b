"""What the command line takes before any command runs: arguments that are text, and
standard streams kneefit can write.

- An argument holding bytes that are not UTF-8 (Python keeps them as lone surrogates) is a
  usage error naming the option it was given to, never a crash deep in the core.
- Standard output and error in an encoding that is not ASCII-compatible (``PYTHONIOENCODING=
  utf-16``, which puts NUL bytes between the letters on a terminal) are written in UTF-8
  instead; an unknown error handler (``PYTHONIOENCODING=utf-8:nonsense``) becomes
  ``backslashreplace``. An unknown encoding stops Python itself before kneefit runs.
"""

from __future__ import annotations

import codecs
import contextlib
import sys
from collections.abc import Sequence

from kneefit.errors import UsageError
from kneefit.i18n import _


def _surrogate(text: str) -> int:
    """The position of the first byte that was not UTF-8 in ``text``, or -1."""
    for index, char in enumerate(text):
        if "\udc80" <= char <= "\udcff" or "\ud800" <= char <= "\udfff":
            return index
    return -1


def text_arguments(args: Sequence[str]) -> None:
    """Refuse an argument that is not UTF-8 text, naming the option it belongs to."""
    for index, arg in enumerate(args):
        at = _surrogate(arg)
        if at < 0:
            continue
        name, equals, _value = arg.partition("=")
        byte = f"0x{ord(arg[at]) & 0xFF:02x}"
        if arg.startswith("--") and equals and _surrogate(name) < 0:
            option: str | None = name
        elif index > 0 and args[index - 1].startswith("-") and _surrogate(args[index - 1]) < 0:
            option = args[index - 1]
        else:
            option = None
        if option is not None:
            said = _(
                "the value of {option} is not text: it holds the byte {byte}, which is not "
                "UTF-8; kneefit takes its arguments (file names too) as UTF-8 text"
            ).format(option=repr(option), byte=byte)
        else:
            said = _(
                "argument {number} is not text: it holds the byte {byte}, which is not UTF-8; "
                "kneefit takes its arguments (file names too) as UTF-8 text"
            ).format(number=index + 1, byte=byte)
        raise UsageError(said)


def _ascii_compatible(encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        return "kneefit\n".encode(encoding) == b"kneefit\n"
    except (LookupError, ValueError):
        return False


def usable_streams() -> None:
    """Standard output and error in an encoding kneefit can write to a terminal or a pipe."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        errors = getattr(stream, "errors", None) or "strict"
        with contextlib.suppress(LookupError, ValueError, OSError):
            if not _ascii_compatible(getattr(stream, "encoding", None)):
                reconfigure(encoding="utf-8")
            try:
                codecs.lookup_error(errors)
            except LookupError:
                reconfigure(errors="backslashreplace")
