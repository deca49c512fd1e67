"""How fast is scoring a polygon exercise? Run by hand:

    python bench/labeling_bench.py [--runs 1000] [--refs 50] [--seed 7]

It builds one realistic polygon item: 50 reference polygons (6-12 vertices, star-shaped, 30-120
px across, scattered over a 1920 x 1080 image so that neighbours sometimes overlap) and a
candidate answer of jittered copies of 45 of them (each vertex moved by up to 2.5 px, the whole
shape shifted by up to 3 px, labels and an attribute sometimes wrong) plus 5 extra polygons,
in shuffled order. The item is read back into its typed model the way a stored question version is
(``registry.model_from_payload``). Then it times the polygon type's ``score`` end to end (shape
construction, make_valid repair, the IoU matrix, optimal pairing, the detail) with
time.perf_counter and prints the median and p95 in milliseconds (target: under 5 ms), and the
thread's CPU time (time.thread_time), which a busy machine disturbs less.
Figures go in docs/scoring.md.
"""
from __future__ import annotations

import argparse
import math
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exam_prep.questions import registry  # noqa: E402

WIDTH, HEIGHT = 1920, 1080
LABELS = ["car", "person", "sign"]


def star(rng: random.Random, cx: float, cy: float) -> list[list[float]]:
    """A simple (non-crossing) polygon: 6-12 vertices at increasing angles around a centre."""
    n = rng.randint(6, 12)
    radius = rng.uniform(15, 60)
    angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(n))
    return [[round(cx + radius * rng.uniform(0.6, 1.0) * math.cos(a), 2),
             round(cy + radius * rng.uniform(0.6, 1.0) * math.sin(a), 2)] for a in angles]


def exercise(rng: random.Random, refs: int, extras: int) -> tuple[dict, dict]:
    reference = []
    for _ in range(refs):
        cx, cy = rng.uniform(50, WIDTH - 50), rng.uniform(50, HEIGHT - 50)
        reference.append({"label": rng.choice(LABELS), "points": star(rng, cx, cy),
                          "attributes": {"occluded": rng.random() < 0.2}})
    shapes = []
    for ref in reference[: refs - extras]:
        dx, dy = rng.uniform(-3, 3), rng.uniform(-3, 3)
        points = [[round(x + dx + rng.uniform(-2.5, 2.5), 2), round(y + dy + rng.uniform(-2.5, 2.5), 2)]
                  for x, y in ref["points"]]
        label = ref["label"] if rng.random() > 0.1 else rng.choice(LABELS)
        occluded = ref["attributes"]["occluded"] if rng.random() > 0.1 else not ref["attributes"]["occluded"]
        shapes.append({"label": label, "points": points, "attributes": {"occluded": occluded}})
    for _ in range(extras):
        cx, cy = rng.uniform(50, WIDTH - 50), rng.uniform(50, HEIGHT - 50)
        shapes.append({"label": rng.choice(LABELS), "points": star(rng, cx, cy), "attributes": {}})
    rng.shuffle(shapes)
    payload = {
        "id": "bench-polygon", "type": "polygon", "level": 2, "domain": "labeling",
        "question": "다각형으로 표시하세요.", "explanation": "벤치마크용 문항입니다.",
        "image": {"path": "bench.png", "src": "0" * 64 + ".png", "width": WIDTH, "height": HEIGHT},
        "labels": [{"name": name, "title": name, "attributes": ["occluded"]} for name in LABELS],
        "reference": reference,
        "scoring": {"iou_threshold": 0.5, "partial_credit": True, "attribute_cost": 0.5, "loose_iou": 0.8},
    }
    return payload, {"shapes": shapes}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--refs", type=int, default=50)
    parser.add_argument("--extras", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    payload, response = exercise(random.Random(args.seed), args.refs, args.extras)
    polygon = registry.get("polygon")
    model = registry.model_from_payload("polygon", payload)
    result = polygon.score(model, response)  # warm-up (imports, first allocations)
    for _ in range(20):
        polygon.score(model, response)

    times, cpu = [], []
    for _ in range(args.runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        polygon.score(model, response)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
    detail = result.detail
    print(f"polygon item: {len(payload['reference'])} reference, {len(response['shapes'])} candidate polygons "
          f"({detail['matched']} matched, {detail['wrong_label']} wrong label, {len(detail['missed'])} missed, "
          f"{len(detail['extra'])} extra; points {result.points:.3f})")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.runs} runs: median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms "
          f"(min {times[0]:.2f}, max {times[-1]:.2f}); target < 5 ms")
    print(f"CPU time of the thread: median {statistics.median(cpu):.2f} ms "
          f"(wall-clock figures above suffer when other processes compete: load average {load:.1f})")


if __name__ == "__main__":
    main()
