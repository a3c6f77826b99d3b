"""Whether an exercise's drawing agrees with its knee-load tags and its traits: a knee
drawn deep needs the deep-knee-flexion tag, a kneeling pose the kneeling tag, one foot off
the ground the single-leg tag (``pose_problems``), run on every bundled drawing and by
``kneefit validate``."""

from __future__ import annotations

from collections.abc import Collection

from kneefit.figure import feet_down, figures, knees_down, peak_knee_flexion
from kneefit.pose import ANKLE_MAX, ANKLE_MIN, FLOOR_SUPPORTS, KNEELING_SUPPORTS, Poses, Support

#: Peak knee flexion above this many degrees is deep. Rowe et al. (Gait Posture 2000) put
#: everyday chair and stair use at about 90-120 degrees; a squat to thighs parallel bends
#: the knee past a right angle. kneefit takes the cautious line at a right angle: any drawn
#: knee bent beyond 90 degrees must carry the ``deep-knee-flexion`` tag, and an exercise with
#: the tag must be drawn beyond it.
DEEP_KNEE_FLEXION = 90


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
