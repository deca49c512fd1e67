"""What reviewers of item banks look for, as warnings for instructors (`bank check --lint`).

Pure functions over a loaded Bank; nothing here fails a load. Each warning points at a file and
line like the loader's problems do.
"""
from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..questions import registry
from ..questions.choice import ChoiceSchema, SingleSchema
from ..questions.ocr import OcrSchema
from .loader import Bank, BankQuestion, Problem

NEAR_DUPLICATE = 0.6          # Jaccard similarity of character 3-grams of two question texts
LONG_ANSWER_RATIO = 1.5       # correct option longer than this times the distractors' mean ...
LONG_ANSWER_CHARS = 12        # ... and by at least this many characters
BUNCHED_MIN_QUESTIONS = 6     # a file needs this many choice questions before positions are judged
BUNCHED_SHARE = 0.5           # more than this share of answers at one position is bunched
MIN_EXPLANATION_SENTENCES = 2
RESTATES_ANSWER = 0.8         # an explanation this similar to the answer only restates it

CONCEPT_MARK = "학습할 개념"      # explanations end by naming the concept to study
# Options that stand for "all / none of the above": they test test-taking, not knowledge.
CATCH_ALL = re.compile(r"^(위의?\s*(것|보기|내용)?\s*(이|가)?\s*)?(모두|전부)\s*(옳|맞|정답|해당|틀)\S*$"
                       r"|^(정답|해당)\s*(이|이\s*)?없(음|다)$|^(all|none) of the above$")

_SPACES = re.compile(r"\s+")
_MARKUP = re.compile(r"[*_`#>|]")
_SENTENCE_END = re.compile(r"(?:[.!?。]|다\.|요\.)(?:\s|$)")


@dataclass(frozen=True)
class Thresholds:
    near_duplicate: float = NEAR_DUPLICATE
    long_answer_ratio: float = LONG_ANSWER_RATIO
    long_answer_chars: int = LONG_ANSWER_CHARS
    bunched_min_questions: int = BUNCHED_MIN_QUESTIONS
    bunched_share: float = BUNCHED_SHARE


def plain(text: str) -> str:
    """Text as a reader compares it: NFKC, no Markdown marks, single spaces, folded case."""
    return _SPACES.sub(" ", _MARKUP.sub("", unicodedata.normalize("NFKC", text))).strip().casefold()


def shingles(text: str, n: int = 3) -> set[str]:
    compact = plain(text).replace(" ", "")
    return {compact[i:i + n] for i in range(max(1, len(compact) - n + 1))}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _line(q: BankQuestion, key: str) -> int:
    return q.key_lines.get(key, q.line)


def _prefix(tokens: set[str], rank: dict[str, tuple[int, str]], limit: float) -> list[str]:
    ordered = sorted(tokens, key=rank.__getitem__)
    keep = len(ordered) - math.ceil(limit * len(ordered) - 1e-9) + 1
    return ordered[:max(1, keep)]


def candidate_pairs(texts: list[set[str]], limit: float) -> list[tuple[int, int]]:
    """Index pairs (i < j), in order, whose sets may reach Jaccard ``limit``; every pair that does
    is among them. A prefix-filter similarity join: with the rarest 3-grams first, two sets with
    Jaccard >= t always share one of the first |A| - ceil(t·|A|) + 1 of them, so a bank of 10,000
    questions is linted in seconds instead of comparing every pair."""
    frequency = Counter(token for tokens in texts for token in tokens)
    rank = {token: (n, token) for token, n in frequency.items()}
    index: dict[str, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for j, tokens in enumerate(texts):
        prefix = _prefix(tokens, rank, limit)
        smallest = limit * len(tokens)  # sizes bound the Jaccard index
        for token in prefix:
            pairs.update((i, j) for i in index[token]
                         if smallest <= len(texts[i]) and limit * len(texts[i]) <= len(tokens))
        for token in prefix:
            index[token].append(j)
    return sorted(pairs)


def near_duplicates(questions: list[BankQuestion], limit: float) -> list[Problem]:
    warnings = []
    by_level: dict[int, list[BankQuestion]] = defaultdict(list)
    for q in questions:
        by_level[q.schema.level].append(q)
    for group in by_level.values():
        texts = [shingles(q.schema.question) for q in group]
        for i, j in candidate_pairs(texts, limit):
            a, b = group[i], group[j]
            score = jaccard(texts[i], texts[j])
            if score >= limit:
                warnings.append(Problem(b.path, _line(b, "question"),
                                        f"경고: 문항 '{b.id}'가 '{a.id}'({a.path}:{a.line})와 비슷합니다 "
                                        f"(유사도 {score:.2f})"))
    return warnings


def _answers(q: BankQuestion) -> list[int]:
    answer = q.schema.answer  # type: ignore[attr-defined]
    return answer if isinstance(answer, list) else [answer]


def long_correct_options(q: BankQuestion, t: Thresholds) -> list[Problem]:
    options = [plain(o) for o in q.schema.options]  # type: ignore[attr-defined]
    right = [len(options[n - 1]) for n in _answers(q)]
    wrong = [len(o) for n, o in enumerate(options, start=1) if n not in _answers(q)]
    if not right or not wrong:
        return []
    mean_right, mean_wrong = sum(right) / len(right), sum(wrong) / len(wrong)
    if mean_right > t.long_answer_ratio * mean_wrong and mean_right - mean_wrong >= t.long_answer_chars:
        return [Problem(q.path, _line(q, "options"),
                        f"경고: 정답 보기가 오답 보기보다 눈에 띄게 깁니다 "
                        f"(평균 {mean_right:.0f}자 대 {mean_wrong:.0f}자)")]
    return []


def catch_all_options(q: BankQuestion) -> list[Problem]:
    return [Problem(q.path, _line(q, "options"),
                    f"경고: {number}번 보기 '{option}'처럼 '모두 옳다 / 정답 없음' 식의 보기는 쓰지 않습니다")
            for number, option in enumerate(q.schema.options, start=1)  # type: ignore[attr-defined]
            if CATCH_ALL.match(plain(option).rstrip(".!"))]


def repeated_options(q: BankQuestion) -> list[Problem]:
    seen: dict[str, int] = {}
    warnings = []
    for number, option in enumerate(q.schema.options, start=1):  # type: ignore[attr-defined]
        key = plain(option).replace(" ", "")
        if key in seen:
            warnings.append(Problem(q.path, _line(q, "options"),
                                    f"경고: {number}번 보기가 {seen[key]}번 보기와 같습니다"))
        seen.setdefault(key, number)
    return warnings


def bunched_answers(questions: list[BankQuestion], t: Thresholds) -> list[Problem]:
    by_file: dict[str, list[BankQuestion]] = defaultdict(list)
    for q in questions:
        if isinstance(q.schema, SingleSchema):  # one answer position per question
            by_file[q.path].append(q)
    warnings = []
    for path, group in by_file.items():
        if len(group) < t.bunched_min_questions:
            continue
        counts: dict[int, int] = defaultdict(int)
        for q in group:
            counts[q.schema.answer] += 1  # type: ignore[attr-defined]
        position, count = max(counts.items(), key=lambda kv: kv[1])
        if count / len(group) > t.bunched_share:
            warnings.append(Problem(path, group[0].line,
                                    f"경고: 이 파일의 객관식 정답 {len(group)}개 중 {count}개가 "
                                    f"{position}번에 몰려 있습니다"))
    return warnings


def thin_explanation(q: BankQuestion) -> list[Problem]:
    explanation = plain(q.schema.explanation)
    if CONCEPT_MARK not in q.schema.explanation:
        return [Problem(q.path, _line(q, "explanation"),
                        f"경고: 해설 끝에 공부할 개념을 '{CONCEPT_MARK}: …'으로 적어 주세요")]
    sentences = len(_SENTENCE_END.findall(explanation + " "))
    if sentences < MIN_EXPLANATION_SENTENCES:
        return [Problem(q.path, _line(q, "explanation"),
                        "경고: 해설이 한 문장뿐입니다. 정답인 까닭과 다른 보기가 틀린 까닭을 적어 주세요")]
    if isinstance(q.schema, ChoiceSchema):
        answer_text = " ".join(plain(q.schema.options[n - 1]) for n in _answers(q))  # type: ignore[attr-defined]
        body = plain(q.schema.explanation.split(CONCEPT_MARK)[0])  # without the closing concept line
        if jaccard(shingles(body), shingles(answer_text)) >= RESTATES_ANSWER:
            return [Problem(q.path, _line(q, "explanation"), "경고: 해설이 정답을 되풀이할 뿐입니다")]
    return []


# What a single-line answer field cannot hold: a candidate cannot type these into the OCR
# exercise's text box (scoring reads any run of whitespace as one space, questions/ocr/scoring.py).
_LINE_BREAK_OR_TAB = re.compile(r"[\n\r\t\v\f\u2028\u2029\x85]")


def multiline_transcripts(q: BankQuestion) -> list[Problem]:
    """An OCR reference text with a line break or a tab: the candidate types into one line."""
    if not isinstance(q.schema, OcrSchema):
        return []
    found = [str(i + 1) for i, region in enumerate(q.schema.reference) if _LINE_BREAK_OR_TAB.search(region.text)]
    if not found:
        return []
    return [Problem(q.path, _line(q, "reference"),
                    f"경고: 정답 글자 {', '.join(found)}번에 줄바꿈이나 탭이 있습니다. 답 입력칸은 한 줄이라 그대로 "
                    "칠 수 없습니다(채점은 공백 하나로 봅니다). 한 줄로 적거나 줄마다 영역을 나누세요")]


def lint(bank: Bank, thresholds: Thresholds | None = None) -> list[Problem]:
    t = thresholds or Thresholds()
    warnings: list[Problem] = []
    theory = [q for q in bank.questions if registry.get(q.schema.type).theory]
    warnings += near_duplicates(theory, t.near_duplicate)
    warnings += bunched_answers(theory, t)
    for q in bank.questions:
        if isinstance(q.schema, ChoiceSchema):
            warnings += long_correct_options(q, t)
            warnings += repeated_options(q)
            warnings += catch_all_options(q)
        warnings += thin_explanation(q)
        warnings += multiline_transcripts(q)
    return sorted(warnings)


def lint_by_question(bank: Bank) -> dict[str, list[str]]:
    """Each question's lint warnings as `path:line: message` texts (kept as QuestionVersion.lint):
    a warning belongs to the question whose lines hold its line (a file's warning, on its first
    question's line, to that question)."""
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
