"""나의 학습 현황 and the reorganised result page in a real browser: the server-drawn chart is
styled by progress.css under the site's CSP (no inline style), fits a 360 px phone and prints
without the site's header; the right answers' toggle opens without JavaScript; the nav with its
three new links wraps inside a 360 px header. Screenshots go to $EXAM_PREP_SHOTS."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import LiveServer, register
from tests.conftest import correct_response, wrong_response

SHOTS = Path(os.environ.get("EXAM_PREP_SHOTS", "/tmp/exam_prep_shots"))


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def fits(page: Page, where: str) -> None:
    width, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= window, f"{where}: the page scrolls sideways ({width} px in {window} px)"


def take(page: Page, server: LiveServer, exam: str, right: int) -> int:
    """A mock exam through the API with its first ``right`` items right and the others wrong."""
    page.goto("/")
    headers = {"X-CSRFToken": page.locator('meta[name="csrf-token"]').get_attribute("content")}
    started = page.request.post("/api/v1/attempts", data={"exam": exam}, headers=headers)
    assert started.status == 201, started.text()
    state: dict[str, Any] = started.json()
    for n, item in enumerate(state["items"]):
        pick = correct_response if n < right else wrong_response
        response = pick(server.app, state["id"], item["id"])
        if response is not None:
            saved = page.request.put(f"/api/v1/attempts/{state['id']}/items/{item['id']}",
                                     data={"response": response, "seq": 1}, headers=headers)
            assert saved.ok, saved.text()
    assert page.request.post(f"/api/v1/attempts/{state['id']}/submit", headers=headers).ok
    return state["id"]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_progress_page_draws_its_chart_with_css_fits_and_prints(
        page: Page, live_server: LiveServer, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    register(page)
    for right in (4, 1, 3):
        take(page, live_server, "level2", right)
    take(page, live_server, "practice", 3)
    page.goto("/progress?level=2")
    chart = page.get_by_role("img", name=re.compile("점수 변화 그래프: 모의고사 4회"))
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] <= width and box["height"] > 100, box
    # Styled from progress.css (the policy would block a style attribute): dashed pass line, filled
    # and hollow points, text large enough to read once the viewBox is scaled to the page.
    styles = page.evaluate("""() => {
      const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
      return {dash: css('.score-chart .pass-line', 'strokeDasharray'),
              passed: css('.score-chart .point.passed', 'fill'), failed: css('.score-chart .point.failed', 'fill'),
              scale: document.querySelector(".score-chart").getBoundingClientRect().width / 420,
              font: parseFloat(css('.score-chart .value', 'fontSize'))};
    }""")
    assert styles["dash"] not in ("none", ""), styles
    assert styles["passed"] != styles["failed"], styles
    assert 12 <= styles["font"] * styles["scale"] <= 26, styles  # on screen, in CSS pixels
    expect(page.locator(".score-chart .value")).to_have_text(["100", "25", "75", "50"])
    expect(page.locator("#readiness-line")).to_contain_text("최근 모의고사 3회 중 1회 합격")
    expect(page.locator("table.type-strengths tbody tr")).to_have_count(6)
    fits(page, f"the progress page at {width} px")
    shoot(page, f"progress_{width}")

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(chart).to_be_visible()
    expect(page.locator("table.score-table")).to_be_visible()
    shoot(page, f"progress_print_{width}")
    page.emulate_media(media="screen")

    # The weakest area's practice link opens the practice chooser.
    page.locator("#practice-weakest").click()
    expect(page).to_have_url(re.compile(r"/practice/new\?level=2&type=\w+$"))


def test_a_new_candidate_sees_the_empty_state_and_goes_to_the_exams(page: Page, live_server: LiveServer) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    register(page)
    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="나의 학습 현황").click()
    expect(page).to_have_url(re.compile(r"/progress$"))
    expect(page.locator("#progress-empty")).to_contain_text("아직 끝낸 2급 모의고사가 없습니다")
    fits(page, "the empty progress page")
    shoot(page, "progress_empty_360")
    page.get_by_role("link", name="모의고사 보러 가기").click()
    expect(page.get_by_role("button", name="시험 시작").first).to_be_visible()


def test_the_right_answers_toggle_opens_without_javascript(
        browser: Browser, page: Page, live_server: LiveServer) -> None:
    register(page)
    attempt = take(page, live_server, "level2", 1)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="ko-KR",
                                  viewport={"width": 360, "height": 740},
                                  storage_state=page.context.storage_state())
    try:
        plain = context.new_page()
        plain.goto(f"/attempts/{attempt}/result")
        expect(plain.locator("#verdict")).to_have_text("불합격입니다")
        expect(plain.locator("article.review-item:visible")).to_have_count(3)  # the wrong ones
        right = plain.locator("#right-items article.review-item")
        expect(right).to_have_count(1)
        expect(right).to_be_hidden()
        fits(plain, "the result page at 360 px")
        shoot(plain, "result_summary_360")
        plain.get_by_text("맞힌 문항 1개 보기").click()
        expect(right).to_be_visible()
        expect(right.locator(".badge")).to_have_text("정답")
    finally:
        context.close()
    page.goto(f"/attempts/{attempt}/result")
    weak = page.locator("#weak-domains a")
    expect(weak.first).to_have_attribute("href", re.compile(r"^/practice/new\?level=2&domain=\w+$"))
    shoot(page, "result_summary_1280")


@pytest.mark.parametrize("width", [360, 1280])
def test_the_nav_with_its_study_links_wraps_inside_the_header(page: Page, live_server: LiveServer, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 740})
    register(page)
    nav = page.get_by_role("navigation", name="주 메뉴")
    for name, path in (("연습 문제", "/practice/new"), ("오답노트", "/notebook/"), ("나의 학습 현황", "/progress")):
        link = nav.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", path)
        link_box = link.bounding_box()
        assert link_box is not None and 0 <= link_box["x"] <= width - link_box["width"], (name, link_box)
    study = page.get_by_role("navigation", name="공부 도구")
    expect(study.get_by_role("link")).to_have_count(3)
    fits(page, f"the dashboard at {width} px")
    header = page.locator(".site-header").bounding_box()
    assert header is not None and header["width"] <= width
    print(f"header at {width} px: {header['height']:.0f} px high")
    shoot(page, f"dashboard_nav_{width}")


def test_keeping_a_folded_right_answer_comes_back_to_it_shown(page: Page, live_server: LiveServer) -> None:
    """The bookmark button of a right item (inside the folded list) returns to #review-N: the
    browser opens the <details> to show it, so the candidate sees the button now pressed."""
    register(page)
    attempt = take(page, live_server, "level2", 1)
    page.goto(f"/attempts/{attempt}/result")
    page.get_by_text("맞힌 문항 1개 보기").click()
    right = page.locator("#right-items article.review-item")
    right.get_by_role("button", name="보관하기").click()
    expect(page).to_have_url(re.compile(rf"/attempts/{attempt}/result#review-\d+$"))
    expect(right.get_by_role("button", name="보관 취소")).to_be_visible()
    expect(page.locator("#right-items")).to_have_attribute("open", "")
