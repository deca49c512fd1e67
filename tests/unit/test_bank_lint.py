"""The bank lint: each warning fires on a bad item and stays quiet on a good one; the shipped
bank has none."""
from __future__ import annotations

from pathlib import Path

from exam_prep.bank import load_bank
from exam_prep.bank.lint import lint

SHIPPED_BANK = Path(__file__).resolve().parents[2] / "question_bank"


def single(qid: str, question: str, options: list[str], answer: int, explanation: str) -> str:
    opts = "".join(f"    - \"{o}\"\n" for o in options)
    return (f"- id: {qid}\n  type: single\n  level: 2\n  domain: basics\n  question: \"{question}\"\n"
            f"  options:\n{opts}  answer: {answer}\n  explanation: \"{explanation}\"\n")


GOOD_EXPLANATION = "정답은 1번입니다. 나머지 보기는 개념이 다르기 때문에 틀립니다. 학습할 개념: 학습 방법."
SUPERVISED = "레이블이 붙은 데이터로 배우는 학습은?"
LEARNING_KINDS = ["지도학습", "비지도학습", "강화학습", "전이학습"]


def warnings_for(folder: Path, text: str) -> list[str]:
    (folder / "level2" / "lint.yaml").write_text(text, encoding="utf-8")
    return [f"{Path(w.path).name}:{w.line}: {w.message}" for w in lint(load_bank(folder))
            if Path(w.path).name == "lint.yaml"]


def test_a_clean_item_has_no_warning(bank: Path) -> None:
    assert warnings_for(bank, single("ok-1", SUPERVISED, LEARNING_KINDS, 1, GOOD_EXPLANATION)) == []


def test_near_duplicate_questions(bank: Path) -> None:
    options = ["정답 레이블", "보상", "군집", "규칙"]
    text = (single("d-1", "지도학습에서 모델이 배우는 데이터에 꼭 있어야 하는 것은 무엇인가?", options, 1,
                   GOOD_EXPLANATION)
            + single("d-2", "지도학습에서 모델이 배우는 데이터에 반드시 있어야 하는 것은 무엇인가?", options, 1,
                     GOOD_EXPLANATION))
    [warning] = warnings_for(bank, text)
    assert warning.startswith("lint.yaml:17: 경고: 문항 'd-2'가 'd-1'") and "비슷합니다" in warning


def test_correct_option_much_longer(bank: Path) -> None:
    long_answer = "정답 레이블이 붙은 데이터로 입력과 출력의 관계를 배우는 방법"
    [warning] = warnings_for(bank, single("l-1", "지도학습이란?", [long_answer, "군집", "보상", "규칙"], 1,
                                          GOOD_EXPLANATION))
    assert warning.startswith("lint.yaml:6: 경고: 정답 보기가 오답 보기보다 눈에 띄게 깁니다")


def test_repeated_options(bank: Path) -> None:
    [warning] = warnings_for(bank, single("r-1", "고르세요.", ["지도학습", "비지도학습", "지도 학습", "강화학습"], 2,
                                          GOOD_EXPLANATION))
    assert warning == "lint.yaml:6: 경고: 3번 보기가 1번 보기와 같습니다"


def test_answers_bunched_at_one_position(bank: Path) -> None:
    questions = ["지도학습의 예는?", "회귀의 예는?", "군집의 예는?", "강화학습의 예는?", "분류의 예는?",
                 "차원 축소의 예는?"]
    options = [["가격 예측", "고객 군집", "게임 보상", "문서 요약"], ["집값", "색상", "모양", "순서"],
               ["고객 세분화", "번역", "분류", "예측"], ["바둑 두기", "사진 분류", "집값", "요약"],
               ["스팸 판별", "매출 예측", "군집", "압축"], ["주성분 분석", "분류", "회귀", "보상"]]
    text = "".join(single(f"b-{i}", q, o, 1, GOOD_EXPLANATION)
                   for i, (q, o) in enumerate(zip(questions, options, strict=True)))
    warnings = warnings_for(bank, text)
    assert warnings == ["lint.yaml:1: 경고: 이 파일의 객관식 정답 6개 중 6개가 1번에 몰려 있습니다"]


def test_explanation_of_one_sentence(bank: Path) -> None:
    [warning] = warnings_for(bank, single("e-1", SUPERVISED, LEARNING_KINDS, 1, "지도학습. 학습할 개념: 지도학습"))
    assert warning == "lint.yaml:12: 경고: 해설이 한 문장뿐입니다. 정답인 까닭과 다른 보기가 틀린 까닭을 적어 주세요"


def test_explanation_that_only_restates_the_answer(bank: Path) -> None:
    answer = "레이블이 붙은 데이터로 입력과 출력의 관계를 배우는 지도학습"
    options = [answer, "레이블 없이 데이터 속 구조와 무리를 스스로 찾는 비지도학습",
               "보상과 벌점으로 행동을 조금씩 고쳐 가며 배우는 강화학습",
               "다른 과제에서 미리 배운 지식을 새 과제에 옮겨 쓰는 전이학습"]
    [warning] = warnings_for(bank, single("e-2", "무엇인가?", options, 1, f"{answer}. {answer}. 학습할 개념: 지도학습"))
    assert warning == "lint.yaml:12: 경고: 해설이 정답을 되풀이할 뿐입니다"


def test_explanation_must_name_the_concept_to_study(bank: Path) -> None:
    [warning] = warnings_for(bank, single("e-3", SUPERVISED, LEARNING_KINDS, 1,
                                          "정답은 1번입니다. 나머지는 레이블을 쓰지 않습니다."))
    assert warning == "lint.yaml:12: 경고: 해설 끝에 공부할 개념을 '학습할 개념: …'으로 적어 주세요"


def test_catch_all_options(bank: Path) -> None:
    options = ["스팸 분류", "고객 군집", "게임 보상", "위의 것 모두 옳다"]
    [warning] = warnings_for(bank, single("c-1", "지도학습의 예는?", options, 1, GOOD_EXPLANATION))
    assert warning == ("lint.yaml:6: 경고: 4번 보기 '위의 것 모두 옳다'처럼 '모두 옳다 / 정답 없음' 식의 보기는 "
                       "쓰지 않습니다")


def test_the_shipped_bank_has_no_warnings() -> None:
    assert [str(w) for w in lint(load_bank(SHIPPED_BANK))] == []
