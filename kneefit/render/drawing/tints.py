"""The working muscles, tinted on the drawn body: a patch along a thigh, a shin or the
trunk, on the side the muscle is."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kneefit.figure import Figure, tilt
from kneefit.pose import Landmark, Poses
from kneefit.render.drawing.body import (
    R_ANKLE,
    R_KNEE,
    R_THIGH,
    R_TRUNK,
    Vec3,
    along,
    page_dir,
    segment_front,
    trunk_axes,
    xy,
)
from kneefit.render.drawing.shapes import FAR_TINT, MUSCLE_TINT, Point, svg_point


@dataclass(frozen=True)
class Tint:
    """A working muscle's patch, drawn over the fill of one part of the body."""

    part: str  # "trunk", or a limb's name ("right-leg")
    points: tuple[Point, ...]

    def shape(self, far: bool) -> str:
        colour = FAR_TINT if far else MUSCLE_TINT
        coords = " ".join(svg_point(p) for p in self.points)
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


def working_legs(poses: Poses, start: Figure, end: Figure) -> list[str]:
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
    direction, shown = page_dir(figure, v)
    return direction if shown > 0.4 else None


def _leg_tints(figure: Figure, muscle: str, legs: Sequence[str]) -> list[Tint]:
    tints = []
    for name in legs:
        hip, knee, ankle = (xy(figure, n) for n in _LEGS[name])
        front = _side(figure, segment_front(figure, _LEGS[name][0], _LEGS[name][1]))
        back = None if front is None else (-front[0], -front[1])
        shin = _side(figure, segment_front(figure, _LEGS[name][1], _LEGS[name][2]))
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
            up, forward = trunk_axes(figure)
            if tilt(forward, figure.elevation, figure.azimuth)[2] > 0.6:
                continue  # facing the viewer: the buttocks are out of sight
            behind = (
                -forward[0] * 2.0 + up[0],
                -forward[1] * 2.0 + up[1],
                -forward[2] * 2.0 + up[2],
            )
            pelvis = along(figure, Landmark.PELVIS, behind, 1.0)
            patch = _ring(pelvis, 3.0)
        else:
            continue
        tints.append(Tint(name, patch))
    return tints


def _trunk_tint(figure: Figure, muscle: str) -> list[Tint]:
    up, forward = trunk_axes(figure)
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
    a = along(figure, Landmark.PELVIS, up, low * length)
    b = along(figure, Landmark.PELVIS, up, high * length)
    side = _side(figure, forward)
    if side is not None:
        side = (side[0] * way, side[1] * way)
    return [Tint("trunk", _band(a, R_TRUNK + 1.6, b, R_TRUNK + 1.8, side, (0.0, 1.0)))]


def muscle_tints(
    poses: Poses, figure: Figure, muscles: Sequence[str], legs: Sequence[str]
) -> list[Tint]:
    """Where the working muscles are, on the drawn body."""
    tints: list[Tint] = []
    for muscle in muscles:
        tints += _leg_tints(figure, muscle, legs) + _trunk_tint(figure, muscle)
        if muscle == "shoulders":
            tints.append(Tint("right-arm", _ring(xy(figure, Landmark.RIGHT_SHOULDER), 2.0)))
    return tints
