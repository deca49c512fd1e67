"""Draw and select modes of the image editors, with a mouse and a keyboard (a 1280 px desktop).

As in CVAT and Label Studio: in draw mode a drag always draws, also inside a shape already drawn
(nested objects, no Shift); in select mode a drag moves and resizes. The mode is always shown (the
pressed button and a word) and switched by the buttons or D / S. A right click does what a long
press does by touch. With a mouse the key hints are shown and the touch hints are not.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import LiveServer, register, require_chromium, start_exam
from tests.browser.test_inspection_editor import Inspection, pass_level2
from tests.browser.test_labeling_editors import Labeling, close

require_chromium()  # skips (or, with EXAM_PREP_REQUIRE_BROWSER set, fails) this module without Chromium

from playwright.sync_api import Locator, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

SCREENSHOTS = "/tmp/t1_shots"


@pytest.fixture
def labeling(page: Page, live_server: LiveServer) -> Labeling:
    register(page)
    return Labeling(start_exam(page, live_server, "practice"))


@pytest.fixture
def inspection(page: Page, live_server: LiveServer) -> Inspection:
    register(page)
    pass_level2(page, live_server)
    return Inspection(start_exam(page, live_server, "level1"))


def expect_mode(item: Locator, mode: str, draw_word: str = "지금: 그리기") -> None:
    draw, select = item.locator('[data-mode="draw"]'), item.locator('[data-mode="select"]')
    expect(draw).to_have_attribute("aria-pressed", "true" if mode == "draw" else "false")
    expect(select).to_have_attribute("aria-pressed", "true" if mode == "select" else "false")
    expect(item.locator(".lab-mode-word")).to_have_text(draw_word if mode == "draw" else "지금: 선택·이동")


def test_a_box_inside_a_box_is_drawn_in_draw_mode_without_shift(labeling: Labeling) -> None:
    item = labeling.open("bbox")
    expect_mode(item, "draw")  # the editor opens ready to draw
    labeling.drag("bbox", (10, 10), (190, 140))  # a person, say
    labeling.drag("bbox", (110, 40), (170, 100))  # the camera in front of them: inside the first box
    expect(item.locator(".lab-shape")).to_have_count(2)
    boxes = [s["box"] for s in labeling.saved("bbox")["shapes"]]
    assert close(boxes, [[10, 10, 180, 130], [110, 40, 60, 60]]), boxes
    expect_mode(item, "draw")  # still drawing after each box
    expect(item.locator(".lab-draw-hint")).not_to_contain_text("Shift")

    # A click (no drag) in draw mode selects the box under it; the arrow keys then move it.
    labeling.click("bbox", 30, 120)
    expect(item.locator(".lab-row").nth(0)).to_have_class(re.compile(r"\bselected\b"))
    expect(item.locator(".lab-hit")).to_have_count(0)  # no handles to grab while drawing

    # A polygon started inside another one, and an OCR region inside a region.
    labeling.open("polygon")
    for x, y in ((20, 20), (180, 20), (180, 140), (20, 140)):
        labeling.click("polygon", x, y)
        labeling.page.wait_for_timeout(500)
    labeling.page.keyboard.press("Enter")
    for x, y in ((60, 60), (120, 60), (90, 100)):
        labeling.click("polygon", x, y)
        labeling.page.wait_for_timeout(500)
    labeling.page.keyboard.press("Enter")
    shapes = labeling.saved("polygon")["shapes"]
    assert len(shapes) == 2 and close(shapes[0]["points"], [[20, 20], [180, 20], [180, 140], [20, 140]])
    assert close(shapes[1]["points"], [[60, 60], [120, 60], [90, 100]]), shapes

    item = labeling.open("ocr")
    labeling.drag("ocr", (5, 5), (150, 60))
    labeling.page.keyboard.press("Enter")
    labeling.drag("ocr", (10, 10), (70, 40))
    expect(item.locator(".lab-shape")).to_have_count(2)


def test_the_mode_is_shown_and_switched_by_button_and_key(labeling: Labeling) -> None:
    page = labeling.page
    item = labeling.open("bbox")
    labeling.drag("bbox", (30, 40), (80, 100))

    page.keyboard.press("s")
    expect_mode(item, "select")
    expect(item.locator(".lab-live")).to_contain_text("선택·이동 모드")
    expect(item.locator(".lab-viewport")).to_have_class(re.compile(r"\blab-mode-select\b"))
    labeling.drag("bbox", (55, 70), (45, 60))  # moves the box
    assert close(labeling.saved("bbox")["shapes"][0]["box"], [20, 30, 50, 60])
    labeling.drag("bbox", (150, 20), (180, 50))  # the empty image: nothing drawn
    expect(item.locator(".lab-shape")).to_have_count(1)

    item.locator('[data-action="mode-draw"]').click()
    expect_mode(item, "draw")
    expect(item.locator(".lab-live")).to_contain_text("그리기 모드")
    labeling.drag("bbox", (30, 40), (60, 70))  # inside the box: a new one
    expect(item.locator(".lab-shape")).to_have_count(2)
    item.locator('[data-action="mode-select"]').click()
    expect_mode(item, "select")
    page.keyboard.press("d")
    expect_mode(item, "draw")


def test_a_right_click_deletes_a_corner_or_opens_a_box_menu(labeling: Labeling) -> None:
    page = labeling.page
    item = labeling.open("bbox")
    labeling.drag("bbox", (110, 40), (170, 100))
    page.mouse.click(*labeling.screen("bbox", 140, 70), button="right")
    menu = item.locator(".lab-context")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("button", name=re.compile("삭제"))).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_have_count(0)
    expect(item.locator(".lab-shape")).to_have_count(1)
    page.mouse.click(*labeling.screen("bbox", 140, 70), button="right")
    menu.get_by_role("button", name=re.compile("삭제")).click()
    expect(item.locator(".lab-shape")).to_have_count(0)

    item = labeling.open("polygon")
    corners = [(30, 100), (110, 100), (110, 140), (30, 140)]
    for x, y in corners:
        labeling.click("polygon", x, y)
        page.wait_for_timeout(500)
    page.keyboard.press("Enter")
    page.keyboard.press("s")
    page.mouse.click(*labeling.screen("polygon", 110, 140), button="right")
    expect(item.locator(".lab-live")).to_contain_text("꼭짓점 3을 지웠습니다")
    assert close(labeling.saved("polygon")["shapes"][0]["points"], [(30, 100), (110, 100), (30, 140)])


def test_key_hints_with_a_mouse_and_no_touch_hints(labeling: Labeling) -> None:
    page = labeling.page
    item = labeling.open("bbox")
    labeling.click("bbox", 5, 5)
    assert page.evaluate("document.documentElement.dataset.labInput") == "keys"
    expect(item.locator('[data-action="mode-draw"] kbd')).to_have_text("D")
    expect(item.locator('[data-action="mode-draw"] kbd')).to_be_visible()
    expect(item.locator('[data-action="mode-select"] kbd')).to_be_visible()
    hint = item.locator(".lab-draw-hint")
    expect(hint.locator(".lab-keys-only")).to_be_visible()
    expect(hint.locator(".lab-touch-only")).to_be_hidden()
    # The first editor of its kind in this browser opens its help (folded after that).
    expect(item.locator(".lab-help")).to_have_attribute("open", "")
    expect(item.locator(".lab-help dl")).to_be_visible()
    expect(item.locator(".lab-help dl")).to_contain_text("그리기 모드 / 선택·이동 모드")
    expect(item.locator(".lab-help .lab-touch-only")).to_be_hidden()
    expect(item.locator(".lab-help")).not_to_contain_text("Shift를 누른 채")
    item.locator(".lab-help summary").click()
    item.locator(".lab-toolbar").scroll_into_view_if_needed()
    page.screenshot(path=f"{SCREENSHOTS}/labeling-desktop-bbox-1280.png")


def test_inspection_draws_a_missed_box_inside_a_submitted_label(inspection: Inspection) -> None:
    page = inspection.page
    item = inspection.open("bbox")
    drawing = "지금: 누락 객체 그리기"
    expect_mode(item, "select", drawing)  # inspection opens for judging
    page.mouse.click(*inspection.screen("bbox", 170, 100))  # label 2, the circle's box
    expect(inspection.row("bbox", 2)).to_have_class(re.compile(r"\bcurrent\b"))

    page.keyboard.press("d")
    expect_mode(item, "draw", drawing)
    expect(item.locator('[data-action="draw-missed"]')).to_have_attribute("aria-pressed", "true")
    inspection.drag("bbox", (120, 50), (160, 90))  # inside label 2: a missed box, not label 2 picked
    expect(item.locator(".lab-shape")).to_have_count(1)
    expect_mode(item, "draw", drawing)
    assert close(inspection.saved("bbox")["missed"][0]["box"], [120, 50, 40, 40])
    # A click (no drag) on a label still picks it for judging while drawing.
    page.mouse.click(*inspection.screen("bbox", 40, 80))  # labels 1 and 3 share a box; 3 is on top
    expect(inspection.row("bbox", 3)).to_have_class(re.compile(r"\bcurrent\b"))

    item.locator('[data-action="mode-select"]').click()
    expect_mode(item, "select", drawing)
    inspection.drag("bbox", (140, 70), (130, 60))  # the drawn box moves
    assert close(inspection.saved("bbox")["missed"][0]["box"], [110, 40, 40, 40])


def test_the_help_is_open_the_first_time_an_editor_of_its_kind_is_met(labeling: Labeling) -> None:
    page = labeling.page
    box = labeling.open("bbox")
    expect(box.locator(".lab-help")).to_have_attribute("open", "")
    polygon = labeling.open("polygon")  # another kind: its own first time
    expect(polygon.locator(".lab-help")).to_have_attribute("open", "")
    page.reload()
    for kind in ("bbox", "polygon"):  # met before in this browser: folded, and opens on demand
        help_panel = labeling.open(kind).locator(".lab-help")
        expect(help_panel).not_to_have_attribute("open", "")
        help_panel.locator("summary").click()
        expect(help_panel.locator("dl")).to_be_visible()
