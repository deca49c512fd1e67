"""The review picture of a `keypoints` item: reference and placed instances on the skeleton,
each point with its status and similarity. Points are [x, y] (visible), [x, y, 1] (occluded,
position estimated: drawn as a hollow ring with a cross) or "hidden"."""
from __future__ import annotations

from typing import Any


def figure(item: dict[str, Any], occluded: str = "skip") -> dict[str, Any]:
    detail = item.get("detail") or {}
    skeleton = item["skeleton"]
    references = (item.get("answer") or {}).get("instances", [])
    candidates = ((item.get("response") or {}).get("instances")) or []
    instances = []
    for inst in detail.get("instances", []):
        ref = (references[inst["ref"]]["points"]
               if inst.get("ref") is not None and inst["ref"] < len(references) else [])
        cand = (candidates[inst["cand"]]["points"]
                if inst.get("cand") is not None and inst["cand"] < len(candidates) else [])
        rows = []
        for i, point in enumerate(skeleton["points"]):
            info = inst.get("points", [])[i] if i < len(inst.get("points", [])) else {}
            rows.append({"number": i + 1, "title": point["title"], "status": info.get("status", "missing"),
                         "similarity": info.get("similarity"),
                         "visibility_wrong": bool(info.get("visibility_wrong")),
                         "ref": ref[i] if i < len(ref) else None, "cand": cand[i] if i < len(cand) else None})
        instances.append({"oks": inst.get("oks"), "points": rows})
    return {
        "estimate": occluded == "estimate",
        "edges": skeleton["edges"],
        "references": [r["points"] for r in references],
        "candidates": [c["points"] for c in candidates],
        "instances": instances,
        "missed": len(detail.get("missed", [])),
        "extra": len(detail.get("extra", [])),
    }
