"""Authoring labeling and inspection exercises over HTTP, in a copy of the bank: image uploads
(JSON for the editor's script and the plain form), the candidate's editor drawn on a draft's
material, references imported from COCO and Label Studio exports, inspection tasks started from
an exercise, every labeling type saved through the question editor, CSRF and 403 for candidates."""
from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from PIL import Image

from exam_prep.bank import limits, load_bank
from exam_prep.media import media_dir
from tests.conftest import Candidate
from tests.web.test_instructor_questions import Instructor, app_on

SHIPPED_MEDIA = Path(__file__).resolve().parents[2] / "question_bank" / "media"
EXPLANATION = "도형마다 테두리에 꼭 맞게 그린 것이 정답입니다. 학습할 개념: 바운딩 박스"
COMMON = {"level": "2", "domain": "labeling", "difficulty": "1", "question": "도형을 모두 표시하세요.",
          "explanation": EXPLANATION, "tags": "실습", "source": "", "file": "level2/practical.yaml", "action": "save"}


@pytest.fixture
def app(db_path: Path, bank: Path) -> Iterator[Flask]:
    yield from app_on(db_path, bank)


@pytest.fixture
def teacher(app: Flask) -> Instructor:
    return Instructor(app.test_client(), "선생님").login(app)


def png(size: tuple[int, int] = (64, 48), colour: str = "green", fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def upload(client_user: Instructor, data: bytes, name: str = "photo.png", as_json: bool = True, **fields: str):
    form = {"source": "교사 직접 촬영", "licence": "own", "note": "", **fields,
            "file": (io.BytesIO(data), name)}
    headers = {"X-CSRFToken": client_user.token}
    if as_json:
        headers["Accept"] = "application/json"
    return client_user.client.post("/instructor/labeling/images", data=form, headers=headers,
                                   content_type="multipart/form-data")


def api(user: Instructor, url: str, body: Any):
    return user.client.post(url, json=body, headers={"X-CSRFToken": user.token, "Accept": "application/json"})


def media_files(bank: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (bank / "media").iterdir()}


# --- uploads -------------------------------------------------------------------------------

def test_an_uploaded_image_goes_into_the_banks_media_folder_with_its_source(teacher: Instructor, bank: Path) -> None:
    data = png()
    response = upload(teacher, data, "우리 교실.png", source="홍길동 선생님", licence="cc-by-4.0", note="수업 자료")
    assert response.status_code == 201, response.get_json()
    path = response.get_json()["path"]
    assert path == f"media/{hashlib.sha256(data).hexdigest()}.png"
    assert (bank / path).read_bytes() == data
    sources = (bank / "media" / "SOURCES.md").read_text(encoding="utf-8")
    row = rf"\| `{path}` \| 홍길동 선생님 \| CC BY 4\.0 \| 수업 자료 \(올린 파일: 우리 교실\.png\) \|"
    assert re.search(row, sources)
    assert path in teacher.page("/instructor/labeling/images")
    assert f'<option value="{path}"' in teacher.page("/instructor/questions/new?type=bbox")


@pytest.mark.parametrize(("data", "name", "words"), [
    (b"just some text, not an image\n", "notes.png", "열 수 없습니다"),
    (png(), "../../escape.png", "경로"),
    (png(fmt="GIF"), "a.gif", "PNG나 JPEG"),
])
def test_refused_uploads_are_400_with_a_reason_and_write_nothing(
        teacher: Instructor, bank: Path, data: bytes, name: str, words: str) -> None:
    before = media_files(bank)
    response = upload(teacher, data, name)
    assert response.status_code == 400
    assert words in response.get_json()["error"]
    assert media_files(bank) == before
    assert not (bank.parent / "escape.png").exists()


def test_too_big_and_too_many_pixels_are_refused(teacher: Instructor, bank: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    before = media_files(bank)
    monkeypatch.setattr(limits, "MAX_IMAGE_PIXELS", 64 * 48 - 1)
    response = upload(teacher, png())
    assert response.status_code == 400 and "픽셀" in response.get_json()["error"]
    monkeypatch.setattr(limits, "MAX_IMAGE_BYTES", 100)
    response = upload(teacher, png())
    assert response.status_code == 400 and "너무 큽니다" in response.get_json()["error"]
    response = upload(teacher, png() + b"\x00" * 400_000)  # beyond the request's own cap
    assert response.status_code == 413
    assert media_files(bank) == before


def test_the_plain_form_uploads_and_shows_the_path(teacher: Instructor, bank: Path) -> None:
    data = png(colour="blue")
    response = upload(teacher, data, as_json=False, csrf_token=teacher.token)
    assert response.status_code == 303
    page = teacher.page(response.headers["Location"])
    assert f"media/{hashlib.sha256(data).hexdigest()}.png" in page and "이미지를 올렸습니다" in page
    response = upload(teacher, b"%PDF-1.4", "doc.png", as_json=False, csrf_token=teacher.token)
    assert response.status_code == 400
    assert "열 수 없습니다" in response.get_data(as_text=True)


def test_uploads_need_the_csrf_token_and_the_instructor_role(teacher: Instructor, candidate: Candidate,
                                                              bank: Path) -> None:
    before = media_files(bank)
    response = teacher.client.post("/instructor/labeling/images", content_type="multipart/form-data",
                                   data={"file": (io.BytesIO(png()), "a.png"), "source": "x", "licence": "own"})
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
    response = candidate.client.post("/instructor/labeling/images", content_type="multipart/form-data",
                                     headers={"X-CSRFToken": candidate.token},
                                     data={"file": (io.BytesIO(png()), "a.png"), "source": "x", "licence": "own"})
    assert response.status_code == 403
    assert media_files(bank) == before
    for url in ("/instructor/labeling/images", "/instructor/labeling/inspectable",
                "/instructor/labeling/inspectable/t2-prac-bbox"):
        assert candidate.client.get(url).status_code == 403
    for url in ("/instructor/labeling/canvas", "/instructor/labeling/preview", "/instructor/labeling/import"):
        assert candidate.api("POST", url, {}).status_code == 403


# --- the candidate's editor on the draft ---------------------------------------------------

def test_the_canvas_is_the_candidates_editor_on_the_drafts_image(teacher: Instructor, bank: Path) -> None:
    reference = {"shapes": [{"label": "square", "box": [20, 30, 50, 60], "attributes": {}}]}
    response = api(teacher, "/instructor/labeling/canvas", {
        "type": "bbox", "material": {"image": "media/shapes.png", "guide": "**꼭** 맞게",
                                     "labels": [{"name": "square", "title": "사각형", "attributes": ["occluded"]}]},
        "response": reference})
    assert response.status_code == 200, response.get_json()
    html = response.get_json()["html"]
    script = response.get_json()["script"].split("?")[0]  # static URLs carry ?v=<content hash>
    assert 'data-editor="bbox"' in html and script.endswith("/js/questions/bbox.js")
    config = json.loads(re.search(r'class="labeling-config">(.*?)</script>', html).group(1))
    digest = hashlib.sha256((bank / "media" / "shapes.png").read_bytes()).hexdigest()
    assert config["image"]["url"] == f"/media/{digest}.png"
    assert config["labels"] == [{"name": "square", "title": "사각형", "attributes": ["occluded"]}]
    assert json.loads(re.search(r'class="labeling-saved">(.*?)</script>', html).group(1)) == reference
    assert "<strong>꼭</strong>" in html
    served = teacher.client.get(config["image"]["url"])
    assert served.status_code == 200
    served.close()
    assert (media_dir_of(teacher) / f"{digest}.png").is_file()


def media_dir_of(user: Instructor) -> Path:
    with user.client.application.app_context():
        return media_dir()


@pytest.mark.parametrize(("material", "words"), [
    ({"image": "../outside.png", "labels": [{"name": "a"}]}, "문제은행 폴더 안"),
    ({"image": "media/nothing.png", "labels": [{"name": "a"}]}, "없습니다"),
    ({"image": "", "labels": [{"name": "a"}]}, "이미지를"),
    ({"image": "media/shapes.png", "labels": []}, "라벨을"),
    ({"image": "media/shapes.png", "labels": [{"name": "a"}, {"name": "a"}]}, "두 번"),
    ({"image": "media/shapes.png", "labels": [{"name": "a"}], "skeleton": {"preset": "horse"}}, "골격"),
    ({"text": "   ", "labels": [{"name": "a"}]}, "글을"),
    ("not a mapping", "그릴 내용"),
])
def test_a_canvas_of_unusable_material_is_400_with_a_reason(teacher: Instructor, material: Any, words: str) -> None:
    response = api(teacher, "/instructor/labeling/canvas", {"type": "keypoints", "material": material})
    assert response.status_code == 400
    assert words in response.get_json()["error"]


def test_the_canvas_refuses_unknown_types_and_bodies(teacher: Instructor) -> None:
    assert api(teacher, "/instructor/labeling/canvas", {"type": "nope", "material": {}}).status_code == 400
    response = teacher.client.post("/instructor/labeling/canvas", data="[1,2", content_type="application/json",
                                   headers={"X-CSRFToken": teacher.token, "Accept": "application/json"})
    assert response.status_code == 400


# --- importing from exports ----------------------------------------------------------------

def import_form(user: Instructor, export: bytes, kind: str, type_name: str, draft: dict, choice: str = ""):
    return user.client.post("/instructor/labeling/import", content_type="multipart/form-data",
                            headers={"X-CSRFToken": user.token, "Accept": "application/json"},
                            data={"file": (io.BytesIO(export), "export.json"), "kind": kind, "type": type_name,
                                  "draft": json.dumps(draft), "choice": choice})


def test_import_boxes_and_polygons_from_a_coco_export(teacher: Instructor, bank: Path) -> None:
    shutil.copy(SHIPPED_MEDIA / "coins.png", bank / "media" / "coins.png")
    export = (SHIPPED_MEDIA / "coins_coco.json").read_bytes()
    listed = import_form(teacher, export, "coco", "bbox", {})
    assert listed.status_code == 200
    assert listed.get_json()["choices"] == [{"value": 1, "title": "coins.png"},
                                            {"value": 2, "title": "coins_row_2x.png"}]
    draft = {"image": "media/coins.png", "labels": [{"name": "coin", "title": "동전"}]}
    response = import_form(teacher, export, "coco", "bbox", draft, "1")
    assert response.status_code == 200, response.get_json()
    reference = response.get_json()["reference"]
    coco = json.loads(export)
    assert [r["box"] for r in reference] == [a["bbox"] for a in coco["annotations"] if a["image_id"] == 1]
    assert all(r["label"] == "coin" and set(r) == {"label", "box"} for r in reference)
    polygons = import_form(teacher, export, "coco", "polygon", draft, "1").get_json()["reference"]
    assert len(polygons) == len(reference) and len(polygons[0]["points"]) >= 3
    wrong_image = import_form(teacher, export, "coco", "bbox", {**draft, "image": "media/shapes.png"}, "1")
    assert wrong_image.status_code == 400 and "이미지 크기" in wrong_image.get_json()["error"]
    no_label = import_form(teacher, export, "coco", "bbox", {**draft, "labels": [{"name": "other"}]}, "1")
    assert no_label.status_code == 400 and "coin" in no_label.get_json()["error"]


def test_import_boxes_from_a_label_studio_export(teacher: Instructor, bank: Path) -> None:
    shutil.copy(SHIPPED_MEDIA / "cell.png", bank / "media" / "cell.png")
    export = (SHIPPED_MEDIA / "cell_label_studio.json").read_bytes()
    listed = import_form(teacher, export, "label_studio", "bbox", {}).get_json()
    assert listed["choices"] == [{"value": 101, "title": "작업 101 — cell.png"}]
    response = import_form(teacher, export, "label_studio", "bbox",
                           {"image": "media/cell.png", "labels": [{"name": "cell"}]}, "101")
    assert response.status_code == 200, response.get_json()
    reference = response.get_json()["reference"]
    assert reference and all(r["label"] == "cell" and len(r["box"]) == 4 for r in reference)


def test_import_spans_from_label_studio_fills_the_text(teacher: Instructor) -> None:
    text = "홍길동은 서울에서 일한다."
    export = json.dumps([{"id": 7, "data": {"text": text}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 0, "end": 3, "text": "홍길동", "labels": ["PER"]}},
        {"id": "b", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 5, "end": 7, "text": "서울", "labels": ["LOC"]}}]}]}]).encode()
    response = import_form(teacher, export, "label_studio", "spans",
                           {"text": "", "labels": [{"name": "PER"}, {"name": "LOC"}]}, "7")
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"text": text, "reference": [{"start": 0, "end": 3, "label": "PER"},
                                                               {"start": 5, "end": 7, "label": "LOC"}]}


@pytest.mark.parametrize(("export", "kind", "words"), [
    (b"{not json", "coco", "JSON"),
    (b'{"images": "x"}', "coco", "COCO"),
    (b'{"x": 1}', "label_studio", "Label Studio"),
    (b"[]", "pascal", "형식"),
])
def test_unusable_exports_are_400(teacher: Instructor, export: bytes, kind: str, words: str) -> None:
    response = import_form(teacher, export, kind, "bbox", {})
    assert response.status_code == 400 and words in response.get_json()["error"]


# --- inspection tasks ----------------------------------------------------------------------

def test_an_inspection_starts_from_an_exercises_reference(teacher: Instructor) -> None:
    listed = teacher.client.get("/instructor/labeling/inspectable").get_json()["exercises"]
    ids = [row["id"] for row in listed]
    assert "t2-prac-bbox" in ids and "t2-prac-spans" in ids and "t2-prac-classify" not in ids
    material = teacher.client.get("/instructor/labeling/inspectable/t2-prac-bbox").get_json()
    assert material["task"] == "bbox" and material["image"] == "media/shapes.png"
    assert material["submitted"] == [{"label": "square", "box": [20.0, 30.0, 50.0, 60.0]},
                                     {"label": "circle", "box": [110.0, 40.0, 60.0, 60.0]}]
    assert material["labels"] == [{"name": "square", "title": "사각형", "attributes": ["occluded"]},
                                  {"name": "circle", "title": "원"}]
    assert "not_tight" in material["reasons"]
    keypoints = teacher.client.get("/instructor/labeling/inspectable/t2-prac-keypoints").get_json()
    assert keypoints["submitted"][0]["points"][2] == "hidden" and len(keypoints["skeleton"]["points"]) == 3
    assert teacher.client.get("/instructor/labeling/inspectable/t2-basics-1").status_code == 404


def test_the_inspection_preview_is_the_candidates_task(teacher: Instructor) -> None:
    draft = {"task": "bbox", "image": "media/shapes.png", "labels": [{"name": "square"}, {"name": "circle"}],
             "submitted": [{"label": "square", "box": [20, 30, 50, 60]}, {"label": "square", "box": [110, 40, 60, 60]}],
             "errors": [{"label": 2, "reason": "wrong_class", "rule": "원은 원으로 표시합니다"}]}
    response = api(teacher, "/instructor/labeling/preview", {"type": "inspect", "draft": draft})
    assert response.status_code == 200, response.get_json()
    html = response.get_json()["html"]
    assert 'data-editor="inspect"' in html and "제출된 라벨 2개" in html
    assert "wrong_class" in html and "원은 원으로" not in html  # reasons offered; the key never shown
    bad_draft = {**draft, "errors": [{"label": 9, "reason": "x"}]}
    bad = api(teacher, "/instructor/labeling/preview", {"type": "inspect", "draft": bad_draft})
    assert bad.status_code == 400 and "errors" in bad.get_json()["error"]


# --- every labeling type through the question editor ---------------------------------------

def reference_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


LABELS = {"labels.0.name": "square", "labels.0.title": "사각형", "labels.1.name": "circle", "labels.1.title": "원"}
FORMS: dict[str, dict[str, Any]] = {
    "bbox": {"image": "media/shapes.png", **LABELS, "labels.0.attributes": "occluded", "guide": "꼭 맞게 그립니다.",
             "reference": reference_json([
                 {"label": "square", "box": [20, 30, 50, 60], "attributes": {"occluded": True}},
                 {"label": "circle", "box": [110, 40, 60, 60]}])},
    "polygon": {"image": "media/shapes.png", "labels.0.name": "triangle", "labels.0.title": "삼각형",
                "reference": reference_json([{"label": "triangle", "points": [[30, 120], [90, 110], [80, 140]]}])},
    "keypoints": {"image": "media/shapes.png", "labels.0.name": "shape", "skeleton.preset": "",
                  "skeleton.points.0.name": "top_left", "skeleton.points.1.name": "back", "skeleton.edges": "0-1",
                  "reference": reference_json([{"label": "shape", "points": [[20, 30], "hidden"]}])},
    "classify": {"images": reference_json(["media/shapes.png", "media/sign.png"]), "multi_label": "true", **LABELS,
                 "reference": reference_json([["square", "circle"], ["square"]])},
    "spans": {"text": "홍길동은 서울에서 일한다.", "labels.0.name": "PER", "labels.1.name": "LOC",
              "reference": reference_json([{"start": 0, "end": 3, "label": "PER"},
                                           {"start": 5, "end": 7, "label": "LOC"}])},
    "ocr": {"image": "media/sign.png", "normalize.spaces": "true",
            "reference": reference_json([{"box": [10, 10, 60, 30], "text": "STOP"}])},
    "inspect": {"task": "bbox", "image": "media/shapes.png", "level": "1", "domain": "inspection",
                "file": "level1/inspect.yaml",
                "labels": reference_json([{"name": "square", "title": "사각형"}, {"name": "circle", "title": "원"}]),
                "submitted": reference_json([{"label": "square", "box": [20, 30, 50, 60]},
                                             {"label": "square", "box": [110, 40, 60, 60]}]),
                "errors": reference_json([{"label": 2, "reason": "wrong_class", "rule": "원은 원으로"}])},
}


@pytest.mark.parametrize("type_name", list(FORMS))
def test_each_labeling_type_is_written_through_the_editor(app: Flask, teacher: Instructor, bank: Path,
                                                          type_name: str) -> None:
    page = teacher.page(f"/instructor/questions/new?type={type_name}")
    assert "labeling-section" in page and f"js/instructor/labeling-{type_name}.js" in page
    question_id = f"new-{type_name}"
    form = {"type": type_name, "id": question_id, **COMMON, **FORMS[type_name]}
    response = teacher.post("/instructor/questions/new", form)
    shown = re.findall(r'<ul class="errors[^>]*>(.*?)</ul>', response.get_data(as_text=True), re.S)
    assert response.status_code == 302, shown
    saved = next(q for q in load_bank(bank).questions if q.id == question_id)  # `bank check` accepts it
    model = saved.schema
    assert model.type == type_name
    edit = teacher.page(f"/instructor/questions/{question_id}/edit")
    assert "labeling-section" in edit
    if type_name == "bbox":
        assert model.reference[0].attributes == {"occluded": True} and model.guide == "꼭 맞게 그립니다."
        text = (bank / "level2" / "practical.yaml").read_text(encoding="utf-8")
        assert "- id: new-bbox" in text and "scoring" not in text.split("- id: new-bbox")[1]
        assert "&#34;box&#34;: [20" in edit  # the reference, drawn again on the edit page
    if type_name == "inspect":
        assert model.verdict == "reject" and model.errors[0].rule == "원은 원으로"


def test_a_malformed_reference_is_shown_at_the_reference_and_nothing_is_written(
        teacher: Instructor, bank: Path) -> None:
    before = {p.name: p.read_bytes() for p in bank.rglob("*.yaml")}
    form = {"type": "bbox", "id": "bad-bbox", **COMMON, **FORMS["bbox"], "reference": '[{"label": "square", "box": [1'}
    response = teacher.post("/instructor/questions/new", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    problems = re.search(r'id="f-reference-problems"[^>]*>(.*?)</ul>', page, re.S)
    assert problems and "목록" in problems.group(1)
    assert {p.name: p.read_bytes() for p in bank.rglob("*.yaml")} == before


def test_editing_an_exercise_with_reference_from_shows_the_imported_reference(teacher: Instructor, bank: Path) -> None:
    shutil.copy(SHIPPED_MEDIA / "coins.png", bank / "media" / "coins.png")
    shutil.copy(SHIPPED_MEDIA / "coins_coco.json", bank / "media" / "coins_coco.json")
    with teacher.client.application.app_context():
        from exam_prep.authoring.labeling_drafts import inline_reference

        reference = inline_reference("bbox", {"id": "x", "type": "bbox", "image": "media/coins.png",
                                              "labels": ["coin"], "reference_from": {"coco": "media/coins_coco.json",
                                                                                    "image": "coins.png"}}, bank)
    assert len(reference) == 24 and reference[0]["label"] == "coin"


@pytest.mark.parametrize("body", [
    {"type": "classify", "material": {"images": ["media/shapes.png"], "labels": [{"name": "a"}]},
     "response": {"labels": [5]}},
    {"type": "classify", "material": {"images": "media/shapes.png", "labels": [{"name": "a"}]}},
    {"type": "bbox", "material": {"image": "media/shapes.png", "labels": [1, 2]}},
    {"type": "bbox", "material": {"image": "media/shapes.png", "labels": [{"name": {"x": 1}}]}},
    {"type": "bbox", "material": {"image": ["media/shapes.png"], "labels": [{"name": "a"}]}},
    {"type": "spans", "material": {"text": 5, "labels": [{"name": "a"}]}},
    {"type": "keypoints", "material": {"image": "media/shapes.png", "labels": [{"name": "a"}], "skeleton": "x"}},
    {"type": "bbox", "material": {"image": "media/shapes.png", "labels": [{"name": "a"}]}, "response": [1]},
    {"type": ["bbox"], "material": {}},
])
def test_malformed_canvas_bodies_are_never_a_500(teacher: Instructor, body: dict) -> None:
    response = api(teacher, "/instructor/labeling/canvas", body)
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:300]
    if response.status_code == 400:
        assert response.get_json()["error"]


@pytest.mark.parametrize("form", [
    {"kind": "coco", "type": "bbox", "draft": "[1", "choice": "1"},
    {"kind": "coco", "type": "bbox", "draft": "{}", "choice": "99999999999999999999"},
    {"kind": "label_studio", "type": "classify", "draft": "{}", "choice": "1"},
    {"kind": "coco", "type": "bbox", "draft": '{"image": "../x.png", "labels": ["coin"]}', "choice": "1"},
])
def test_malformed_imports_are_400(teacher: Instructor, form: dict) -> None:
    export = (SHIPPED_MEDIA / "coins_coco.json").read_bytes()
    response = teacher.client.post("/instructor/labeling/import", content_type="multipart/form-data",
                                   headers={"X-CSRFToken": teacher.token, "Accept": "application/json"},
                                   data={"file": (io.BytesIO(export), "export.json"), **form})
    assert response.status_code == 400 and response.get_json()["error"]
    missing = teacher.client.post("/instructor/labeling/import", content_type="multipart/form-data",
                                  headers={"X-CSRFToken": teacher.token, "Accept": "application/json"}, data=form)
    assert missing.status_code == 400 and "파일" in missing.get_json()["error"]
