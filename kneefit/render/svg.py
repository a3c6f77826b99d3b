"""Drawings of an exercise's start and end poses, as SVG made from its pose data.

The figure is a body, not sticks: limbs that taper from hip to ankle and shoulder to wrist,
a trunk with a waist, a head whose nose shows which way the face looks, hands and feet. Each
part is outlined once, then filled, so a limb reads as one shape; the far arm and leg are
grey, behind the trunk. The end pose is drawn in black over the start pose in light grey,
and an arrow follows the body point that moves furthest; short red arrows mark where the
body presses, sinks or squeezes (a pose's ``press``), and the working muscles are tinted.
Props are drawn in a lighter grey. The output is plain SVG 1.1, sized in millimetres, with
a title and a description in words: no scripts, no external references, the same bytes for
the same poses.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from kneefit.figure import figures
from kneefit.i18n import _
from kneefit.pose import Poses, PropKind
from kneefit.render.drawing.body import draw_figure, xy
from kneefit.render.drawing.marks import arrow_landmark, draw_arrow, draw_press
from kneefit.render.drawing.props import draw_prop, floor_band, in_front
from kneefit.render.drawing.shapes import (
    MARGIN,
    PROP_INK,
    PROP_STROKE,
    STROKE,
    WIDTH,
    Canvas,
    num,
)
from kneefit.render.drawing.tints import muscle_tints, working_legs
from kneefit.render.drawing.words import describe


def _drawing(poses: Poses, muscles: Sequence[str] = ()) -> tuple[Canvas, bool]:
    start, end = figures(poses)
    canvas = Canvas([], [], [])
    floating = poses.start.y is not None and poses.end.y is not None
    moves = start.points != end.points
    for prop in poses.props:
        if not in_front(prop):
            draw_prop(canvas, prop, poses, start, end)
    if moves:
        draw_figure(canvas, start, faint=True)
    tints = muscle_tints(poses, end, muscles, working_legs(poses, start, end))
    draw_figure(canvas, end, faint=False, tints=tints)
    for prop in poses.props:
        if in_front(prop):
            draw_prop(canvas, prop, poses, start, end)
    draw_press(canvas, poses, end)
    moved = arrow_landmark(poses, start, end)
    if moved is not None and moves:
        obstacles = [xy(f, n) for f in (start, end) for n in f.points]
        for prop in poses.props:
            if prop.kind in (PropKind.WALL, PropKind.POST):
                obstacles += [(float(prop.x), float(h)) for h in range(0, prop.measure, 5)]
        draw_arrow(canvas, xy(start, moved), xy(end, moved), obstacles)
    return canvas, floating


def _body(poses: Poses, muscles: Sequence[str] = (), tight: bool = False) -> tuple[str, str]:
    """The SVG's inner markup and its viewBox: at least ``WIDTH`` wide, or, ``tight``, as
    wide as the drawing."""
    canvas, floating = _drawing(poses, muscles)
    left, right = min(canvas.xs) - MARGIN, max(canvas.xs) + MARGIN
    top = max(canvas.ys) + MARGIN
    floor_y = floor_band(poses.elevation, figures(poses))[0]
    bottom = min([*canvas.ys, floor_y]) - MARGIN
    width = right - left if tight else max(WIDTH, right - left)
    centre = (left + right) / 2
    left = centre - width / 2
    # Seen from above, the floor line is the near edge of the floor the body lies on.
    floor = (
        ""
        if floating
        else (
            f'<line x1="{num(left)}" y1="{num(-floor_y)}" x2="{num(left + width)}" '
            f'y2="{num(-floor_y)}" stroke="{PROP_INK}" stroke-width="{num(PROP_STROKE)}"/>'
        )
    )
    view_box = f"{num(left)} {num(-top)} {num(width)} {num(top - bottom)}"
    inner = (
        f'<g fill="none" stroke-width="{num(STROKE)}" stroke-linecap="round" '
        f'stroke-linejoin="round">{floor}{"".join(canvas.shapes)}</g>'
    )
    return inner, view_box


def _label(name: str, poses: Poses, title: str | None) -> str:
    if title is not None:
        return title
    start, end = figures(poses)
    if start.points == end.points:
        return _("{name}: the position to hold").format(name=name)
    return _("{name}: start position (faint) and end position").format(name=name)


#: Millimetres per drawing unit in a picture file: a figure standing is 5 cm tall.
FILE_MM = 0.5


def _attribute(text: str) -> str:
    """Text for a double-quoted attribute."""
    return escape(text, {'"': "&quot;"})


def _svg_open(view_box: str, width_mm: float, label: str, extra: str = "") -> str:
    width, height = (float(v) for v in view_box.split()[2:])
    return (
        f'<svg viewBox="{view_box}" width="{num(width * width_mm)}mm" '
        f'height="{num(height * width_mm)}mm" role="img" aria-label="{_attribute(label)}"{extra}>'
    )


def exercise_svg(
    name: str, poses: Poses, *, title: str | None = None, muscles: Sequence[str] = ()
) -> str:
    """A standalone SVG document of the exercise, sized in millimetres, with a <title> and a
    <desc> for screen readers."""
    inner, view_box = _body(poses, muscles)
    label = _label(name, poses, title)
    opening = _svg_open(view_box, FILE_MM, label).replace(
        "<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{opening}<title>{escape(label)}</title>"
        f"<desc>{escape(describe(poses, muscles))}</desc>{inner}</svg>\n"
    )


def exercise_svg_inline(
    name: str,
    poses: Poses,
    *,
    title: str | None = None,
    muscles: Sequence[str] = (),
    box: tuple[float, float] | None = None,
) -> str:
    """The same drawing as an <svg> element to place inside an HTML page (no XML prolog).

    With ``box`` (a width and a height in millimetres), the drawing is cropped to its own
    width and scaled to fill the box's width or its height, whichever it reaches first;
    without, it is drawn at the picture file's scale.
    """
    inner, view_box = _body(poses, muscles, tight=box is not None)
    scale = FILE_MM
    if box is not None:
        width, height = (float(v) for v in view_box.split()[2:])
        scale = min(box[0] / width, box[1] / height)
    label = _label(name, poses, title)
    opening = _svg_open(view_box, scale, label, ' class="kneefit-figure"')
    return (
        f"{opening}<title>{escape(label)}</title>"
        f"<desc>{escape(describe(poses, muscles))}</desc>{inner}</svg>"
    )
