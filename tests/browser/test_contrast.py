"""The high-contrast theme (issue 12, "for older eyes"): the header's 고대비 toggle works by mouse
and by keyboard, is remembered from page to page, is on <html> before the page paints, follows
the system's "more contrast" setting until the candidate chooses, and changes what it promises
(black on white, underlined links, framed buttons, a thick focus ring). Windows' forced colours
keep an answered cell of the answer sheet apart from an unanswered one. In both themes, on a
sample of pages (test_every_page.py's site), links are underlined and buttons framed or filled.

axe-core on pages in the theme is in test_every_page.py (test_high_contrast_page_passes_axe).
"""
from __future__ import annotations

import pytest

from tests.browser.conftest import ExamPage, LiveServer, register, require_chromium

require_chromium()

from playwright.sync_api import Browser, BrowserContext, Page, expect  # noqa: E402

from tests.browser.test_every_page import (  # noqa: E402, F401 (site: the module fixture, used by name)
    Go,
    Site,
    exam_item,
    notebook,
    progress,
    result,
    site,
    url,
)

pytestmark = pytest.mark.browser

KEY = "exam_prep:contrast"
TOGGLE = "[data-contrast-toggle]"
# What <html> carries when <body> first appears (the page cannot have painted before its body) and
# at DOMContentLoaded, recorded by a script that runs before any of the page's own.
WATCH_FIRST_PAINT = """
  window.__contrast = {};
  new MutationObserver((changes, observer) => {
    if (document.body) {
      window.__contrast.atBody = document.documentElement.getAttribute("data-contrast");
      window.__contrast.fontAtBody = document.documentElement.className;
      observer.disconnect();
    }
  }).observe(document, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", () => {
    window.__contrast.atReady = document.documentElement.getAttribute("data-contrast");
  });
"""


def contrast(page: Page) -> str | None:
    return page.locator("html").get_attribute("data-contrast")


def saved(page: Page) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", KEY)


def style(page: Page, selector: str, prop: str) -> str:
    return page.locator(selector).first.evaluate("(el, p) => getComputedStyle(el)[p]", prop)


def test_the_toggle_switches_the_theme_by_mouse_and_is_remembered_on_every_page(page: Page) -> None:
    register(page)
    toggle = page.locator(TOGGLE)
    expect(toggle).to_have_text("고대비")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert contrast(page) == "normal"
    normal_header = style(page, ".site-header", "backgroundColor")

    toggle.click()
    expect(page.locator("html")).to_have_attribute("data-contrast", "high")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert saved(page) == "high"
    # What the theme promises: black on white, a black header, underlined links, framed buttons.
    assert style(page, "body", "color") == "rgb(0, 0, 0)"
    assert style(page, "body", "backgroundColor") == "rgb(255, 255, 255)"
    assert style(page, ".site-header", "backgroundColor") == "rgb(0, 0, 0)" != normal_header
    assert "underline" in style(page, "main a:not(.button)", "textDecorationLine")
    assert style(page, "main .button", "borderTopWidth") == "3px"
    assert style(page, "main .button", "borderTopColor") == "rgb(0, 0, 0)"

    for path in ("/help", "/history", "/"):  # other pages, and back: still on
        page.goto(path)
        assert contrast(page) == "high", path
        expect(page.locator(TOGGLE)).to_have_attribute("aria-pressed", "true")

    page.locator(TOGGLE).click()  # and off again, remembered as off
    expect(page.locator("html")).not_to_have_attribute("data-contrast", "high")
    assert saved(page) == "normal"
    page.goto("/help")
    assert contrast(page) == "normal"
    expect(page.locator(TOGGLE)).to_have_attribute("aria-pressed", "false")


def test_the_toggle_is_reached_with_tab_and_pressed_with_enter_and_space(page: Page) -> None:
    register(page)
    page.goto("/help")
    for _ in range(30):  # the skip link, the brand, the menu, the three font sizes, then the toggle
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-contrast-toggle]')"):
            break
    else:
        pytest.fail("Tab never reached the 고대비 toggle")
    # The focus ring is visible: in the normal theme, and thicker in the high-contrast one.
    assert style(page, TOGGLE, "outlineStyle") == "solid"
    assert float(style(page, TOGGLE, "outlineWidth").removesuffix("px")) >= 3

    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("data-contrast", "high")
    assert float(style(page, TOGGLE, "outlineWidth").removesuffix("px")) >= 4
    page.keyboard.press("Space")
    expect(page.locator("html")).not_to_have_attribute("data-contrast", "high")
    page.keyboard.press("Space")
    expect(page.locator("html")).to_have_attribute("data-contrast", "high")
    expect(page.locator(TOGGLE)).to_have_attribute("aria-pressed", "true")
    assert saved(page) == "high"


def test_the_theme_and_font_size_are_on_html_before_the_body_exists(page: Page) -> None:
    register(page)
    page.locator(TOGGLE).click()
    page.get_by_role("button", name="글자 크게").click()
    page.add_init_script(WATCH_FIRST_PAINT)
    for path in ("/", "/help", "/progress"):
        page.goto(path)
        seen = page.evaluate("window.__contrast")
        assert seen["atBody"] == "high", (path, seen)  # no flash of the normal theme
        assert seen["atReady"] == "high", (path, seen)
        assert "fs-large" in seen["fontAtBody"], (path, seen)


def test_the_system_setting_more_contrast_is_followed_until_the_candidate_chooses(page: Page) -> None:
    register(page)
    page.add_init_script(WATCH_FIRST_PAINT)
    page.emulate_media(contrast="more")
    page.goto("/help")
    assert page.evaluate("window.__contrast.atBody") == "high"
    expect(page.locator(TOGGLE)).to_have_attribute("aria-pressed", "true")
    assert saved(page) is None  # followed, not stored

    page.emulate_media(contrast="no-preference")  # the system setting changes while the page is open
    expect(page.locator("html")).not_to_have_attribute("data-contrast", "high")
    page.emulate_media(contrast="more")
    expect(page.locator("html")).to_have_attribute("data-contrast", "high")

    page.locator(TOGGLE).click()  # the candidate's choice wins over the system's
    expect(page.locator("html")).not_to_have_attribute("data-contrast", "high")
    page.reload()
    assert contrast(page) == "normal"
    assert saved(page) == "normal"


def test_without_storage_the_toggle_still_works_on_the_page(context: BrowserContext, live_server: LiveServer) -> None:
    """Private windows may refuse localStorage: the theme still switches (it is only not remembered)."""
    page = context.new_page()
    page.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new Error('denied'); }})")
    page.goto("/auth/login")
    page.locator(TOGGLE).click()
    expect(page.locator("html")).to_have_attribute("data-contrast", "high")
    page.locator(TOGGLE).click()
    expect(page.locator("html")).not_to_have_attribute("data-contrast", "high")


def test_without_scripts_more_contrast_still_gets_the_essentials(browser: Browser, live_server: LiveServer) -> None:
    """No script, no toggle: with the system's "more contrast" on, CSS alone darkens the text and
    the frames and underlines the links; with it off, the page is the usual one."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="ko-KR")
    try:
        page = context.new_page()
        page.goto("/auth/login")
        assert contrast(page) is None  # font-size.js did not run
        usual = style(page, "main .card", "borderTopColor"), style(page, "main a", "color")
        page.emulate_media(contrast="more")
        assert style(page, "body", "color") == "rgb(0, 0, 0)"
        assert style(page, "main .card", "borderTopColor") == "rgb(0, 0, 0)" != usual[0]
        assert style(page, "main a", "color") == "rgb(0, 0, 168)" != usual[1]
        assert "underline" in style(page, "main a", "textDecorationLine")
    finally:
        context.close()


def sheet_cells(page: Page) -> tuple[str, str]:
    """The background of an answered and of an unanswered cell of the answer sheet."""
    answered = page.locator(".sheet-cell.answered").first.evaluate("el => getComputedStyle(el).backgroundColor")
    empty = page.locator(".sheet-cell:not(.answered)").first.evaluate("el => getComputedStyle(el).backgroundColor")
    return answered, empty


def test_answered_cells_stay_apart_in_high_contrast_and_in_forced_colours(exam: ExamPage) -> None:
    page = exam.page
    exam.answer(1, exam.right_answer(1))
    expect(page.locator('.sheet-cell.answered[data-goto="1"]')).to_be_visible()

    page.locator(TOGGLE).click()
    answered, empty = sheet_cells(page)
    assert (answered, empty) == ("rgb(0, 0, 0)", "rgb(255, 255, 255)")

    # Windows high contrast: the system's colours replace the site's; an answered cell keeps a
    # filled (Highlight) background, an unanswered one the plain (Canvas) one.
    page.emulate_media(forced_colors="active")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    answered, empty = sheet_cells(page)
    assert answered != empty, (answered, empty)


# --- links look like links and buttons like buttons, in both themes -----------------------

# Every visible link is underlined (or framed: a tab, a button-link); every visible button has a
# frame or a fill that differs from what is behind it (or is underlined, as the logout button).
NOT_LOOKING_LIKE_IT = r"""() => {
  const problems = [];
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const colour = (c) => c && c !== "transparent" && !/rgba\(.*, 0\)$/.test(c);
  const behind = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const bg = getComputedStyle(p).backgroundColor;
      if (colour(bg)) return bg;
    }
    return "rgb(255, 255, 255)";
  };
  const framed = (s) => ["Top", "Bottom", "Left", "Right"].some((side) =>
    parseFloat(s[`border${side}Width`]) >= 1 && s[`border${side}Style`] !== "none" && colour(s[`border${side}Color`]));
  const say = (el) => el.outerHTML.slice(0, 100);
  for (const a of document.querySelectorAll("a[href]:not(.skip-link):not(.brand)")) {
    if (!shown(a)) continue;
    const s = getComputedStyle(a);
    if (!s.textDecorationLine.includes("underline") && !framed(s)) problems.push(`a link without underline: ${say(a)}`);
  }
  for (const b of document.querySelectorAll("button, .button, input[type=submit]")) {
    if (!shown(b) || b.closest("svg")) continue;
    const s = getComputedStyle(b);
    const filled = colour(s.backgroundColor) && s.backgroundColor !== behind(b);
    const underlined = s.textDecorationLine.includes("underline");
    if (!framed(s) && !filled && !underlined) problems.push(`a button drawn as plain text: ${say(b)}`);
  }
  return problems;
}"""

LOOK_PAGES: list[tuple[str, str, Go]] = [
    ("dashboard", "candidate", url("/")),
    ("help", "candidate", url("/help")),
    ("exam-bbox", "candidate", exam_item("practice", "bbox")),
    ("exam-keypoints", "candidate", exam_item("practice", "keypoints")),
    ("exam-spans", "candidate", exam_item("practice", "spans")),
    ("exam-inspect-bbox", "candidate", exam_item("level1", "inspect", task="bbox")),
    ("result-labeling", "candidate", result("practice")),
    ("progress", "candidate", progress("/progress?level=2")),
    ("notebook", "candidate", notebook("/notebook/")),
    ("instructor", "instructor", url("/instructor/")),
    ("instructor-questions", "instructor", url("/instructor/questions")),
]


@pytest.mark.parametrize("theme", ["normal", "high"])
@pytest.mark.parametrize(("who", "go"), [pytest.param(who, go, id=name) for name, who, go in LOOK_PAGES])
def test_links_look_like_links_and_buttons_like_buttons(site: Site, who: str, go: Go, theme: str) -> None:  # noqa: F811
    page = site.visitors[who].page
    page.evaluate("theme => localStorage.setItem('exam_prep:contrast', theme)", theme)
    try:
        go(page, site)
        assert page.locator("html").get_attribute("data-contrast") == theme
        assert page.locator("a[href], button").count()
        assert page.evaluate(NOT_LOOKING_LIKE_IT) == []
    finally:
        page.evaluate("localStorage.removeItem('exam_prep:contrast')")
