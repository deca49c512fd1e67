"""The exam page's time warnings for screen readers and eyes, and its compact status bar on a phone."""
from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from tests.browser.conftest import PASSWORD, ExamPage, LiveServer, register, require_chromium, start_exam

require_chromium()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

from tests.browser.test_every_page import PHONE, PLAN, check  # noqa: E402

pytestmark = pytest.mark.browser

LIVE_ANCESTOR = """el => {
  for (let node = el; node; node = node.parentElement) {
    const live = node.getAttribute("aria-live");
    if ((live && live !== "off") || ["status", "alert", "log"].includes(node.getAttribute("role"))) return true;
  }
  return false;
}"""
# What a tap at the middle of a control meets instead of it (or its own label), if anything.
COVERED_BY = """el => {
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const own = [el, ...(el.labels || [])].some((part) => part.contains(hit));
  return own ? null : (hit ? hit.outerHTML.slice(0, 120) : "nothing (off screen)");
}"""
BAR_LIMIT = 64  # px of a 360 × 740 phone the sticky status bar may take


def texts_over(page: Page, seconds: float) -> tuple[set[str], set[str]]:
    """The announcement's and the timer's texts sampled every 250 ms for `seconds`."""
    said, shown = set(), set()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        said.add(page.locator("#time-announce").text_content())
        shown.add(page.locator("#timer-value").text_content())
        page.wait_for_timeout(250)
    return said, shown


def test_time_warnings_are_announced_once_each(exam: ExamPage, live_server: LiveServer, page: Page) -> None:
    announce = page.locator("#time-announce")
    # The ticking timer is not a live region (it would speak every second); the announcement is.
    assert page.locator("#timer").get_attribute("aria-live") == "off"
    assert not page.locator("#timer-value").evaluate(LIVE_ANCESTOR)
    assert announce.get_attribute("aria-live") == "polite"
    expect(announce).to_have_text("")

    live_server.attempt_deadline_in(exam.attempt_id, 304)
    exam.reload()
    expect(announce).to_have_text("")  # more than 5 minutes left: nothing yet
    expect(page.locator("#timer-alert")).to_be_hidden()
    expect(announce).to_have_text("남은 시간 5분입니다. 답은 모두 저장되어 있습니다.", timeout=10_000)
    # Seen too, with a word (not colour alone), by the timer and under the bar.
    expect(page.locator("#timer-alert")).to_be_visible()
    expect(page.locator("#timer-alert")).to_contain_text("5분 이하")
    expect(page.locator("#time-warning")).to_contain_text("5분 이하")
    said, shown = texts_over(page, 2.5)
    assert len(shown) >= 2, shown  # the timer went on ticking ...
    assert said == {"남은 시간 5분입니다. 답은 모두 저장되어 있습니다."}, said  # ... the announcement did not

    live_server.attempt_deadline_in(exam.attempt_id, 63)
    exam.reload()
    expect(announce).to_have_text(re.compile(r"^남은 시간 5분입니다"))  # reloaded inside the last 5 minutes
    expect(announce).to_have_text("남은 시간 1분입니다. 답은 모두 저장되어 있습니다.", timeout=10_000)
    expect(page.locator("#timer-alert")).to_contain_text("1분 이하")
    expect(page.locator("#time-warning")).to_contain_text("1분 이하")
    said, shown = texts_over(page, 2.5)
    assert len(shown) >= 2, shown
    assert said == {"남은 시간 1분입니다. 답은 모두 저장되어 있습니다."}, said


def test_the_announcement_tells_when_answers_are_not_saved(exam: ExamPage, live_server: LiveServer,
                                                         page: Page) -> None:
    live_server.attempt_deadline_in(exam.attempt_id, 303)
    exam.reload()
    page.context.set_offline(True)
    exam.enter(1, exam.right_answer(1))
    expect(exam.status).to_have_attribute("data-state", "offline")
    expect(page.locator("#time-announce")).to_have_text(
        "남은 시간 5분입니다. 저장 상태: 오프라인 – 이 컴퓨터에 보관 중", timeout=10_000)
    page.context.set_offline(False)


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A 360 × 740 touch phone."""
    context = browser.new_context(base_url=live_server.url, locale="ko-KR", viewport=PHONE, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors
    assert PASSWORD


def bar_height(page: Page) -> float:
    rect = page.locator(".exam-bar").bounding_box()
    assert rect is not None
    return rect["height"]


def test_the_phone_status_is_one_short_line_and_submit_is_a_tap_away(phone: Page, live_server: LiveServer) -> None:
    register(phone)
    exam = start_exam(phone, live_server)
    live_server.pin_questions(exam.attempt_id, ["t2-basics-1", "t2-basics-2", "t2-basics-3", "t2-label-1"])
    exam.reload()
    assert bar_height(phone) <= BAR_LIMIT, bar_height(phone)
    expect(phone.locator("#progress-text")).to_have_text("답한 문항 0/4")  # "답한 문항" for screen readers
    for part in ("#timer-value", "#sheet-open", "#save-status", "#submit-open"):  # the count is on 답안표
        expect(phone.locator(part)).to_be_visible()
    expect(phone.locator(".exam-title")).to_have_count(1)  # the heading stays, for screen readers
    exam.answer(1, exam.right_answer(1))
    expect(phone.locator("#answered-count")).to_have_text("1")
    check(phone, "the exam page on a 360 px phone")

    # Scrolled down, the bar is still short and the submit dialog still opens with a tap.
    phone.locator(".item-nav").scroll_into_view_if_needed()
    assert bar_height(phone) <= BAR_LIMIT, bar_height(phone)
    phone.locator("#submit-open").tap()
    expect(phone.locator("#submit-dialog")).to_be_visible()
    check(phone, "the submit dialog on a 360 px phone")
    phone.locator("#submit-cancel").tap()
    expect(phone.locator("#submit-dialog")).to_be_hidden()

    # The warnings fit on the one line too.
    live_server.attempt_deadline_in(exam.attempt_id, 50)
    exam.reload()
    expect(phone.locator("#timer-alert")).to_contain_text("1분 이하")
    assert bar_height(phone) <= BAR_LIMIT, bar_height(phone)

    # With the large font on a 320 px screen the line may wrap, but no part covers another.
    phone.locator("#menu-toggle").tap()  # the header's menu holds the font sizes on a phone
    phone.locator('button[data-font-size="large"]').tap()
    phone.set_viewport_size({"width": 320, "height": 740})
    parts = [phone.locator(p).bounding_box() for p in ("#timer", "#sheet-open", "#save-status", "#submit-open")]
    for i, a in enumerate(parts):
        for b in parts[i + 1:]:
            apart = (a["x"] + a["width"] <= b["x"] + 0.5 or b["x"] + b["width"] <= a["x"] + 0.5
                     or a["y"] + a["height"] <= b["y"] + 0.5 or b["y"] + b["height"] <= a["y"] + 0.5)
            assert apart, f"bar parts overlap with the large font: {a} {b}"
    check(phone, "the exam page on a 320 px phone with the large font")


def test_nothing_sticky_covers_the_labeling_editor_on_a_phone(phone: Page, live_server: LiveServer) -> None:
    register(phone)
    exam = start_exam(phone, live_server, "practice")
    live_server.pin_questions(exam.attempt_id, [question for question, _ in PLAN["practice"]])
    exam.reload()
    for n in range(1, len(PLAN["practice"]) + 1):
        exam.show(n)
        controls = exam.item(n).locator("button:visible, select:visible, input:visible")
        assert controls.count() > 0
        for i in range(controls.count()):
            control = controls.nth(i)
            # Brought to the top of the window, as the browser does for a field reached by Tab, it
            # stays below the sticky bar (the page's scroll-padding-top is the bar's height).
            control.evaluate("e => e.scrollIntoView({block: 'start'})")
            cover = control.evaluate(COVERED_BY)
            assert cover is None, f"item {n}: {control.evaluate('e => e.outerHTML')[:120]} is under {cover}"


def test_the_desktop_bar_keeps_its_words(exam: ExamPage, page: Page) -> None:
    for part in (".exam-title", "#timer .label", ".progress-label", "#progress-bar", "#submit-open"):
        expect(page.locator(part)).to_be_visible()
    expect(page.locator("#timer .label")).to_have_text("남은 시간")
    assert bar_height(page) <= 90, bar_height(page)
