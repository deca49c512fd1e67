"""The question editor in a real browser: an instructor writes a single-choice question with the
live preview beside it and finds it in the list; two instructors editing one question at once
meet a conflict instead of losing an edit. The server works on a copy of the fixture bank."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from exam_prep.bank import load_bank
from tests.browser.conftest import DEFAULT_TIMEOUT_MS, LiveServer, serving
from tests.conftest import PASSWORD, make_app

TEACHER = "강사"


@pytest.fixture
def live_server(db_path: Path, bank: Path) -> Iterator[LiveServer]:
    """The app serving a copy of the fixture bank (the editor writes into it)."""
    from exam_prep.accounts import create_or_promote_instructor

    with serving(make_app(db_path, EXAM_PREP_QUESTION_BANK=str(bank))) as server:
        with server.app.app_context():
            create_or_promote_instructor(TEACHER, PASSWORD)
            create_or_promote_instructor("다른강사", PASSWORD)
        yield server


def sign_in(page: Page, username: str = TEACHER) -> None:
    page.goto("/auth/login")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name=f"로그아웃 ({username})")).to_be_visible()


def ready(page: Page) -> None:
    expect(page.locator("#editor")).to_have_attribute("data-ready", "true")


def test_write_a_single_choice_question_with_the_live_preview(page: Page, bank: Path) -> None:
    sign_in(page)
    page.goto("/instructor/questions")
    page.get_by_role("link", name="새 문항 만들기").click()
    page.get_by_role("link", name="객관식(하나)").click()
    ready(page)
    preview = page.locator("#preview")
    expect(preview.locator("#preview-state")).to_contain_text("미리 보기")

    page.fill("#f-id", "browser-single-1")
    page.select_option("#f-domain", label="기초")
    page.fill("#f-question", "데이터에 **정답 레이블**을 붙이는 작업은?")
    expect(page.locator(".option-row:visible")).to_have_count(2)
    page.fill("#f-options-0", "라벨링")
    page.fill("#f-options-1", "정규화")
    page.get_by_role("button", name="보기 추가").click()
    expect(page.locator("#f-options-2")).to_be_focused()
    page.keyboard.type("증강")
    page.get_by_role("button", name="보기 추가").click()
    page.fill("#f-options-3", "지울 보기")
    page.get_by_role("button", name="삭제 (보기 4)").click()
    expect(page.locator(".option-row:visible")).to_have_count(3)

    # the preview shows what is still missing, then the question as the candidate will see it
    expect(preview.locator(".preview-problems")).to_contain_text("필수 키 'answer'가 없습니다")
    page.get_by_role("radio", name="정답 (보기 1)").check()
    page.fill("#f-explanation", "라벨링은 데이터에 정답을 붙이는 작업입니다. 학습할 개념: 라벨링")
    expect(preview.locator("#preview-state")).to_have_attribute("data-state", "done")
    exam_item = preview.locator(".preview-item")
    expect(exam_item.locator(".question strong")).to_have_text("정답 레이블")  # the Markdown, rendered
    expect(exam_item.locator(".option-text")).to_have_text(["라벨링", "정규화", "증강"])
    expect(exam_item.locator(".is-answer")).to_have_count(0)  # the exam page shows no answer
    expect(preview.locator(".preview-review .is-answer")).to_contain_text("라벨링")
    expect(preview.locator(".preview-review .explanation")).to_contain_text("학습할 개념: 라벨링")

    page.get_by_role("button", name="저장", exact=True).click()
    expect(page).to_have_url(re.compile(r"/instructor/questions/browser-single-1$"))
    expect(page.locator(".flash-success")).to_contain_text("저장했습니다")
    expect(page.locator(".option.is-answer")).to_contain_text("라벨링")

    page.goto("/instructor/questions?q=붙이는 작업")
    expect(page.locator(".question-row")).to_have_count(1)
    expect(page.locator(".question-row .key")).to_contain_text("browser-single-1")
    saved = next(q for q in load_bank(bank).questions if q.id == "browser-single-1")
    assert saved.schema.options == ["라벨링", "정규화", "증강"] and saved.schema.answer == 1
    assert saved.path.endswith("level2/basics.yaml")


def test_two_instructors_editing_at_once_get_a_conflict(
        page: Page, browser: Browser, live_server: LiveServer, bank: Path) -> None:
    other_context: BrowserContext = browser.new_context(base_url=live_server.url, locale="ko-KR",
                                                        viewport={"width": 360, "height": 800})
    other_context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        other = other_context.new_page()
        sign_in(page)
        sign_in(other, "다른강사")
        for each in (page, other):
            each.goto("/instructor/questions/t2-basics-1/edit")
            ready(each)

        page.fill("#f-question", "먼저 저장한 강사의 문제")
        page.get_by_role("button", name="저장", exact=True).click()
        expect(page.locator(".flash-success")).to_contain_text("저장했습니다")

        other.fill("#f-question", "나중에 저장한 강사의 문제")
        other.get_by_role("button", name="저장", exact=True).click()
        expect(other.locator("#conflict h1")).to_have_text("다른 사람이 먼저 고쳤습니다")
        expect(other.locator("#conflict-reason")).to_contain_text("먼저 저장했습니다")
        expect(other.locator("#conflict")).to_contain_text("먼저 저장한 강사의 문제")
        expect(other.locator("#conflict")).to_contain_text("나중에 저장한 강사의 문제")  # kept to copy
        text = (bank / "level2" / "basics.yaml").read_text(encoding="utf-8")
        assert "먼저 저장한 강사의 문제" in text and "나중에 저장한 강사의 문제" not in text

        other.get_by_role("link", name="새로 불러와 다시 고치기").click()
        ready(other)
        expect(other.locator("#f-question")).to_have_value("먼저 저장한 강사의 문제")
        other.fill("#f-question", "다시 고친 문제")
        other.get_by_role("button", name="저장", exact=True).click()
        expect(other.locator(".flash-success")).to_contain_text("저장했습니다")
        assert "다시 고친 문제" in (bank / "level2" / "basics.yaml").read_text(encoding="utf-8")
    finally:
        other_context.close()


def test_the_editor_works_without_javascript(browser: Browser, live_server: LiveServer, bank: Path) -> None:
    """Six option rows, the 미리 보기 button re-renders the page with the preview, 저장 saves."""
    context = browser.new_context(base_url=live_server.url, locale="ko-KR", java_script_enabled=False)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        page = context.new_page()
        sign_in(page)
        page.goto("/instructor/questions/new?type=short")
        page.fill("#f-id", "no-js-short")
        page.select_option("#f-domain", label="라벨링")
        page.fill("#f-question", "경계 상자를 영어로 무엇이라 하는가?")
        page.fill("#f-answer", "bounding box\n바운딩 박스")
        page.fill("#f-explanation", "경계 상자는 bounding box입니다. 학습할 개념: 바운딩 박스")
        page.get_by_role("button", name="미리 보기", exact=True).click()
        preview = page.locator("#preview-body")
        expect(preview.locator(".preview-item .question")).to_have_text("경계 상자를 영어로 무엇이라 하는가?")
        expect(preview.locator(".preview-review .is-answer-text")).to_contain_text("bounding box / 바운딩 박스")
        expect(page.locator("#f-id")).to_have_value("no-js-short")  # the form keeps what was typed
        page.get_by_role("button", name="저장", exact=True).click()
        expect(page).to_have_url(re.compile(r"/instructor/questions/no-js-short$"))
        assert "no-js-short" in (bank / "level2" / "labeling.yaml").read_text(encoding="utf-8")

        page.goto("/instructor/questions/new?type=single")
        expect(page.locator(".option-row")).to_have_count(6)
        expect(page.locator(".option-row").first).to_be_visible()
        expect(page.locator(".option-row").last).to_be_visible()
    finally:
        context.close()


def test_restore_an_earlier_version_from_the_history(page: Page, bank: Path) -> None:
    sign_in(page)
    page.goto("/instructor/questions/t2-basics-3/edit")
    ready(page)
    page.fill("#f-question", "과적합은 새 데이터에서도 성능이 좋은 상태이다.")
    page.locator("#editor").get_by_role("radio", name="틀리다").check()
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".flash-success")).to_contain_text("저장했습니다")

    page.get_by_role("link", name="변경 이력").click()
    change = page.locator(".change").first
    expect(change.locator("h3")).to_contain_text("수정")
    expect(change.locator(".diff-remove")).to_contain_text(["question: 과적합은 학습 데이터에서만", "answer: true"])
    expect(change.locator(".diff-add")).to_contain_text(["question: 과적합은 새 데이터에서도", "answer: false"])
    change.get_by_role("button", name="바꾸기 전으로 되돌리기").click()
    expect(page.locator(".flash-success")).to_contain_text("되돌렸습니다")
    expect(page.locator(".question")).to_contain_text("과적합은 학습 데이터에서만 성능이 좋은 상태이다.")
    expect(page.locator(".option.is-answer")).to_contain_text("O")
    text = (bank / "level2" / "basics.yaml").read_text(encoding="utf-8")
    assert "과적합은 학습 데이터에서만 성능이 좋은 상태이다." in text and "새 데이터에서도" not in text
