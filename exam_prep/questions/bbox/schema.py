"""The bank schema of a `bbox` exercise: labeled boxes on an image."""
from __future__ import annotations

from pydantic import Field, model_validator

from ..labeling import (
    LabeledSchema,
    OnImage,
    _Strict,
    check_attributes,
    check_box_in_image,
    check_reference_label,
)


class BoxShape(_Strict):
    label: str
    box: list[float] = Field(min_length=4, max_length=4)
    attributes: dict[str, bool] = Field(default_factory=dict)


class BBoxSchema(OnImage, LabeledSchema):
    reference_reader = "bbox"
    reference: list[BoxShape] = Field(default_factory=list)

    @model_validator(mode="after")
    def _shapes_fit(self) -> BBoxSchema:
        for i, shape in enumerate(self.reference):
            where = f"reference.{i}"
            check_reference_label(where, shape.label, self)
            check_box_in_image(where, shape.box, self.image)
            check_attributes(where, shape.label, shape.attributes, self)
        return self
