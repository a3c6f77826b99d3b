"""An exercise's picture in words, for a screen reader: the position and its props, what
moves and which point the arrow follows, where the body presses, and the tinted muscles."""

from __future__ import annotations

from collections.abc import Sequence

from kneefit.figure import Figure, figures
from kneefit.i18n import N_, _
from kneefit.pose import Landmark, Poses, PropKind, Support
from kneefit.render.drawing.body import page_dir, trunk_axes
from kneefit.render.drawing.marks import TOWARD, arrow_landmark
from kneefit.value_words import value_word

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
    dx, dy = TOWARD[toward]
    vertical = "" if abs(dy) < 0.1 else (_("down") if dy < 0 else _("up"))
    if abs(dx) < 0.1:
        return vertical
    up, forward = trunk_axes(figure)
    (fx, _fy), shown = page_dir(figure, forward)
    if shown > 0.5 and abs(fx) > 0.5:
        along = _("forwards") if dx * fx > 0 else _("back")
    else:
        (ux, _uy), _length = page_dir(figure, up)
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
        moved = arrow_landmark(poses, start, end)
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
