"""`bank stats`: where the bank is thin, per level, domain, type and difficulty."""
from __future__ import annotations

import unicodedata
from collections import Counter

from .loader import Bank

DIFFICULTIES = (1, 2, 3, None)


def pad(text: str, width: int) -> str:
    """Left-align in a terminal, where Korean characters take two columns."""
    shown = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - shown)


def stats_table(bank: Bank) -> list[str]:
    lines = [f"문항 {len(bank.questions)}개 ({bank.folder})"]
    for level in sorted({q.schema.level for q in bank.questions}, reverse=True):
        mine = [q for q in bank.questions if q.schema.level == level]
        types = sorted({q.schema.type for q in mine})
        lines.append("")
        lines.append(f"{level}급: {len(mine)}문항")
        header = "  " + pad("영역", 40) + "".join(f"{t:>10}" for t in types) + f"{'합계':>8}"
        lines.append(header)
        by_domain_type = Counter((q.schema.domain, q.schema.type) for q in mine)
        for domain in sorted({q.schema.domain for q in mine}):
            row = [by_domain_type[(domain, t)] for t in types]
            title = f"{domain} ({bank.domains.get(domain, '')})"
            lines.append("  " + pad(title, 40) + "".join(f"{n:>10}" for n in row) + f"{sum(row):>8}")
        difficulty = Counter(q.schema.difficulty for q in mine)
        shown = ", ".join(f"{d if d is not None else '미지정'}: {difficulty[d]}" for d in DIFFICULTIES if difficulty[d])
        lines.append(f"  난이도  {shown}")
    return lines
