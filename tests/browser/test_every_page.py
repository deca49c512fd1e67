"""Every page of the site on a 360 px phone: no sideways scrolling, and no WCAG 2.2 A/AA violation
that axe-core finds (the project's standing rule). Then the same page, resized, at 320, 390 and
768 px, at 200 % zoom of a 1280 px window and at 320 px with the largest font: still no sideways
scrolling (WCAG 1.4.10 reflow).

One server and one database for the module: the candidates, their attempts (open ones for the
exam page, finished ones with wrong answers for the result pages) and an instructor are made
once, then each test visits one page (or one state of a page: a question type shown, the submit
dialog open, a form with its errors) and checks it. axe-core is the copy bundled in the pinned
axe-playwright-python package, so the check runs offline.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import (
    DEFAULT_TIMEOUT_MS,
    ExamPage,
    LiveServer,
    register,
    require_chromium,
    serving,
)
from tests.conftest import PASSWORD, correct_response, make_app, wrong_response

require_chromium()  # skips (or, with EXAM_PREP_REQUIRE_BROWSER set, fails) this module without Chromium

from axe_playwright_python.base import AXE_SCRIPT  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Page, expect  # noqa: E402

from tests.browser.test_inspection_editor import pass_level2  # noqa: E402

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Every rule for a WCAG 2.2 A/AA criterion, the experimental ones too (label-content-name-mismatch
# checks 2.5.3 Label in Name, td-has-header 1.3.1, ...), but not the deprecated ones.
RUN_AXE = """async (tags) => {
  const rules = axe.getRules(tags).filter((r) => !r.tags.includes("deprecated")).map((r) => r.ruleId);
  const results = await axe.run(document, {runOnly: {type: "rule", values: rules}, resultTypes: ["violations"]});
  return results.violations;
}"""
# The questions of each exam, pinned in this order, and how the candidate answers them: every kind
# of review (right, wrong, half right, left out) and of editor (empty, with shapes, judged).
PLAN: dict[str, list[tuple[str, str]]] = {
    "level2": [("t2-basics-1", "wrong"), ("t2-basics-2", "right"), ("t2-basics-3", "wrong"), ("t2-label-1", "wrong")],
    "practice": [("t2-prac-bbox", "half"), ("t2-prac-polygon", "right"), ("t2-prac-keypoints", "none"),
                 ("t2-prac-classify", "half"), ("t2-prac-spans", "half"), ("t2-prac-ocr", "right")],
    "level1": [("t1-quality-1", "wrong"), ("t1-quality-2", "right"), ("t1-insp-bbox", "right"),
               ("t1-insp-spans", "half")],
}
THEORY = ("single", "multiple", "ox", "short")
LABELING = ("bbox", "polygon", "keypoints", "classify", "spans", "ocr")
INSPECTION = ("bbox", "spans")  # the tasks of the level1 fixture's 검수 items
INSTRUCTOR = "강사"


# --- the site, with everything a page can show ----------------------------------------------


@dataclass
class Visitor:
    """One browser context (cookies of one person) and its single tab."""

    page: Page
    errors: list[str] = field(default_factory=list)


@dataclass
class Site:
    server: LiveServer
    visitors: dict[str, Visitor]
    open_attempts: dict[str, int]  # exam id → the candidate's open attempt
    results: dict[str, int]  # exam id → the candidate's finished attempt with wrong answers
    rendered: set[str] = field(default_factory=set)  # the templates the server has rendered pages with
    checked: set[str] = field(default_factory=set)  # the PAGES checked so far


class Api:
    """The JSON API with a signed-in page's cookies and CSRF token."""

    def __init__(self, page: Page, server: LiveServer) -> None:
        page.goto("/")
        self.page, self.server = page, server
        self.headers = {"X-CSRFToken": page.locator('meta[name="csrf-token"]').get_attribute("content")}

    def start(self, exam: str, questions: list[str]) -> dict[str, Any]:
        """A new attempt at `exam` with these questions, in this order."""
        started = self.page.request.post("/api/v1/attempts", data={"exam": exam}, headers=self.headers)
        assert started.status == 201, started.text()
        attempt_id = started.json()["id"]
        self.server.pin_questions(attempt_id, questions)
        return self.page.request.get(f"/api/v1/attempts/{attempt_id}").json()

    def save(self, attempt_id: int, item_id: int, response: Any) -> None:
        saved = self.page.request.put(f"/api/v1/attempts/{attempt_id}/items/{item_id}",
                                      data={"response": response, "seq": 1}, headers=self.headers)
        assert saved.ok, saved.text()

    def submit(self, attempt_id: int) -> None:
        submitted = self.page.request.post(f"/api/v1/attempts/{attempt_id}/submit", headers=self.headers)
        assert submitted.ok, submitted.text()


def take(api: Api, exam: str, submit: bool, answered: int | None = None) -> int:
    """An attempt at `exam` with the questions and answers of PLAN (only the first `answered`)."""
    plan = PLAN[exam]
    state = api.start(exam, [question for question, _ in plan])
    app, attempt_id = api.server.app, state["id"]
    for item, (_, how) in list(zip(state["items"], plan, strict=True))[:answered]:
        right = correct_response(app, attempt_id, item["id"])
        if item["type"] == "inspect":
            response = inspection_response(right, all_found=how == "right")
        elif how == "right":
            response = right
        elif how == "wrong":
            response = wrong_response(app, attempt_id, item["id"])
        else:
            response = half_of(right) if how == "half" else None
        if response is not None:
            api.save(attempt_id, item["id"], response)
    if submit:
        api.submit(attempt_id)
    return attempt_id


def half_of(response: dict[str, Any]) -> dict[str, Any]:
    """A labeling answer with its last shape (region, span, instance; label of the last image) left out."""
    (key, values), = response.items()
    if isinstance(values[-1], list):  # classify: one list of labels per image
        return {key: [*values[:-1], values[-1][:-1]]}
    assert len(values) > 1, f"half of {response} is nothing"
    return {key: values[:-1]}


def inspection_response(answer: dict[str, Any], all_found: bool) -> dict[str, Any]:
    """From the answer key: every error rejected and every missed object drawn, or the first error only."""
    errors = answer["errors"]
    rejected = [{"label": e["label"], "decision": "reject", "reason": e["reason"]} for e in errors if "label" in e]
    missed = [{"box": e["missed"]["box"]} for e in errors if "missed" in e]
    if not all_found:
        return {"judgements": rejected[:1], "missed": [], "verdict": "approve"}
    return {"judgements": rejected, "missed": missed, "verdict": answer["verdict"]}


def sign_in(page: Page, username: str) -> None:
    page.goto("/auth/login")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name=f"로그아웃 ({username})")).to_be_visible()


@pytest.fixture(scope="module")
def site(browser: Browser, template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    import shutil

    from flask import template_rendered

    from exam_prep.accounts import create_or_promote_instructor

    db_path = tmp_path_factory.mktemp("every_page") / "site.sqlite"
    shutil.copy(template_db, db_path)
    rendered: set[str] = set()
    app = make_app(db_path)
    template_rendered.connect(lambda _app, template, **_: rendered.add(template.name), app, weak=False)
    with serving(app) as server:
        contexts: list[BrowserContext] = []
        visitors: dict[str, Visitor] = {}
        for who in ("visitor", "newcomer", "candidate", "instructor"):
            context = browser.new_context(base_url=server.url, locale="ko-KR", timezone_id="Asia/Seoul",
                                          viewport=PHONE)
            context.set_default_timeout(DEFAULT_TIMEOUT_MS)
            contexts.append(context)
            visitor = Visitor(context.new_page())
            visitor.page.on("pageerror", lambda e, v=visitor: v.errors.append(f"{v.page.url}: {e}"))
            visitors[who] = visitor

        register(visitors["newcomer"].page, "새내기")
        with server.app.app_context():
            create_or_promote_instructor(INSTRUCTOR, PASSWORD)
        sign_in(visitors["instructor"].page, INSTRUCTOR)

        page = visitors["candidate"].page
        register(page, "수험생1")
        api = Api(page, server)
        # Finished attempts with wrong answers: theory, labeling pictures, inspection pictures.
        results = {exam: take(api, exam, submit=True) for exam in ("level2", "practice")}
        pass_level2(page, server)
        results["level1"] = take(api, "level1", submit=True)
        # Open attempts for the exam page, with answers (a few questions left for the submit dialog to name).
        open_attempts = {"level2": take(api, "level2", submit=False, answered=2),
                         "practice": take(api, "practice", submit=False),
                         "level1": take(api, "level1", submit=False)}

        rendered.clear()  # from here on, what the checked pages render
        yield Site(server, visitors, open_attempts, results, rendered)
        for context in contexts:
            context.close()


# --- the checks ---------------------------------------------------------------------------


def axe_report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['failureSummary']}".replace("\n", " "))
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


# An element as a CSS selector, for messages.
NAME = """
  const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "")
    + [...el.classList].map((c) => `.${c}`).join("");"""
# The innermost elements that reach past the window's right edge, to say what makes a page scroll.
TOO_WIDE = "() => {" + NAME + """
  const right = (el) => Math.round(el.getBoundingClientRect().right);
  const wide = [...document.body.querySelectorAll("*")].filter((el) => right(el) > window.innerWidth);
  return wide.filter((el) => !wide.some((other) => other !== el && el.contains(other))).slice(0, 5)
    .map((el) => `${name(el.parentElement)} > ${name(el)} (right edge ${right(el)} px)`);
}"""
# Boxes on the page that scroll sideways by themselves (a list, a table, a panel): on a phone their
# end is out of sight as surely as if the page scrolled. Not the labeling canvas, which is there to
# be panned across a zoomed image.
SCROLLING_BOXES = "() => {" + NAME + """
  return [...document.body.querySelectorAll("*")].filter((el) => {
    const overflow = getComputedStyle(el).overflowX;
    return (overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth + 1
      && el.getClientRects().length > 0 && !el.matches(".lab-viewport");
  }).map((el) => `${name(el)} (${el.scrollWidth} px in ${el.clientWidth} px)`);
}"""


# Content that sticks out past the side of the question, bar, card or fieldset it belongs to:
# the page may still fit, but a field or a button runs over its box's edge. Only the innermost
# such elements; not inside something that scrolls or clips by itself (the labeling canvas, a
# table's scroll box), not the screen-reader-only words (1 px).
STICKING_OUT = "() => {" + NAME + """
  const clips = (el) => getComputedStyle(el).overflowX !== "visible";
  const found = [];
  for (const box of document.body.querySelectorAll(".item, .exam-bar, .answer-sheet, dialog[open], fieldset, .card")) {
    const edge = box.getBoundingClientRect();
    if (!edge.width || !box.checkVisibility()) continue;
    for (const el of box.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || (r.right <= edge.right + 1 && r.left >= edge.left - 1)) continue;
      if (!el.checkVisibility()) continue;  // inside a closed <details>: laid out, not shown
      let clipped = false;
      for (let up = el.parentElement; up && up !== box && !clipped; up = up.parentElement) clipped = clips(up);
      if (!clipped) found.push([el, box]);
    }
  }
  return found.filter(([el]) => !found.some(([other]) => other !== el && el.contains(other))).slice(0, 5)
    .map(([el, box]) => `${name(el.parentElement)} > ${name(el)} (past ${name(box)})`);
}"""


# All three in one call, as the reflow check runs them at five sizes on every page.
MEASURE = ("() => [document.documentElement.scrollWidth, window.innerWidth, (" + SCROLLING_BOXES + ")(), ("
           + STICKING_OUT + ")()]")


def misfits(page: Page) -> list[str]:
    """What does not fit the window at its present size: the page, boxes in it, content in a box."""
    width, window, boxes, sticking_out = page.evaluate(MEASURE)
    found = []
    if width > window:
        found.append(f"the page scrolls sideways ({width} px in a {window} px window); "
                     f"too wide: {page.evaluate(TOO_WIDE)}")
    if boxes:
        found.append(f"parts of the page scroll sideways: {boxes}")
    if sticking_out:
        found.append(f"content sticks out of its box: {sticking_out}")
    return found


def check(page: Page, where: str) -> None:
    found = misfits(page)
    assert not found, f"{where}: " + "; ".join(found)
    page.evaluate(AXE_SCRIPT)
    violations = page.evaluate(RUN_AXE, WCAG_22_AA)
    assert not violations, f"{where}: axe-core found WCAG 2.2 AA violations:\n{axe_report(violations)}"


# WCAG 1.4.10 reflow at the other sizes the site must fit, measured on the page the 360 px check
# just saw (resized, not reloaded, and without axe again: the markup is the same). 200 % browser
# zoom of a 1280 × 800 window is a 640 × 400 CSS px viewport: zooming divides the CSS pixels the
# window holds, and layout and media queries see only those; Playwright fixes the device scale
# factor per context, and it changes how sharp the pixels are drawn, not where the boxes fall.
REFLOW_SIZES = {"320 px": (320, 640), "390 px": (390, 844), "768 px": (768, 1024),
                "200 % zoom of 1280 px": (640, 400)}
# The largest of the 가 가 가 font sizes (static/js/font-size.js puts fs-<size> on <html>) on the
# narrowest screen, as the last size: class set in the page, not by the button, so the choice is
# not remembered for the next pages.
LARGE_FONT = """(large) => {
  const root = document.documentElement;
  root.classList.remove("fs-small", "fs-medium", "fs-large");
  root.classList.add(large ? "fs-large" : "fs-medium");
}"""
NEXT_FRAME = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def check_reflow(page: Page, where: str) -> None:
    too_wide = []
    sizes = [(name, size, False) for name, size in REFLOW_SIZES.items()]
    try:
        for name, (width, height), large in [*sizes, ("320 px, large font", REFLOW_SIZES["320 px"], True)]:
            page.set_viewport_size({"width": width, "height": height})
            if large:
                page.evaluate(LARGE_FONT, True)
            page.evaluate(NEXT_FRAME)
            too_wide += [f"{name}: {found}" for found in misfits(page)]
    finally:
        page.evaluate(LARGE_FONT, False)
        page.set_viewport_size(PHONE)
    assert not too_wide, f"{where}: it does not fit at\n" + "\n".join(too_wide)


# --- the pages ------------------------------------------------------------------------------


Go = Callable[[Page, Site], None]


def url(path: str, status: int = 200) -> Go:
    def go(page: Page, site: Site) -> None:
        response = page.goto(path)
        assert response is not None and response.status == status, (path, response and response.status)
    return go


def register_with_errors(page: Page, site: Site) -> None:
    page.goto("/auth/register")
    page.fill('input[name="username"]', "!")
    page.fill('input[name="password"]', "short")
    page.fill('input[name="password2"]', "different")
    page.get_by_role("button", name="가입하기").click()
    expect(page.locator(".field.has-error")).to_have_count(3)


def login_refused(page: Page, site: Site) -> None:
    page.goto("/auth/login")
    page.fill('input[name="username"]', "없는사람")
    page.fill('input[name="password"]', "not the password")
    page.get_by_role("button", name="로그인").click()
    expect(page.locator(".field.has-error")).to_have_count(1)


def exam_item(exam: str, kind: str, task: str | None = None) -> Go:
    """The exam page of the candidate's open attempt, showing its (first) item of a type."""
    def go(page: Page, site: Site) -> None:
        exam_page = ExamPage(page, site.server, site.open_attempts[exam])
        page.goto(f"/attempts/{exam_page.attempt_id}")
        exam_page.wait_ready()
        selector = f'.item[data-type="{kind}"]' + (f':has(.labeling[data-task="{task}"])' if task else "")
        exam_page.show(int(page.locator(selector).first.get_attribute("data-item")))
        # From the item's top, as a candidate arriving at it sees it: going to the same address
        # again brings back the scroll position the previous row left, at which a control may lie
        # half under the sticky exam bar (axe's target-size counts it as obscured).
        page.locator(selector).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    return go


def submit_dialog(page: Page, site: Site) -> None:
    exam_item("level2", "single")(page, site)
    page.locator("#submit-open").click()
    expect(page.locator("#submit-dialog")).to_be_visible()
    expect(page.locator("#unanswered-list")).to_have_text("3번, 4번")


def answer_sheet_open(page: Page, site: Site) -> None:
    """The answer sheet on the phone: the exam bar's 답안표 opens it as a sheet from the bottom."""
    exam_item("level2", "single")(page, site)
    page.locator("#sheet-open").click()
    sheet = page.locator("#sheet-dialog")
    expect(sheet).to_be_visible()
    sheet.evaluate("sheet => Promise.all(sheet.getAnimations().map((a) => a.finished))")


def result(exam: str, wrong_only: bool = False) -> Go:
    def go(page: Page, site: Site) -> None:
        page.goto(f"/attempts/{site.results[exam]}/result" + ("?wrong=1" if wrong_only else ""))
        expect(page.locator("#verdict")).to_be_visible()
    return go


def question_editor(path: str) -> Go:
    """The question editor, once its live preview shows the draft."""
    def go(page: Page, site: Site) -> None:
        page.goto(path)
        expect(page.locator("#editor")).to_have_attribute("data-ready", "true")
        expect(page.locator("#preview-state")).to_have_attribute("data-state", "done")
    return go


def question_editor_problems(page: Page, site: Site) -> None:
    """A new question saved with a wrong id and no answer: the form again, problems at their fields."""
    page.goto("/instructor/questions/new?type=single")
    page.fill("#f-id", "빈 칸 있는 번호")
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator("#f-id-problems")).to_be_visible()


def question_conflict(page: Page, site: Site) -> None:
    """An edit saved from a version someone else replaced meanwhile: 409 (nothing is written)."""
    page.goto("/instructor/questions/t2-basics-1/edit")
    page.locator('input[name="base_hash"]').evaluate("input => { input.value = '0'.repeat(64); }")
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator("#conflict")).to_be_visible()


def labeling_editor(path: str, source: str | None = None) -> Go:
    """A labeling or inspection exercise in the question editor, its reference drawn with the
    candidate's editor (an inspection: started from ``source`` and previewed as the candidate's task)."""
    def go(page: Page, site: Site) -> None:
        page.goto(path)
        expect(page.locator("#editor")).to_have_attribute("data-ready", "true")
        if source:
            expect(page.locator(".inspect-source")).to_have_attribute("data-loaded", "true")
            page.locator(".inspect-source").select_option(source)
        expect(page.locator(".reference-editor .ref-canvas")).to_have_attribute("data-state", "ready")
        if source:
            page.get_by_role("button", name="검수 화면 보기").click()
            expect(page.locator(".inspect-preview-body")).to_have_attribute("data-state", "ready")
    return go


def analysis_of(question_id: str) -> Go:
    """The item analysis page of a question's current version (the candidate's finished attempts)."""
    def go(page: Page, site: Site) -> None:
        from sqlalchemy import select

        from exam_prep.extensions import db
        from exam_prep.models import QuestionVersion

        with site.server.app.app_context():
            version_id = db.session.scalar(select(QuestionVersion.id).where(
                QuestionVersion.question_id == question_id, QuestionVersion.is_current.is_(True)))
        page.goto(f"/instructor/analysis/{version_id}")
        expect(page.locator("#figures")).to_be_visible()
    return go


def temporary_password(page: Page, site: Site) -> None:
    """A password reset: the temporary password shown once (on an account made for it)."""
    from exam_prep.accounts import create_user, find_user

    with site.server.app.app_context():
        if find_user("초기화대상") is None:
            create_user("초기화대상", PASSWORD)
    page.goto("/instructor/accounts?q=초기화대상")
    page.get_by_role("button", name="초기화대상 비밀번호 초기화").click()
    expect(page.locator("#temporary-password")).to_be_visible()


def bank_import_problems(page: Page, site: Site) -> None:
    """A zip refused by the bank import: the page again with its problems by path and line."""
    import io
    import zipfile

    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("level2/new.yaml", "- id: t2-new\n  type: ox\n  level: 2\n  domain: basics\n"
                                            "  question: 문항\n  answer: 3\n  explanation: 해설\n")
    page.goto("/instructor/bank")
    page.set_input_files("#bank-zip", files=[{"name": "bank.zip", "mimeType": "application/zip",
                                              "buffer": broken.getvalue()}])
    page.get_by_role("button", name="가져오기", exact=True).click()
    expect(page.locator(".bank-problems li").first).to_contain_text("level2/new.yaml:6:")


def practice_item(kind: str, checked: bool) -> Go:
    """A new practice set of every level 2 question of a type, its first item before or after
    정답 확인 (a theory item answered wrong, a labeling item half right: the review picture)."""
    def go(page: Page, site: Site) -> None:
        import re

        api = Api(page, site.server)
        started = page.request.post("/api/v1/practice", data={"level": 2, "types": [kind], "size": None},
                                    headers=api.headers)
        assert started.status == 201, started.text()
        set_id = started.json()["id"]
        if checked:
            right = correct_response(site.server.app, set_id, 1)
            answer = wrong_response(site.server.app, set_id, 1) if kind in THEORY else half_of(right)
            api.save(set_id, 1, answer)
        page.goto(f"/practice/{set_id}")
        expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)js(\s|$)"))
        if checked:
            page.locator('.practice-item[data-item="1"]').get_by_role("button", name="정답 확인").click()
            expect(page.locator("#result-1 .check-outcome")).to_be_visible()
    return go


def practice_no_match(page: Page, site: Site) -> None:
    """The chooser again, with its reason, when nothing matches (no difficulty-3 question in the fixtures)."""
    page.goto("/practice/new?level=2&difficulty=3")
    page.get_by_role("button", name="연습 시작").click()
    expect(page.locator("#chooser-message")).to_be_visible()


def practice_summary(page: Page, site: Site) -> None:
    """A finished practice set: its score, right and wrong, and each item's review."""
    practice_item("bbox", checked=True)(page, site)
    page.get_by_role("button", name="연습 끝내기").click()
    expect(page.locator("#practice-tally")).to_be_visible()



def notebook(path: str) -> Go:
    """The 오답노트 (the candidate's finished exams put their wrong items in it), with a note."""
    def go(page: Page, site: Site) -> None:
        page.goto(path)
        entry = page.locator("article.notebook-entry").first
        expect(entry).to_be_visible()
        if not entry.locator("textarea").input_value():
            entry.locator("textarea").fill("다음엔 꼭 맞히기")
            entry.get_by_role("button", name="메모 저장").click()
            expect(page.locator(".flash-success")).to_be_visible()
    return go


def notebook_bookmarks(page: Page, site: Site) -> None:
    """A question kept with the result page's 보관하기, on the bookmarks page."""
    page.goto(f"/attempts/{site.results['level2']}/result")
    keep = page.locator('.bookmark-button[aria-pressed="false"]').first
    if keep.count():
        keep.click()
        expect(page.locator(".flash-success")).to_be_visible()
    page.goto("/notebook/bookmarks")
    expect(page.locator("article.bookmark-entry").first).to_be_visible()

def result_right_answers_open(exam: str) -> Go:
    """The result page with its folded right answers opened (their review pictures shown)."""
    def go(page: Page, site: Site) -> None:
        result(exam)(page, site)
        page.locator("#right-items > summary").click()
        expect(page.locator("#right-items article.review-item").first).to_be_visible()
    return go


def progress(path: str) -> Go:
    """나의 학습 현황: the chart and tables, or the empty state."""
    def go(page: Page, site: Site) -> None:
        page.goto(path)
        expect(page.locator("#readiness, #progress-empty")).to_be_visible()
    return go


PAGES: list[tuple[str, str, Go]] = [
    ("welcome", "visitor", url("/")),
    ("login", "visitor", url("/auth/login")),
    ("login-refused", "visitor", login_refused),
    ("register", "visitor", url("/auth/register")),
    ("register-errors", "visitor", register_with_errors),
    ("help-signed-out", "visitor", url("/help")),
    ("not-found-signed-out", "visitor", url("/no-such-page", 404)),
    ("dashboard-new", "newcomer", url("/")),
    ("history-empty", "newcomer", url("/history")),
    ("password-change", "newcomer", url("/auth/password")),
    ("forbidden", "newcomer", url("/instructor/", 403)),
    ("dashboard-level1-unlocked", "candidate", url("/")),
    ("help", "candidate", url("/help")),
    ("history", "candidate", url("/history")),
    ("not-found", "candidate", url("/attempts/999999", 404)),
    *[(f"exam-{kind}", "candidate", exam_item("level2", kind)) for kind in THEORY],
    *[(f"exam-{kind}", "candidate", exam_item("practice", kind)) for kind in LABELING],
    *[(f"exam-inspect-{task}", "candidate", exam_item("level1", "inspect", task=task)) for task in INSPECTION],
    ("exam-level1-theory", "candidate", exam_item("level1", "single")),
    ("exam-submit-dialog", "candidate", submit_dialog),
    ("exam-answer-sheet", "candidate", answer_sheet_open),
    ("result-level2", "candidate", result("level2")),
    ("result-level2-wrong-only", "candidate", result("level2", wrong_only=True)),
    ("result-labeling", "candidate", result("practice")),
    ("result-level1", "candidate", result("level1")),
    ("result-level2-right-open", "candidate", result_right_answers_open("level2")),
    ("result-labeling-right-open", "candidate", result_right_answers_open("practice")),
    ("progress-empty", "newcomer", progress("/progress")),
    ("progress-level2", "candidate", progress("/progress?level=2")),
    ("progress-level1", "candidate", progress("/progress?level=1")),
    ("practice-chooser", "candidate", url("/practice/new")),
    ("practice-chooser-no-match", "candidate", practice_no_match),
    ("practice-ox", "candidate", practice_item("ox", checked=False)),
    ("practice-ox-checked", "candidate", practice_item("ox", checked=True)),
    ("practice-bbox-checked", "candidate", practice_item("bbox", checked=True)),
    ("practice-summary", "candidate", practice_summary),
    ("notebook", "candidate", notebook("/notebook/")),
    ("notebook-filtered", "candidate", notebook("/notebook/?level=2&type=single")),
    ("notebook-bookmarks", "candidate", notebook_bookmarks),
    ("notebook-cleared-empty", "candidate", url("/notebook/cleared")),
    ("instructor", "instructor", url("/instructor/")),
    ("instructor-questions", "instructor", url("/instructor/questions")),
    ("instructor-questions-level1", "instructor", url("/instructor/questions?level=1")),
    ("instructor-question-single", "instructor", url("/instructor/questions/t2-basics-1")),
    ("instructor-question-bbox", "instructor", url("/instructor/questions/t2-prac-bbox")),
    ("instructor-question-inspect", "instructor", url("/instructor/questions/t1-insp-bbox")),
    ("instructor-question-new", "instructor", url("/instructor/questions/new")),
    ("instructor-editor-new-single", "instructor", url("/instructor/questions/new?type=single")),
    ("instructor-editor-multiple", "instructor", question_editor("/instructor/questions/t2-basics-2/edit")),
    ("instructor-editor-ox", "instructor", question_editor("/instructor/questions/t2-basics-3/edit")),
    ("instructor-editor-short", "instructor", question_editor("/instructor/questions/t2-label-1/duplicate")),
    ("instructor-editor-problems", "instructor", question_editor_problems),
    ("instructor-editor-conflict", "instructor", question_conflict),
    ("instructor-question-history", "instructor", url("/instructor/questions/t2-basics-1/history")),
    ("instructor-analysis", "instructor", url("/instructor/analysis")),
    ("instructor-analysis-single", "instructor", analysis_of("t2-basics-1")),
    ("instructor-analysis-bbox", "instructor", analysis_of("t2-prac-bbox")),
    ("instructor-analysis-keypoints", "instructor", analysis_of("t2-prac-keypoints")),
    ("instructor-analysis-inspect", "instructor", analysis_of("t1-insp-bbox")),
    ("instructor-cohort", "instructor", url("/instructor/cohort")),
    ("instructor-accounts", "instructor", url("/instructor/accounts")),
    ("instructor-accounts-password", "instructor", temporary_password),
    ("instructor-labeling-images", "instructor", url("/instructor/labeling/images")),
    ("instructor-bank", "instructor", url("/instructor/bank")),
    ("instructor-bank-problems", "instructor", bank_import_problems),
    ("instructor-editor-bbox", "instructor", labeling_editor("/instructor/questions/t2-prac-bbox/edit")),
    ("instructor-editor-polygon", "instructor", labeling_editor("/instructor/questions/t2-prac-polygon/edit")),
    ("instructor-editor-keypoints", "instructor", labeling_editor("/instructor/questions/t2-prac-keypoints/edit")),
    ("instructor-editor-classify", "instructor", labeling_editor("/instructor/questions/t2-prac-classify/edit")),
    ("instructor-editor-spans", "instructor", labeling_editor("/instructor/questions/t2-prac-spans/edit")),
    ("instructor-editor-ocr", "instructor", labeling_editor("/instructor/questions/t2-prac-ocr/edit")),
    ("instructor-editor-inspect", "instructor", labeling_editor("/instructor/questions/t1-insp-bbox/edit")),
    ("instructor-editor-new-inspect", "instructor",
     labeling_editor("/instructor/questions/new?type=inspect", source="t2-prac-polygon")),
]


@pytest.mark.parametrize(("who", "go"), [pytest.param(who, go, id=name) for name, who, go in PAGES])
def test_the_page_fits_a_phone_and_passes_axe(site: Site, who: str, go: Go, request: pytest.FixtureRequest) -> None:
    visitor = site.visitors[who]
    visitor.errors.clear()
    go(visitor.page, site)
    check(visitor.page, request.node.callspec.id)
    check_reflow(visitor.page, request.node.callspec.id)
    assert not visitor.errors, f"JavaScript errors on the page: {visitor.errors}"
    site.checked.add(request.node.callspec.id)


# The high-contrast theme (static/css/contrast.css, the header's 고대비 button) on a few pages that
# show most of what it restyles: an exam item with its labeling editor, the reviews of labeling and
# inspection items, the dashboard, the instructor hub. The same checks at 360 px, and the 7:1
# contrast of WCAG AAA (axe's color-contrast-enhanced) that the theme promises for its text.
HIGH_CONTRAST = ("exam-bbox", "result-labeling", "result-level1", "dashboard-level1-unlocked", "instructor")
RUN_RULES = """async (rules) => (await axe.run(document, {runOnly: {type: "rule", values: rules},
  resultTypes: ["violations"]})).violations"""


@pytest.mark.parametrize(("who", "go"), [pytest.param(who, go, id=name) for name, who, go in PAGES
                                         if name in HIGH_CONTRAST])
def test_high_contrast_page_passes_axe(site: Site, who: str, go: Go, request: pytest.FixtureRequest) -> None:
    page, where = site.visitors[who].page, f"{request.node.callspec.id} in high contrast"
    page.evaluate("localStorage.setItem('exam_prep:contrast', 'high')")
    try:
        go(page, site)
        assert page.locator("html").get_attribute("data-contrast") == "high", where
        check(page, where)
        violations = page.evaluate(RUN_RULES, ["color-contrast-enhanced"])
        assert not violations, f"{where}: text below 7:1 contrast:\n{axe_report(violations)}"
    finally:
        page.evaluate("localStorage.removeItem('exam_prep:contrast')")


def test_every_question_type_is_shown_on_the_exam_page() -> None:
    from exam_prep import questions

    assert {*THEORY, *LABELING, "inspect"} == set(questions.names()), "a question type is missing from PAGES"


def test_every_page_template_was_checked(site: Site) -> None:
    """A new page (a template that extends base.html) is on PAGES, or this fails."""
    if len(site.checked) < len(PAGES):
        pytest.skip("only some of PAGES were checked in this run")
    templates = Path(__file__).parents[2] / "templates"
    pages = {path.relative_to(templates).as_posix() for path in templates.rglob("*.html")
             if '{% extends "base.html" %}' in path.read_text(encoding="utf-8")}
    assert pages, templates
    assert pages <= site.rendered, f"page templates no row of PAGES shows: {sorted(pages - site.rendered)}"

