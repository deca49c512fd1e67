"""The exam page in a real browser: answering, autosave, offline journal, timer, submit, font size."""
from __future__ import annotations

import re
import time
from datetime import datetime, timedelta

import pytest

from tests.browser.conftest import ATTEMPT_URL, ExamPage, LiveServer, register, require_chromium, start_exam

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
    # The options are numbered in the order shown (a CSS counter), and a screen reader hears the
    # number: Chromium's own accessibility tree (Playwright's accessible names leave counters out).
    texts = exam.item(1).locator(".option-text").all_inner_texts()
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    radios = [node["name"]["value"] for node in tree
              if node.get("role", {}).get("value") == "radio" and not node.get("ignored")]
    assert radios == [f"{shown} {text.strip()}" for shown, text in enumerate(texts, 1)]

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
        exam.item(2).locator(".flag input").check()
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
    result = exam.result()
    assert (result["points"], result["max_points"]) == (3, 4)
    assert [item["correct"] for item in result["items"]] == [True, True, False, True]
    assert live_server.attempt_status(exam.attempt_id) == ("finished", "submitted")


def test_enter_in_the_short_answer_box_saves_and_stays(exam: ExamPage, live_server: LiveServer, page: Page) -> None:
    live_server.pin_questions(exam.attempt_id, ONE_OF_EACH_TYPE)
    exam.reload()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
    exam.show(4)
    box = exam.item(4).locator('input[type="text"]')
    box.fill("IoU")
    with page.expect_response(lambda r: r.request.method == "PUT" and r.url.endswith("/items/4")) as saved:
        box.press("Enter")
    assert saved.value.ok
    expect(exam.status).to_have_attribute("data-state", "saved")
    assert ATTEMPT_URL.search(page.url), page.url  # still on the exam, not the no-JS form's POST
    assert dialogs == []
    expect(box).to_be_focused()
    assert exam.server_state()["responses"]["4"]["response"] == {"text": "IoU"}


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

    journal = exam.wait_journal(2, 3)
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
    assert exam.wait_journal(1)["1"]["response"] == answer

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
    assert exam.wait_journal(2)["2"]["response"] == answer
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


def test_page_catches_up_with_a_save_that_landed_after_it_was_rendered(exam: ExamPage, page: Page) -> None:
    """A reload right after reconnecting can be rendered just before the old page's save lands,
    and that save then clears the journal: the new page must still show the answer."""
    answer = exam.right_answer(1)
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")

    def render_then_save(route) -> None:
        stale = route.fetch()  # the page as rendered now, without the answer
        saved = page.request.put(f"/api/v1/attempts/{exam.attempt_id}/items/1", headers={"X-CSRFToken": token},
                                 data={"response": answer, "seq": int(time.time() * 1000)})
        assert saved.ok, saved.text()
        route.fulfill(response=stale)

    page.route(re.compile(rf"/attempts/{exam.attempt_id}$"), render_then_save)
    exam.reload()
    exam.expect_shown(1, answer)
    expect(exam.cell(1)).to_have_class(re.compile(r"\banswered\b"))
    expect(page.locator("#answered-count")).to_have_text("1")
    expect(exam.status).to_have_attribute("data-state", "saved")


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

    # The deadline is the server's: a reload shows the same time left, not a fresh 10 minutes.
    page.clock.install()  # (lets the test move the computer's clock below; time still flows)
    before = exam.timer_seconds()
    exam.reload()
    after = exam.timer_seconds()
    assert before - 3 <= after <= before + 1, (before, after)
    server_left = exam.server_state()["seconds_left"]
    assert abs(exam.timer_seconds() - server_left) <= 3, (exam.timer_seconds(), server_left)

    # A computer clock set two hours ahead changes nothing: the count runs on a monotonic clock.
    page.clock.set_system_time(datetime.now() + timedelta(hours=2))
    page.wait_for_function(COUNTDOWN_BELOW, arg=after - 1, timeout=5000)
    assert after - 3 <= exam.timer_seconds() <= after - 1
    expect(page.locator("#time-warning")).to_be_hidden()
    assert ATTEMPT_URL.search(page.url)


def test_time_warning_in_the_last_five_minutes(exam: ExamPage, live_server: LiveServer, page: Page) -> None:
    live_server.attempt_deadline_in(exam.attempt_id, 200)
    exam.reload()
    expect(page.locator("#time-warning")).to_be_visible()
    expect(page.locator("#time-warning")).to_contain_text("5분 이하")
    expect(page.locator("#timer")).to_have_class(re.compile(r"\bwarning\b"))
    assert 190 <= exam.timer_seconds() <= 200


# --- 4. expiry ---------------------------------------------------------------------------


def test_exam_submits_itself_when_time_runs_out(exam: ExamPage, live_server: LiveServer, page: Page) -> None:
    answer = exam.right_answer(1)
    live_server.attempt_deadline_in(exam.attempt_id, 4)
    exam.reload()
    exam.answer(1, answer)  # answered in the last seconds: counted
    expect(page).to_have_url(result_url(exam.attempt_id), timeout=15_000)
    expect(page.locator("#verdict")).to_contain_text("불합격입니다")
    expect(page.locator("#total-percent")).to_have_text("25점")
    assert [item["correct"] for item in exam.result()["items"]] == [True, False, False, False]
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


# --- answers given at the last moment ----------------------------------------------------


def test_submit_waits_for_a_save_still_on_its_way(exam: ExamPage, page: Page) -> None:
    """An answer clicked just before 제출하기 is scored, even when its save is slow."""
    answer = exam.right_answer(1)
    held = []

    def hold_first(route) -> None:  # the first save hangs until released (a second, if any, goes through)
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/api/v1/attempts/*/items/1", hold_first)
    events: list[str] = []
    page.on("request", lambda r: events.append(f"request {r.method} {r.url.rsplit('/', 1)[-1]}"))
    page.on("response", lambda r: events.append(f"response {r.request.method} {r.url.rsplit('/', 1)[-1]}"))

    with page.expect_request(lambda r: r.method == "PUT" and r.url.endswith("/items/1")):
        exam.enter(1, answer)
    page.locator("#submit-open").click()
    page.locator("#submit-confirm").click()
    page.wait_for_timeout(300)  # room for a submit that would overtake the save
    assert "request POST submit" not in events, events
    held[0].continue_()

    expect(page).to_have_url(result_url(exam.attempt_id))
    assert events.index("response PUT 1") < events.index("request POST submit"), events
    expect(page.locator("#total-percent")).to_have_text("25점")
    assert exam.result()["items"][0]["response"] == answer


KEEP_TYPING = """input => {
  input.focus();
  input.value = "IoU";
  input.dispatchEvent(new Event("input", {bubbles: true}));
  // Keep typing (spaces, which scoring ignores) faster than the autosave's pause, until the page goes.
  setInterval(() => { input.value += " "; input.dispatchEvent(new Event("input", {bubbles: true})); }, 100);
}"""


def test_text_being_typed_when_time_runs_out_is_scored(
        exam: ExamPage, live_server: LiveServer, page: Page) -> None:
    live_server.pin_questions(exam.attempt_id, ONE_OF_EACH_TYPE)
    live_server.attempt_deadline_in(exam.attempt_id, 3)
    exam.reload()
    exam.show(4)
    exam.item(4).locator('input[type="text"]').evaluate(KEEP_TYPING)

    expect(page).to_have_url(result_url(exam.attempt_id), timeout=15_000)
    expect(page.locator("#total-percent")).to_have_text("25점")
    item = exam.result()["items"][3]
    assert item["response"]["text"].startswith("IoU") and item["correct"], item


def test_submit_is_refused_while_an_answer_cannot_be_saved(exam: ExamPage, page: Page) -> None:
    """With a save failing, 제출하기 keeps the exam open (and the answer) instead of scoring without it."""
    answer = exam.right_answer(1)
    page.route("**/api/v1/attempts/*/items/*", lambda route: route.fulfill(
        status=503, content_type="application/json", body='{"error": "점검 중"}'))
    exam.enter(1, answer)
    expect(exam.status).to_have_attribute("data-state", "error")
    expect(exam.status).to_have_text("저장 실패 – 다시 시도합니다")

    submits: list[str] = []
    page.on("request", lambda r: submits.append(r.url) if r.url.endswith("/submit") else None)
    alerts: list[str] = []
    page.on("dialog", lambda d: (alerts.append(f"{d.type}: {d.message}"), d.accept()))
    page.locator("#submit-open").click()
    page.locator("#submit-confirm").click()
    for _ in range(100):  # the alert comes once the failing save has been tried
        if alerts:
            break
        page.wait_for_timeout(50)
    assert len(alerts) == 1 and alerts[0].startswith("alert: 제출하지 못했습니다"), alerts
    assert submits == []
    expect(page.locator("#submit-confirm")).to_be_enabled()
    assert exam.journal()["1"]["response"] == answer

    # Once saving works again, the answer goes in and the submit succeeds.
    page.unroute("**/api/v1/attempts/*/items/*")
    page.locator("#submit-confirm").click()
    expect(page).to_have_url(result_url(exam.attempt_id))
    expect(page.locator("#total-percent")).to_have_text("25점")
    assert exam.result()["items"][0]["response"] == answer


def test_two_tabs_offline_keep_each_others_answers(exam: ExamPage, context: BrowserContext, page: Page) -> None:
    """Both tabs of one attempt journal answers while offline; neither drops the other's."""
    plan = {n: exam.right_answer(n) for n in (1, 2)}
    second = context.new_page()
    second.goto(page.url)
    other = ExamPage(second, exam.server, exam.attempt_id).wait_ready()

    context.set_offline(True)
    exam.enter(1, plan[1])
    exam.wait_journal(1)
    other.enter(2, plan[2])
    journal = other.wait_journal(1, 2)
    assert {n: journal[str(n)]["response"] for n in (1, 2)} == plan

    context.set_offline(False)
    expect(exam.status).to_have_attribute("data-state", "saved")
    expect(other.status).to_have_attribute("data-state", "saved")
    responses = exam.server_state()["responses"]
    assert {n: responses[str(n)]["response"] for n in (1, 2)} == plan
    second.close()
