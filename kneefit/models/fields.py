"""The checked field types every record is built from: plain text, names, slugs,
whole sentences, links, phase keys and which knee; and the frozen base of the records.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
)

from kneefit.i18n import _

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# Unicode's Cc category (C0, DEL and C1) and the bidirectional overrides, but for tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def text_problem(value: str, max_length: int = 2000) -> str | None:
    """What is wrong with text that will be printed, or None: control characters, length."""
    found = _CONTROL.search(value)
    if found:
        return _("contains the control character U+{code:04X}").format(code=ord(found.group()))
    if len(value) > max_length:
        return _("is longer than {count} characters").format(count=max_length)
    return None


def _plain_text(value: str) -> str:
    """Refuse control characters: catalogue text is printed, and ESC would drive a terminal."""
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    if not value.strip():
        raise ValueError(_("must not be blank"))
    return value


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError(
            _("must be a slug: lower-case letters and digits joined by single hyphens")
        )
    return value


def _sentence(value: str) -> str:
    """Steps and cues are whole sentences: a comma in a YAML flow list splits one silently."""
    text = value.strip()
    if not (text[:1].isupper() or text[:1].isdigit()) or text[-1:] not in ".!?)":
        raise ValueError(_("must be a whole sentence: a capital letter first, a full stop last"))
    return value


Text = Annotated[StrictStr, Field(max_length=2000), AfterValidator(_plain_text)]
Name = Annotated[StrictStr, Field(max_length=120), AfterValidator(_plain_text)]
Slug = Annotated[StrictStr, Field(max_length=64), AfterValidator(_slug)]
Sentence = Annotated[Text, AfterValidator(_sentence)]
Url = Annotated[StrictStr, Field(pattern=r"^https?://\S+$", max_length=500)]
#: A phase of a program: ``program-id/phase-id``.
PhaseKey = Annotated[
    StrictStr, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=130)
]


class Frozen(BaseModel):
    """Frozen, no unknown fields, built on first use: the base of every record read from a file."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


#: Which knee a session or check-in is for (``--knee``).
Knee = Literal["left", "right", "both"]
#: The knees, in the order the help lists them.
KNEES: tuple[str, ...] = ("left", "right", "both")
