"""`keypoints`: place every point of a skeleton on each instance; scored by OKS (COCO)."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ...labeling.score import Score
from ..base import ResponseError
from ..labeling import LabelingType, public_image, public_labels, response_label, response_list, response_point
from . import review, scoring
from .schema import HIDDEN, KeypointInstance, KeypointsSchema, Skeleton

__all__ = ["HIDDEN", "KeypointInstance", "Keypoints", "KeypointsSchema", "Skeleton"]


class Keypoints(LabelingType[KeypointsSchema]):
    name = "keypoints"
    label = "키포인트"
    schema = KeypointsSchema
    template = "questions/keypoints.html"
    review_template = "review/labeling/keypoints.html"
    script = "js/questions/keypoints.js"

    def public(self, model: KeypointsSchema, option_order: list[int] | None) -> dict[str, Any]:
        skeleton = model.skeleton
        return {"question": model.question, "guide": model.guide,
                "image": public_image(model.image), "labels": public_labels(model.labels),
                "skeleton": {"points": [{"name": p.name, "title": p.title} for p in skeleton.points],
                             "edges": [list(edge) for edge in skeleton.edges]}}

    def parse_response(self, raw: Any, option_order: list[int] | None, model: KeypointsSchema) -> Any:
        labels = model.label_names()
        count = len(model.skeleton.points)
        instances = []
        for item in response_list(raw, "instances", limit=50):
            if not isinstance(item, dict) or set(item) != {"label", "points"}:
                raise ResponseError(_("인스턴스는 {label, points} 형식이어야 합니다"))
            label = response_label(item["label"], labels)
            points = item["points"]
            if not isinstance(points, list) or len(points) != count:
                raise ResponseError(_("points는 골격의 점 %(n)s개여야 합니다", n=count))
            parsed: list[Any] = []
            for point in points:
                if point is None or point == HIDDEN:
                    parsed.append(point)
                elif isinstance(point, list) and len(point) == 2:
                    parsed.append(response_point(point, model.image))
                else:
                    raise ResponseError(_('점은 [x, y], "hidden" 또는 null이어야 합니다'))
            instances.append({"label": label, "points": parsed})
        return {"instances": instances}

    def score(self, model: KeypointsSchema, response: Any) -> Score:
        return scoring.score(model, response)

    def answer(self, model: KeypointsSchema) -> dict[str, Any]:
        return {"instances": [{"label": r.label, "points": list(r.points)} for r in model.reference]}

    def review_figure(self, model: KeypointsSchema, item: dict[str, Any]) -> dict[str, Any] | None:
        return review.figure(item)


