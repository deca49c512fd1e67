"""flask users create-instructor: messages that read right after any name, and the name rules."""
from __future__ import annotations

import pytest
from flask import Flask

from exam_prep.extensions import db
from exam_prep.models import User
from tests.conftest import Candidate

NEW_PASSWORD = "instructor-pass"


def create_instructor(runner, name: str):
    return runner.invoke(args=["users", "create-instructor", name], input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")


@pytest.mark.parametrize("name", ["김강사", "박선생님", "Lee"])  # ends in a vowel, a consonant, Latin
def test_no_particle_follows_the_name(runner, name: str) -> None:
    result = create_instructor(runner, name)
    assert result.exit_code == 0, result.output
    assert f"강사 계정을 만들었습니다: {name}\n" in result.output
    assert f"'{name}'" not in result.output


def test_promoting_an_account_says_so_and_ends_its_sessions(app: Flask, runner) -> None:
    user = Candidate(app.test_client(), "수험생강사").register()
    assert user.client.get("/history").status_code == 200
    result = create_instructor(runner, "수험생강사")
    assert result.exit_code == 0, result.output
    assert "기존 계정을 강사로 바꾸고 비밀번호를 새로 정했습니다: 수험생강사\n" in result.output
    assert user.client.get("/history").status_code == 302  # the password changed: log in again


def test_bad_names_are_refused_before_anything_is_stored(app: Flask, runner) -> None:
    result = create_instructor(runner, "q\n")
    assert result.exit_code != 0
    assert "아이디는 2자 이상 40자 이하로 입력해 주세요." in result.output
    result = create_instructor(runner, "강사 이름")
    assert result.exit_code != 0
    assert "한글, 영문, 숫자와 _ . - 만" in result.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 0
