"""Telling JSON whose text is certainly plain: no control character, no bidirectional
override, in any string.

Catalogue text may never hold those (:func:`kneefit.models.text_problem`). An entry of the
cache whose JSON passes this check may be rebuilt without validating it again
(:mod:`kneefit.catalogue.rebuild`); one that fails it is validated in full, so even an entry
signed with a stolen key cannot put an escape sequence on the terminal.
"""

from __future__ import annotations

#: Bytes that start a JSON escape kneefit's own text may hold: newline, tab, quote, backslash.
_HARMLESS_ESCAPES = frozenset([b"n", b"t", b'"', b"\\"])


def plain_json(body: bytes) -> bool:
    """Whether JSON ``body`` certainly holds no control character (but newline and tab) and
    no bidirectional override in any string: what catalogue text may never hold.

    JSON has a C0 control character only as an escape; DEL, the C1 controls and the
    overrides may also be there as they are, in UTF-8. False means "maybe": validate.
    """
    if b"\x7f" in body:
        return False
    start = body.find(b"\\")
    while start >= 0:
        if body[start + 1 : start + 2] not in _HARMLESS_ESCAPES:
            return False
        start = body.find(b"\\", start + 2)
    # U+0080 to U+009F are C2 80 to C2 9F in UTF-8; U+202A to U+202E are E2 80 AA to
    # E2 80 AE, and U+2066 to U+2069 are E2 81 A6 to E2 81 A9.
    for lead, bad in ((b"\xc2", _C1), (b"\xe2", _OVERRIDES)):
        start = body.find(lead)
        while start >= 0:
            if body[start : start + 3] in bad or body[start : start + 2] in bad:
                return False
            start = body.find(lead, start + 1)
    return True


_C1 = frozenset(bytes([0xC2, low]) for low in range(0x80, 0xA0))
_OVERRIDES = frozenset(
    [bytes([0xE2, 0x80, low]) for low in range(0xAA, 0xAF)]
    + [bytes([0xE2, 0x81, low]) for low in range(0xA6, 0xAA)]
)
