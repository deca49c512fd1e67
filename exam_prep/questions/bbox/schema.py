"""The bank schema of a `bbox` exercise: labeled boxes on an image."""
from __future__ import annotations

from pydantic import Field

from ..drawn import DrawnSchema
from ..labeling import _Strict, check_box_in_image


class BoxShape(_Strict):
    label: str
    box: list[float] = Field(min_length=4, max_length=4)
    attributes: dict[str, bool] = Field(default_factory=dict)


class BBoxSchema(DrawnSchema):
    reference_reader = "bbox"
    reference: list[BoxShape] = Field(default_factory=list)

    def check_geometry(self, where: str, shape: BoxShape) -> None:
        check_box_in_image(where, shape.box, self.image)
