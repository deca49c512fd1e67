"""The review picture of a `classify` item: each image with the right and the chosen labels."""
from __future__ import annotations

from typing import Any


def figure(item: dict[str, Any]) -> dict[str, Any]:
    detail = item.get("detail") or {}
    titles = {label["name"]: label["title"] for label in item.get("labels", [])}
    reference = (item.get("answer") or {}).get("labels", [])
    response = ((item.get("response") or {}).get("labels")) or [[] for _ in item["images"]]
    rows = []
    for i, image in enumerate(item["images"]):
        info = (detail.get("images") or [{}] * len(item["images"]))[i] if i < len(detail.get("images") or []) else {}
        rows.append({"image": image, "number": i + 1,
                     "reference": [titles.get(x, x) for x in (reference[i] if i < len(reference) else [])],
                     "response": [titles.get(x, x) for x in (response[i] if i < len(response) else [])],
                     "score": info.get("jaccard", info.get("score"))})
    return {"images": rows}
