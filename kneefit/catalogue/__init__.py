"""The exercise catalogue: files read, validated, layered by id, checked, and looked up.

One concern per module:

- :mod:`~kneefit.catalogue.reading`: where the bundled file is, reading a file within the
  limits (through :mod:`kneefit.files`), the garbage-collector pause;
- :mod:`kneefit.yamlread`: YAML text to plain data and a locator;
- :mod:`~kneefit.catalogue.validation` and :mod:`~kneefit.catalogue.parsing`: data to a
  validated file, with friendly, located errors (through :mod:`kneefit.validation_messages`);
- :mod:`~kneefit.catalogue.layering`: layering files by id, references, uncited sources;
- :mod:`~kneefit.catalogue.weakening`: every bundled safety rule a later layer loosens, by
  the table of :mod:`~kneefit.catalogue.rule_fields` (how each field is compared);
- :mod:`~kneefit.catalogue.lookup`: the catalogue in force and looking names up;
- :mod:`~kneefit.catalogue.cache`: validated files kept between runs (the layout of an
  entry: :mod:`~kneefit.catalogue.cache_format`; the key its digests are made with:
  :mod:`~kneefit.catalogue.cache_secret`; its models made again:
  :mod:`~kneefit.catalogue.cache_records`, with :mod:`~kneefit.catalogue.plain_json`; the
  checks and other results kept beside it: :mod:`~kneefit.catalogue.cache_results`);
- :mod:`~kneefit.catalogue.translations`: the catalogue's words in another language, by id
  (what is prose: :mod:`~kneefit.catalogue.prose`; reading a translation file:
  :mod:`~kneefit.catalogue.translation_file`);
- :mod:`~kneefit.catalogue.loading`: all of it together.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kneefit.catalogue.layering import Layer, merge
    from kneefit.catalogue.loading import load_catalogue, read_layer
    from kneefit.catalogue.lookup import Catalogue, normalise
    from kneefit.catalogue.parsing import parse_file
    from kneefit.catalogue.reading import MAX_CATALOGUE_BYTES, bundled_catalogue_path, read_text

#: Where each name lives. A name is imported when first used, so that a command that only
#: reads a file (``read_text``) or names a type does not import the loading, layering and
#: caching machinery as well.
_HOMES = {
    "MAX_CATALOGUE_BYTES": "reading",
    "Catalogue": "lookup",
    "Layer": "layering",
    "bundled_catalogue_path": "reading",
    "load_catalogue": "loading",
    "merge": "layering",
    "normalise": "lookup",
    "parse_file": "parsing",
    "read_layer": "loading",
    "read_text": "reading",
}

__all__ = [
    "MAX_CATALOGUE_BYTES",
    "Catalogue",
    "Layer",
    "bundled_catalogue_path",
    "load_catalogue",
    "merge",
    "normalise",
    "parse_file",
    "read_layer",
    "read_text",
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
