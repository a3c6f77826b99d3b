"""The drawn body: a trunk with a waist, a head with a nose, limbs that taper, each part a
solid piece; the far limbs behind the trunk in grey, the near ones in front."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from kneefit.figure import HEAD_RADIUS, HEIGHT, LIMBS, SHOULDER_WIDTH, Figure, tilt
from kneefit.pose import Landmark
from kneefit.render.drawing.shapes import (
    FAR_FILL,
    FAR_INK,
    INK,
    START_INK,
    Canvas,
    Piece,
    Point,
    disc,
    rounded,
    tapered,
)

if TYPE_CHECKING:
    from kneefit.render.drawing.tints import Tint


def xy(figure: Figure, name: Landmark) -> Point:
    x, y, _ = figure.projected(name)
    return (x, y)


def _depth(figure: Figure, names: Iterable[Landmark]) -> float:
    zs = [figure.projected(n)[2] for n in names]
    return sum(zs) / len(zs)


# Body widths: radii in drawing units (standing height 100) where each segment starts and
# ends, tapering from the hip to the ankle and from the shoulder to the wrist. Near the
# padding the contact checks allow (kneefit.figure), so a body resting on a mat sits on it.
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


Vec3 = tuple[float, float, float]


def _sub(a: Vec3, b: Vec3) -> Vec3:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _cross(a: Vec3, b: Vec3) -> Vec3:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _unit3(v: Vec3) -> Vec3:
    length = math.sqrt(v[0] ** 2 + v[1] ** 2 + v[2] ** 2) or 1.0
    return (v[0] / length, v[1] / length, v[2] / length)


def page_dir(figure: Figure, v: Vec3) -> tuple[Point, float]:
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


def trunk_axes(figure: Figure) -> tuple[Vec3, Vec3]:
    """The trunk's up (pelvis to neck) and forward (the way the chest faces) directions."""
    up = _unit3(_sub(figure[Landmark.NECK], figure[Landmark.PELVIS]))
    return up, _unit3(_cross(up, _lateral(figure)))


def _facing(figure: Figure) -> Vec3:
    """The way the face looks: forward of the head, which the neck tips about the body's
    left-to-right axis."""
    up = _unit3(_sub(figure[Landmark.HEAD], figure[Landmark.NECK]))
    return _unit3(_cross(up, _lateral(figure)))


def segment_front(figure: Figure, a: Landmark, b: Landmark) -> Vec3:
    """The front of a leg segment (where the kneecap and the shin are)."""
    return _unit3(_cross(_lateral(figure), _sub(figure[b], figure[a])))


def _limb_pieces(canvas: Canvas, figure: Figure, chain: Sequence[Landmark]) -> list[Piece]:
    points = [xy(figure, n) for n in chain]
    if len(chain) == 5:  # a leg: hip, knee, ankle, heel, toe
        hip, knee, ankle, heel, toe = points
        return [
            tapered(canvas, hip, R_THIGH, knee, R_KNEE),
            tapered(canvas, knee, R_KNEE, ankle, R_ANKLE),
            tapered(canvas, ankle, R_ANKLE, heel, R_HEEL),
            tapered(canvas, heel, R_HEEL, toe, R_TOE),
            tapered(canvas, ankle, R_ANKLE, toe, R_TOE),
        ]
    shoulder, elbow, hand = points
    return [
        tapered(canvas, shoulder, R_SHOULDER, elbow, R_ELBOW),
        tapered(canvas, elbow, R_ELBOW, hand, R_WRIST),
        disc(canvas, hand, R_HAND),
    ]


def along(figure: Figure, origin: Landmark, v: Vec3, scale: float) -> Point:
    p = figure[origin]
    x, y, _ = tilt(
        (p[0] + v[0] * scale, p[1] + v[1] * scale, p[2] + v[2] * scale),
        figure.elevation,
        figure.azimuth,
    )
    return (x, y)


def _trunk_pieces(canvas: Canvas, figure: Figure) -> list[Piece]:
    """The trunk (shoulders, chest, belly and hips), the neck and the head with its nose."""
    up, forward = trunk_axes(figure)
    length = math.dist(figure[Landmark.PELVIS], figure[Landmark.NECK])

    lateral = _lateral(figure)

    def point(rise: float, ahead: float, out: float = 0.0) -> Point:
        v = tuple(up[k] * rise * length + forward[k] * ahead + lateral[k] * out for k in range(3))
        return along(figure, Landmark.PELVIS, (v[0], v[1], v[2]), 1.0)

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
        xy(figure, Landmark.LEFT_HIP),
        xy(figure, Landmark.RIGHT_HIP),
        point(0.42, 1.8, -half_waist),
        point(0.42, 1.8, half_waist),
        point(0.42, -2.0, -half_waist),
        point(0.42, -2.0, half_waist),
        point(0.02, 1.4),
        point(-0.05, -2.2),
    ]
    neck, head = xy(figure, Landmark.NECK), xy(figure, Landmark.HEAD)
    r = HEAD_RADIUS * HEIGHT
    pieces = [
        rounded(canvas, chest, R_TRUNK),
        rounded(canvas, pelvis, R_TRUNK),
        tapered(canvas, neck, R_NECK + 0.6, head, R_NECK),
        disc(canvas, head, r),
    ]
    (fx, fy), shown = page_dir(figure, _facing(figure))
    if shown > 0.35:
        # The nose: which way the face looks.
        tip = (head[0] + fx * (r + 1.6), head[1] + fy * (r + 1.6))
        side = (-fy * 1.5, fx * 1.5)
        base = (head[0] + fx * (r - 1.5), head[1] + fy * (r - 1.5))
        low = (base[0] + side[0] - fx * 0.2, base[1] + side[1] - fy * 0.2)
        # The nose points a little down from the face's middle: turn it towards the chin.
        high = (base[0] - side[0], base[1] - side[1])
        pieces.append(rounded(canvas, [tip, low, high], 0.5))
    return pieces


def layers(figure: Figure) -> tuple[list[str], list[str]]:
    """The limbs drawn behind the trunk (far, in grey) and in front of it (near), each list
    farthest first. A limb is as near as its upper half: a shin crossing the other thigh (a
    figure-four) belongs to the near leg although its foot is beyond the body."""
    limbs = sorted(LIMBS.items(), key=lambda item: (_depth(figure, item[1][:2]), item[0]))
    trunk = _depth(figure, (Landmark.PELVIS, Landmark.NECK))
    far = [name for name, chain in limbs if _depth(figure, chain[:2]) < trunk - 2]
    return far, [name for name, _ in limbs if name not in far]


def draw_figure(canvas: Canvas, figure: Figure, *, faint: bool, tints: Sequence[Tint] = ()) -> None:
    near_ink, near_fill = (START_INK, "#ffffff") if faint else (INK, "#ffffff")
    far_ink, far_fill = (START_INK, "#ffffff") if faint else (FAR_INK, FAR_FILL)
    far, near = layers(figure)
    groups: list[tuple[str, list[Piece], str, str]] = []
    for name in far:
        groups.append((name, _limb_pieces(canvas, figure, LIMBS[name]), far_ink, far_fill))
    groups.append(("trunk", _trunk_pieces(canvas, figure), near_ink, near_fill))
    for name in near:
        groups.append((name, _limb_pieces(canvas, figure, LIMBS[name]), near_ink, near_fill))
    for name, pieces, ink, fill in groups:
        parts = [p.outlined(ink) for p in pieces] + [p.filled(fill) for p in pieces]
        parts += [t.shape(fill == FAR_FILL) for t in tints if t.part == name]
        canvas.shapes.append(f"<g>{''.join(parts)}</g>")
