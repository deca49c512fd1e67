"""Is `bank check` of 10,000 questions within 2× a bare YAML parse of the same files? Run by hand:

    python bench/bank_check_bench.py [--questions 10000] [--rounds 3]

Builds a bank of about 10,000 questions in a temporary folder from copies of the shipped bank's
files (each copy's question ids get a suffix; exams.yaml and the media are the shipped ones), so
it holds the shipped mix of theory questions and labeling exercises with their images and
exports. Then times, alternately in each round, in one process:
  1. the baseline: PyYAML's SafeLoader (`yaml.safe_load`, the parser the bank loader builds on)
     reading every YAML file of the folder, nothing else;
  2. `flask --app exam_prep bank check <folder>` run in-process (click's test runner): the
     loader's line-tracking parse, the limits, every question's validation by its type (images
     and exports read), duplicate ids, the exams' pools, and the printed counts.
Prints seconds of each and their ratio. Figures go in docs/benchmarks.md; never a timed
assertion in the tests.
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exam_prep import create_app  # noqa: E402

SHIPPED = ROOT / "question_bank"
QUESTION_ID = re.compile(r"^- id: (\S+)$", re.MULTILINE)


def build(folder: Path, wanted: int) -> int:
    """A bank of at least ``wanted`` questions in ``folder``; returns how many it holds."""
    shutil.copytree(SHIPPED / "media", folder / "media")
    shutil.copy(SHIPPED / "exams.yaml", folder / "exams.yaml")
    files = sorted(p for p in SHIPPED.rglob("*.yaml") if p.name != "exams.yaml" and "media" not in p.parts)
    total, copy = 0, 0
    while total < wanted:
        for path in files:
            text = path.read_text(encoding="utf-8")
            total += len(QUESTION_ID.findall(text))
            target = folder / path.relative_to(SHIPPED).with_name(f"{path.stem}_copy{copy}.yaml")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(QUESTION_ID.sub(rf"- id: \1-copy{copy}", text), encoding="utf-8")
        copy += 1
    return total


def bare_parse(folder: Path) -> float:
    started = time.perf_counter()
    for path in sorted(folder.rglob("*.yaml")):
        yaml.safe_load(path.read_text(encoding="utf-8"))
    return time.perf_counter() - started


def bank_check(runner, folder: Path) -> float:
    started = time.perf_counter()
    result = runner.invoke(args=["bank", "check", str(folder)])
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0 and "문제없음." in result.output, result.output[-2000:]
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bank_check_bench_")) / "bank"
    count = build(folder, args.questions)
    files = len(list(folder.rglob("*.yaml")))
    size = sum(p.stat().st_size for p in folder.rglob("*.yaml"))
    print(f"bank: {count:,} questions in {files} YAML files, {size / 1e6:.1f} MB of YAML")

    runner = create_app({"TESTING": True}).test_cli_runner()
    bare, check = [], []
    for _ in range(args.rounds):
        bare.append(bare_parse(folder))
        check.append(bank_check(runner, folder))
    print(f"{'':<34}{'median s':>10}{'runs':>30}")
    print(f"{'bare yaml.safe_load':<34}{statistics.median(bare):>10.2f}   {' '.join(f'{t:.2f}' for t in bare)}")
    print(f"{'flask bank check':<34}{statistics.median(check):>10.2f}   {' '.join(f'{t:.2f}' for t in check)}")
    ratios = [c / b for b, c in zip(bare, check, strict=True)]
    print(f"ratio of the medians: {statistics.median(check) / statistics.median(bare):.2f}; "
          f"per round (same moment): {' '.join(f'{r:.2f}' for r in ratios)}")


if __name__ == "__main__":
    main()
