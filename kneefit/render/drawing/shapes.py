"""SVG shapes in drawing units (standing height 100, y up) and the drawing's inks: the
canvas that collects shapes and their bounds, and the solid pieces a body is made of (a
tapered segment, a disc, a rounded outline), each outlined once and then filled."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

#: The one stroke width of the figure, in drawing units (standing height 100).
STROKE = 4.0
PROP_STROKE = 2.0
WIDTH = 160.0
MARGIN = 6.0


INK = "#1a1a1a"
FAR_INK = "#6b6b6b"
START_INK = "#b8b8b8"
PROP_INK = "#8c8c8c"
PROP_FILL = "#ececec"
FAR_FILL = "#d2d2d2"
#: The working muscles' tint: a warm mid tone that prints as a light grey.
MUSCLE_TINT = "#eba48f"
FAR_TINT = "#c99a8d"
#: Press marks: a dark red that prints nearly black.
PRESS_INK = "#a8321e"


Point = tuple[float, float]


@dataclass
class Canvas:
    """Shapes in drawing units (y up), collected with their bounds."""

    shapes: list[str]
    xs: list[float]
    ys: list[float]

    def see(self, points: Iterable[Point], pad: float = 0.0) -> None:
        for x, y in points:
            self.xs += [x - pad, x + pad]
            self.ys += [y - pad, y + pad]

    def line(self, points: Sequence[Point], **attrs: str) -> None:
        self.see(points, STROKE / 2)
        coords = " ".join(f"{num(x)},{num(-y)}" for x, y in points)
        tag = "line" if len(points) == 2 else "polyline"
        if tag == "line":
            (x1, y1), (x2, y2) = points
            geometry = f'x1="{num(x1)}" y1="{num(-y1)}" x2="{num(x2)}" y2="{num(-y2)}"'
        else:
            geometry = f'points="{coords}"'
        self.shapes.append(f"<{tag} {geometry}{_attrs(attrs)}/>")

    def circle(self, centre: Point, r: float, **attrs: str) -> None:
        self.see([centre], r + STROKE / 2)
        x, y = centre
        self.shapes.append(f'<circle cx="{num(x)}" cy="{num(-y)}" r="{num(r)}"{_attrs(attrs)}/>')

    def rect(self, x: float, y: float, w: float, h: float, **attrs: str) -> None:
        self.see([(x, y), (x + w, y + h)], PROP_STROKE / 2)
        self.shapes.append(
            f'<rect x="{num(x)}" y="{num(-(y + h))}" width="{num(w)}" height="{num(h)}"'
            f"{_attrs(attrs)}/>"
        )

    def path(self, d: str, points: Iterable[Point], **attrs: str) -> None:
        self.see(points, STROKE / 2)
        self.shapes.append(f'<path d="{d}"{_attrs(attrs)}/>')


def num(value: float) -> str:
    """A coordinate with one decimal, no '-0'."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f" {k.replace('_', '-')}={quoteattr(v)}" for k, v in attrs.items())


#: The outline's width around each body part.
OUTLINE = 1.1


class Piece:
    """One solid part of a body, drawn twice: outlined, then filled, so that the parts of a
    limb (or of the trunk and head) merge into one shape with one outline."""

    def __init__(self, kind: str, geometry: str, grow: float = 0.0) -> None:
        self.kind = kind  # "path", "circle" or "polygon"
        self.geometry = geometry
        self.grow = grow  # a polygon's rounding: half its stroke

    def outlined(self, ink: str) -> str:
        width = 2 * (self.grow + OUTLINE)
        return (
            f'<{self.kind} {self.geometry} fill="{ink}" stroke="{ink}" '
            f'stroke-width="{num(width)}"/>'
        )

    def filled(self, fill: str) -> str:
        if self.grow:
            return (
                f'<{self.kind} {self.geometry} fill="{fill}" stroke="{fill}" '
                f'stroke-width="{num(2 * self.grow)}"/>'
            )
        return f'<{self.kind} {self.geometry} fill="{fill}" stroke="none"/>'


def svg_point(p: Point) -> str:
    return f"{num(p[0])},{num(-p[1])}"


def _arc_to(centre: Point, r: float, start: Point, through: Point, end: Point) -> str:
    """An SVG arc command from ``start`` to ``end`` around ``centre``, passing ``through``."""

    def cross(p: Point, q: Point) -> float:
        # In SVG coordinates (y down): positive means the angle grows from p to q.
        return (p[0] - centre[0]) * -(q[1] - centre[1]) - -(p[1] - centre[1]) * (q[0] - centre[0])

    def dot(p: Point, q: Point) -> float:
        return (p[0] - centre[0]) * (q[0] - centre[0]) + (p[1] - centre[1]) * (q[1] - centre[1])

    sweep = 1 if cross(start, through) > 0 else 0
    large = 1 if dot(start, through) < 0 else 0
    return f"A{num(r)},{num(r)} 0 {large} {sweep} {svg_point(end)}"


def tapered(canvas: Canvas, a: Point, ra: float, b: Point, rb: float) -> Piece:
    """A limb segment: two discs joined by their common tangents."""
    canvas.see([a], ra + OUTLINE)
    canvas.see([b], rb + OUTLINE)
    length = math.dist(a, b)
    if length <= abs(ra - rb) + 0.05:
        centre, r = (a, ra) if ra >= rb else (b, rb)
        return disc(canvas, centre, r)
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    nx, ny = -uy, ux
    s = (ra - rb) / length
    c = math.sqrt(1 - s * s)

    def at(p: Point, r: float, side: float) -> Point:
        return (p[0] + r * (side * nx * c + ux * s), p[1] + r * (side * ny * c + uy * s))

    a1, b1, b2, a2 = at(a, ra, 1), at(b, rb, 1), at(b, rb, -1), at(a, ra, -1)
    tip_b = (b[0] + ux * rb, b[1] + uy * rb)
    tip_a = (a[0] - ux * ra, a[1] - uy * ra)
    d = (
        f"M{svg_point(a1)} L{svg_point(b1)} {_arc_to(b, rb, b1, tip_b, b2)} "
        f"L{svg_point(a2)} {_arc_to(a, ra, a2, tip_a, a1)}Z"
    )
    return Piece("path", f'd="{d}"')


def disc(canvas: Canvas, centre: Point, r: float) -> Piece:
    canvas.see([centre], r + OUTLINE)
    return Piece("circle", f'cx="{num(centre[0])}" cy="{num(-centre[1])}" r="{num(r)}"')


def rounded(canvas: Canvas, points: Sequence[Point], grow: float) -> Piece:
    """The convex outline of ``points``, grown by ``grow`` all round (the trunk)."""
    outline = hull(points)
    canvas.see(outline, grow + OUTLINE)
    return Piece("polygon", f'points="{" ".join(svg_point(p) for p in outline)}"', grow)


def hull(points: Sequence[Point]) -> list[Point]:
    """The convex hull (Andrew's monotone chain)."""
    ordered = sorted({(round(x, 2), round(y, 2)) for x, y in points})
    if len(ordered) <= 2:
        return ordered

    def turn(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    upper: list[Point] = []
    for p in ordered:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(ordered):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]
