"""The cache's secret key, and the keyed digests made with it.

The key is random, made once, in a ``key`` file beside the cache's entries that only its
owner may read or write: kneefit uses the cache only while that holds, and refuses a key
that is a link, another's, or readable by others. Every entry, and every result kept
beside them, carries a digest keyed with it (BLAKE2b with a secret), so one that does not
hold exactly what kneefit wrote, damaged or changed by hand with a digest worked out again,
fails its check and is never trusted. (Whoever runs as the person can read the key, as they
can change anything else kneefit reads; the key keeps out everyone else, and a change made
without it.)

Nothing here raises: a key that cannot be read, made or trusted is None, and the cache is
not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from pathlib import Path

#: The file beside the entries that holds the key their digests are made with.
KEY_FILE = "key"
KEY_BYTES = 32


def digest(body: bytes | memoryview, secret: bytes) -> str:
    """The keyed digest of an entry: only a holder of ``secret`` can make a matching one."""
    return hashlib.blake2b(body, digest_size=16, key=secret).hexdigest()


def secret(folder: Path, *, create: bool = False) -> bytes | None:
    """The key of the cache in ``folder``: made (with ``create``) if there is none; None if
    it cannot be used: not a regular file of :data:`KEY_BYTES` bytes, a link, owned by
    another user, or open to others (its mode must be 600). Never raises."""
    path = folder / KEY_FILE
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return _new_secret(folder) if create else None
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != KEY_BYTES:
            return None
        if hasattr(os, "geteuid") and (info.st_uid != os.geteuid() or info.st_mode & 0o077):
            return None
        data = os.read(fd, KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) == KEY_BYTES else None


def _new_secret(folder: Path) -> bytes | None:
    """A new key, put in place in one step (a link, which fails if another process put its
    own meanwhile: then that one is the key)."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, name = tempfile.mkstemp(prefix=".key.", dir=folder)  # mode 600
    except OSError:
        return None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(KEY_BYTES))
        with contextlib.suppress(FileExistsError):
            os.link(name, folder / KEY_FILE)
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            Path(name).unlink()
    return secret(folder)
