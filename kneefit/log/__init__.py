"""The session log: what a person did, how much it hurt, and the last plan kneefit printed.

One concern per module:

- :mod:`~kneefit.log.store`: :class:`LogStore`, what the use cases need of a log;
- :mod:`~kneefit.log.sqlite`: the log in SQLite, the one store (:func:`open_log`,
  :func:`delete_log`);
- :mod:`~kneefit.log.schema`: its schema versions and their migrations;
- :mod:`~kneefit.log.checkin`: :class:`CheckIn`, outcome scores on a date;
- :mod:`~kneefit.log.walk`: :class:`Walk`, minutes walked on a date, and
  :class:`ReviewDone`, a weekly review;
- :mod:`~kneefit.log.remembered`: the last plan printed, what ``kneefit log`` records by
  default;
- :mod:`~kneefit.log.export`: the export format (``kneefit log export`` and ``import``) and
  history's JSON.

Each name below is imported from its module when first used, so that naming ``CheckIn``
does not import SQLite or the export format.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kneefit.log.checkin import CheckIn
    from kneefit.log.export import (
        EXPORT_VERSION,
        checkin_dict,
        export_text,
        parse_checkins,
        parse_export,
        parse_walks,
        session_dict,
        walk_dict,
    )
    from kneefit.log.remembered import (
        LAST_PLAN,
        RememberedPlan,
        forget_plan,
        last_plan,
        remember_plan,
    )
    from kneefit.log.schema import SCHEMA_VERSION
    from kneefit.log.sqlite import FILE_NAME, SqliteLog, delete_log, open_log
    from kneefit.log.store import LogStore
    from kneefit.log.walk import ReviewDone, Walk

#: Where each name lives.
_HOMES = {
    "CheckIn": "checkin",
    "EXPORT_VERSION": "export",
    "checkin_dict": "export",
    "export_text": "export",
    "parse_checkins": "export",
    "parse_export": "export",
    "session_dict": "export",
    "parse_walks": "export",
    "walk_dict": "export",
    "LAST_PLAN": "remembered",
    "RememberedPlan": "remembered",
    "forget_plan": "remembered",
    "last_plan": "remembered",
    "remember_plan": "remembered",
    "SCHEMA_VERSION": "schema",
    "FILE_NAME": "sqlite",
    "SqliteLog": "sqlite",
    "delete_log": "sqlite",
    "open_log": "sqlite",
    "LogStore": "store",
    "ReviewDone": "walk",
    "Walk": "walk",
}

__all__ = [
    "EXPORT_VERSION",
    "FILE_NAME",
    "LAST_PLAN",
    "SCHEMA_VERSION",
    "CheckIn",
    "LogStore",
    "RememberedPlan",
    "ReviewDone",
    "SqliteLog",
    "Walk",
    "checkin_dict",
    "delete_log",
    "export_text",
    "forget_plan",
    "last_plan",
    "open_log",
    "parse_checkins",
    "parse_export",
    "parse_walks",
    "remember_plan",
    "session_dict",
    "walk_dict",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
