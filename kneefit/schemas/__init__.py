"""The JSON Schemas of kneefit's JSON documents, shipped beside this module.

Each document names itself and its version in its first key (``"kneefit_plan": 1``);
:data:`SCHEMAS` maps that key to the schema's name, whose file is ``NAME.schema.json``
here. The files are generated from :mod:`kneefit.schemas.documents` (``python -m
kneefit.schemas`` writes them); reading one needs nothing but the standard library.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

#: The first key of each document, and the name of its schema.
SCHEMAS = {
    "kneefit_plan": "plan",
    "kneefit_exercises": "exercises",
    "kneefit_exercise": "exercise",
    "kneefit_conditions": "conditions",
    "kneefit_log": "log",
    "kneefit_report": "report",
    "kneefit_swaps": "swaps",
    "kneefit_review": "review",
}

#: The dialect pydantic writes.
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def schema_text(name: str) -> str:
    """The shipped schema ``name`` (plan, exercises, ...), as text."""
    return files(__name__).joinpath(file_name(name)).read_text(encoding="utf-8")


def schema(name: str) -> dict[str, Any]:
    """The shipped schema ``name`` (plan, exercises, ...)."""
    data: dict[str, Any] = json.loads(schema_text(name))
    return data


def schema_of(document: dict[str, Any]) -> str:
    """The name of the schema of a document kneefit wrote, from its first key."""
    key = next(iter(document))
    return SCHEMAS[key]


def generate(name: str) -> str:
    """Schema ``name`` as the models in :mod:`kneefit.schemas.documents` describe it, as the
    text of its file."""
    from pydantic import TypeAdapter

    from kneefit.schemas.documents import DOCUMENTS

    body = _tidy(TypeAdapter(DOCUMENTS[name]).json_schema(mode="serialization"))
    key = next(k for k, v in SCHEMAS.items() if v == name)
    data = {
        "$schema": DIALECT,
        "$id": f"urn:kneefit:schema:{name}",
        "title": f"kneefit {name}",
        "description": body.pop("description", None)
        or f"A kneefit {name} document, named by its first key '{key}'.",
    } | body
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _tidy(node: Any) -> Any:
    """``node`` without what one pydantic version writes and another does not: pydantic
    before 2.9 gives a constant an ``enum`` of itself beside its ``const``."""
    if isinstance(node, dict):
        tidy = {key: _tidy(value) for key, value in node.items()}
        if "const" in tidy and tidy.get("enum") == [tidy["const"]]:
            del tidy["enum"]
        return tidy
    if isinstance(node, list):
        return [_tidy(value) for value in node]
    return node
