"""The 오답노트 in a real browser: a mock exam with wrong answers, a question kept from the result
page, the notebook with its due badges, note editing, filters, the printed page, the bookmarks
page and the retry set.

Set EXAM_PREP_SCREENSHOTS to a folder to keep screenshots of the pages at 360 and 1280 px."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.conftest import ExamPage, require_chromium
from tests.conftest import correct_response

require_chromium()

from playwright.sync_api import Page, expect  # noqa: E402

pytestmark = pytest.mark.browser


def screenshots(page: Page, name: str) -> None:
    folder = os.environ.get("EXAM_PREP_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size(size)


def finish_with_mistakes(exam: ExamPage) -> None:
    """Item 1 right, items 2 and 3 wrong, item 4 left out; submitted through the dialog."""
    page = exam.page
    exam.answer(1, exam.right_answer(1))
    exam.answer(2, exam.wrong_answer(2))
    exam.answer(3, exam.wrong_answer(3))
    page.locator("#submit-open").click()
    page.locator("#submit-confirm").click()
    expect(page).to_have_url(re.compile(rf"/attempts/{exam.attempt_id}/result$"))


def test_wrong_answers_land_in_the_notebook_with_notes_bookmarks_print_and_retry(exam: ExamPage) -> None:
    page = exam.page
    finish_with_mistakes(exam)

    # Keep the right one (folded with the right answers) from the result page.
    page.locator("#right-items summary").click()
    keep = page.locator("#review-1 .bookmark-button")
    expect(keep).to_have_text("보관하기")
    expect(keep).to_have_attribute("aria-pressed", "false")
    assert keep.bounding_box()["height"] >= 44
    keep.click()
    expect(page).to_have_url(re.compile(rf"/attempts/{exam.attempt_id}/result#review-1$"))
    expect(page.locator(".flash-success")).to_have_text("문항을 보관했습니다.")
    page.locator("#right-items summary").click()
    expect(page.locator("#review-1 .bookmark-button")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#review-1 .bookmark-button")).to_have_text("보관 취소")
    screenshots(page, "result-bookmark")

    # The notebook: the two wrong ones and the one left out, due today, answers shown.
    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="오답노트").click()
    expect(page).to_have_url(re.compile(r"/notebook/$"))
    entries = page.locator("article.notebook-entry")
    expect(entries).to_have_count(3)
    expect(page.locator("#entry-count")).to_contain_text("오답노트에 3문항")
    expect(page.locator("#due-count")).to_have_text("오늘 다시 풀 문항이 3개 있습니다.")
    expect(entries.locator(".due-badge")).to_have_text(["오늘 다시 풀기"] * 3)
    expect(entries.locator(".explanation")).to_have_count(3)
    expect(entries.first.locator(".missed-line a")).to_have_attribute("href", re.compile(r"/result#review-\d$"))

    # A note, saved by its form; the page comes back to the entry.
    first = entries.first
    entry_id = first.get_attribute("id")
    first.get_by_label("내 메모").fill("보상 신호 = 강화학습.\n다음엔 꼭 맞히기")
    first.get_by_role("button", name="메모 저장").click()
    expect(page).to_have_url(re.compile(rf"#{entry_id}$"))
    expect(page.locator(".flash-success")).to_have_text("메모를 저장했습니다.")
    expect(page.locator(f"#{entry_id} textarea")).to_have_value("보상 신호 = 강화학습.\n다음엔 꼭 맞히기")
    screenshots(page, "notebook")

    # Printed: the question, the answer, the explanation and the note; no menu, form or button.
    page.emulate_media(media="print")
    for hidden in (".site-header", ".retry-box", ".notebook-filters", f"#{entry_id} .note-form",
                   f"#{entry_id} .bookmark-button"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(f"#{entry_id} .note-print")).to_be_visible()
    expect(page.locator(f"#{entry_id} .note-print")).to_contain_text("다음엔 꼭 맞히기")
    expect(page.locator(f"#{entry_id} .explanation")).to_be_visible()
    expect(page.locator(f"#{entry_id} .question")).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator(f"#{entry_id} .note-print")).to_be_hidden()

    # Filters by type, with Korean names.
    kinds = page.locator("#f-type option")
    assert kinds.first.inner_text() == "전체" and kinds.count() >= 2
    label = kinds.nth(1).inner_text()
    page.locator("#f-type").select_option(label=label)
    page.get_by_role("button", name="골라 보기").click()
    expect(page).to_have_url(re.compile(r"type="))
    expect(page.locator("#f-type option:checked")).to_have_text(label)
    expect(entries.first).to_be_visible()
    shown = entries.count()
    assert 1 <= shown <= 3
    assert all(label in text for text in entries.locator("h2").all_inner_texts())

    # The bookmarks page holds the right one, answer and all, and lets it go.
    page.get_by_role("link", name="보관한 문항").click()
    expect(page.locator("#bookmark-count")).to_have_text("보관한 문항 1개")
    kept = page.locator("article.bookmark-entry")
    expect(kept.locator(".explanation")).to_be_visible()
    screenshots(page, "notebook-bookmarks")
    kept.get_by_role("button", name="보관 취소").click()
    expect(page.locator("#bookmark-count")).to_have_text("보관한 문항 0개")

    # 오답노트 다시 풀기: a practice set of the three due questions.
    page.get_by_role("link", name="다시 풀 문항").click()
    page.get_by_role("button", name="오답노트 다시 풀기").click()
    expect(page).to_have_url(re.compile(r"/practice/\d+$"))
    expect(page.locator("body")).to_contain_text("오답노트 다시 풀기")
    expect(page.locator(".practice-item")).to_have_count(3)

    # Item 1 answered right and checked: the first right day, so it comes back in three days.
    set_id = int(re.search(r"/practice/(\d+)$", page.url).group(1))
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    saved = page.request.put(f"/api/v1/attempts/{set_id}/items/1", headers={"X-CSRFToken": token},
                             data={"response": correct_response(exam.server.app, set_id, 1), "seq": 1})
    assert saved.ok, saved.text()
    page.reload()
    page.locator('.practice-item[data-item="1"]').get_by_role("button", name="정답 확인").click()
    expect(page.locator("#result-1 .check-outcome")).to_be_visible()
    page.goto("/notebook/")
    expect(page.locator("#due-count")).to_have_text("오늘 다시 풀 문항이 2개 있습니다.")
    expect(entries.locator(".due-badge")).to_have_text(["오늘 다시 풀기", "오늘 다시 풀기", "3일 뒤 다시 풀기"])
    expect(entries.last.locator(".missed-line")).to_contain_text("맞힌 날 1 / 2")
