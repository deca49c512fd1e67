"""The bank schema of a `keypoints` exercise: a skeleton (points, edges, sigmas) and the
reference instances of it on an image.

A point has one of COCO's three visibility states (v):

==========================  =======  ==========================================
in the bank / a response    COCO v   meaning
==========================  =======  ==========================================
``[x, y]``                  2        visible (보임)
``[x, y, 1]``               1        occluded, position estimated (가려짐(위치 추정))
``"hidden"`` (null: not     0        not labeled (표시 안 함)
placed yet, responses only)
==========================  =======  ==========================================

The bank also takes ``[x, y, 2]`` and ``[x, y, occluded]`` and stores them as ``[x, y]`` and
``[x, y, 1]``. The exercise's ``occluded`` option says which convention its guide teaches:
``skip`` (the default: an occluded joint is not guessed but marked 표시 안 함) or ``estimate``
(an occluded joint is placed where it must be and marked 가려짐); see scoring.py.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..labeling import (
    LabeledSchema,
    OnImage,
    _Strict,
    check_reference_label,
    inside,
    resolve_reference_from,
)

HIDDEN = "hidden"
OCCLUDED = 1  # the third number of an occluded point with an estimated position: [x, y, 1]
VISIBLE = 2
DEFAULT_SIGMA = 0.08
#: How a guide wants occluded joints: not guessed (marked hidden) or placed where estimated.
OCCLUDED_CONVENTIONS = ("skip", "estimate")
_STATE_WORDS = {1: OCCLUDED, 2: VISIBLE, "occluded": OCCLUDED, "visible": VISIBLE}


def _coordinate(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def visibility(point: Any) -> int:
    """COCO's v of a point as stored: 2 for [x, y], 1 for [x, y, 1], 0 otherwise ("hidden", None)."""
    if isinstance(point, list | tuple) and len(point) in (2, 3) and all(_coordinate(v) for v in point[:2]):
        return VISIBLE if len(point) == 2 else OCCLUDED if point[2] == OCCLUDED else 0
    return 0


def bank_point(point: Any, where: str) -> Any:
    """A point as the bank writes it, in its stored form ([x, y], [x, y, 1] or "hidden");
    ValueError naming ``where`` when it is none of the three states."""
    if point == HIDDEN:
        return point
    if isinstance(point, list) and len(point) in (2, 3) and all(_coordinate(v) for v in point[:2]):
        if len(point) == 2:
            return point
        state = point[2].strip().lower() if isinstance(point[2], str) else point[2]
        if isinstance(state, int | str) and not isinstance(state, bool) and state in _STATE_WORDS:
            return point[:2] if _STATE_WORDS[state] == VISIBLE else [*point[:2], OCCLUDED]
        if state == 0 and not isinstance(state, bool):
            raise ValueError(f"{where}: 표시하지 않는 점(COCO v=0)은 [x, y, 0] 대신 hidden으로 적습니다")
        raise ValueError(f"{where}: 점의 세 번째 값은 1(가려짐, 위치 추정) 또는 2(보임)여야 합니다 "
                         f"(받은 값: {str(point[2])[:20]})")
    raise ValueError(f"{where}: 점은 [x, y](보임), [x, y, 1](가려짐, 위치 추정) "
                     "또는 hidden(표시 안 함)이어야 합니다")

# COCO's 17 person keypoints, their skeleton (0-based) and per-point sigmas.
COCO_PERSON_POINTS = [
    ("nose", "코"), ("left_eye", "왼쪽 눈"), ("right_eye", "오른쪽 눈"), ("left_ear", "왼쪽 귀"),
    ("right_ear", "오른쪽 귀"), ("left_shoulder", "왼쪽 어깨"), ("right_shoulder", "오른쪽 어깨"),
    ("left_elbow", "왼쪽 팔꿈치"), ("right_elbow", "오른쪽 팔꿈치"), ("left_wrist", "왼쪽 손목"),
    ("right_wrist", "오른쪽 손목"), ("left_hip", "왼쪽 엉덩이"), ("right_hip", "오른쪽 엉덩이"),
    ("left_knee", "왼쪽 무릎"), ("right_knee", "오른쪽 무릎"), ("left_ankle", "왼쪽 발목"),
    ("right_ankle", "오른쪽 발목"),
]
COCO_PERSON_EDGES = [[15, 13], [13, 11], [16, 14], [14, 12], [11, 12], [5, 11], [6, 12], [5, 6], [5, 7],
                     [6, 8], [7, 9], [8, 10], [1, 2], [0, 1], [0, 2], [1, 3], [2, 4], [3, 5], [4, 6]]
COCO_PERSON_SIGMAS = [0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062,
                      0.107, 0.107, 0.087, 0.087, 0.089, 0.089]
PRESETS = {"coco_person": (COCO_PERSON_POINTS, COCO_PERSON_EDGES, COCO_PERSON_SIGMAS)}


class SkeletonPoint(_Strict):
    name: str = Field(min_length=1)
    title: str = ""

    def model_post_init(self, __context: Any) -> None:
        if not self.title:
            self.title = self.name


class Skeleton(_Strict):
    preset: str | None = None
    points: list[SkeletonPoint] = Field(default_factory=list)
    edges: list[list[int]] = Field(default_factory=list)
    sigma: float = Field(default=DEFAULT_SIGMA, gt=0, le=1)
    sigmas: list[float] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _preset(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("preset") is not None:
            if not isinstance(data["preset"], str) or data["preset"] not in PRESETS:
                raise ValueError(f"preset: 알 수 없는 골격 '{str(data['preset'])[:40]}' "
                                 f"(가능한 값: {', '.join(PRESETS)})")
            if data.get("points") and data.get("sigmas"):
                return data  # a stored payload
            if data.get("points") or data.get("edges"):
                raise ValueError("preset: preset을 쓰면 points와 edges는 적지 않습니다")
            points, edges, sigmas = PRESETS[data["preset"]]
            return {**data, "points": [{"name": n, "title": t} for n, t in points], "edges": edges,
                    "sigmas": sigmas}
        if isinstance(data, dict) and isinstance(data.get("points"), list):
            data = {**data, "points": [{"name": p} if isinstance(p, str) else p for p in data["points"]]}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Skeleton:
        if len(self.points) < 1:
            raise ValueError("points: 골격에는 점이 1개 이상 있어야 합니다")
        names = [p.name for p in self.points]
        if len(set(names)) != len(names):
            raise ValueError("points: 점 이름이 두 번 나옵니다")
        for i, edge in enumerate(self.edges):
            if len(edge) != 2 or not all(0 <= e < len(self.points) for e in edge):
                raise ValueError(f"edges.{i}: 연결은 점 번호(0부터) 두 개여야 합니다")
        if not self.sigmas:
            self.sigmas = [self.sigma] * len(self.points)
        if len(self.sigmas) != len(self.points):
            raise ValueError("sigmas: 점마다 하나씩 있어야 합니다")
        return self


class KeypointInstance(_Strict):
    label: str
    points: list[Any]
    area: float | None = Field(default=None, gt=0)

    @field_validator("points")
    @classmethod
    def _three_states(cls, points: list[Any]) -> list[Any]:
        return [bank_point(point, f"points.{i}") for i, point in enumerate(points)]

    def labeled(self) -> int:
        """How many points carry a position (COCO v > 0)."""
        return sum(1 for point in self.points if visibility(point) > 0)


def _the_only_label(data: dict[str, Any], selector: dict[str, Any]) -> None:
    """With one label in the exercise, the export's instances of that label are meant."""
    labels = data.get("labels")
    if "label" not in selector and isinstance(labels, list) and len(labels) == 1:
        only = labels[0]
        selector["label"] = only.get("name") if isinstance(only, dict) else only


class KeypointsSchema(OnImage, LabeledSchema):
    reference_reader = "keypoints"
    skeleton: Skeleton
    #: skip: occluded joints are marked "hidden" (not guessed); estimate: placed as [x, y, 1].
    occluded: Literal["skip", "estimate"] = "skip"
    reference: list[KeypointInstance] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _from_export(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, dict) and "reference_from" in data:
            try:
                names = [p.name for p in Skeleton.model_validate(data.get("skeleton")).points]
            except Exception:  # the skeleton's own errors are reported by its field
                return data
            return resolve_reference_from(data, info, "keypoints", names, selector_defaults=_the_only_label)
        return data

    @model_validator(mode="after")
    def _instances_fit(self) -> KeypointsSchema:
        count = len(self.skeleton.points)
        for i, instance in enumerate(self.reference):
            where = f"reference.{i}"
            check_reference_label(where, instance.label, self)
            if len(instance.points) != count:
                raise ValueError(f"{where}.points: 골격의 점은 {count}개인데 {len(instance.points)}개가 있습니다")
            for j, point in enumerate(instance.points):
                if point != HIDDEN and not inside(point[0], point[1], self.image.width, self.image.height):
                    raise ValueError(f"{where}.points.{j}: 점 ({point[0]}, {point[1]})이 이미지 밖에 있습니다")
            if self.occluded == "estimate" and not instance.labeled():
                raise ValueError(f"{where}.points: occluded: estimate에서는 위치를 적은 점(보임 또는 가려짐)이 "
                                 "하나 이상 있어야 합니다")
            if all(point == HIDDEN for point in instance.points) and instance.area is None:
                raise ValueError(f"{where}.points: 보이는 점이 하나도 없으면 area를 적어 주세요")
        return self
