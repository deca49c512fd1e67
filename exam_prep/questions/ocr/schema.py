"""The bank schema of an `ocr` exercise: text regions (a box or a polygon, and what it says)."""
from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from ..base import QuestionSchema
from ..labeling import OnImage, Scoring, _Strict, check_box_in_image, check_polygon_in_image

MAX_TEXT = 500


class Normalize(_Strict):
    case: bool = False
    spaces: bool = False
    punctuation: bool = False


class Region(_Strict):
    box: list[float] | None = None
    points: list[list[float]] | None = None
    text: str = Field(min_length=1)

    model_config = {**_Strict.model_config, "str_strip_whitespace": False}

    @model_validator(mode="after")
    def _one_shape(self) -> Region:
        if (self.box is None) == (self.points is None):
            raise ValueError("box: 영역에는 box 또는 points 중 하나만 있어야 합니다")
        if self.box is not None and len(self.box) != 4:
            raise ValueError("box: [x, y, 너비, 높이] 네 숫자여야 합니다")
        return self


class OcrSchema(OnImage, QuestionSchema):
    reference_reader = "ocr"
    guide: str = ""
    normalize: Normalize = Field(default_factory=Normalize)
    scoring: Scoring = Field(default_factory=Scoring)
    reference_from: dict[str, Any] | None = None
    reference: list[Region] = Field(default_factory=list)

    @model_validator(mode="after")
    def _regions_fit(self) -> OcrSchema:
        for i, region in enumerate(self.reference):
            if region.box is not None:
                check_box_in_image(f"reference.{i}", region.box, self.image)
            else:
                check_polygon_in_image(f"reference.{i}", region.points or [], self.image)
        return self
