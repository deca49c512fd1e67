"""The exam screen on a phone (issue 12): a one-line site header whose 메뉴 button opens the menu
and the reading settings, and the answer sheet as a sheet that slides up from the bottom, opened
from the exam bar's 답안표 button (by tap and by keyboard), which goes to the question chosen and
gives the focus back. On a wide screen the header and the side column stay as they were."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.browser.conftest import (
    DEFAULT_TIMEOUT_MS,
    ExamPage,
    LiveServer,
    PageErrors,
    register,
    require_chromium,
    start_exam,
    touch_phone,
)

require_chromium()  # skips (or, with EXAM_PREP_REQUIRE_BROWSER set, fails) this module without Chromium

from playwright.sync_api import Browser, Page, expect  # noqa: E402

from tests.browser.test_every_page import PHONE, check  # noqa: E402

pytestmark = pytest.mark.browser

HEADER_LIMIT = 60  # px of a 360 × 740 phone the exam page's header may take (it took 232 before)
BAR_LIMIT = 64  # and its status bar (as in test_exam_timer_a11y)
THEORY = ["t2-basics-1", "t2-basics-2", "t2-basics-3", "t2-label-1"]
SLID = "sheet => Promise.all(sheet.getAnimations().map((a) => a.finished))"  # once the sheet is up


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer, page_errors: PageErrors) -> Iterator[Page]:
    """A 360 × 740 touch phone."""
    with touch_phone(browser, live_server.url, page_errors, PHONE) as page:
        yield page


@pytest.fixture
def phone_exam(phone: Page, live_server: LiveServer) -> ExamPage:
    """A candidate on a fresh level 2 exam on the phone, its first questions pinned (theory)."""
    register(phone)
    exam = start_exam(phone, live_server)
    live_server.pin_questions(exam.attempt_id, THEORY)
    return exam.reload()


def height(page: Page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["height"]


# --- the header ------------------------------------------------------------------------------


def test_the_exam_header_is_one_line_with_a_menu_button(phone_exam: ExamPage) -> None:
    page = phone_exam.page
    toggle = page.get_by_role("button", name="메뉴")
    nav = page.get_by_role("navigation", name="주 메뉴")
    assert height(page, ".site-header") <= HEADER_LIMIT, height(page, ".site-header")
    brand, button = page.locator(".brand").bounding_box(), toggle.bounding_box()
    assert abs((brand["y"] + brand["height"] / 2) - (button["y"] + button["height"] / 2)) < 4, (brand, button)
    assert button["width"] >= 44 and button["height"] >= 44, button  # a finger's tap target
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    expect(page.locator('button[data-font-size="large"]')).to_be_hidden()

    # A tap opens the menu and the font sizes, below the brand; one of them is used.
    toggle.tap()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="응시 기록")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"로그아웃"))).to_be_visible()
    check(page, "the exam page with the header's menu open")
    page.locator('button[data-font-size="large"]').tap()
    expect(page.locator("html")).to_have_class(re.compile(r"\bfs-large\b"))
    # With the large font on a 320 px screen, brand and button still share the line.
    page.set_viewport_size({"width": 320, "height": 640})
    toggle.tap()
    expect(nav).to_be_hidden()
    assert height(page, ".site-header") <= HEADER_LIMIT, height(page, ".site-header")
    page.set_viewport_size(PHONE)

    # By keyboard: Enter opens it, Tab goes into it, Escape closes it and the focus is back on 메뉴.
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="시험 목록")).to_be_focused()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    expect(toggle).to_be_focused()


def test_other_pages_and_wide_screens_keep_the_whole_header(phone: Page, live_server: LiveServer) -> None:
    register(phone)
    # The dashboard on the phone: the menu is shown as before, with no 메뉴 button.
    expect(phone.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="응시 기록")).to_be_visible()
    expect(phone.locator("#menu-toggle")).to_have_count(0)
    exam = start_exam(phone, live_server)
    expect(phone.locator("#menu-toggle")).to_be_visible()
    # The exam page on a wide screen: the whole menu on one line, no 메뉴 button.
    phone.set_viewport_size({"width": 1280, "height": 800})
    expect(phone.locator("#menu-toggle")).to_be_hidden()
    expect(phone.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="응시 기록")).to_be_visible()
    assert height(phone, ".site-header") <= 80
    exam.wait_ready()


def test_without_javascript_the_exam_header_shows_its_whole_menu(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(base_url=live_server.url, locale="ko-KR", viewport=PHONE,
                                  java_script_enabled=False)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        register(page)
        page.locator('.exam-card[data-exam="level2"]').get_by_role("button", name="시험 시작").click()
        expect(page.locator(".exam-bar")).to_be_visible()
        expect(page.locator("#menu-toggle")).to_be_hidden()  # it could not open anything
        expect(page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="응시 기록")).to_be_visible()
        expect(page.locator('button[data-font-size="large"]')).to_be_visible()
        expect(page.locator(".answer-sheet")).to_be_visible()  # the sheet's own button needs JavaScript
        expect(page.locator("#sheet-open")).to_be_hidden()
    finally:
        context.close()


def test_the_practice_page_has_the_one_line_header_too(phone: Page, live_server: LiveServer) -> None:
    register(phone)
    phone.goto("/practice/new")
    phone.get_by_role("button", name="연습 시작").click()
    expect(phone).to_have_url(re.compile(r"/practice/\d+$"))
    expect(phone.get_by_role("button", name="메뉴")).to_be_visible()
    assert height(phone, ".site-header") <= HEADER_LIMIT, height(phone, ".site-header")
    expect(phone.locator(".answer-sheet")).to_be_visible()  # the practice set keeps its sheet below


# --- the answer sheet ------------------------------------------------------------------------


def test_the_answer_sheet_slides_up_and_a_number_goes_to_its_question(phone_exam: ExamPage) -> None:
    page, exam = phone_exam.page, phone_exam
    opener, sheet = page.locator("#sheet-open"), page.locator("#sheet-dialog")
    expect(page.locator(".answer-sheet")).to_be_hidden()  # no side column on a phone
    expect(opener).to_have_text(re.compile(r"답안표\s*0/4"))
    expect(page.get_by_role("button", name="답안표 0/4")).to_be_visible()
    exam.answer(1, exam.right_answer(1))
    expect(opener).to_have_text(re.compile(r"답안표\s*1/4"))

    opener.tap()
    expect(sheet).to_be_visible()
    expect(opener).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("dialog", name="답안표")).to_be_visible()
    sheet.evaluate(SLID)
    box = sheet.bounding_box()
    assert abs(box["y"] + box["height"] - PHONE["height"]) <= 1, box  # at the bottom of the screen
    assert box["width"] == PHONE["width"], box
    expect(exam.cell(1)).to_be_focused()  # the current question's number
    expect(exam.cell(1)).to_have_class(re.compile(r"\banswered\b"))
    check(page, "the exam page with the answer sheet open")

    exam.cell(3).tap()
    expect(sheet).to_be_hidden()
    expect(exam.item(3)).to_be_visible()
    expect(exam.item(1)).to_be_hidden()
    expect(exam.item(3).locator(".flag input")).to_be_focused()  # the focus went to the question
    expect(opener).to_have_attribute("aria-expanded", "false")
    # The numbers are back in the (hidden) side column: one copy of each, still marked.
    expect(page.locator(".answer-sheet .sheet-cell")).to_have_count(4)
    expect(page.locator("#sheet-dialog .sheet-cell")).to_have_count(0)
    expect(exam.cell(3)).to_have_attribute("aria-current", "step")


def test_the_bar_stays_one_line_while_an_answer_is_being_saved(phone_exam: ExamPage) -> None:
    page, exam = phone_exam.page, phone_exam
    held = []
    page.route("**/api/v1/attempts/*/items/*", lambda route: held.append(route))  # the save waits here
    exam.enter(1, exam.right_answer(1))
    expect(exam.status).to_have_attribute("data-state", "saving")
    assert height(page, ".exam-bar") <= BAR_LIMIT, height(page, ".exam-bar")  # "저장 중…" fits beside the buttons
    for route in held:
        route.continue_()
    page.unroute("**/api/v1/attempts/*/items/*")
    expect(exam.status).to_have_attribute("data-state", "saved")
    expect(page.locator("#sheet-open")).to_have_text(re.compile(r"답안표\s*1/4"))


def test_the_answer_sheet_by_keyboard_and_its_ways_to_close(phone_exam: ExamPage) -> None:
    page, exam = phone_exam.page, phone_exam
    opener, sheet = page.locator("#sheet-open"), page.locator("#sheet-dialog")
    exam.show(2, tap=True)

    # Enter opens it on the current number; Tab goes to the next number; Escape closes it.
    opener.focus()
    page.keyboard.press("Enter")
    expect(sheet).to_be_visible()
    expect(exam.cell(2)).to_be_focused()
    page.keyboard.press("Tab")
    expect(exam.cell(3)).to_be_focused()
    page.keyboard.press("Escape")
    expect(sheet).to_be_hidden()
    expect(opener).to_be_focused()
    expect(exam.item(2)).to_be_visible()  # closing chose nothing

    # 닫기 closes it, and the focus is back on 답안표.
    opener.tap()
    page.get_by_role("button", name="닫기").tap()
    expect(sheet).to_be_hidden()
    expect(opener).to_be_focused()

    # A tap on the dimmed page above the sheet closes it too.
    opener.tap()
    expect(sheet).to_be_visible()
    page.touchscreen.tap(PHONE["width"] / 2, 20)
    expect(sheet).to_be_hidden()

    # Space on a number goes there.
    opener.focus()
    page.keyboard.press("Enter")
    exam.cell(4).focus()
    page.keyboard.press("Space")
    expect(sheet).to_be_hidden()
    expect(exam.item(4)).to_be_visible()
    expect(exam.item(4).locator(".flag input")).to_be_focused()


def test_the_sheet_slides_only_when_motion_is_welcome(phone_exam: ExamPage) -> None:
    page = phone_exam.page
    animation = "() => getComputedStyle(document.getElementById('sheet-dialog')).animationName"
    page.locator("#sheet-open").tap()
    assert page.evaluate(animation) == "sheet-up"
    page.keyboard.press("Escape")
    page.emulate_media(reduced_motion="reduce")
    page.locator("#sheet-open").tap()
    expect(page.locator("#sheet-dialog")).to_be_visible()
    assert page.evaluate(animation) == "none"


def test_widening_the_window_puts_the_sheet_back_beside_the_question(phone_exam: ExamPage) -> None:
    page, exam = phone_exam.page, phone_exam
    page.locator("#sheet-open").tap()
    expect(page.locator("#sheet-dialog")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator("#sheet-dialog")).to_be_hidden()
    expect(page.locator("#sheet-open")).to_be_hidden()
    column = page.get_by_role("complementary", name="답안표")
    expect(column).to_be_visible()
    expect(column.locator(".sheet-cell")).to_have_count(4)
    exam.show(3)  # the side column's numbers work, no sheet to open
    expect(page.locator("#sheet-dialog")).to_be_hidden()
