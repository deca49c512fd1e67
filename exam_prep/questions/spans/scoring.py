"""Score a `spans` exercise (named-entity tagging) with strict F1, as seqeval / CoNLL do.

A candidate span is a true positive only when (start, end, label) equals a reference span
exactly (offsets in Unicode code points, end exclusive). precision = TP / #candidate,
recall = TP / #reference, F1 = 2PR / (P + R). No reference and no candidate gives F1 = 1;
otherwise a zero denominator gives 0.

As feedback only (they do not change the score), unmatched candidate/reference spans are
also compared for the two near misses of MUC / SemEval-2013 style evaluation:
``partial`` (same label, overlapping, other boundaries) and ``type_errors`` (the same
boundaries, another label).
"""
from __future__ import annotations

from typing import Any

from ...labeling.score import Score
from ...labeling.shapes import listed, rate
from .schema import SpansSchema

__all__ = ["score"]


def _overlap(a: tuple[int, int, Any], b: tuple[int, int, Any]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(model: SpansSchema, response: dict[str, Any] | None) -> Score:
    """The reference spans (located in the text by the schema) against ``response["spans"]``."""
    references = [(span.start, span.end, span.label) for span in model.reference]
    candidates = [(int(s["start"]), int(s["end"]), s.get("label")) for s in listed(response, "spans")]

    true_positive = []
    used_refs: set[int] = set()
    for j, cand in enumerate(candidates):  # exact matches, each reference at most once
        for i, ref in enumerate(references):
            if i not in used_refs and ref == cand:
                used_refs.add(i)
                true_positive.append({"ref": i, "cand": j})
                break
    used_cands = {tp["cand"] for tp in true_positive}
    false_positive = [j for j in range(len(candidates)) if j not in used_cands]
    false_negative = [i for i in range(len(references)) if i not in used_refs]

    partial, type_errors = [], []
    for i in false_negative:
        ref = references[i]
        for j in false_positive:
            cand = candidates[j]
            if cand[:2] == ref[:2]:
                type_errors.append({"ref": i, "cand": j})
            elif cand[2] == ref[2] and _overlap(ref, cand):
                partial.append({"ref": i, "cand": j})

    tp = len(true_positive)
    both_empty = not references and not candidates
    precision = rate(tp, len(candidates), both_empty)
    recall = rate(tp, len(references), both_empty)
    harmonic_mean = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    f1 = 1.0 if both_empty else harmonic_mean
    perfect = tp == len(references) == len(candidates)
    points = f1 if model.scoring.partial_credit else (1.0 if perfect else 0.0)
    return Score(points=float(points), max_points=1.0, detail={
        "true_positive": true_positive,
        "false_positive": false_positive,
        "false_negative": false_negative,
        "partial": partial,
        "type_errors": type_errors,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    })

