"""The near-duplicate lint's prefix-filter join finds exactly the pairs comparing every pair finds."""
from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from exam_prep.bank.lint import NEAR_DUPLICATE, candidate_pairs, jaccard, shingles

WORDS = ["라벨", "데이터", "품질", "검수", "박스", "객체", "정답", "작업", "기준", "이미지"]


def all_pairs(texts: list[set[str]], limit: float) -> list[tuple[int, int]]:
    return [(i, j) for i, j in combinations(range(len(texts)), 2) if jaccard(texts[i], texts[j]) >= limit]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join), min_size=2, max_size=25),
       st.sampled_from([0.3, 0.5, NEAR_DUPLICATE, 0.8, 1.0]))
def test_the_join_misses_no_similar_pair(sentences: list[str], limit: float) -> None:
    texts = [shingles(s) for s in sentences]
    found = [(i, j) for i, j in candidate_pairs(texts, limit) if jaccard(texts[i], texts[j]) >= limit]
    assert found == all_pairs(texts, limit)
