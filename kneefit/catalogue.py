"""Load catalogue files, layer them by id, check every cross-reference, and look names up."""

from __future__ import annotations

import contextlib
import difflib
import functools
import gc
import os
import re
import reprlib
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kneefit.errors import (
    MAX_LISTED_PROBLEMS,
    CatalogueError,
    DataError,
    Problem,
    UnknownNameError,
)
from kneefit.models import (
    CatalogueFile,
    Condition,
    Exercise,
    Limits,
    Preference,
    Restriction,
    Safety,
    Source,
)

if TYPE_CHECKING:
    from pydantic import ValidationError
    from yaml.nodes import Node

#: A catalogue file larger than this is refused before it is read.
MAX_CATALOGUE_BYTES = 32 * 1024 * 1024

_TOP_LEVEL = ("sources", "exercises", "conditions", "safety")
_KINDS = ("sources", "exercises", "conditions")


def bundled_catalogue_path() -> Path:
    """Where the catalogue that ships with kneefit is, installed or in a source checkout."""
    from importlib.resources import files

    installed = files("kneefit") / "data" / "exercises.yaml"
    if installed.is_file():
        return Path(str(installed))
    checkout = Path(__file__).resolve().parent.parent / "data" / "exercises.yaml"
    if checkout.is_file():
        return checkout
    raise DataError("the bundled catalogue is missing from this installation; reinstall kneefit")


def _stat(path: Path) -> os.stat_result:
    """The file's status, refusing what is missing, not a regular file, or too large."""
    name = str(path)
    if "\x00" in name:
        raise CatalogueError([Problem(repr(name), "is not a usable file name (it holds a NUL)")])
    try:
        info = path.stat()
    except FileNotFoundError:
        raise CatalogueError([Problem(name, "no such file")]) from None
    except PermissionError:
        raise CatalogueError([Problem(name, "permission denied")]) from None
    except OSError as exc:
        raise CatalogueError([Problem(name, f"cannot read: {exc.strerror or exc}")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise CatalogueError([Problem(name, "is a directory, not a catalogue file")])
    if not stat.S_ISREG(info.st_mode):
        raise CatalogueError(
            [Problem(name, "is not a regular file (a FIFO, socket or device); refusing it")]
        )
    if info.st_size > MAX_CATALOGUE_BYTES:
        raise CatalogueError(
            [
                Problem(
                    name,
                    f"is {info.st_size:,} bytes, over the limit of {MAX_CATALOGUE_BYTES:,}",
                )
            ]
        )
    return info


def read_text(path: Path) -> str:
    """Read a catalogue file as UTF-8, refusing what is not a regular file or is too large."""
    name = str(path)
    _stat(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise CatalogueError([Problem(name, "is not a regular file; refusing it")])
            raw = handle.read(MAX_CATALOGUE_BYTES + 1)
    except PermissionError:
        raise CatalogueError([Problem(name, "permission denied")]) from None
    except OSError as exc:
        raise CatalogueError([Problem(name, f"cannot read: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_CATALOGUE_BYTES:
        raise CatalogueError([Problem(name, "grew past the size limit while being read")])
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (a UTF-8 byte-order mark is allowed); explain anything else."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CatalogueError(
            [Problem(name, "is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise CatalogueError(
            [
                Problem(
                    name,
                    f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
                    line,
                    column,
                )
            ]
        ) from None


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while catalogue files are parsed and validated.

    Parsing creates a few objects per byte and holds them all, so the collector would walk
    the growing tree again and again (it tripled libyaml's time on a 6 MB file). The data
    holds no reference cycles; reference counting frees it as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_file(text: str, name: str) -> tuple[CatalogueFile, dict[str, dict[str, int]]]:
    """Validate one catalogue file's text; return it and the line of each entry by id."""
    from kneefit import yamlread

    root = yamlread.compose(text, name)
    if root is None:
        raise CatalogueError([Problem(name, "is empty; a catalogue needs exercises or conditions")])
    data = yamlread.to_data(root, name, len(text))
    if not isinstance(data, dict):
        mark = yamlread.locate(root, ())
        raise CatalogueError(
            [
                Problem(
                    name,
                    "the top level must be a mapping with any of: " + ", ".join(_TOP_LEVEL),
                    mark.line if mark else None,
                    mark.column if mark else None,
                )
            ]
        )
    parsed = _validate(data, root, name)
    lines = _entry_lines(root, parsed)
    _check_unique_ids(name, lines)
    return parsed, {kind: dict(entries) for kind, entries in lines.items()}


_ENTRY_MODELS: dict[str, type[Source | Exercise | Condition]] = {
    "sources": Source,
    "exercises": Exercise,
    "conditions": Condition,
}


def _validate(data: dict[str, Any], root: Node, name: str) -> CatalogueFile:
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
        found = _validation_problems(
            exc, data, root, name, prefix, MAX_LISTED_PROBLEMS - len(problems)
        )
        problems.extend(found)
        more += exc.error_count() - len(found)

    lists = {k: v for k, v in data.items() if k in _ENTRY_MODELS and isinstance(v, list)}
    shell: CatalogueFile | None = None
    try:
        shell = CatalogueFile.model_validate({**data, **dict.fromkeys(lists, ())})
    except ValidationError as exc:
        record(exc, ())
    entries: dict[str, tuple[Source | Exercise | Condition, ...]] = {}
    for kind, items in lists.items():
        model = _ENTRY_MODELS[kind]
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
        raise CatalogueError(problems, more=more, stopped=stopped)
    return shell.model_copy(update=entries)


def _entry_lines(root: Node, parsed: CatalogueFile) -> dict[str, list[tuple[str, int]]]:
    from kneefit import yamlread

    result: dict[str, list[tuple[str, int]]] = {}
    for kind in _KINDS:
        entries: Sequence[Source | Exercise | Condition] = getattr(parsed, kind)
        pairs = []
        for index, entry in enumerate(entries):
            mark = yamlread.locate(root, (kind, index))
            pairs.append((entry.id, mark.line if mark else 0))
        result[kind] = pairs
    return result


def _check_unique_ids(name: str, lines: dict[str, list[tuple[str, int]]]) -> None:
    problems = []
    for kind, pairs in lines.items():
        seen: dict[str, int] = {}
        for index, (ident, line) in enumerate(pairs):
            if ident in seen:
                problems.append(
                    Problem(
                        name,
                        f"duplicate id {ident!r} (first at line {seen[ident]})",
                        line,
                        None,
                        f"{kind}[{index}].id",
                    )
                )
            else:
                seen[ident] = line
    if problems:
        raise CatalogueError(problems)


_FRIENDLY = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "model_type": "must be a mapping of fields",
    "model_attributes_type": "must be a mapping of fields",
    "dict_type": "must be a mapping of fields",
    "frozen_set_type": "must be a list",
}


def _known_fields() -> list[str]:
    from pydantic import BaseModel

    from kneefit import models

    names: set[str] = set()
    for obj in vars(models).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            names.update(obj.model_fields)
    return sorted(names)


def _short(value: Any) -> str:
    # reprlib stops early: a value shared by aliases may expand to a huge repr.
    limited = reprlib.Repr()
    limited.maxstring = limited.maxother = 40
    limited.maxlevel = 2
    text = limited.repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _hint(kind: str, value: Any) -> str:
    if kind in ("int_type", "int_parsing") and isinstance(value, str):
        if ":" in value:
            return f" (got {_short(value)}; YAML 1.1 would read it as base-60; write one number)"
        if value.startswith("0") and value.isdigit():
            return f" (got {_short(value)}; a leading zero is octal in YAML 1.1; drop the zero)"
        return f" (got {_short(value)})"
    if kind == "bool_type" and isinstance(value, str):
        return f" (got {_short(value)}; write true or false: yes/no/on/off are not booleans here)"
    if kind == "string_type" and isinstance(value, (bool, int, float)):
        return f" (got {_short(value)}; put it in quotes to make it text)"
    if kind in ("int_type", "string_type", "bool_type") and value is not None:
        return (
            f" (got {type(value).__name__} {_short(value)})"
            if not isinstance(value, (dict, list))
            else f" (got a {'mapping' if isinstance(value, dict) else 'list'})"
        )
    return ""


def _validation_problems(
    exc: ValidationError,
    data: Any,
    root: Node,
    name: str,
    prefix: tuple[int | str, ...] = (),
    limit: int = MAX_LISTED_PROBLEMS,
) -> list[Problem]:
    """Explain the first ``limit`` errors of ``exc``, found at ``prefix`` within ``data``."""
    from kneefit import yamlread

    problems = []
    for error in exc.errors(include_url=False)[:limit]:
        kind = error["type"]
        path_steps: list[int | str] = []
        node: Any = data
        for step in (*prefix, *error["loc"]):
            if isinstance(node, dict) and isinstance(step, str) and step in node:  # noqa: SIM114 (mypy needs the split to narrow)
                node = node[step]
                path_steps.append(step)
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                node = node[step]
                path_steps.append(step)
            elif kind in ("extra_forbidden", "missing") and isinstance(step, str):
                path_steps.append(step)
        path = _format_path(path_steps)
        if kind in _FRIENDLY:
            message = _FRIENDLY[kind] + _hint(kind, error.get("input"))
            if kind == "extra_forbidden" and path_steps:
                close = difflib.get_close_matches(str(path_steps[-1]), _known_fields(), n=1)
                if close:
                    message += f"; did you mean {close[0]!r}?"
        elif kind == "enum":
            expected = error.get("ctx", {}).get("expected", "")
            message = f"must be one of {expected}"
            value = error.get("input")
            if isinstance(value, str):
                options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
                close = difflib.get_close_matches(value, options, n=1)
                message += f" (got {_short(value)}" + (
                    f"; did you mean {close[0]!r}?)" if close else ")"
                )
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
        mark = yamlread.locate(root, tuple(path_steps))
        problems.append(
            Problem(
                name,
                message,
                mark.line if mark else None,
                mark.column if mark else None,
                path,
            )
        )
    return problems


def _format_path(steps: Iterable[int | str]) -> str:
    out = ""
    for step in steps:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + step
    return out


_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    """The form names are compared in: lower case, words joined by single hyphens."""
    return _NOT_ALNUM.sub("-", name.lower()).strip("-")


@dataclass
class Catalogue:
    """Every source, exercise and condition in force, after layering, with name look-ups."""

    sources: dict[str, Source]
    exercises: dict[str, Exercise]
    conditions: dict[str, Condition]
    safety: Safety
    files: tuple[str, ...] = ()

    @functools.cached_property
    def _exercise_names(self) -> dict[str, str]:
        return _name_index(self.exercises.values())

    @functools.cached_property
    def _condition_names(self) -> dict[str, str]:
        return _name_index(self.conditions.values())

    def condition(self, name: str) -> Condition:
        """The condition called ``name`` (id, name or alias, in any case or spacing)."""
        key = _lookup(name, self._condition_names, "condition", list(self.conditions))
        return self.conditions[key]

    def exercise(self, name: str) -> Exercise:
        """The exercise called ``name`` (id, name or alias, in any case or spacing)."""
        key = _lookup(name, self._exercise_names, "exercise", list(self.exercises))
        return self.exercises[key]

    def sources_for(self, ids: Iterable[str]) -> tuple[Source, ...]:
        seen: dict[str, Source] = {}
        for ident in ids:
            if ident not in seen:
                seen[ident] = self.sources[ident]
        return tuple(seen.values())


def _name_index(entries: Iterable[Exercise | Condition]) -> dict[str, str]:
    index: dict[str, str] = {}
    for entry in entries:
        for label in (entry.id, entry.name, *entry.aliases):
            index.setdefault(normalise(label), entry.id)
    return index


def _lookup(name: str, index: dict[str, str], kind: str, choices: list[str]) -> str:
    key = normalise(name)
    if key in index:
        return index[key]
    # Everyday forms: "meniscus tear" for "torn meniscus", plurals, word order.
    words = sorted(w.removesuffix("s") for w in key.split("-") if w)
    for label, ident in index.items():
        if sorted(w.removesuffix("s") for w in label.split("-")) == words:
            return ident
    # A word or two that only one entry's names contain: "pistol" for "pistol-squat".
    typed = set(key.split("-"))
    holders = {ident for label, ident in index.items() if typed <= set(label.split("-"))}
    if len(holders) == 1:
        return holders.pop()
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(index[c] for c in close)) or sorted(holders)[:3]
    raise UnknownNameError(kind, name, choices, suggestions)


Layer = tuple[str, CatalogueFile, dict[str, dict[str, int]]]


def read_layer(path: Path, *, cache_dir: Path | None = None) -> Layer:
    """Read, parse and validate one catalogue file (its references are checked on merging).

    With a ``cache_dir``, a validation cached there by an earlier run stands in for parsing,
    as long as the file is unchanged (see :mod:`kneefit.cache`).
    """
    name = str(path)
    if cache_dir is None:
        return (name, *parse_file(read_text(path), name))
    from kneefit import cache

    info = _stat(path)
    cached = cache.load(path, info, cache_dir)
    if cached is not None:
        return (name, *cached)
    parsed, lines = parse_file(read_text(path), name)
    with contextlib.suppress(OSError):
        after = path.stat()
        if (after.st_size, after.st_mtime_ns, after.st_ino) == (
            info.st_size,
            info.st_mtime_ns,
            info.st_ino,
        ):
            cache.store(path, info, cache_dir, parsed, lines)
    return (name, parsed, lines)


@functools.lru_cache(maxsize=2)
def _bundled_layer(cache_dir: Path | None) -> Layer:
    # The bundled file does not change while kneefit runs; read it once per process.
    return read_layer(bundled_catalogue_path(), cache_dir=cache_dir)


def load_catalogue(
    extra: Sequence[Path] = (), *, bundled: bool = True, cache_dir: Path | None = None
) -> Catalogue:
    """The bundled catalogue with each extra file layered over it by id, fully checked.

    ``cache_dir`` is where validated files are cached between runs; None parses afresh.
    """
    with _collector_paused():
        layers = [_bundled_layer(cache_dir)] if bundled else []
        layers += [read_layer(p, cache_dir=cache_dir) for p in extra]
        return merge(layers)


def merge(layers: Sequence[Layer]) -> Catalogue:
    """Layer parsed files in order (a later entry replaces an earlier one by id) and check."""
    sources: dict[str, Source] = {}
    exercises: dict[str, Exercise] = {}
    conditions: dict[str, Condition] = {}
    origin: dict[tuple[str, str], tuple[str, int]] = {}
    safety: Safety | None = None
    safety_origin = ""
    for name, parsed, lines in layers:
        for kind, table in (
            ("sources", sources),
            ("exercises", exercises),
            ("conditions", conditions),
        ):
            for entry in getattr(parsed, kind):
                table[entry.id] = entry
                origin[(kind, entry.id)] = (name, lines[kind].get(entry.id, 0))
        if parsed.safety is not None:
            safety = parsed.safety
            safety_origin = name
    problems = _check_references(sources, exercises, conditions, safety, origin, safety_origin)
    if safety is None:
        problems.append(
            Problem(
                ", ".join(n for n, _, _ in layers) or "catalogue",
                "no file gives the safety guidance (a top-level 'safety' block)",
            )
        )
    if problems:
        raise CatalogueError(problems)
    assert safety is not None
    return Catalogue(
        sources=sources,
        exercises=exercises,
        conditions=conditions,
        safety=safety,
        files=tuple(n for n, _, _ in layers),
    )


def _check_references(
    sources: dict[str, Source],
    exercises: dict[str, Exercise],
    conditions: dict[str, Condition],
    safety: Safety | None,
    origin: dict[tuple[str, str], tuple[str, int]],
    safety_origin: str,
) -> list[Problem]:
    problems: list[Problem] = []

    def report(kind: str, ident: str, path: str, message: str) -> None:
        file, line = origin[(kind, ident)]
        problems.append(Problem(file, message, line or None, None, f"{kind}[id={ident}].{path}"))

    for ex in exercises.values():
        for ref in ex.sources:
            if ref not in sources:
                report("exercises", ex.id, "sources", f"no source with id {ref!r}")
        for direction in ("easier", "harder"):
            target = getattr(ex, direction)
            if target is None:
                continue
            other = exercises.get(target)
            if other is None:
                report("exercises", ex.id, direction, f"no exercise with id {target!r}")
            elif other.id == ex.id:
                report("exercises", ex.id, direction, "an exercise cannot be its own variant")
            elif other.category != ex.category:
                report(
                    "exercises",
                    ex.id,
                    direction,
                    f"{target!r} is {other.category.value}, not {ex.category.value}",
                )
            elif direction == "harder" and other.level.rank < ex.level.rank:
                report(
                    "exercises",
                    ex.id,
                    direction,
                    f"the harder variant {target!r} is at a lower level "
                    f"({other.level.value} < {ex.level.value})",
                )
            elif direction == "easier" and other.level.rank > ex.level.rank:
                report(
                    "exercises",
                    ex.id,
                    direction,
                    f"the easier variant {target!r} is at a higher level "
                    f"({other.level.value} > {ex.level.value})",
                )
    for direction in ("easier", "harder"):
        for loop in _variant_loops(exercises, direction):
            report(
                "exercises",
                loop[0],
                direction,
                f"the {direction} variants loop: " + " -> ".join([*loop, loop[0]]),
            )
    for cond in conditions.values():
        for ref in cond.sources:
            if ref not in sources:
                report("conditions", cond.id, "sources", f"no source with id {ref!r}")
        for index, rule in enumerate(cond.rules_out):
            for ref in rule.exercises:
                if ref not in exercises:
                    report(
                        "conditions",
                        cond.id,
                        f"rules_out[{index}].exercises",
                        f"no exercise with id {ref!r}",
                    )
    problems.extend(
        _steering_references(sources, exercises, conditions, safety, origin, safety_origin)
    )
    if safety is not None:
        for ref in safety.sources:
            if ref not in sources:
                problems.append(
                    Problem(
                        safety_origin, f"no source with id {ref!r}", None, None, "safety.sources"
                    )
                )
    problems.extend(_name_clashes(exercises, "exercises", origin))
    problems.extend(_name_clashes(conditions, "conditions", origin))
    return problems


def _variant_loops(exercises: dict[str, Exercise], direction: str) -> list[list[str]]:
    loops: list[list[str]] = []
    done: set[str] = set()
    for start in exercises:
        chain: list[str] = []
        current: str | None = start
        while current is not None and current in exercises and current not in done:
            if current in chain:
                loop = chain[chain.index(current) :]
                if len(loop) > 1:
                    loops.append(loop)
                break
            chain.append(current)
            current = getattr(exercises[current], direction)
        done.update(chain)
    return loops


def _name_clashes(
    entries: dict[str, Exercise] | dict[str, Condition],
    kind: str,
    origin: dict[tuple[str, str], tuple[str, int]],
) -> list[Problem]:
    owners: dict[str, str] = {}
    problems = []
    for entry in entries.values():
        for label in (entry.id, entry.name, *entry.aliases):
            key = normalise(label)
            owner = owners.setdefault(key, entry.id)
            if owner != entry.id:
                file, line = origin[(kind, entry.id)]
                problems.append(
                    Problem(
                        file,
                        f"the name {label!r} already belongs to {owner!r}",
                        line or None,
                        None,
                        f"{kind}[id={entry.id}]",
                    )
                )
    return problems


def _steering_references(
    sources: dict[str, Source],
    exercises: dict[str, Exercise],
    conditions: dict[str, Condition],
    safety: Safety | None,
    origin: dict[tuple[str, str], tuple[str, int]],
    safety_origin: str,
) -> list[Problem]:
    """Check the ids that condition rules, preferences, limits and red flags name."""
    problems: list[Problem] = []
    for cond in conditions.values():
        file, line = origin[("conditions", cond.id)]
        parts: list[tuple[str, Restriction | Preference | Limits]] = [
            (f"rules_out[{i}]", r) for i, r in enumerate(cond.rules_out)
        ]
        parts += [(f"prefers[{i}]", p) for i, p in enumerate(cond.prefers)]
        if cond.limits is not None:
            parts.append(("limits", cond.limits))
        for path, part in parts:
            where = f"conditions[id={cond.id}].{path}"
            for ref in part.sources:
                if ref not in sources:
                    problems.append(
                        Problem(file, f"no source with id {ref!r}", line or None, None, where)
                    )
            if isinstance(part, Preference):
                for ref in part.exercises:
                    if ref not in exercises:
                        problems.append(
                            Problem(
                                file,
                                f"no exercise with id {ref!r}",
                                line or None,
                                None,
                                where + ".exercises",
                            )
                        )
    if safety is not None:
        for flag in safety.red_flags:
            for ref in flag.sources:
                if ref not in sources:
                    problems.append(
                        Problem(
                            safety_origin,
                            f"no source with id {ref!r}",
                            None,
                            None,
                            f"safety.red_flags[id={flag.id}].sources",
                        )
                    )
    return problems
