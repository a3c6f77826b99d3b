"""Models rebuilt from data that kneefit validated itself, without validating it again.

A cache entry holds a catalogue file as pydantic dumped it after validation (every field,
defaults included). Rebuilding it field by field from the model classes' annotations (a
nested model from its dict, a tuple of enums from their values) gives the very models the
validation gave, with no constraint and no validator run again (the objects themselves,
about 14 for an exercise with its drawing, are most of the cost either way). This
is only for kneefit's own cache, whose entry is checked against a digest first; anything
else goes through the models' validation.

A model of plain values only (a limb's angles, a dose, a prop, a source) is made once per
distinct set of values and shared, as frozen models allow: drawings repeat their limbs a
great deal (the bundled ones hold 736 limbs, 224 of them different), and an object not made
costs neither time nor memory.

A builder is compiled once per model class from its fields. A field whose type it does not
know makes :func:`builder` raise :class:`Unsupported`, and the caller validates instead.
Data of another shape (a field missing or added, a value no member of its enum, a list
where a model belongs) raises :class:`ValueError`, :class:`KeyError` or :class:`TypeError`:
the caller counts it a miss. What it does not check is what only validation checks (a
number's range, a slug's form, a text's characters): the cache's digest and its own text
check (:func:`kneefit.catalogue.plain_json.plain_json`) stand for that.
"""

from __future__ import annotations

import enum
import functools
import operator
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

Convert = Callable[[Any], Any]

#: The JSON values that stand for themselves (strict strings, numbers, booleans, None).
_PLAIN = (str, int, float, bool, type(None))


class Unsupported(Exception):
    """A field type the builder cannot rebuild; validate such a model instead."""


def _same(value: Any) -> Any:
    return value


def _enum(kind: type[enum.Enum]) -> Convert:
    members = dict(kind._value2member_map_)
    return members.__getitem__


def _tuple(item: Convert) -> Convert:
    if item is _same:
        return tuple

    def convert(value: Any) -> Any:
        if type(value) is not list:
            raise TypeError("not a list")
        return tuple(map(item, value))

    return convert


def _frozenset(item: Convert) -> Convert:
    def convert(value: Any) -> Any:
        if type(value) is not list:
            raise TypeError("not a list")
        return frozenset(map(item, value))

    return convert


def _optional(inner: Convert) -> Convert:
    if inner is _same:
        return _same

    def convert(value: Any) -> Any:
        return None if value is None else inner(value)

    return convert


def _converter(annotation: Any) -> Convert:
    """How to rebuild a value of ``annotation`` from its JSON form."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _converter(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        args = typing.get_args(annotation)
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return _optional(_converter(rest[0]))
        # A union of plain values (an int or the word "flat") is kept as it is.
        for arg in rest:
            while typing.get_origin(arg) is typing.Annotated:
                arg = typing.get_args(arg)[0]
            if arg not in _PLAIN and typing.get_origin(arg) is not typing.Literal:
                raise Unsupported(f"a union of {args}")
        return _same
    if origin is typing.Literal:
        allowed = frozenset(typing.get_args(annotation))

        def literal(value: Any) -> Any:
            if value not in allowed:
                raise ValueError(f"{value!r} is not one of {sorted(map(str, allowed))}")
            return value

        return literal
    if origin is tuple:
        args = typing.get_args(annotation)
        if len(args) != 2 or args[1] is not Ellipsis:
            raise Unsupported(f"the tuple {annotation}")
        return _tuple(_converter(args[0]))
    if origin is frozenset:
        return _frozenset(_converter(typing.get_args(annotation)[0]))
    if isinstance(annotation, type):
        if issubclass(annotation, enum.Enum):
            return _enum(annotation)
        if issubclass(annotation, BaseModel):
            return builder(annotation)
        if annotation in _PLAIN:
            return _same
    raise Unsupported(f"the field type {annotation!r}")


def _scalar(annotation: Any) -> bool:
    """Whether a field of ``annotation`` holds one plain value (text, a number, a member of an
    enum or literal, or None) rather than a collection or a model."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _scalar(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return all(_scalar(a) for a in typing.get_args(annotation))
    if origin is typing.Literal:
        return True
    return isinstance(annotation, type) and (
        annotation in _PLAIN or issubclass(annotation, enum.Enum)
    )


def builder(model: type[M]) -> Callable[[Any], M]:
    """A function from ``model``'s dumped data (every field present) to the model."""
    return typing.cast("Callable[[Any], M]", _builder(model))


@functools.cache
def _builder(model: type[BaseModel]) -> Callable[[Any], BaseModel]:
    if model.__pydantic_root_model__ or model.model_config.get("extra") != "forbid":
        raise Unsupported(f"{model.__name__}: only closed models are rebuilt")
    if model.__private_attributes__:
        raise Unsupported(f"{model.__name__} has private attributes")
    converted = []
    for name, info in model.model_fields.items():
        convert = _converter(info.annotation)
        if convert is not _same:
            converted.append((name, convert))
    names = frozenset(model.model_fields)
    new = object.__new__
    set_attribute = object.__setattr__
    # Shared by value (see the module's notes): keyed by the values in field order.
    plain = all(_scalar(info.annotation) for info in model.model_fields.values())
    values = operator.itemgetter(*model.model_fields) if plain and names else None
    made_already: dict[Any, BaseModel] = {}

    def build(data: Any) -> BaseModel:
        if type(data) is not dict or data.keys() != names:
            raise ValueError(f"not the fields of {model.__name__}")
        if values is not None:
            key = values(data)
            found = made_already.get(key)
            if found is not None:
                return found
        # The data is this builder's own (fresh from the JSON parser): converted in place.
        for name, convert in converted:
            data[name] = convert(data[name])
        made = new(model)
        set_attribute(made, "__dict__", data)
        set_attribute(made, "__pydantic_fields_set__", set(names))
        set_attribute(made, "__pydantic_extra__", None)
        set_attribute(made, "__pydantic_private__", None)
        if values is not None:
            made_already[key] = made
        return made

    return build
