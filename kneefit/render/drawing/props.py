"""The props of a drawing (a chair, a wall, a step, a mat, a bike, straps, ...), drawn in a
lighter grey, placed as the pose data says: once, or with each pose."""

from __future__ import annotations

import math
from collections.abc import Iterable

from kneefit.figure import CONTACT, ROLLER_LENGTH, Figure, prop_top, resting_points, tilt
from kneefit.pose import CARRIED_PROPS, STRAP_PROPS, Landmark, Poses, Prop, PropKind, View
from kneefit.render.drawing.body import xy
from kneefit.render.drawing.shapes import (
    PROP_FILL,
    PROP_INK,
    PROP_STROKE,
    START_INK,
    STROKE,
    WIDTH,
    Canvas,
    Point,
    hull,
    num,
    svg_point,
)

# A stationary bike, from its saddle: the crank's centre and the handlebar (drawing units).
BIKE_CRANK = (12.0, -38.0)
BIKE_CRANK_RADIUS = 9.0
BIKE_BAR = (36.0, 12.0)


def _chair(canvas: Canvas, prop: Prop, x: float, view: View, ink: str) -> None:
    seat = float(prop.measure)
    width = float(prop.width or 22)
    grey = {"stroke": ink, "stroke-width": num(PROP_STROKE), "fill": "none"}
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


def draw_prop(canvas: Canvas, prop: Prop, poses: Poses, start: Figure, end: Figure) -> None:
    for origin, figure, faint in _placements(prop, start, end):
        _prop_shape(canvas, prop, poses.view, origin, figure, faint, (start, end))


def _prop_shape(
    canvas: Canvas,
    prop: Prop,
    view: View,
    origin: Point,
    figure: Figure,
    faint: bool,
    bodies: tuple[Figure, Figure],
) -> None:
    ink = START_INK if faint else PROP_INK
    fill = "#ffffff" if faint else PROP_FILL
    grey = {"stroke": ink, "stroke-width": num(PROP_STROKE), "fill": fill}
    line = {"stroke": ink, "stroke-width": num(PROP_STROKE), "fill": "none"}
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
        near, far = floor_band(figure.elevation, bodies)
        canvas.rect(x - width / 2, near, width, far - near + size, **grey)
    elif kind is PropKind.MAT:
        width = float(prop.width or 120)
        canvas.rect(x - width / 2, y, width, size, **grey)
    elif kind is PropKind.BIKE:
        _bike(canvas, prop, x, ink)
    elif kind is PropKind.WATER:
        left = -WIDTH
        d = f"M{num(left)},{num(-size)}" + " q2,-2 4,0 q2,2 4,0" * int(2 * WIDTH / 8)
        canvas.path(d, [(0, size)], **line)
    elif kind in STRAP_PROPS:
        assert prop.at is not None
        a = xy(figure, prop.at)
        b = xy(figure, prop.to) if prop.to is not None else (float(prop.x), float(prop.y))
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
    middle of the points it can rest on (:func:`kneefit.figure.resting_points`) that touch
    the roller, in either pose (0 if none)."""
    zs = [
        z
        for figure in bodies
        for x, y, z, pad in resting_points(figure.points)
        if (top := prop_top(prop, x, z)) is not None and y - pad - top <= CONTACT
    ]
    return (min(zs) + max(zs)) / 2 if zs else 0.0


def _roller(
    canvas: Canvas, prop: Prop, figure: Figure, bodies: Iterable[Figure], attrs: dict[str, str]
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
        hull([(p[0], p[1]) for ring in ends for p in ring]),
        [(p[0], p[1]) for p in near],
    ):
        d = "M" + " L".join(svg_point(p) for p in points) + " Z"
        canvas.path(d, points, **attrs)


#: Half the depth of a mat (60 cm wide for a 170 cm person), in drawing units.
MAT_HALF_DEPTH = 18.0


def floor_band(elevation: int, figures: Iterable[Figure] = ()) -> tuple[float, float]:
    """Where a mat's near and far edges are drawn when the camera looks down on it: wide
    enough for every body point on it (the feet of a butterfly stretch reach forwards)."""
    zs = [tilt(p, 0, f.azimuth)[2] for f in figures for p in f.points.values()]
    near = max([MAT_HALF_DEPTH, *(z + 5 for z in zs)])
    far = max([MAT_HALF_DEPTH, *(5 - z for z in zs)])
    sin = math.sin(math.radians(elevation))
    return -near * sin, far * sin


def _bike(canvas: Canvas, prop: Prop, x: float, ink: str) -> None:
    line = {"stroke": ink, "stroke-width": num(PROP_STROKE), "fill": "none"}
    saddle = float(prop.measure)
    crank = (x + BIKE_CRANK[0], saddle + BIKE_CRANK[1])
    bar = (x + BIKE_BAR[0], saddle + BIKE_BAR[1])
    canvas.line([(x - 6, saddle), (x + 5, saddle)], **line)
    canvas.line([(x, saddle), crank, (crank[0] + 4, 0)], **line)
    canvas.line([(bar[0] - 4, bar[1]), bar, (bar[0] - 8, bar[1] - 24), crank], **line)
    canvas.line([(bar[0] - 8, bar[1] - 24), (bar[0] - 4, 0)], **line)
    canvas.line([(x - 10, 0), (bar[0] + 4, 0)], **line)
    canvas.circle(crank, BIKE_CRANK_RADIUS, stroke=ink, stroke_width="1", fill="none")


def in_front(prop: Prop) -> bool:
    """Props drawn over the figure: what it holds or wears, and straps."""
    return prop.kind in CARRIED_PROPS or prop.kind in STRAP_PROPS
