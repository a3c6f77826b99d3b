"""Turn pydantic's validation errors into kneefit's located, friendly problems.

Every reader that validates data with the models (catalogues, log imports, and the program
and check-in files to come) hands its :class:`pydantic.ValidationError` here with the data,
a :class:`~kneefit.locator.Locator` and the file's name, and gets back problems such as
``mine.yaml:7:12: exercises[0].dose.setz: is not a known field; did you mean 'sets'?``
instead of pydantic's own text ("Input should be less than or equal to 10").
"""

from __future__ import annotations

import difflib
import functools
import reprlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from kneefit.errors import MAX_LISTED_PROBLEMS, Problem, ProblemError
from kneefit.i18n import N_, SOURCE_LANGUAGE, _, language

if TYPE_CHECKING:
    from pydantic import ValidationError

    from kneefit.locator import Locator

_FRIENDLY = {
    "missing": N_("is required"),
    "extra_forbidden": N_("is not a known field"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "float_type": N_("must be a number"),
    "float_parsing": N_("must be a number"),
    "string_type": N_("must be text"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false"),
    "tuple_type": N_("must be a list"),
    "list_type": N_("must be a list"),
    "model_type": N_("must be a mapping of fields"),
    "model_attributes_type": N_("must be a mapping of fields"),
    "dict_type": N_("must be a mapping of fields"),
    "frozen_set_type": N_("must be a list"),
    "date_type": N_("must be a date written YYYY-MM-DD"),
    "date_parsing": N_("must be a date written YYYY-MM-DD"),
    "date_from_datetime_parsing": N_("must be a date written YYYY-MM-DD"),
    "date_from_datetime_inexact": N_("must be a date written YYYY-MM-DD, without a time"),
}

#: Error kinds whose message is built from pydantic's context (a bound, a length).
_BOUNDS = {
    "less_than_equal": ("le", N_("must be at most {bound}")),
    "greater_than_equal": ("ge", N_("must be at least {bound}")),
    "less_than": ("lt", N_("must be less than {bound}")),
    "greater_than": ("gt", N_("must be more than {bound}")),
    "too_long": ("max_length", N_("may hold at most {bound} items")),
    "too_short": ("min_length", N_("must hold at least {bound} item(s)")),
    "string_too_long": ("max_length", N_("must be at most {bound} characters long")),
    "string_too_short": ("min_length", N_("must be at least {bound} character(s) long")),
}

#: Rarer kinds, said in pydantic's own words in English (as they always were) and in these
#: in another language: ``{pattern}`` is the pattern a text must match.
_RARER = {
    "finite_number": N_("must be a number, not NaN or infinity"),
    "string_pattern_mismatch": N_("must match the pattern {pattern}"),
    "time_type": N_("must be a time of day written HH:MM"),
    "time_parsing": N_("must be a time of day written HH:MM"),
    "datetime_type": N_("must be a date and time written YYYY-MM-DDTHH:MM:SS"),
    "datetime_parsing": N_("must be a date and time written YYYY-MM-DDTHH:MM:SS"),
    "datetime_from_date_parsing": N_("must be a date and time written YYYY-MM-DDTHH:MM:SS"),
    "set_type": N_("must be a list"),
    "int_parsing_size": N_("must be a whole number of fewer digits"),
    "multiple_of": N_("must be a multiple of {multiple_of}"),
}


@functools.cache
def _known_fields() -> tuple[str, ...]:
    from pydantic import BaseModel

    from kneefit import models

    names: set[str] = set()
    for obj in vars(models).values():
        if (
            isinstance(obj, type)
            and issubclass(obj, BaseModel)
            and obj.__name__ not in models.OWN_RECORDS
        ):
            names.update(obj.model_fields)
    return tuple(sorted(names))


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside a field's annotation (``tuple[X, ...]``, ``X | None``)."""
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _fields_at(root: str, path: Sequence[int | str]) -> tuple[str, ...]:
    """The fields of the model at ``path`` under the model named ``root``; all known fields
    where the path cannot be followed."""
    from kneefit import models

    model = _model_in(getattr(models, root, None))
    for step in path:
        if model is None:
            break
        if isinstance(step, str):
            field = model.model_fields.get(step)
            model = _model_in(field.annotation) if field is not None else None
    return tuple(model.model_fields) if model is not None else _known_fields()


def short(value: Any) -> str:
    """A value as a short repr (at most 40 characters), for a message."""
    # reprlib stops early: a value shared by aliases may expand to a huge repr.
    limited = reprlib.Repr()
    limited.maxstring = limited.maxother = 40
    limited.maxlevel = 2
    try:
        text = limited.repr(value)
    except ValueError:  # an int too long to print
        text = _("a number too large")
    return text if len(text) <= 40 else text[:37] + "..."


def _got(value: Any) -> str:
    if isinstance(value, dict):
        return _(" (got a mapping)")
    if isinstance(value, list):
        return _(" (got a list)")
    return _(" (got {value})").format(value=short(value))


def _hint(kind: str, value: Any) -> str:
    if kind in ("int_type", "int_parsing") and isinstance(value, str):
        if ":" in value:
            return _(" (got {value}; YAML 1.1 would read it as base-60; write one number)").format(
                value=short(value)
            )
        if value.startswith("0") and value.isdigit():
            return _(" (got {value}; a leading zero is octal in YAML 1.1; drop the zero)").format(
                value=short(value)
            )
        return _(" (got {value})").format(value=short(value))
    if kind == "bool_type" and isinstance(value, str):
        return _(" (got {value}; write true or false: yes/no/on/off are not booleans here)").format(
            value=short(value)
        )
    if kind == "string_type" and isinstance(value, (bool, int, float)):
        return _(" (got {value}; put it in quotes to make it text)").format(value=short(value))
    if kind in ("int_type", "string_type", "bool_type", "float_type") and value is not None:
        return (
            _(" (got {kind} {value})").format(kind=type(value).__name__, value=short(value))
            if not isinstance(value, (dict, list))
            else _got(value)
        )
    if kind in ("int_from_float", "date_type", "date_parsing", "date_from_datetime_parsing"):
        return _got(value)
    return ""


def format_path(steps: Iterable[int | str]) -> str:
    """A data path as text: ``exercises[0].dose.sets``."""
    out = ""
    for step in steps:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + step
    return out


def _message(error: Any, last_step: int | str | None, root: str = "") -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind in _FRIENDLY:
        message = _(_FRIENDLY[kind]) + _hint(kind, value)
        if kind == "extra_forbidden" and last_step is not None:
            fields = _fields_at(root, error["loc"][:-1]) if root else _known_fields()
            close = difflib.get_close_matches(str(last_step), fields, n=1)
            if close:
                message += _("; did you mean {name!r}?").format(name=close[0])
        return message
    if kind in _BOUNDS:
        key, text = _BOUNDS[kind]
        message = _(text).format(bound=ctx.get(key, "?"))
        if kind.startswith(("string", "too")):
            actual = ctx.get("actual_length")
            return message + (
                _(" (it has {count})").format(count=actual) if actual is not None else ""
            )
        return message + _got(value)
    if kind == "enum":
        expected = str(ctx.get("expected", ""))
        options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
        head, joined, tail = expected.rpartition(" or ")
        choices = head + _(" or ") + tail if joined else expected
        message = _("must be one of {choices}").format(choices=choices)
        if isinstance(value, str):
            close = difflib.get_close_matches(value, options, n=1)
            message += (
                _(" (got {value}; did you mean {name!r}?)").format(
                    value=short(value), name=close[0]
                )
                if close
                else _(" (got {value})").format(value=short(value))
            )
        return message
    if kind == "literal_error":
        return _("must be {value}").format(value=ctx.get("expected", "?")) + _got(value)
    if kind in _RARER and language() != SOURCE_LANGUAGE:
        return _(_RARER[kind]).format(
            pattern=f"'{ctx.get('pattern', '')}'", multiple_of=ctx.get("multiple_of", "?")
        ) + _got(value)
    message = str(error["msg"]).removeprefix("Value error, ")
    message = message.replace("Input should be", "must be").replace("Input", "the value")
    return message[:1].lower() + message[1:]


def message_of(error: Any) -> str:
    """One of pydantic's errors (an item of ``errors()``) in kneefit's words, without its
    place: ``must be at most 10 (got 11)``."""
    return _message(error, None)


def problems(
    exc: ValidationError,
    data: Any,
    locator: Locator,
    file: str,
    *,
    prefix: tuple[int | str, ...] = (),
    limit: int = MAX_LISTED_PROBLEMS,
) -> list[Problem]:
    """Explain the first ``limit`` errors of ``exc``, for the value at ``prefix`` of ``data``.

    Each problem names the file, the line and column ``locator`` gives for the path, the path
    (``sessions[3].pain``) and what is wrong, in words a person can act on.
    """
    found = []
    for error in exc.errors(include_url=False)[: max(0, limit)]:
        kind = error["type"]
        steps: list[int | str] = []
        node: Any = data
        for step in (*prefix, *error["loc"]):
            if isinstance(node, dict) and isinstance(step, str) and step in node:  # noqa: SIM114 (mypy needs the split to narrow)
                node = node[step]
                steps.append(step)
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                node = node[step]
                steps.append(step)
            elif kind in ("extra_forbidden", "missing") and isinstance(step, str):
                steps.append(step)
        mark = locator.locate(tuple(steps))
        found.append(
            Problem(
                file,
                _message(error, steps[-1] if steps else None, exc.title),
                mark.line if mark else None,
                mark.column if mark else None,
                format_path(steps),
            )
        )
    return found


def error(exc: ValidationError, data: Any, locator: Locator, file: str) -> ProblemError:
    """The whole of ``exc`` as one error: up to the cap listed, the rest counted."""
    listed = problems(exc, data, locator, file)
    return ProblemError(listed, more=exc.error_count() - len(listed))
