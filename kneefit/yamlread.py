"""Read YAML text safely into plain Python data, remembering where each value came from.

Only the standard tags are accepted, so nothing in a file can run code. Plain scalars are
resolved by YAML 1.2's core schema, not YAML 1.1's, so ``no`` stays the text "no" and
``010`` or ``1:30`` never turn silently into 8 or 90. Duplicate keys are errors (YAML
loaders keep the last one without a word), and aliases may not expand a small file into
millions of nodes.

:func:`load` hands back the data and a :class:`YamlLocator`, not the node tree: the tree is
dropped as soon as the data is built (it is most of the memory of a large file), and found
again from the text only if a problem deeper than an entry needs its place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kneefit.errors import MAX_LISTED_PROBLEMS, Problem, ProblemError
from kneefit.files import MAX_DEPTH, MAX_INT_DIGITS
from kneefit.i18n import N_, _, format_count
from kneefit.locator import Mark

if TYPE_CHECKING:
    from yaml.nodes import Node

#: Aliases may expand a document to at most this many nodes, or one per byte if more.
MIN_NODE_BUDGET = 200_000

#: A file may hold at most this many YAML nodes (10,000 exercises with their drawings take
#: about 1.1 million, 20,000 about 2.2 million).
#: Parsing holds every node in memory, a few hundred bytes each, so this bounds memory
#: for files of many tiny values, which the size cap alone would not.
MAX_NODES = 3_000_000

#: A mapping may have at most this many keys (an exercise has about twenty fields) and a
#: list inside an entry at most this many items, so one entry cannot yield millions of
#: errors.
MAX_KEYS = 200
MAX_INNER_ITEMS = 1_000

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


#: The tag given to a plain scalar that might be a number, a boolean or null; the builder
#: resolves it by YAML 1.2's core schema. Every other untagged scalar is text.
_PLAIN = "tag:kneefit,2026:plain"
_STR = _STANDARD + "str"
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")


@functools.cache
def _loader() -> type[Any]:
    import yaml

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc]
        """libyaml's parser with YAML 1.1's tag resolution (Python code per node) left out."""

        def resolve(self, kind: type[Any], value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode:
                plain = implicit[0]
                if plain and (not value or value[0] in _MAYBE_NOT_TEXT):
                    return _PLAIN
                return _STR
            return _SEQ if kind is yaml.SequenceNode else _MAP

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            # Called once for every node composed, whatever its tag: count them.
            self.kneefit_nodes = getattr(self, "kneefit_nodes", 0) + 1
            if self.kneefit_nodes > MAX_NODES:
                raise _TooManyNodes

        def ascend_resolver(self) -> None:
            pass

    return Loader


class _TooManyNodes(Exception):
    pass


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _compose(text: str, file: str) -> Node | None:
    """Parse YAML text into a node tree; refuse syntax errors and extra documents."""
    import yaml

    documents: Iterator[Node] = yaml.compose_all(text, Loader=_loader())
    try:
        first = next(documents, None)
        second = next(documents, None)
    except yaml.MarkedYAMLError as exc:
        where = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or N_("not valid YAML")
        said = _(_YAML_PROBLEMS[message]) if message in _YAML_PROBLEMS else message
        line = where.line + 1 if where is not None else None
        column = where.column + 1 if where is not None else None
        raise ProblemError(
            [Problem(file, _("YAML syntax error: {problem}").format(problem=said), line, column)]
        ) from None
    except yaml.YAMLError as exc:
        raise ProblemError([Problem(file, _("YAML error: {error}").format(error=exc))]) from None
    except _TooManyNodes:
        raise ProblemError(
            [
                Problem(
                    file,
                    _(
                        "holds more than {count} YAML values; refusing it "
                        "(split it into several files, or is it not a catalogue?)"
                    ).format(count=format_count(MAX_NODES)),
                )
            ]
        ) from None
    if second is not None:
        mark = _mark(second)
        raise ProblemError(
            [
                Problem(
                    file,
                    _("holds more than one YAML document ('---'); put everything in one"),
                    mark.line,
                    mark.column,
                )
            ]
        )
    return first


class _Builder:
    """Turns a node tree into dicts, lists and scalars, counting nodes as aliases expand them.

    A mapping or sequence that aliases repeat is built once and shared, so a bomb costs no
    memory here; its expanded size is still counted, and checked before anything else
    (such as validation) walks the data.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.more = 0
        self.built: dict[int, Any] = {}
        self.sizes: dict[int, int] = {}
        self.recursive = False
        #: Where the values of paths one or two steps deep stand (the top level's entries).
        self.shallow: dict[tuple[int | str, ...], Mark] = {}

    def remember(self, path: tuple[int | str, ...] | None, key: Node | None, value: Node) -> None:
        """Note where ``path`` stands, as :meth:`YamlLocator.locate` would find it."""
        if path is None:
            return
        scalar = value.tag != _MAP and value.tag != _SEQ
        self.shallow[path] = _mark(value if scalar or key is None else key)

    def problem(self, node: Node, message: str) -> None:
        if len(self.problems) >= MAX_LISTED_PROBLEMS:
            self.more += 1
            return
        mark = _mark(node)
        self.problems.append(Problem(self.file, message, mark.line, mark.column))

    def build(self, node: Node, depth: int = 0, path: tuple[int | str, ...] | None = ()) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _PLAIN:
            return self._plain(node)
        if tag != _MAP and tag != _SEQ:
            if isinstance(node.value, list):
                self.problem(node, _("the tag {tag} is not allowed").format(tag=_short_tag(tag)))
                return None
            return self._tagged_scalar(node)
        if depth >= MAX_DEPTH:
            self.problem(
                node,
                _("is nested more than {depth} levels deep; refusing it").format(depth=MAX_DEPTH),
            )
            return None
        key = id(node)
        if key in self.built:
            if key not in self.sizes:  # still being built: the node contains itself
                self.recursive = True
            return self.built[key]
        if tag == _MAP:
            result: Any = {}
            self.built[key] = result
            self.sizes[key] = self._mapping(node, result, depth, path)
        else:
            result = []
            self.built[key] = result
            size = 1
            if depth >= 2 and len(node.value) > MAX_INNER_ITEMS:
                self.problem(
                    node,
                    _("a list inside an entry may hold at most {count} items").format(
                        count=format_count(MAX_INNER_ITEMS)
                    ),
                )
            else:
                for index, child in enumerate(node.value):
                    inner = (*path, index) if path is not None and depth < 2 else None
                    self.remember(inner, None, child)
                    result.append(self.build(child, depth + 1, inner))
                    size += self.sizes.get(id(child), 1)
            self.sizes[key] = size
        return result

    def _mapping(
        self, node: Node, result: dict[str, Any], depth: int, path: tuple[int | str, ...] | None
    ) -> int:
        size = 1
        if len(node.value) > MAX_KEYS:
            self.problem(node, _("a mapping may have at most {count} keys").format(count=MAX_KEYS))
            return size
        first: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, depth + 1, None)
            size += self.sizes.get(id(key_node), 1)
            if not isinstance(key, str):
                self.problem(key_node, _("a key must be text"))
                continue
            if key in result:
                self.problem(
                    key_node,
                    _(
                        "duplicate key {key!r} (first at line {line}); "
                        "YAML would silently keep only the last"
                    ).format(key=key, line=_mark(first[key]).line),
                )
                continue
            first[key] = key_node
            inner = (*path, key) if path is not None and depth < 2 else None
            self.remember(inner, key_node, value_node)
            result[key] = self.build(value_node, depth + 1, inner)
            size += self.sizes.get(id(value_node), 1)
        return size

    def _tagged_scalar(self, node: Node) -> Any:
        # An explicit standard tag: quoted or block text stays text, plain text resolves.
        if node.tag not in _ALLOWED_SCALAR_TAGS:
            self.problem(node, _("the tag {tag} is not allowed").format(tag=_short_tag(node.tag)))
            return None
        if node.tag == _STR or getattr(node, "style", None) not in (None, ""):
            return node.value
        return self._plain(node)

    def _plain(self, node: Node) -> Any:
        try:
            return _resolve_plain(node.value)
        except _HugeNumber:
            self.problem(
                node,
                _("a whole number of {digits} digits is not allowed (at most {most})").format(
                    digits=format_count(len(node.value.lstrip("+-"))), most=MAX_INT_DIGITS
                ),
            )
            return None


class _HugeNumber(Exception):
    pass


def _resolve_plain(value: str) -> Any:
    """A plain scalar by YAML 1.2's core schema; _HugeNumber for an integer far too long."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        if len(value.lstrip("+-")) > MAX_INT_DIGITS:
            raise _HugeNumber
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


#: The YAML parser's commonest words for a syntax error (libyaml's and PyYAML's), said in
#: the run's language; any other is shown as the parser says it.
_YAML_PROBLEMS = {
    "not valid YAML": N_("not valid YAML"),
    "mapping values are not allowed in this context": N_(
        "mapping values are not allowed in this context"
    ),
    "mapping values are not allowed here": N_("mapping values are not allowed here"),
    "found character that cannot start any token": N_(
        "found character that cannot start any token"
    ),
    "found unexpected end of stream": N_("found unexpected end of stream"),
    "found undefined alias": N_("found undefined alias"),
    "did not find expected ',' or ']'": N_("did not find expected ',' or ']'"),
    "did not find expected '-' indicator": N_("did not find expected '-' indicator"),
    "did not find expected key": N_("did not find expected key"),
    "could not find expected ':'": N_("could not find expected ':'"),
    "did not find expected <document start>": N_("did not find expected <document start>"),
    "found unknown escape character": N_("found unknown escape character"),
    "found a tab character that violates indentation": N_(
        "found a tab character that violates indentation"
    ),
}


def _short_tag(tag: str) -> str:
    if tag.startswith(_STANDARD):
        return "!!" + tag[len(_STANDARD) :]
    return tag


def load(text: str, file: str) -> tuple[Any, YamlLocator]:
    """Parse YAML text into plain data and a locator; raise every problem found, located.

    The data is None for a file with no document (empty, or only comments).
    """
    root = _compose(text, file)
    if root is None:
        return None, YamlLocator(text, file, {}, None)
    budget = max(MIN_NODE_BUDGET, len(text))
    builder = _Builder(file)
    data = builder.build(root)
    if builder.recursive or builder.sizes.get(id(root), 1) > budget:
        mark = _mark(root)
        raise ProblemError(
            [
                Problem(
                    file,
                    _(
                        "aliases expand this file to more than {count} nodes; "
                        "refusing it (is it an alias bomb?)"
                    ).format(count=format_count(budget)),
                    mark.line,
                    mark.column,
                )
            ]
        )
    if builder.problems:
        raise ProblemError(builder.problems, more=builder.more)
    return data, YamlLocator(text, file, builder.shallow, _mark(root))


class YamlLocator:
    """Where each value of a YAML file stands, by data path.

    Paths one or two steps deep (the top-level lists' entries) were noted while the data was
    built; a deeper path composes the text again, once, which only a problem needs.
    """

    def __init__(
        self,
        text: str,
        file: str,
        shallow: dict[tuple[int | str, ...], Mark],
        root: Mark | None,
    ) -> None:
        self._text = text
        self._file = file
        self._shallow = shallow
        self._root_mark = root
        self._root: Node | None = None

    def locate(self, path: tuple[int | str, ...]) -> Mark | None:
        if not path:
            return self._root_mark
        if path in self._shallow:
            return self._shallow[path]
        if self._root is None and self._text:
            self._root = _compose(self._text, self._file)
        return _find(self._root, path)


def _find(root: Node | None, path: tuple[int | str, ...]) -> Mark | None:
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
