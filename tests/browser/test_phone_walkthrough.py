"""A new candidate on a 360 px touch phone (issue 12, "done when"): registers, takes the Level 2 mock
exam of the shipped question bank, answers theory items and a box, a polygon, a keypoints and an
OCR exercise by touch, submits, and reads the review of those four exercises.

At every step: the page does not scroll sideways, the control the finger goes to is on the screen
and nothing (a sticky bar, a sheet) covers it — document.elementFromPoint at its centre is the
control or inside it, and the touch lands there —, and what was answered reached the server.

The exam draws its questions at random; the four exercises are pinned (right after the exam page
opens, then the page is reloaded) so that every run, and the pictures in docs/, show the same ones.

EXAM_PREP_DOCSHOTS=1 also writes the screen at each step to docs/img/phone/ (for docs/phone.md);
EXAM_PREP_DOCSHOTS=<folder> writes them there.
"""
from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask_migrate import upgrade

from exam_prep.bank.sync import load_folder
from exam_prep.extensions import db
from tests.browser.conftest import (
    ATTEMPT_URL,
    DEFAULT_TIMEOUT_MS,
    ExamPage,
    LiveServer,
    PageErrors,
    require_chromium,
    serving,
    touch_phone,
)
from tests.conftest import PASSWORD, make_app

require_chromium()  # skips (or, with EXAM_PREP_REQUIRE_BROWSER set, fails) this module without Chromium

from playwright.sync_api import Browser, Locator, Page, expect  # noqa: E402

from tests.browser.test_every_page import NAME, SCROLLING_BOXES, TOO_WIDE  # noqa: E402
from tests.browser.test_labeling_editors import Labeling, close  # noqa: E402
from tests.browser.test_touch_drawing import TAP_TARGET, Fingers, centre  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_BANK = ROOT / "question_bank"
DOCSHOTS_ENV = "EXAM_PREP_DOCSHOTS"
DOCSHOTS = ROOT / "docs" / "img" / "phone"
PHONE = {"width": 360, "height": 740}
# The exercises the walkthrough meets, one per drawing tool, each with a few objects to draw.
EXERCISES = {"bbox": "l2-prac-bbox-313", "polygon": "l2-prac-polygon-202", "keypoints": "l2-prac-keypoints-02",
             "ocr": "l2-prac-ocr-02"}
THEORY_ANSWERED = 3  # the first theory questions, answered by tapping (or typing)

# Where the finger goes: scrolled into view as the browser does for a user (it keeps clear of the
# sticky bar through scroll-padding), then what is at the centre of the element, as a hit test.
REACH = "(el, scroll) => {" + NAME + """
  if (scroll) el.scrollIntoView({block: "nearest", inline: "nearest"});
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  const problem = r.width < 1 || r.height < 1 ? "not shown"
    : x < 0 || y < 0 || x > innerWidth || y > innerHeight ? `off the screen at (${x}, ${y})`
    : hit && el.contains(hit) ? null : `covered by ${hit ? name(hit) + " in " + name(hit.parentElement) : "nothing"}`;
  return {x, y, problem};
}"""
# The next click, and whether it reached `el` (a label's click reaches its input as well).
ARM_CLICK = "(el) => {" + NAME + """
  window.__tap = null;
  const seen = (e) => { window.__tap = {reached: el.contains(e.target), target: name(e.target)}; };
  document.addEventListener("click", seen, {capture: true, once: true});
}"""
# Layout shifts of the last second: what moved, and by how much (recorded by RECORD_SHIFTS).
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.__shifts.push({
  at: Math.round(entry.startTime), sources: (entry.sources || []).map((s) => ({
    node: s.node ? (s.node.id || s.node.className || s.node.nodeName) : null,
    from: Math.round(s.previousRect.y), to: Math.round(s.currentRect.y),
    height: [Math.round(s.previousRect.height), Math.round(s.currentRect.height)]}))
}))).observe({type: "layout-shift", buffered: true});
"""
SHIFTS = "window.__shifts.filter((s) => s.at > performance.now() - 1000)"
# What a finger touching (x, y) of the screen reaches: null inside `el`, else what it is.
HIT = "(el, [x, y]) => {" + NAME + """
  const hit = document.elementFromPoint(x, y);
  return hit && el.contains(hit) ? null : hit ? name(hit) : "nothing";
}"""


# --- the server, on the shipped bank ----------------------------------------------------


@pytest.fixture
def shipped_server(tmp_path: Path) -> Iterator[LiveServer]:
    app = make_app(tmp_path / "shipped.sqlite", EXAM_PREP_QUESTION_BANK=str(SHIPPED_BANK))
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load_folder(str(SHIPPED_BANK))
        db.engine.dispose()
    with serving(app) as server:
        yield server


@pytest.fixture
def phone(browser: Browser, shipped_server: LiveServer, page_errors: PageErrors) -> Iterator[Page]:
    with touch_phone(browser, shipped_server.url, page_errors, PHONE, device_scale_factor=2) as page:
        page.context.add_init_script(RECORD_SHIFTS)
        yield page


# --- what the candidate does, and what is checked at each step -----------------------------


class Walk:
    """The phone in the candidate's hand: taps that check first what they reach, and the screenshots."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.fingers = Fingers(page)
        wanted = os.environ.get(DOCSHOTS_ENV, "")
        self.shots = None if not wanted else DOCSHOTS if wanted == "1" else Path(wanted)
        self.taken: list[str] = []

    def fits(self, where: str) -> None:
        """No sideways scrolling: of the page, or of a box in it (a table, a list)."""
        width, window = self.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert window == PHONE["width"], f"{where}: the layout is {window} px wide on a {PHONE['width']} px phone"
        assert width <= window, f"{where}: the page scrolls sideways ({width} px): {self.page.evaluate(TOO_WIDE)}"
        boxes = self.page.evaluate(SCROLLING_BOXES)
        assert not boxes, f"{where}: parts of the page scroll sideways: {boxes}"

    def reach(self, control: Locator, where: str, scroll: bool = True) -> tuple[float, float]:
        """The control brought on screen (or, not `scroll`: as the screen is); it must be visible
        there, not covered. Its centre."""
        expect(control).to_be_visible()
        spot = control.evaluate(REACH, scroll)
        assert spot["problem"] is None, f"{where}: {control} is {spot['problem']}"
        self.fits(where)
        return spot["x"], spot["y"]

    def tap(self, control: Locator, where: str, leaves: bool = False) -> None:
        """A finger on the control's centre (where it is, not where a script would find it), which is
        at least TAP_TARGET px wide and high; the click it makes must reach the control (unless the
        tap `leaves` the page): a page that moves between the touch and the click (a bar that grows
        as it says 저장 중…) makes a tap miss."""
        at = self.reach(control, where)
        size = control.evaluate("(el) => { const r = el.getBoundingClientRect(); return [r.width, r.height]; }")
        assert min(size) >= TAP_TARGET - 0.5, f"{where}: {control} is {size[0]:.0f} × {size[1]:.0f} px to a finger"
        self.page.wait_for_timeout(300)  # a hand takes a moment between two taps
        if not leaves:
            control.evaluate(ARM_CLICK)
        self.page.touchscreen.tap(*at)
        if leaves:
            return
        self.page.wait_for_function("() => window.__tap !== null")
        tap = self.page.evaluate("window.__tap")
        assert tap["reached"], (f"{where}: the tap at {at} did not reach {control}: the click went to "
                                f"{tap['target']}; the page moved meanwhile: {self.page.evaluate(SHIFTS)}")

    def touchable(self, area: Locator, points: list[tuple[float, float]], where: str) -> None:
        """Each screen point is on `area` (nothing covers the image where the finger goes)."""
        for x, y in points:
            assert 0 <= x <= PHONE["width"] and 0 <= y <= PHONE["height"], f"{where}: ({x}, {y}) off the screen"
            hit = area.evaluate(HIT, [x, y])
            assert hit is None, f"{where}: {hit} covers the image at ({x}, {y}) (the image: {area.bounding_box()})"

    def shot(self, name: str) -> None:
        """The screen as the candidate sees it now (EXAM_PREP_DOCSHOTS: into docs/img/phone/)."""
        self.taken.append(name)
        if self.shots is None:
            return
        from PIL import Image

        self.shots.mkdir(parents=True, exist_ok=True)
        self.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        png = self.page.screenshot(animations="disabled", caret="initial")
        image = Image.open(io.BytesIO(png)).convert("RGB")
        # A palette of 256 colours: a third of the size, and text and lines stay sharp.
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            self.shots / f"{len(self.taken):02d}-{name}.png", optimize=True)


def register_by_touch(walk: Walk, username: str) -> None:
    page = walk.page
    page.goto("/")
    walk.fits("welcome")
    walk.tap(page.locator("#main").get_by_role("link", name="회원가입"), "welcome: 회원가입", leaves=True)
    expect(page).to_have_url(re.compile(r"/auth/register$"))
    for label, text in (("아이디", username), ("비밀번호", PASSWORD), ("비밀번호 확인", PASSWORD)):
        field = page.get_by_label(label, exact=True)
        walk.tap(field, f"register: {label}")
        expect(field).to_be_focused()
        page.keyboard.type(text)
    walk.reach(page.get_by_role("button", name="가입하기"), "register: 가입하기")
    walk.shot("register")
    walk.tap(page.get_by_role("button", name="가입하기"), "register: 가입하기", leaves=True)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator(".flash-success")).to_contain_text("가입을 환영합니다")


def question_ids(server: LiveServer, attempt_id: int) -> list[str]:
    """The bank ids of an attempt's questions, in order."""
    from sqlalchemy import select

    from exam_prep.models import AttemptItem

    with server.app.app_context():
        items = db.session.scalars(select(AttemptItem).where(AttemptItem.attempt_id == attempt_id)
                                   .order_by(AttemptItem.position)).all()
        return [item.question.question_id for item in items]


def current_questions(server: LiveServer, kind: str) -> list[str]:
    """The bank ids of the current Level 2 questions of a type."""
    from sqlalchemy import select

    from exam_prep.models import QuestionVersion as Version

    with server.app.app_context():
        return list(db.session.scalars(select(Version.question_id).where(
            Version.is_current.is_(True), Version.level == 2, Version.type == kind).order_by(Version.question_id)))


def start_level2(walk: Walk, server: LiveServer) -> tuple[ExamPage, dict[str, int]]:
    """시험 시작 on the Level 2 card of the dashboard; then the four exercises are pinned. The exam
    page, and the exercises' question numbers."""
    page = walk.page
    walk.fits("dashboard")
    card = page.locator('.exam-card[data-exam="level2"]')
    start = card.get_by_role("button", name="시험 시작")
    walk.reach(start, "dashboard: 시험 시작")
    walk.shot("dashboard")
    walk.tap(start, "dashboard: 시험 시작", leaves=True)
    page.wait_for_url(ATTEMPT_URL)
    exam = ExamPage(page, server, int(ATTEMPT_URL.search(page.url).group(1))).wait_ready()
    items = exam.server_state()["items"]
    types = [item["type"] for item in items]
    questions = question_ids(server, exam.attempt_id)
    for kind, question in EXERCISES.items():
        if question not in questions:
            questions[types.index(kind)] = question
    # A short answer among the first questions (typed, then 다음 문제 while it is being saved).
    theory = [n for n, item in enumerate(items) if item["section"] == 0]
    if "short" not in types[:THEORY_ANSWERED]:
        short = next((n for n in theory if types[n] == "short"), None)
        if short is None:  # none drawn (the draw is random): the bank's first one not in it
            questions[1] = next(q for q in current_questions(server, "short") if q not in questions)
        else:
            questions[1], questions[short] = questions[short], questions[1]
    server.pin_questions(exam.attempt_id, questions)
    return exam.reload(), {kind: questions.index(question) + 1 for kind, question in EXERCISES.items()}


def current(page: Page) -> Locator:
    return page.locator(".item.current")


def next_question(walk: Walk) -> int:
    """다음 문제; the number of the question shown then."""
    page = walk.page
    before = current(page).get_attribute("data-item")
    walk.tap(page.get_by_role("button", name=re.compile("다음 문제")), f"question {before}: 다음 문제")
    expect(current(page)).not_to_have_attribute("data-item", before)
    return int(current(page).get_attribute("data-item"))


def saved(exam: ExamPage, n: int, wanted: Callable[[Any], bool] = lambda _: True) -> Any:
    """The answer the server holds for question n, once the page says every change is saved and
    it is what is `wanted` (typing is saved after a pause), or the time is up."""
    deadline = time.monotonic() + DEFAULT_TIMEOUT_MS / 1000
    while True:
        expect(exam.status).to_have_attribute("data-state", "saved")
        expect(exam.status).to_have_text("저장됨")
        response = exam.server_state()["responses"][str(n)]["response"]
        if wanted(response) or time.monotonic() > deadline:
            return response
        exam.page.wait_for_timeout(200)


def answer_theory(walk: Walk, exam: ExamPage, n: int) -> None:
    """Question n (single, multiple, O/X or short) answered right, by taps or the on-screen field."""
    item, right = exam.item(n), exam.right_answer(n)
    kind = exam.item_type(n)
    if kind == "short":
        field = item.locator('input[type="text"]')
        walk.tap(field, f"question {n}: answer field")
        walk.page.keyboard.type(right["text"])
    else:
        values = {"single": lambda r: [r["choice"]], "multiple": lambda r: r["choices"],
                  "ox": lambda r: ["true" if r["value"] else "false"]}[kind](right)
        for value in values:
            option = item.locator("label.option").filter(has=walk.page.locator(f'input[value="{value}"]'))
            walk.tap(option, f"question {n}: option {value}")
    response = saved(exam, n, lambda r: r == right)
    assert response == right, (n, response, right)


class Exercise(Labeling):
    """One labeling exercise of the exam (Labeling's helpers find an exercise by its type; here the
    exam has several of each type, so the one met is named by its number)."""

    def __init__(self, exam: ExamPage, kind: str, number: int) -> None:
        super().__init__(exam)
        self.kind, self.n = kind, number

    def number(self, kind: str) -> int:
        return self.n

    @property
    def box(self) -> Locator:
        return self.item(self.kind)

    def at(self, x: float, y: float) -> tuple[float, float]:
        """Where image pixel (x, y) is on the screen; a pixel on the image's edge, just inside it
        (where a finger can touch)."""
        svg = self.box.locator(".lab-svg")
        width, height = (float(svg.get_attribute(a)) for a in ("width", "height"))
        return self.screen(self.kind, min(max(x, 1), width - 1), min(max(y, 1), height - 1))

    def answer(self, count: int) -> Any:
        """The saved answer, once it has `count` shapes (regions, placed points)."""
        return saved(self.exam, self.n, lambda r: r is not None and shape_count(self.kind, r) == count)


def touch_ready(walk: Walk, exercise: Exercise, points: list[tuple[float, float]], where: str) -> None:
    """The image in the middle of the screen, and each point a finger will touch on it, uncovered."""
    centre(exercise.box)
    walk.fits(where)
    viewport = exercise.box.locator(".lab-viewport")
    walk.touchable(viewport, [exercise.at(x, y) for x, y in points], where)


def draw_mode(walk: Walk, exercise: Exercise) -> None:
    """The tools above the image: the editor starts in draw mode, said in words beside its button."""
    modes = exercise.box.get_by_role("group", name="작업 모드")
    walk.reach(modes, "the draw / select buttons")
    expect(modes.get_by_role("button", name=re.compile("그리기"))).to_have_attribute("aria-pressed", "true")
    expect(exercise.box.locator(".lab-mode-word")).to_have_text("지금: 그리기")
    modes.evaluate("m => m.scrollIntoView({block: 'start'})")
    walk.shot("exam-bbox-tools")


def draw_boxes(walk: Walk, exercise: Exercise, reference: dict[str, Any]) -> None:
    """Each car dragged out with a finger, then its attributes (잘림, 가려짐) ticked in its panel."""
    draw_mode(walk, exercise)
    for k, shape in enumerate(reference["shapes"]):
        x, y, w, h = shape["box"]
        touch_ready(walk, exercise, [(x + 1, y + 1), (x + w - 1, y + h - 1)], f"box {k + 1}")
        walk.fingers.drag(exercise.at(x + 1, y + 1), exercise.at(x + w - 1, y + h - 1))
        expect(exercise.box.locator(".lab-shape")).to_have_count(k + 1)
        panel = exercise.box.locator(".lab-selected")
        expect(panel).to_be_visible()
        for name in [name for name, on in shape["attributes"].items() if on]:
            tick = panel.locator("label.lab-attr").filter(has=walk.page.locator(f'input[data-attr="{name}"]'))
            walk.tap(tick, f"box {k + 1}: attribute {name}")
            expect(tick.locator("input")).to_be_checked()
    delete_a_stray_box(walk, exercise, len(reference["shapes"]))
    shapes = exercise.answer(len(reference["shapes"]))["shapes"]
    assert close([s["box"] for s in shapes], [s["box"] for s in reference["shapes"]], 4), shapes
    assert [s["attributes"] for s in shapes] == [s["attributes"] for s in reference["shapes"]], shapes


def delete_a_stray_box(walk: Walk, exercise: Exercise, boxes: int) -> None:
    """A box drawn by mistake in the sky, then a long press on it: its menu, and 삭제 there."""
    start, end = (30, 15), (150, 100)
    touch_ready(walk, exercise, [start, end], "a stray box")
    walk.fingers.drag(exercise.at(*start), exercise.at(*end))
    expect(exercise.box.locator(".lab-shape")).to_have_count(boxes + 1)
    exercise.answer(boxes + 1)
    walk.fingers.long_press(exercise.at(90, 58))
    menu = exercise.box.locator(".lab-context")
    expect(menu).to_be_visible()
    delete = menu.get_by_role("button", name=re.compile("삭제"))
    walk.reach(delete, "long-press menu: 삭제", scroll=False)
    walk.shot("exam-long-press")
    walk.tap(delete, "long-press menu: 삭제")
    expect(exercise.box.locator(".lab-shape")).to_have_count(boxes)
    expect(menu).to_have_count(0)


def tap_polygon(walk: Walk, exercise: Exercise, points: list[list[float]], where: str) -> None:
    """Corner by corner, then the first corner again closes it."""
    touch_ready(walk, exercise, [tuple(p) for p in points], where)
    for x, y in [*points, points[0]]:
        walk.page.touchscreen.tap(*exercise.at(x, y))
        walk.page.wait_for_timeout(450)  # (one tap after another, not a double tap)


def pinch_onto(walk: Walk, exercise: Exercise, points: list[list[float]]) -> None:
    """Two fingers spread apart in the middle of the image: the view zooms in until the shape fills
    about half of it (at most four times); then two fingers moved together bring it to the middle."""
    centre(exercise.box)
    area = exercise.box.locator(".lab-viewport").bounding_box()
    cx, cy = area["x"] + area["width"] / 2, area["y"] + area["height"] / 2
    scale = exercise.shown_scale(exercise.kind)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    factor = min(4, 0.6 * area["width"] / ((max(xs) - min(xs)) * scale),
                 0.6 * area["height"] / ((max(ys) - min(ys)) * scale))
    walk.fingers.two([(cx - 15, cy), (cx + 15, cy)], [(cx - 15 * factor, cy), (cx + 15 * factor, cy)])
    assert exercise.shown_scale(exercise.kind) == pytest.approx(scale * factor, rel=0.05)
    reach_x, reach_y = area["width"] / 2 - 50, area["height"] / 2 - 10  # the fingers stay on the image
    moved = None
    for _ in range(10):
        sx, sy = exercise.at((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
        dx, dy = max(-reach_x, min(reach_x, cx - sx)), max(-reach_y, min(reach_y, cy - sy))
        if (abs(dx) < 10 and abs(dy) < 10) or moved == (sx, sy):  # in the middle, or at the image's edge
            break
        moved = (sx, sy)
        walk.fingers.two([(cx - 40 - dx / 2, cy - dy / 2), (cx + 40 - dx / 2, cy - dy / 2)],
                         [(cx - 40 + dx / 2, cy + dy / 2), (cx + 40 + dx / 2, cy + dy / 2)])


def extent(points: list[list[float]]) -> tuple[float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return max(xs) - min(xs), max(ys) - min(ys)


def draw_polygons(walk: Walk, exercise: Exercise, reference: dict[str, Any]) -> None:
    """The rooftops corner by corner, a small one after zooming in on it with two fingers (then
    '화면에 맞춤' again); the smallest one is missed, as candidates do (the review shows it)."""
    smallest = min(reference["shapes"], key=lambda shape: extent(shape["points"])[0] * extent(shape["points"])[1])
    drawn = [shape for shape in reference["shapes"] if shape is not smallest]
    for k, shape in enumerate(drawn):
        xs, ys = [p[0] for p in shape["points"]], [p[1] for p in shape["points"]]
        small = min(max(xs) - min(xs), max(ys) - min(ys)) * exercise.shown_scale(exercise.kind) < 40
        if small:
            pinch_onto(walk, exercise, shape["points"])
        tap_polygon(walk, exercise, shape["points"], f"polygon {k + 1}")
        expect(exercise.box.locator(".lab-shape")).to_have_count(k + 1)
        if small:
            if "exam-polygon-zoomed" not in walk.taken:
                walk.shot("exam-polygon-zoomed")
            walk.tap(exercise.box.get_by_role("button", name="화면에 맞춤"), "polygon: 화면에 맞춤")
    shapes = exercise.answer(len(drawn))["shapes"]
    assert close([s["points"] for s in shapes], [s["points"] for s in drawn], 4), shapes


def place_keypoints(walk: Walk, exercise: Exercise, reference: dict[str, Any]) -> None:
    """The landmarks tapped in order, as '다음에 찍을 점' names them: the image at the bottom of the
    screen, the name of the next point above it, both in sight at once."""
    points = reference["instances"][0]["points"]
    viewport = exercise.box.locator(".lab-viewport")
    viewport.evaluate("v => v.scrollIntoView({block: 'end'})")
    walk.touchable(viewport, [exercise.at(x, y) for x, y in points], "keypoints")
    next_name = exercise.box.locator(".lab-kp-next-name")
    for k, (x, y) in enumerate(points):
        walk.reach(next_name, f"keypoint {k + 1}: 다음에 찍을 점 beside the image", scroll=False)
        before = next_name.inner_text()
        walk.page.touchscreen.tap(*exercise.at(x, y))
        if k < len(points) - 1:
            expect(next_name).not_to_have_text(before)
        walk.page.wait_for_timeout(300)
    placed = exercise.answer(len(points))["instances"][0]["points"]
    assert close(placed, points, 4), placed


def read_signs(walk: Walk, exercise: Exercise, reference: dict[str, Any]) -> None:
    """Each line of the sign: a region dragged out, then its words typed into the region's field."""
    for k, region in enumerate(reference["regions"]):
        x, y, w, h = region["box"]
        touch_ready(walk, exercise, [(x + 1, y + 1), (x + w - 1, y + h - 1)], f"region {k + 1}")
        walk.fingers.drag(exercise.at(x + 1, y + 1), exercise.at(x + w - 1, y + h - 1))
        field = exercise.box.locator(".lab-row-text").nth(k)
        expect(field).to_be_focused()
        walk.reach(field, f"region {k + 1}: its text field")
        walk.page.keyboard.type(region["text"])
        walk.page.keyboard.press("Enter")
    texts = [r["text"] for r in reference["regions"]]
    regions = saved(exercise.exam, exercise.n,
                    lambda r: r is not None and [g["text"] for g in r["regions"]] == texts)["regions"]
    assert [r["text"] for r in regions] == [r["text"] for r in reference["regions"]], regions
    assert close([r["box"] for r in regions], [r["box"] for r in reference["regions"]], 4), regions


DRAW = {"bbox": draw_boxes, "polygon": draw_polygons, "keypoints": place_keypoints, "ocr": read_signs}


def label_exercise(walk: Walk, exam: ExamPage, kind: str, n: int) -> None:
    exercise = Exercise(exam, kind, n)
    expect(exercise.box.locator(".lab-svg")).to_be_visible()
    assert walk.page.evaluate("document.documentElement.dataset.labInput") in (None, "touch")
    DRAW[kind](walk, exercise, exam.right_answer(n))
    assert walk.page.evaluate("document.documentElement.dataset.labInput") == "touch"
    if kind != "keypoints":  # (its picture: as the candidate placed the points)
        centre(exercise.box)
    walk.fits(f"{kind} drawn")
    walk.shot(f"exam-{kind}")


def take_the_exam(walk: Walk, exam: ExamPage, exercises: dict[str, int]) -> None:
    """Theory by taps, then 다음 문제 to each exercise (in the exam's order), drawn by touch."""
    page = walk.page
    for n in range(1, THEORY_ANSWERED + 1):
        if n > 1:
            assert next_question(walk) == n
        answer_theory(walk, exam, n)
        if n == THEORY_ANSWERED:
            walk.shot("exam-theory")
            large_font(walk, exam, n)
    by_number = {n: kind for kind, n in exercises.items()}
    n = THEORY_ANSWERED
    while n < max(by_number):
        n = next_question(walk)
        if n in by_number:
            assert exam.item_type(n) == by_number[n]
            label_exercise(walk, exam, by_number[n], n)
    expect(page.locator("#answered-count")).to_have_text(str(THEORY_ANSWERED + len(EXERCISES)))
    answer_sheet(walk, THEORY_ANSWERED + len(EXERCISES))


def reading_settings(walk: Walk) -> Locator:
    """The 가 가 가 buttons: in the header, or (the exam page on a phone) behind its 메뉴 button."""
    page = walk.page
    settings = page.get_by_role("group", name=re.compile("글자 크기"))
    menu = page.get_by_role("button", name="메뉴", exact=True)
    if not settings.is_visible() and menu.count() and menu.is_visible():
        page.evaluate("window.scrollTo(0, 0)")
        walk.tap(menu, "exam: 메뉴")
        expect(menu).to_have_attribute("aria-expanded", "true")
    expect(settings).to_be_visible()
    return settings


def close_menu(walk: Walk) -> None:
    menu = walk.page.get_by_role("button", name="메뉴", exact=True)
    if menu.count() and menu.get_attribute("aria-expanded") == "true":
        walk.tap(menu, "exam: 메뉴 closed")


def large_font(walk: Walk, exam: ExamPage, n: int) -> None:
    """The largest letters (가 가 가), on question n: nothing wider than the screen; then back."""
    page = walk.page
    settings = reading_settings(walk)
    walk.shot("exam-menu")
    walk.tap(settings.get_by_role("button", name="글자 크게"), "font size: 글자 크게")
    expect(page.locator("html")).to_have_class(re.compile(r"\bfs-large\b"))
    close_menu(walk)
    walk.reach(exam.item(n).locator("label.option, input[type=text]").first, f"question {n}, large letters")
    exam.item(n).evaluate("item => item.scrollIntoView({block: 'start'})")
    walk.fits("large letters")
    walk.shot("exam-large-font")
    walk.tap(reading_settings(walk).get_by_role("button", name="글자 보통"), "font size: 글자 보통")
    expect(page.locator("html")).to_have_class(re.compile(r"\bfs-medium\b"))
    close_menu(walk)


def answer_sheet(walk: Walk, answered: int) -> None:
    """The answer sheet: a sheet slid up by the bar's 답안표 button on a phone (or, without it, the
    column under the question), with the answered questions marked."""
    page = walk.page
    opener = page.get_by_role("button", name=re.compile(r"^답안표"))
    if opener.count() and opener.is_visible():
        walk.tap(opener, "exam: 답안표")
        sheet = page.get_by_role("dialog", name="답안표")
        expect(sheet).to_be_visible()
        sheet.evaluate("d => Promise.all(d.getAnimations().map((a) => a.finished))")  # it has slid up
        walk.reach(sheet.locator(".sheet-cell").last, "answer sheet: the last number")
    else:
        sheet = page.locator(".answer-sheet")
    expect(sheet.locator(".sheet-cell.answered")).to_have_count(answered)
    walk.fits("answer sheet")
    sheet.locator(".sheet-cell.current").evaluate("c => c.scrollIntoView({block: 'nearest'})")
    walk.shot("answer-sheet")
    if sheet.get_by_role("button", name="닫기").count():
        walk.tap(sheet.get_by_role("button", name="닫기"), "answer sheet: 닫기")
        expect(sheet).to_be_hidden()


def submit(walk: Walk, exam: ExamPage) -> None:
    page = walk.page
    walk.tap(page.get_by_role("button", name="답안 제출"), "exam: 답안 제출")
    dialog = page.get_by_role("dialog", name="답안을 제출할까요?")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#unanswered-list")).to_be_visible()
    confirm = dialog.get_by_role("button", name="제출하기")
    walk.reach(confirm, "submit dialog: 제출하기")
    walk.reach(dialog.get_by_role("button", name="계속 풀기"), "submit dialog: 계속 풀기")
    walk.shot("submit-dialog")
    walk.tap(confirm, "submit dialog: 제출하기", leaves=True)
    expect(page).to_have_url(re.compile(rf"/attempts/{exam.attempt_id}/result$"))


# The review of each exercise: the candidate's shapes drawn over the image, and what must be there.
REVIEW_SHAPES = {"bbox": ".layer-cand rect", "polygon": ".layer-cand polygon",
                 "keypoints": ".layer-cand circle.cand-point", "ocr": ".layer-cand rect"}


def read_the_review(walk: Walk, exam: ExamPage, met: dict[str, int]) -> None:
    page = walk.page
    walk.fits("result")
    expect(page.locator("#verdict")).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    walk.shot("result")
    results = {item["id"]: item for item in exam.result()["items"]}
    for kind, n in met.items():
        review = page.locator(f"#review-{n}")
        folded = page.locator("#right-items")
        if review.locator("xpath=ancestor::details[@id='right-items']").count() and not folded.evaluate("d => d.open"):
            walk.tap(folded.locator(":scope > summary"), f"result: {kind} among the right answers")
        figure = review.locator(".review-figure")
        walk.reach(figure.locator("svg.review-svg"), f"review {n} ({kind})")
        expect(figure.locator(REVIEW_SHAPES[kind])).to_have_count(shape_count(kind, results[n]["response"]))
        if kind in ("bbox", "ocr"):  # the boxes drawn where the candidate drew them
            shown = figure.locator(REVIEW_SHAPES[kind]).evaluate_all(
                "rects => rects.map((r) => ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a))))")
            answered = results[n]["response"]["shapes" if kind == "bbox" else "regions"]
            assert close(sorted(shown), sorted(a["box"] for a in answered), 0.01), (shown, answered)
        if kind == "ocr":
            for region in exam.right_answer(n)["regions"]:
                expect(review.locator("table.pairs")).to_contain_text(region["text"])
        review.evaluate("r => r.scrollIntoView({block: 'start'})")
        walk.fits(f"review of {kind}")
        walk.shot(f"review-{kind}")


def shape_count(kind: str, response: dict[str, Any]) -> int:
    """How many shapes (OCR: regions; keypoints: placed points) an answer has."""
    if kind == "keypoints":
        return sum(1 for inst in response["instances"] for p in inst["points"] if isinstance(p, list))
    return len(response["shapes" if kind != "ocr" else "regions"])


def test_a_new_candidate_takes_the_level2_exam_on_a_touch_phone(phone: Page, shipped_server: LiveServer) -> None:
    walk = Walk(phone)
    register_by_touch(walk, "새수험생")
    exam, exercises = start_level2(walk, shipped_server)
    walk.fits("exam page")
    take_the_exam(walk, exam, exercises)
    submit(walk, exam)
    read_the_review(walk, exam, exercises)
    assert len(walk.taken) >= 10, walk.taken


def test_the_phone_guide_shows_every_screen_the_walkthrough_takes() -> None:
    """docs/phone.md shows each picture of docs/img/phone/ (made by the test above), and no other."""
    guide = (ROOT / "docs" / "phone.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\]\(img/phone/([^)]+\.png)\)", guide))
    assert shown == {path.name for path in DOCSHOTS.glob("*.png")}
