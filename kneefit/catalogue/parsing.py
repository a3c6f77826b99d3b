"""One catalogue file's text to a validated file: YAML to data, its shape, its entries."""

from __future__ import annotations

from collections.abc import Sequence

from kneefit import yamlread
from kneefit.catalogue.schema import CatalogueFile
from kneefit.catalogue.validation import check_unique_ids, validate
from kneefit.errors import Problem, ProblemError
from kneefit.i18n import _
from kneefit.models import Condition, Exercise, Source
from kneefit.templates import ProgramTemplate

TOP_LEVEL = ("sources", "exercises", "conditions", "programs", "safety")
KINDS = ("sources", "exercises", "conditions", "programs")

#: The line of each entry of a file, by kind and id (for messages about cross-references).
Lines = dict[str, dict[str, int]]


def parse_file(text: str, name: str) -> tuple[CatalogueFile, Lines]:
    """Validate one catalogue file's text; return it and the line of each entry by id."""
    data, locator = yamlread.load(text, name)
    if data is None:
        raise ProblemError(
            [Problem(name, _("is empty; a catalogue needs exercises or conditions"))]
        )
    if not isinstance(data, dict):
        mark = locator.locate(())
        raise ProblemError(
            [
                Problem(
                    name,
                    _("the top level must be a mapping with any of: {keys}").format(
                        keys=", ".join(TOP_LEVEL)
                    ),
                    mark.line if mark else None,
                    mark.column if mark else None,
                )
            ]
        )
    parsed = validate(data, locator, name)
    lines: dict[str, list[tuple[str, int]]] = {}
    for kind in KINDS:
        entries: Sequence[Source | Exercise | Condition | ProgramTemplate] = getattr(parsed, kind)
        pairs = []
        for index, entry in enumerate(entries):
            mark = locator.locate((kind, index))
            pairs.append((entry.id, mark.line if mark else 0))
        lines[kind] = pairs
    check_unique_ids(name, lines)
    return parsed, {kind: dict(entries) for kind, entries in lines.items()}
