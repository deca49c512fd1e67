"""The inspection (검수) editor in a real browser, on the `level1` exam's 검수 section.

The fixture exercises are in tests/fixtures/bank/level1/inspect.yaml: three boxes over shapes.png
(1 is right, 2 is loose, 3 has the wrong class; the triangle was missed) and two right spans.
The level1 exam opens once level2 is passed (done here through the API).
"""
from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import ExamPage, LiveServer, register, require_chromium, start_exam

require_chromium()  # skips (or, with EXAM_PREP_REQUIRE_BROWSER set, fails) this module without Chromium

from playwright.sync_api import Locator, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

MISSED_TRIANGLE = [30, 110, 60, 30]  # the planted missed object's box
TOLERANCE = 1.5
BOX = re.compile(r"x ([\d.]+), y ([\d.]+), 너비 ([\d.]+), 높이 ([\d.]+)")


def close(actual: list[float], expected: list[float], tolerance: float = TOLERANCE) -> bool:
    return len(actual) == len(expected) and all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def pass_level2(page: Page, server: LiveServer) -> None:
    """Take and pass level2 through the API, with the signed-in browser's cookies and CSRF token."""
    from tests.conftest import correct_response

    page.goto("/")
    headers = {"X-CSRFToken": page.locator('meta[name="csrf-token"]').get_attribute("content")}
    started = page.request.post("/api/v1/attempts", data={"exam": "level2"}, headers=headers)
    assert started.ok, started.text()
    state = started.json()
    for item in state["items"]:
        response = correct_response(server.app, state["id"], item["id"])
        saved = page.request.put(f"/api/v1/attempts/{state['id']}/items/{item['id']}",
                                 data={"response": response, "seq": 1}, headers=headers)
        assert saved.ok, saved.text()
    submitted = page.request.post(f"/api/v1/attempts/{state['id']}/submit", headers=headers)
    assert submitted.ok and submitted.json()["passed"], submitted.text()
    page.goto("/")


class Inspection:
    """The 검수 items of a level1 attempt (drawn in random order) and what a candidate does."""

    def __init__(self, exam: ExamPage) -> None:
        self.exam = exam
        self.page = exam.page

    def number(self, task: str) -> int:
        item = self.page.locator(f'.item[data-type="inspect"]:has(.labeling[data-task="{task}"])')
        return int(item.get_attribute("data-item"))

    def item(self, task: str) -> Locator:
        return self.exam.item(self.number(task))

    def open(self, task: str) -> Locator:
        self.exam.show(self.number(task))
        item = self.item(task)
        if task != "spans":
            item.locator(".lab-viewport").scroll_into_view_if_needed()
        return item

    def row(self, task: str, n: int) -> Locator:
        return self.item(task).locator(f'.lab-judge-row[data-n="{n}"]')

    def screen(self, task: str, x: float, y: float) -> tuple[float, float]:
        svg = self.item(task).locator(".lab-svg")
        box = svg.bounding_box()
        width, height = (float(svg.get_attribute(a)) for a in ("width", "height"))
        return box["x"] + x * box["width"] / width, box["y"] + y * box["height"] / height

    def drag(self, task: str, start: tuple[float, float], end: tuple[float, float]) -> None:
        self.item(task).locator(".lab-viewport").scroll_into_view_if_needed()
        mouse = self.page.mouse
        mouse.move(*self.screen(task, *start))
        mouse.down()
        mouse.move(*self.screen(task, *end), steps=8)
        mouse.up()

    def focused_label(self) -> str:
        return self.page.evaluate("document.activeElement.getAttribute('aria-label') || ''")

    def live(self, task: str) -> Locator:
        return self.item(task).locator(".lab-live")

    def saved(self, task: str) -> Any:
        expect(self.exam.status).to_have_attribute("data-state", "saved")
        entry = self.exam.server_state()["responses"].get(str(self.number(task)))
        return entry["response"] if entry else None


@pytest.fixture
def inspection(page: Page, live_server: LiveServer) -> Inspection:
    register(page)
    pass_level2(page, live_server)
    return Inspection(start_exam(page, live_server, "level1"))


def test_inspect_by_mouse_and_by_keyboard_then_the_score_and_the_review(inspection: Inspection) -> None:
    page = inspection.page

    # --- the boxes, with the mouse
    item = inspection.open("bbox")
    labels = item.locator(".lab-insp")
    expect(labels).to_have_count(3)
    expect(labels.nth(1).locator(".lab-tag")).to_have_text("2 원")
    expect(item.locator(".lab-guide")).to_contain_text("도형의 가장자리에 꼭 맞게")
    circle = "2 원: 상자, x 100, y 30, 너비 85, 높이 85"
    expect(inspection.row("bbox", 2)).to_contain_text(f"{circle} — 아직 판정 안 함")

    # A label clicked on the image is the one shown in the list, and the other way round.
    page.mouse.click(*inspection.screen("bbox", 170, 100))  # inside box 2 only
    expect(inspection.row("bbox", 2)).to_have_class(re.compile(r"\bcurrent\b"))
    expect(labels.nth(1)).to_have_class(re.compile(r"\bcurrent\b"))
    inspection.row("bbox", 1).locator(".lab-judge-name").click()
    expect(labels.nth(0)).to_have_class(re.compile(r"\bcurrent\b"))
    expect(labels.nth(1)).not_to_have_class(re.compile(r"\bcurrent\b"))
    expect(inspection.row("bbox", 2)).not_to_have_class(re.compile(r"\bcurrent\b"))

    inspection.row("bbox", 1).locator("label.lab-approve").click()
    expect(labels.nth(0).locator(".lab-tag")).to_have_text("1 사각형 ✓")

    # Rejected without a reason yet: asked for one, and not in the saved answer.
    row2 = inspection.row("bbox", 2)
    row2.locator("label.lab-reject").click()
    expect(row2.locator(".lab-reasons")).to_be_visible()
    expect(row2.locator(".lab-reason-needed")).to_have_text("이유를 고르세요")
    expect(row2.locator(".lab-judge-name")).to_contain_text("반려: 이유를 고르세요")
    assert inspection.saved("bbox") == {
        "judgements": [{"label": 1, "decision": "approve"}], "missed": [], "verdict": None}
    row2.locator("label.lab-reason").filter(has_text="헐거움").click()
    expect(row2.locator(".lab-reason-needed")).to_be_hidden()
    expect(row2.locator(".lab-judge-name")).to_contain_text("— 반려: 헐거움")
    expect(labels.nth(1)).to_have_attribute("aria-label", re.compile(f"^{circle} — 반려: 헐거움"))

    row3 = inspection.row("bbox", 3)
    row3.locator("label.lab-reject").click()
    row3.locator("label.lab-reason").filter(has_text="클래스(라벨) 틀림").click()

    # The triangle the labeler missed: "누락 객체 그리기", then drag around it.
    draw = item.locator('[data-action="draw-missed"]')
    draw.click()
    expect(draw).to_have_attribute("aria-pressed", "true")
    inspection.drag("bbox", (30, 110), (90, 140))
    expect(draw).to_have_attribute("aria-pressed", "true")  # still drawing, as the other editors do
    expect(item.locator(".lab-shape")).to_have_count(1)
    expect(item.locator(".lab-list li")).to_have_count(1)
    expect(item.locator(".lab-list li")).to_contain_text("누락 객체 1")
    item.locator("label.lab-verdict-option").filter(has_text="반려 — 재작업 요청").click()

    saved = inspection.saved("bbox")
    assert saved["judgements"] == [
        {"label": 1, "decision": "approve"},
        {"label": 2, "decision": "reject", "reason": "not_tight"},
        {"label": 3, "decision": "reject", "reason": "wrong_class"},
    ]
    assert saved["verdict"] == "reject"
    assert len(saved["missed"]) == 1 and close(saved["missed"][0]["box"], MISSED_TRIANGLE), saved
    expect(inspection.exam.cell(inspection.number("bbox"))).to_have_class(re.compile(r"\banswered\b"))

    # --- the spans, with the keyboard alone (from the question's own "나중에 다시 보기" box)
    item = inspection.open("spans")
    badges = item.locator(".lab-insp-badge")
    expect(badges).to_have_count(2)
    item.locator(".flag input").focus()
    page.keyboard.press("j")
    assert inspection.focused_label().startswith("1 인물: “홍길동”"), inspection.focused_label()
    expect(item.locator(".lab-insp-seg.current")).to_have_text("홍길동")
    page.keyboard.press("Tab")  # Tab goes through the labels too
    assert inspection.focused_label().startswith("2 장소: “서울”")
    expect(inspection.row("spans", 2)).to_have_class(re.compile(r"\bcurrent\b"))
    page.keyboard.press("k")
    assert inspection.focused_label().startswith("1 인물")

    page.keyboard.press("a")  # approve 1: on to the next label not judged
    assert inspection.focused_label().startswith("2 장소: “서울”")
    expect(inspection.live("spans")).to_contain_text("1번 라벨을 승인했습니다.")
    page.keyboard.press("r")  # reject 2, then its reason by number
    expect(inspection.row("spans", 2).locator(".lab-reasons")).to_be_visible()
    expect(inspection.live("spans")).to_contain_text("이유를 고르세요: 1 구간 경계 틀림")
    page.keyboard.press("1")
    assert inspection.focused_label().endswith("반려: 구간 경계 틀림"), inspection.focused_label()
    assert inspection.saved("spans")["judgements"][1] == {"label": 2, "decision": "reject", "reason": "span_boundary"}
    page.keyboard.press("a")  # on second thought: it is right
    expect(inspection.live("spans")).to_contain_text("모든 라벨을 판정했습니다")
    page.keyboard.press("v")
    expect(item.locator(".lab-verdict-input").first).to_be_focused()
    page.keyboard.press("a")
    expect(item.locator('.lab-verdict-input[value="approve"]')).to_be_checked()
    expect(inspection.live("spans")).to_contain_text("항목 전체 판정: 승인")
    assert inspection.saved("spans") == {
        "judgements": [{"label": 1, "decision": "approve"}, {"label": 2, "decision": "approve"}],
        "missed": [], "verdict": "approve"}

    # --- submit: the stored answers, the scores, the review
    page.locator("#submit-open").click()
    page.locator("#submit-confirm").click()
    expect(page).to_have_url(re.compile(rf"/attempts/{inspection.exam.attempt_id}/result$"))
    scored = {i["task"]: i for i in inspection.exam.result()["items"] if i["type"] == "inspect"}
    assert scored["bbox"]["response"]["judgements"] == saved["judgements"]
    assert close(scored["bbox"]["response"]["missed"][0]["box"], MISSED_TRIANGLE)
    assert scored["bbox"]["points"] == pytest.approx(1.0), scored["bbox"]["detail"]
    assert scored["spans"]["points"] == pytest.approx(1.0), scored["spans"]["detail"]
    assert scored["spans"]["response"]["verdict"] == "approve"
    tables = page.locator(".inspect-table")
    expect(tables).to_have_count(2)
    bbox_review = page.locator(".inspect-review").filter(has=page.locator(".review-svg"))
    expect(bbox_review.locator(".insp-row.caught")).to_have_count(3)  # 2, 3 and the missed triangle
    expect(bbox_review.locator(".inspect-table")).to_contain_text("잡아냄")


def test_keyboard_drawing_undo_and_restoring_after_a_reload(inspection: Inspection) -> None:
    page = inspection.page
    item = inspection.open("bbox")
    item.locator(".lab-viewport").focus()
    page.keyboard.press("ArrowDown")  # the first label
    assert inspection.focused_label().startswith("1 사각형: 상자")
    page.keyboard.press("a")
    assert inspection.focused_label().startswith("2 원")
    page.keyboard.press("r")
    page.keyboard.press("9")  # there are six reasons
    expect(inspection.live("bbox")).to_contain_text("반려 이유 번호는 1부터 6까지입니다.")
    page.keyboard.press("1")  # not_tight; on to label 3
    assert inspection.focused_label().startswith("3 원")
    page.keyboard.press("r")  # label 3 rejected, reason still open
    expect(inspection.row("bbox", 3)).to_have_class(re.compile(r"\bpending\b"))

    # M, then N: a box in the middle of the view; the arrows move it, E picks an edge, Enter ends.
    page.keyboard.press("m")
    expect(item.locator('[data-action="draw-missed"]')).to_have_attribute("aria-pressed", "true")
    expect(item.locator(".lab-status")).to_contain_text("누락 객체 그리기")
    page.keyboard.press("n")
    expect(item.locator(".lab-shape")).to_have_count(1)
    label = inspection.focused_label()
    assert label.startswith("누락 객체 1:"), label
    x, y, w, h = (float(v) for v in BOX.search(label).groups())
    for key, delta in (("ArrowRight", 30 - x), ("ArrowDown", 110 - y)):
        if delta < 0:
            key = {"ArrowRight": "ArrowLeft", "ArrowDown": "ArrowUp"}[key]
        for _ in range(int(abs(delta)) // 10):
            page.keyboard.press(f"Shift+{key}")
        for _ in range(int(abs(delta)) % 10):
            page.keyboard.press(key)
    for _ in range(3):
        page.keyboard.press("e")  # whole → left → top → right edge
    expect(item.locator(".lab-status")).to_contain_text("오른쪽 변")
    for _ in range(int(abs(60 - w))):
        page.keyboard.press("ArrowRight" if w < 60 else "ArrowLeft")
    page.keyboard.press("e")  # bottom edge
    for _ in range(int(abs(30 - h))):
        page.keyboard.press("ArrowDown" if h < 30 else "ArrowUp")
    page.keyboard.press("Enter")
    expect(inspection.live("bbox")).to_contain_text(
        "누락 객체를 다 그렸습니다: 누락 객체 1: x 30, y 110, 너비 60, 높이 30")
    saved = inspection.saved("bbox")
    assert saved == {"judgements": [{"label": 1, "decision": "approve"},
                                    {"label": 2, "decision": "reject", "reason": "not_tight"}],
                     "missed": [{"box": MISSED_TRIANGLE}], "verdict": None}

    # After Enter the arrows move between the labels again, from the one judged last; a second
    # box is drawn and deleted.
    page.keyboard.press("ArrowUp")
    assert inspection.focused_label().startswith("2 원")
    page.keyboard.press("m")
    page.keyboard.press("n")
    expect(item.locator(".lab-shape")).to_have_count(2)
    page.keyboard.press("Delete")
    expect(item.locator(".lab-shape")).to_have_count(1)
    expect(inspection.live("bbox")).to_contain_text("지웠습니다: 누락 객체 2")

    # Undo brings back what a key undid; the verdict by V, then R.
    page.keyboard.press("Control+z")
    expect(item.locator(".lab-shape")).to_have_count(2)
    page.keyboard.press("Control+y")
    expect(item.locator(".lab-shape")).to_have_count(1)
    page.keyboard.press("v")
    page.keyboard.press("r")
    expect(item.locator('.lab-verdict-input[value="reject"]')).to_be_checked()
    saved = inspection.saved("bbox")
    assert saved["verdict"] == "reject" and len(saved["missed"]) == 1

    # A reload shows the saved answer (the pending rejection of label 3 was never saved).
    inspection.exam.reload()
    item = inspection.open("bbox")
    expect(item.locator(".lab-shape")).to_have_count(1)
    expect(inspection.row("bbox", 1).locator('.lab-decision-input[value="approve"]')).to_be_checked()
    expect(inspection.row("bbox", 2).locator('.lab-reason-input[value="not_tight"]')).to_be_checked()
    expect(inspection.row("bbox", 3).locator(".lab-decision-input:checked")).to_have_count(0)
    expect(item.locator('.lab-verdict-input[value="reject"]')).to_be_checked()
    expect(item.locator('[data-action="undo"]')).to_be_disabled()
    assert inspection.saved("bbox") == saved

    # Offline, a judgement waits in the journal; the next page load shows it (apply()).
    page.route("**/api/v1/attempts/*/items/*", lambda route: route.abort("internetdisconnected"))
    inspection.row("bbox", 3).locator(".lab-judge-name").click()
    page.keyboard.press("a")
    expect(inspection.exam.status).to_have_attribute("data-state", "offline")
    pending = inspection.exam.wait_journal(inspection.number("bbox"))[str(inspection.number("bbox"))]["response"]
    assert pending["judgements"][2] == {"label": 3, "decision": "approve"}
    page.unroute("**/api/v1/attempts/*/items/*")
    page.on("dialog", lambda d: d.accept())
    inspection.exam.reload()
    item = inspection.open("bbox")
    expect(inspection.row("bbox", 3).locator('.lab-decision-input[value="approve"]')).to_be_checked()
    expect(item.locator(".lab-insp").nth(2).locator(".lab-tag")).to_have_text("3 원 ✓")
    assert inspection.saved("bbox") == pending
