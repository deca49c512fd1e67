"""`bank check --lint` for a whole bank, fast enough to run at every bank load, per question.

bank.lint.lint compares every pair of theory questions of a level for near-duplicates: fine at
500 questions, minutes at 10,000. Here the pairs come from a prefix-filter similarity join
(the question texts' 3-gram sets, rarest 3-grams first: two sets with Jaccard >= t always share
one of the first |A| - ceil(t·|A|) + 1 of them), and each candidate pair goes through
bank.lint.near_duplicates itself, so the warnings are exactly the lint's. The other checks are
bank.lint's own functions, composed as bank.lint.lint composes them.
"""
from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict

from ..bank import lint as bank_lint
from ..bank.loader import Bank, BankQuestion, Problem
from ..questions import registry
from ..questions.choice import ChoiceSchema


def _prefix(tokens: set[str], rank: dict[str, tuple[int, str]], limit: float) -> list[str]:
    ordered = sorted(tokens, key=rank.__getitem__)
    keep = len(ordered) - math.ceil(limit * len(ordered) - 1e-9) + 1
    return ordered[:max(1, keep)]


def candidate_pairs(texts: list[set[str]], limit: float) -> set[tuple[int, int]]:
    """Index pairs (i < j) whose sets may reach Jaccard ``limit`` (every pair that does is in)."""
    frequency = Counter(token for tokens in texts for token in tokens)
    rank = {token: (n, token) for token, n in frequency.items()}
    index: dict[str, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for j, tokens in enumerate(texts):
        prefix = _prefix(tokens, rank, limit)
        smallest = limit * len(tokens)  # sizes bound the Jaccard index, as bank.lint skips
        for token in prefix:
            pairs.update((i, j) for i in index[token]
                         if smallest <= len(texts[i]) and limit * len(texts[i]) <= len(tokens))
        for token in prefix:
            index[token].append(j)
    return pairs


def near_duplicates(questions: list[BankQuestion], limit: float) -> list[Problem]:
    """bank.lint.near_duplicates(questions, limit), without comparing every pair."""
    warnings: list[Problem] = []
    by_level: dict[int, list[BankQuestion]] = defaultdict(list)
    for q in questions:
        by_level[q.schema.level].append(q)
    for group in by_level.values():
        texts = [bank_lint.shingles(q.schema.question) for q in group]
        for i, j in sorted(candidate_pairs(texts, limit)):
            if bank_lint.jaccard(texts[i], texts[j]) >= limit:  # then the lint itself words it
                warnings += bank_lint.near_duplicates([group[i], group[j]], limit)
    return warnings


def lint(bank: Bank, thresholds: bank_lint.Thresholds | None = None) -> list[Problem]:
    """The warnings bank.lint.lint gives for ``bank``."""
    t = thresholds or bank_lint.Thresholds()
    theory = [q for q in bank.questions if registry.get(q.schema.type).theory]
    warnings = near_duplicates(theory, t.near_duplicate)
    warnings += bank_lint.bunched_answers(theory, t)
    for q in bank.questions:
        if isinstance(q.schema, ChoiceSchema):
            warnings += bank_lint.long_correct_options(q, t)
            warnings += bank_lint.repeated_options(q)
            warnings += bank_lint.catch_all_options(q)
        warnings += bank_lint.thin_explanation(q)
    return sorted(warnings)


def lint_by_question(bank: Bank) -> dict[str, list[str]]:
    """Each question's lint warnings as `path:line: message` texts: a warning belongs to the
    question whose lines hold its line (a file's warning, on its first question's line, to it)."""
    starts: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for q in bank.questions:
        starts[q.path].append((q.line, q.id))
    for rows in starts.values():
        rows.sort()
    found: dict[str, list[str]] = {q.id: [] for q in bank.questions}
    for warning in lint(bank):
        rows = starts.get(warning.path, [])
        at = bisect.bisect_right(rows, (warning.line, "\uffff")) - 1
        if at >= 0:
            found[rows[at][1]].append(str(warning))
    return found
