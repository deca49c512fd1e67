"""Small things candidates noticed (issue 8), in a real browser.

The Shift hint where boxes are drawn, polygons that close only when asked to, an OCR region and
its text field seen together, the review's red wrong pick, flagged and current questions told
apart on the answer sheet, and no sideways scrolling on a 360 px phone.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ExamPage, LiveServer, register, require_chromium, start_exam
from tests.browser.test_inspection_editor import pass_level2
from tests.browser.test_labeling_editors import Labeling

require_chromium()  # skips (or, with EXAM_PREP_REQUIRE_BROWSER set, fails) this module without Chromium

from playwright.sync_api import Locator, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 720}
ONE_OF_EACH_TYPE = ["t2-basics-1", "t2-basics-2", "t2-basics-3", "t2-label-1"]  # single, multiple, ox, short
SHAPE_EDITORS = ("bbox", "polygon", "ocr")
NO_DOUBLE = 600  # ms between clicks that are not meant as a double click


@pytest.fixture
def labeling(page: Page, live_server: LiveServer) -> Labeling:
    register(page)
    return Labeling(start_exam(page, live_server, "practice"))


def box(locator: Locator) -> dict[str, float]:
    rect = locator.bounding_box()
    assert rect is not None, f"{locator} is not laid out"
    return rect


def assert_in_view(page: Page, locator: Locator, what: str) -> None:
    """Wholly inside the window and below the exam's sticky status bar (which covers the top)."""
    rect = box(locator)
    covered = box(page.locator(".exam-bar"))
    bottom = page.evaluate("window.innerHeight")
    top = covered["y"] + covered["height"]
    assert rect["y"] >= top - 0.5 and rect["y"] + rect["height"] <= bottom + 0.5, (
        f"{what} is not in view: y {rect['y']:.0f}–{rect['y'] + rect['height']:.0f}, "
        f"visible {top:.0f}–{bottom}")


def no_sideways_scroll(page: Page, where: str) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{where}: the page scrolls sideways ({widths[0]} px in a {widths[1]} px window)"


def css_colour(page: Page, value: str) -> str:
    """How the browser writes a CSS colour (a custom property of the site, say) once computed."""
    return page.evaluate("""(value) => {
        const probe = document.createElement("span");
        probe.style.color = value;
        document.body.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
    }""", value)


def style(locator: Locator, *properties: str, pseudo: str | None = None) -> dict[str, str]:
    return locator.evaluate("""(el, [names, pseudo]) => {
        const s = getComputedStyle(el, pseudo);
        return Object.fromEntries(names.map((n) => [n, s.getPropertyValue(n)]));
    }""", [list(properties), pseudo])


# --- drawing mode: said where the drawing happens, and true ------------------------------


def test_the_draw_mode_hint_is_shown_right_under_every_shape_canvas(labeling: Labeling) -> None:
    for kind in SHAPE_EDITORS:
        item = labeling.open(kind)
        hint = item.locator(".lab-draw-hint")
        expect(hint).to_be_visible()
        expect(hint).to_contain_text("선택·이동(S)")
        assert hint.evaluate("el => el.closest('details') === null"), f"{kind}: the hint is in a folded panel"
        canvas, under = box(item.locator(".lab-viewport")), box(hint)
        gap = under["y"] - (canvas["y"] + canvas["height"])
        assert 0 <= gap <= 24, f"{kind}: the hint is {gap:.0f} px away from the image"
        assert under["x"] < canvas["x"] + canvas["width"] and canvas["x"] < under["x"] + under["width"]

    # What it says is true: in draw mode a drag inside a box draws a second box (no Shift).
    item = labeling.open("bbox")
    labeling.drag("bbox", (20, 30), (120, 130))
    first = labeling.saved("bbox")["shapes"][0]["box"]
    labeling.drag("bbox", (50, 60), (80, 100))
    expect(item.locator(".lab-shape")).to_have_count(2)
    shapes = labeling.saved("bbox")["shapes"]
    assert shapes[0]["box"] == first and len(shapes) == 2, shapes


# --- a polygon closes when the candidate says so ------------------------------------------


def test_two_quick_clicks_a_few_pixels_apart_add_two_vertices(labeling: Labeling) -> None:
    page = labeling.page
    item = labeling.open("polygon")
    labeling.click("polygon", 30, 120)
    page.wait_for_timeout(NO_DOUBLE)
    labeling.click("polygon", 90, 110)
    page.wait_for_timeout(NO_DOUBLE)
    x, y = labeling.screen("polygon", 80, 140)
    page.mouse.click(x, y)
    page.mouse.click(x + 6, y)  # at once, 6 px on: a corner of a small object, not "close it"

    vertices = item.locator(".lab-draft-first, .lab-draft-point")
    expect(vertices).to_have_count(4)
    expect(item.locator(".lab-shape")).to_have_count(0)
    expect(item.locator(".lab-status")).to_contain_text("점 4개")

    # N (as in CVAT) finishes it, with all four corners.
    page.keyboard.press("n")
    expect(item.locator(".lab-shape")).to_have_count(1)
    points = labeling.saved("polygon")["shapes"][0]["points"]
    assert len(points) == 4, points


def test_a_polygon_closes_on_its_first_point_the_close_button_or_a_double_click_in_place(labeling: Labeling) -> None:
    page = labeling.page
    item = labeling.open("polygon")
    close = item.locator('[data-action="close-draft"]')
    expect(close).to_be_disabled()  # nothing being drawn

    # The 닫기 button (for touch screens without Enter), once there are three corners.
    for n, corner in enumerate(((20, 20), (60, 20), (40, 50)), start=1):
        labeling.click("polygon", *corner)
        page.wait_for_timeout(NO_DOUBLE)
        if n < 3:
            expect(close).to_be_disabled()
    expect(close).to_be_enabled()
    close.click()
    expect(item.locator(".lab-shape")).to_have_count(1)
    expect(close).to_be_disabled()

    # Back on the first point.
    page.keyboard.press("Escape")
    for corner in ((120, 20), (180, 20), (150, 60)):
        labeling.click("polygon", *corner)
        page.wait_for_timeout(NO_DOUBLE)
    labeling.click("polygon", 121, 21)
    expect(item.locator(".lab-shape")).to_have_count(2)

    # A real double click on the last corner: no extra corner at the same place.
    page.keyboard.press("Escape")
    for corner in ((120, 100), (180, 100)):
        labeling.click("polygon", *corner)
        page.wait_for_timeout(NO_DOUBLE)
    page.mouse.dblclick(*labeling.screen("polygon", 150, 140))
    expect(item.locator(".lab-shape")).to_have_count(3)
    assert [len(s["points"]) for s in labeling.saved("polygon")["shapes"]] == [3, 3, 3]

    help_text = item.locator(".lab-help").text_content()
    assert "첫 점" in help_text and "N" in help_text and "닫기" in help_text


# --- an OCR region and its text field are seen together -----------------------------------


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_a_drawn_ocr_region_and_its_text_field_are_in_view_together(
        page: Page, live_server: LiveServer, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    register(page)
    labeling = Labeling(start_exam(page, live_server, "practice"))
    item = labeling.open("ocr")
    # More regions than the list shows at once, side by side on the 160×60 sign.
    spots = [(x, y) for y in (4, 36) for x in (4, 42, 80, 118)][:7]
    for n, (x, y) in enumerate(spots):
        labeling.drag("ocr", (x, y), (x + 30, y + 18))
        field = item.locator(".lab-row-text").nth(n)
        expect(field).to_be_focused()
        assert_in_view(page, item.locator(".lab-shape").nth(n), f"region {n + 1}")
        assert_in_view(page, field, f"the text field of region {n + 1}")
        page.keyboard.type(f"글자{n + 1}")
        page.keyboard.press("Enter")  # back to the region
        expect(item.locator(".lab-shape").nth(n)).to_be_focused()
        page.keyboard.press("Escape")  # nothing selected: the next drag draws
    no_sideways_scroll(page, f"the OCR exercise at {viewport['width']} px")
    regions = labeling.saved("ocr")["regions"]
    assert [r["text"] for r in regions] == [f"글자{n + 1}" for n in range(len(spots))]


# --- the review and the answer sheet -------------------------------------------------------


def test_in_the_review_a_wrong_pick_is_red_and_a_right_pick_green(page: Page, live_server: LiveServer) -> None:
    register(page)
    exam = start_exam(page, live_server)
    live_server.pin_questions(exam.attempt_id, ONE_OF_EACH_TYPE)
    exam.reload()
    exam.answer(1, exam.wrong_answer(1))
    exam.answer(2, exam.right_answer(2))
    exam.answer(3, exam.wrong_answer(3))
    # On the exam page a chosen option is blue: neither right nor wrong.
    exam.show(1)
    neutral = style(exam.item(1).locator("label.option:has(input:checked)"), "border-top-color", "background-color")
    assert neutral["border-top-color"] == css_colour(page, "var(--accent)"), neutral

    page.locator("#submit-open").click()
    page.locator("#submit-confirm").click()
    expect(page).to_have_url(re.compile(rf"/attempts/{exam.attempt_id}/result$"))
    expect(page.locator("#verdict")).to_be_visible()  # the result page is there, not just its URL

    bad = {"border-top-color": css_colour(page, "var(--bad)"), "background-color": css_colour(page, "var(--bad-bg)")}
    ok = {"border-top-color": css_colour(page, "var(--ok)"), "background-color": css_colour(page, "var(--ok-bg)")}
    for n in (1, 3):  # single and O/X, both picked wrong
        wrong = page.locator(f"#review-{n} label.option.is-wrong-choice")
        expect(wrong).to_have_count(1)
        expect(wrong.locator("input")).to_be_checked()
        assert style(wrong, *bad) == bad, n
        assert style(wrong, *bad) != neutral
        expect(wrong).to_contain_text("내가 고른 답")  # said in words too, not by colour alone
        assert style(page.locator(f"#review-{n} label.option.is-answer"), *ok) == ok, n
    picked_right = page.locator("#review-2 label.option.is-answer:has(input:checked)")
    expect(picked_right).not_to_have_count(0)
    for index in range(picked_right.count()):
        assert style(picked_right.nth(index), *ok) == ok
    expect(page.locator("#review-2 .is-wrong-choice")).to_have_count(0)


def test_flagged_and_current_questions_look_different_on_the_answer_sheet(exam: ExamPage, page: Page) -> None:
    exam.show(2)
    exam.item(2).locator(".flag input").check()
    expect(exam.cell(2)).to_have_class(re.compile(r"\bflagged\b"))
    exam.show(1)
    current, flagged = exam.cell(1), exam.cell(2)
    expect(current).to_have_class(re.compile(r"\bcurrent\b"))
    expect(current).not_to_have_class(re.compile(r"\bflagged\b"))

    # Screen readers: the current question is aria-current; the flag is in the button's name.
    expect(current).to_have_attribute("aria-current", "step")
    expect(flagged).not_to_have_attribute("aria-current", re.compile(".+"))
    expect(flagged).to_have_accessible_name(re.compile(r"^2번 문제로 가기.*다시 보기"))
    expect(current).to_have_accessible_name(re.compile(r"^1번 문제로 가기"))
    expect(current).not_to_have_accessible_name(re.compile("다시 보기"))

    # Eyes: a flag mark on the flagged one, a different frame on the current one (not colour alone).
    props = ("outline-style", "outline-width", "border-top-style")
    current_look, flagged_look = style(current, *props), style(flagged, *props)
    assert current_look != flagged_look, (current_look, flagged_look)
    assert current_look["outline-style"] != "none" and flagged_look["outline-style"] == "none"
    assert "⚑" in style(flagged, "content", pseudo="::after")["content"]
    assert "⚑" not in style(current, "content", pseudo="::after")["content"]

    # Both at once: both signs.
    exam.show(2)
    expect(flagged).to_have_attribute("aria-current", "step")
    assert style(flagged, "outline-style")["outline-style"] != "none"
    assert "⚑" in style(flagged, "content", pseudo="::after")["content"]
    expect(current).not_to_have_attribute("aria-current", re.compile(".+"))


# --- a 360 px phone -----------------------------------------------------------------------


def test_no_sideways_scrolling_on_a_360_px_phone(page: Page, live_server: LiveServer) -> None:
    page.set_viewport_size(PHONE)
    register(page)
    no_sideways_scroll(page, "the exam list")
    labeling = Labeling(start_exam(page, live_server, "practice"))
    for kind in ("bbox", "polygon", "keypoints", "classify", "spans", "ocr"):
        item = labeling.open(kind)
        no_sideways_scroll(page, f"the {kind} exercise")
        help_panel = item.locator(".lab-help")
        if help_panel.count():  # open on first use: seen open, then folded by its summary
            expect(help_panel).to_have_attribute("open", "")
            no_sideways_scroll(page, f"the {kind} exercise with its help open")
            help_panel.locator("summary").click()
            expect(help_panel).not_to_have_attribute("open", "")
            no_sideways_scroll(page, f"the {kind} exercise with its help folded")
    page.locator("#submit-open").click()
    page.locator("#submit-confirm").click()
    expect(page).to_have_url(re.compile(r"/result$"))
    no_sideways_scroll(page, "the result page of labeling exercises")


def test_the_result_page_with_a_wrong_pick_fits_a_360_px_phone(page: Page, live_server: LiveServer) -> None:
    page.set_viewport_size(PHONE)
    register(page)
    exam = start_exam(page, live_server)
    no_sideways_scroll(page, "the exam page")
    live_server.pin_questions(exam.attempt_id, ONE_OF_EACH_TYPE)
    exam.reload()
    exam.answer(1, exam.wrong_answer(1))
    page.locator("#submit-open").click()
    page.locator("#submit-confirm").click()
    expect(page).to_have_url(re.compile(r"/result$"))
    expect(page.locator(".is-wrong-choice")).to_have_count(1)
    no_sideways_scroll(page, "the result page")


def test_the_inspection_exam_its_result_and_the_history_fit_a_360_px_phone(page: Page, live_server: LiveServer) -> None:
    page.set_viewport_size(PHONE)
    register(page)
    pass_level2(page, live_server)
    exam = start_exam(page, live_server, "level1")
    for n in range(1, page.locator(".item[data-item]").count() + 1):
        exam.show(n)
        no_sideways_scroll(page, f"question {n} ({exam.item_type(n)}) of the level 1 exam")
    page.locator("#submit-open").click()
    page.locator("#submit-confirm").click()
    expect(page).to_have_url(re.compile(r"/result$"))
    no_sideways_scroll(page, "the level 1 result page (inspection tables)")
    page.goto("/history")
    no_sideways_scroll(page, "the history page")
