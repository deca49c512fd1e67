"""The bank loader: every kind of problem is reported with its file and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from exam_prep.bank import load_bank
from tests.conftest import FIXTURE_BANK
from tests.conftest import bank_problems as problems_of

SHIPPED_BANK = Path(__file__).resolve().parents[2] / "question_bank"


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


QUESTION = """\
- id: extra-1
  type: single
  level: 2
  domain: basics
  question: 질문
  options: [가, 나, 다, 라]
  answer: 2
  explanation: 해설
"""


def test_fixture_and_shipped_banks_are_valid() -> None:
    fixture = load_bank(FIXTURE_BANK)
    assert len(fixture.questions) == 16
    assert [e.id for e in fixture.exams] == ["level2", "level1", "practice"]
    shipped = load_bank(SHIPPED_BANK)
    levels = shipped.counts()["level"]
    assert levels[2] >= 30 and levels[1] >= 30


def test_syntax_error_names_its_line(bank: Path) -> None:
    write(bank, "broken.yaml", "- id: a\n  type: single\n  options: [x, y\n")
    [problem] = problems_of(bank)
    assert problem.startswith("broken.yaml:4: YAML 문법 오류") or problem.startswith("broken.yaml:3: YAML 문법 오류")


def test_missing_key_points_at_the_question(bank: Path) -> None:
    write(bank, "extra.yaml", "\n" + QUESTION.replace("  explanation: 해설\n", ""))
    assert problems_of(bank) == ["extra.yaml:2: 필수 키 'explanation'가 없습니다"]


def test_unknown_key_points_at_the_key(bank: Path) -> None:
    write(bank, "extra.yaml", QUESTION + "  explanaton: 오타\n")
    assert problems_of(bank) == ["extra.yaml:9: 알 수 없는 키 'explanaton'입니다 (철자를 확인하세요)"]


def test_answer_out_of_range_points_at_answer(bank: Path) -> None:
    write(bank, "extra.yaml", QUESTION.replace("answer: 2", "answer: 5"))
    [problem] = problems_of(bank)
    assert problem.startswith("extra.yaml:7: answer: 정답 번호는 1부터 4 사이여야 합니다")


def test_wrong_type_of_value(bank: Path) -> None:
    write(bank, "extra.yaml", QUESTION.replace("level: 2", "level: 3"))
    [problem] = problems_of(bank)
    assert problem.startswith("extra.yaml:3: 'level'의 값이 올바르지 않습니다")


def test_too_many_options_points_at_options(bank: Path) -> None:
    write(bank, "extra.yaml", QUESTION.replace("[가, 나, 다, 라]", "[a, b, c, d, e, f, g]"))
    [problem] = problems_of(bank)
    assert problem.startswith("extra.yaml:6: 'options'의 항목 수가 너무 많습니다")


def test_blank_option_points_at_the_option(bank: Path) -> None:
    text = QUESTION.replace("  options: [가, 나, 다, 라]\n", "  options:\n    - 가\n    - ''\n    - 다\n")
    write(bank, "extra.yaml", text)
    [problem] = problems_of(bank)
    assert problem == "extra.yaml:6: 2번 보기가 비어 있습니다"


def test_unknown_type(bank: Path) -> None:
    write(bank, "extra.yaml", QUESTION.replace("type: single", "type: essay"))
    [problem] = problems_of(bank)
    assert problem.startswith("extra.yaml:2: 알 수 없는 문항 유형 'essay'입니다")


def test_duplicate_id_across_files_names_both(bank: Path) -> None:
    write(bank, "extra.yaml", QUESTION.replace("extra-1", "t2-basics-1"))
    [problem] = problems_of(bank)
    # Files are read in path order (extra.yaml first): the second one is reported, naming the first.
    assert problem.startswith("basics.yaml:1: 문항 id 't2-basics-1'가 이미 ")
    assert problem.endswith("extra.yaml:1에 있습니다")


def test_duplicate_key_in_a_mapping(bank: Path) -> None:
    write(bank, "extra.yaml", QUESTION + "  answer: 3\n")
    assert problems_of(bank) == ["extra.yaml:9: 키 'answer'가 두 번 나옵니다 (처음은 7행)"]


def test_unknown_domain_points_at_domain(bank: Path) -> None:
    write(bank, "extra.yaml", QUESTION.replace("domain: basics", "domain: nowhere"))
    assert problems_of(bank) == ["extra.yaml:4: domain: 영역 'nowhere'가 exams.yaml의 domains에 없습니다"]


def test_file_must_hold_a_list(bank: Path) -> None:
    write(bank, "extra.yaml", "id: a\ntype: single\n")
    assert problems_of(bank) == ["extra.yaml:1: 문항 파일은 문항의 목록(- id: ...)이어야 합니다"]


def test_every_problem_is_reported_at_once(bank: Path) -> None:
    write(bank, "a.yaml", QUESTION.replace("answer: 2", "answer: 9"))
    write(bank, "b.yaml", QUESTION.replace("extra-1", "extra-2").replace("type: single", "type: nope"))
    assert len(problems_of(bank)) == 2


def test_exam_domain_counts_must_add_up(bank: Path) -> None:
    exams = (bank / "exams.yaml").read_text(encoding="utf-8")
    write(bank, "exams.yaml", exams.replace("domains: {basics: 2, labeling: 2}", "domains: {basics: 2, labeling: 1}"))
    [problem] = problems_of(bank)
    assert problem == "exams.yaml:18: domains: 영역별 문항 수의 합(3)이 count(4)와 다릅니다"


def test_exam_requires_an_existing_exam(bank: Path) -> None:
    exams = (bank / "exams.yaml").read_text(encoding="utf-8")
    write(bank, "exams.yaml", exams.replace("requires: level2", "requires: level3"))
    assert problems_of(bank) == ["exams.yaml:23: requires: 시험 'level3'가 정의되어 있지 않습니다"]


def test_exam_pool_must_be_big_enough(bank: Path) -> None:
    exams = (bank / "exams.yaml").read_text(encoding="utf-8")
    write(bank, "exams.yaml", exams.replace("count: 2\n        level: 1", "count: 5\n        level: 1", 1))
    assert problems_of(bank) == ["exams.yaml:26: 5문항을 뽑아야 하는데 조건에 맞는 문항이 2개뿐입니다"]


def test_exam_minutes_must_be_positive(bank: Path) -> None:
    exams = (bank / "exams.yaml").read_text(encoding="utf-8")
    write(bank, "exams.yaml", exams.replace("minutes: 10\n    pass", "minutes: 0\n    pass"))
    assert problems_of(bank) == ["exams.yaml:10: 'minutes'는 0보다 커야 합니다"]


def test_missing_exams_file(bank: Path) -> None:
    (bank / "exams.yaml").unlink()
    assert problems_of(bank) == ["exams.yaml:1: exams.yaml 파일이 없습니다 (영역과 시험 정의가 들어갑니다)"]


def test_ox_accepts_o_and_x_and_short_accepts_one_string(bank: Path) -> None:
    write(bank, "extra.yaml", """\
- id: ox-1
  type: ox
  level: 2
  domain: basics
  question: 참인가?
  answer: O
  explanation: 네.
- id: short-1
  type: short
  level: 2
  domain: basics
  question: 약어는?
  answer: IoU
  explanation: IoU입니다.
""")
    loaded = {q.id: q.schema for q in load_bank(bank).questions}
    assert loaded["ox-1"].answer is True
    assert loaded["short-1"].answer == ["IoU"]


def test_yaml_tags_are_not_executed(bank: Path) -> None:
    write(bank, "evil.yaml", "- !!python/object/apply:os.system ['echo hacked']\n")
    [problem] = problems_of(bank)
    assert problem.startswith("evil.yaml:1: YAML 문법 오류")


def test_section_may_count_types(bank: Path) -> None:
    exams = (bank / "exams.yaml").read_text(encoding="utf-8")
    practice = "types: [bbox, polygon, keypoints, classify, spans, ocr]"
    counted = "types: {bbox: 1, polygon: 1, keypoints: 1, classify: 1, spans: 1, ocr: 1}"
    write(bank, "exams.yaml", exams.replace(practice, counted))
    section = next(e for e in load_bank(bank).exams if e.id == "practice").sections[0]
    assert section.types == ["bbox", "polygon", "keypoints", "classify", "spans", "ocr"]
    assert section.type_counts == {"bbox": 1, "polygon": 1, "keypoints": 1, "classify": 1, "spans": 1, "ocr": 1}

    too_many_boxes = "types: {bbox: 2, polygon: 1, keypoints: 1, classify: 1, spans: 1}"
    write(bank, "exams.yaml", exams.replace(practice, too_many_boxes))
    assert problems_of(bank) == ["exams.yaml:42: 유형 'bbox'에서 2문항을 뽑아야 하는데 문항이 1개뿐입니다"]
    write(bank, "exams.yaml", exams.replace(practice, "types: {bbox: 1, polygon: 1}"))
    assert problems_of(bank) == ["exams.yaml:42: types: 유형별 문항 수의 합(2)이 count(6)와 다릅니다"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("id: practice", "id: level2", ["exams.yaml:33: 시험 id 'level2'가 두 번 나옵니다"]),
    ("requires: level2", "requires: level1", ["exams.yaml:23: requires: 시험 요구 관계가 순환합니다",
                                              "exams.yaml:23: requires: 시험이 자기 자신을 요구할 수 없습니다"]),
    ("minutes: 10\n    pass", "minutes: 10\n    requires: level1\n    pass",
     ["exams.yaml:11: requires: 시험 요구 관계가 순환합니다", "exams.yaml:24: requires: 시험 요구 관계가 순환합니다"]),
    ("types: [single, ox]", "types: [single, essay]",
     ["exams.yaml:26: 2문항을 뽑아야 하는데 조건에 맞는 문항이 1개뿐입니다",
      "exams.yaml:28: 알 수 없는 문항 유형 'essay'입니다"]),
    ("types: [bbox, polygon, keypoints, classify, spans, ocr]", "types: {bbox: 5, essay: 1}",
     ["exams.yaml:42: 알 수 없는 문항 유형 'essay'입니다",
      "exams.yaml:42: 유형 'bbox'에서 5문항을 뽑아야 하는데 문항이 1개뿐입니다"]),
    ("domains: {basics: 2, labeling: 2}", "domains: {basics: 2, nowhere: 2}",
     ["exams.yaml:18: domains: 영역 'nowhere'가 domains 목록에 없습니다"]),
    ("domains: {basics: 2, labeling: 2}", "domains: {basics: 4, labeling: 0}",
     ["exams.yaml:18: 영역 'basics'에서 4문항을 뽑아야 하는데 문항이 3개뿐입니다"]),
])
def test_exam_definitions_are_checked_against_each_other_and_the_pool(
        bank: Path, old: str, new: str, expected: list[str]) -> None:
    exams = (bank / "exams.yaml").read_text(encoding="utf-8")
    assert old in exams
    write(bank, "exams.yaml", exams.replace(old, new, 1))
    assert problems_of(bank) == expected
