"""The kinds of mistake a labeling or inspection item's scoring detail records (AttemptItem.detail,
the shapes written by each type's scorer: exam_prep/questions/*/scoring.py and
exam_prep/labeling/shapes.py). Read by the keys a detail carries, never by type name.

Kinds (their Korean names are in templates/progress/index.html):
  missed          a reference object, span, image label or joint left out; a planted error not caught
  loose           a box or outline that pairs but is loose (IoU under loose_iou), a joint placed off
                  (similarity under 0.5), a span with the right label and other boundaries
  wrong_label     a paired shape with another label, a span with the same boundaries and another
                  label, an image given another label, an inspection rejection with another reason
  attributes      a paired shape with the right label and a differing attribute
  extra           a shape, span or label with nothing to pair with; an inspection false alarm
  guessed_hidden  a joint the guide says not to guess (hidden), placed anyway
  misread         an OCR region found but read wrong (CER over cer_max)
  verdict         an inspection's final verdict wrong or missing
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

KINDS = ("missed", "loose", "wrong_label", "attributes", "extra", "guessed_hidden", "misread", "verdict")

_JOINT = {"missing": "missed", "occluded_not_estimated": "missed", "missed_hidden_mark": "missed",
          "off": "loose", "guessed_hidden": "guessed_hidden"}
_INSPECTED = {"missed": "missed", "wrong_reason": "wrong_label", "false_alarm": "extra"}


def _shapes(detail: Mapping[str, Any], found: Counter[str]) -> None:
    """bbox, polygon, ocr, keypoints: unpaired and paired shapes."""
    found["missed"] += len(detail.get("missed") or [])
    found["extra"] += len(detail.get("extra") or [])
    for pair in detail.get("pairs") or []:
        found["wrong_label"] += pair.get("status") == "wrong_label"
        found["loose"] += bool(pair.get("loose"))
        found["attributes"] += bool(pair.get("attributes"))
        found["misread"] += pair.get("text_ok") is False
    for instance in detail.get("instances") or []:
        for point in instance.get("points") or []:
            kind = _JOINT.get(point.get("status"))
            if kind:
                found[kind] += 1


def _spans(detail: Mapping[str, Any], found: Counter[str]) -> None:
    """Strict span F1: a near miss counts as its kind, not also as missed and extra."""
    near = len(detail.get("partial") or []) + len(detail.get("type_errors") or [])
    found["loose"] += len(detail.get("partial") or [])
    found["wrong_label"] += len(detail.get("type_errors") or [])
    found["missed"] += max(0, len(detail["false_negative"]) - near)
    found["extra"] += max(0, len(detail.get("false_positive") or []) - near)


def _images(detail: Mapping[str, Any], found: Counter[str]) -> None:
    """classify: an image with a label missing and another given is a wrong label."""
    for image in detail["images"]:
        missing, extra = len(image.get("missing") or []), len(image.get("extra") or [])
        swapped = min(missing, extra)
        found["wrong_label"] += swapped
        found["missed"] += missing - swapped
        found["extra"] += extra - swapped


def _inspection(detail: Mapping[str, Any], found: Counter[str]) -> None:
    for label in detail["labels"]:
        kind = _INSPECTED.get(label.get("status"))
        if kind:
            found[kind] += 1
    found["missed"] += sum(1 for m in detail.get("missed_objects") or [] if not m.get("found"))
    found["extra"] += len(detail.get("stray_boxes") or [])
    found["verdict"] += detail.get("verdict_ok") is False


def mistakes(detail: Mapping[str, Any] | None) -> Counter[str]:
    """How many mistakes of each kind one item's scoring detail records."""
    found: Counter[str] = Counter()
    if not detail:
        return found
    if "labels" in detail:
        _inspection(detail, found)
    elif "false_negative" in detail:
        _spans(detail, found)
    elif "images" in detail:
        _images(detail, found)
    else:
        _shapes(detail, found)
    return +found


def most_common(details: Iterable[Mapping[str, Any] | None]) -> tuple[str, int] | None:
    """The kind of mistake most often made over some items (ties: the order of KINDS), or None."""
    total: Counter[str] = Counter()
    for detail in details:
        total.update(mistakes(detail))
    if not total:
        return None
    kind = max(KINDS, key=lambda k: (total[k], -KINDS.index(k)))
    return kind, total[kind]
