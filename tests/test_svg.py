"""The SVG drawings: exact output on a small figure, and every exercise's drawing well formed."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kneefit.figure import ROLLER_LENGTH, figures
from kneefit.pose import Arm, Landmark, Leg, Pose, Poses, Press, Prop, PropKind, Support, View
from kneefit.render.drawing.body import layers
from kneefit.render.drawing.shapes import (
    FAR_FILL,
    INK,
    MUSCLE_TINT,
    PRESS_INK,
    PROP_FILL,
    START_INK,
)
from kneefit.render.drawing.words import describe
from kneefit.render.svg import exercise_svg, exercise_svg_inline
from tests.test_pose import BUNDLED
from tests.test_pose import poses as pose_strategy


def _muscles() -> dict[str, list[str]]:
    from kneefit.catalogue import load_catalogue

    exercises = load_catalogue([]).exercises
    return {i: [m.value for m in exercises[i].primary_muscles] for i in BUNDLED}


#: Each bundled drawing's working muscles, as the handout passes them.
MUSCLES = _muscles()

SVG = "{http://www.w3.org/2000/svg}"

STILL = Poses(support=Support.STANDING, start=Pose(), end=Pose())

STILL_OPENING = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-77.1 -109.1 160 115.6" '
    'width="80mm" height="57.8mm" role="img" aria-label="Stand: the position to hold">'
    "<title>Stand: the position to hold</title><desc>Standing. One position, held.</desc>"
    '<g fill="none" stroke-width="4" stroke-linecap="round" stroke-linejoin="round">'
    '<line x1="-77.1" y1="0" x2="82.9" y2="0" stroke="#8c8c8c" stroke-width="2"/>'
    # the far (left) arm first: its upper arm tapers from the shoulder to the elbow
    '<g><path d="M2.6,-83.7 L2,-65.1 A2,2 0 0 1 -2,-65.1 L-2.6,-83.7 A2.6,2.6 0 1 1 '
    '2.6,-83.7Z" fill="#6b6b6b" stroke="#6b6b6b" stroke-width="2.2"/>'
)


def test_exact_opening_of_a_still_figure() -> None:
    """Sized in millimetres (half a millimetre a unit), labelled, titled and described; the
    far arm is drawn first, outlined in its grey."""
    document = exercise_svg("Stand", STILL)
    assert document.startswith(STILL_OPENING)
    assert document.endswith("</g></svg>\n")


def test_a_tapered_segment_is_two_discs_and_their_tangents() -> None:
    from kneefit.render.drawing.shapes import Canvas, tapered

    canvas = Canvas([], [], [])
    piece = tapered(canvas, (0.0, 0.0), 2.0, (10.0, 0.0), 2.0)
    # Equal radii: straight sides, a half circle round each end.
    assert piece.geometry == 'd="M0,-2 L10,-2 A2,2 0 0 1 10,2 L0,2 A2,2 0 0 1 0,-2Z"'
    assert piece.filled("#ffffff") == f'<path {piece.geometry} fill="#ffffff" stroke="none"/>'
    assert (min(canvas.xs), max(canvas.xs)) == (-3.1, 13.1)  # the outline is seen


def _parse(document: str) -> ET.Element:
    return ET.fromstring(document.split("\n", 1)[1] if document.startswith("<?xml") else document)


def _check(root: ET.Element, title: str) -> None:
    assert root.tag == f"{SVG}svg"
    box = [float(v) for v in root.attrib["viewBox"].split()]
    assert len(box) == 4 and box[2] > 0 and box[3] > 0
    first = root[0]
    assert first.tag == f"{SVG}title" and first.text == title
    assert root.attrib["aria-label"] == title and root.attrib["role"] == "img"
    assert root[1].tag == f"{SVG}desc" and (root[1].text or "").endswith(".")
    for size, extent in (("width", box[2]), ("height", box[3])):
        assert root.attrib[size].endswith("mm")
        # The same scale both ways: the drawing is never stretched.
        ratio = float(root.attrib[size][:-2]) / extent
        assert ratio == pytest.approx(float(root.attrib["width"][:-2]) / box[2], rel=0.01)
    for element in root.iter():
        assert element.tag.removeprefix(SVG) in {
            "svg",
            "title",
            "desc",
            "g",
            "polygon",
            "line",
            "polyline",
            "circle",
            "rect",
            "path",
        }, element.tag
        for name, value in element.attrib.items():
            assert "href" not in name and not name.startswith("on"), name
            assert "url(" not in value and "javascript" not in value.lower()


@pytest.mark.parametrize("exercise_id", sorted(BUNDLED))
def test_every_drawing_is_well_formed_svg(exercise_id: str) -> None:
    poses = BUNDLED[exercise_id]
    document = exercise_svg(exercise_id, poses)
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    start, end = figures(poses)
    moves = "start position (faint) and end position"
    label = moves if start.points != end.points else "the position to hold"
    _check(_parse(document), f"{exercise_id}: {label}")
    assert exercise_svg(exercise_id, poses) == document  # deterministic
    inline = exercise_svg_inline(exercise_id, poses, title="Wall sit")
    assert inline.startswith("<svg ") and "<?xml" not in inline
    root = ET.fromstring(inline.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))
    _check(root, "Wall sit")


def _coordinates(document: str) -> list[tuple[float, float]]:
    """Every point a shape goes through: polygon points and path moves, lines and arc ends."""
    found = []
    for points in re.findall(r' points="([^"]+)"', document):
        found += [tuple(float(v) for v in pair.split(",")) for pair in points.split()]
    for d in re.findall(r' d="([^"]+)"', document):
        if "q" in d:
            continue  # the water's waves, drawn across the page and cut by the view box
        found += [
            (float(x), float(y))
            for x, y in re.findall(r"(?:[MLQ]|[01] [01] )(-?[\d.]+),(-?[\d.]+)", d)
        ]
    return found  # type: ignore[return-value]


@pytest.mark.parametrize("exercise_id", sorted(BUNDLED))
def test_every_drawing_fits_its_view_box(exercise_id: str) -> None:
    document = exercise_svg(exercise_id, BUNDLED[exercise_id], muscles=MUSCLES[exercise_id])
    left, top, width, height = (
        float(v) for v in re.findall(r'viewBox="([^"]+)"', document)[0].split()
    )
    for name in ("x", "x1", "x2", "cx"):
        for value in re.findall(rf' {name}="(-?[\d.]+)"', document):
            assert left <= float(value) <= left + width, (name, value)
    for name in ("y", "y1", "y2", "cy"):
        for value in re.findall(rf' {name}="(-?[\d.]+)"', document):
            assert top <= float(value) <= top + height, (name, value)
    points = _coordinates(document)
    assert len(points) > 50
    for x, y in points:
        assert left <= x <= left + width and top <= y <= top + height, (x, y)


def test_titles_are_escaped() -> None:
    document = exercise_svg("a", STILL, title='Squat <deep> & "low"')
    assert '<title>Squat &lt;deep&gt; &amp; "low"</title>' in document
    _check(_parse(document), 'Squat <deep> & "low"')


def test_a_moving_figure_has_a_faint_start_and_an_arrow() -> None:
    raise_arm = Poses(
        support=Support.STANDING,
        props=(Prop(kind=PropKind.DUMBBELL, at=Landmark.RIGHT_HAND),),
        start=Pose(),
        end=Pose(right_arm=Arm(shoulder=90), left_leg=Leg()),
    )
    document = exercise_svg("Front raise", raise_arm)
    assert f'stroke="{START_INK}"' in document  # the start pose, outlined in light grey
    assert re.search(r'<path d="M[^"]* Q[^"]*" stroke="#1a1a1a" stroke-width="2"', document)
    assert f'fill="{INK}" stroke="none"' in document  # the arrow's head
    assert "grey, the end position in black; the arrow follows the right hand." in document
    still = exercise_svg("Stand", STILL)
    assert START_INK not in still and " Q" not in still


@settings(max_examples=40, deadline=None)
@given(pose_strategy, pose_strategy, st.sampled_from(sorted(BUNDLED)))
def test_any_valid_poses_draw_well_formed_svg(start: Pose, end: Pose, props_from: str) -> None:
    like = BUNDLED[props_from]
    drawing = like.model_copy(update={"start": start, "end": end})
    document = exercise_svg("any", drawing)
    assert "<title>any: " in document
    _check(_parse(document), ET.fromstring(document.split("\n", 1)[1])[0].text or "")


def _rects(svg: str) -> list[dict[str, float]]:
    root = ET.fromstring(svg.split("\n", 1)[1])
    return [
        {k: float(r.get(k, "0")) for k in ("x", "y", "width", "height")}
        for r in root.iter(f"{SVG}rect")
    ]


def test_a_mat_seen_from_above_is_a_band_with_the_floor_at_its_near_edge() -> None:
    lying = Pose(trunk=-90)
    mat = (Prop(kind=PropKind.MAT),)
    level = Poses(support=Support.SUPINE, props=mat, start=lying, end=lying)
    above = level.model_copy(update={"elevation": 40})
    (flat,), (band,) = _rects(exercise_svg("Lie", level)), _rects(exercise_svg("Lie", above))
    assert flat["height"] == 1
    assert band["height"] > 20
    floor = re.search(r'<line x1="[^"]+" y1="([^"]+)"', exercise_svg("Lie", above))
    assert floor is not None
    # SVG y grows downwards: the floor line is the band's lower (near) edge.
    assert float(floor.group(1)) == pytest.approx(band["y"] + band["height"], abs=0.2)


def test_a_crossing_shin_is_drawn_with_its_near_leg() -> None:
    # The end pose's near (right) leg is drawn in front, although its foot is beyond the body.
    end = figures(BUNDLED["figure-four-stretch"])[1]
    far, near = layers(end)
    assert "right-leg" in near and "left-leg" in far


def test_far_limbs_are_grey_and_behind_the_trunk() -> None:
    far, near = layers(figures(STILL)[1])
    assert far == ["left-leg", "left-arm"] or far == ["left-arm", "left-leg"]
    assert sorted(near) == ["right-arm", "right-leg"]
    groups = re.findall(r"<g>(.*?)</g>", exercise_svg("Stand", STILL))
    fills = [re.findall(r'fill="(#[0-9a-f]{6})" stroke="none"', g)[0] for g in groups]
    # Two far limbs in grey, then the trunk with the head, then the two near limbs in white.
    assert fills == [FAR_FILL, FAR_FILL, "#ffffff", "#ffffff", "#ffffff"]


def _nose(document: str) -> tuple[float, float]:
    """How far the nose stands from the head's centre (x, y in drawing units, y up)."""
    head = re.search(r'<circle cx="(-?[\d.]+)" cy="(-?[\d.]+)" r="6.5" fill="#ffffff"', document)
    nose = re.search(
        r'<polygon points="([^"]+)" fill="#ffffff" stroke="#ffffff" stroke-width="1"/>', document
    )
    assert head is not None and nose is not None
    points = [tuple(float(v) for v in p.split(",")) for p in nose.group(1).split()]
    x = sum(p[0] for p in points) / len(points) - float(head.group(1))
    y = -(sum(p[1] for p in points) / len(points)) + float(head.group(2))
    return x, y


@pytest.mark.parametrize(
    ("pose", "way"),
    [
        (Pose(), (1, 0)),  # standing, facing right
        (Pose(trunk=-90), (0, 1)),  # lying on the back, face up
        (Pose(trunk=90), (0, -1)),  # face down
        (Pose(trunk=-90, neck=-45), (-1, 1)),  # lying, chin up: looking back over the head
    ],
)
def test_the_nose_shows_which_way_the_face_looks(pose: Pose, way: tuple[int, int]) -> None:
    support = Support.STANDING if pose.trunk == 0 else Support.SUPINE
    x, y = _nose(exercise_svg("Face", Poses(support=support, start=pose, end=pose)))
    assert math.hypot(x, y) > 5
    assert (round(x / math.hypot(x, y)), round(y / math.hypot(x, y))) == way


def test_a_figure_facing_the_viewer_has_no_nose() -> None:
    front = Poses(view=View.FRONT, support=Support.STANDING, start=Pose(), end=Pose())
    assert 'stroke-width="1"/>' not in exercise_svg("Face", front)


def _patches(document: str, colour: str = MUSCLE_TINT) -> list[list[tuple[float, float]]]:
    return [
        [(float(x), -float(y)) for x, y in (p.split(",") for p in points.split())]
        for points in re.findall(rf'<polygon points="([^"]+)" fill="{colour}"', document)
    ]


@pytest.mark.parametrize(
    ("muscle", "where"),
    [
        # Standing in side view, facing right: the front of the thigh is to the right.
        ("quadriceps", lambda x, y: x > 0 and 30 < y < 55),
        ("hamstrings", lambda x, y: x < 0 and 30 < y < 55),
        ("calves", lambda x, y: x < 0 and 5 < y < 31),
        ("hip flexors", lambda x, y: x > 0 and 40 < y < 55),
        ("glutes", lambda x, y: x < -1 and 50 < y < 60),
        ("abdominals", lambda x, y: x > 0 and 55 < y < 75),
        ("lower back", lambda x, y: x < 0 and 55 < y < 70),
    ],
)
def test_the_working_muscle_is_tinted_where_it_is(muscle: str, where: object) -> None:
    patches = _patches(exercise_svg("Stand", STILL, muscles=[muscle]))
    assert patches
    for patch in patches:
        x = sum(p[0] for p in patch) / len(patch)
        y = sum(p[1] for p in patch) / len(patch)
        assert where(x, y), (muscle, x, y)  # type: ignore[operator]
    assert _patches(exercise_svg("Stand", STILL)) == []


def test_the_tint_goes_on_the_leg_that_works() -> None:
    raise_leg = Poses(
        support=Support.SUPINE,
        start=Pose(trunk=-90),
        end=Pose(trunk=-90, right_leg=Leg(hip=45)),
    )
    document = exercise_svg("Straight-leg raise", raise_leg, muscles=["quadriceps"])
    # One patch, on the near leg: white-filled, not the far leg's grey.
    assert len(_patches(document)) == 1
    assert _patches(document, "#c99a8d") == []
    still = Poses(support=Support.SUPINE, start=Pose(trunk=-90), end=Pose(trunk=-90))
    both = exercise_svg("Lie", still, muscles=["quadriceps"])
    assert len(_patches(both)) == 1 and len(_patches(both, "#c99a8d")) == 1


def test_glutes_are_not_tinted_on_a_figure_facing_the_viewer() -> None:
    front = Poses(view=View.FRONT, support=Support.STANDING, start=Pose(), end=Pose())
    assert _patches(exercise_svg("Stand", front, muscles=["glutes"])) == []
    assert len(_patches(exercise_svg("Stand", front, muscles=["quadriceps"]))) == 2


def _press_heads(document: str) -> list[list[tuple[float, float]]]:
    return [
        [(float(x), -float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", d)]
        for d in re.findall(rf'<path d="([^"]+)" fill="{PRESS_INK}"', document)
    ]


def test_a_press_mark_pushes_on_the_point_from_outside_the_body() -> None:
    drawing = BUNDLED["quad-set"]
    ((tip, left, right),) = _press_heads(exercise_svg("Quad set", drawing))
    knee = figures(drawing)[1][Landmark.RIGHT_KNEE]
    # Above the knee, pointing down at it, clear of the leg's outline.
    assert tip[0] == pytest.approx(knee[0], abs=0.1)
    assert 4 < tip[1] - knee[1] < 6.5
    assert left[1] > tip[1] and right[1] > tip[1]


def test_a_squeeze_is_two_arrows_closing_on_the_point() -> None:
    drawing = BUNDLED["glute-set"]
    heads = _press_heads(exercise_svg("Glute set", drawing))
    pelvis = figures(drawing)[1][Landmark.PELVIS]
    assert len(heads) == 2
    tips = sorted(h[0] for h in heads)
    assert tips[0][0] < pelvis[0] < tips[1][0]
    assert all(t[1] > pelvis[1] for t in tips)  # above the body
    for tip, left, _ in heads:
        # Each head points at the pelvis: its base is farther from it than its tip.
        assert abs(left[0] - pelvis[0]) > abs(tip[0] - pelvis[0])


def test_press_marks_are_checked_on_load() -> None:
    assert Press(at=Landmark.PELVIS).toward == "down"
    with pytest.raises(ValidationError):
        Press.model_validate({"at": "pelvis", "toward": "inwards"})
    with pytest.raises(ValidationError):
        Press.model_validate({"at": "belly"})
    with pytest.raises(ValidationError):
        Poses.model_validate(
            {"support": "supine", "start": {}, "end": {}, "press": [{"toward": "down"}]}
        )
    assert exercise_svg("Stand", STILL).count(PRESS_INK) == 0


@pytest.mark.parametrize("exercise_id", sorted(BUNDLED))
def test_every_picture_shows_a_movement_or_where_it_presses(exercise_id: str) -> None:
    """A hold (start and end the same) marks where the body presses, sinks or squeezes; a
    movement has its arrow, or, too small for one, press marks."""
    drawing = BUNDLED[exercise_id]
    start, end = figures(drawing)
    document = exercise_svg(exercise_id, drawing)
    if start.points == end.points:
        assert drawing.press and PRESS_INK in document, exercise_id
    else:
        assert " Q" in document or PRESS_INK in document, exercise_id


def test_the_description_says_the_position_the_moves_the_presses_and_the_muscles() -> None:
    assert describe(BUNDLED["plank"], ["abdominals"]) == (
        "Lying face down, with a mat. The start position is drawn in grey, the end position "
        "in black; the arrow follows the hips. Red arrows show where the body presses, sinks "
        "or squeezes: the right hand (down) and the right toe (down). Tinted: the working "
        "muscles (abdominals)."
    )
    assert describe(BUNDLED["hamstring-set"]) == (
        "Lying on the back, with a mat. One position, held. Red arrows show where the body "
        "presses, sinks or squeezes: the right heel (down and towards the head)."
    )
    assert describe(BUNDLED["wall-sit"], ["quadriceps", "glutes"]).endswith(
        "the upper back (back). Tinted: the working muscles (quadriceps and glutes)."
    )


def test_the_inline_picture_fills_its_box_at_the_drawings_own_shape() -> None:
    for exercise_id in ("quad-set", "calf-raise", "clamshell"):
        inline = exercise_svg_inline(exercise_id, BUNDLED[exercise_id], box=(38.0, 35.0))
        width = float(re.findall(r' width="([\d.]+)mm"', inline)[0])
        height = float(re.findall(r' height="([\d.]+)mm"', inline)[0])
        assert width <= 38.05 and height <= 35.05
        assert width == pytest.approx(38, abs=0.05) or height == pytest.approx(35, abs=0.05)


def _prop_outlines(svg: str) -> list[list[tuple[float, float]]]:
    """The points of each filled prop outline drawn as a path."""
    root = ET.fromstring(svg.split("\n", 1)[1])
    outlines = []
    for path in root.iter(f"{SVG}path"):
        if path.get("fill") != PROP_FILL:
            continue
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
        outlines.append(list(zip(numbers[::2], numbers[1::2], strict=True)))
    return outlines


def test_a_roller_is_seen_by_the_camera_as_the_body_is() -> None:
    # Once drawn as a circle whatever the camera did, so a roller lying along the body (for
    # the inner thigh) could not be drawn: it turns and tilts with the body now.
    lying = Pose(trunk=85, right_arm=Arm(shoulder=85, elbow=90))
    along = Prop(kind=PropKind.FOAM_ROLLER, x=0, z=20, along=True)
    seen = Poses(support=Support.PRONE, elevation=40, props=(along,), start=lying, end=lying)
    outline, _near_end = _prop_outlines(exercise_svg("Roll", seen))
    xs, ys = [x for x, _ in outline], [y for _, y in outline]
    # As long as the roller along the page, and lying: longer than it is drawn tall.
    assert max(xs) - min(xs) == pytest.approx(ROLLER_LENGTH, abs=1)
    assert max(ys) - min(ys) < 14
    # Across the page, seen level, a roller is still a circle; turned, a cylinder.
    across = Prop(kind=PropKind.FOAM_ROLLER, x=-20)
    level = Poses(support=Support.PRONE, props=(across,), start=lying, end=lying)
    assert _prop_outlines(exercise_svg("Roll", level)) == []
    turned = level.model_copy(update={"azimuth": 30})
    assert len(_prop_outlines(exercise_svg("Roll", turned))) == 2
