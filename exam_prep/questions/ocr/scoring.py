"""Score an `ocr` exercise: find each text region (IoU pairing) and read it (CER).

Regions (a box is turned into its four-corner polygon) are paired one-to-one by polygon IoU
with :func:`exam_prep.labeling.matching.match`, as in the polygon exercise (OCR regions carry no
label). Each pair's text is compared by CER (character error rate):

    CER = Levenshtein(reference, candidate) / max(1, len(reference))

in Unicode code points after normalisation (a Hangul syllable is one character): NFKC always,
then what the item's ``normalize`` ignores, then every run of whitespace (spaces, tabs, line
breaks) as one space, then trimming. A region is read right when
CER <= ``cer_max`` (default 0: exact). Item points = regions found and read right /
(#reference regions + #extra candidate regions).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import numpy as np

from ...labeling.geometry import box_to_polygon, polygon_iou
from ...labeling.matching import EPSILON, match
from ...labeling.score import Score
from ...labeling.shapes import listed, rate, unpaired
from .schema import OcrSchema, Region

__all__ = ["cer", "levenshtein", "normalize", "score"]

_WHITESPACE = re.compile(r"\s+")  # str patterns: every Unicode whitespace character


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions, each 1) between two strings."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def normalize(text: str, options: Mapping[str, Any] | None = None) -> str:
    """A transcript as it is compared (the one place for the rule): NFKC, then ``case`` →
    casefold, ``punctuation`` → drop Unicode punctuation (general category P*), ``spaces`` →
    drop all whitespace; otherwise every run of whitespace (double spaces, tabs, line breaks)
    becomes one space, since the single-line answer field cannot hold the others; finally
    strip surrounding whitespace."""
    options = options or {}
    text = unicodedata.normalize("NFKC", text)
    if options.get("case"):
        text = unicodedata.normalize("NFKC", text.casefold())
    if options.get("punctuation"):
        text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("P"))
    return _WHITESPACE.sub("" if options.get("spaces") else " ", text).strip()


def cer(reference: str, candidate: str, options: Mapping[str, Any] | None = None) -> float:
    """Character error rate of ``candidate`` against ``reference`` after :func:`normalize`."""
    ref, cand = normalize(reference, options), normalize(candidate, options)
    return levenshtein(ref, cand) / max(1, len(ref))


def _polygon(region: Any) -> list:
    """A region's outline: its polygon, or its box's four corners (a stored Region or a response's dict)."""
    if isinstance(region, Region):
        box, points = region.box, region.points
    else:
        box, points = region.get("box"), region.get("points")
    return box_to_polygon(box) if box is not None else points or []


def score(model: OcrSchema, response: dict[str, Any] | None) -> Score:
    """The reference regions against ``response["regions"]`` (None or empty: nothing drawn)."""
    rules = model.scoring
    options = model.normalize.model_dump()
    references = model.reference
    candidates = listed(response, "regions")
    floor = float(rules.iou_threshold) - 2 * EPSILON  # pairs under it are never paired
    iou = polygon_iou([_polygon(r) for r in references], [_polygon(c) for c in candidates], floor)
    pairs = match(iou, float(rules.iou_threshold))

    detail_pairs = []
    read_right = 0
    for r, c, value in pairs:
        error = cer(references[r].text, candidates[c].get("text") or "", options)
        ok = error <= float(rules.cer_max)
        read_right += ok
        detail_pairs.append({"ref": r, "cand": c, "iou": value, "status": "matched",
                             "loose": value < float(rules.loose_iou), "text_ok": ok, "cer": error})
    missed, extra = unpaired(pairs, len(references), len(candidates))

    both_empty = not references and not candidates
    accuracy = rate(read_right, len(references) + len(extra), both_empty)
    perfect = read_right == len(references) and not extra
    points = accuracy if rules.partial_credit else (1.0 if perfect else 0.0)
    return Score(points=float(points), max_points=1.0, detail={
        "pairs": detail_pairs,
        "missed": missed,
        "extra": extra,
        "matched": len(pairs),
        "wrong_label": 0,
        "precision": rate(len(pairs), len(candidates), both_empty),
        "recall": rate(len(pairs), len(references), both_empty),
        "mean_iou": float(np.mean([v for _, _, v in pairs])) if pairs else 0.0,
        "accuracy": accuracy,
    })

