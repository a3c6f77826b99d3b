"""The drawn figure: a pose's joint angles turned into body points, and the figure placed
to rest on the floor or on a prop.

A pose (:mod:`kneefit.pose`) is a handful of joint angles of a simple articulated body whose
segment lengths are fractions of standing height (Drillis and Contini 1966, as tabled in
Winter, *Biomechanics and Motor Control of Human Movement*). Forward kinematics turns the
angles into 3D landmark positions; an orthographic camera (side or front view, optionally
seen a little from above) projects them onto the page. The body is then lowered until it
rests on the floor or on a prop (a chair seat, a step, a roller), so the drawing always
touches what holds it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from kneefit.pose import SURFACE_PROPS, Arm, Landmark, Leg, Pose, Poses, Prop, PropKind, View

# Segment lengths and heights as fractions of standing height (Drillis and Contini 1966).
THIGH = 0.245
SHANK = 0.246
ANKLE_HEIGHT = 0.039
FOOT = 0.152
UPPER_ARM = 0.186
FOREARM = 0.146 + 0.108 * 0.5  # to the middle of the hand
HIP_HEIGHT = 0.530
SHOULDER_HEIGHT = 0.818
TRUNK = SHOULDER_HEIGHT - HIP_HEIGHT
HEAD_RADIUS = 0.130 / 2
NECK = 1.0 - SHOULDER_HEIGHT - 2 * HEAD_RADIUS  # shoulder line to the chin
SHOULDER_WIDTH = 0.259
HIP_WIDTH = 0.191
HEEL_BACK = 0.25 * FOOT  # the ankle sits about a quarter of the foot forward of the heel


#: Standing height of the drawn figure, in drawing units.
HEIGHT = 100.0


#: How close (drawing units, standing height 100) a body point must be to count as touching.
CONTACT = 1.5


Vec = tuple[float, float, float]
Moment = Literal["start", "end"]
Mat = tuple[Vec, Vec, Vec]  # rows


_IDENTITY: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


def _rot(axis: str, degrees: float) -> Mat:
    c = math.cos(math.radians(degrees))
    s = math.sin(math.radians(degrees))
    if axis == "x":
        return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))
    if axis == "y":
        return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def _mul(a: Mat, b: Mat) -> Mat:
    cols = list(zip(*b, strict=True))
    return (
        (_dot(a[0], cols[0]), _dot(a[0], cols[1]), _dot(a[0], cols[2])),
        (_dot(a[1], cols[0]), _dot(a[1], cols[1]), _dot(a[1], cols[2])),
        (_dot(a[2], cols[0]), _dot(a[2], cols[1]), _dot(a[2], cols[2])),
    )


def _dot(a: Iterable[float], b: Iterable[float]) -> float:
    return sum(p * q for p, q in zip(a, b, strict=True))


def _apply(m: Mat, v: Vec) -> Vec:
    return (_dot(m[0], v), _dot(m[1], v), _dot(m[2], v))


def _add(a: Vec, b: Vec, scale: float = 1.0) -> Vec:
    return (a[0] + b[0] * scale, a[1] + b[1] * scale, a[2] + b[2] * scale)


_DOWN: Vec = (0.0, -1.0, 0.0)
_UP: Vec = (0.0, 1.0, 0.0)
_FORWARD: Vec = (1.0, 0.0, 0.0)


def _leg(points: dict[Landmark, Vec], body: Mat, leg: Leg, trunk: int, right: bool) -> None:
    side = 1.0 if right else -1.0
    names = _RIGHT_LEG if right else _LEFT_LEG
    hip = _apply(body, (0.0, 0.0, side * HIP_WIDTH / 2 * HEIGHT))
    abduction = _rot("x", -side * leg.abduction)
    rotation = _rot("y", -side * leg.rotation)
    thigh_frame = _mul(_mul(_mul(body, _rot("z", leg.hip)), abduction), rotation)
    knee = _add(hip, _apply(thigh_frame, _DOWN), THIGH * HEIGHT)
    shank_frame = _mul(thigh_frame, _rot("z", -leg.knee))
    ankle = _add(knee, _apply(shank_frame, _DOWN), SHANK * HEIGHT)
    foot_frame = _mul(shank_frame, _rot("z", -leg.ankle_angle(trunk)))
    sole = _add(ankle, _apply(foot_frame, _DOWN), ANKLE_HEIGHT * HEIGHT)
    heel = _add(sole, _apply(foot_frame, _FORWARD), -HEEL_BACK * HEIGHT)
    toe = _add(heel, _apply(foot_frame, _FORWARD), FOOT * HEIGHT)
    for name, point in zip(names, (hip, knee, ankle, heel, toe), strict=True):
        points[name] = point


def _arm(points: dict[Landmark, Vec], chest: Mat, neck: Vec, arm: Arm, right: bool) -> None:
    side = 1.0 if right else -1.0
    names = _RIGHT_ARM if right else _LEFT_ARM
    shoulder = _add(neck, _apply(chest, (0.0, 0.0, side * SHOULDER_WIDTH / 2 * HEIGHT)))
    frame = _mul(_mul(chest, _rot("z", arm.shoulder)), _rot("x", -side * arm.abduction))
    elbow = _add(shoulder, _apply(frame, _DOWN), UPPER_ARM * HEIGHT)
    forearm = _mul(frame, _rot("z", arm.elbow))
    hand = _add(elbow, _apply(forearm, _DOWN), FOREARM * HEIGHT)
    for name, point in zip(names, (shoulder, elbow, hand), strict=True):
        points[name] = point


_RIGHT_LEG = (
    Landmark.RIGHT_HIP,
    Landmark.RIGHT_KNEE,
    Landmark.RIGHT_ANKLE,
    Landmark.RIGHT_HEEL,
    Landmark.RIGHT_TOE,
)
_LEFT_LEG = (
    Landmark.LEFT_HIP,
    Landmark.LEFT_KNEE,
    Landmark.LEFT_ANKLE,
    Landmark.LEFT_HEEL,
    Landmark.LEFT_TOE,
)
_RIGHT_ARM = (Landmark.RIGHT_SHOULDER, Landmark.RIGHT_ELBOW, Landmark.RIGHT_HAND)
_LEFT_ARM = (Landmark.LEFT_SHOULDER, Landmark.LEFT_ELBOW, Landmark.LEFT_HAND)


#: The drawn segments, each a chain of landmarks, with the side it belongs to.
LIMBS: Mapping[str, tuple[Landmark, ...]] = {
    "right-leg": (*_RIGHT_LEG[:3], Landmark.RIGHT_HEEL, Landmark.RIGHT_TOE),
    "left-leg": (*_LEFT_LEG[:3], Landmark.LEFT_HEEL, Landmark.LEFT_TOE),
    "right-arm": _RIGHT_ARM,
    "left-arm": _LEFT_ARM,
}


#: Segment lengths of the figure, for checks: (from, to, length in drawing units).
SEGMENTS: tuple[tuple[Landmark, Landmark, float], ...] = (
    (Landmark.RIGHT_HIP, Landmark.RIGHT_KNEE, THIGH * HEIGHT),
    (Landmark.RIGHT_KNEE, Landmark.RIGHT_ANKLE, SHANK * HEIGHT),
    (Landmark.RIGHT_HEEL, Landmark.RIGHT_TOE, FOOT * HEIGHT),
    (Landmark.LEFT_HIP, Landmark.LEFT_KNEE, THIGH * HEIGHT),
    (Landmark.LEFT_KNEE, Landmark.LEFT_ANKLE, SHANK * HEIGHT),
    (Landmark.LEFT_HEEL, Landmark.LEFT_TOE, FOOT * HEIGHT),
    (Landmark.RIGHT_SHOULDER, Landmark.RIGHT_ELBOW, UPPER_ARM * HEIGHT),
    (Landmark.RIGHT_ELBOW, Landmark.RIGHT_HAND, FOREARM * HEIGHT),
    (Landmark.LEFT_SHOULDER, Landmark.LEFT_ELBOW, UPPER_ARM * HEIGHT),
    (Landmark.LEFT_ELBOW, Landmark.LEFT_HAND, FOREARM * HEIGHT),
    (Landmark.PELVIS, Landmark.NECK, TRUNK * HEIGHT),
)


def _camera(view: View) -> Mat:
    """Body-to-world rotation for the view: side faces right; front faces the viewer."""
    return _IDENTITY if view is View.SIDE else _rot("y", -90)


def tilt(point: Vec, elevation: float, azimuth: float = 0.0) -> Vec:
    """A point seen by a camera turned ``azimuth`` degrees about the vertical, then looking
    down by ``elevation`` degrees."""
    return _apply(_mul(_rot("x", elevation), _rot("y", -azimuth)), point)


def body_points(pose: Pose, view: View = View.SIDE, elevation: int = 0) -> dict[Landmark, Vec]:
    """Every landmark in 3D, pelvis at the origin: x along the page, y up, z at the viewer."""
    body = _mul(_mul(_rot("x", elevation), _rot("z", -pose.trunk)), _camera(view))
    points: dict[Landmark, Vec] = {Landmark.PELVIS: (0.0, 0.0, 0.0)}
    neck = _apply(body, (0.0, TRUNK * HEIGHT, 0.0))
    points[Landmark.NECK] = neck
    head_frame = _mul(body, _rot("z", -pose.neck))
    points[Landmark.HEAD] = _add(neck, _apply(head_frame, _UP), (NECK + HEAD_RADIUS) * HEIGHT)
    _leg(points, body, pose.right_leg, pose.trunk, right=True)
    _leg(points, body, pose.left_leg, pose.trunk, right=False)
    _arm(points, body, neck, pose.right_arm, right=True)
    _arm(points, body, neck, pose.left_arm, right=False)
    return points


#: A foam roller's length (a 45 cm roller for a 170 cm person), when it lies along the page.
ROLLER_LENGTH = 26


def prop_top(prop: Prop, x: float, z: float = 0.0) -> float | None:
    """The height of a weight-bearing prop's top at page position x (and depth z, for a
    roller lying along the page), or None if not over it."""
    size = float(prop.measure)
    if prop.along:
        dz = z - prop.z
        if abs(x - prop.x) > (prop.width or ROLLER_LENGTH) / 2 or abs(dz) >= size:
            return None
        return prop.y + size + math.sqrt(size * size - dz * dz)
    if prop.kind is PropKind.CHAIR:
        width = prop.width or 22
        low, high = (prop.x, prop.x + width) if prop.flipped else (prop.x - width, prop.x)
        return size if low <= x <= high else None
    if prop.kind in (PropKind.STEP, PropKind.BOX):
        width = prop.width or 30
        return prop.y + size if prop.x <= x <= prop.x + width else None
    if prop.kind is PropKind.MAT:
        width = prop.width or 120
        return size if prop.x - width / 2 <= x <= prop.x + width / 2 else None
    if prop.kind is PropKind.BIKE:
        return size if abs(x - prop.x) <= 4 else None
    if prop.kind in (
        PropKind.STABILITY_BALL,
        PropKind.FOAM_ROLLER,
        PropKind.MASSAGE_BALL,
        PropKind.TOWEL_ROLL,
    ):
        dx = x - prop.x
        if abs(dx) >= size:
            return None
        return prop.y + size + math.sqrt(size * size - dx * dx)
    return None


def props_in(poses: Poses, moment: Moment) -> tuple[Prop, ...]:
    """The props present in the start or end pose (a prop with ``only`` is in one of them)."""
    return tuple(p for p in poses.props if p.only is None or p.only == moment)


def surface_height(props: Iterable[Prop], x: float, z: float = 0.0) -> float:
    """The height of what a point at page position x (depth z) would rest on: the floor or
    a prop."""
    tops = [
        t
        for p in props
        if p.kind in SURFACE_PROPS and p.at is None and (t := prop_top(p, x, z)) is not None
    ]
    return max([0.0, *tops])


# The points the body rests on; the hands and the back of the head can too. The hips and
# shoulders matter seen from the front: lying on one side, the lower ones touch the floor.
CONTACT_POINTS = (
    Landmark.PELVIS,
    Landmark.NECK,
    Landmark.HEAD,
    Landmark.RIGHT_HIP,
    Landmark.LEFT_HIP,
    Landmark.RIGHT_SHOULDER,
    Landmark.LEFT_SHOULDER,
    *_RIGHT_LEG[1:],
    *_LEFT_LEG[1:],
    Landmark.RIGHT_ELBOW,
    Landmark.RIGHT_HAND,
    Landmark.LEFT_ELBOW,
    Landmark.LEFT_HAND,
)


# How far each contact point's outline is from its line (half a limb, or the head's radius).
PADDING = {Landmark.HEAD: HEAD_RADIUS * HEIGHT, Landmark.PELVIS: 4.0, Landmark.NECK: 3.0}
LIMB_PAD = 2.0


def landmark_pad(name: Landmark) -> float:
    return PADDING.get(name, LIMB_PAD)


# Limb segments rest on a prop along their length (a thigh on a roller), not only at joints.
RESTING_SEGMENTS = (
    (Landmark.PELVIS, Landmark.NECK, PADDING[Landmark.PELVIS]),
    (Landmark.RIGHT_HIP, Landmark.RIGHT_KNEE, LIMB_PAD),
    (Landmark.RIGHT_KNEE, Landmark.RIGHT_ANKLE, LIMB_PAD),
    (Landmark.LEFT_HIP, Landmark.LEFT_KNEE, LIMB_PAD),
    (Landmark.LEFT_KNEE, Landmark.LEFT_ANKLE, LIMB_PAD),
    (Landmark.RIGHT_SHOULDER, Landmark.RIGHT_ELBOW, LIMB_PAD),
    (Landmark.LEFT_SHOULDER, Landmark.LEFT_ELBOW, LIMB_PAD),
)


def resting_points(
    points: Mapping[Landmark, Vec],
) -> list[tuple[float, float, float, float]]:
    """(x, y, z, padding) of every point the body can rest on: landmarks and along limbs."""
    found = [(*points[n], landmark_pad(n)) for n in CONTACT_POINTS]
    for a, b, pad in RESTING_SEGMENTS:
        (ax, ay, az), (bx, by, bz) = points[a], points[b]
        found += [
            (ax + (bx - ax) * t / 8, ay + (by - ay) * t / 8, az + (bz - az) * t / 8, pad)
            for t in range(1, 8)
        ]
    return found


@dataclass(frozen=True)
class Figure:
    """A pose placed on the floor: landmark positions in drawing units (y up, floor at 0).

    The points are where the body is in the room, seen level; ``elevation`` is how far the
    camera then looks down on it, which only the drawing applies (see ``projected``), so the
    body rests on the real floor whatever the camera does.
    """

    points: Mapping[Landmark, Vec]
    props: tuple[Prop, ...]
    elevation: int = 0
    azimuth: int = 0

    def __getitem__(self, name: Landmark) -> Vec:
        return self.points[name]

    def projected(self, name: Landmark) -> Vec:
        """Where a point is drawn: the camera turned by the azimuth and tilted down by the
        elevation about the floor line, so what is nearer the viewer is drawn lower. z is the
        depth after the turn and tilt."""
        return tilt(self.points[name], self.elevation, self.azimuth)

    def clearance(self, name: Landmark) -> float:
        """How far a point's outline is above what is under it (0 when it touches)."""
        x, y, z = self.points[name]
        return y - landmark_pad(name) - surface_height(self.props, x, z)

    def rest_clearance(self) -> float:
        """How far the lowest part of the body is above what is under it (0: resting)."""
        return min(
            y - pad - surface_height(self.props, x, z)
            for x, y, z, pad in resting_points(self.points)
        )


def place(poses: Poses, moment: Moment) -> Figure:
    """The start or end pose's figure, lowered until it rests on the floor or a prop.

    The ``anchor`` landmark goes to the pose's ``x``; the pose's ``y``, when given, puts the
    pelvis at that height instead (a body held up by water).
    """
    pose = poses.start if moment == "start" else poses.end
    props = props_in(poses, moment)
    local = body_points(pose, poses.view)
    dx = pose.x - local[poses.anchor][0]
    dz = float(pose.z)
    if pose.y is not None:
        dy = float(pose.y)
    else:
        # Lowering moves nothing sideways, so one pass settles it.
        dy = -min(
            y - pad - surface_height(props, x + dx, z + dz)
            for x, y, z, pad in resting_points(local)
        )
    placed = {n: (p[0] + dx, p[1] + dy, p[2] + dz) for n, p in local.items()}
    return Figure(placed, props, poses.elevation, poses.azimuth)


def figures(poses: Poses) -> tuple[Figure, Figure]:
    """The start and the end figure."""
    return place(poses, "start"), place(poses, "end")


def knee_flexion(figure: Figure, right: bool) -> float:
    """The drawn knee's flexion in degrees: 0 straight, from the thigh and shank directions."""
    hip, knee, ankle = (
        (Landmark.RIGHT_HIP, Landmark.RIGHT_KNEE, Landmark.RIGHT_ANKLE)
        if right
        else (Landmark.LEFT_HIP, Landmark.LEFT_KNEE, Landmark.LEFT_ANKLE)
    )
    thigh = [k - h for k, h in zip(figure[knee], figure[hip], strict=True)]
    shank = [a - k for a, k in zip(figure[ankle], figure[knee], strict=True)]
    cos = _dot(thigh, shank) / (math.hypot(*thigh) * math.hypot(*shank))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def peak_knee_flexion(poses: Poses) -> float:
    """The most either knee bends in the start or end pose, in degrees."""
    return max(knee_flexion(f, right) for f in figures(poses) for right in (True, False))


def feet_down(figure: Figure) -> tuple[bool, bool]:
    """Whether the right and the left foot touch the floor or a prop (heel or toe)."""

    def down(heel: Landmark, toe: Landmark) -> bool:
        return min(figure.clearance(heel), figure.clearance(toe)) <= CONTACT

    return (
        down(Landmark.RIGHT_HEEL, Landmark.RIGHT_TOE),
        down(Landmark.LEFT_HEEL, Landmark.LEFT_TOE),
    )


def knees_down(figure: Figure) -> bool:
    """Whether either knee rests on the floor or a prop."""
    return any(figure.clearance(k) <= CONTACT for k in (Landmark.RIGHT_KNEE, Landmark.LEFT_KNEE))
