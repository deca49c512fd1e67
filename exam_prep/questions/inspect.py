"""`inspect` (검수, Level 1): judge someone else's labels against the guide.

The exercise shows a labeler's submission (boxes, polygons, a keypoint skeleton, text spans or
OCR regions) with the guide excerpt that applies. The candidate approves each label or rejects it
with a reason, draws a box around any object the labeler missed, and gives a verdict for the
item: approve, or send back. The reference is the list of planted errors and the right verdict.
"""
from __future__ import annotations

from typing import Any, Literal

from flask_babel import gettext as _
from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..labeling import review
from .base import QuestionSchema, ResponseError
from .bbox import BoxShape
from .keypoints import HIDDEN, KeypointInstance, Skeleton
from .labeling_common import (
    ImageInfo,
    LabelingType,
    LabelSet,
    _Strict,
    check_attributes,
    check_box_in_image,
    check_polygon_in_image,
    inside,
    public_image,
    public_labels,
    resolve_image,
    response_box,
    stored_payload,
)
from .ocr import Region
from .polygon import PolygonShape
from .response_fields import bounded_list, integer, object_with, one_of
from .spans import Span

TASKS = ("bbox", "polygon", "keypoints", "spans", "ocr")
IMAGE_TASKS = ("bbox", "polygon", "keypoints", "ocr")
MISSED_OBJECT = "missed_object"
MAX_MISSED = 20  # boxes a candidate may draw around objects the labeler missed
DECISIONS = ("approve", "reject")

# Every rejection reason an exercise may offer; their Korean names live in the templates
# (templates/questions/inspect.html).
REASONS = (
    "not_tight", "cuts_object", "wrong_class", "wrong_attribute", "duplicate", "hidden_guessed",
    "wrong_order", "off_joint", "span_boundary", "transcription", "not_an_object",
)

DEFAULT_REASONS = {
    "bbox": ["not_tight", "cuts_object", "wrong_class", "wrong_attribute", "duplicate", "not_an_object"],
    "polygon": ["not_tight", "cuts_object", "wrong_class", "wrong_attribute", "duplicate", "not_an_object"],
    "keypoints": ["hidden_guessed", "wrong_order", "off_joint", "wrong_class"],
    "spans": ["span_boundary", "wrong_class", "duplicate", "not_an_object"],
    "ocr": ["not_tight", "cuts_object", "transcription", "duplicate"],
}
SUBMITTED_MODELS = {"bbox": BoxShape, "polygon": PolygonShape, "keypoints": KeypointInstance,
                    "spans": Span, "ocr": Region}


class PlantedError(_Strict):
    """One planted error: a label (1-based number in `submitted`) with its reason, or a missed object."""

    label: int | None = Field(default=None, ge=1)
    reason: str | None = None
    missed: BoxShape | None = None
    rule: str | None = None  # the guide rule this error breaks (Markdown), shown in the review

    @model_validator(mode="after")
    def _one_kind(self) -> PlantedError:
        if (self.label is None) == (self.missed is None):
            raise ValueError("label: 오류는 {label: 번호, reason: 이유} 또는 {missed: {label, box}} 중 하나입니다")
        if self.label is not None and self.reason is None:
            raise ValueError("reason: 반려 이유(reason)를 적어 주세요")
        if self.missed is not None:
            self.reason = MISSED_OBJECT
        return self


class InspectSchema(LabelSet):
    task: Literal["bbox", "polygon", "keypoints", "spans", "ocr"]
    image: ImageInfo | None = None
    text: str | None = None
    skeleton: Skeleton | None = None
    submitted: list[dict[str, Any]] = Field(min_length=1, max_length=60)
    reasons: list[str] = Field(default_factory=list)
    errors: list[PlantedError] = Field(default_factory=list, max_length=20)
    verdict: Literal["approve", "reject"] | None = None

    @field_validator("image", mode="before")
    @classmethod
    def _image(cls, value: Any, info: ValidationInfo) -> Any:
        return None if value is None else resolve_image(value, info)

    @field_validator("text")
    @classmethod
    def _strip_text(cls, text: str | None) -> str | None:
        return text.strip() if text is not None else None

    @model_validator(mode="after")
    def _consistent(self) -> InspectSchema:
        self._check_material()
        self._check_reasons()
        self._check_submitted()
        self._check_errors()
        self._check_verdict()
        return self

    def _check_material(self) -> None:
        """The task has what its labels are drawn on (an image, a text, a skeleton) and named with."""
        if self.task in IMAGE_TASKS and self.image is None:
            raise ValueError(f"image: {self.task} 검수 문제에는 이미지가 필요합니다")
        if self.task == "spans" and not self.text:
            raise ValueError("text: spans 검수 문제에는 본문(text)이 필요합니다")
        if self.task == "keypoints" and self.skeleton is None:
            raise ValueError("skeleton: keypoints 검수 문제에는 골격(skeleton)이 필요합니다")
        if self.task != "ocr" and not self.labels:
            raise ValueError("labels: 레이블 목록이 필요합니다")

    def _check_reasons(self) -> None:
        """The rejection reasons offered: the task's defaults unless given, each a known reason."""
        if not self.reasons:
            self.reasons = list(DEFAULT_REASONS[self.task])
        for i, reason in enumerate(self.reasons):
            if reason not in REASONS:
                raise ValueError(f"reasons.{i}: 알 수 없는 반려 이유 '{reason}' (가능한 값: {', '.join(REASONS)})")

    def _check_submitted(self) -> None:
        """Each submitted label is a label of the task, placed on its image or text; stored normalised."""
        model = SUBMITTED_MODELS[self.task]
        names = {label.name for label in self.labels}
        for i, raw in enumerate(self.submitted):
            where = f"submitted.{i}"
            try:
                shape = model.model_validate(raw)
            except Exception as exc:  # pydantic's own message, reported at the item's line
                raise ValueError(f"{where}: {self.task} 라벨 형식이 아닙니다 ({exc.__class__.__name__}: "
                                 f"{str(exc).splitlines()[-1].strip()})") from None
            label = getattr(shape, "label", None)
            if label is not None and names and label not in names:
                raise ValueError(f"{where}.label: 레이블 '{label}'가 labels에 없습니다")
            self._check_placement(where, shape)
            self.submitted[i] = shape.model_dump(mode="json", exclude_none=True)

    def _check_placement(self, where: str, shape: Any) -> None:
        """A submitted label lies inside its image (or text), with attributes its label allows."""
        image = self.image
        if isinstance(shape, BoxShape) and image is not None:
            check_box_in_image(where, shape.box, image)
            check_attributes(where, shape.label, shape.attributes, self)
        elif isinstance(shape, PolygonShape) and image is not None:
            check_polygon_in_image(where, shape.points, image)
        elif isinstance(shape, KeypointInstance) and image is not None and self.skeleton is not None:
            _check_skeleton_points(where, shape, self.skeleton, image)
        elif isinstance(shape, Span) and self.text is not None:
            if not shape.start < shape.end <= len(self.text):
                raise ValueError(f"{where}: 범위가 본문 안에 있지 않습니다")
        elif isinstance(shape, Region) and image is not None:
            if shape.box is not None:
                check_box_in_image(where, shape.box, image)
            else:
                check_polygon_in_image(where, shape.points or [], image)

    def _check_errors(self) -> None:
        """Each planted error names a submitted label once, with an offered reason, or is a missed object."""
        seen: set[int] = set()
        for i, error in enumerate(self.errors):
            if error.label is not None:
                self._check_wrong_label(f"errors.{i}", error.label, error.reason, seen)
                seen.add(error.label)
            else:
                self._check_missed_object(f"errors.{i}", error)

    def _check_wrong_label(self, where: str, label: int, reason: str | None, seen: set[int]) -> None:
        if label > len(self.submitted):
            raise ValueError(f"{where}.label: 제출된 라벨은 {len(self.submitted)}개입니다 (지금 {label})")
        if label in seen:
            raise ValueError(f"{where}.label: {label}번 라벨의 오류가 두 번 적혀 있습니다")
        if reason not in self.reasons:
            raise ValueError(f"{where}.reason: 반려 이유 '{reason}'가 이 문제의 reasons에 없습니다")

    def _check_missed_object(self, where: str, error: PlantedError) -> None:
        if self.task not in IMAGE_TASKS:
            raise ValueError(f"{where}.missed: 누락 객체는 이미지 검수 문제에만 쓸 수 있습니다")
        assert error.missed is not None and self.image is not None
        if self.labels and error.missed.label not in {label.name for label in self.labels}:
            raise ValueError(f"{where}.missed.label: 레이블 '{error.missed.label}'가 labels에 없습니다")
        check_box_in_image(f"{where}.missed", error.missed.box, self.image)

    def _check_verdict(self) -> None:
        """The verdict follows from the planted errors: reject when there are any, else approve."""
        right = "reject" if self.errors else "approve"
        if self.verdict is None:
            self.verdict = right
        elif self.verdict != right:
            raise ValueError(f"verdict: 오류가 {'있으면' if self.errors else '없으면'} 판정은 {right}여야 합니다")


def _check_skeleton_points(where: str, instance: KeypointInstance, skeleton: Skeleton, image: ImageInfo) -> None:
    """A submitted skeleton has one point per skeleton point, each hidden or inside the image."""
    if len(instance.points) != len(skeleton.points):
        raise ValueError(f"{where}.points: 골격의 점은 {len(skeleton.points)}개입니다")
    for j, point in enumerate(instance.points):
        if point != HIDDEN and not inside(point[0], point[1], image.width, image.height):
            raise ValueError(f"{where}.points.{j}: 점이 이미지 밖에 있습니다")


class Inspect(LabelingType):
    name = "inspect"
    label = "검수"
    schema = InspectSchema
    template = "questions/inspect.html"
    review_template = "review/labeling/inspect.html"
    script = "js/questions/inspect.js"

    def review_figure(self, model: QuestionSchema, item: dict[str, Any]) -> dict[str, Any] | None:
        return review.inspect_figure(item)

    def public(self, model: QuestionSchema, option_order: list[int] | None) -> dict[str, Any]:
        payload = stored_payload(model)  # not yet typed all the way (issue 9)
        view: dict[str, Any] = {
            "question": payload["question"], "guide": payload.get("guide", ""), "task": payload["task"],
            "labels": public_labels(model.labels), "reasons": payload["reasons"],
            "submitted": payload["submitted"],
        }
        if payload.get("image"):
            view["image"] = public_image(model.image)
        if payload.get("text"):
            view["text"] = payload["text"]
        if payload.get("skeleton"):
            skeleton = payload["skeleton"]
            view["skeleton"] = {"points": [{"name": p["name"], "title": p["title"]} for p in skeleton["points"]],
                                "edges": skeleton["edges"]}
        return view

    def parse_response(self, raw: Any, option_order: list[int] | None, model: QuestionSchema) -> Any:
        payload = stored_payload(model)  # not yet typed all the way (issue 9)
        raw = object_with(raw, (), {"judgements", "missed", "verdict"},
                          message=_('응답은 {"judgements": [...], "missed": [...], "verdict": ...} 형식이어야 합니다'))
        count = len(payload["submitted"])
        judgements: dict[int, dict[str, Any]] = {}
        for entry in bounded_list(raw.get("judgements", []), "judgements", count):
            object_with(entry, {"label", "decision"}, {"reason"},
                        message=_("판정은 {label, decision, reason} 형식이어야 합니다"))
            label = integer(entry["label"], "label", 1, count)
            if label in judgements:
                raise ResponseError(_("%(n)s번 라벨의 판정이 두 번 있습니다", n=label))
            decision = one_of(entry["decision"], DECISIONS, _("decision은 approve 또는 reject여야 합니다"))
            judgements[label] = {"label": label, "decision": decision}
            if decision == "reject":
                judgements[label]["reason"] = one_of(entry.get("reason"), payload["reasons"],
                                                     _("반려할 때는 이 문항의 반려 이유 중 하나를 골라야 합니다"))
            elif entry.get("reason") is not None:
                raise ResponseError(_("반려 이유는 반려할 때만 고릅니다"))
        missed = bounded_list(raw.get("missed", []), "missed", MAX_MISSED)
        if missed and payload["task"] not in IMAGE_TASKS:
            raise ResponseError(_("이 문항에서는 누락 객체를 그릴 수 없습니다"))
        shape = _('누락 객체는 {"box": [x, y, 너비, 높이]} 형식이어야 합니다')
        boxes = [{"box": response_box(object_with(entry, {"box"}, message=shape)["box"], model.image)}
                 for entry in missed]
        verdict = raw.get("verdict")
        if verdict is not None:
            one_of(verdict, DECISIONS, _("verdict는 approve 또는 reject여야 합니다"))
        return {"judgements": [judgements[k] for k in sorted(judgements)], "missed": boxes, "verdict": verdict}

    def answer(self, model: QuestionSchema) -> dict[str, Any]:
        payload = stored_payload(model)  # not yet typed all the way (issue 9)
        return {"errors": payload["errors"], "verdict": payload["verdict"]}
