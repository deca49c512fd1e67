"""`bbox`: box every instance of every label on an image; scored like CVAT's quality control."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from ...labeling.score import Score
from ..drawn import ShapeType
from ..labeling import response_box
from . import scoring
from .schema import BBoxSchema, BoxShape

__all__ = ["BBox", "BBoxSchema", "BoxShape"]


class BBox(ShapeType[BBoxSchema]):
    name = "bbox"
    label = "바운딩 박스"
    schema = BBoxSchema
    template = "questions/bbox.html"
    review_template = "review/labeling/bbox.html"
    script = "js/questions/bbox.js"
    kits = {"bbox": "questions/kits/bbox.html"}
    editor_script = "js/instructor/labeling-bbox.js"
    geometry_key = "box"
    missing_geometry = _l("상자에는 box가 있어야 합니다")
    parse_geometry = staticmethod(response_box)

    def score(self, model: BBoxSchema, response: Any) -> Score:
        return scoring.score(model, response)
