"""OCR transcripts: every run of whitespace compares as one space (the answer field is a single
line), and `bank check --lint` warns about a reference text with a line break or a tab."""
from __future__ import annotations

from pathlib import Path

import pytest

from exam_prep import questions
from exam_prep.bank import load_bank
from exam_prep.bank.lint import lint
from exam_prep.questions.ocr.scoring import cer, normalize

OCR = """\
- id: x-ocr
  type: ocr
  level: 2
  domain: labeling
  question: 글자를 읽으세요.
  image: media/shapes.png
  reference:
    - {box: [10, 10, 80, 30], text: "영업 시간\\n10:00 - 21:00"}
  explanation: "줄을 바꾼 글자도 한 줄로 입력합니다. 띄어쓰기는 한 칸으로 봅니다. 학습할 개념: OCR 전사 규칙."
"""


@pytest.mark.parametrize("text, expected", [
    ("주차  금지", "주차 금지"),            # a double space
    ("주차\n금지", "주차 금지"),            # a line break
    ("주차\t \r\n금지", "주차 금지"),       # a run of several kinds
    ("주차\u3000금지", "주차 금지"),        # the ideographic space (NFKC makes it a space)
    ("  주차 금지 \n", "주차 금지"),        # around the text: trimmed, as before
    ("주차 금지", "주차 금지"),             # nothing to change
])
def test_runs_of_whitespace_are_one_space(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_the_options_still_apply() -> None:
    assert normalize("주차 \n 금지", {"spaces": True}) == "주차금지"
    # Punctuation dropped between two spaces leaves one space, not two.
    assert normalize("A - B", {"punctuation": True}) == "A B"
    assert normalize("STOP\t\tHere", {"case": True}) == "stop here"


def test_cer_no_longer_counts_the_line_break_as_a_typing_error() -> None:
    # Before: "영업 시간\n10:00" against "영업 시간 10:00" was one substitution in 13 characters.
    assert cer("영업 시간\n10:00", "영업 시간 10:00") == 0.0
    assert cer("영업  시간", "영업 시간") == 0.0
    # A space is still a character: a missing one is an error (1 of 5 characters).
    assert cer("주차 금지", "주차금지") == pytest.approx(1 / 5)


def test_a_reference_with_a_line_break_can_be_typed_into_the_single_line_field(bank: Path) -> None:
    (bank / "level2" / "ocr.yaml").write_text(OCR, encoding="utf-8")
    model = {q.id: q for q in load_bank(bank).questions}["x-ocr"].schema
    qtype = questions.get("ocr")
    typed = {"regions": [{"box": [10, 10, 80, 30], "text": "영업 시간 10:00  -  21:00"}]}
    result = qtype.score(model, qtype.parse_response(typed, None, model))
    assert result.points == 1.0 and result.detail["pairs"][0]["text_ok"] is True, result.detail


def test_lint_warns_about_a_line_break_or_tab_in_a_reference_text(bank: Path) -> None:
    (bank / "level2" / "ocr.yaml").write_text(OCR, encoding="utf-8")
    warnings = [f"{Path(w.path).name}:{w.line}: {w.message}" for w in lint(load_bank(bank))
                if Path(w.path).name == "ocr.yaml"]
    assert warnings == ["ocr.yaml:7: 경고: 정답 글자 1번에 줄바꿈이나 탭이 있습니다. 답 입력칸은 한 줄이라 그대로 "
                        "칠 수 없습니다(채점은 공백 하나로 봅니다). 한 줄로 적거나 줄마다 영역을 나누세요"]
    for text in ("영업 시간\\t10:00", "영업 시간\\r10:00"):
        (bank / "level2" / "ocr.yaml").write_text(OCR.replace("영업 시간\\n10:00 - 21:00", text), encoding="utf-8")
        assert any("줄바꿈이나 탭" in w.message for w in lint(load_bank(bank)))
    # A double space is no problem: it compares as one space.
    (bank / "level2" / "ocr.yaml").write_text(OCR.replace("\\n", "  "), encoding="utf-8")
    assert not [w for w in lint(load_bank(bank)) if Path(w.path).name == "ocr.yaml"]
