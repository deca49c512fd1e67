"""`flask bank check` and `flask bank load`: messages, exit codes, versions, nothing half-loaded."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from exam_prep.extensions import db
from exam_prep.models import QuestionVersion
from tests.conftest import Candidate, answer_all


def versions(app) -> dict[str, list[int]]:
    with app.app_context():
        rows = db.session.execute(select(QuestionVersion.question_id, QuestionVersion.version,
                                         QuestionVersion.is_current).order_by(QuestionVersion.version))
        out: dict[str, list[int]] = {}
        for qid, version, current in rows:
            out.setdefault(qid, []).append((version, current))
        return out


def test_check_prints_counts_and_exits_0(runner, bank: Path) -> None:
    result = runner.invoke(args=["bank", "check", str(bank)])
    assert result.exit_code == 0, result.output
    assert "문항 16개, 시험 3개" in result.output
    assert "basics" in result.output and "single" in result.output
    assert "문제없음" in result.output


def test_check_lists_problems_as_path_line_message_and_exits_1(runner, bank: Path) -> None:
    text = (bank / "level2" / "basics.yaml").read_text(encoding="utf-8")
    (bank / "level2" / "basics.yaml").write_text(text.replace("answer: [1, 3]", "answer: [1, 7]"), encoding="utf-8")
    result = runner.invoke(args=["bank", "check", str(bank)])
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.endswith("basics.yaml:16: answer: 정답 번호는 1부터 4 사이여야 합니다 (지금 [7])")


def test_check_does_not_touch_the_database(app, runner, bank: Path) -> None:
    before = versions(app)
    (bank / "level2" / "new.yaml").write_text(
        "- {id: n1, type: ox, level: 2, domain: basics, question: 참인가, answer: true, explanation: 네}\n",
        encoding="utf-8")
    assert runner.invoke(args=["bank", "check", str(bank)]).exit_code == 0
    assert versions(app) == before


def test_invalid_bank_changes_nothing(app, runner, bank: Path) -> None:
    before = versions(app)
    (bank / "level2" / "new.yaml").write_text(
        "- {id: n1, type: ox, level: 2, domain: basics, question: 참인가, answer: true, explanation: 네}\n"
        "- {id: n2, type: ox, level: 2, domain: basics, question: 참인가, answer: maybe, explanation: 네}\n",
        encoding="utf-8")
    result = runner.invoke(args=["bank", "load", str(bank)])
    assert result.exit_code == 1
    assert "new.yaml:2:" in result.output
    assert versions(app) == before


def test_changed_question_gets_a_new_version_and_old_attempts_keep_theirs(app, runner, client, bank: Path) -> None:
    user = Candidate(client, "버전확인").register()
    state = user.start()
    answer_all(app, user, state, correct=4)
    user.submit(state["id"])
    before = user.api("GET", f"/api/v1/attempts/{state['id']}/result").get_json()["items"][0]
    qid, old_text = before["question_id"], before["question"]

    # Edit the text of a question this attempt showed, wherever it is in the bank.
    path = next(p for p in bank.rglob("*.yaml") if f"id: {qid}\n" in p.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace(old_text, old_text + " (고침)"), encoding="utf-8")
    result = runner.invoke(args=["bank", "load", str(bank)])
    assert result.exit_code == 0, result.output
    assert "바뀐 문항 1개" in result.output
    assert versions(app)[qid] == [(1, False), (2, True)]

    # Loading the same folder again changes nothing.
    assert "그대로 16개" in runner.invoke(args=["bank", "load", str(bank)]).output
    assert versions(app)[qid] == [(1, False), (2, True)]

    # The finished attempt still shows version 1, as the candidate saw it.
    after = user.api("GET", f"/api/v1/attempts/{state['id']}/result").get_json()["items"][0]
    assert (after["question"], after["question_version"]) == (old_text, 1)
    # A new attempt draws the new version.
    fresh = user.start()
    shown = [i["question"] for i in fresh["items"]]
    assert old_text not in shown


def test_removed_question_is_retired(app, runner, bank: Path) -> None:
    path = bank / "level2" / "basics.yaml"
    extra = "- {id: n1, type: ox, level: 2, domain: basics, question: 참인가, answer: true, explanation: 네}\n"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    assert runner.invoke(args=["bank", "load", str(bank)]).exit_code == 0
    path.write_text(path.read_text(encoding="utf-8").replace(extra, ""), encoding="utf-8")
    result = runner.invoke(args=["bank", "load", str(bank)])
    assert "빠진 문항 1개" in result.output
    assert versions(app)["n1"] == [(1, False)]


def test_create_instructor_prompts_for_password(app, runner) -> None:
    result = runner.invoke(args=["users", "create-instructor", "강사"], input="s3cret-pass\ns3cret-pass\n")
    assert result.exit_code == 0, result.output
    assert "강사 계정을 만들었습니다: 강사" in result.output
    from exam_prep.accounts import authenticate

    with app.app_context():
        user = authenticate("강사", "s3cret-pass")
        assert user is not None and user.is_instructor


def test_create_instructor_refuses_short_password(runner) -> None:
    result = runner.invoke(args=["users", "create-instructor", "강사"], input="short\nshort\n")
    assert result.exit_code != 0
    assert "8자 이상" in result.output


def test_stats_prints_counts_per_level_domain_type_and_difficulty(runner, bank: Path) -> None:
    result = runner.invoke(args=["bank", "stats", str(bank)])
    assert result.exit_code == 0, result.output
    assert "2급: 12문항" in result.output and "1급: 4문항" in result.output
    assert "basics (기초)" in result.output and "bbox" in result.output
    assert "난이도  1: 1, 미지정: 11" in result.output


def test_check_lint_warns_without_failing(runner, bank: Path) -> None:
    before = runner.invoke(args=["bank", "check", "--lint", str(bank)]).output
    assert "basics.yaml:9: 경고" not in before
    path = bank / "level2" / "basics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "explanation: 지도학습은 **정답 레이블**이 붙은 데이터로 학습합니다. 보상 신호는 강화학습에 쓰입니다. "
        "학습할 개념은 지도학습입니다. SECRET-EXPLANATION-B1",
        "explanation: 정답 레이블"), encoding="utf-8")
    result = runner.invoke(args=["bank", "check", "--lint", str(bank)])
    assert result.exit_code == 0, result.output
    assert "basics.yaml:9: 경고: 해설 끝에 공부할 개념을" in result.output
    assert "(불러오기는 막지 않습니다)" in result.output
