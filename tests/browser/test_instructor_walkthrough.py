"""Issue 10's walkthrough, as a new instructor would do it: with a candidate already past one
attempt of each exam, an instructor writes a single-choice question and a bbox exercise on an
uploaded image with two reference boxes drawn in the browser; the candidate's next mock exams
draw both (unseen questions come first) and show them; `bank check` passes on the folder, and the
bank's `git diff` holds only the added questions, the image and its SOURCES.md row."""
from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from exam_prep.bank import load_bank
from tests.browser.conftest import DEFAULT_TIMEOUT_MS, LiveServer, require_chromium, serving
from tests.conftest import PASSWORD, make_app

require_chromium()

from tests.browser.test_labeling_authoring import (  # noqa: E402
    TEACHER,
    canvas,
    drag,
    label_row,
    open_editor,
    picture,
    reference,
    save,
    sign_in,
)

pytestmark = pytest.mark.browser
CANDIDATE = "다음응시자"


@pytest.fixture
def live_server(db_path: Path, bank: Path) -> Iterator[LiveServer]:
    from exam_prep.accounts import create_or_promote_instructor, create_user

    git = ["git", "-C", str(bank), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "bank before"], check=True)
    with serving(make_app(db_path, EXAM_PREP_QUESTION_BANK=str(bank))) as server:
        with server.app.app_context():
            create_or_promote_instructor(TEACHER, PASSWORD)
            create_user(CANDIDATE, PASSWORD)
        yield server


def drawn(server: LiveServer, attempt_id: int) -> dict[str, int]:
    """The question ids of an attempt (the page does not show them), with their item positions."""
    from exam_prep.models import AttemptItem

    with server.app.app_context():
        items = AttemptItem.query.filter_by(attempt_id=attempt_id).all()
        return {item.question.question_id: item.position for item in items}


def take(page: Page, server: LiveServer, exam: str, shows: str | None = None) -> dict[str, int]:
    """Start `exam` as the signed-in candidate, open its page, submit it; the questions drawn.
    With ``shows``: that labeling question is on the page with its image and label set."""
    headers = {"X-CSRFToken": page.locator('meta[name="csrf-token"]').get_attribute("content")}
    started = page.request.post("/api/v1/attempts", data={"exam": exam}, headers=headers)
    assert started.status == 201, started.text()
    attempt_id = started.json()["id"]
    questions = drawn(server, attempt_id)
    page.goto(f"/attempts/{attempt_id}")
    if shows is not None:
        item = page.locator(f"#item-{questions[shows]}")
        expect(item).to_have_attribute("data-type", "bbox")
        expect(item.locator(".lab-label")).to_have_count(2)
    # leave the exam page before submitting through the API: left open, its autosave would find
    # the attempt closed and go to the result, interrupting the next take's navigation
    page.goto("/")
    submitted = page.request.post(f"/api/v1/attempts/{attempt_id}/submit", headers=headers)
    assert submitted.ok, submitted.text()
    return questions


def test_a_new_instructor_writes_two_questions_and_the_next_mock_exam_draws_them(
        page: Page, browser: Browser, live_server: LiveServer, bank: Path, tmp_path: Path) -> None:
    candidate_context = browser.new_context(base_url=live_server.url, locale="ko-KR",
                                            viewport={"width": 360, "height": 800})
    candidate_context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    candidate = candidate_context.new_page()
    candidate.goto("/auth/login")
    candidate.fill('input[name="username"]', CANDIDATE)
    candidate.fill('input[name="password"]', PASSWORD)
    candidate.get_by_role("button", name="로그인").click()
    expect(candidate).to_have_url(re.compile(r"/$"))
    seen_before = set(take(candidate, live_server, "level2")) | set(take(candidate, live_server, "practice"))

    # the instructor writes a single-choice question ...
    sign_in(page)
    page.goto("/instructor/")
    page.get_by_role("link", name="새 문항 쓰기").click()
    page.get_by_role("link", name="객관식(하나)").click()
    expect(page.locator("#editor")).to_have_attribute("data-ready", "true")
    page.fill("#f-id", "walk-single-1")
    page.select_option("#f-domain", label="기초")
    page.fill("#f-question", "사진 속 물체에 **정답 라벨**을 붙이는 일을 무엇이라고 하나요?")
    page.fill("#f-options-0", "데이터 라벨링")
    page.fill("#f-options-1", "데이터 압축")
    page.get_by_role("radio", name="정답 (보기 1)").check()
    page.fill("#f-explanation", "정답 라벨을 붙이는 일이 데이터 라벨링입니다. 학습할 개념: 라벨링의 뜻")
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page).to_have_url(re.compile(r"/instructor/questions/walk-single-1$"))

    # ... and a bbox exercise on an uploaded image, its two reference boxes drawn with the mouse
    open_editor(page, "bbox", "walk-bbox-1")
    section = page.locator("#type-section")
    section.locator("summary", has_text="새 이미지 올리기").click()
    section.locator(".upload-file").set_input_files(str(picture(tmp_path)))
    section.locator(".upload-source").fill("강사가 직접 그린 도형")
    section.locator(".upload-button").click()
    expect(section.locator(".upload-status")).to_contain_text("올렸습니다: media/")
    image = page.locator("#f-image").input_value()
    label_row(page, 0, "square", "사각형")
    label_row(page, 1, "circle", "원")
    page.fill("#f-guide", "- 도형의 테두리에 꼭 맞게 그립니다.")
    host = canvas(page)
    drag(page, host, (20, 30), (100, 110))
    host.get_by_role("radio", name="원").check()
    drag(page, host, (180, 50), (260, 130))
    assert [box["label"] for box in reference(page)] == ["square", "circle"]
    save(page, "walk-bbox-1")

    # the candidate's next mock exams draw both (every other question of the pools was seen)
    assert not {"walk-single-1", "walk-bbox-1"} & seen_before
    assert "walk-single-1" in take(candidate, live_server, "level2")
    assert "walk-bbox-1" in take(candidate, live_server, "practice", shows="walk-bbox-1")
    candidate_context.close()

    # the folder passes bank check, and git sees only what was added
    questions = {q.id: q for q in load_bank(bank).questions}
    assert {"walk-single-1", "walk-bbox-1"} <= set(questions)
    status = subprocess.run(["git", "-C", str(bank), "status", "--porcelain", "--untracked-files=all"],
                            check=True, capture_output=True, text=True).stdout.splitlines()
    # the fixture bank has no SOURCES.md and no practical/ folder yet: the shipped bank has both, and
    # there the two files would show as modified, with added lines only
    assert sorted(status) == sorted([" M level2/basics.yaml", "?? level2/practical/bbox.yaml",
                                     "?? media/SOURCES.md", f"?? {image}"]), status
    diff = subprocess.run(["git", "-C", str(bank), "diff", "-U0"], check=True, capture_output=True,
                          text=True).stdout.splitlines()
    changed = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed and all(line.startswith("+") for line in changed), changed  # lines added, none changed
