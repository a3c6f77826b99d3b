"""Drawings of an exercise's start and end poses, as SVG made from its pose data.

The figure is a body, not sticks: limbs that taper from hip to ankle and shoulder to wrist,
a trunk with a waist, a head whose nose shows which way the face looks, hands and feet. Each
part is outlined once, then filled, so a limb reads as one shape; the far arm and leg are
grey, behind the trunk. The end pose is drawn in black over the start pose in light grey,
and an arrow follows the body point that moves furthest; short red arrows mark where the
body presses, sinks or squeezes (a pose's ``press``), and the working muscles are tinted.
Props are drawn in a lighter grey. The output is plain SVG 1.1, sized in millimetres, with
a title and a description in words: no scripts, no external references, the same bytes for
the same poses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from kneefit.i18n import N_, _
from kneefit.pose import (
    CARRIED_PROPS,
    CONTACT,
    HEAD_RADIUS,
    HEIGHT,
    LIMBS,
    RESTING_SEGMENTS,
    ROLLER_LENGTH,
    SHOULDER_WIDTH,
    STRAP_PROPS,
    Figure,
    Landmark,
    Poses,
    Prop,
    PropKind,
    Support,
    View,
    figures,
    prop_top,
    tilt,
)
from kneefit.value_words import value_word

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

# A stationary bike, from its saddle: the crank's centre and the handlebar (drawing units).
BIKE_CRANK = (12.0, -38.0)
BIKE_CRANK_RADIUS = 9.0
BIKE_BAR = (36.0, 12.0)

Point = tuple[float, float]

_ARROW_CANDIDATES = (
    Landmark.RIGHT_HAND,
    Landmark.LEFT_HAND,
    Landmark.RIGHT_ANKLE,
    Landmark.LEFT_ANKLE,
    Landmark.RIGHT_KNEE,
    Landmark.LEFT_KNEE,
    Landmark.PELVIS,
    Landmark.HEAD,
)


@dataclass
class _Canvas:
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
        coords = " ".join(f"{_n(x)},{_n(-y)}" for x, y in points)
        tag = "line" if len(points) == 2 else "polyline"
        if tag == "line":
            (x1, y1), (x2, y2) = points
            geometry = f'x1="{_n(x1)}" y1="{_n(-y1)}" x2="{_n(x2)}" y2="{_n(-y2)}"'
        else:
            geometry = f'points="{coords}"'
        self.shapes.append(f"<{tag} {geometry}{_attrs(attrs)}/>")

    def circle(self, centre: Point, r: float, **attrs: str) -> None:
        self.see([centre], r + STROKE / 2)
        x, y = centre
        self.shapes.append(f'<circle cx="{_n(x)}" cy="{_n(-y)}" r="{_n(r)}"{_attrs(attrs)}/>')

    def rect(self, x: float, y: float, w: float, h: float, **attrs: str) -> None:
        self.see([(x, y), (x + w, y + h)], PROP_STROKE / 2)
        self.shapes.append(
            f'<rect x="{_n(x)}" y="{_n(-(y + h))}" width="{_n(w)}" height="{_n(h)}"'
            f"{_attrs(attrs)}/>"
        )

    def path(self, d: str, points: Iterable[Point], **attrs: str) -> None:
        self.see(points, STROKE / 2)
        self.shapes.append(f'<path d="{d}"{_attrs(attrs)}/>')


def _n(value: float) -> str:
    """A coordinate with one decimal, no '-0'."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f" {k.replace('_', '-')}={quoteattr(v)}" for k, v in attrs.items())


def _xy(figure: Figure, name: Landmark) -> Point:
    x, y, _ = figure.projected(name)
    return (x, y)


def _depth(figure: Figure, names: Iterable[Landmark]) -> float:
    zs = [figure.projected(n)[2] for n in names]
    return sum(zs) / len(zs)


# Body widths: radii in drawing units (standing height 100) where each segment starts and
# ends, tapering from the hip to the ankle and from the shoulder to the wrist. Near the
# padding the contact checks allow (kneefit.pose), so a body resting on a mat sits on it.
R_THIGH = 4.9
R_KNEE = 3.1
R_ANKLE = 1.9
R_HEEL = 1.4
R_TOE = 0.9
R_SHOULDER = 2.6
R_ELBOW = 2.0
R_WRIST = 1.5
R_HAND = 2.1
R_NECK = 2.2
#: The trunk is the outline of its landmarks grown by this much: rounded shoulders and hips.
R_TRUNK = 3.6
#: The outline's width around each body part.
OUTLINE = 1.1

Vec3 = tuple[float, float, float]


def _sub(a: Vec3, b: Vec3) -> Vec3:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _cross(a: Vec3, b: Vec3) -> Vec3:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _unit3(v: Vec3) -> Vec3:
    length = math.sqrt(v[0] ** 2 + v[1] ** 2 + v[2] ** 2) or 1.0
    return (v[0] / length, v[1] / length, v[2] / length)


def _page_dir(figure: Figure, v: Vec3) -> tuple[Point, float]:
    """A body direction as drawn: its unit direction on the page, and how much of it shows
    (1 along the page, 0 pointing at the viewer)."""
    x, y, _ = tilt(v, figure.elevation, figure.azimuth)
    length = math.hypot(x, y)
    if length < 1e-9:
        return (0.0, 0.0), 0.0
    return (x / length, y / length), length


def _lateral(figure: Figure) -> Vec3:
    """The body's left-to-right axis."""
    return _unit3(_sub(figure[Landmark.RIGHT_HIP], figure[Landmark.LEFT_HIP]))


def _trunk_axes(figure: Figure) -> tuple[Vec3, Vec3]:
    """The trunk's up (pelvis to neck) and forward (the way the chest faces) directions."""
    up = _unit3(_sub(figure[Landmark.NECK], figure[Landmark.PELVIS]))
    return up, _unit3(_cross(up, _lateral(figure)))


def _facing(figure: Figure) -> Vec3:
    """The way the face looks: forward of the head, which the neck tips about the body's
    left-to-right axis."""
    up = _unit3(_sub(figure[Landmark.HEAD], figure[Landmark.NECK]))
    return _unit3(_cross(up, _lateral(figure)))


def _segment_front(figure: Figure, a: Landmark, b: Landmark) -> Vec3:
    """The front of a leg segment (where the kneecap and the shin are)."""
    return _unit3(_cross(_lateral(figure), _sub(figure[b], figure[a])))


class _Piece:
    """One solid part of a body, drawn twice: outlined, then filled, so that the parts of a
    limb (or of the trunk and head) merge into one shape with one outline."""

    def __init__(self, kind: str, geometry: str, grow: float = 0.0) -> None:
        self.kind = kind  # "path", "circle" or "polygon"
        self.geometry = geometry
        self.grow = grow  # a polygon's rounding: half its stroke

    def outlined(self, ink: str) -> str:
        width = 2 * (self.grow + OUTLINE)
        return (
            f'<{self.kind} {self.geometry} fill="{ink}" stroke="{ink}" stroke-width="{_n(width)}"/>'
        )

    def filled(self, fill: str) -> str:
        if self.grow:
            return (
                f'<{self.kind} {self.geometry} fill="{fill}" stroke="{fill}" '
                f'stroke-width="{_n(2 * self.grow)}"/>'
            )
        return f'<{self.kind} {self.geometry} fill="{fill}" stroke="none"/>'


def _svg_point(p: Point) -> str:
    return f"{_n(p[0])},{_n(-p[1])}"


def _arc_to(centre: Point, r: float, start: Point, through: Point, end: Point) -> str:
    """An SVG arc command from ``start`` to ``end`` around ``centre``, passing ``through``."""

    def cross(p: Point, q: Point) -> float:
        # In SVG coordinates (y down): positive means the angle grows from p to q.
        return (p[0] - centre[0]) * -(q[1] - centre[1]) - -(p[1] - centre[1]) * (q[0] - centre[0])

    def dot(p: Point, q: Point) -> float:
        return (p[0] - centre[0]) * (q[0] - centre[0]) + (p[1] - centre[1]) * (q[1] - centre[1])

    sweep = 1 if cross(start, through) > 0 else 0
    large = 1 if dot(start, through) < 0 else 0
    return f"A{_n(r)},{_n(r)} 0 {large} {sweep} {_svg_point(end)}"


def _tapered(canvas: _Canvas, a: Point, ra: float, b: Point, rb: float) -> _Piece:
    """A limb segment: two discs joined by their common tangents."""
    canvas.see([a], ra + OUTLINE)
    canvas.see([b], rb + OUTLINE)
    length = math.dist(a, b)
    if length <= abs(ra - rb) + 0.05:
        centre, r = (a, ra) if ra >= rb else (b, rb)
        return _disc(canvas, centre, r)
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
        f"M{_svg_point(a1)} L{_svg_point(b1)} {_arc_to(b, rb, b1, tip_b, b2)} "
        f"L{_svg_point(a2)} {_arc_to(a, ra, a2, tip_a, a1)}Z"
    )
    return _Piece("path", f'd="{d}"')


def _disc(canvas: _Canvas, centre: Point, r: float) -> _Piece:
    canvas.see([centre], r + OUTLINE)
    return _Piece("circle", f'cx="{_n(centre[0])}" cy="{_n(-centre[1])}" r="{_n(r)}"')


def _rounded(canvas: _Canvas, points: Sequence[Point], grow: float) -> _Piece:
    """The convex outline of ``points``, grown by ``grow`` all round (the trunk)."""
    hull = _hull(points)
    canvas.see(hull, grow + OUTLINE)
    return _Piece("polygon", f'points="{" ".join(_svg_point(p) for p in hull)}"', grow)


def _hull(points: Sequence[Point]) -> list[Point]:
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


_LEG_RADII = (R_THIGH, R_KNEE, R_ANKLE)
_ARM_RADII = (R_SHOULDER, R_ELBOW, R_WRIST)


def _limb_pieces(canvas: _Canvas, figure: Figure, chain: Sequence[Landmark]) -> list[_Piece]:
    points = [_xy(figure, n) for n in chain]
    if len(chain) == 5:  # a leg: hip, knee, ankle, heel, toe
        hip, knee, ankle, heel, toe = points
        return [
            _tapered(canvas, hip, R_THIGH, knee, R_KNEE),
            _tapered(canvas, knee, R_KNEE, ankle, R_ANKLE),
            _tapered(canvas, ankle, R_ANKLE, heel, R_HEEL),
            _tapered(canvas, heel, R_HEEL, toe, R_TOE),
            _tapered(canvas, ankle, R_ANKLE, toe, R_TOE),
        ]
    shoulder, elbow, hand = points
    return [
        _tapered(canvas, shoulder, R_SHOULDER, elbow, R_ELBOW),
        _tapered(canvas, elbow, R_ELBOW, hand, R_WRIST),
        _disc(canvas, hand, R_HAND),
    ]


def _along(figure: Figure, origin: Landmark, v: Vec3, scale: float) -> Point:
    p = figure[origin]
    x, y, _ = tilt(
        (p[0] + v[0] * scale, p[1] + v[1] * scale, p[2] + v[2] * scale),
        figure.elevation,
        figure.azimuth,
    )
    return (x, y)


def _trunk_pieces(canvas: _Canvas, figure: Figure) -> list[_Piece]:
    """The trunk (shoulders, chest, belly and hips), the neck and the head with its nose."""
    up, forward = _trunk_axes(figure)
    length = math.dist(figure[Landmark.PELVIS], figure[Landmark.NECK])

    lateral = _lateral(figure)

    def point(rise: float, ahead: float, out: float = 0.0) -> Point:
        v = tuple(up[k] * rise * length + forward[k] * ahead + lateral[k] * out for k in range(3))
        return _along(figure, Landmark.PELVIS, (v[0], v[1], v[2]), 1.0)

    half_shoulders = SHOULDER_WIDTH / 2 * HEIGHT - 2.5
    half_waist = 7.0
    # The chest and the pelvis, each a rounded convex shape, meet at a narrower waist seen
    # from the front; seen from the side the chest is deeper than the waist, and the
    # buttocks stand behind the hips.
    chest = [
        point(1.0, 0.0, -half_shoulders),
        point(1.0, 0.0, half_shoulders),
        point(0.72, 3.2),
        point(0.95, 1.4),
        point(0.75, -2.6),
        point(0.97, -1.4),
        point(0.42, 1.8, -half_waist),
        point(0.42, 1.8, half_waist),
        point(0.42, -2.0, -half_waist),
        point(0.42, -2.0, half_waist),
    ]
    pelvis = [
        _xy(figure, Landmark.LEFT_HIP),
        _xy(figure, Landmark.RIGHT_HIP),
        point(0.42, 1.8, -half_waist),
        point(0.42, 1.8, half_waist),
        point(0.42, -2.0, -half_waist),
        point(0.42, -2.0, half_waist),
        point(0.02, 1.4),
        point(-0.05, -2.2),
    ]
    neck, head = _xy(figure, Landmark.NECK), _xy(figure, Landmark.HEAD)
    r = HEAD_RADIUS * HEIGHT
    pieces = [
        _rounded(canvas, chest, R_TRUNK),
        _rounded(canvas, pelvis, R_TRUNK),
        _tapered(canvas, neck, R_NECK + 0.6, head, R_NECK),
        _disc(canvas, head, r),
    ]
    (fx, fy), shown = _page_dir(figure, _facing(figure))
    if shown > 0.35:
        # The nose: which way the face looks.
        tip = (head[0] + fx * (r + 1.6), head[1] + fy * (r + 1.6))
        side = (-fy * 1.5, fx * 1.5)
        base = (head[0] + fx * (r - 1.5), head[1] + fy * (r - 1.5))
        low = (base[0] + side[0] - fx * 0.2, base[1] + side[1] - fy * 0.2)
        # The nose points a little down from the face's middle: turn it towards the chin.
        high = (base[0] - side[0], base[1] - side[1])
        pieces.append(_rounded(canvas, [tip, low, high], 0.5))
    return pieces


def layers(figure: Figure) -> tuple[list[str], list[str]]:
    """The limbs drawn behind the trunk (far, in grey) and in front of it (near), each list
    farthest first. A limb is as near as its upper half: a shin crossing the other thigh (a
    figure-four) belongs to the near leg although its foot is beyond the body."""
    limbs = sorted(LIMBS.items(), key=lambda item: (_depth(figure, item[1][:2]), item[0]))
    trunk = _depth(figure, (Landmark.PELVIS, Landmark.NECK))
    far = [name for name, chain in limbs if _depth(figure, chain[:2]) < trunk - 2]
    return far, [name for name, _ in limbs if name not in far]


def _draw_figure(
    canvas: _Canvas, figure: Figure, *, faint: bool, tints: Sequence[_Tint] = ()
) -> None:
    near_ink, near_fill = (START_INK, "#ffffff") if faint else (INK, "#ffffff")
    far_ink, far_fill = (START_INK, "#ffffff") if faint else (FAR_INK, FAR_FILL)
    far, near = layers(figure)
    groups: list[tuple[str, list[_Piece], str, str]] = []
    for name in far:
        groups.append((name, _limb_pieces(canvas, figure, LIMBS[name]), far_ink, far_fill))
    groups.append(("trunk", _trunk_pieces(canvas, figure), near_ink, near_fill))
    for name in near:
        groups.append((name, _limb_pieces(canvas, figure, LIMBS[name]), near_ink, near_fill))
    for name, pieces, ink, fill in groups:
        parts = [p.outlined(ink) for p in pieces] + [p.filled(fill) for p in pieces]
        parts += [t.shape(fill == FAR_FILL) for t in tints if t.part == name]
        canvas.shapes.append(f"<g>{''.join(parts)}</g>")


@dataclass(frozen=True)
class _Tint:
    """A working muscle's patch, drawn over the fill of one part of the body."""

    part: str  # "trunk", or a limb's name ("right-leg")
    points: tuple[Point, ...]

    def shape(self, far: bool) -> str:
        colour = FAR_TINT if far else MUSCLE_TINT
        coords = " ".join(_svg_point(p) for p in self.points)
        return f'<polygon points="{coords}" fill="{colour}" stroke="none"/>'


def _band(
    a: Point,
    ra: float,
    b: Point,
    rb: float,
    side: Point | None,
    span: tuple[float, float],
    inset: float = 0.8,
) -> tuple[Point, ...]:
    """A patch along a segment (from a to b, radii ra and rb): the fractions ``span`` of its
    length, on the side that ``side`` points to (the front of a thigh, say), or across its
    middle when ``side`` is None."""
    length = math.dist(a, b) or 1.0
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    nx, ny = -uy, ux
    t0, t1 = span
    c0 = (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0)
    c1 = (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1)
    r0 = (ra + (rb - ra) * t0) * inset
    r1 = (ra + (rb - ra) * t1) * inset
    if side is None:
        return (
            (c0[0] + nx * r0, c0[1] + ny * r0),
            (c1[0] + nx * r1, c1[1] + ny * r1),
            (c1[0] - nx * r1, c1[1] - ny * r1),
            (c0[0] - nx * r0, c0[1] - ny * r0),
        )
    if nx * side[0] + ny * side[1] < 0:
        nx, ny = -nx, -ny
    return (
        c0,
        c1,
        (c1[0] + nx * r1, c1[1] + ny * r1),
        (c0[0] + nx * r0, c0[1] + ny * r0),
    )


def _ring(centre: Point, r: float) -> tuple[Point, ...]:
    return tuple(
        (centre[0] + r * math.cos(k * math.pi / 6), centre[1] + r * math.sin(k * math.pi / 6))
        for k in range(12)
    )


_LEGS = {
    "right-leg": (Landmark.RIGHT_HIP, Landmark.RIGHT_KNEE, Landmark.RIGHT_ANKLE),
    "left-leg": (Landmark.LEFT_HIP, Landmark.LEFT_KNEE, Landmark.LEFT_ANKLE),
}


def _working_legs(poses: Poses, start: Figure, end: Figure) -> list[str]:
    """The legs that work: those that move, or that press; both when neither or both do."""
    moving = [
        name
        for name, chain in _LEGS.items()
        if any(math.dist(start[n], end[n]) > 3 for n in chain[1:])
    ]
    pressing = [name for name, chain in _LEGS.items() if any(p.at in chain for p in poses.press)]
    chosen = moving or pressing
    return chosen if len(chosen) == 1 else list(_LEGS)


def _side(figure: Figure, v: Vec3) -> Point | None:
    """A body direction as a side of a drawn part, or None when it points mostly at the
    viewer (or away), so that the whole width of the part shows it."""
    direction, shown = _page_dir(figure, v)
    return direction if shown > 0.4 else None


def _leg_tints(figure: Figure, muscle: str, legs: Sequence[str]) -> list[_Tint]:
    tints = []
    for name in legs:
        hip, knee, ankle = (_xy(figure, n) for n in _LEGS[name])
        front = _side(figure, _segment_front(figure, _LEGS[name][0], _LEGS[name][1]))
        back = None if front is None else (-front[0], -front[1])
        shin = _side(figure, _segment_front(figure, _LEGS[name][1], _LEGS[name][2]))
        calf = None if shin is None else (-shin[0], -shin[1])
        if muscle == "quadriceps":
            patch = _band(hip, R_THIGH, knee, R_KNEE, front, (0.1, 0.9))
        elif muscle == "hamstrings":
            patch = _band(hip, R_THIGH, knee, R_KNEE, back, (0.1, 0.9))
        elif muscle == "hip flexors":
            patch = _band(hip, R_THIGH, knee, R_KNEE, front, (0.0, 0.35))
        elif muscle == "adductors":
            patch = _band(hip, R_THIGH, knee, R_KNEE, None, (0.1, 0.65), inset=0.45)
        elif muscle == "abductors":
            patch = _band(hip, R_THIGH, knee, R_KNEE, None, (0.0, 0.3))
        elif muscle == "calves":
            patch = _band(knee, R_KNEE, ankle, R_ANKLE, calf, (0.08, 0.6))
        elif muscle == "glutes":
            up, forward = _trunk_axes(figure)
            if tilt(forward, figure.elevation, figure.azimuth)[2] > 0.6:
                continue  # facing the viewer: the buttocks are out of sight
            behind = (
                -forward[0] * 2.0 + up[0],
                -forward[1] * 2.0 + up[1],
                -forward[2] * 2.0 + up[2],
            )
            pelvis = _along(figure, Landmark.PELVIS, behind, 1.0)
            patch = _ring(pelvis, 3.0)
        else:
            continue
        tints.append(_Tint(name, patch))
    return tints


def _trunk_tint(figure: Figure, muscle: str) -> list[_Tint]:
    up, forward = _trunk_axes(figure)
    length = math.dist(figure[Landmark.PELVIS], figure[Landmark.NECK])
    spans = {
        "abdominals": (0.1, 0.6, 1.0),
        "chest": (0.6, 0.92, 1.0),
        "lower back": (0.1, 0.5, -1.0),
        "middle back": (0.5, 0.92, -1.0),
        "lats": (0.45, 0.85, -1.0),
        "traps": (0.75, 1.0, -1.0),
    }
    if muscle not in spans:
        return []
    low, high, way = spans[muscle]
    a = _along(figure, Landmark.PELVIS, up, low * length)
    b = _along(figure, Landmark.PELVIS, up, high * length)
    side = _side(figure, forward)
    if side is not None:
        side = (side[0] * way, side[1] * way)
    return [_Tint("trunk", _band(a, R_TRUNK + 1.6, b, R_TRUNK + 1.8, side, (0.0, 1.0)))]


def _tints(
    poses: Poses, figure: Figure, muscles: Sequence[str], legs: Sequence[str]
) -> list[_Tint]:
    """Where the working muscles are, on the drawn body."""
    tints: list[_Tint] = []
    for muscle in muscles:
        tints += _leg_tints(figure, muscle, legs) + _trunk_tint(figure, muscle)
        if muscle == "shoulders":
            tints.append(_Tint("right-arm", _ring(_xy(figure, Landmark.RIGHT_SHOULDER), 2.0)))
    return tints


#: Page directions of press marks (x right, y up).
_TOWARD: dict[str, Point] = {
    "down": (0.0, -1.0),
    "up": (0.0, 1.0),
    "left": (-1.0, 0.0),
    "right": (1.0, 0.0),
    "down-left": (-math.sqrt(0.5), -math.sqrt(0.5)),
    "down-right": (math.sqrt(0.5), -math.sqrt(0.5)),
    "up-left": (-math.sqrt(0.5), math.sqrt(0.5)),
    "up-right": (math.sqrt(0.5), math.sqrt(0.5)),
}

_RADIUS = {
    Landmark.HEAD: HEAD_RADIUS * HEIGHT,
    Landmark.NECK: R_TRUNK + 1.5,
    Landmark.PELVIS: R_TRUNK + 1.5,
    Landmark.RIGHT_HIP: R_THIGH,
    Landmark.LEFT_HIP: R_THIGH,
    Landmark.RIGHT_KNEE: R_KNEE,
    Landmark.LEFT_KNEE: R_KNEE,
    Landmark.RIGHT_SHOULDER: R_SHOULDER,
    Landmark.LEFT_SHOULDER: R_SHOULDER,
    Landmark.RIGHT_HAND: R_HAND,
    Landmark.LEFT_HAND: R_HAND,
}


def _press_arrow(canvas: _Canvas, tail: Point, tip: Point) -> None:
    length = math.dist(tail, tip)
    ux, uy = (tip[0] - tail[0]) / length, (tip[1] - tail[1]) / length
    head = 3.2
    base = (tip[0] - ux * head * 1.3, tip[1] - uy * head * 1.3)
    left = (base[0] - uy * head * 0.75, base[1] + ux * head * 0.75)
    right = (base[0] + uy * head * 0.75, base[1] - ux * head * 0.75)
    canvas.line([tail, base], stroke=PRESS_INK, stroke_width="2.2")
    canvas.path(
        f"M{_svg_point(tip)} L{_svg_point(left)} L{_svg_point(right)} Z",
        [tip, left, right],
        fill=PRESS_INK,
        stroke=PRESS_INK,
        stroke_width="0.8",
    )


def _draw_press(canvas: _Canvas, poses: Poses, figure: Figure) -> None:
    """Where the body presses: a short arrow pushing on that point from outside the body,
    or, for a squeeze, two arrows closing on it from above."""
    for press in poses.press:
        centre = _xy(figure, press.at)
        r = _RADIUS.get(press.at, R_ANKLE + 0.6) + OUTLINE + 0.8
        if press.toward == "squeeze":
            y = centre[1] + r + 3.5
            for way in (-1.0, 1.0):
                _press_arrow(canvas, (centre[0] + way * 9.5, y), (centre[0] + way * 1.8, y))
            continue
        dx, dy = _TOWARD[press.toward]
        tip = (centre[0] - dx * r, centre[1] - dy * r)
        _press_arrow(canvas, (tip[0] - dx * 9.0, tip[1] - dy * 9.0), tip)


def _arrow_landmark(poses: Poses, start: Figure, end: Figure) -> Landmark | None:
    if poses.arrow is not None:
        return poses.arrow
    moved = max(_ARROW_CANDIDATES, key=lambda n: math.dist(_xy(start, n), _xy(end, n)))
    return moved if math.dist(_xy(start, moved), _xy(end, moved)) >= 5 else None


def _draw_arrow(canvas: _Canvas, a: Point, b: Point, obstacles: Sequence[Point]) -> None:
    """A gently curved arrow from a to b, bowing to the side with more room."""
    length = math.dist(a, b)
    if length < 1:
        return
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    bow = min(0.25 * length, 10.0)
    off = 7.5  # stand the arrow off the limb ends it joins

    def room(nx: float, ny: float) -> float:
        probe = (mid[0] + nx * (off + bow), mid[1] + ny * (off + bow))
        return min(math.dist(probe, p) for p in obstacles)

    nx, ny = -uy, ux
    if room(-nx, -ny) > room(nx, ny):
        nx, ny = -nx, -ny
    a2 = (a[0] + nx * off, a[1] + ny * off)
    b2 = (b[0] + nx * off, b[1] + ny * off)
    control = (mid[0] + nx * (off + 2 * bow), mid[1] + ny * (off + 2 * bow))
    tx, ty = b2[0] - control[0], b2[1] - control[1]
    tl = math.hypot(tx, ty) or 1.0
    tx, ty = tx / tl, ty / tl
    head = 4.5
    tip = b2
    base = (tip[0] - tx * head * 1.4, tip[1] - ty * head * 1.4)
    left = (base[0] - ty * head * 0.7, base[1] + tx * head * 0.7)
    right = (base[0] + ty * head * 0.7, base[1] - tx * head * 0.7)
    d = (
        f"M{_n(a2[0])},{_n(-a2[1])} Q{_n(control[0])},{_n(-control[1])} "
        f"{_n(base[0])},{_n(-base[1])}"
    )
    canvas.path(d, [a2, control, b2], stroke=INK, stroke_width="2", fill="none")
    canvas.path(
        f"M{_n(tip[0])},{_n(-tip[1])} L{_n(left[0])},{_n(-left[1])} "
        f"L{_n(right[0])},{_n(-right[1])} Z",
        [tip, left, right],
        fill=INK,
        stroke="none",
    )


def _chair(canvas: _Canvas, prop: Prop, x: float, view: View, ink: str) -> None:
    seat = float(prop.measure)
    width = float(prop.width or 22)
    grey = {"stroke": ink, "stroke-width": _n(PROP_STROKE), "fill": "none"}
    if view is View.FRONT:
        left, right = x - width / 2, x + width / 2
        canvas.line([(left, seat + 20), (left, 0)], **grey)
        canvas.line([(right, seat + 20), (right, 0)], **grey)
        canvas.line([(left, seat), (right, seat)], **grey)
        canvas.line([(left, seat + 20), (right, seat + 20)], **grey)
        return
    back, front = (x, x + width) if prop.flipped else (x - width, x)
    canvas.line([(back, seat + 24), (back, 0)], **grey)
    canvas.line([(back, seat), (front, seat), (front, 0)], **grey)


def _placements(prop: Prop, start: Figure, end: Figure) -> list[tuple[Point, Figure, bool]]:
    """Where a prop is drawn: (origin, the figure it goes with, faint), once or per pose."""
    if prop.at is not None:
        both = ((start, True), (end, False)) if start.points != end.points else ((end, False),)
        return [((f[prop.at][0] + prop.x, f[prop.at][1] + prop.y), f, faint) for f, faint in both]
    if prop.only == "start":
        return [((float(prop.x), float(prop.y)), start, True)]
    return [((float(prop.x), float(prop.y)), end, False)]


def _draw_prop(canvas: _Canvas, prop: Prop, poses: Poses, start: Figure, end: Figure) -> None:
    for origin, figure, faint in _placements(prop, start, end):
        _prop_shape(canvas, prop, poses.view, origin, figure, faint, (start, end))


def _prop_shape(
    canvas: _Canvas,
    prop: Prop,
    view: View,
    origin: Point,
    figure: Figure,
    faint: bool,
    bodies: tuple[Figure, Figure],
) -> None:
    ink = START_INK if faint else PROP_INK
    fill = "#ffffff" if faint else PROP_FILL
    grey = {"stroke": ink, "stroke-width": _n(PROP_STROKE), "fill": fill}
    line = {"stroke": ink, "stroke-width": _n(PROP_STROKE), "fill": "none"}
    size = float(prop.measure)
    x, y = origin
    kind = prop.kind
    if kind is PropKind.CHAIR:
        _chair(canvas, prop, x, view, ink)
    elif kind is PropKind.WALL or kind is PropKind.POST:
        canvas.line([(x, 0), (x, size)], **line)
        if kind is PropKind.WALL:
            side = -1.0 if figure[Landmark.PELVIS][0] > x else 1.0
            for h in range(8, int(size), 12):
                canvas.line([(x, float(h)), (x + side * 5, h + 5.0)], **line)
    elif kind in (PropKind.STEP, PropKind.BOX):
        canvas.rect(x, y, float(prop.width or 30), size, **grey)
    elif kind is PropKind.COUNTER:
        width = float(prop.width or 40)
        canvas.rect(x, 0, width, size - 3, **grey)
        canvas.rect(x - 2, size - 3, width + 4, 3, **grey)
    elif kind is PropKind.FOAM_ROLLER and (prop.along or figure.elevation or figure.azimuth):
        _roller(canvas, prop, figure, bodies, grey)
    elif kind in (PropKind.STABILITY_BALL, PropKind.FOAM_ROLLER, PropKind.MASSAGE_BALL):
        canvas.circle((x, y + size), size - PROP_STROKE / 2, **grey)
    elif kind is PropKind.MAT and figure.elevation:
        # Seen from above, the mat is a band: its near edge drawn lower than its far edge.
        width = float(prop.width or 120)
        near, far = _floor_band(figure.elevation, bodies)
        canvas.rect(x - width / 2, near, width, far - near + size, **grey)
    elif kind is PropKind.MAT:
        width = float(prop.width or 120)
        canvas.rect(x - width / 2, y, width, size, **grey)
    elif kind is PropKind.BIKE:
        _bike(canvas, prop, x, ink)
    elif kind is PropKind.WATER:
        left = -WIDTH
        d = f"M{_n(left)},{_n(-size)}" + " q2,-2 4,0 q2,2 4,0" * int(2 * WIDTH / 8)
        canvas.path(d, [(0, size)], **line)
    elif kind in STRAP_PROPS:
        assert prop.at is not None
        a = _xy(figure, prop.at)
        b = _xy(figure, prop.to) if prop.to is not None else (float(prop.x), float(prop.y))
        canvas.line([a, b], **line)
        if kind is PropKind.SUSPENSION_STRAPS and not faint:
            canvas.circle(b, 1.5, **grey)
    elif kind is PropKind.DUMBBELL:
        canvas.line([(x - 4, y), (x + 4, y)], **line)
        canvas.rect(x - 6, y - size, 2.5, 2 * size, **grey)
        canvas.rect(x + 3.5, y - size, 2.5, 2 * size, **grey)
    elif kind is PropKind.ANKLE_WEIGHT:
        canvas.rect(x - size, y - size, 2 * size, 2 * size, rx="1.5", **grey)
    elif kind is PropKind.TOWEL_ROLL and prop.at is not None:
        canvas.circle((x, y - STROKE / 2 - size), size, **grey)
    elif kind is PropKind.TOWEL_ROLL:
        canvas.circle((x, y + size), size, **grey)
    else:
        canvas.circle((x, y), size, **grey)


def _roller_depth(prop: Prop, bodies: Iterable[Figure]) -> float:
    """How far towards the viewer the body rests on a roller lying across the page: the
    middle of the points of its limbs and trunk that touch it, in either pose (0 if none)."""
    zs = []
    for figure in bodies:
        for a, b, pad in RESTING_SEGMENTS:
            (ax, ay, az), (bx, by, bz) = figure[a], figure[b]
            for k in range(9):
                x, y, z = ax + (bx - ax) * k / 8, ay + (by - ay) * k / 8, az + (bz - az) * k / 8
                top = prop_top(prop, x, z)
                if top is not None and y - pad - top <= CONTACT:
                    zs.append(z)
    return (min(zs) + max(zs)) / 2 if zs else 0.0


def _roller(
    canvas: _Canvas, prop: Prop, figure: Figure, bodies: Iterable[Figure], attrs: dict[str, str]
) -> None:
    """A foam roller seen by the camera as the body is (turned, looking down): a cylinder
    along the page or across it, under the part of the body on it, its near end an ellipse."""
    size = float(prop.measure)
    r = size - PROP_STROKE / 2
    half = (prop.width or ROLLER_LENGTH) / 2
    ends = []
    for end in (-half, half):
        ring = []
        for k in range(24):
            u, v = r * math.cos(k * math.pi / 12), prop.y + size + r * math.sin(k * math.pi / 12)
            if prop.along:
                point = (prop.x + end, v, prop.z + u)
            else:
                point = (prop.x + u, v, _roller_depth(prop, bodies) + end)
            ring.append(tilt(point, figure.elevation, figure.azimuth))
        ends.append(ring)
    near = max(ends, key=lambda ring: sum(p[2] for p in ring))
    for points in (
        _hull([(p[0], p[1]) for ring in ends for p in ring]),
        [(p[0], p[1]) for p in near],
    ):
        d = "M" + " L".join(_svg_point(p) for p in points) + " Z"
        canvas.path(d, points, **attrs)


#: Half the depth of a mat (60 cm wide for a 170 cm person), in drawing units.
MAT_HALF_DEPTH = 18.0


def _floor_band(elevation: int, figures: Iterable[Figure] = ()) -> tuple[float, float]:
    """Where a mat's near and far edges are drawn when the camera looks down on it: wide
    enough for every body point on it (the feet of a butterfly stretch reach forwards)."""
    zs = [tilt(p, 0, f.azimuth)[2] for f in figures for p in f.points.values()]
    near = max([MAT_HALF_DEPTH, *(z + 5 for z in zs)])
    far = max([MAT_HALF_DEPTH, *(5 - z for z in zs)])
    sin = math.sin(math.radians(elevation))
    return -near * sin, far * sin


def _bike(canvas: _Canvas, prop: Prop, x: float, ink: str) -> None:
    line = {"stroke": ink, "stroke-width": _n(PROP_STROKE), "fill": "none"}
    saddle = float(prop.measure)
    crank = (x + BIKE_CRANK[0], saddle + BIKE_CRANK[1])
    bar = (x + BIKE_BAR[0], saddle + BIKE_BAR[1])
    canvas.line([(x - 6, saddle), (x + 5, saddle)], **line)
    canvas.line([(x, saddle), crank, (crank[0] + 4, 0)], **line)
    canvas.line([(bar[0] - 4, bar[1]), bar, (bar[0] - 8, bar[1] - 24), crank], **line)
    canvas.line([(bar[0] - 8, bar[1] - 24), (bar[0] - 4, 0)], **line)
    canvas.line([(x - 10, 0), (bar[0] + 4, 0)], **line)
    canvas.circle(crank, BIKE_CRANK_RADIUS, stroke=ink, stroke_width="1", fill="none")


def _in_front(prop: Prop) -> bool:
    """Props drawn over the figure: what it holds or wears, and straps."""
    return prop.kind in CARRIED_PROPS or prop.kind in STRAP_PROPS


def _drawing(poses: Poses, muscles: Sequence[str] = ()) -> tuple[_Canvas, bool]:
    start, end = figures(poses)
    canvas = _Canvas([], [], [])
    floating = poses.start.y is not None and poses.end.y is not None
    moves = start.points != end.points
    for prop in poses.props:
        if not _in_front(prop):
            _draw_prop(canvas, prop, poses, start, end)
    if moves:
        _draw_figure(canvas, start, faint=True)
    tints = _tints(poses, end, muscles, _working_legs(poses, start, end))
    _draw_figure(canvas, end, faint=False, tints=tints)
    for prop in poses.props:
        if _in_front(prop):
            _draw_prop(canvas, prop, poses, start, end)
    _draw_press(canvas, poses, end)
    moved = _arrow_landmark(poses, start, end)
    if moved is not None and moves:
        obstacles = [_xy(f, n) for f in (start, end) for n in f.points]
        for prop in poses.props:
            if prop.kind in (PropKind.WALL, PropKind.POST):
                obstacles += [(float(prop.x), float(h)) for h in range(0, prop.measure, 5)]
        _draw_arrow(canvas, _xy(start, moved), _xy(end, moved), obstacles)
    return canvas, floating


def _body(poses: Poses, muscles: Sequence[str] = (), tight: bool = False) -> tuple[str, str]:
    """The SVG's inner markup and its viewBox: at least ``WIDTH`` wide, or, ``tight``, as
    wide as the drawing."""
    canvas, floating = _drawing(poses, muscles)
    left, right = min(canvas.xs) - MARGIN, max(canvas.xs) + MARGIN
    top = max(canvas.ys) + MARGIN
    floor_y = _floor_band(poses.elevation, figures(poses))[0]
    bottom = min([*canvas.ys, floor_y]) - MARGIN
    width = right - left if tight else max(WIDTH, right - left)
    centre = (left + right) / 2
    left = centre - width / 2
    # Seen from above, the floor line is the near edge of the floor the body lies on.
    floor = (
        ""
        if floating
        else (
            f'<line x1="{_n(left)}" y1="{_n(-floor_y)}" x2="{_n(left + width)}" '
            f'y2="{_n(-floor_y)}" stroke="{PROP_INK}" stroke-width="{_n(PROP_STROKE)}"/>'
        )
    )
    view_box = f"{_n(left)} {_n(-top)} {_n(width)} {_n(top - bottom)}"
    inner = (
        f'<g fill="none" stroke-width="{_n(STROKE)}" stroke-linecap="round" '
        f'stroke-linejoin="round">{floor}{"".join(canvas.shapes)}</g>'
    )
    return inner, view_box


def _label(name: str, poses: Poses, title: str | None) -> str:
    if title is not None:
        return title
    start, end = figures(poses)
    if start.points == end.points:
        return _("{name}: the position to hold").format(name=name)
    return _("{name}: start position (faint) and end position").format(name=name)


_SUPPORT_WORDS = {
    Support.STANDING: N_("Standing"),
    Support.SITTING: N_("Sitting on a chair"),
    Support.FLOOR_SITTING: N_("Sitting on the floor"),
    Support.SUPINE: N_("Lying on the back"),
    Support.SIDE_LYING: N_("Lying on one side"),
    Support.PRONE: N_("Lying face down"),
    Support.KNEELING: N_("Kneeling"),
    Support.HALF_KNEELING: N_("Kneeling on one knee"),
    Support.ALL_FOURS: N_("On hands and knees"),
    Support.CYCLING: N_("Sitting on an exercise bike"),
    Support.WATER: N_("Standing in water"),
}

_PROP_WORDS = {
    PropKind.CHAIR: N_("a chair"),
    PropKind.WALL: N_("a wall"),
    PropKind.STEP: N_("a step"),
    PropKind.BOX: N_("a box"),
    PropKind.STABILITY_BALL: N_("an exercise ball"),
    PropKind.SOFT_BALL: N_("a soft ball"),
    PropKind.BAND: N_("a band"),
    PropKind.TOWEL_ROLL: N_("a rolled towel"),
    PropKind.TOWEL_STRAP: N_("a towel as a strap"),
    PropKind.FOAM_ROLLER: N_("a foam roller"),
    PropKind.MAT: N_("a mat"),
    PropKind.BIKE: N_("an exercise bike"),
    PropKind.WATER: N_("water"),
    PropKind.MASSAGE_BALL: N_("a massage ball"),
    PropKind.DUMBBELL: N_("a dumbbell"),
    PropKind.ANKLE_WEIGHT: N_("an ankle weight"),
    PropKind.SUSPENSION_STRAPS: N_("suspension straps"),
    PropKind.POST: N_("a post"),
    PropKind.COUNTER: N_("a counter"),
}

#: Each point of the figure, with its article, as the picture's words name it.
_POINT_WORDS = {
    Landmark.HEAD: N_("the head"),
    Landmark.NECK: N_("the upper back"),
    Landmark.PELVIS: N_("the hips"),
    Landmark.RIGHT_SHOULDER: N_("the right shoulder"),
    Landmark.RIGHT_ELBOW: N_("the right elbow"),
    Landmark.RIGHT_HAND: N_("the right hand"),
    Landmark.RIGHT_HIP: N_("the right hip"),
    Landmark.RIGHT_KNEE: N_("the right knee"),
    Landmark.RIGHT_ANKLE: N_("the right ankle"),
    Landmark.RIGHT_HEEL: N_("the right heel"),
    Landmark.RIGHT_TOE: N_("the right toe"),
    Landmark.LEFT_SHOULDER: N_("the left shoulder"),
    Landmark.LEFT_ELBOW: N_("the left elbow"),
    Landmark.LEFT_HAND: N_("the left hand"),
    Landmark.LEFT_HIP: N_("the left hip"),
    Landmark.LEFT_KNEE: N_("the left knee"),
    Landmark.LEFT_ANKLE: N_("the left ankle"),
    Landmark.LEFT_HEEL: N_("the left heel"),
    Landmark.LEFT_TOE: N_("the left toe"),
}


def _point_words(name: Landmark) -> str:
    """The point, with its article ('the right ankle'), in the run's language."""
    said = _POINT_WORDS.get(name)
    return _(said) if said is not None else "the " + name.value.replace("-", " ")


def _and(words: Sequence[str]) -> str:
    if len(words) == 1:
        return words[0]
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


def _press_words(figure: Figure, toward: str) -> str:
    """A press mark's way in words: down, up, or, along the page, forwards or back (or
    towards the head or the feet, for a body lying down)."""
    if toward == "squeeze":
        return _("squeezed")
    dx, dy = _TOWARD[toward]
    vertical = "" if abs(dy) < 0.1 else (_("down") if dy < 0 else _("up"))
    if abs(dx) < 0.1:
        return vertical
    up, forward = _trunk_axes(figure)
    (fx, _fy), shown = _page_dir(figure, forward)
    if shown > 0.5 and abs(fx) > 0.5:
        along = _("forwards") if dx * fx > 0 else _("back")
    else:
        (ux, _uy), _length = _page_dir(figure, up)
        along = _("towards the head") if dx * ux > 0 else _("towards the feet")
    return _("{items} and {last}").format(items=vertical, last=along) if vertical else along


def describe(poses: Poses, muscles: Sequence[str] = ()) -> str:
    """The picture in words, for a screen reader: the position, what moves or presses, and
    the working muscles tinted."""
    start, end = figures(poses)
    kinds = list(dict.fromkeys(p.kind for p in poses.props))
    where = _(_SUPPORT_WORDS[poses.support])
    if kinds:
        where += _(", with {props}").format(props=_and([_(_PROP_WORDS[k]) for k in kinds]))
    words = [where + "."]
    if start.points != end.points:
        moved = _arrow_landmark(poses, start, end)
        follows = (
            _("; the arrow follows {point}").format(point=_point_words(moved))
            if moved is not None
            else ""
        )
        words.append(
            _("The start position is drawn in grey, the end position in black{follows}.").format(
                follows=follows
            )
        )
    else:
        words.append(_("One position, held."))
    if poses.press:
        marks = [f"{_point_words(p.at)} ({_press_words(end, p.toward)})" for p in poses.press]
        words.append(
            _("Red arrows show where the body presses, sinks or squeezes: {marks}.").format(
                marks=_and(marks)
            )
        )
    if muscles:
        words.append(
            _("Tinted: the working muscles ({muscles}).").format(
                muscles=_and([value_word(m) for m in muscles])
            )
        )
    return " ".join(words)


#: Millimetres per drawing unit in a picture file: a figure standing is 5 cm tall.
FILE_MM = 0.5


def _attribute(text: str) -> str:
    """Text for a double-quoted attribute."""
    return escape(text, {'"': "&quot;"})


def _svg_open(view_box: str, width_mm: float, label: str, extra: str = "") -> str:
    width, height = (float(v) for v in view_box.split()[2:])
    return (
        f'<svg viewBox="{view_box}" width="{_n(width * width_mm)}mm" '
        f'height="{_n(height * width_mm)}mm" role="img" aria-label="{_attribute(label)}"{extra}>'
    )


def exercise_svg(
    name: str, poses: Poses, *, title: str | None = None, muscles: Sequence[str] = ()
) -> str:
    """A standalone SVG document of the exercise, sized in millimetres, with a <title> and a
    <desc> for screen readers."""
    inner, view_box = _body(poses, muscles)
    label = _label(name, poses, title)
    opening = _svg_open(view_box, FILE_MM, label).replace(
        "<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{opening}<title>{escape(label)}</title>"
        f"<desc>{escape(describe(poses, muscles))}</desc>{inner}</svg>\n"
    )


def exercise_svg_inline(
    name: str,
    poses: Poses,
    *,
    title: str | None = None,
    muscles: Sequence[str] = (),
    box: tuple[float, float] | None = None,
) -> str:
    """The same drawing as an <svg> element to place inside an HTML page (no XML prolog).

    With ``box`` (a width and a height in millimetres), the drawing is cropped to its own
    width and scaled to fill the box's width or its height, whichever it reaches first;
    without, it is drawn at the picture file's scale.
    """
    inner, view_box = _body(poses, muscles, tight=box is not None)
    scale = FILE_MM
    if box is not None:
        width, height = (float(v) for v in view_box.split()[2:])
        scale = min(box[0] / width, box[1] / height)
    label = _label(name, poses, title)
    opening = _svg_open(view_box, scale, label, ' class="kneefit-figure"')
    return (
        f"{opening}<title>{escape(label)}</title>"
        f"<desc>{escape(describe(poses, muscles))}</desc>{inner}</svg>"
    )
