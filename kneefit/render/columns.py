"""Text in columns that fit a width: which columns to show, how wide each is, cells wrapped.

A :class:`Grid` is a table's columns and rows, as text with style names; :func:`lay_out`
turns it into lines no wider than the width given. Columns are chosen by the width: those
that must be there always, the others in the order they are worth having while each still
gets room to read (:attr:`Column.at_least`). Cells wrap at spaces only: no word, and no id,
is ever broken, and nothing is cut short; a width too narrow for a word lets that line run
over rather than break it.

The lines carry the style names of their pieces (rich's, such as ``"bold"`` or ``"dim"``),
so the terminal's table can colour them; plain text drops them (:func:`plain_lines`). Nothing
here imports rich, and nothing here makes text safe for a terminal: each renderer does that
to what it prints (``plain``), a character for a character, so the widths hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kneefit.render import cells
from kneefit.render.cells import CellWrapper, cell_width

#: One run of text and its style name ("" for none).
Segment = tuple[str, str]
#: One line of output, as its segments.
Line = tuple[Segment, ...]


@dataclass(frozen=True)
class Piece:
    """Text that starts on a line of its own within a cell or a band, and its style. Lines
    after its first are indented by ``hang`` spaces (a bullet's text under its first word)."""

    text: str
    style: str = ""
    hang: int = 0


#: A table's cell: its pieces, each starting on a new line.
Cell = tuple[Piece, ...]


def cell(*parts: Piece | str) -> Cell:
    """A cell from pieces or plain strings (an empty string is no piece)."""
    return tuple(p if isinstance(p, Piece) else Piece(p) for p in parts if p != "")


@dataclass(frozen=True)
class Column:
    """A column of a table: its heading and how it fits."""

    header: str
    #: 0: always shown. 1, 2, ...: shown when there is room, tried in this order.
    optional: int = 0
    #: The narrowest this column reads well at: it wraps down to this before a column that
    #: matters less is shown. None: as wide as its longest cell (it wraps only when the
    #: columns that are always shown do not fit otherwise).
    at_least: int | None = None
    #: As wide as this column needs to be to read well (a long dose on two lines is fine):
    #: columns that matter less are shown before it widens further. None: its longest line.
    at_most: int | None = None
    #: Which columns widen first when there is room to spare: 0 before 1, and so on; those
    #: of one rank widen evenly. All widen to what is enough for them before any widens
    #: further.
    grow: int = 0
    #: Cells aligned to the right (numbers).
    right: bool = False
    #: The style of its pieces that have none of their own.
    style: str = ""
    #: An optional column shown whenever its floor fits, even if its cells make rows
    #: taller (a long list worth reading); others are shown only if no row grows.
    taller: bool = False


@dataclass(frozen=True)
class Band:
    """A line across the table, from the start of one of its columns: a section's heading
    or a total."""

    piece: Piece
    #: The column it starts at (the first shown, if that one is not).
    column: int = 0


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Grid:
    """A table: its columns, and its rows (a cell for each column) and bands in order."""

    columns: tuple[Column, ...]
    rows: tuple[Row | Band, ...]
    #: A blank line between rows, for rows of many lines each.
    spaced: bool = False


# ---------------------------------------------------------------------- wrapping


#: Where a line may break: at a space, but not after a number ("5 s", "10 reps" and "3 days"
#: stay on one line), and at the other whitespace textwrap knows.
_BREAKS = re.compile(r"((?<![0-9]) +|[\t\n\r\x0b\x0c]+)")


class _Wrapper(CellWrapper):
    wordsep_simple_re = _BREAKS


def wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """``text`` wrapped at spaces to ``width`` terminal cells (:mod:`kneefit.render.cells`),
    first line after ``indent``, the rest after ``hanging`` (``indent`` if None); a word
    longer than the width stays whole, and a number stays with the word after it."""
    return cells.wrap(text, width, indent, hanging, wrapper=_Wrapper) or [indent.rstrip()]


def _words(text: str) -> list[str]:
    """What wrapping keeps whole, as the wrapper splits it (not str.split, which would also
    split at control characters textwrap keeps): words, and each wide character apart
    (the wrapper may break between two; measured as words, they take a cell more each,
    so a column is never thought narrower than its text needs)."""
    words = [w for w in _BREAKS.split(text) if w.strip(" \t\n\r\x0b\x0c")]
    if text.isascii():
        return words
    return [piece for word in words for piece in cells.pieces(word)]


def _piece_lines(piece: Piece, width: int) -> list[str]:
    return wrap(piece.text, width, "", " " * piece.hang)


def _longest_word(piece: Piece) -> int:
    words = _words(piece.text)
    if not words:
        return 0
    return max([cell_width(words[0]), *(piece.hang + cell_width(w) for w in words[1:])])


def _longest_line(piece: Piece) -> int:
    return cell_width(" ".join(_words(piece.text)))


# ---------------------------------------------------------------------- choosing widths


def _count(lengths: Sequence[int], width: int, hang: int) -> int:
    """How many lines words of these lengths fill at ``width``, as the wrapper fills them
    (greedily, one space between words, a word too long for the width on a line alone)."""
    if not lengths:
        return 1
    lines, used = 1, lengths[0]
    for length in lengths[1:]:
        if used + 1 + length <= width:
            used += 1 + length
        else:
            lines, used = lines + 1, hang + length
    return lines


@dataclass
class _Measure:
    """One column's cells, measured: its header first, then a cell for each row."""

    narrowest: int  # its longest word: it never gets narrower
    floor: int  # the narrowest it reads well at
    enough: int  # as wide as it needs to be to read well
    want: int  # its longest line: it never needs more
    #: The word lengths of each piece of each cell (the header's first), and its hang.
    cells: list[list[tuple[list[int], int]]]
    #: Lines each cell takes, by width (filled as widths are tried).
    heights: dict[int, list[int]]

    def lines(self, width: int) -> list[int]:
        if width not in self.heights:
            self.heights[width] = [
                sum(_count(words, width, hang) for words, hang in pieces) if pieces else 0
                for pieces in self.cells
            ]
        return self.heights[width]


def _measure(column: Column, cells: Iterable[Cell]) -> _Measure:
    rows = [cell(Piece(column.header)), *cells]
    pieces = [p for c in rows for p in c]
    narrowest = max(_longest_word(p) for p in pieces)
    want = max(_longest_line(p) for p in pieces)
    floor = want if column.at_least is None else min(want, max(narrowest, column.at_least))
    enough = want if column.at_most is None else max(floor, min(want, column.at_most))
    words = [[([cell_width(w) for w in _words(p.text)], p.hang) for p in c] for c in rows]
    return _Measure(narrowest, floor, enough, want, words, {})


def _fill(widths: list[int], caps: Sequence[int], extra: int) -> None:
    """Share ``extra`` columns out evenly among the widths below their caps."""
    while extra > 0:
        growing = [i for i, w in enumerate(widths) if w < caps[i]]
        if not growing:
            return
        share = max(1, extra // len(growing))
        for i in growing:
            given = min(share, caps[i] - widths[i], extra)
            widths[i] += given
            extra -= given
            if extra == 0:
                return


def _widths(
    grid: Grid, measures: dict[int, _Measure], shown: list[int], room: int, *, full: bool = True
) -> list[int]:
    """How wide each of the ``shown`` columns is in ``room`` (the width less the gaps): each
    at its floor, then widened rank by rank (Column.grow), evenly within a rank, up to what
    is enough for it (``at_most``), then (if ``full``) again up to its longest line. When
    even the floors do not fit, they start at their longest words and widen towards them."""
    floors = [measures[i].floor for i in shown]
    widths = list(floors)
    if sum(floors) > room:
        widths = [measures[i].narrowest for i in shown]
        _fill(widths, floors, room - sum(widths))
    targets = [[measures[i].enough for i in shown]]
    if full:
        targets.append([measures[i].want for i in shown])
    ranks = sorted({grid.columns[i].grow for i in shown})
    for target in targets:
        for rank in ranks:
            caps = [
                target[n] if grid.columns[i].grow == rank else widths[n]
                for n, i in enumerate(shown)
            ]
            _fill(widths, caps, room - sum(widths))
    return widths


def _height(measures: dict[int, _Measure], shown: list[int], widths: list[int]) -> int:
    """The lines the table's header and rows take, its bands aside."""
    heights = [measures[i].lines(w) for i, w in zip(shown, widths, strict=True)]
    return sum(max(row) for row in zip(*heights, strict=True))


def choose(grid: Grid, width: int, gap: int = 2) -> list[tuple[int, int]]:
    """The columns shown at ``width`` (their indexes) and how wide each is.

    A column with no text in any row is not shown. The columns always shown come first;
    then each optional one, in its order, if every column still gets its floor
    (``at_least``) and the table is no taller for it with each column as wide as is enough
    for it (``at_most``), unless the column may make it taller (:attr:`Column.taller`): a
    wider terminal shows more, never at the cost of wrapping what matters more. What room
    is left widens the columns towards their longest lines.
    """
    rows = [r for r in grid.rows if not isinstance(r, Band)]
    measures = {
        i: _measure(column, (row[i] for row in rows))
        for i, column in enumerate(grid.columns)
        if any(row[i] for row in rows)
    }

    def room(shown: list[int]) -> int:
        return width - gap * (len(shown) - 1)

    def height(shown: list[int]) -> int:
        return _height(measures, shown, _widths(grid, measures, shown, room(shown), full=False))

    shown = sorted(i for i in measures if grid.columns[i].optional == 0)
    tallest = height(shown)
    extras = sorted(
        (i for i in measures if grid.columns[i].optional > 0),
        key=lambda i: grid.columns[i].optional,
    )
    for extra in extras:
        trial = sorted([*shown, extra])
        if sum(measures[i].floor for i in trial) > room(trial):
            continue
        trial_height = height(trial)
        if trial_height <= tallest or grid.columns[extra].taller:
            shown, tallest = trial, trial_height
    return list(zip(shown, _widths(grid, measures, shown, room(shown)), strict=True))


# ---------------------------------------------------------------------- laying out


def lay_out(grid: Grid, width: int, *, gap: int = 2, rule: str | None = "-") -> list[Line]:
    """The grid as lines of at most ``width`` columns (unless a word is longer): a header,
    a rule of ``rule`` under each heading (or, with None, the headings underlined: a
    terminal that shows styles needs no line for it), then each row, its cells wrapped
    side by side."""
    chosen = choose(grid, width, gap)
    if not chosen:
        return []
    starts: dict[int, int] = {}
    at = 0
    for index, column_width in chosen:
        starts[index] = at
        at += column_width + gap
    style = "bold" if rule is not None else "bold underline"
    header = tuple(cell(Piece(grid.columns[i].header, style)) for i, _ in chosen)
    lines = _row_lines(grid, chosen, header, gap)
    if rule is not None:
        lines.append((((" " * gap).join(rule * w for _, w in chosen), "dim"),))
    first = True
    for row in grid.rows:
        if isinstance(row, Band):
            start = starts.get(row.column, 0)
            for text in _piece_lines(row.piece, width - start):
                lines.append(((" " * start, ""), (text, row.piece.style)))
            continue
        if grid.spaced and not first:
            lines.append(())
        first = False
        shown = tuple(row[i] for i, _ in chosen)
        lines += _row_lines(grid, chosen, shown, gap)
    return lines


def _row_lines(
    grid: Grid, chosen: Sequence[tuple[int, int]], cells: Sequence[Cell], gap: int
) -> list[Line]:
    stacks: list[list[Segment]] = []
    for (index, column_width), this in zip(chosen, cells, strict=True):
        column = grid.columns[index]
        stack: list[Segment] = []
        for piece in this:
            style = piece.style or column.style
            stack += [(text, style) for text in _piece_lines(piece, column_width)]
        stacks.append(stack)
    height = max((len(s) for s in stacks), default=0)
    lines: list[Line] = []
    for n in range(height):
        segments: list[Segment] = []
        for (index, column_width), stack in zip(chosen, stacks, strict=True):
            text, style = stack[n] if n < len(stack) else ("", "")
            pad = " " * max(column_width - cell_width(text), 0)
            if segments:
                segments.append((" " * gap, ""))
            if grid.columns[index].right:
                segments += [(pad, ""), (text, style)]
            else:
                segments += [(text, style), (pad, "")]
        lines.append(_trimmed(segments))
    return lines


def _trimmed(segments: list[Segment]) -> Line:
    """The segments without trailing blanks (a copy or a diff has no use for them)."""
    while segments and not segments[-1][0].strip():
        segments.pop()
    if segments:
        text, style = segments[-1]
        segments[-1] = (text.rstrip(), style)
    return tuple(s for s in segments if s[0])


def plain_lines(lines: Iterable[Line]) -> list[str]:
    """The lines as plain text, styles dropped."""
    return ["".join(text for text, _ in line).rstrip() for line in lines]
