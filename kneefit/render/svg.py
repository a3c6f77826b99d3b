"""Line drawings of an exercise's start and end poses, as SVG made from its pose data.

The end pose is drawn solid, the start pose faint beneath it, and an arrow follows the
body point that moves furthest. Props are drawn in a lighter grey. The output is plain
SVG 1.1: no scripts, no external references, the same bytes for the same poses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from kneefit.pose import (
    CARRIED_PROPS,
    HEAD_RADIUS,
    HEIGHT,
    LIMBS,
    STRAP_PROPS,
    Figure,
    Landmark,
    Poses,
    Prop,
    PropKind,
    View,
    figures,
    tilt,
)

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


def _draw_figure(canvas: _Canvas, figure: Figure, *, faint: bool) -> None:
    near = START_INK if faint else INK
    far = START_INK if faint else FAR_INK
    style = {"stroke-dasharray": "5 4"} if faint else {}
    # A limb is as near as its upper half: a shin crossing the other thigh (a figure-four)
    # belongs to the near leg although its foot is beyond the body.
    limbs = sorted(LIMBS.items(), key=lambda item: (_depth(figure, item[1][:2]), item[0]))
    trunk_depth = 0.0
    behind = [chain for _, chain in limbs if _depth(figure, chain[:2]) < trunk_depth - 2]
    front = [chain for _, chain in limbs if _depth(figure, chain[:2]) >= trunk_depth - 2]
    for chain in behind:
        canvas.line([_xy(figure, n) for n in chain], stroke=far, **style)
    shoulders = (_xy(figure, Landmark.LEFT_SHOULDER), _xy(figure, Landmark.RIGHT_SHOULDER))
    hips = (_xy(figure, Landmark.RIGHT_HIP), _xy(figure, Landmark.LEFT_HIP))
    if math.dist(*shoulders) > 2 * STROKE:
        # Seen from the front: the trunk is a tapered outline, shoulders to hips.
        canvas.line([*shoulders, *hips, shoulders[0]], stroke=near, fill="#ffffff", **style)
    else:
        canvas.line(
            [_xy(figure, Landmark.PELVIS), _xy(figure, Landmark.NECK)], stroke=near, **style
        )
    canvas.circle(
        _xy(figure, Landmark.HEAD),
        HEAD_RADIUS * HEIGHT - STROKE / 2,
        stroke=near,
        fill="#ffffff",
        **style,
    )
    for chain in front:
        canvas.line([_xy(figure, n) for n in chain], stroke=near, **style)


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
    off = 6.0  # stand the arrow off the limb ends it joins

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


def _drawing(poses: Poses) -> tuple[_Canvas, bool]:
    start, end = figures(poses)
    canvas = _Canvas([], [], [])
    floating = poses.start.y is not None and poses.end.y is not None
    moves = start.points != end.points
    for prop in poses.props:
        if not _in_front(prop):
            _draw_prop(canvas, prop, poses, start, end)
    if moves:
        _draw_figure(canvas, start, faint=True)
    _draw_figure(canvas, end, faint=False)
    for prop in poses.props:
        if _in_front(prop):
            _draw_prop(canvas, prop, poses, start, end)
    moved = _arrow_landmark(poses, start, end)
    if moved is not None and moves:
        obstacles = [_xy(f, n) for f in (start, end) for n in f.points]
        for prop in poses.props:
            if prop.kind in (PropKind.WALL, PropKind.POST):
                obstacles += [(float(prop.x), float(h)) for h in range(0, prop.measure, 5)]
        _draw_arrow(canvas, _xy(start, moved), _xy(end, moved), obstacles)
    return canvas, floating


def _body(poses: Poses, tight: bool = False) -> tuple[str, str]:
    """The SVG's inner markup and its viewBox: at least ``WIDTH`` wide, or, ``tight``, as
    wide as the drawing."""
    canvas, floating = _drawing(poses)
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
        return f"{name}: the position to hold"
    return f"{name}: start position (faint) and end position"


def exercise_svg(name: str, poses: Poses, *, title: str | None = None) -> str:
    """A standalone SVG document of the exercise, with a <title> for screen readers."""
    inner, view_box = _body(poses)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" '
        f'role="img">'
        f"<title>{escape(_label(name, poses, title))}</title>{inner}</svg>\n"
    )


def exercise_svg_inline(
    name: str, poses: Poses, *, title: str | None = None, scale: float | None = None
) -> str:
    """The same drawing as an <svg> element to place inside an HTML page (no XML prolog).

    With ``scale`` (CSS pixels per drawing unit, the figure standing ``HEIGHT`` units tall),
    the drawing is cropped to its own width and sized, so that every figure of a page is
    drawn at one scale and none carries blank margins.
    """
    inner, view_box = _body(poses, tight=scale is not None)
    size = ""
    if scale is not None:
        width, height = (float(v) for v in view_box.split()[2:])
        size = f' width="{_n(width * scale)}" height="{_n(height * scale)}"'
    return (
        f'<svg viewBox="{view_box}"{size} role="img" class="kneefit-figure">'
        f"<title>{escape(_label(name, poses, title))}</title>{inner}</svg>"
    )
