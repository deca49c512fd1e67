"""The review picture of a `spans` item: the text twice (reference and answer), each run of
characters marked found, missed, extra, partial or of another label."""
from __future__ import annotations

from typing import Any


def span_segments(text: str, spans: list[dict[str, Any]], marks: dict[int, str]) -> list[dict[str, Any]]:
    """Split ``text`` into runs covered by the same spans; each run knows its labels and marks."""
    cover: list[list[int]] = [[] for _ in text]
    for index, span in enumerate(spans):
        for position in range(max(0, span["start"]), min(len(text), span["end"])):
            cover[position].append(index)
    segments: list[dict[str, Any]] = []
    for position, char in enumerate(text):
        key = tuple(cover[position])
        if segments and segments[-1]["key"] == key:
            segments[-1]["text"] += char
        else:
            segments.append({"key": key, "text": char,
                             "labels": [spans[i]["label"] for i in key],
                             "marks": sorted({marks.get(i, "") for i in key} - {""})})
    return segments


def figure(item: dict[str, Any]) -> dict[str, Any]:
    detail = item.get("detail") or {}
    text = item["text"]
    references = (item.get("answer") or {}).get("spans", [])
    candidates = ((item.get("response") or {}).get("spans")) or []

    def indices(key: str, side: str) -> set[int]:
        out = set()
        for entry in detail.get(key, []):
            if isinstance(entry, dict) and side in entry:
                out.add(entry[side])
            elif isinstance(entry, int):
                out.add(entry)
        return out

    ref_marks = {i: "missed" for i in indices("false_negative", "ref")}
    ref_marks.update({i: "found" for i in indices("true_positive", "ref")})
    cand_marks = {i: "extra" for i in indices("false_positive", "cand")}
    cand_marks.update({i: "found" for i in indices("true_positive", "cand")})
    for entry in detail.get("partial", []):
        cand_marks[entry["cand"]] = "partial"
    for entry in detail.get("type_errors", []):
        cand_marks[entry["cand"]] = "type_error"
    titles = {label["name"]: label["title"] for label in item.get("labels", [])}
    return {
        "reference": span_segments(text, references, ref_marks),
        "candidate": span_segments(text, candidates, cand_marks),
        "titles": titles,
        "stats": {k: detail.get(k) for k in ("precision", "recall", "f1")},
        "partial": len(detail.get("partial", [])),
        "type_errors": len(detail.get("type_errors", [])),
        "missed": len(ref_marks) - sum(1 for v in ref_marks.values() if v == "found"),
        "extra": sum(1 for v in cand_marks.values() if v == "extra"),
    }
