"""Practice in a real browser: choose a set, answer, 정답 확인 (the verdict, the explanation and, for a
labeling item, the review's picture with its IoU), 다시 풀기, check again; on a phone too."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, register
from tests.browser.test_no_js_and_csp import check_review_pictures, no_js_page, violations  # noqa: F401
from tests.conftest import correct_response

SHOTS = Path(os.environ.get("EXAM_PREP_SHOTS", "/tmp/exam_prep_shots"))
PRACTICE_URL = re.compile(r"/practice/(\d+)$")


def choose(page: Page, *types: str) -> int:
    """Start a set of every level 2 question of the given types through the chooser."""
    page.goto("/practice/new?level=2&size=free")
    for name in types:
        page.locator(f'input[name="type"][value="{name}"]').check()
    page.get_by_role("button", name="연습 시작").click()
    expect(page).to_have_url(PRACTICE_URL)
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)js(\s|$)"))
    return int(PRACTICE_URL.search(page.url).group(1))


def saved_by(page: Page, n: int):
    return page.expect_response(lambda r: r.request.method == "PUT" and r.url.endswith(f"/items/{n}"))


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 360])
def test_a_theory_item_checked_tried_again_and_checked_again(page: Page, live_server: LiveServer,
                                                             width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    register(page)
    set_id = choose(page, "ox")
    item = page.locator('.practice-item.current')
    n = int(item.get_attribute("data-item"))
    right = correct_response(live_server.app, set_id, n)["value"]
    result = page.locator(f"#result-{n}")
    expect(result).to_be_empty()
    expect(page.locator(".timer")).to_have_count(0)

    with saved_by(page, n):
        item.locator(f'label.option:has(input[value="{"false" if right else "true"}"])').first.click()
    item.get_by_role("button", name="정답 확인").click()
    expect(result.locator(".badge")).to_have_text("오답")
    expect(result.locator(".explanation")).to_contain_text("SECRET-EXPLANATION")
    expect(result.locator(".is-answer")).to_contain_text("정답")
    expect(result).to_contain_text("1번째 확인")
    no_sideways_scroll(page)
    shoot(page, f"practice_theory_checked_{width}")

    expect(page.locator(f'.sheet-cell[data-goto="{n}"]')).to_have_attribute("data-result", "wrong")
    item.get_by_role("button", name="다시 풀기").click()
    expect(result).to_be_empty()
    expect(page.locator(f'.sheet-cell[data-goto="{n}"]')).not_to_have_attribute("data-result", "wrong")
    with saved_by(page, n):
        item.locator(f'label.option:has(input[value="{"true" if right else "false"}"])').first.click()
    item.get_by_role("button", name="정답 확인").click()
    expect(result.locator(".badge")).to_have_text("정답")
    expect(result).to_contain_text("2번째 확인")
    cell = page.locator(f'.sheet-cell[data-goto="{n}"]')
    expect(cell).to_have_attribute("data-result", "right")
    expect(cell).to_have_attribute("aria-label", f"{n}번 문제로 가기 · 정답 (답함)")
    expect(page.locator("#checked-count")).to_have_text("1")

    # The result stays after a reload (checked, answer unchanged); finishing shows the summary.
    page.reload()
    expect(page.locator(f"#result-{n} .badge")).to_have_text("정답")
    expect(cell).to_have_attribute("aria-label", f"{n}번 문제로 가기 · 정답 (답함)")
    page.get_by_role("button", name="연습 끝내기").click()
    expect(page).to_have_url(re.compile(rf"/practice/{set_id}/summary$"))
    expect(page.locator("#practice-tally")).to_contain_text("맞음 1")
    no_sideways_scroll(page)
    shoot(page, f"practice_summary_{width}")


@pytest.mark.parametrize("width", [1280, 360])
def test_a_labeling_item_checked_shows_the_overlay_picture_with_iou(page: Page, live_server: LiveServer,
                                                                    width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    register(page)
    choose(page, "bbox")
    item = page.locator(".practice-item.current")
    n = int(item.get_attribute("data-item"))
    shoot(page, f"practice_labeling_before_{width}")
    svg = item.locator(".lab-svg")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    scale = box["width"] / float(svg.get_attribute("width"))

    def at(x: float, y: float) -> tuple[float, float]:
        return box["x"] + x * scale, box["y"] + y * scale

    with saved_by(page, n):  # the square (reference [20, 30, 50, 60]); the circle is left out
        page.mouse.move(*at(20, 30))
        page.mouse.down()
        page.mouse.move(*at(70, 90), steps=8)
        page.mouse.up()
    item.get_by_role("button", name="정답 확인").click()
    result = page.locator(f"#result-{n}")
    expect(result.locator(".badge")).to_have_text("부분 점수")
    figure = result.locator("svg.review-svg")
    expect(figure).to_be_visible()
    expect(figure.locator("text.iou").first).to_contain_text(re.compile(r"IoU 0\.9\d|IoU 1\.00"))
    expect(figure.locator("text.iou.missed")).to_have_text("놓침")
    expect(result.locator(".explanation")).to_contain_text("SECRET-EXPLANATION-P1")
    # The editor is still the one to answer with: the result's picture is not read as the answer.
    no_sideways_scroll(page)
    shoot(page, f"practice_labeling_checked_{width}")

    # A reload shows the result again (the editor restoring the answer is no new answer).
    page.reload()
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)js(\s|$)"))
    expect(result.locator("svg.review-svg")).to_be_visible()
    item.get_by_role("button", name="다시 풀기").click()
    expect(result).to_be_empty()
    expect(item.locator(".lab-list li")).to_have_count(1)


def test_an_answer_made_offline_waits_in_the_journal_and_is_checked_once_saved(page: Page) -> None:
    register(page)
    set_id = choose(page, "ox")
    item = page.locator(".practice-item.current")
    n = int(item.get_attribute("data-item"))
    page.context.set_offline(True)
    item.locator("label.option").first.click()
    expect(page.locator("#save-status")).to_have_attribute("data-state", "offline")
    journal = page.evaluate(f"localStorage.getItem('exam_prep:attempt:{set_id}:journal')")
    assert journal and f'"{n}"' in journal
    item.get_by_role("button", name="정답 확인").click()
    expect(item.locator(".check-status")).to_contain_text("저장되지 않아")
    expect(page.locator(f"#result-{n}")).to_be_empty()
    page.context.set_offline(False)
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")
    item.get_by_role("button", name="정답 확인").click()
    expect(page.locator(f"#result-{n} .check-outcome")).to_be_visible()
    assert page.evaluate(f"localStorage.getItem('exam_prep:attempt:{set_id}:journal')") is None


def test_without_javascript_theory_items_are_checked_by_their_forms(no_js_page: Page,  # noqa: F811
                                                                   live_server: LiveServer) -> None:
    page = no_js_page
    register(page)
    page.goto("/practice/new?level=2&size=free")
    page.locator('input[name="type"][value="ox"]').check()
    page.locator('input[name="type"][value="bbox"]').check()
    page.get_by_role("button", name="연습 시작").click()
    expect(page).to_have_url(PRACTICE_URL)
    set_id = int(PRACTICE_URL.search(page.url).group(1))
    ox = page.locator('.practice-question[data-type="ox"]').first
    n = int(ox.get_attribute("data-item"))
    right = correct_response(live_server.app, set_id, n)["value"]
    ox.locator(f'label.option:has(input[value="{"true" if right else "false"}"])').click()
    page.locator(f'.practice-item[data-item="{n}"]').get_by_role("button", name="정답 확인").click()
    expect(page).to_have_url(re.compile(rf"/practice/{set_id}#result-{n}$"))
    result = page.locator(f"#result-{n}")
    expect(result.locator(".badge")).to_have_text("정답")
    expect(result.locator(".explanation")).to_contain_text("SECRET-EXPLANATION")
    expect(page.locator(f'.practice-item[data-item="{n}"] .retry-button')).to_be_hidden()
    page.get_by_role("button", name="연습 끝내기").click()
    expect(page.locator("#practice-tally")).to_contain_text("맞음 1")
    page.wait_for_load_state("networkidle")


def test_practice_pages_keep_the_content_security_policy(page: Page, violations: list[str]) -> None:  # noqa: F811
    register(page)
    choose(page, "ox", "bbox")
    for n in range(1, page.locator(".sheet-cell").count() + 1):
        page.locator(f'.sheet-cell[data-goto="{n}"]').click()
        item = page.locator(f'.practice-item[data-item="{n}"]')
        if item.locator(".practice-question").get_attribute("data-type") == "ox":
            with saved_by(page, n):
                item.locator("label.option").first.click()
        else:
            svg = item.locator(".lab-svg")
            svg.scroll_into_view_if_needed()
            box = svg.bounding_box()
            with saved_by(page, n):
                page.mouse.move(box["x"] + 10, box["y"] + 10)
                page.mouse.down()
                page.mouse.move(box["x"] + 60, box["y"] + 60, steps=5)
                page.mouse.up()
        item.get_by_role("button", name="정답 확인").click()
        expect(page.locator(f"#result-{n} .check-outcome")).to_be_visible()
    check_review_pictures(page)
    page.get_by_role("button", name="연습 끝내기").click()
    expect(page.locator("#practice-tally")).to_be_visible()
    check_review_pictures(page)
    page.wait_for_load_state("networkidle")
    assert not violations, violations
