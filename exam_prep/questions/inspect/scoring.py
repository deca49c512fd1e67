"""Score an `inspect` (검수) exercise: F1 over the planted errors, and the verdict.

- A rejection of a label with a planted error counts 1 with the right reason, 0.5 with another.
- A drawn box counts 1 for a planted missed object when they pair with IoU >= threshold
  (one to one, optimal assignment, as for labeling exercises).
- A rejected good label and a drawn box that pairs with no missed object are false alarms.
- precision = credit / (rejections + drawn boxes), recall = credit / planted errors,
  F1 = 2PR / (P + R); with no planted error and no alarm, F1 = 1.
- The item scores F1 when the verdict is right, half of it when the verdict is wrong or missing.
"""
from __future__ import annotations

from typing import Any

from ...labeling.geometry import box_iou
from ...labeling.matching import match
from ...labeling.score import Score
from .schema import InspectSchema

WRONG_REASON_CREDIT = 0.5
WRONG_VERDICT_FACTOR = 0.5


def score(model: InspectSchema, response: dict[str, Any] | None) -> Score:
    response = response or {}
    threshold = model.scoring.iou_threshold
    planted = {e.label: e.reason for e in model.errors if e.label is not None}
    planted_missed = [e.missed for e in model.errors if e.missed is not None]
    rejections = {j["label"]: j.get("reason") for j in response.get("judgements", []) if j["decision"] == "reject"}
    drawn = [m["box"] for m in response.get("missed", [])]

    labels: list[dict[str, Any]] = []
    credit = 0.0
    for number in range(1, len(model.submitted) + 1):
        truth, given = planted.get(number), rejections.get(number)
        if truth is not None and given is not None:
            status = "caught" if given == truth else "wrong_reason"
            credit += 1.0 if given == truth else WRONG_REASON_CREDIT
        elif truth is not None:
            status = "missed"
        elif given is not None:
            status = "false_alarm"
        else:
            status = "approved_ok"
        labels.append({"label": number, "status": status, "planted": truth, "given": given})

    pairs: list[tuple[int, int, float]] = []
    if planted_missed and drawn:
        pairs = match(box_iou([m.box for m in planted_missed], drawn), threshold)
    found = {p for p, _c, _iou in pairs}
    used = {c for _p, c, _iou in pairs}
    credit += len(pairs)
    missed_objects = [{"index": i, "found": i in found,
                       "iou": next((round(float(v), 3) for p, _c, v in pairs if p == i), None)}
                      for i in range(len(planted_missed))]
    stray = [c for c in range(len(drawn)) if c not in used]

    alarms = len(rejections) + len(drawn)
    total = len(planted) + len(planted_missed)
    if total == 0 and alarms == 0:
        precision = recall = f1 = 1.0
    else:
        precision = credit / alarms if alarms else 0.0
        recall = credit / total if total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    verdict_ok = response.get("verdict") == model.verdict
    points = f1 if verdict_ok else f1 * WRONG_VERDICT_FACTOR
    detail = {
        "labels": labels, "missed_objects": missed_objects, "stray_boxes": stray,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "credit": credit, "planted": total, "alarms": alarms,
        "verdict": response.get("verdict"), "verdict_expected": model.verdict, "verdict_ok": verdict_ok,
    }
    return Score(round(points, 4), 1.0, detail)
