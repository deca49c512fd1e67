"""The review picture of an `inspect` item: each submitted label with its planted error and the
candidate's judgement, the missed objects, the boxes drawn, the verdict."""
from __future__ import annotations

from typing import Any

from ...labeling.geometry import shape_geometry
from ..spans.review import span_segments


def figure(item: dict[str, Any]) -> dict[str, Any]:
    """Each submitted label with its planted error and the candidate's judgement; missed objects."""
    detail = item.get("detail") or {}
    titles = {label["name"]: label["title"] for label in item.get("labels", [])}
    errors = (item.get("answer") or {}).get("errors", [])
    rules = {e["label"]: e.get("rule") for e in errors if e.get("label") is not None}
    statuses = {entry["label"]: entry for entry in detail.get("labels", [])}
    submitted = []
    for number, shape in enumerate(item.get("submitted", []), start=1):
        entry = statuses.get(number, {})
        view = {"number": number, "status": entry.get("status", "approved_ok"),
                "planted": entry.get("planted"), "given": entry.get("given"), "rule": rules.get(number),
                "label": titles.get(shape.get("label"), shape.get("label")), "text": shape.get("text"),
                "shape": shape}
        if item.get("task") in ("bbox", "polygon", "ocr") and (shape.get("box") or shape.get("points")):
            view.update(shape_geometry(shape))
        submitted.append(view)
    planted_missed = [e for e in errors if e.get("missed") is not None]
    found = {m["index"]: m for m in detail.get("missed_objects", [])}
    missed = [{"index": i + 1, "label": titles.get(e["missed"]["label"], e["missed"]["label"]),
               "found": bool(found.get(i, {}).get("found")), "rule": e.get("rule"), **shape_geometry(e["missed"])}
              for i, e in enumerate(planted_missed)]
    drawn = [{"index": i + 1, "stray": i in set(detail.get("stray_boxes", [])), **shape_geometry(m)}
             for i, m in enumerate(((item.get("response") or {}).get("missed")) or [])]
    figure = {"task": item.get("task"), "submitted": submitted, "missed": missed, "drawn": drawn,
              "verdict": detail.get("verdict"), "verdict_expected": detail.get("verdict_expected"),
              "verdict_ok": detail.get("verdict_ok"),
              "stats": {k: detail.get(k) for k in ("precision", "recall", "f1")}}
    if item.get("task") == "spans":
        marks = {i: s["status"] for i, s in enumerate(submitted)}
        spans = [s["shape"] for s in submitted]
        figure["segments"] = span_segments(item.get("text", ""), spans, marks)
        figure["titles"] = titles
    return figure
