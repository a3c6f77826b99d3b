"""The text renderer's wrapping: its shortcut for lines that fit agrees with textwrap."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from kneefit.render.text import _wrap


@given(
    text=st.text(alphabet=st.sampled_from("ab -\t\n."), max_size=120),
    indent=st.sampled_from(["", "  ", "1.1  "]),
    width=st.integers(min_value=10, max_value=100),
)
def test_the_shortcut_wraps_as_textwrap_does(text: str, indent: str, width: int) -> None:
    expected = textwrap.wrap(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]
    assert _wrap(text, indent, width=width) == expected
