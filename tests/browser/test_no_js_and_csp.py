"""In a real browser: the exam without JavaScript (the plain form saves and scores the answers),
and every page under the Content-Security-Policy without a single violation (a blocked inline
script or style would silently break the editors or the review pictures)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import (
    ATTEMPT_URL,
    DEFAULT_TIMEOUT_MS,
    LiveServer,
    register,
    require_chromium,
    start_exam,
)
from tests.browser.test_inspection_editor import Inspection, pass_level2
from tests.browser.test_labeling_editors import Labeling

require_chromium()  # skips (or, with EXAM_PREP_REQUIRE_BROWSER set, fails) this module without Chromium

from playwright.sync_api import Browser, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser


# --- without JavaScript ------------------------------------------------------------------


@pytest.fixture
def no_js_page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="ko-KR", timezone_id="Asia/Seoul",
                                  viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def choose(page: Page, n: int, kind: str, response: dict[str, Any]) -> None:
    """Answer item n with the mouse and keyboard, as a candidate would."""
    item = page.locator(f"#item-{n}")

    def option(value: Any):
        return item.locator("label.option").filter(has=page.locator(f'input[value="{value}"]'))

    if kind == "single":
        option(response["choice"]).click()
    elif kind == "multiple":
        for choice in response["choices"]:
            option(choice).click()
    elif kind == "ox":
        option("true" if response["value"] else "false").click()
    else:
        item.locator('input[type="text"]').fill(response["text"])


def test_without_javascript_the_answers_chosen_are_submitted_and_scored(
        no_js_page: Page, live_server: LiveServer) -> None:
    from tests.conftest import correct_response

    page = no_js_page
    register(page)
    page.locator('.exam-card[data-exam="level2"]').get_by_role("button", name="시험 시작").click()
    page.wait_for_url(ATTEMPT_URL)
    attempt_id = int(ATTEMPT_URL.search(page.url).group(1))
    # (Playwright's text search skips <noscript>: look at the element itself.)
    note = page.locator("noscript p").first
    expect(note).to_be_visible()
    expect(note).to_contain_text("라벨링·검수 문제는 자바스크립트가 켜져 있어야 답할 수 있습니다")
    # The status bar's submit opens a dialog through JavaScript: without it, it is not shown,
    # so the only 답안 제출 a candidate sees is the form's own, which works.
    expect(page.locator("#submit-open")).to_be_hidden()
    expect(page.get_by_role("button", name="답안 제출")).to_have_count(1)

    items = page.locator("article.item")
    expect(items).to_have_count(4)
    for n in range(1, 5):
        expect(items.nth(n - 1)).to_be_visible()  # every question is on the page at once
        choose(page, n, page.locator(f"#item-{n}").get_attribute("data-type"),
               correct_response(live_server.app, attempt_id, n))
    page.locator('#items button[type="submit"]').click()

    expect(page).to_have_url(re.compile(rf"/attempts/{attempt_id}/result$"))
    expect(page.locator("#total-percent")).to_have_text("100점")
    expect(page.locator("#verdict")).to_have_text("합격입니다")
    assert live_server.attempt_status(attempt_id) == ("finished", "submitted")


# --- the Content-Security-Policy ---------------------------------------------------------

# Reports every violation to the console, where the test collects it (the event is the
# browser's own report; init scripts are not subject to the page's policy).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def violations(page: Page) -> list[str]:
    found: list[str] = []
    page.context.add_init_script(REPORT_VIOLATIONS)

    def on_console(message) -> None:
        if "CSP violation" in message.text or "Content Security Policy" in message.text:
            found.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return found


def assert_policy_in_force(page: Page) -> None:
    response = page.request.get(page.url)
    assert "script-src 'self'" in response.headers["content-security-policy"]


def check_review_pictures(page: Page) -> None:
    """The review pictures draw with sizes from SVG attributes: text and points are not empty."""
    pictures = page.locator("svg.review-svg")
    assert pictures.count() > 0
    for i in range(pictures.count()):
        picture = pictures.nth(i)
        size = picture.evaluate("svg => Math.max(svg.viewBox.baseVal.width, svg.viewBox.baseVal.height)")
        texts, circles = picture.locator("text"), picture.locator("circle")
        if texts.count():
            font = texts.first.evaluate("t => parseFloat(getComputedStyle(t).fontSize)")
            assert font == pytest.approx(size / 32, rel=0.01), (font, size)
        if circles.count():
            radius = circles.first.evaluate("c => c.r.baseVal.value")
            assert radius == pytest.approx(size / 120, rel=0.01), (radius, size)


def test_no_page_violates_the_content_security_policy(
        page: Page, live_server: LiveServer, violations: list[str]) -> None:
    register(page)
    assert_policy_in_force(page)

    # Theory: answer through the editors, navigate, submit through the dialog, read the review.
    exam = start_exam(page, live_server, "level2")
    exam.answer(1, exam.right_answer(1))
    page.locator("#next").click()
    expect(exam.item(2)).to_be_visible()
    page.locator("#submit-open").click()
    page.locator("#submit-confirm").click()
    expect(page).to_have_url(re.compile(rf"/attempts/{exam.attempt_id}/result$"))

    # Labeling: draw a box and place keypoints; every editor is opened; then the review pictures.
    page.goto("/")
    labeling = Labeling(start_exam(page, live_server, "practice"))
    labeling.open("bbox")
    labeling.drag("bbox", (20, 30), (70, 90))
    assert len(labeling.saved("bbox")["shapes"]) == 1
    labeling.open("keypoints")
    labeling.click("keypoints", 20, 30)
    labeling.click("keypoints", 70, 90)
    for kind in ("polygon", "classify", "spans", "ocr"):
        labeling.open(kind)
    expect(labeling.item("keypoints").locator(".lab-kp-next-name")).not_to_have_text("1. 왼쪽 위")
    labeling.submit()
    check_review_pictures(page)

    # Inspection (Level 1): the editor and its review picture.
    pass_level2(page, live_server)
    inspection = Inspection(start_exam(page, live_server, "level1"))
    item = inspection.open("bbox")
    expect(item.locator(".lab-insp")).to_have_count(3)
    page.locator("#submit-open").click()
    page.locator("#submit-confirm").click()
    expect(page).to_have_url(re.compile(r"/result$"))
    check_review_pictures(page)

    for url in ("/", "/history", "/help"):
        page.goto(url)
    assert not violations, violations


def test_a_violation_would_be_reported(page: Page, live_server: LiveServer, violations: list[str]) -> None:
    """The check above can fail: an inline script on one of our pages is blocked and reported."""
    register(page)
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.inlineRan = true";
        document.body.append(s);
    }""")
    expect(page.locator("body")).to_be_visible()
    page.wait_for_function("() => true")
    assert page.evaluate("window.inlineRan === undefined")
    page.wait_for_timeout(200)
    assert any("script-src" in v for v in violations), violations

