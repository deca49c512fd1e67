"""Score a `classify` exercise: per image, exact match (single-label) or Jaccard (multi-label).

Single-label: 1 when the candidate chose exactly the reference label, else 0. Multi-label:
Jaccard index |A ∩ B| / |A ∪ B| of the reference and candidate label sets (both empty = 1).
The item is the mean over the images (partial credit), or 1 only when every image is exact.
"""
from __future__ import annotations

from typing import Any

from ...labeling.score import Score
from ...labeling.shapes import listed
from .schema import ClassifySchema

__all__ = ["jaccard", "score"]


def _unique(labels: list[Any]) -> list[Any]:
    return list(dict.fromkeys(labels))


def jaccard(reference: set[Any], candidate: set[Any]) -> float:
    """|A ∩ B| / |A ∪ B|; 1.0 when both sets are empty."""
    union = reference | candidate
    return len(reference & candidate) / len(union) if union else 1.0


def score(model: ClassifySchema, response: dict[str, Any] | None) -> Score:
    """The right labels of each image against ``response["labels"]`` (None: nothing chosen)."""
    multi = model.multi_label
    references = [_unique(labels) for labels in model.reference]
    answers = listed(response, "labels")
    images = []
    exact = 0
    for i, ref in enumerate(references):
        cand = _unique(list(answers[i] or [])) if i < len(answers) else []
        ref_set, cand_set = set(ref), set(cand)
        same = ref_set == cand_set
        exact += same
        value = jaccard(ref_set, cand_set) if multi else float(same)
        images.append({
            "jaccard": value,
            "missing": [label for label in ref if label not in cand_set],
            "extra": [label for label in cand if label not in ref_set],
        })
    if not references:
        points = 1.0
    elif model.scoring.partial_credit:
        points = sum(image["jaccard"] for image in images) / len(images)
    else:
        points = 1.0 if exact == len(references) else 0.0
    return Score(points=float(points), max_points=1.0, detail={"images": images})

