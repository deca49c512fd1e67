"""The exam page in a real browser: answering, autosave, offline journal, timer, submit, font size."""
from __future__ import annotations

import re
import time

import pytest

from tests.browser.conftest import ExamPage, LiveServer, parse_clock, register, require_chromium, start_exam

require_chromium()  # skips (or, with EXAM_PREP_REQUIRE_BROWSER set, fails) this module without Chromium

from playwright.sync_api import BrowserContext, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

ONE_OF_EACH_TYPE = ["t2-basics-1", "t2-basics-2", "t2-basics-3", "t2-label-1"]  # single, multiple, ox, short


def result_url(attempt_id: int) -> re.Pattern[str]:
    return re.compile(rf"/attempts/{attempt_id}/result$")


# --- 1. taking an exam -------------------------------------------------------------------


def test_take_exam_answer_flag_and_submit(page: Page, live_server: LiveServer) -> None:
    register(page)
    level1 = page.locator('.exam-card[data-exam="level1"]')
    expect(level1).to_have_class(re.compile(r"\blocked\b"))
    expect(level1.get_by_role("button", name="시험 시작")).to_have_count(0)

    exam = start_exam(page, live_server)
    live_server.pin_questions(exam.attempt_id, ONE_OF_EACH_TYPE)
    exam.reload()
    assert [exam.item_type(n) for n in range(1, 5)] == ["single", "multiple", "ox", "short"]

    answered = page.locator("#answered-count")
    expect(answered).to_have_text("0")
    expect(exam.status).to_have_attribute("data-state", "saved")
    expect(page.locator(".sheet-cell.answered")).to_have_count(0)
    # One question at a time.
    expect(exam.item(1)).to_be_visible()
    expect(exam.item(2)).to_be_hidden()

    plan = {1: exam.right_answer(1), 2: exam.right_answer(2), 3: exam.wrong_answer(3), 4: exam.right_answer(4)}
    for n in (1, 2, 3):
        exam.answer(n, plan[n])
        expect(exam.cell(n)).to_have_class(re.compile(r"\banswered\b"))
        expect(answered).to_have_text(str(n))
    expect(exam.cell(4)).not_to_have_class(re.compile(r"\banswered\b"))

    # Flag question 2 for later: the sheet shows it, and the server keeps the flag.
    exam.show(2)
    with page.expect_response(lambda r: r.request.method == "PUT" and r.url.endswith("/items/2")) as flagged:
        exam.item(2).locator(".flag-input").check()
    assert flagged.value.ok
    expect(exam.status).to_have_attribute("data-state", "saved")
    expect(exam.cell(2)).to_have_class(re.compile(r"\bflagged\b"))
    expect(exam.cell(2)).to_have_class(re.compile(r"\banswered\b"))
    expect(page.locator(".sheet-cell.flagged")).to_have_count(1)

    # The submit dialog lists the unanswered question; "계속 풀기" goes back to the exam.
    dialog = page.locator("#submit-dialog")
    page.locator("#submit-open").click()
    expect(dialog).to_be_visible()
    expect(page.locator("#unanswered-list")).to_have_text("4번")
    expect(page.locator("#unanswered-none")).to_be_hidden()
    page.locator("#submit-cancel").click()
    expect(dialog).to_be_hidden()

    exam.answer(4, plan[4])
    expect(answered).to_have_text("4")
    expect(page.locator("#progress-bar")).to_have_js_property("value", 4)
    expect(page.locator(".sheet-cell.answered")).to_have_count(4)

    state = exam.server_state()
    for n, response in plan.items():
        assert state["responses"][str(n)]["response"] == response
    assert [state["responses"][str(n)]["flagged"] for n in range(1, 5)] == [False, True, False, False]

    page.locator("#submit-open").click()
    expect(page.locator("#unanswered-none")).to_be_visible()
    expect(page.locator("#unanswered-some")).to_be_hidden()
    page.locator("#submit-confirm").click()

    expect(page).to_have_url(result_url(exam.attempt_id))
    expect(page.locator("#verdict")).to_contain_text("합격입니다")
    expect(page.locator("#verdict")).not_to_contain_text("불합격")
    expect(page.locator("#total-percent")).to_have_text("75점")
    expect(page.locator(".score-line")).to_contain_text("3 / 4문항 정답")
    assert live_server.attempt_status(exam.attempt_id) == ("finished", "submitted")


# --- 2. offline --------------------------------------------------------------------------


def test_offline_answers_are_journaled_and_sent_when_back_online(
        exam: ExamPage, context: BrowserContext, page: Page) -> None:
    plan = {n: exam.right_answer(n) for n in (1, 2, 3)}
    exam.answer(1, plan[1])

    context.set_offline(True)
    exam.enter(2, plan[2])
    exam.enter(3, plan[3])
    expect(exam.status).to_have_attribute("data-state", "offline")
    expect(exam.status).to_have_text("오프라인 – 이 컴퓨터에 보관 중")
    expect(page.locator("#answered-count")).to_have_text("3")
    expect(exam.cell(3)).to_have_class(re.compile(r"\banswered\b"))

    journal = exam.journal()
    assert set(journal) == {"2", "3"}
    assert {n: journal[str(n)]["response"] for n in (2, 3)} == {2: plan[2], 3: plan[3]}

    # Closing the page now would lose answers: the browser asks first.
    with page.expect_event("dialog") as dialog_info:
        page.close(run_before_unload=True)
    dialog = dialog_info.value
    assert dialog.type == "beforeunload"
    dialog.dismiss()
    assert not page.is_closed()

    context.set_offline(False)
    expect(exam.status).to_have_attribute("data-state", "saved")
    expect(exam.status).to_have_text("저장됨")
    assert exam.journal() is None

    exam.reload()
    for n in (1, 2, 3):
        exam.expect_shown(n, plan[n])
    exam.expect_shown(4, None)
    expect(page.locator("#answered-count")).to_have_text("3")
    expect(page.locator(".sheet-cell.answered")).to_have_count(3)

    responses = exam.server_state()["responses"]
    assert {n: responses[str(n)]["response"] for n in (1, 2, 3, 4)} == {**plan, 4: None}


def test_offline_answer_survives_reload_right_after_reconnecting(
        exam: ExamPage, context: BrowserContext, page: Page) -> None:
    answer = exam.right_answer(1)
    context.set_offline(True)
    exam.enter(1, answer)
    expect(exam.status).to_have_attribute("data-state", "offline")
    assert exam.journal()["1"]["response"] == answer

    page.on("dialog", lambda d: d.accept())  # "leave the page?" while the answer is unconfirmed
    context.set_offline(False)
    exam.reload()

    expect(exam.status).to_have_attribute("data-state", "saved")
    exam.expect_shown(1, answer)
    expect(exam.cell(1)).to_have_class(re.compile(r"\banswered\b"))
    assert exam.server_state()["responses"]["1"]["response"] == answer
    assert exam.journal() is None


def test_journal_is_replayed_when_the_page_loads(exam: ExamPage, page: Page) -> None:
    """Saves that never reached the server are re-sent by the next page load, from the journal."""
    answer = exam.right_answer(2)
    page.route("**/api/v1/attempts/*/items/*", lambda route: route.abort("internetdisconnected"))
    exam.enter(2, answer)
    expect(exam.status).to_have_attribute("data-state", "offline")
    assert exam.journal()["2"]["response"] == answer
    assert exam.server_state()["responses"]["2"]["response"] is None

    page.unroute("**/api/v1/attempts/*/items/*")
    page.on("dialog", lambda d: d.accept())
    with page.expect_request(lambda r: r.method == "PUT" and r.url.endswith("/items/2")) as replay:
        exam.reload()
    assert replay.value.post_data_json["response"] == answer
    exam.expect_shown(2, answer)  # restored on screen from the journal
    expect(exam.status).to_have_attribute("data-state", "saved")
    assert exam.server_state()["responses"]["2"]["response"] == answer
    assert exam.journal() is None


# --- 3. timer ----------------------------------------------------------------------------

COUNTDOWN_BELOW = """limit => {
  const parts = document.getElementById("timer-value").textContent.trim().split(":").map(Number);
  return parts.reduce((s, p) => s * 60 + p, 0) <= limit;
}"""


def test_timer_counts_down_from_the_server_deadline(exam: ExamPage, page: Page) -> None:
    first = exam.timer_seconds()
    assert 590 <= first <= 600  # a 10-minute exam, just started
    expect(page.locator("#time-warning")).to_be_hidden()
    expect(page.locator("#timer")).not_to_have_class(re.compile(r"\bwarning\b"))

    started = time.monotonic()
    page.wait_for_function(COUNTDOWN_BELOW, arg=first - 2, timeout=5000)
    elapsed = time.monotonic() - started
    assert 0.9 <= elapsed <= 4.0, elapsed  # two seconds shown take (about) two seconds

    before = exam.timer_seconds()
    exam.reload()
    after = exam.timer_seconds()
    assert before - 3 <= after <= before + 1, (before, after)
    server_left = exam.server_state()["seconds_left"]
    assert abs(exam.timer_seconds() - server_left) <= 3, (exam.timer_seconds(), server_left)


def test_time_warning_in_the_last_five_minutes(exam: ExamPage, live_server: LiveServer, page: Page) -> None:
    live_server.attempt_deadline_in(exam.attempt_id, 200)
    exam.reload()
    expect(page.locator("#time-warning")).to_be_visible()
    expect(page.locator("#time-warning")).to_contain_text("5분 이하")
    expect(page.locator("#timer")).to_have_class(re.compile(r"\bwarning\b"))
    assert 190 <= exam.timer_seconds() <= 200
    assert parse_clock(page.locator("#timer-value").inner_text()) > 0


# --- 4. expiry ---------------------------------------------------------------------------


def test_exam_submits_itself_when_time_runs_out(exam: ExamPage, live_server: LiveServer, page: Page) -> None:
    answer = exam.right_answer(1)
    live_server.attempt_deadline_in(exam.attempt_id, 3)
    exam.reload()
    exam.answer(1, answer)
    expect(page).to_have_url(result_url(exam.attempt_id), timeout=15_000)
    expect(page.locator("#verdict")).to_contain_text("불합격입니다")
    expect(page.locator("#total-percent")).to_have_text("25점")
    expect(page.locator(".score-line")).to_contain_text("1 / 4문항 정답")
    assert live_server.attempt_status(exam.attempt_id)[0] == "finished"


# --- 5. font size ------------------------------------------------------------------------


def test_font_size_choice_is_remembered(exam: ExamPage, page: Page) -> None:
    html = page.locator("html")
    large = page.locator('button[data-font-size="large"]')
    expect(html).to_have_class(re.compile(r"\bfs-medium\b"))
    root_px = "() => getComputedStyle(document.documentElement).fontSize"
    assert page.evaluate(root_px) == "20px"

    large.click()
    expect(html).to_have_class(re.compile(r"\bfs-large\b"))
    expect(html).not_to_have_class(re.compile(r"\bfs-medium\b"))
    expect(large).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(root_px) == "25px"

    exam.reload()
    expect(html).to_have_class(re.compile(r"\bfs-large\b"))
    expect(html).not_to_have_class(re.compile(r"\bfs-medium\b"))
    expect(page.locator('button[data-font-size="large"]')).to_have_attribute("aria-pressed", "true")
    expect(page.locator('button[data-font-size="medium"]')).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(root_px) == "25px"
