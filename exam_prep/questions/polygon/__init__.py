"""`polygon`: outline every instance with a polygon (tilted text, irregular objects)."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from ...labeling.score import Score
from ..drawn import ShapeType
from ..labeling import response_points
from . import scoring
from .schema import PolygonSchema, PolygonShape

__all__ = ["Polygon", "PolygonSchema", "PolygonShape"]


class Polygon(ShapeType[PolygonSchema]):
    name = "polygon"
    label = "폴리곤"
    schema = PolygonSchema
    template = "questions/polygon.html"
    review_template = "review/labeling/polygon.html"
    script = "js/questions/polygon.js"
    kits = {"polygon": "questions/kits/polygon.html"}
    editor_script = "js/instructor/labeling-polygon.js"
    geometry_key = "points"
    missing_geometry = _l("다각형에는 points가 있어야 합니다")
    parse_geometry = staticmethod(response_points)

    def score(self, model: PolygonSchema, response: Any) -> Score:
        return scoring.score(model, response)
