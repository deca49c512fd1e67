"""The bank schema of an `inspect` exercise: the task, its material (image, text, skeleton), the
labeler's submission, the rejection reasons offered, the planted errors and the right verdict."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..bbox import BoxShape
from ..keypoints import HIDDEN, KeypointInstance, Skeleton
from ..labeling import (
    ImageInfo,
    LabelSet,
    _Strict,
    check_attributes,
    check_box_in_image,
    check_polygon_in_image,
    inside,
    resolve_image,
)
from ..ocr import Region
from ..polygon import PolygonShape
from ..spans import Span

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
            raise ValueError("labels: 라벨 목록이 필요합니다")

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
                raise ValueError(f"{where}.label: 라벨 '{label}'가 labels에 없습니다")
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
            raise ValueError(f"{where}.missed.label: 라벨 '{error.missed.label}'가 labels에 없습니다")
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
