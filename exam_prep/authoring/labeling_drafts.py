"""What the labeling editor sections ask the server while an instructor authors an exercise.

- ``drawing_item``: the exercise's material as it stands (image, label set, skeleton, text, ...),
  checked with the bank's own pieces and shaped as the candidate's public item, so the candidate's
  editor template draws the reference on it (the "same editors candidates use").
- ``preview_item``: the whole draft through its type's schema and ``public`` view: the item
  exactly as a candidate will see it (an inspection task's preview).
- ``export_choices`` / ``import_reference``: a COCO or Label Studio export the instructor uploads
  (its images or tasks to pick from, then the reference of the one picked), read through the
  type's own ``reference_from`` path, as `bank check` reads a ``reference_from`` in the YAML.
- ``inspectable_exercises`` / ``inspection_material``: the labeling exercises an inspection task
  can start from, and one's image, label set and reference as the labels to inspect.

Images named by a draft are read from the bank folder (bank.paths) and copied into the media
store under their content hash (as the bank's load will), so the editor shows them at /media/.
Every problem is a DraftProblem with a Korean reason (the view answers 400).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select

from .. import media, questions
from ..bank import limits
from ..bank.messages import korean_message
from ..bank.paths import BankPathError, inside_bank
from ..extensions import db
from ..models import QuestionVersion
from ..questions import registry
from ..questions.base import QuestionSchema
from ..questions.inspect.schema import DEFAULT_REASONS, REASONS
from ..questions.keypoints import KeypointsSchema, Skeleton
from ..questions.labeling import Label, check_labels, public_labels

#: The common keys a draft's material is checked with when only its own keys are being drawn.
PLACEHOLDER = {"id": "draft", "level": 2, "domain": "labeling", "question": "미리 보기", "explanation": "미리 보기"}
EXPORT_KINDS = ("coco", "label_studio")
#: The name a draft's uploaded export is known by while it is read (never a file on disk).
UPLOADED_EXPORT = "(올린 파일)"
MAX_IMAGES = 12
MAX_TEXT = 5000
MAX_CHOICES = 500
#: The tasks an inspection can be of (the inspect type's own list).
INSPECTABLE = tuple(DEFAULT_REASONS)


class DraftProblem(ValueError):
    """A draft the editor cannot draw or import into; the message is the Korean reason."""


def _first_problems(exc: ValidationError, limit: int = 3) -> str:
    messages = []
    for error in exc.errors()[:limit]:
        message = korean_message(error)
        where = ".".join(str(p) for p in error.get("loc", ()))
        messages.append(f"{where}: {message}" if where and not message.startswith(where) else message)
    return " / ".join(messages)


# --- drawing ------------------------------------------------------------------------------

def bank_image(path: Any, folder: Path) -> dict[str, Any]:
    """An image the draft names (bank-relative path): read and checked, copied into the media
    store, as the candidate's item shows it ({url, width, height})."""
    if not isinstance(path, str) or not path.strip():
        raise DraftProblem("먼저 이미지를 올리거나 고르세요")
    try:
        _data, facts = media.read_image(inside_bank(folder, path, "이미지"), path)
        media.publish(folder, {"image": {"src": facts.name, "path": path}})
    except (BankPathError, media.MediaError) as exc:
        raise DraftProblem(str(exc)) from None
    return {"url": f"/media/{facts.name}", "width": facts.width, "height": facts.height, "path": path}


def _labels(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not raw:
        raise DraftProblem("먼저 라벨을 하나 이상 적어 주세요")
    try:
        labels = check_labels([Label.model_validate(label) for label in raw[:30]])
    except ValidationError as exc:
        raise DraftProblem(f"라벨: {_first_problems(exc, 1)}") from None
    except ValueError as exc:
        raise DraftProblem(f"라벨: {exc}") from None
    return public_labels(labels)


def _skeleton(raw: Any) -> dict[str, Any]:
    try:
        skeleton = Skeleton.model_validate(raw)
    except ValidationError as exc:
        raise DraftProblem(f"골격: {_first_problems(exc, 1)}") from None
    return {"points": [{"name": p.name, "title": p.title} for p in skeleton.points],
            "edges": [list(edge) for edge in skeleton.edges]}


def drawing_item(material: Any, folder: Path) -> dict[str, Any]:
    """The candidate's public item of the material being authored; the keys present are checked
    (image, images, labels, skeleton, text), the others passed as the editor's options."""
    if not isinstance(material, dict):
        raise DraftProblem("그릴 내용이 없습니다")
    item: dict[str, Any] = {"id": "ref", "question": "", "guide": str(material.get("guide") or "")[:MAX_TEXT]}
    if "image" in material:
        item["image"] = bank_image(material["image"], folder)
    if "images" in material:
        images = material["images"]
        if not isinstance(images, list) or not images:
            raise DraftProblem("먼저 분류할 이미지를 하나 이상 고르세요")
        item["images"] = [bank_image(path, folder) for path in images[:MAX_IMAGES]]
    if "labels" in material:
        item["labels"] = _labels(material["labels"])
    if "skeleton" in material:
        item["skeleton"] = _skeleton(material["skeleton"])
    if "text" in material:
        text = material["text"]
        if not isinstance(text, str) or not text.strip():
            raise DraftProblem("먼저 태그할 글을 붙여 넣으세요")
        item["text"] = text.replace("\r\n", "\n").strip()[:MAX_TEXT]
    item["multi_label"] = material.get("multi_label") is True
    if isinstance(material.get("occluded"), str):
        item["occluded"] = material["occluded"]
    return item


def _validated(type_name: str, draft: Any, folder: Path, cache: dict[Any, Any] | None = None) -> QuestionSchema:
    if not isinstance(type_name, str) or not questions.is_registered(type_name):
        raise DraftProblem("알 수 없는 문항 유형입니다")
    if not isinstance(draft, dict):
        raise DraftProblem("문항 내용이 없습니다")
    data = {**PLACEHOLDER, **{k: v for k, v in draft.items() if v not in (None, "")}, "type": type_name}
    try:
        return questions.get(type_name).schema.model_validate(data, context={"folder": folder, "cache": cache or {}})
    except ValidationError as exc:
        raise DraftProblem(_first_problems(exc)) from None


def preview_item(type_name: str, draft: Any, folder: Path) -> dict[str, Any]:
    """The draft as the candidate's public item (its type's schema and ``public`` view)."""
    model = _validated(type_name, draft, folder)
    payload = model.model_dump(mode="json")
    try:
        media.publish(folder, payload)
    except media.MediaError as exc:
        raise DraftProblem(str(exc)) from None
    return {**questions.get(type_name).public(model, None), "id": "preview"}


def inline_reference(type_name: str, question: Any, folder: Path) -> Any:
    """The reference of the exercise being edited, as the editor draws it: read through its
    type's schema when it checks (a ``reference_from`` export read, spans found by their text,
    points in their stored form), else as it stands (a draft with problems shows what was sent)."""
    if not isinstance(question, dict):
        return []
    raw = question.get("reference", [])
    if not question.get("reference_from") and not raw:
        return [] if raw in (None, "") else raw
    try:
        model = _validated(type_name, question, folder)
    except DraftProblem:
        return raw if raw is not None else []
    return [_inline(item) for item in getattr(model, "reference", raw) or []]


def keypoints_have_occluded_option() -> bool:
    return "occluded" in KeypointsSchema.model_fields


def all_reasons() -> tuple[str, ...]:
    return REASONS


def default_reasons(task: Any) -> list[str]:
    return list(DEFAULT_REASONS.get(task, [])) if isinstance(task, str) else []


# --- importing a reference from an export ------------------------------------------------

def read_export(data: bytes) -> Any:
    if len(data) > limits.MAX_EXPORT_BYTES:
        raise DraftProblem(f"내보내기 파일이 너무 큽니다 (최대 {limits.size_text(limits.MAX_EXPORT_BYTES)})")
    try:
        return json.loads(data.decode("utf-8-sig"))
    except RecursionError:
        raise DraftProblem("올바른 JSON 파일이 아닙니다 (너무 깊게 겹쳐 있습니다)") from None
    except (UnicodeDecodeError, ValueError):
        raise DraftProblem("올바른 JSON 파일이 아닙니다. COCO 또는 Label Studio에서 "
                           "JSON으로 내보낸 파일을 올려 주세요") from None


def export_choices(kind: str, exported: Any) -> list[dict[str, Any]]:
    """The images (COCO) or tasks (Label Studio) of an export, to pick the one to import:
    [{"value": its id, "title": what the instructor recognises it by}]."""
    if kind == "coco":
        images = exported.get("images") if isinstance(exported, dict) else None
        if not isinstance(images, list):
            raise DraftProblem("COCO 파일의 형식이 아닙니다 (맨 위에 images 목록이 있어야 합니다)")
        rows = [{"value": im.get("id"), "title": str(im.get("file_name") or im.get("id"))}
                for im in images if isinstance(im, dict) and im.get("id") is not None]
    elif kind == "label_studio":
        tasks = [exported] if isinstance(exported, dict) and "data" in exported else exported
        if not isinstance(tasks, list):
            raise DraftProblem("Label Studio 내보내기의 형식이 아닙니다. 작업(task) 목록이어야 합니다")
        rows = [{"value": t.get("id"), "title": _task_title(t)} for t in tasks
                if isinstance(t, dict) and t.get("id") is not None]
    else:
        raise DraftProblem("내보내기 형식을 골라 주세요 (COCO 또는 Label Studio)")
    if not rows:
        raise DraftProblem("내보내기 파일에 가져올 이미지나 작업이 없습니다")
    usable = [row for row in rows if isinstance(row["value"], int | str) and not isinstance(row["value"], bool)]
    return usable[:MAX_CHOICES]


def _task_title(task: dict[str, Any]) -> str:
    data = task.get("data") if isinstance(task.get("data"), dict) else {}
    shown = data.get("image") or data.get("text") or ""
    shown = str(shown).rsplit("/", 1)[-1] if data.get("image") else str(shown)[:40]
    return f"작업 {task.get('id')}" + (f" — {shown}" if shown else "")


def import_reference(type_name: str, draft: Any, kind: str, exported: Any, choice: Any,
                     folder: Path) -> dict[str, Any]:
    """The reference of the picked image or task, read through the type's own `reference_from`
    (the importers, its reader and its steps) and checked against the draft's material:
    {"reference": inline reference, "text": the task's text when the draft had none}."""
    if kind not in EXPORT_KINDS:
        raise DraftProblem("내보내기 형식을 골라 주세요 (COCO 또는 Label Studio)")
    if not isinstance(draft, dict):
        raise DraftProblem("문항 내용이 없습니다")
    selector_key = "image_id" if kind == "coco" else "task"
    draft = {k: v for k, v in draft.items() if k != "reference"}
    filled: dict[str, Any] = {}
    if "text" in draft and not str(draft.get("text") or "").strip():
        filled["text"] = _task_text(exported, choice)
        draft["text"] = filled["text"]
    draft["reference_from"] = {kind: UPLOADED_EXPORT, selector_key: choice}
    model = _validated(type_name, draft, folder, cache={("export", UPLOADED_EXPORT): exported})
    reference = [_inline(item) for item in getattr(model, "reference", [])]
    return {"reference": reference, **filled}


def _task_text(exported: Any, choice: Any) -> str:
    tasks = exported if isinstance(exported, list) else [exported]
    for task in tasks:
        if isinstance(task, dict) and str(task.get("id")) == str(choice):
            text = task.get("data", {}).get("text") if isinstance(task.get("data"), dict) else None
            if isinstance(text, str) and text.strip():
                return text.strip()
    raise DraftProblem("먼저 태그할 글을 붙여 넣으세요 (이 작업에는 data.text가 없습니다)")


def _inline(item: Any) -> Any:
    """A reference item as the bank writes it inline: no empty attributes, no unset keys."""
    if not hasattr(item, "model_dump"):
        return item
    dumped = item.model_dump(mode="json", exclude_none=True)
    if dumped.get("attributes") == {}:
        dumped.pop("attributes")
    return dumped


# --- inspection tasks from labeling exercises ---------------------------------------------

def inspectable_exercises() -> list[dict[str, Any]]:
    """The current labeling exercises an inspection task can start from (the types an
    inspection can be of), by id: [{"id", "type", "question"}]."""
    rows = db.session.execute(
        select(QuestionVersion.question_id, QuestionVersion.type, QuestionVersion.payload)
        .where(QuestionVersion.is_current.is_(True), QuestionVersion.type.in_(list(DEFAULT_REASONS)))
        .order_by(QuestionVersion.question_id)).all()
    return [{"id": qid, "type": kind, "question": str((payload or {}).get("question", ""))[:80]}
            for qid, kind, payload in rows]


def inspection_material(question_id: str) -> dict[str, Any]:
    """An exercise's task, material and reference, as the keys of an inspection task: its
    reference becomes the labels to inspect (``submitted``), every one right until the
    instructor plants errors."""
    version = db.session.scalars(select(QuestionVersion).where(
        QuestionVersion.question_id == question_id, QuestionVersion.is_current.is_(True))).first()
    if version is None or version.type not in DEFAULT_REASONS:
        raise DraftProblem("검수 문제를 만들 수 있는 라벨링 실습 문제가 아닙니다")
    model = registry.model_of(version)
    material: dict[str, Any] = {"task": version.type, "guide": getattr(model, "guide", ""),
                                "labels": [_inline(label) for label in getattr(model, "labels", [])],
                                "reasons": list(DEFAULT_REASONS[version.type]),
                                "submitted": [_inline(item) for item in model.reference]}
    for label in material["labels"]:
        if not label.get("attributes"):
            label.pop("attributes", None)
    image = getattr(model, "image", None)
    if image is not None:
        material["image"] = image.path
    if getattr(model, "text", None):
        material["text"] = model.text
    skeleton = getattr(model, "skeleton", None)
    if skeleton is not None:
        material["skeleton"] = ({"preset": skeleton.preset} if skeleton.preset else
                                {"points": [_inline(p) for p in skeleton.points],
                                 "edges": [list(e) for e in skeleton.edges], "sigmas": list(skeleton.sigmas)})
    return material
