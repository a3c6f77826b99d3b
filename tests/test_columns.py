"""Laying a table out in the columns that fit a width (kneefit/render/columns.py): only whole
words on each line, columns chosen by the room they get, bands across, numbers kept with
their units."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kneefit.render.columns import Band, Column, Grid, Piece, cell, choose, lay_out, plain_lines

_WORDS = st.text(alphabet="abcdefghijk-()", min_size=1, max_size=14)
_CELLS = st.lists(_WORDS, max_size=8).map(" ".join)


@given(
    rows=st.lists(st.tuples(_CELLS, _CELLS, _CELLS), min_size=1, max_size=6),
    width=st.integers(min_value=10, max_value=140),
)
def test_cells_wrap_at_spaces_only_and_fit_when_their_words_do(
    rows: list[tuple[str, str, str]], width: int
) -> None:
    grid = Grid(
        (
            Column("A", at_least=8),
            Column("B", at_least=10, at_most=30, grow=1),
            Column("C", optional=1, at_least=6),
        ),
        tuple((cell(a), cell(b), cell(c)) for a, b, c in rows),
    )
    lines = plain_lines(lay_out(grid, width, rule="="))
    if not any(a or b for a, b, _ in rows):
        assert lines == []  # the columns always shown have nothing to show
        return
    said = {word for row in rows for text in row for word in text.split()} | {"A", "B", "C"}
    shown = {word for line in lines for word in line.split() if set(word) != {"="}}
    assert shown <= said  # no piece of a word, only whole ones
    chosen = choose(grid, width)
    for index, _ in chosen:
        assert {word for row in rows for word in row[index].split()} <= shown
    # When the longest words fit, so does every line.
    longest = sum(
        max([len(grid.columns[i].header)] + [len(w) for row in rows for w in row[i].split()])
        for i, _ in chosen
        if grid.columns[i].optional == 0
    )
    required = sum(1 for i, _ in chosen if grid.columns[i].optional == 0)
    if longest + 2 * (required - 1) <= width:
        assert max(len(line) for line in lines) <= width


def test_optional_columns_show_when_there_is_room_and_empty_ones_never() -> None:
    grid = Grid(
        (
            Column("Name"),
            Column("Dose", at_least=10),
            Column("Kit", optional=1),
            Column("Never", optional=2),
        ),
        ((cell("Wall sit"), cell("hold 30 s, 3 times"), cell("chair"), cell()),),
    )
    assert [i for i, _ in choose(grid, 30)] == [0, 1]
    assert [i for i, _ in choose(grid, 80)] == [0, 1, 2]
    assert plain_lines(lay_out(grid, 30)) == [
        "Name      Dose",
        "--------  ------------------",
        "Wall sit  hold 30 s, 3 times",
    ]


def test_a_band_runs_across_from_its_column_and_numbers_keep_their_units() -> None:
    grid = Grid(
        (Column("#", right=True), Column("Exercise"), Column("Dose", at_least=8)),
        (
            Band(Piece("Strength (about 25 min)", "bold"), column=1),
            (cell("9"), cell("Sit to stand"), cell("hold each 5 s, each side")),
            (cell("10"), cell("Calf raise"), cell("10 reps")),
        ),
    )
    assert plain_lines(lay_out(grid, 28)) == [
        " #  Exercise      Dose",
        "--  ------------  ----------",
        "    Strength (about 25 min)",
        " 9  Sit to stand  hold each",
        "                  5 s, each",
        "                  side",
        "10  Calf raise    10 reps",
    ]
