"""The labeling editors in a real browser, on the `practice` exam (one exercise of each type).

Drawing with the mouse and with the keyboard alone, zoom and pan, undo, restoring answers; what
reaches the server (image pixels, whatever the zoom) and the score after submitting.
The fixture exercises are in tests/fixtures/bank/level2/practical.yaml.
"""
from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import ExamPage, LiveServer, register, require_chromium, start_exam

require_chromium()  # skips (or, with EXAM_PREP_REQUIRE_BROWSER set, fails) this module without Chromium

from playwright.sync_api import Locator, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

TOLERANCE = 1.5  # image px: a mouse lands within a screen pixel, which is less than this at any zoom

# The reference answers of practical.yaml.
SQUARE = [20, 30, 50, 60]
CIRCLE = [110, 40, 60, 60]
TRIANGLE = [[30, 120], [90, 110], [80, 140]]
SPANS_TEXT = "😀 홍길동은 서울에서 일한다. 서울은 크다."
BOX_LABEL = re.compile(r"x (-?[\d.]+), y (-?[\d.]+), 너비 ([\d.]+), 높이 ([\d.]+)")
VERTEX = re.compile(r"꼭짓점 (\d+) \(x (-?[\d.]+), y (-?[\d.]+)\)")
POINT = re.compile(r"x (-?[\d.]+), y (-?[\d.]+)")


class Labeling:
    """The exercises of a practice attempt (drawn in random order), and what a candidate does."""

    def __init__(self, exam: ExamPage) -> None:
        self.exam = exam
        self.page = exam.page

    def number(self, kind: str) -> int:
        return int(self.page.locator(f'.item[data-type="{kind}"]').get_attribute("data-item"))

    def item(self, kind: str) -> Locator:
        return self.exam.item(self.number(kind))

    def open(self, kind: str) -> Locator:
        self.exam.show(self.number(kind))
        item = self.item(kind)
        if kind not in ("classify", "spans"):
            item.locator(".lab-viewport").scroll_into_view_if_needed()
        return item

    # -- the image, in image pixels

    def screen(self, kind: str, x: float, y: float) -> tuple[float, float]:
        """Where image pixel (x, y) is on the screen now (any zoom, any scroll)."""
        svg = self.item(kind).locator(".lab-svg")
        box = svg.bounding_box()
        width, height = (float(svg.get_attribute(a)) for a in ("width", "height"))
        return box["x"] + x * box["width"] / width, box["y"] + y * box["height"] / height

    def shown_scale(self, kind: str) -> float:
        svg = self.item(kind).locator(".lab-svg")
        return svg.bounding_box()["width"] / float(svg.get_attribute("width"))

    def click(self, kind: str, x: float, y: float) -> None:
        self.page.mouse.click(*self.screen(kind, x, y))

    def drag(self, kind: str, start: tuple[float, float], end: tuple[float, float]) -> None:
        mouse = self.page.mouse
        mouse.move(*self.screen(kind, *start))
        mouse.down()
        mouse.move(*self.screen(kind, *end), steps=8)
        mouse.up()

    def select_text(self, start: int, end: int) -> None:
        """Drag the mouse over the spans text from code point `start` to `end` (exclusive)."""
        text = self.item("spans").locator(".lab-text")
        u16 = [len(SPANS_TEXT[:i].encode("utf-16-le")) // 2 for i in (start, end)]
        x0, y0, x1, y1 = text.evaluate("""(el, [s, e]) => {
            // The DOM position of a UTF-16 offset, across the text nodes (tagged parts are <mark>s).
            const at = (offset) => {
              const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
              let seen = 0;
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (offset < seen + n.data.length) return [n, offset - seen];
                seen += n.data.length;
              }
              throw new Error("offset past the text");
            };
            const rect = (offset) => {
              const [node, i] = at(offset), r = document.createRange();
              r.setStart(node, i); r.setEnd(node, i + 1);
              return r.getBoundingClientRect();
            };
            const a = rect(s), b = rect(e - 1);
            return [a.left + 2, a.top + a.height / 2, b.right - 2, b.top + b.height / 2];
        }""", u16)
        mouse = self.page.mouse
        mouse.move(x0, y0)
        mouse.down()
        mouse.move(x1, y1, steps=6)
        mouse.up()

    # -- the keyboard

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)

    def move_by(self, dx: float, dy: float) -> None:
        """Arrow keys: Shift+arrow for each 10 px, then single steps."""
        for delta, minus, plus in ((dx, "ArrowLeft", "ArrowRight"), (dy, "ArrowUp", "ArrowDown")):
            steps = int(round(abs(delta)))
            key = minus if delta < 0 else plus
            self.press(f"Shift+{key}", steps // 10)
            self.press(key, steps % 10)

    def focused_label(self) -> str:
        return self.page.evaluate("document.activeElement.getAttribute('aria-label') || ''")

    def status(self, kind: str) -> str:
        return self.item(kind).locator(".lab-status").inner_text()

    # -- the server

    def saved(self, kind: str) -> Any:
        """The response the server holds for the exercise, once every change is confirmed."""
        expect(self.exam.status).to_have_attribute("data-state", "saved")
        return self.exam.server_state()["responses"][str(self.number(kind))]["response"]

    def submit(self) -> dict[str, dict[str, Any]]:
        """Submit through the dialog; the scored items of the result API, by type."""
        self.page.locator("#submit-open").click()
        self.page.locator("#submit-confirm").click()
        expect(self.page).to_have_url(re.compile(rf"/attempts/{self.exam.attempt_id}/result$"))
        return {item["type"]: item for item in self.exam.result()["items"]}


def close(actual: Any, expected: Any, tolerance: float = TOLERANCE) -> bool:
    if isinstance(expected, (list, tuple)):
        return (isinstance(actual, (list, tuple)) and len(actual) == len(expected)
                and all(close(a, e, tolerance) for a, e in zip(actual, expected, strict=True)))
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return isinstance(actual, (int, float)) and abs(actual - expected) <= tolerance
    return actual == expected


def cp(text: str, part: str, occurrence: int = 1) -> tuple[int, int]:
    """Code point offsets of the n-th occurrence of `part` (Python counts code points)."""
    at = -1
    for _ in range(occurrence):
        at = text.index(part, at + 1)
    return at, at + len(part)


@pytest.fixture
def labeling(page: Page, live_server: LiveServer) -> Labeling:
    register(page)
    return Labeling(start_exam(page, live_server, "practice"))


# --- the mouse ---------------------------------------------------------------------------


def test_every_exercise_drawn_with_the_mouse_is_saved_in_image_pixels_and_scored(labeling: Labeling) -> None:
    page = labeling.page

    # Boxes: drag out the square (label 1, the default), then choose 원 with key 2 and drag out the circle.
    item = labeling.open("bbox")
    assert labeling.shown_scale("bbox") > 2  # a 200×150 image shown larger: screen px are not image px
    labeling.drag("bbox", (20, 30), (70, 90))
    page.keyboard.press("2")
    expect(item.locator(".lab-label-input").nth(1)).to_be_checked()
    labeling.drag("bbox", (110, 40), (170, 100))
    expect(item.locator(".lab-list li")).to_have_count(2)
    saved = labeling.saved("bbox")["shapes"]
    assert [s["label"] for s in saved] == ["square", "circle"]
    assert close(saved[0]["box"], SQUARE) and close(saved[1]["box"], CIRCLE), saved
    assert saved[0]["attributes"] == {"occluded": False} and saved[1]["attributes"] == {}

    # A polygon: click the corners, double-click the last one to close it.
    labeling.open("polygon")
    labeling.click("polygon", *TRIANGLE[0])
    page.wait_for_timeout(600)  # not a double click
    labeling.click("polygon", *TRIANGLE[1])
    page.wait_for_timeout(600)
    page.mouse.dblclick(*labeling.screen("polygon", *TRIANGLE[2]))
    saved = labeling.saved("polygon")["shapes"]
    assert len(saved) == 1 and saved[0]["label"] == "triangle"
    assert close(saved[0]["points"], TRIANGLE), saved

    # Keypoints in order; the third is hidden behind the square: "표시 안 함" (V).
    item = labeling.open("keypoints")
    next_point = item.locator(".lab-kp-next-name")
    expect(next_point).to_have_text("1. 왼쪽 위")
    labeling.click("keypoints", 24, 35)  # a little off: fixed below by dragging
    expect(next_point).to_have_text("2. 오른쪽 아래")
    labeling.click("keypoints", 70, 90)
    expect(next_point).to_have_text("3. 뒷면")
    labeling.drag("keypoints", (24, 35), (20, 30))
    expect(next_point).to_have_text("3. 뒷면")  # dragging a point does not change what comes next
    page.keyboard.press("v")
    expect(next_point).to_have_text("모든 점을 찍었습니다.")
    expect(item.locator(".lab-kp-list li").nth(2)).to_contain_text("표시 안 함")
    expect(item.locator(".lab-edge")).to_have_count(1)  # the skeleton's edge between the two placed points
    saved = labeling.saved("keypoints")["instances"]
    assert len(saved) == 1 and saved[0]["label"] == "shape"
    assert close(saved[0]["points"][:2], [[20, 30], [70, 90]]) and saved[0]["points"][2] == "hidden", saved

    # Classify (several labels per image): checkboxes.
    item = labeling.open("classify")
    images = item.locator("fieldset.lab-classify-image")
    for index, titles in ((0, ["사각형", "원"]), (1, ["사각형", "글자"])):
        for title in titles:
            images.nth(index).locator("label.option").filter(has_text=title).click()
    assert labeling.saved("classify") == {"labels": [["circle", "square"], ["square", "text"]]}

    # Spans: 홍길동 selected with the mouse, tagged with key 1 (인물).
    item = labeling.open("spans")
    text = item.locator(".lab-text")
    start, end = cp(SPANS_TEXT, "홍길동")
    labeling.select_text(start, end)
    expect(item.locator(".lab-selection")).to_have_text("고른 글자: “홍길동”")
    page.keyboard.press("1")
    expect(text.locator("mark.lab-mark")).to_have_count(1)
    expect(text.locator("mark.lab-mark")).to_have_text("홍길동")
    assert labeling.saved("spans") == {"spans": [{"start": start, "end": end, "label": "PER"}]}

    # OCR: a box around the word, then its text (the field takes the focus); Enter finishes.
    item = labeling.open("ocr")
    labeling.drag("ocr", (10, 10), (70, 40))
    field = item.locator(".lab-row-text")
    expect(field).to_be_focused()
    page.keyboard.type("STOP")
    page.keyboard.press("Enter")
    expect(item.locator(".lab-shape")).to_be_focused()
    saved = labeling.saved("ocr")["regions"]
    assert len(saved) == 1 and saved[0]["text"] == "STOP" and close(saved[0]["box"], [10, 10, 60, 30]), saved

    # Spans by keyboard are in the next test; here the two 서울 are selected with the mouse too,
    # and tagged with the 장소 button.
    item = labeling.open("spans")
    for occurrence in (1, 2):
        labeling.select_text(*cp(SPANS_TEXT, "서울", occurrence))
        expect(item.locator(".lab-selection")).to_have_text("고른 글자: “서울”")
        item.locator('[data-action="tag"]').filter(has_text="장소").click()
    expect(labeling.item("spans").locator("mark.lab-mark")).to_have_count(3)

    results = labeling.submit()
    assert set(results) == {"bbox", "polygon", "keypoints", "classify", "spans", "ocr"}
    for kind, result in results.items():
        assert result["points"] == pytest.approx(1.0), (kind, result["detail"], result["response"])
    assert close([s["box"] for s in results["bbox"]["response"]["shapes"]], [SQUARE, CIRCLE])
    assert close(results["polygon"]["response"]["shapes"][0]["points"], TRIANGLE)
    assert results["spans"]["response"]["spans"] == [
        {"start": a, "end": b, "label": label} for (a, b), label in (
            (cp(SPANS_TEXT, "홍길동"), "PER"), (cp(SPANS_TEXT, "서울"), "LOC"), (cp(SPANS_TEXT, "서울", 2), "LOC"))]

    # The review picture draws both layers over the image, which loads.
    page = labeling.page
    bbox_review = page.locator(".review-item").filter(has_text="빨간 사각형과 파란 원에 상자를 그리세요.")
    expect(bbox_review.locator(".review-svg .layer-ref rect")).to_have_count(2)
    expect(bbox_review.locator(".review-svg .layer-cand rect")).to_have_count(2)
    expect(bbox_review.locator(".review-svg text.iou").first).to_contain_text("IoU")
    images_load = page.evaluate("""() => Promise.all([...document.querySelectorAll('.review-svg image')].map(
        (el) => fetch(el.getAttribute('href')).then((r) => r.ok)))""")
    assert images_load == [True] * page.locator(".review-svg image").count()
    expect(bbox_review.locator(".review-legend")).to_contain_text("정답 (초록 점선)")


def test_spans_selected_with_the_keyboard_count_code_points(labeling: Labeling) -> None:
    """Shift+arrows in the text, then a number key; the emoji before it is one code point."""
    page = labeling.page
    item = labeling.open("spans")
    text = item.locator(".lab-text")
    text.focus()
    page.keyboard.press("Control+Home")
    start, end = cp(SPANS_TEXT, "서울")
    labeling.press("ArrowRight", start)  # one press per character: the emoji is one
    labeling.press("Shift+ArrowRight", end - start)
    expect(item.locator(".lab-selection")).to_have_text("고른 글자: “서울”")
    page.keyboard.press("2")
    expect(text.locator("mark.lab-mark")).to_have_text("서울")

    # The second 서울: word by word (Ctrl+arrows), then back off the particle 은 with Shift+←.
    s2, e2 = cp(SPANS_TEXT, "서울", 2)
    page.keyboard.press("Control+ArrowRight")  # to the end of 서울에서
    page.keyboard.press("Control+ArrowRight")  # 일한다.
    page.keyboard.press("ArrowRight")  # past the space
    page.keyboard.press("Control+Shift+ArrowRight")  # 서울은
    page.keyboard.press("Shift+ArrowLeft")
    expect(item.locator(".lab-selection")).to_have_text("고른 글자: “서울”")
    page.keyboard.press("2")

    # A tag put on the wrong place comes off with Backspace at its end.
    labeling.press("ArrowLeft", 5)  # from after 서울 back to between 한 and 다
    page.keyboard.press("Shift+ArrowLeft")
    expect(item.locator(".lab-selection")).to_have_text("고른 글자: “한”")
    page.keyboard.press("1")
    expect(text.locator("mark.lab-mark")).to_have_count(3)
    page.keyboard.press("Delete")
    expect(text.locator("mark.lab-mark")).to_have_count(2)

    assert labeling.saved("spans") == {"spans": [
        {"start": start, "end": end, "label": "LOC"}, {"start": s2, "end": e2, "label": "LOC"}]}
    expect(item.locator(".lab-list li")).to_have_count(2)
    expect(item.locator(".lab-list li").first).to_contain_text("장소: “서울”")


# --- the keyboard alone ------------------------------------------------------------------


def box_of(label: str) -> list[float]:
    match = BOX_LABEL.search(label)
    assert match, label
    return [float(v) for v in match.groups()]


def test_boxes_drawn_with_the_keyboard_alone(labeling: Labeling) -> None:
    page = labeling.page
    item = labeling.open("bbox")
    item.locator(".lab-viewport").focus()  # where Tab from the toolbar arrives

    for n, (key, target, title) in enumerate((("1", SQUARE, "사각형"), ("2", CIRCLE, "원")), start=1):
        page.keyboard.press(key)
        page.keyboard.press("n")  # a new box in the middle of the view, selected and focused
        label = labeling.focused_label()
        assert label.startswith(f"{n} {title} 상자"), label  # the words of its tag on the image first
        x, y, w, h = box_of(label)
        labeling.move_by(target[0] - x, target[1] - y)  # the whole box
        page.keyboard.press("e")
        page.keyboard.press("e")
        page.keyboard.press("e")  # whole → left → top → right edge
        expect(item.locator(".lab-status")).to_contain_text("오른쪽 변")
        expect(item.locator(".lab-part")).to_have_count(1)  # the edge is shown on the image
        labeling.move_by(target[0] + target[2] - (target[0] + w), 0)
        page.keyboard.press("e")  # bottom edge
        expect(item.locator(".lab-status")).to_contain_text("아래쪽 변")
        labeling.move_by(0, target[1] + target[3] - (target[1] + h))
        assert box_of(labeling.focused_label()) == target
        page.keyboard.press("Escape")  # done with this box
    assert labeling.saved("bbox") == {"shapes": [
        {"label": "square", "box": SQUARE, "attributes": {"occluded": False}},
        {"label": "circle", "box": CIRCLE, "attributes": {}}]}
    expect(item.locator(".lab-live")).to_have_text(re.compile(r"\S"))  # the screen reader heard about it

    # Tab / Shift+Tab go through the boxes; the attribute of the square is a checkbox.
    item.locator(".lab-viewport").focus()
    page.keyboard.press("Tab")
    assert labeling.focused_label().startswith("1 사각형 상자")
    page.keyboard.press("Tab")
    assert labeling.focused_label().startswith("2 원 상자")
    page.keyboard.press("Shift+Tab")
    assert labeling.focused_label().startswith("1 사각형 상자")
    occluded = item.locator(".lab-selected .lab-attr-input")
    expect(occluded).to_have_count(1)
    occluded.focus()
    page.keyboard.press("Space")
    expect(occluded).to_be_checked()
    assert labeling.saved("bbox")["shapes"][0]["attributes"] == {"occluded": True}

    # Undo / redo by keys; a run of arrow presses is one step.
    page.keyboard.press("Control+z")
    assert labeling.saved("bbox")["shapes"][0]["attributes"] == {"occluded": False}
    page.keyboard.press("Control+z")  # the circle's bottom edge, all its presses at once
    assert labeling.saved("bbox")["shapes"][1]["box"][3] != CIRCLE[3]
    page.keyboard.press("Control+Shift+z")
    page.keyboard.press("Control+y")
    assert labeling.saved("bbox")["shapes"][0]["attributes"] == {"occluded": True}
    assert labeling.saved("bbox")["shapes"][1]["box"] == CIRCLE

    results = labeling.submit()
    bbox = results["bbox"]
    assert [s["box"] for s in bbox["response"]["shapes"]] == [SQUARE, CIRCLE]
    # Both boxes match exactly; the square's "occluded" mark, which the reference lacks, costs
    # half of that match (attribute_cost 0.5): 0.75 of the item.
    assert bbox["detail"]["matched"] == 2
    assert [p["attributes"] for p in bbox["detail"]["pairs"]] == [["occluded"], []]
    assert bbox["points"] == pytest.approx(0.75)


def test_polygon_and_keypoints_with_the_keyboard_alone(labeling: Labeling) -> None:
    page = labeling.page
    item = labeling.open("polygon")
    item.locator(".lab-viewport").focus()
    page.keyboard.press("n")  # a four-cornered polygon in the middle of the view
    for n, target in enumerate(TRIANGLE, start=1):
        page.keyboard.press("e")  # the next vertex
        match = VERTEX.search(labeling.status("polygon"))
        assert match and int(match.group(1)) == n, labeling.status("polygon")
        labeling.move_by(target[0] - float(match.group(2)), target[1] - float(match.group(3)))
    page.keyboard.press("e")
    assert "꼭짓점 4" in labeling.status("polygon")
    page.keyboard.press("Shift+Delete")  # a triangle needs three
    assert labeling.saved("polygon") == {"shapes": [{"label": "triangle", "points": TRIANGLE, "attributes": {}}]}

    item = labeling.open("keypoints")
    item.locator(".lab-viewport").focus()
    for n, target in enumerate(([20, 30], [70, 90]), start=1):
        page.keyboard.press("n")  # the next point, in the middle of the view; the arrows move it
        label = labeling.focused_label()
        assert f"{n}. " in label, label
        x, y = (float(v) for v in POINT.search(label).groups())
        labeling.move_by(target[0] - x, target[1] - y)
    page.keyboard.press("v")  # 뒷면 is not visible
    expect(item.locator(".lab-kp-next-name")).to_have_text("모든 점을 찍었습니다.")
    assert labeling.saved("keypoints") == {"instances": [{"label": "shape", "points": [[20, 30], [70, 90], "hidden"]}]}

    results = labeling.submit()
    assert results["polygon"]["points"] == pytest.approx(1.0)
    assert results["keypoints"]["points"] == pytest.approx(1.0)


# --- zoom, editing, undo, restoring ------------------------------------------------------


def test_zoomed_in_and_panned_the_coordinates_are_still_image_pixels(labeling: Labeling) -> None:
    page = labeling.page
    item = labeling.open("bbox")
    zoom = item.locator(".lab-zoom")
    percent = lambda: int(re.search(r"(\d+)%", zoom.inner_text()).group(1))  # noqa: E731
    before = labeling.shown_scale("bbox")
    assert percent() == pytest.approx(before * 100, abs=1)
    for _ in range(2):
        item.locator('[data-action="zoom-in"]').click()
    assert labeling.shown_scale("bbox") == pytest.approx(before * 1.25 ** 2, rel=0.01)
    assert percent() == pytest.approx(before * 1.25 ** 2 * 100, abs=1)

    # Ctrl + wheel over the circle zooms in around it; Space + drag pans the view.
    viewport = item.locator(".lab-viewport")
    centre = labeling.screen("bbox", 140, 70)
    page.keyboard.down("Control")
    page.mouse.move(*centre)
    page.mouse.wheel(0, -100)
    page.keyboard.up("Control")
    assert labeling.shown_scale("bbox") == pytest.approx(before * 1.25 ** 3, rel=0.01)
    assert close(labeling.screen("bbox", 140, 70), centre, 1)  # the point under the mouse stayed
    # Space + drag: bring the circle to the middle of the view.
    viewport.focus()
    scroll = viewport.evaluate("v => [v.scrollLeft, v.scrollTop]")
    vbox = viewport.bounding_box()
    middle = (vbox["x"] + vbox["width"] / 2, vbox["y"] + vbox["height"] / 2)
    circle = labeling.screen("bbox", 140, 70)
    dx, dy = round(middle[0] - circle[0]), round(middle[1] - circle[1])
    page.keyboard.down("Space")
    page.mouse.move(*middle)
    page.mouse.down()
    page.mouse.move(middle[0] + dx, middle[1] + dy, steps=5)
    page.mouse.up()
    page.keyboard.up("Space")
    assert close(viewport.evaluate("v => [v.scrollLeft, v.scrollTop]"), [scroll[0] - dx, scroll[1] - dy], 1)
    assert close(labeling.screen("bbox", 140, 70), middle, 1.5)
    assert labeling.shown_scale("bbox") > 5  # one image pixel is many screen pixels now

    # Dragging with the middle button pans too (and does not draw).
    for step in (-50, 50):
        before_pan = viewport.evaluate("v => [v.scrollLeft, v.scrollTop]")
        page.mouse.move(*middle)
        page.mouse.down(button="middle")
        page.mouse.move(middle[0] + step, middle[1], steps=4)
        page.mouse.up(button="middle")
        assert close(viewport.evaluate("v => [v.scrollLeft, v.scrollTop]"), [before_pan[0] - step, before_pan[1]], 1)
    expect(item.locator(".lab-shape")).to_have_count(0)

    # The whole circle is in view: draw it.
    for x, y in ((110, 40), (170, 100)):
        sx, sy = labeling.screen("bbox", x, y)
        assert vbox["x"] < sx < vbox["x"] + vbox["width"] and vbox["y"] < sy < vbox["y"] + vbox["height"]
    page.keyboard.press("2")
    labeling.drag("bbox", (110, 40), (170, 100))
    saved = labeling.saved("bbox")["shapes"]
    assert len(saved) == 1 and saved[0]["label"] == "circle"
    assert close(saved[0]["box"], CIRCLE, 0.5), saved  # zoomed in, the mouse is more precise

    page.keyboard.press("0")  # fit the view again
    assert labeling.shown_scale("bbox") == pytest.approx(before, rel=0.01)


def test_move_resize_undo_redo_and_delete_with_the_mouse(labeling: Labeling) -> None:
    page = labeling.page
    item = labeling.open("bbox")
    labeling.drag("bbox", (30, 40), (80, 100))
    assert close(labeling.saved("bbox")["shapes"][0]["box"], [30, 40, 50, 60])

    page.keyboard.press("s")  # select mode: a drag moves and resizes (in draw mode it would draw)
    labeling.drag("bbox", (55, 70), (45, 60))  # drag the box itself
    assert close(labeling.saved("bbox")["shapes"][0]["box"], SQUARE)
    labeling.drag("bbox", (70, 90), (80, 100))  # the bottom-right handle
    assert close(labeling.saved("bbox")["shapes"][0]["box"], [20, 30, 60, 70])
    labeling.drag("bbox", (20, 65), (10, 65))  # the handle in the middle of the left edge
    assert close(labeling.saved("bbox")["shapes"][0]["box"], [10, 30, 70, 70])

    item.locator('[data-action="undo"]').click()
    item.locator('[data-action="undo"]').click()
    assert close(labeling.saved("bbox")["shapes"][0]["box"], SQUARE)
    item.locator('[data-action="redo"]').click()
    assert close(labeling.saved("bbox")["shapes"][0]["box"], [20, 30, 60, 70])
    expect(labeling.exam.cell(labeling.number("bbox"))).to_have_class(re.compile(r"\banswered\b"))

    # Delete on the selected box: nothing drawn means no answer.
    labeling.click("bbox", 40, 60)
    page.keyboard.press("Delete")
    expect(item.locator(".lab-shape")).to_have_count(0)
    expect(item.locator(".lab-empty")).to_be_visible()
    assert labeling.saved("bbox") is None
    expect(labeling.exam.cell(labeling.number("bbox"))).not_to_have_class(re.compile(r"\banswered\b"))
    page.keyboard.press("Control+z")
    expect(item.locator(".lab-shape")).to_have_count(1)
    item.locator(".lab-row-delete").click()  # the list's button does the same
    assert labeling.saved("bbox") is None

    # A polygon's corner is dragged into place; Escape drops one being drawn.
    labeling.open("polygon")
    for x, y in ((30, 120), (100, 110), (80, 140)):
        labeling.click("polygon", x, y)
        page.wait_for_timeout(600)
    page.keyboard.press("Enter")
    page.keyboard.press("s")
    labeling.drag("polygon", (100, 110), (90, 110))
    page.keyboard.press("d")
    labeling.click("polygon", 150, 20)
    labeling.click("polygon", 180, 20)
    page.keyboard.press("Escape")
    assert close(labeling.saved("polygon")["shapes"][0]["points"], TRIANGLE)

    # OCR regions may be polygons too (T switches), each with its own text.
    item = labeling.open("ocr")
    page.keyboard.press("t")
    expect(item.locator('[data-action="tool-poly"]')).to_have_attribute("aria-pressed", "true")
    for x, y in ((10, 10), (70, 10), (70, 40)):
        labeling.click("ocr", x, y)
        page.wait_for_timeout(600)
    labeling.click("ocr", 10, 40)
    page.wait_for_timeout(600)
    labeling.click("ocr", 10, 10)  # back on the first point closes it
    page.keyboard.type("STOP")
    page.keyboard.press("Enter")
    saved = labeling.saved("ocr")["regions"]
    assert len(saved) == 1 and saved[0]["text"] == "STOP"
    assert close(saved[0]["points"], [[10, 10], [70, 10], [70, 40], [10, 40]]), saved


def test_answers_come_back_after_a_reload_and_from_the_offline_journal(labeling: Labeling) -> None:
    page = labeling.page
    exam = labeling.exam
    labeling.open("bbox")
    labeling.drag("bbox", (20, 30), (70, 90))
    first = labeling.saved("bbox")

    # Saves fail now: the next box waits in the journal, and the next page load brings it back.
    page.route("**/api/v1/attempts/*/items/*", lambda route: route.abort("internetdisconnected"))
    page.keyboard.press("2")
    labeling.drag("bbox", (110, 40), (170, 100))
    expect(exam.status).to_have_attribute("data-state", "offline")
    journal = exam.wait_journal(labeling.number("bbox"))
    pending = journal[str(labeling.number("bbox"))]["response"]
    assert len(pending["shapes"]) == 2
    assert exam.server_state()["responses"][str(labeling.number("bbox"))]["response"] == first

    page.unroute("**/api/v1/attempts/*/items/*")
    page.on("dialog", lambda d: d.accept())
    exam.reload()
    item = labeling.open("bbox")
    expect(item.locator(".lab-shape")).to_have_count(2)  # apply() drew the journal's answer
    assert labeling.saved("bbox") == pending
    expect(item.locator('[data-action="undo"]')).to_be_disabled()  # a fresh start for undo

    # The server's copy is drawn by the page itself (no journal).
    labeling.open("ocr")
    labeling.drag("ocr", (10, 10), (70, 40))
    page.keyboard.type("STOP")
    page.keyboard.press("Enter")
    assert labeling.saved("ocr")["regions"][0]["text"] == "STOP"
    exam.reload()
    item = labeling.open("ocr")
    expect(item.locator(".lab-row-text")).to_have_value("STOP")
    expect(item.locator(".lab-shape")).to_have_attribute("aria-label", re.compile("STOP"))
