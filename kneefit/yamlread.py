"""Read YAML text safely into plain Python data, remembering where each value came from.

Only the standard tags are accepted, so nothing in a file can run code. Plain scalars are
resolved by YAML 1.2's core schema, not YAML 1.1's, so ``no`` stays the text "no" and
``010`` or ``1:30`` never turn silently into 8 or 90. Duplicate keys are errors (YAML
loaders keep the last one without a word), and aliases may not expand a small file into
millions of nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kneefit.errors import CatalogueError, Problem

if TYPE_CHECKING:
    from yaml.nodes import Node

#: Aliases may expand a document to at most this many nodes, or one per byte if more.
MIN_NODE_BUDGET = 200_000

_STANDARD = "tag:yaml.org,2002:"
_ALLOWED_SCALAR_TAGS = frozenset(
    _STANDARD + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_SEQ = _STANDARD + "seq"
_MAP = _STANDARD + "map"

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(
    r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
)
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


def _loader() -> type[Any]:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def compose(text: str, file: str) -> Node | None:
    """Parse YAML text into a node tree; refuse syntax errors and extra documents."""
    import yaml

    documents: Iterator[Node] = yaml.compose_all(text, Loader=_loader())
    try:
        first = next(documents, None)
        second = next(documents, None)
    except yaml.MarkedYAMLError as exc:
        where = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "not valid YAML"
        line = where.line + 1 if where is not None else None
        column = where.column + 1 if where is not None else None
        raise CatalogueError(
            [Problem(file, f"YAML syntax error: {message}", line, column)]
        ) from None
    except yaml.YAMLError as exc:
        raise CatalogueError([Problem(file, f"YAML error: {exc}")]) from None
    if second is not None:
        mark = _mark(second)
        raise CatalogueError(
            [
                Problem(
                    file,
                    "holds more than one YAML document ('---'); put everything in one",
                    mark.line,
                    mark.column,
                )
            ]
        )
    return first


def _expanded_size(node: Node, memo: dict[int, int], budget: int) -> int:
    """Count the nodes a tree holds once aliases are expanded, stopping past the budget."""
    key = id(node)
    known = memo.get(key)
    if known is not None:
        return known
    memo[key] = budget + 1  # a node that contains itself is over any budget
    total = 1
    if node.tag == _MAP:
        for k, v in node.value:
            total += _expanded_size(k, memo, budget) + _expanded_size(v, memo, budget)
            if total > budget:
                break
    elif node.tag == _SEQ or isinstance(node.value, list):
        for child in node.value:
            total += _expanded_size(child, memo, budget)
            if total > budget:
                break
    memo[key] = total
    return total


class _Builder:
    """Turns a checked node tree into dicts, lists and scalars."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str) -> None:
        mark = _mark(node)
        self.problems.append(Problem(self.file, message, mark.line, mark.column))

    def build(self, node: Node) -> Any:
        if node.tag == _MAP:
            return self._mapping(node)
        if node.tag == _SEQ:
            return [self.build(child) for child in node.value]
        if isinstance(node.value, list):
            self.problem(node, f"the tag {_short_tag(node.tag)} is not allowed")
            return None
        return self._scalar(node)

    def _mapping(self, node: Node) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node)
            if not isinstance(key, str):
                self.problem(key_node, "a key must be text")
                continue
            if key in result:
                self.problem(
                    key_node,
                    f"duplicate key {key!r} (first at line {first_line[key]}); "
                    "YAML would silently keep only the last",
                )
                continue
            first_line[key] = _mark(key_node).line
            result[key] = self.build(value_node)
        return result

    def _scalar(self, node: Node) -> Any:
        tag = node.tag
        if tag not in _ALLOWED_SCALAR_TAGS:
            self.problem(node, f"the tag {_short_tag(tag)} is not allowed")
            return None
        value: str = node.value
        if getattr(node, "style", None) not in (None, ""):
            return value  # quoted or block text is always text
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
        return value


def _short_tag(tag: str) -> str:
    if tag.startswith(_STANDARD):
        return "!!" + tag[len(_STANDARD) :]
    return tag


def to_data(root: Node, file: str, size_bytes: int) -> Any:
    """Check a node tree and build plain data from it, or raise every problem found."""
    budget = max(MIN_NODE_BUDGET, size_bytes)
    if _expanded_size(root, {}, budget) > budget:
        mark = _mark(root)
        raise CatalogueError(
            [
                Problem(
                    file,
                    f"aliases expand this file to more than {budget:,} nodes; "
                    "refusing it (is it an alias bomb?)",
                    mark.line,
                    mark.column,
                )
            ]
        )
    builder = _Builder(file)
    data = builder.build(root)
    if builder.problems:
        raise CatalogueError(builder.problems)
    return data


def locate(root: Node | None, path: tuple[int | str, ...]) -> Mark | None:
    """Find where the value at ``path`` stands in the tree; for a key, where the key stands."""
    node = root
    found: Mark | None = _mark(root) if root is not None else None
    for step in path:
        if node is None:
            break
        if node.tag == _MAP and isinstance(step, str):
            nxt = None
            for key_node, value_node in node.value:
                if getattr(key_node, "value", None) == step:
                    found = _mark(key_node)
                    nxt = value_node
                    break
            if nxt is None:
                break
            node = nxt
        elif node.tag == _SEQ and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            found = _mark(node)
        else:
            break
    if node is not None and path and node.tag != _MAP and node.tag != _SEQ:
        found = _mark(node)
    return found
