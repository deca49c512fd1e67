"""`keypoints`: place every point of a skeleton on each instance; scored by OKS (COCO)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from ...labeling.score import Score
from ..base import ResponseError
from ..labeling import (
    LabelingType,
    form_json,
    form_number,
    form_rows,
    form_text,
    image_exercise_from_editor,
    public_image,
    public_labels,
    response_label,
    response_list,
    response_point,
    scoring_from_editor,
    with_optional,
)
from . import review, scoring
from .schema import DEFAULT_SIGMA, HIDDEN, OCCLUDED, KeypointInstance, KeypointsSchema, Skeleton

__all__ = ["HIDDEN", "KeypointInstance", "Keypoints", "KeypointsSchema", "Skeleton"]


class Keypoints(LabelingType[KeypointsSchema]):
    name = "keypoints"
    label = "키포인트"
    schema = KeypointsSchema
    template = "questions/keypoints.html"
    review_template = "review/labeling/keypoints.html"
    script = "js/questions/keypoints.js"
    kits = {"keypoints": "questions/kits/keypoints.html", "keypoints-estimate": "questions/kits/keypoints.html"}
    editor_template = "instructor/editor/labeling/keypoints.html"
    editor_script = "js/instructor/labeling-keypoints.js"

    def from_editor(self, form: Mapping[str, Any]) -> dict[str, Any]:
        keys = image_exercise_from_editor(form)
        keys["skeleton"] = skeleton_from_editor(form)
        occluded = self.schema.model_fields.get("occluded")
        if occluded is not None and form_text(form, "occluded") not in ("", occluded.default):
            keys["occluded"] = form_text(form, "occluded")
        with_optional(keys, scoring=scoring_from_editor(form, ("iou_threshold",)))
        keys["reference"] = form_json(form, "reference", [])
        return keys

    def public(self, model: KeypointsSchema, option_order: list[int] | None) -> dict[str, Any]:
        skeleton = model.skeleton
        return {"question": model.question, "guide": model.guide,
                "image": public_image(model.image), "labels": public_labels(model.labels),
                "skeleton": {"points": [{"name": p.name, "title": p.title} for p in skeleton.points],
                             "edges": [list(edge) for edge in skeleton.edges]},
                "occluded": model.occluded}

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
                elif isinstance(point, list) and len(point) == 3 and point[2] == OCCLUDED and point[2] is not True:
                    parsed.append([*response_point(point[:2], model.image), OCCLUDED])
                else:
                    raise ResponseError(_('점은 [x, y](보임), [x, y, 1](가려짐), "hidden"(표시 안 함) '
                                          '또는 null이어야 합니다'))
            instances.append({"label": label, "points": parsed})
        return {"instances": instances}

    def score(self, model: KeypointsSchema, response: Any) -> Score:
        return scoring.score(model, response)

    def answer(self, model: KeypointsSchema) -> dict[str, Any]:
        return {"instances": [{"label": r.label, "points": list(r.points)} for r in model.reference]}

    def review_figure(self, model: KeypointsSchema, item: dict[str, Any]) -> dict[str, Any] | None:
        return review.figure(item, model.occluded)


def edges_from_editor(text: str) -> Any:
    """"0-1, 1-2" (point numbers from 0) as [[0, 1], [1, 2]]; the text itself when it is not that."""
    edges = []
    for part in text.replace("\n", ",").split(","):
        if not part.strip():
            continue
        ends = part.replace("–", "-").split("-")
        if len(ends) != 2 or not all(e.strip().isascii() and e.strip().isdigit() for e in ends):
            return text
        edges.append([int(e) for e in ends])
    return edges


def skeleton_from_editor(form: Mapping[str, Any]) -> dict[str, Any]:
    """A preset by name, or the points (skeleton.points.N.name, .title), edges and sigma."""
    preset = form_text(form, "skeleton.preset")
    if preset:
        return {"preset": preset}
    points = []
    for row in form_rows(form, "skeleton.points"):
        name, title = str(row.get("name") or "").strip(), str(row.get("title") or "").strip()
        if name or title:
            points.append({"name": name, "title": title} if title else {"name": name})
    skeleton: dict[str, Any] = {"points": points, "edges": edges_from_editor(form_text(form, "skeleton.edges"))}
    sigma = form_text(form, "skeleton.sigma")
    if sigma and form_number(sigma) != DEFAULT_SIGMA:
        skeleton["sigma"] = form_number(sigma)
    return skeleton
