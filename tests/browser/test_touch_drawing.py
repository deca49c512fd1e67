"""The labeling editors by touch, on a phone-sized touch screen (390 × 844, hasTouch, isMobile).

Fingers are sent as touch events through the Chrome DevTools Protocol (Input.dispatchTouchEvent),
which Chromium turns into Pointer Events of type "touch", as a real finger does; a tap is
Playwright's touchscreen.tap. A box drawn, moved and resized with a finger, polygon corners by taps
and one deleted by a long press, a keypoint placed by a tap, pinch zoom and two-finger pan, a
shape's menu by a long press; tap targets of 44 px and more, the touch hints and no key hints.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.browser.conftest import (
    LiveServer,
    PageErrors,
    register,
    require_chromium,
    start_exam,
    touch_phone,
)
from tests.browser.test_inspection_editor import MISSED_TRIANGLE, Inspection, pass_level2
from tests.browser.test_labeling_editors import Labeling, close

require_chromium()  # skips (or, with EXAM_PREP_REQUIRE_BROWSER set, fails) this module without Chromium

from playwright.sync_api import Browser, CDPSession, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TAP_TARGET = 44  # CSS px: WCAG 2.5.8 asks 24, a finger needs this much
SCREENSHOTS = "/tmp/t1_shots"


class Fingers:
    """Touches on the screen (CSS px of the viewport), as a phone's touch screen sends them."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.cdp: CDPSession = page.context.new_cdp_session(page)

    def send(self, kind: str, points: list[tuple[float, float]]) -> None:
        self.cdp.send("Input.dispatchTouchEvent", {
            "type": kind, "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)],
        })
        if kind == "touchEnd":
            # A hand takes a moment before the next touch; Chromium's tap detection needs it too
            # (a tap sent at once after a drag gives no click).
            self.page.wait_for_timeout(400)

    def drag(self, start: tuple[float, float], end: tuple[float, float], steps: int = 8) -> None:
        self.send("touchStart", [start])
        for k in range(1, steps + 1):
            t = k / steps
            self.send("touchMove", [(start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t)])
        self.send("touchEnd", [])

    def long_press(self, at: tuple[float, float], ms: int = 800) -> None:
        self.send("touchStart", [at])
        self.page.wait_for_timeout(ms)
        self.send("touchEnd", [])

    def two(self, starts: list[tuple[float, float]], ends: list[tuple[float, float]], steps: int = 8) -> None:
        """Two fingers down together, moved from `starts` to `ends`, lifted."""
        self.send("touchStart", starts)
        for k in range(1, steps + 1):
            t = k / steps
            between = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in zip(starts, ends, strict=True)]
            self.send("touchMove", between)
        self.send("touchEnd", [])


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer, page_errors: PageErrors) -> Iterator[Page]:
    with touch_phone(browser, live_server.url, page_errors, PHONE, device_scale_factor=2) as page:
        yield page


@pytest.fixture
def labeling(phone: Page, live_server: LiveServer) -> Labeling:
    register(phone)
    return Labeling(start_exam(phone, live_server, "practice"))


def centre(item) -> None:
    """Scroll the image to the middle of the screen (clear of the sticky bars), where the fingers go."""
    item.locator(".lab-viewport").evaluate("v => v.scrollIntoView({block: 'center', behavior: 'instant'})")


def tap(item, selector: str) -> None:
    """Tap a button of the editor (Playwright scrolls it into view), then bring the image back."""
    item.locator(selector).tap()
    centre(item)


def open_centred(labeling: Labeling, kind: str):
    """Tap the exercise's cell of the answer sheet; its image in the middle of the screen."""
    labeling.exam.show(labeling.number(kind), tap=True)
    item = labeling.item(kind)
    expect(item).to_be_visible()
    centre(item)
    return item


def size(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    return box["width"], box["height"]


def test_a_box_drawn_moved_and_resized_with_a_finger(labeling: Labeling) -> None:
    page = labeling.page
    fingers = Fingers(page)
    item = open_centred(labeling, "bbox")
    # The editor knows a finger is in use: touch hints, no key names.
    assert page.evaluate("document.documentElement.dataset.labInput") == "touch"

    fingers.drag(labeling.screen("bbox", 30, 40), labeling.screen("bbox", 80, 100))
    expect(item.locator(".lab-shape")).to_have_count(1)
    assert close(labeling.saved("bbox")["shapes"][0]["box"], [30, 40, 50, 60])
    # Still drawing: a finger dragged inside the box draws a second one (a nested object).
    fingers.drag(labeling.screen("bbox", 40, 50), labeling.screen("bbox", 60, 70))
    expect(item.locator(".lab-shape")).to_have_count(2)
    assert close([s["box"] for s in labeling.saved("bbox")["shapes"]], [[30, 40, 50, 60], [40, 50, 20, 20]])
    item.locator(".lab-row-delete").nth(1).tap()
    centre(item)
    expect(item.locator(".lab-shape")).to_have_count(1)

    # Select mode by its button; the box is moved by a finger, then resized by its corner handle.
    tap(item, '[data-action="mode-select"]')
    expect(item.locator('[data-action="mode-select"]')).to_have_attribute("aria-pressed", "true")
    expect(item.locator(".lab-mode-word")).to_have_text("지금: 선택·이동")
    fingers.drag(labeling.screen("bbox", 55, 70), labeling.screen("bbox", 45, 60))
    assert close(labeling.saved("bbox")["shapes"][0]["box"], [20, 30, 50, 60])
    # The handles are finger-sized: at least 44 × 44 px to grab.
    labeling.page.wait_for_timeout(50)
    hits = item.locator(".lab-hit")
    assert hits.count() >= 4
    for k in range(hits.count()):
        width, height = size(hits.nth(k))
        assert width >= TAP_TARGET - 0.5 and height >= TAP_TARGET - 0.5, (k, width, height)
    fingers.drag(labeling.screen("bbox", 70, 90), labeling.screen("bbox", 90, 110))  # the bottom-right corner
    assert close(labeling.saved("bbox")["shapes"][0]["box"], [20, 30, 70, 80])

    # A drag on the empty image in select mode draws nothing.
    fingers.drag(labeling.screen("bbox", 150, 20), labeling.screen("bbox", 180, 50))
    expect(item.locator(".lab-shape")).to_have_count(1)


def test_a_long_press_on_a_box_opens_its_menu(labeling: Labeling) -> None:
    page = labeling.page
    fingers = Fingers(page)
    item = open_centred(labeling, "bbox")
    fingers.drag(labeling.screen("bbox", 110, 40), labeling.screen("bbox", 170, 100))
    expect(item.locator(".lab-shape")).to_have_count(1)
    fingers.long_press(labeling.screen("bbox", 140, 70))
    menu = item.locator(".lab-context")
    expect(menu).to_be_visible()
    delete = menu.get_by_role("button", name=re.compile("삭제"))
    width, height = size(delete)
    assert width >= TAP_TARGET and height >= TAP_TARGET - 0.5, (width, height)
    expect(item.locator(".lab-shape")).to_have_count(1)  # the long press itself drew nothing
    delete.tap()
    expect(item.locator(".lab-shape")).to_have_count(0)
    expect(menu).to_have_count(0)
    assert labeling.saved("bbox") is None


def test_polygon_corners_by_taps_and_one_deleted_by_a_long_press(labeling: Labeling) -> None:
    page = labeling.page
    fingers = Fingers(page)
    item = open_centred(labeling, "polygon")
    corners = [(30, 100), (110, 100), (110, 140), (30, 140)]
    for x, y in corners:
        page.touchscreen.tap(*labeling.screen("polygon", x, y))
        page.wait_for_timeout(500)
    page.touchscreen.tap(*labeling.screen("polygon", *corners[0]))  # the first corner again closes it
    expect(item.locator(".lab-shape")).to_have_count(1)
    assert close(labeling.saved("polygon")["shapes"][0]["points"], corners)

    # A finger dragged while drawing moves the view instead of adding a corner.
    tap(item, '[data-action="zoom-in"]')
    viewport = item.locator(".lab-viewport")
    before = viewport.evaluate("v => v.scrollLeft")
    fingers.drag(labeling.screen("polygon", 150, 60), labeling.screen("polygon", 120, 60))
    assert viewport.evaluate("v => v.scrollLeft") > before
    expect(item.locator(".lab-draft-point, .lab-draft-first")).to_have_count(0)
    tap(item, '[data-action="zoom-fit"]')

    # Select mode: a long press on a corner deletes it; a corner dragged moves it.
    tap(item, '[data-action="mode-select"]')
    fingers.long_press(labeling.screen("polygon", 110, 140))
    expect(labeling.item("polygon").locator(".lab-live")).to_contain_text("꼭짓점 3을 지웠습니다")
    assert close(labeling.saved("polygon")["shapes"][0]["points"], [(30, 100), (110, 100), (30, 140)])
    fingers.drag(labeling.screen("polygon", 110, 100), labeling.screen("polygon", 100, 110))
    assert close(labeling.saved("polygon")["shapes"][0]["points"], [(30, 100), (100, 110), (30, 140)])


def test_keypoints_by_taps_and_pinch_zoom_and_two_finger_pan(labeling: Labeling) -> None:
    page = labeling.page
    fingers = Fingers(page)
    item = open_centred(labeling, "keypoints")
    next_point = item.locator(".lab-kp-next-name")
    expect(next_point).to_have_text("1. 왼쪽 위")
    page.touchscreen.tap(*labeling.screen("keypoints", 20, 30))
    expect(next_point).to_have_text("2. 오른쪽 아래")
    assert close(labeling.saved("keypoints")["instances"][0]["points"][0], [20, 30])
    width, height = size(item.locator(".lab-kp-hit"))  # what a finger grabs to move the point
    assert width >= TAP_TARGET - 0.5 and height >= TAP_TARGET - 0.5, (width, height)

    # Two fingers spread apart zoom in about their middle; nothing is placed by them.
    scale = labeling.shown_scale("keypoints")
    vbox = item.locator(".lab-viewport").bounding_box()
    cx, cy = vbox["x"] + vbox["width"] / 2, vbox["y"] + vbox["height"] / 2
    svg = item.locator(".lab-svg")
    sbox = svg.bounding_box()
    under = ((cx - sbox["x"]) * float(svg.get_attribute("width")) / sbox["width"],
             (cy - sbox["y"]) * float(svg.get_attribute("height")) / sbox["height"])  # the image point there
    fingers.two([(cx - 30, cy), (cx + 30, cy)], [(cx - 90, cy), (cx + 90, cy)])
    assert labeling.shown_scale("keypoints") == pytest.approx(scale * 3, rel=0.05)
    assert close(labeling.screen("keypoints", *under), (cx, cy), 3)  # the point between the fingers stayed
    expect(next_point).to_have_text("2. 오른쪽 아래")
    expect(item.locator(".lab-kp")).to_have_count(1)

    # Two fingers moved together pan the view.
    viewport = item.locator(".lab-viewport")
    before = viewport.evaluate("v => [v.scrollLeft, v.scrollTop]")
    fingers.two([(cx - 40, cy), (cx + 40, cy)], [(cx - 80, cy - 30), (cx, cy - 30)])
    after = viewport.evaluate("v => [v.scrollLeft, v.scrollTop]")
    assert close(after, [before[0] + 40, before[1] + 30], 2), (before, after)
    expect(item.locator(".lab-kp")).to_have_count(1)

    # Zoomed in, a tap places the next point where the finger is, in image pixels.
    target = labeling.screen("keypoints", *under)
    page.touchscreen.tap(*target)
    expect(next_point).to_have_text("3. 뒷면")
    placed = labeling.saved("keypoints")["instances"][0]["points"][1]
    assert close(placed, list(under), 0.5), (placed, under)

    # A long press on a placed point deletes it (a right click's job).
    fingers.long_press(target)
    expect(next_point).to_have_text("2. 오른쪽 아래")


def test_touch_hints_and_no_key_hints_on_a_phone(labeling: Labeling) -> None:
    page = labeling.page
    for kind in ("bbox", "polygon", "ocr", "keypoints"):
        item = open_centred(labeling, kind)
        shown_keys = item.locator(".labeling kbd").evaluate_all(
            "els => els.filter((el) => el.getClientRects().length).map((el) => el.textContent)")
        assert shown_keys == [], (kind, shown_keys)
        if kind != "keypoints":
            hint = item.locator(".lab-draw-hint")
            expect(hint.locator(".lab-touch-only")).to_be_visible()
            expect(hint.locator(".lab-keys-only")).to_be_hidden()
        help_box = item.locator(".lab-help")
        if help_box.get_attribute("open") is None:  # open already where an editor of its kind is new
            help_box.locator("summary").tap()
            page.wait_for_timeout(400)  # (Chromium drops a mouse click that follows a tap at once)
        expect(help_box.locator(".lab-touch-only")).to_be_visible()
        expect(help_box.locator("dl")).to_be_hidden()
        expect(help_box).to_contain_text("두 손가락")
        # Every button of the editor is at least 44 × 44 px.
        buttons = item.locator(".labeling button").evaluate_all(
            "els => els.filter((el) => el.getClientRects().length).map((el) => {"
            " const r = el.getBoundingClientRect(); return [el.textContent.trim(), r.width, r.height]; })")
        small = [b for b in buttons if b[1] < TAP_TARGET - 0.5 or b[2] < TAP_TARGET - 0.5]
        assert not small, (kind, small)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    item = open_centred(labeling, "bbox")
    labeling.page.screenshot(path=f"{SCREENSHOTS}/labeling-touch-bbox-390.png")


def test_inspection_by_touch_picks_labels_and_draws_a_missed_box(phone: Page, live_server: LiveServer) -> None:
    register(phone)
    pass_level2(phone, live_server)
    inspection = Inspection(start_exam(phone, live_server, "level1"))
    inspection.exam.show(inspection.number("bbox"), tap=True)
    item = inspection.item("bbox")
    centre(item)
    fingers = Fingers(phone)
    phone.touchscreen.tap(*inspection.screen("bbox", 170, 100))  # label 2 only
    expect(inspection.row("bbox", 2)).to_have_class(re.compile(r"\bcurrent\b"))
    expect(item.locator(".lab-status")).not_to_contain_text("J/K")  # no key names by touch

    tap(item, '[data-action="draw-missed"]')
    expect(item.locator(".lab-mode-word")).to_have_text("지금: 누락 객체 그리기")
    fingers.drag(inspection.screen("bbox", 30, 110), inspection.screen("bbox", 90, 140))
    expect(item.locator(".lab-shape")).to_have_count(1)
    assert close(inspection.saved("bbox")["missed"][0]["box"], MISSED_TRIANGLE)
    width, height = size(inspection.row("bbox", 2).locator("label.lab-reject"))
    assert width >= TAP_TARGET and height >= TAP_TARGET - 0.5, (width, height)


def test_an_ocr_region_drawn_with_a_finger_then_its_text(labeling: Labeling) -> None:
    page = labeling.page
    fingers = Fingers(page)
    item = open_centred(labeling, "ocr")
    fingers.drag(labeling.screen("ocr", 10, 10), labeling.screen("ocr", 70, 40))
    field = item.locator(".lab-row-text")
    expect(field).to_be_focused()  # the region's text field, right away
    page.keyboard.type("STOP")  # (an on-screen keyboard: the hints stay the touch ones)
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.dataset.labInput") == "touch"
    saved = labeling.saved("ocr")["regions"]
    assert len(saved) == 1 and saved[0]["text"] == "STOP" and close(saved[0]["box"], [10, 10, 60, 30]), saved
