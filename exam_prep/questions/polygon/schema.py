"""The bank schema of a `polygon` exercise: labeled polygons on an image."""
from __future__ import annotations

from pydantic import Field, field_validator

from ..drawn import DrawnSchema
from ..labeling import _Strict, check_polygon_in_image


class PolygonShape(_Strict):
    label: str
    points: list[list[float]]
    attributes: dict[str, bool] = Field(default_factory=dict)

    @field_validator("points")
    @classmethod
    def _pairs(cls, points: list[list[float]]) -> list[list[float]]:
        if any(len(p) != 2 for p in points):
            raise ValueError("점은 [x, y] 두 숫자여야 합니다")
        return points


class PolygonSchema(DrawnSchema):
    reference_reader = "polygon"
    reference: list[PolygonShape] = Field(default_factory=list)

    def check_geometry(self, where: str, shape: PolygonShape) -> None:
        check_polygon_in_image(where, shape.points, self.image)
