"""What the drawn-shape types share (bbox, polygon): the public view, checking drawn shapes, the
answer; and the review picture of drawn shapes and regions (bbox, polygon, ocr)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from flask_babel import gettext as _
from pydantic import model_validator

from ..labeling.geometry import shape_geometry
from .base import ResponseError
from .labeling import (
    LabeledSchema,
    LabelingType,
    OnImage,
    check_attributes,
    check_reference_label,
    form_json,
    image_exercise_from_editor,
    public_image,
    public_labels,
    response_attributes,
    response_label,
    response_list,
    scoring_from_editor,
    with_optional,
)


class DrawnSchema(OnImage, LabeledSchema):
    """An exercise whose reference is a list of labeled shapes on its image: each shape's label
    is in the label set, its geometry on the image (the type's own check) and its attributes
    declared by its label."""

    reference: list[Any]

    def check_geometry(self, where: str, shape: Any) -> None:
        """Raise ValueError (message starting with ``where``) if the shape is not on the image."""
        raise NotImplementedError

    @model_validator(mode="after")
    def _shapes_fit(self) -> Self:
        for i, shape in enumerate(self.reference):
            where = f"reference.{i}"
            check_reference_label(where, shape.label, self)
            self.check_geometry(where, shape)
            check_attributes(where, shape.label, shape.attributes, self)
        return self


DrawnT = TypeVar("DrawnT", bound=DrawnSchema)


class ShapeType(LabelingType[DrawnT]):
    """What bbox and polygon share: the public view and checking of drawn shapes."""

    geometry_key: str  # "box" or "points"
    missing_geometry: str  # the message when a shape lacks it
    editor_template = "instructor/editor/labeling/drawn.html"

    def from_editor(self, form: Mapping[str, Any]) -> dict[str, Any]:
        keys = image_exercise_from_editor(form, with_attributes=True)
        with_optional(keys, scoring=scoring_from_editor(form))
        keys["reference"] = form_json(form, "reference", [])
        return keys

    def public(self, model: DrawnT, option_order: list[int] | None) -> dict[str, Any]:
        return {"question": model.question, "guide": model.guide,
                "image": public_image(model.image), "labels": public_labels(model.labels)}

    @staticmethod
    def parse_geometry(raw: Any, image: Any) -> Any:
        raise NotImplementedError

    def parse_shape(self, raw: dict[str, Any], image: Any) -> dict[str, Any]:
        other = "points" if self.geometry_key == "box" else "box"
        if self.geometry_key not in raw or other in raw:
            raise ResponseError(str(self.missing_geometry))
        return {self.geometry_key: self.parse_geometry(raw[self.geometry_key], image)}

    def parse_response(self, raw: Any, option_order: list[int] | None, model: DrawnT) -> Any:
        labels = model.label_attributes()
        shapes = []
        for item in response_list(raw, "shapes"):
            if not isinstance(item, dict) or not {"label"} <= set(item) <= {"label", "box", "points", "attributes"}:
                raise ResponseError(_("도형은 {label, %(key)s, attributes} 형식이어야 합니다", key=self.geometry_key))
            label = response_label(item["label"], set(labels))
            shape = {"label": label, **self.parse_shape(item, model.image)}
            shape["attributes"] = response_attributes(item.get("attributes"), labels[label])
            shapes.append(shape)
        return {"shapes": shapes}

    def answer(self, model: DrawnT) -> dict[str, Any]:
        return {"shapes": [shape.model_dump(mode="json", exclude_none=True) for shape in model.reference]}

    def review_figure(self, model: DrawnT, item: dict[str, Any]) -> dict[str, Any] | None:
        return shapes_figure(item, "shapes")


def _layer(shapes: list[dict[str, Any]], lookup: dict[int, dict[str, Any]], unpaired: set[int],
           unpaired_status: str, titles: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for index, shape in enumerate(shapes):
        pair = lookup.get(index)
        if index in unpaired or pair is None:
            status = unpaired_status
        else:
            status = pair.get("status", "matched")
            if status == "matched" and (pair.get("loose") or pair.get("attributes") or pair.get("text_ok") is False):
                status = "flawed"
        out.append({"index": index + 1, "status": status,
                    "label": titles.get(shape.get("label"), shape.get("label")),
                    "text": shape.get("text"), "attributes": shape.get("attributes") or {}, **shape_geometry(shape)})
    return out


def _pair_view(pair: dict[str, Any], references: list[dict[str, Any]], cand: dict[str, Any],
               titles: dict[str, str]) -> dict[str, Any]:
    ref = references[pair["ref"]] if pair["ref"] < len(references) else None
    return {
        "ref": pair["ref"] + 1, "cand": pair["cand"] + 1, "iou": pair.get("iou", 0.0),
        "status": pair.get("status", "matched"), "loose": bool(pair.get("loose")),
        "attributes": pair.get("attributes") or [],
        "ref_label": titles.get(ref.get("label"), ref.get("label")) if ref is not None else None,
        "cand_label": titles.get(cand.get("label"), cand.get("label")),
        "ref_text": ref.get("text") if ref is not None else None,
        "cand_text": cand.get("text"), "cer": pair.get("cer"), "text_ok": pair.get("text_ok"),
        "anchor": shape_geometry(cand)["anchor"],
    }


def shapes_figure(item: dict[str, Any], key: str) -> dict[str, Any]:
    """bbox, polygon and ocr: reference and candidate layers, pairs with their IoU, notes."""
    detail = item.get("detail") or {}
    references = (item.get("answer") or {}).get(key, [])
    candidates = ((item.get("response") or {}).get(key)) or []
    titles = {label["name"]: label["title"] for label in item.get("labels", [])}
    pairs = detail.get("pairs", [])
    missed, extra = set(detail.get("missed", [])), set(detail.get("extra", []))
    return {
        "references": _layer(references, {p["ref"]: p for p in pairs}, missed, "missed", titles),
        "candidates": _layer(candidates, {p["cand"]: p for p in pairs}, extra, "extra", titles),
        "pairs": [_pair_view(p, references, candidates[p["cand"]], titles) for p in pairs
                  if p["cand"] < len(candidates)],
        "missed": len(missed), "extra": len(extra),
        "wrong_label": sum(1 for p in pairs if p.get("status") == "wrong_label"),
        "loose": sum(1 for p in pairs if p.get("loose")),
        "attribute_errors": sum(1 for p in pairs if p.get("attributes")),
        "misread": sum(1 for p in pairs if p.get("text_ok") is False),
        "stats": {k: detail.get(k) for k in ("matched", "precision", "recall", "mean_iou", "accuracy")},
    }
