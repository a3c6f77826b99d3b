"""A catalogue file's data checked against the models, entry by entry, with friendly errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kneefit import validation_messages
from kneefit.catalogue.schema import CatalogueFile
from kneefit.errors import MAX_LISTED_PROBLEMS, Problem, ProblemError
from kneefit.i18n import _
from kneefit.models import Condition, Exercise, Source
from kneefit.templates import ProgramTemplate

if TYPE_CHECKING:
    from pydantic import ValidationError

    from kneefit.locator import Locator

ENTRY_MODELS: dict[str, type[Source | Exercise | Condition | ProgramTemplate]] = {
    "sources": Source,
    "exercises": Exercise,
    "conditions": Condition,
    "programs": ProgramTemplate,
}


def validate(data: dict[str, Any], locator: Locator, name: str) -> CatalogueFile:
    """Validate the file entry by entry, stopping once there are enough problems to list.

    Validating the whole file at once would make pydantic report every error of every
    entry, which for a large broken file means millions of errors and gigabytes.
    """
    from pydantic import ValidationError

    problems: list[Problem] = []
    more = 0
    stopped = False

    def record(exc: ValidationError, prefix: tuple[int | str, ...]) -> None:
        nonlocal more
        found = validation_messages.problems(
            exc, data, locator, name, prefix=prefix, limit=MAX_LISTED_PROBLEMS - len(problems)
        )
        problems.extend(found)
        more += exc.error_count() - len(found)

    lists = {k: v for k, v in data.items() if k in ENTRY_MODELS and isinstance(v, list)}
    shell: CatalogueFile | None = None
    try:
        shell = CatalogueFile.model_validate({**data, **dict.fromkeys(lists, ())})
    except ValidationError as exc:
        record(exc, ())
    entries: dict[str, tuple[Source | Exercise | Condition | ProgramTemplate, ...]] = {}
    for kind, items in lists.items():
        model = ENTRY_MODELS[kind]
        valid = []
        for index, item in enumerate(items):
            if len(problems) >= MAX_LISTED_PROBLEMS:
                stopped = True
                break
            try:
                valid.append(model.model_validate(item))
            except ValidationError as exc:
                record(exc, (kind, index))
        entries[kind] = tuple(valid)
    if problems or shell is None:
        raise ProblemError(problems, more=more, stopped=stopped)
    return shell.model_copy(update=entries)


def check_unique_ids(name: str, lines: dict[str, list[tuple[str, int]]]) -> None:
    """Refuse an id given twice within one file, naming both lines."""
    problems = []
    for kind, pairs in lines.items():
        seen: dict[str, int] = {}
        for index, (ident, line) in enumerate(pairs):
            if ident in seen:
                problems.append(
                    Problem(
                        name,
                        _("duplicate id {ident!r} (first at line {line})").format(
                            ident=ident, line=seen[ident]
                        ),
                        line,
                        None,
                        f"{kind}[{index}].id",
                    )
                )
            else:
                seen[ident] = line
    if problems:
        raise ProblemError(problems)
