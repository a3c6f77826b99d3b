"""The marks over a drawn body: short red arrows where it presses, sinks or squeezes, and
the curved arrow that follows the body point that moves furthest."""

from __future__ import annotations

import math
from collections.abc import Sequence

from kneefit.figure import HEAD_RADIUS, HEIGHT, Figure
from kneefit.pose import Landmark, Poses
from kneefit.render.drawing.body import R_ANKLE, R_HAND, R_KNEE, R_SHOULDER, R_THIGH, R_TRUNK, xy
from kneefit.render.drawing.shapes import INK, OUTLINE, PRESS_INK, Canvas, Point, num, svg_point

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


#: Page directions of press marks (x right, y up).
TOWARD: dict[str, Point] = {
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


def _press_arrow(canvas: Canvas, tail: Point, tip: Point) -> None:
    length = math.dist(tail, tip)
    ux, uy = (tip[0] - tail[0]) / length, (tip[1] - tail[1]) / length
    head = 3.2
    base = (tip[0] - ux * head * 1.3, tip[1] - uy * head * 1.3)
    left = (base[0] - uy * head * 0.75, base[1] + ux * head * 0.75)
    right = (base[0] + uy * head * 0.75, base[1] - ux * head * 0.75)
    canvas.line([tail, base], stroke=PRESS_INK, stroke_width="2.2")
    canvas.path(
        f"M{svg_point(tip)} L{svg_point(left)} L{svg_point(right)} Z",
        [tip, left, right],
        fill=PRESS_INK,
        stroke=PRESS_INK,
        stroke_width="0.8",
    )


def draw_press(canvas: Canvas, poses: Poses, figure: Figure) -> None:
    """Where the body presses: a short arrow pushing on that point from outside the body,
    or, for a squeeze, two arrows closing on it from above."""
    for press in poses.press:
        centre = xy(figure, press.at)
        r = _RADIUS.get(press.at, R_ANKLE + 0.6) + OUTLINE + 0.8
        if press.toward == "squeeze":
            y = centre[1] + r + 3.5
            for way in (-1.0, 1.0):
                _press_arrow(canvas, (centre[0] + way * 9.5, y), (centre[0] + way * 1.8, y))
            continue
        dx, dy = TOWARD[press.toward]
        tip = (centre[0] - dx * r, centre[1] - dy * r)
        _press_arrow(canvas, (tip[0] - dx * 9.0, tip[1] - dy * 9.0), tip)


def arrow_landmark(poses: Poses, start: Figure, end: Figure) -> Landmark | None:
    if poses.arrow is not None:
        return poses.arrow
    moved = max(_ARROW_CANDIDATES, key=lambda n: math.dist(xy(start, n), xy(end, n)))
    return moved if math.dist(xy(start, moved), xy(end, moved)) >= 5 else None


def draw_arrow(canvas: Canvas, a: Point, b: Point, obstacles: Sequence[Point]) -> None:
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
        f"M{num(a2[0])},{num(-a2[1])} Q{num(control[0])},{num(-control[1])} "
        f"{num(base[0])},{num(-base[1])}"
    )
    canvas.path(d, [a2, control, b2], stroke=INK, stroke_width="2", fill="none")
    canvas.path(
        f"M{num(tip[0])},{num(-tip[1])} L{num(left[0])},{num(-left[1])} "
        f"L{num(right[0])},{num(-right[1])} Z",
        [tip, left, right],
        fill=INK,
        stroke="none",
    )
