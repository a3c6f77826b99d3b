"""Exercise poses as data, the geometry of the drawn figure, and its checks against the tags.

A pose is a handful of joint angles (degrees) of a simple articulated body whose segment
lengths are fractions of standing height (Drillis and Contini 1966, as tabled in Winter,
*Biomechanics and Motor Control of Human Movement*). Forward kinematics turns the angles into
3D landmark positions; an orthographic camera (side or front view, optionally seen a little
from above) projects them onto the page. The body is then lowered until it rests on the floor
or on a prop (a chair seat, a step, a roller), so the drawing always touches what holds it.

Angle conventions (all in degrees, zero is standing straight with arms hanging):

- ``trunk``: the whole body turned clockwise on the page. In side view the figure faces right,
  so 30 is a forward lean, 90 is face down (prone) and -90 is face up (supine). In front view
  the figure faces the viewer, so 90 lays it on its left side, head to the right.
- ``hip``: flexion (thigh forwards); negative is extension. ``abduction``: thigh out to the
  side. ``rotation``: external rotation of the hip.
- ``knee``: flexion, 0 straight. ``ankle``: plantarflexion (toes pointed); negative is
  dorsiflexion.
- ``shoulder``: flexion (arm forwards, 180 overhead). ``abduction``: arm out to the side.
  ``elbow``: flexion.

This module must not import ``kneefit.models``: models.py imports ``Poses`` from here.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

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

#: Peak knee flexion above this many degrees is deep. Rowe et al. (Gait Posture 2000) put
#: everyday chair and stair use at about 90-120 degrees; a squat to thighs parallel bends
#: the knee past a right angle. kneefit takes the cautious line at a right angle: any drawn
#: knee bent beyond 90 degrees must carry the ``deep-knee-flexion`` tag, and an exercise with
#: the tag must be drawn beyond it.
DEEP_KNEE_FLEXION = 90

#: How close (drawing units, standing height 100) a body point must be to count as touching.
CONTACT = 1.5


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


Angle = Annotated[StrictInt, Field(ge=-180, le=180)]

#: Ankle range. Active plantarflexion reaches about 50 degrees (AAOS); lying face down or
#: kneeling with the top of the foot on the floor, body weight takes it (with the midfoot)
#: to about 70. Dorsiflexion reaches 40 in a weight-bearing lunge (AAOS: 20 unloaded).
ANKLE_MIN = -40
ANKLE_MAX = 70


class Leg(_Frozen):
    """One leg's joint angles, within normal adult ranges (AAOS): hip flexion to 120 and
    extension to 30, knee flexion to 135. Abduction goes to 60 because a flexed hip (the
    butterfly stretch) abducts further than the 45 measured standing."""

    hip: Annotated[StrictInt, Field(ge=-30, le=120)] = 0
    abduction: Annotated[StrictInt, Field(ge=-30, le=60)] = 0
    rotation: Annotated[StrictInt, Field(ge=-45, le=60)] = 0
    knee: Annotated[StrictInt, Field(ge=0, le=135)] = 0
    ankle: Annotated[StrictInt, Field(ge=ANKLE_MIN, le=ANKLE_MAX)] | Literal["flat"] = 0

    def ankle_angle(self, trunk: int) -> int:
        """The ankle's plantarflexion: "flat" keeps the sole level with the floor (side view)."""
        if self.ankle == "flat":
            return -trunk + self.hip - self.knee
        return self.ankle


class Arm(_Frozen):
    """One arm's joint angles."""

    shoulder: Annotated[StrictInt, Field(ge=-60, le=180)] = 0
    abduction: Annotated[StrictInt, Field(ge=-30, le=180)] = 0
    elbow: Annotated[StrictInt, Field(ge=0, le=150)] = 0


class Pose(_Frozen):
    """One position of the body: joint angles, and where it is on the page.

    ``x`` places the drawing's anchor (the pelvis, unless the ``Poses`` name another point)
    along the page, in drawing units (standing height 100); ``z`` moves the body towards the
    viewer (sideways over a roller lying along the page). ``y`` fixes the pelvis height
    instead of lowering the body onto its support (for a body held up by water).
    """

    trunk: Angle = 0
    neck: Annotated[StrictInt, Field(ge=-60, le=60)] = 0
    x: Annotated[StrictInt, Field(ge=-150, le=150)] = 0
    z: Annotated[StrictInt, Field(ge=-60, le=60)] = 0
    y: Annotated[StrictInt, Field(ge=0, le=150)] | None = None
    # Factories, not instances: an instance here would build the validators at import.
    right_leg: Leg = Field(default_factory=Leg)
    left_leg: Leg = Field(default_factory=Leg)
    right_arm: Arm = Field(default_factory=Arm)
    left_arm: Arm = Field(default_factory=Arm)


class View(str, Enum):
    """Where the camera looks from: the right side, or the front (the figure faces you)."""

    SIDE = "side"
    FRONT = "front"


class Support(str, Enum):
    """What holds the body up."""

    STANDING = "standing"
    SITTING = "sitting"  # on a chair
    FLOOR_SITTING = "floor-sitting"
    SUPINE = "supine"
    SIDE_LYING = "side-lying"
    PRONE = "prone"
    KNEELING = "kneeling"
    HALF_KNEELING = "half-kneeling"
    ALL_FOURS = "all-fours"
    CYCLING = "cycling"
    WATER = "water"


KNEELING_SUPPORTS = frozenset({Support.KNEELING, Support.HALF_KNEELING, Support.ALL_FOURS})
FLOOR_SUPPORTS = KNEELING_SUPPORTS | {
    Support.FLOOR_SITTING,
    Support.SUPINE,
    Support.SIDE_LYING,
    Support.PRONE,
}


class Landmark(str, Enum):
    """Named points of the figure that props and arrows attach to."""

    HEAD = "head"
    NECK = "neck"
    PELVIS = "pelvis"
    RIGHT_SHOULDER = "right-shoulder"
    RIGHT_ELBOW = "right-elbow"
    RIGHT_HAND = "right-hand"
    RIGHT_HIP = "right-hip"
    RIGHT_KNEE = "right-knee"
    RIGHT_ANKLE = "right-ankle"
    RIGHT_HEEL = "right-heel"
    RIGHT_TOE = "right-toe"
    LEFT_SHOULDER = "left-shoulder"
    LEFT_ELBOW = "left-elbow"
    LEFT_HAND = "left-hand"
    LEFT_HIP = "left-hip"
    LEFT_KNEE = "left-knee"
    LEFT_ANKLE = "left-ankle"
    LEFT_HEEL = "left-heel"
    LEFT_TOE = "left-toe"


#: Where a press mark points on the page; ``squeeze`` marks a muscle tightening in place.
PressToward = Literal[
    "down", "up", "left", "right", "down-left", "down-right", "up-left", "up-right", "squeeze"
]


class Press(_Frozen):
    """Where the body presses in a hold or against resistance: the body point ``at`` pushes
    ``toward`` a way on the page (the back of the knee down into a towel, the back into a
    wall), or, ``squeeze``, tightens in place (the buttocks in a glute set). Only drawn."""

    at: Landmark
    toward: PressToward = "down"


class PropKind(str, Enum):
    """Things drawn with the figure, in a lighter grey."""

    CHAIR = "chair"
    WALL = "wall"
    STEP = "step"
    BOX = "box"
    STABILITY_BALL = "stability-ball"
    SOFT_BALL = "soft-ball"
    BAND = "band"
    TOWEL_ROLL = "towel-roll"
    TOWEL_STRAP = "towel-strap"
    FOAM_ROLLER = "foam-roller"
    MAT = "mat"
    BIKE = "bike"
    WATER = "water"
    MASSAGE_BALL = "massage-ball"
    DUMBBELL = "dumbbell"
    ANKLE_WEIGHT = "ankle-weight"
    SUSPENSION_STRAPS = "suspension-straps"
    POST = "post"
    COUNTER = "counter"


#: Props that bear weight: the body is lowered onto their tops.
SURFACE_PROPS = frozenset(
    {
        PropKind.CHAIR,
        PropKind.STEP,
        PropKind.BOX,
        PropKind.STABILITY_BALL,
        PropKind.FOAM_ROLLER,
        PropKind.MAT,
        PropKind.BIKE,
        PropKind.MASSAGE_BALL,
        PropKind.TOWEL_ROLL,
    }
)

#: Props that sit on a body point (``at``) in each pose and move with it.
CARRIED_PROPS = frozenset(
    {
        PropKind.SOFT_BALL,
        PropKind.DUMBBELL,
        PropKind.ANKLE_WEIGHT,
    }
)

#: Props drawn as a line from a body point (``at``) to another (``to``) or to (x, y).
STRAP_PROPS = frozenset({PropKind.BAND, PropKind.TOWEL_STRAP, PropKind.SUSPENSION_STRAPS})

_DEFAULT_SIZE = {
    PropKind.CHAIR: 25,  # seat height: a 43 cm chair for a 170 cm person
    PropKind.WALL: 110,
    PropKind.STEP: 10,
    PropKind.BOX: 28,
    PropKind.STABILITY_BALL: 18,  # radius: a 65 cm ball
    PropKind.SOFT_BALL: 4,
    PropKind.BAND: 0,
    PropKind.TOWEL_ROLL: 3,
    PropKind.TOWEL_STRAP: 0,
    PropKind.FOAM_ROLLER: 5,  # radius: a 15 cm roller
    PropKind.MAT: 1,
    PropKind.BIKE: 30,  # saddle height
    PropKind.WATER: 70,  # water line height
    PropKind.MASSAGE_BALL: 4,  # radius: a lacrosse ball
    PropKind.DUMBBELL: 3,
    PropKind.ANKLE_WEIGHT: 3,
    PropKind.SUSPENSION_STRAPS: 0,
    PropKind.POST: 110,
    PropKind.COUNTER: 53,  # a 90 cm kitchen counter
}


class Prop(_Frozen):
    """A prop: where it stands (``x``, ``y`` in drawing units), or which body point holds it.

    A prop ``at`` a body point is drawn in each pose at that point, moved by (``x``, ``y``);
    a prop ``only`` in the start or end pose is drawn (and bears weight) in that pose alone.
    ``size`` is the prop's main measure (a seat or step height, a ball or roller radius, a
    water line); ``width`` its extent along the floor where that applies. A chair faces
    right (its seat's front edge at ``x``) unless ``flipped``, when its back is at ``x`` and
    its seat reaches to the right: the chair a standing person holds. A roller lies across
    the page unless ``along`` it (parallel to a body lying along the page, under a thigh out
    to the side), ``width`` long and centred at ``x``, ``z`` towards the viewer: only what is
    within its radius of ``z`` rests on it.
    """

    kind: PropKind
    x: Annotated[StrictInt, Field(ge=-150, le=150)] = 0
    y: Annotated[StrictInt, Field(ge=-150, le=150)] = 0
    size: Annotated[StrictInt, Field(ge=0, le=150)] | None = None
    width: Annotated[StrictInt, Field(ge=1, le=200)] | None = None
    at: Landmark | None = None
    to: Landmark | None = None
    flipped: StrictBool = False
    only: Literal["start", "end"] | None = None
    z: Annotated[StrictInt, Field(ge=-60, le=60)] = 0
    along: StrictBool = False

    @model_validator(mode="after")
    def _anchored(self) -> Prop:
        if self.kind in CARRIED_PROPS and self.at is None:
            raise ValueError(f"a {self.kind.value} needs 'at': the body point that holds it")
        if self.kind in STRAP_PROPS and self.at is None:
            raise ValueError(f"a {self.kind.value} needs 'at': the body point it pulls on")
        if self.at is not None and self.only is not None:
            raise ValueError("a prop held by the body ('at') is drawn in both poses; drop 'only'")
        if self.to is not None and self.kind not in STRAP_PROPS:
            raise ValueError(
                f"only a band, towel strap or straps takes 'to', not {self.kind.value}"
            )
        if (self.along or self.z) and (self.kind is not PropKind.FOAM_ROLLER or self.at):
            raise ValueError("only a foam roller on the floor lies 'along' the page at a 'z'")
        return self

    @property
    def measure(self) -> int:
        return self.size if self.size is not None else _DEFAULT_SIZE[self.kind]


Hand = Literal["right-hand", "left-hand"]


class Hold(_Frozen):
    """What a hand holds: a prop (its grip: the top of a chair's back or its seat, a
    counter's or a step's top, a wall, a band's end) or a point of the body (a hand behind a
    knee); in both poses, or ``only`` in the start or the end one."""

    hand: Hand
    prop: PropKind | None = None
    body: Landmark | None = None
    only: Literal["start", "end"] | None = None

    @model_validator(mode="after")
    def _one_thing(self) -> Hold:
        if (self.prop is None) == (self.body is None):
            raise ValueError("a hold names one thing the hand holds: 'prop' or 'body'")
        if self.body is not None and self.body.value == self.hand:
            raise ValueError("a hand cannot hold itself")
        return self


class Poses(_Frozen):
    """How an exercise is drawn: a start and an end pose, the view, the support and props.

    ``press`` marks where the body presses, sinks or squeezes (drawn as short red arrows).

    ``elevation`` tilts the camera to look down on the figure by that many degrees (a
    clamshell reads better seen a little from above); ``azimuth`` turns it about the
    vertical by that many degrees, positive towards the figure's front in side view (a shin
    crossing the other thigh, as in a figure-four stretch, shows only from a turned camera).
    Either moves only the drawing, never where the body rests. ``anchor`` is the body point
    each pose's ``x`` places (a heel, for a squat whose feet stay put). ``arrow`` names the body
    point whose path the movement arrow follows; by default the one that moves furthest.
    ``holds`` says what each holding hand holds; the contact checks put the hand on it.
    """

    view: View = View.SIDE
    support: Support
    elevation: Annotated[StrictInt, Field(ge=0, le=60)] = 0
    azimuth: Annotated[StrictInt, Field(ge=-60, le=60)] = 0
    props: tuple[Prop, ...] = ()
    press: tuple[Press, ...] = ()
    start: Pose
    end: Pose
    anchor: Landmark = Landmark.PELVIS
    arrow: Landmark | None = None
    holds: tuple[Hold, ...] = ()

    @model_validator(mode="after")
    def _held_props_drawn(self) -> Poses:
        kinds = {p.kind for p in self.props}
        for hold in self.holds:
            if hold.prop is not None and hold.prop not in kinds:
                raise ValueError(
                    f"the {hold.hand} holds a {hold.prop.value}, but no {hold.prop.value} is drawn"
                )
        return self


# --- geometry -----------------------------------------------------------------------------

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


def _resting_points(
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
            for x, y, z, pad in _resting_points(self.points)
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
            for x, y, z, pad in _resting_points(local)
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


def _trait_problems(support: Support, traits: set[str]) -> list[str]:
    problems = []
    if (support is Support.PRONE) != ("prone" in traits):
        problems.append(f"drawn {support.value}, but the prone trait says otherwise")
    if support in FLOOR_SUPPORTS and not {"floor", "bed"} & traits:
        problems.append(
            f"drawn {support.value} on the floor, but the exercise lacks the floor (or bed) trait"
        )
    if (support is Support.WATER) != ("water" in traits):
        problems.append(f"drawn {support.value}, but the water trait says otherwise")
    return problems


def pose_problems(
    poses: Poses,
    knee_load_tags: Collection[str],
    *,
    traits: Collection[str] | None = None,
    deep_threshold: int = DEEP_KNEE_FLEXION,
) -> list[str]:
    """What the drawing says about the knee that the exercise's knee-load tags do not.

    - a knee drawn bent beyond ``deep_threshold`` needs ``deep-knee-flexion``, and an
      exercise with that tag must be drawn bent beyond it;
    - a kneeling or all-fours pose needs ``kneeling``, and ``kneeling`` needs such a pose;
    - standing on land with one foot off the ground needs ``single-leg`` (in water the
      body's weight is mostly carried, so a leg swing there does not count).
    With ``traits`` (when the catalogue has them): a figure drawn face down needs ``prone``
    and ``prone`` needs it drawn face down; one drawn on the floor needs ``floor``; ``water``
    goes with a figure in water, both ways. Also checks that the figure rests on what its
    support says.
    """
    tags = set(knee_load_tags)
    problems: list[str] = []
    if traits is not None:
        problems += _trait_problems(poses.support, set(traits))
    start, end = figures(poses)
    placed = {"start": start, "end": end}
    peak = round(peak_knee_flexion(poses))
    deep = "deep-knee-flexion" in tags
    if peak > deep_threshold and not deep:
        problems.append(
            f"the knee is drawn bent to {peak:.0f} degrees, beyond {deep_threshold}, "
            "but the exercise lacks the deep-knee-flexion tag"
        )
    if deep and peak <= deep_threshold:
        problems.append(
            f"tagged deep-knee-flexion, but the knee is drawn bent only to {peak:.0f} degrees "
            f"(deep is beyond {deep_threshold})"
        )
    kneeling_pose = poses.support in KNEELING_SUPPORTS
    if kneeling_pose and "kneeling" not in tags:
        problems.append(f"drawn {poses.support.value}, but the exercise lacks the kneeling tag")
    if "kneeling" in tags and not kneeling_pose:
        problems.append(f"tagged kneeling, but drawn {poses.support.value}")
    for moment, figure in placed.items():
        pose = poses.start if moment == "start" else poses.end
        for side, leg in (("right", pose.right_leg), ("left", pose.left_leg)):
            ankle = leg.ankle_angle(pose.trunk)
            if not ANKLE_MIN <= ankle <= ANKLE_MAX:
                problems.append(
                    f"the {moment} pose's {side} ankle would bend {ankle} degrees to keep the "
                    f"foot flat, outside {ANKLE_MIN} to {ANKLE_MAX}"
                )
        if poses.support in KNEELING_SUPPORTS and not knees_down(figure):
            problems.append(f"the {moment} pose is {poses.support.value} but no knee is down")
        if poses.support is Support.STANDING:
            right, left = feet_down(figure)
            if not (right or left):
                problems.append(f"the {moment} pose is standing but neither foot is down")
            elif not (right and left) and "single-leg" not in tags:
                problems.append(
                    f"the {moment} pose stands on one leg, "
                    "but the exercise lacks the single-leg tag"
                )
            if knees_down(figure):
                problems.append(f"the {moment} pose is standing but a knee is on the ground")
    return problems
