"""Authoring labeling and inspection exercises in a real browser, with the candidates' own editors:
upload an image and draw reference boxes with the mouse, a polygon, keypoints with a hidden point,
spans on pasted text, an OCR region with its text, a classify choice, and an inspection task with
a planted error; each saved question is in the bank file (and `bank check` accepts it) and in the
list. The server works on a copy of the fixture bank."""
from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Locator, Page, expect

from exam_prep.bank import load_bank
from tests.browser.conftest import LiveServer, serving
from tests.conftest import PASSWORD, make_app

TEACHER = "실습강사"
# Set EXAM_PREP_SCREENSHOTS to a folder to keep screenshots of the authoring pages at 360 and 1280 px.
SHOTS = os.environ.get("EXAM_PREP_SCREENSHOTS")


@pytest.fixture
def live_server(db_path: Path, bank: Path) -> Iterator[LiveServer]:
    from exam_prep.accounts import create_or_promote_instructor

    with serving(make_app(db_path, EXAM_PREP_QUESTION_BANK=str(bank))) as server:
        with server.app.app_context():
            create_or_promote_instructor(TEACHER, PASSWORD)
        yield server


def sign_in(page: Page) -> None:
    page.goto("/auth/login")
    page.fill('input[name="username"]', TEACHER)
    page.fill('input[name="password"]', PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name=f"로그아웃 ({TEACHER})")).to_be_visible()


def open_editor(page: Page, type_name: str, question_id: str, domain: str = "라벨링", level: str = "2급") -> None:
    page.goto(f"/instructor/questions/new?type={type_name}")
    expect(page.locator("#editor")).to_have_attribute("data-ready", "true")
    page.fill("#f-id", question_id)
    page.select_option("#f-level", label=level)
    page.select_option("#f-domain", label=domain)
    page.fill("#f-question", "정답을 표시하세요.")
    page.fill("#f-explanation", "가이드에 맞게 표시한 것이 정답입니다. 학습할 개념: 라벨링 작업 규칙")


def canvas(page: Page) -> Locator:
    host = page.locator(".reference-editor .ref-canvas")
    expect(host).to_have_attribute("data-state", "ready")
    return host


def reference(page: Page, name: str = "reference") -> Any:
    return json.loads(page.locator(f"input[type=hidden][name={name}]").input_value())


def screen(host: Locator, x: float, y: float) -> tuple[float, float]:
    svg = host.locator(".lab-svg")
    box = svg.bounding_box()
    width, height = (float(svg.get_attribute(a)) for a in ("width", "height"))
    return box["x"] + x * box["width"] / width, box["y"] + y * box["height"] / height


def drag(page: Page, host: Locator, start: tuple[float, float], end: tuple[float, float]) -> None:
    host.locator(".lab-viewport").scroll_into_view_if_needed()
    page.mouse.move(*screen(host, *start))
    page.mouse.down()
    page.mouse.move(*screen(host, *end), steps=8)
    page.mouse.up()


def label_row(page: Page, n: int, name: str, title: str) -> None:
    rows = page.locator(".label-rows .label-row")
    if rows.count() <= n:
        page.get_by_role("button", name="라벨 더하기").click()
    page.locator(f"input[name='labels.{n}.name']").fill(name)
    page.locator(f"input[name='labels.{n}.title']").fill(title)


def save(page: Page, question_id: str) -> None:
    page.get_by_role("button", name="저장", exact=True).click()
    page.wait_for_load_state()
    problems = page.locator(".field-problems, #top-problems")
    assert "/new" not in page.url or not problems.count(), problems.all_inner_texts()
    expect(page).to_have_url(re.compile(rf"/instructor/questions/{question_id}$"))


def saved(bank: Path, question_id: str) -> Any:
    return next(q for q in load_bank(bank).questions if q.id == question_id).schema


def in_list(page: Page, question_id: str) -> None:
    page.goto(f"/instructor/questions?q={question_id}")
    expect(page.get_by_text(question_id).first).to_be_visible()


def picture(tmp_path: Path) -> Path:
    image = Image.new("RGB", (320, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 30, 100, 110), fill="red")
    draw.ellipse((180, 50, 260, 130), fill="blue")
    path = tmp_path / "두 도형.png"
    out = io.BytesIO()
    image.save(out, format="PNG")
    path.write_bytes(out.getvalue())
    return path


def shoot(page: Page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


# --- bbox: an uploaded image and two boxes drawn with the mouse -----------------------------

def test_a_bbox_exercise_with_an_uploaded_image_and_two_drawn_boxes(page: Page, bank: Path, tmp_path: Path) -> None:
    sign_in(page)
    open_editor(page, "bbox", "browser-bbox-1")
    section = page.locator("#type-section")
    section.locator("summary", has_text="새 이미지 올리기").click()
    section.locator(".upload-file").set_input_files(str(picture(tmp_path)))
    section.locator(".upload-source").fill("실습강사 직접 그림")
    section.locator(".upload-button").click()
    expect(section.locator(".upload-status")).to_contain_text("올렸습니다: media/")
    path = page.locator("#f-image").input_value()
    assert re.fullmatch(r"media/[0-9a-f]{64}\.png", path)
    assert "실습강사 직접 그림" in (bank / "media" / "SOURCES.md").read_text(encoding="utf-8")

    label_row(page, 0, "square", "사각형")
    page.locator("input[name='labels.0.attributes'][value='occluded']").check()
    label_row(page, 1, "circle", "원")
    page.fill("#f-guide", "- 도형의 테두리에 꼭 맞게 그립니다.")
    host = canvas(page)
    expect(host.locator(".lab-label")).to_have_count(2)
    expect(host.locator(".lab-guide-body li")).to_have_text("도형의 테두리에 꼭 맞게 그립니다.")

    drag(page, host, (20, 30), (100, 110))
    host.get_by_role("radio", name="원").check()
    drag(page, host, (180, 50), (260, 130))
    expect(host.locator(".lab-list li")).to_have_count(2)
    boxes = reference(page)
    assert [b["label"] for b in boxes] == ["square", "circle"]
    for got, want in zip([b["box"] for b in boxes], [[20, 30, 80, 80], [180, 50, 80, 80]], strict=True):
        assert all(abs(a - b) <= 2 for a, b in zip(got, want, strict=True)), (got, want)
    shoot(page, "author-bbox")

    save(page, "browser-bbox-1")
    model = saved(bank, "browser-bbox-1")
    assert model.image.path == path and [r.label for r in model.reference] == ["square", "circle"]
    assert model.labels[0].attributes == ["occluded"]
    in_list(page, "browser-bbox-1")

    # editing shows the reference drawn, ready to change
    page.goto("/instructor/questions/browser-bbox-1/edit")
    host = canvas(page)
    expect(host.locator(".lab-list li")).to_have_count(2)
    shoot(page, "author-bbox-edit")


def click(page: Page, host: Locator, x: float, y: float) -> None:
    host.locator(".lab-viewport").scroll_into_view_if_needed()
    page.mouse.click(*screen(host, x, y))


def pick_image(page: Page, path: str) -> None:
    page.select_option("#f-image", path)


# --- polygon ---------------------------------------------------------------------------------

def test_a_polygon_exercise(page: Page, bank: Path) -> None:
    sign_in(page)
    open_editor(page, "polygon", "browser-polygon-1")
    pick_image(page, "media/shapes.png")
    label_row(page, 0, "triangle", "삼각형")
    host = canvas(page)
    for x, y in [(30, 120), (90, 110), (80, 140)]:
        click(page, host, x, y)
    host.get_by_role("button", name="다각형 닫기").click()
    expect(host.locator(".lab-list li")).to_have_count(1)
    (shape,) = reference(page)
    assert shape["label"] == "triangle" and len(shape["points"]) == 3
    save(page, "browser-polygon-1")
    assert len(saved(bank, "browser-polygon-1").reference[0].points) == 3
    in_list(page, "browser-polygon-1")


# --- keypoints, one of them hidden ------------------------------------------------------------

def test_a_keypoints_exercise_with_a_hidden_point(page: Page, bank: Path) -> None:
    sign_in(page)
    open_editor(page, "keypoints", "browser-keypoints-1")
    pick_image(page, "media/shapes.png")
    label_row(page, 0, "shape", "도형")
    skeleton = page.locator(".skeleton-editor")
    for n, (name, title) in enumerate([("top_left", "왼쪽 위"), ("bottom_right", "오른쪽 아래"), ("back", "뒷면")]):
        if skeleton.locator(".point-row").count() <= n:
            skeleton.get_by_role("button", name="점 더하기").click()
        page.fill(f"input[name='skeleton.points.{n}.name']", name)
        page.fill(f"input[name='skeleton.points.{n}.title']", title)
    page.fill("#f-skeleton-edges", "0-1")
    host = canvas(page)
    expect(host.locator(".lab-kp-list li")).to_have_count(3)
    click(page, host, 20, 30)
    click(page, host, 70, 90)
    host.get_by_role("button", name=re.compile("표시 안 함")).click()
    expect(host.locator(".lab-kp-list")).to_contain_text("표시 안 함")
    (instance,) = reference(page)
    assert instance["label"] == "shape" and instance["points"][2] == "hidden"
    placed = instance["points"][0] + instance["points"][1]
    assert all(abs(a - b) <= 2 for a, b in zip(placed, [20, 30, 70, 90], strict=True)), placed
    shoot(page, "author-keypoints")
    save(page, "browser-keypoints-1")
    model = saved(bank, "browser-keypoints-1")
    assert [p.name for p in model.skeleton.points] == ["top_left", "bottom_right", "back"]
    assert model.skeleton.edges == [[0, 1]] and model.reference[0].points[2] == "hidden"
    in_list(page, "browser-keypoints-1")


# --- spans on pasted text ---------------------------------------------------------------------

SPANS_TEXT = "홍길동은 서울에서 일한다."


def select_text(page: Page, host: Locator, start: int, end: int) -> None:
    text = host.locator(".lab-text")
    x0, y0, x1, y1 = text.evaluate("""(el, [s, e]) => {
        const at = (offset) => {
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          let seen = 0;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (offset < seen + n.data.length) return [n, offset - seen];
            seen += n.data.length;
          }
          throw new Error("offset past the text");
        };
        const rect = (offset) => {
          const [node, i] = at(offset), r = document.createRange();
          r.setStart(node, i); r.setEnd(node, i + 1);
          return r.getBoundingClientRect();
        };
        const a = rect(s), b = rect(e - 1);
        return [a.left + 2, a.top + a.height / 2, b.right - 2, b.top + b.height / 2];
    }""", [start, end])
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x1, y1, steps=6)
    page.mouse.up()


def test_a_spans_exercise_on_pasted_text(page: Page, bank: Path) -> None:
    sign_in(page)
    open_editor(page, "spans", "browser-spans-1")
    page.fill("#f-text", SPANS_TEXT)
    label_row(page, 0, "PER", "인물")
    label_row(page, 1, "LOC", "장소")
    host = canvas(page)
    expect(host.locator(".lab-tag-button")).to_have_count(2)
    host.locator(".lab-text").scroll_into_view_if_needed()
    select_text(page, host, 0, 3)
    host.locator(".lab-tag-button").nth(0).click()
    select_text(page, host, 5, 7)
    host.locator(".lab-tag-button").nth(1).click()
    expect(host.locator(".lab-list li")).to_have_count(2)
    assert reference(page) == [{"start": 0, "end": 3, "label": "PER"}, {"start": 5, "end": 7, "label": "LOC"}]
    save(page, "browser-spans-1")
    model = saved(bank, "browser-spans-1")
    assert [model.text[s.start:s.end] for s in model.reference] == ["홍길동", "서울"]
    in_list(page, "browser-spans-1")


# --- OCR: a region with its text ----------------------------------------------------------------

def test_an_ocr_exercise_with_a_region_and_its_text(page: Page, bank: Path) -> None:
    sign_in(page)
    open_editor(page, "ocr", "browser-ocr-1")
    pick_image(page, "media/sign.png")
    host = canvas(page)
    drag(page, host, (10, 10), (70, 40))
    field = host.locator(".lab-list input[type=text]")
    expect(field).to_have_count(1)
    field.fill("STOP")
    field.press("Enter")  # back to the drawing; the question form is not posted
    expect(page).to_have_url(re.compile(r"/questions/new\?type=ocr$"))
    expect(page.locator("input[type=hidden][name=reference]")).to_have_value(re.compile("STOP"))
    (region,) = reference(page)
    assert region["text"] == "STOP"
    assert all(abs(a - b) <= 2 for a, b in zip(region["box"], [10, 10, 60, 30], strict=True)), region
    save(page, "browser-ocr-1")
    assert saved(bank, "browser-ocr-1").reference[0].text == "STOP"
    in_list(page, "browser-ocr-1")


# --- classify: the right class of each image ----------------------------------------------------

def test_a_classify_exercise(page: Page, bank: Path) -> None:
    sign_in(page)
    open_editor(page, "classify", "browser-classify-1")
    for path in ("media/shapes.png", "media/sign.png"):
        page.select_option(".image-add", path)
    expect(page.locator(".image-list li")).to_have_count(2)
    label_row(page, 0, "shapes", "도형")
    label_row(page, 1, "text", "글자")
    host = canvas(page)
    groups = host.locator("fieldset.lab-classify-image")
    expect(groups).to_have_count(2)
    groups.nth(0).get_by_role("radio", name="도형").check()
    groups.nth(1).get_by_role("radio", name="글자").check()
    expect(page.locator("input[type=hidden][name=reference]")).to_have_value('[["shapes"],["text"]]')
    save(page, "browser-classify-1")
    model = saved(bank, "browser-classify-1")
    assert model.reference == [["shapes"], ["text"]]
    assert [i.path for i in model.images] == ["media/shapes.png", "media/sign.png"]
    in_list(page, "browser-classify-1")


# --- inspection: a planted error ---------------------------------------------------------------

def test_an_inspection_task_with_a_planted_error(page: Page, bank: Path) -> None:
    sign_in(page)
    open_editor(page, "inspect", "browser-inspect-1", domain="검수", level="1급")
    source = page.locator(".inspect-source")
    expect(source).to_have_attribute("data-loaded", "true")
    source.select_option("t2-prac-bbox")
    host = canvas(page)
    expect(host.locator(".lab-list li")).to_have_count(2)
    rows = page.locator(".error-rows tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1).locator(".error-reason")).to_have_value("")

    # relabel the circle as a square: the row suggests "클래스 틀림"
    click(page, host, 140, 70)
    host.locator(".lab-shape-label").select_option("square")
    expect(rows.nth(1).locator(".error-reason")).to_have_value("wrong_class")
    rows.nth(1).locator(".error-rule").fill("원은 '원' 레이블로 그립니다.")
    errors = json.loads(page.locator("input[name=errors]").input_value())
    assert errors == [{"label": 2, "reason": "wrong_class", "rule": "원은 '원' 레이블로 그립니다."}]

    page.get_by_role("button", name="검수 화면 보기").click()
    preview = page.locator(".inspect-preview-body")
    expect(preview).to_have_attribute("data-state", "ready")
    expect(preview.locator(".lab-judge-row")).to_have_count(2)
    shoot(page, "author-inspect")
    save(page, "browser-inspect-1")
    model = saved(bank, "browser-inspect-1")
    assert model.task == "bbox" and model.verdict == "reject"
    assert [(e.label, e.reason) for e in model.errors] == [(2, "wrong_class")]
    assert model.submitted[1]["label"] == "square"
    in_list(page, "browser-inspect-1")


# --- the 실습 이미지 page: a refused upload, then an image stored -------------------------------

def test_the_image_page_refuses_a_text_file_and_stores_an_image(page: Page, bank: Path, tmp_path: Path) -> None:
    sign_in(page)
    page.goto("/instructor/labeling/images")
    before = sorted(p.name for p in (bank / "media").iterdir())
    fake = tmp_path / "사진.png"
    fake.write_text("이것은 그림이 아닙니다", encoding="utf-8")
    page.set_input_files("#upload-file", str(fake))
    page.fill("#upload-source", "어딘가")
    page.get_by_role("button", name="올리기").click()
    expect(page.locator(".flash-error")).to_contain_text("열 수 없습니다")
    assert sorted(p.name for p in (bank / "media").iterdir()) == before
    expect(page.locator("#upload-source")).to_have_value("어딘가")  # what was typed is kept
    shoot(page, "author-images-refused")

    page.set_input_files("#upload-file", str(picture(tmp_path)))
    page.select_option("#upload-licence", "cc0")
    page.get_by_role("button", name="올리기").click()
    path = page.locator(".stored-path").inner_text()
    assert re.fullmatch(r"media/[0-9a-f]{64}\.png", path) and (bank / path).is_file()
    assert "| CC0 1.0 |" in (bank / "media" / "SOURCES.md").read_text(encoding="utf-8")
    expect(page.locator(".bank-image-list")).to_contain_text(path)
    shoot(page, "author-images")


# --- a reference imported from a COCO export ---------------------------------------------------

def test_a_reference_imported_from_a_coco_export(page: Page, bank: Path) -> None:
    import shutil

    shipped = Path(__file__).resolve().parents[2] / "question_bank" / "media"
    shutil.copy(shipped / "coins.png", bank / "media" / "coins.png")
    sign_in(page)
    open_editor(page, "bbox", "browser-bbox-coco")
    pick_image(page, "media/coins.png")
    label_row(page, 0, "coin", "동전")
    host = canvas(page)
    panel = page.locator(".import-panel")
    panel.locator("summary").click()
    panel.locator(".import-file").set_input_files(str(shipped / "coins_coco.json"))
    panel.get_by_role("button", name="파일 읽기").click()
    expect(panel.locator(".import-choice option")).to_have_text(["coins.png", "coins_row_2x.png"])
    panel.get_by_role("button", name="정답으로 가져오기").click()
    expect(panel.locator(".import-status")).to_contain_text("정답 24개를 가져왔습니다")
    host = canvas(page)
    expect(host.locator(".lab-list li")).to_have_count(24)
    assert len(reference(page)) == 24
    save(page, "browser-bbox-coco")
    assert len(saved(bank, "browser-bbox-coco").reference) == 24
