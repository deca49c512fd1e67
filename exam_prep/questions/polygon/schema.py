"""The bank schema of a `polygon` exercise: labeled polygons on an image."""
from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from ..labeling import (
    LabeledSchema,
    OnImage,
    _Strict,
    check_attributes,
    check_polygon_in_image,
    check_reference_label,
)


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


class PolygonSchema(OnImage, LabeledSchema):
    reference_reader = "polygon"
    reference: list[PolygonShape] = Field(default_factory=list)

    @model_validator(mode="after")
    def _shapes_fit(self) -> PolygonSchema:
        for i, shape in enumerate(self.reference):
            where = f"reference.{i}"
            check_reference_label(where, shape.label, self)
            check_polygon_in_image(where, shape.points, self.image)
            check_attributes(where, shape.label, shape.attributes, self)
        return self
