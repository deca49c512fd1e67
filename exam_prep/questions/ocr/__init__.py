"""`ocr`: draw a box or polygon around each text region and type what it says."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from ...labeling.score import Score
from ..base import ResponseError
from ..drawn import shapes_figure
from ..fields import clean_text
from ..labeling import (
    LabelingType,
    form_json,
    image_exercise_from_editor,
    public_image,
    response_box,
    response_list,
    response_points,
    scoring_from_editor,
    with_optional,
)
from . import scoring
from .schema import MAX_TEXT, OcrSchema, Region

__all__ = ["Ocr", "OcrSchema", "Region"]


class Ocr(LabelingType[OcrSchema]):
    name = "ocr"
    label = "문자 인식(OCR)"
    schema = OcrSchema
    template = "questions/ocr.html"
    review_template = "review/labeling/ocr.html"
    script = "js/questions/ocr.js"
    kits = {"ocr": "questions/kits/ocr.html"}
    editor_template = "instructor/editor/labeling/ocr.html"
    editor_script = "js/instructor/labeling-ocr.js"

    def from_editor(self, form: Mapping[str, Any]) -> dict[str, Any]:
        keys = image_exercise_from_editor(form, labels=False)
        normalize = {key: True for key in ("case", "spaces", "punctuation") if form.get(f"normalize.{key}") == "true"}
        with_optional(keys, normalize=normalize, scoring=scoring_from_editor(form, ("iou_threshold", "cer_max")))
        keys["reference"] = form_json(form, "reference", [])
        return keys

    def public(self, model: OcrSchema, option_order: list[int] | None) -> dict[str, Any]:
        return {"question": model.question, "guide": model.guide, "image": public_image(model.image)}

    def parse_response(self, raw: Any, option_order: list[int] | None, model: OcrSchema) -> Any:
        return {"regions": [self._region(item, model) for item in response_list(raw, "regions", limit=100)]}

    @staticmethod
    def _region(item: Any, model: OcrSchema) -> dict[str, Any]:
        if not isinstance(item, dict) or "text" not in item or not ({"box", "points"} & set(item)) \
                or not set(item) <= {"box", "points", "text"} or {"box", "points"} <= set(item):
            raise ResponseError(_("영역은 {box 또는 points, text} 형식이어야 합니다"))
        region: dict[str, Any] = {"text": clean_text(item["text"], "text", MAX_TEXT)}
        if "box" in item:
            region["box"] = response_box(item["box"], model.image)
        else:
            region["points"] = response_points(item["points"], model.image)
        return region

    def score(self, model: OcrSchema, response: Any) -> Score:
        return scoring.score(model, response)

    def answer(self, model: OcrSchema) -> dict[str, Any]:
        return {"regions": [region.model_dump(mode="json", exclude_none=True) for region in model.reference]}

    def review_figure(self, model: OcrSchema, item: dict[str, Any]) -> dict[str, Any] | None:
        return shapes_figure(item, "regions")
