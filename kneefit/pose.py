"""Exercise poses as data: the joint angles of a start and an end pose, the view, what the
body rests on, the props, and where it presses. The figure these angles make is
:mod:`kneefit.figure`; the drawing's checks, :mod:`kneefit.pose_tags` and
:mod:`kneefit.pose_contact`.

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

from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator


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
