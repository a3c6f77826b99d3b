"""The SVG drawings: exact output on a small figure, and every exercise's drawing well formed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kneefit.pose import Arm, Landmark, Leg, Pose, Poses, Prop, PropKind, Support, figures
from kneefit.render.svg import exercise_svg, exercise_svg_inline
from tests.test_pose import BUNDLED
from tests.test_pose import poses as pose_strategy

SVG = "{http://www.w3.org/2000/svg}"

STILL = Poses(support=Support.STANDING, start=Pose(), end=Pose())

STILL_SVG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-76.5 -108 160 114" role="img">'
    "<title>Stand: the position to hold</title>"
    '<g fill="none" stroke-width="4" stroke-linecap="round" stroke-linejoin="round">'
    '<line x1="-76.5" y1="0" x2="83.5" y2="0" stroke="#8c8c8c" stroke-width="2"/>'
    # the far (left) arm and leg, in grey, behind the trunk
    '<polyline points="0,-83.8 0,-65.2 0,-45.2" stroke="#6b6b6b"/>'
    '<polyline points="0,-55 0,-30.5 0,-5.9 -3.8,-2 11.4,-2" stroke="#6b6b6b"/>'
    # the trunk, the head, then the near (right) leg and arm
    '<line x1="0" y1="-55" x2="0" y2="-83.8" stroke="#1a1a1a"/>'
    '<circle cx="0" cy="-95.5" r="4.5" stroke="#1a1a1a" fill="#ffffff"/>'
    '<polyline points="0,-55 0,-30.5 0,-5.9 -3.8,-2 11.4,-2" stroke="#1a1a1a"/>'
    '<polyline points="0,-83.8 0,-65.2 0,-45.2" stroke="#1a1a1a"/>'
    "</g></svg>\n"
)


def test_exact_output_of_a_still_figure() -> None:
    assert exercise_svg("Stand", STILL) == STILL_SVG


def _parse(document: str) -> ET.Element:
    return ET.fromstring(document.split("\n", 1)[1] if document.startswith("<?xml") else document)


def _check(root: ET.Element, title: str) -> None:
    assert root.tag == f"{SVG}svg"
    box = [float(v) for v in root.attrib["viewBox"].split()]
    assert len(box) == 4 and box[2] > 0 and box[3] > 0
    first = root[0]
    assert first.tag == f"{SVG}title" and first.text == title
    for element in root.iter():
        assert element.tag.removeprefix(SVG) in {
            "svg",
            "title",
            "g",
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


@pytest.mark.parametrize("exercise_id", sorted(BUNDLED))
def test_every_drawing_fits_its_view_box(exercise_id: str) -> None:
    document = exercise_svg(exercise_id, BUNDLED[exercise_id])
    left, top, width, height = (
        float(v) for v in re.findall(r'viewBox="([^"]+)"', document)[0].split()
    )
    for name in ("x", "x1", "x2", "cx"):
        for value in re.findall(rf' {name}="(-?[\d.]+)"', document):
            assert left <= float(value) <= left + width, (name, value)
    for name in ("y", "y1", "y2", "cy"):
        for value in re.findall(rf' {name}="(-?[\d.]+)"', document):
            assert top <= float(value) <= top + height, (name, value)


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
    assert 'stroke-dasharray="5 4"' in document  # the start pose
    assert '<path d="M' in document  # the arrow
    assert 'fill="#1a1a1a"' in document  # its head
    still = exercise_svg("Stand", STILL)
    assert "stroke-dasharray" not in still and "<path" not in still


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
    svg = exercise_svg("Figure four", BUNDLED["figure-four-stretch"])
    # The end pose's near (right) leg is in the near ink, although its foot is beyond the body.
    right = figures(BUNDLED["figure-four-stretch"])[1][Landmark.RIGHT_HIP]
    start = f'<polyline points="{right[0]:.1f}'.replace(".0", "")
    near = [line for line in svg.split("<") if 'stroke="#1a1a1a"' in line and "polyline" in line]
    assert any(line.startswith(start[1:]) for line in near)
