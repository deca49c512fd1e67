"""The question editor over HTTP: creating, editing, duplicating, retiring and restoring theory
questions in a copy of the bank, problems shown next to their fields with nothing written, the
live preview, conflicts between two instructors, CSRF and malformed posts."""
from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from exam_prep.bank import load_bank
from exam_prep.extensions import db
from exam_prep.models import CHANGE_CREATE, CHANGE_EDIT, CHANGE_RESTORE, QuestionChange, QuestionVersion
from tests.web.test_instructor_questions import Instructor, app_on

EXPLANATION = "지도학습은 정답이 붙은 데이터로 모델을 학습시키는 방법입니다. 학습할 개념: 지도학습"
COMMON = {"level": "2", "domain": "basics", "difficulty": "2", "question": "지도학습에 꼭 필요한 데이터는 무엇인가?",
          "explanation": EXPLANATION, "tags": "지도학습, 용어", "source": "", "file": "level2/basics.yaml"}
DRAFTS: dict[str, dict[str, Any]] = {
    "single": {"options.0": "레이블이 붙은 데이터", "options.1": "보상 신호", "options.2": "군집 수",
               "options.3": "", "options.4": "", "options.5": "", "answer": "1"},
    "multiple": {"options.0": "k-평균", "options.1": "선형 회귀", "options.2": "주성분 분석", "answer": ["1", "3"]},
    "ox": {"answer": "false"},
    "short": {"answer": "레이블\n라벨\n\n"},
}
SAVED = {"single": {"options": ["레이블이 붙은 데이터", "보상 신호", "군집 수"], "answer": 1},
         "multiple": {"options": ["k-평균", "선형 회귀", "주성분 분석"], "answer": [1, 3]},
         "ox": {"answer": False},
         "short": {"answer": ["레이블", "라벨"]}}


@pytest.fixture
def app(db_path: Path, bank: Path) -> Iterator[Flask]:
    yield from app_on(db_path, bank)


@pytest.fixture
def teacher(app: Flask) -> Instructor:
    return Instructor(app.test_client(), "선생님").login(app)


def draft(type_name: str, question_id: str, **changes: Any) -> dict[str, Any]:
    return {"type": type_name, "id": question_id, **COMMON, **DRAFTS[type_name], "action": "save", **changes}


def versions(app: Flask, question_id: str) -> list[QuestionVersion]:
    with app.app_context():
        rows = db.session.scalars(select(QuestionVersion).where(QuestionVersion.question_id == question_id)
                                  .order_by(QuestionVersion.version)).all()
        db.session.expunge_all()
        return list(rows)


def changes(app: Flask, question_id: str) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(QuestionChange.action).where(QuestionChange.question_id == question_id)
                                       .order_by(QuestionChange.id)))


def problems_at(page: str, field: str) -> list[str]:
    """The messages shown at a field (its <ul id="f-<field>-problems">)."""
    found = re.search(rf'<ul class="errors field-problems" id="f-{field}-problems"[^>]*>(.*?)</ul>', page, re.S)
    return re.findall(r"<li>(.*?)</li>", found.group(1)) if found else []


def bank_bytes(bank: Path) -> dict[str, bytes]:
    return {p.relative_to(bank).as_posix(): p.read_bytes() for p in sorted(bank.rglob("*.yaml"))}


def hash_of(app: Flask, question_id: str) -> str:
    return versions(app, question_id)[-1].content_hash


# --- creating ---------------------------------------------------------------------------------

@pytest.mark.parametrize("type_name", ["single", "multiple", "ox", "short"])
def test_create_each_theory_type(app: Flask, teacher: Instructor, bank: Path, type_name: str) -> None:
    editor = teacher.page(f"/instructor/questions/new?type={type_name}")
    assert 'name="csrf_token"' in editor and 'id="type-section"' in editor
    question_id = f"new-{type_name}"
    response = teacher.post("/instructor/questions/new", draft(type_name, question_id))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"].endswith(f"/instructor/questions/{question_id}")
    assert "저장했습니다" in teacher.page(response.headers["Location"])

    (version,) = versions(app, question_id)
    assert version.is_current and version.type == type_name
    for key, value in SAVED[type_name].items():
        assert version.payload[key] == value, key
    assert version.payload["tags"] == ["지도학습", "용어"] and version.difficulty == 2
    assert changes(app, question_id) == [CHANGE_CREATE]
    saved = next(q for q in load_bank(bank).questions if q.id == question_id)  # `bank check` accepts it
    assert saved.path.endswith("level2/basics.yaml")
    assert question_id in teacher.listed("?q=꼭 필요한")


def test_the_automatic_file_follows_level_and_domain(app: Flask, teacher: Instructor, bank: Path) -> None:
    assert '<option value="" selected>자동: 급과 영역에 맞는 파일</option>' in teacher.page(
        "/instructor/questions/new?type=ox")
    response = teacher.post("/instructor/questions/new", draft("ox", "auto-file", file="", domain="labeling"))
    assert response.status_code == 302
    assert "auto-file" in (bank / "level2" / "labeling.yaml").read_text(encoding="utf-8")


def test_the_type_chooser_lists_every_type_with_an_editor(teacher: Instructor) -> None:
    page = teacher.page("/instructor/questions/new")
    for label in ("객관식(하나)", "객관식(모두 고르기)", "O/X", "단답형"):
        assert label in page
    assert 'href="/instructor/questions/new?type=single"' in page
    theory, practical = page.split("실기 문항: 라벨링과 검수")
    assert "이론 문항" in theory and "?type=short" in theory and "?type=bbox" not in theory
    assert "?type=bbox" in practical and "?type=inspect" in practical and "?type=ox" not in practical


# --- problems next to their fields, nothing written -------------------------------------------

@pytest.mark.parametrize(("type_name", "changes_", "field", "words"), [
    ("single", {"answer": "5"}, "answer", "정답 번호는 1부터 3 사이여야 합니다 (지금 5)"),
    ("single", {"options.1": ""}, "options", "2번 보기가 비어 있습니다"),
    ("single", {"options.1": "", "options.2": ""}, "options", "최소 2개"),
    ("multiple", {"answer": ["2", "2"]}, "answer", "같은 정답 번호가 두 번 나옵니다"),
    ("multiple", {"answer": []}, "answer", "최소 1개"),
    ("ox", {"answer": "maybe"}, "answer", "true(O) 또는 false(X)"),
    ("short", {"answer": "  \n "}, "answer", "최소 1개"),
    ("short", {"level": "3"}, "level", "가능한 값"),
    ("short", {"domain": "nowhere"}, "domain", "nowhere"),
    ("short", {"question": ""}, "question", "비어 있습니다"),
    ("short", {"id": "빈 칸 있음"}, "id", "영문, 숫자"),
    ("short", {"id": "t2-basics-1"}, "id", "이미"),
])
def test_problems_show_at_their_field_and_nothing_is_written(
        app: Flask, teacher: Instructor, bank: Path, type_name: str, changes_: dict, field: str, words: str) -> None:
    before = bank_bytes(bank)
    response = teacher.post("/instructor/questions/new", draft(type_name, "bad-one", **changes_))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert any(words in message for message in problems_at(page, field)), (field, re.findall(
        r'id="f-([a-z0-9-]+)-problems"[^>]*>(.*?)</ul>', page, re.S))
    assert "저장하지 못했습니다" in page
    assert re.search(rf'aria-describedby="[^"]*f-{field}-problems"', page)
    assert bank_bytes(bank) == before
    assert versions(app, "bad-one") == []


def test_a_rejected_form_keeps_what_was_typed(teacher: Instructor) -> None:
    page = teacher.post("/instructor/questions/new", draft("single", "keep-me", answer="9")).get_data(as_text=True)
    assert 'value="keep-me"' in page and 'value="보상 신호"' in page
    assert "지도학습에 꼭 필요한 데이터는 무엇인가?</textarea>" in page


# --- editing, conflicts, duplicating, retiring, restoring ------------------------------------

def edit(teacher: Instructor, question_id: str, base_hash: str, **changes: Any):
    current = {"single": {"options.0": "정답 레이블", "options.1": "보상 신호", "options.2": "군집 개수",
                          "options.3": "없음", "answer": "1"}}
    data = {"type": "single", **COMMON, **current["single"], "base_hash": base_hash, "action": "save", **changes}
    return teacher.post(f"/instructor/questions/{question_id}/edit", data)


def test_edit_makes_a_new_version_in_the_same_file(app: Flask, teacher: Instructor, bank: Path) -> None:
    page = teacher.page("/instructor/questions/t2-basics-1/edit")
    base = hash_of(app, "t2-basics-1")
    assert f'name="base_hash" value="{base}"' in page and 'value="정답 레이블"' in page
    assert re.search(r'저장되는 파일</strong> <span class="mono">level2/basics.yaml</span>', page)
    response = edit(teacher, "t2-basics-1", base, question="지도학습에 필요한 것은 무엇인가?")
    assert response.status_code == 302, response.get_data(as_text=True)
    old, new = versions(app, "t2-basics-1")
    assert not old.is_current and new.is_current and new.version == 2
    assert new.payload["question"] == "지도학습에 필요한 것은 무엇인가?"
    assert "지도학습에 필요한 것은 무엇인가?" in (bank / "level2" / "basics.yaml").read_text(encoding="utf-8")
    assert changes(app, "t2-basics-1") == [CHANGE_EDIT]


def test_two_instructors_editing_the_same_version_conflict(app: Flask, teacher: Instructor, bank: Path) -> None:
    other = Instructor(app.test_client(), "다른선생님").login(app)
    base = hash_of(app, "t2-basics-1")
    assert edit(teacher, "t2-basics-1", base, question="첫 번째 강사의 문제").status_code == 302
    after_first = bank_bytes(bank)
    response = edit(other, "t2-basics-1", base, question="두 번째 강사의 문제")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "다른 강사가 이 문항을 먼저 저장했습니다" in page
    assert "첫 번째 강사의 문제" in page and "두 번째 강사의 문제" in page  # now saved, and what was typed
    assert 'href="/instructor/questions/t2-basics-1/edit"' in page
    assert bank_bytes(bank) == after_first
    assert [v.payload["question"] for v in versions(app, "t2-basics-1")][-1] == "첫 번째 강사의 문제"


def test_duplicate_suggests_a_free_id(app: Flask, teacher: Instructor) -> None:
    page = teacher.page("/instructor/questions/t2-basics-2/duplicate")
    assert 'value="t2-basics-2-copy"' in page and 'action="/instructor/questions/new"' in page
    assert 'value="주성분 분석"' in page and 'name="base_hash" value=""' in page
    data = {"type": "multiple", **COMMON, "id": "t2-basics-2-copy", "options.0": "k-평균", "options.1": "선형 회귀",
            "options.2": "주성분 분석", "options.3": "로지스틱 회귀", "answer": ["1", "3"], "action": "save"}
    assert teacher.post("/instructor/questions/new", data).status_code == 302
    assert 'value="t2-basics-2-copy2"' in teacher.page("/instructor/questions/t2-basics-2/duplicate")


def test_retire_then_restore(app: Flask, teacher: Instructor, bank: Path) -> None:
    base = hash_of(app, "t2-basics-3")
    refused = teacher.post("/instructor/questions/t2-basics-3/retire", {"base_hash": "0" * 64})
    assert refused.status_code == 409 and versions(app, "t2-basics-3")[-1].is_current
    response = teacher.post("/instructor/questions/t2-basics-3/retire", {"base_hash": base})
    assert response.status_code == 302
    assert not versions(app, "t2-basics-3")[-1].is_current
    assert "t2-basics-3" not in (bank / "level2" / "basics.yaml").read_text(encoding="utf-8")
    assert "t2-basics-3" in teacher.listed("?status=retired")
    retired_edit = teacher.client.get("/instructor/questions/t2-basics-3/edit")
    assert retired_edit.status_code == 302 and retired_edit.headers["Location"].endswith("/questions/t2-basics-3")
    assert "사용 중지된 문항은 고칠 수 없습니다" in teacher.page("/instructor/questions/t2-basics-3")
    history = teacher.page("/instructor/questions/t2-basics-3/history")
    assert "사용 중지" in history and "이 버전으로 되돌리기" in history
    restored = teacher.post("/instructor/questions/t2-basics-3/history/1/restore", {"base_hash": base})
    assert restored.status_code == 302, restored.get_data(as_text=True)
    assert versions(app, "t2-basics-3")[-1].is_current
    assert "t2-basics-3" in (bank / "level2" / "basics.yaml").read_text(encoding="utf-8")


def test_restore_an_earlier_version(app: Flask, teacher: Instructor) -> None:
    first = hash_of(app, "t2-basics-1")
    assert edit(teacher, "t2-basics-1", first, question="바뀐 문제").status_code == 302
    history = teacher.page("/instructor/questions/t2-basics-1/history")
    assert "수정" in history and "선생님" in history
    assert '<span class="diff-remove">- question: 지도학습에 필요한 것은?</span>' in history
    assert '<span class="diff-add">+ question: 바뀐 문제</span>' in history
    stale = teacher.post("/instructor/questions/t2-basics-1/history/1/restore", {"base_hash": first})
    assert stale.status_code == 409 and "다른 강사" in stale.get_data(as_text=True)
    response = teacher.post("/instructor/questions/t2-basics-1/history/1/restore",
                            {"base_hash": hash_of(app, "t2-basics-1")})
    assert response.status_code == 302
    rows = versions(app, "t2-basics-1")
    assert [v.version for v in rows] == [1, 2, 3] and rows[-1].is_current
    assert rows[-1].payload == rows[0].payload
    assert changes(app, "t2-basics-1") == [CHANGE_EDIT, CHANGE_RESTORE]
    assert teacher.post("/instructor/questions/t2-basics-1/history/9/restore",
                        {"base_hash": rows[-1].content_hash}).status_code == 404


# --- preview ----------------------------------------------------------------------------------

def test_preview_shows_the_exam_item_and_the_review(teacher: Instructor, bank: Path) -> None:
    before = bank_bytes(bank)
    response = teacher.client.post("/instructor/questions/preview", data=draft("single", "preview-me"),
                                   headers={"X-CSRFToken": teacher.token})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<input type="radio" name="item-1" value="1">' in page  # the exam page: nothing chosen
    assert re.search(r'<label class="option is-answer">\s*<input type="radio" name="item-2" value="1" checked>', page)
    assert "학습할 개념: 지도학습" in page and "<html" not in page
    invalid = teacher.client.post("/instructor/questions/preview", data=draft("single", "preview-me", answer="7"),
                                  headers={"X-CSRFToken": teacher.token}).get_data(as_text=True)
    assert 'data-state="invalid"' in invalid and "정답 번호는 1부터 3 사이여야 합니다" in invalid
    assert bank_bytes(bank) == before


def test_preview_without_javascript_rerenders_the_form(teacher: Instructor, bank: Path) -> None:
    before = bank_bytes(bank)
    response = teacher.post("/instructor/questions/new", draft("ox", "ox-preview", action="preview"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="preview-body"><div data-state="ok">' in page.replace("\n", "").replace("  ", "") or \
        'data-state="ok"' in page
    assert 'value="ox-preview"' in page
    assert bank_bytes(bank) == before


# --- refused requests -------------------------------------------------------------------------

def test_posts_without_csrf_are_refused(app: Flask, teacher: Instructor, bank: Path) -> None:
    before = bank_bytes(bank)
    data = {k: v for k, v in draft("single", "no-token").items()}
    for url in ("/instructor/questions/new", "/instructor/questions/preview",
                "/instructor/questions/t2-basics-1/retire", "/instructor/questions/t2-basics-1/history/1/restore"):
        response = teacher.client.post(url, data=data)
        assert response.status_code == 400, url
        assert "보안 토큰" in response.get_data(as_text=True)
    assert bank_bytes(bank) == before and versions(app, "no-token") == []


def test_malformed_posts_get_4xx(teacher: Instructor, bank: Path) -> None:
    before = bank_bytes(bank)
    unknown = teacher.post("/instructor/questions/new", {"type": "nope", "id": "x"})
    assert unknown.status_code == 400 and "알 수 없는 문항 유형입니다" in unknown.get_data(as_text=True)
    assert teacher.post("/instructor/questions/new", {}).status_code == 400
    assert teacher.page("/instructor/questions/new?type=nope", 400)
    assert teacher.post("/instructor/questions/preview", {"type": "nope"}).status_code == 400
    assert teacher.post("/instructor/questions/no-such/edit", draft("single", "x")).status_code == 404
    assert teacher.post("/instructor/questions/no-such/retire", {"base_hash": "x"}).status_code == 404
    # an edit that does not name the version it started from is refused
    assert teacher.post("/instructor/questions/t2-basics-1/edit", draft("single", "t2-basics-1")).status_code == 400
    # a file outside the bank, or not a question file
    for file in ("../evil.yaml", "exams.yaml", "level2/notes.txt"):
        response = teacher.post("/instructor/questions/new", draft("single", "file-test", file=file))
        assert response.status_code == 400, file
    # nonsense values for every field: a page with problems, never a 500
    junk = {"type": "single", "id": "junk", "level": "x" * 50, "domain": "\x00", "difficulty": "9",
            "question": "?", "explanation": "", "options.0": "a", "answer": ["x", "y"], "action": "what"}
    assert teacher.post("/instructor/questions/new", junk).status_code == 400
    assert bank_bytes(bank) == before


def test_diff_lines_show_changed_lines_with_context() -> None:
    from exam_prep.instructor.changes import DiffLine, diff_lines

    before = "\n".join(f"line {n}" for n in range(1, 11))
    after = before.replace("line 2", "line two").replace("line 9", "line nine")
    assert diff_lines(before, after, context=1) == [
        DiffLine("same", "line 1"), DiffLine("remove", "line 2"), DiffLine("add", "line two"),
        DiffLine("same", "line 3"), DiffLine("gap", "…"), DiffLine("same", "line 8"),
        DiffLine("remove", "line 9"), DiffLine("add", "line nine"), DiffLine("same", "line 10"),
    ]
    assert diff_lines("", "a: 1") == [DiffLine("add", "a: 1")]
    assert diff_lines("same", "same") == []


class FormFields(HTMLParser):
    """What a browser would post from the page's #editor form (no button pressed yet)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.inside = False
        self.textarea: str | None = None
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == "editor"
        if tag == "option" and self.select:
            self.options.append((a.get("value", ""), "selected" in a))
        if not self.inside or "name" not in a or "disabled" in a:
            return
        if tag == "input" and a.get("type") not in ("radio", "checkbox", "submit"):
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "input" and "checked" in a:
            self.fields.append((a["name"], a.get("value", "on")))
        elif tag == "textarea":
            self.textarea = a["name"]
            self.fields.append((a["name"], ""))
        elif tag == "select":
            self.select, self.options = a["name"], []

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select:
            chosen = [value for value, selected in self.options if selected] or [self.options[0][0]]
            self.fields.append((self.select, chosen[0]))  # as a browser: the first when none is selected
            self.select = None
        elif tag == "form":
            self.inside = False


def posted_form(page: str) -> MultiDict:
    parser = FormFields()
    parser.feed(page)
    return MultiDict(parser.fields)


@pytest.mark.parametrize("question_id", ["t2-basics-1", "t2-basics-2", "t2-basics-3", "t2-label-1"])
def test_the_edit_form_posts_back_the_same_question(app: Flask, teacher: Instructor, question_id: str) -> None:
    """Each theory type's editor shows the question so that posting the form unchanged saves
    nothing new, and a changed question text changes only that key."""
    before = versions(app, question_id)[-1]
    form = posted_form(teacher.page(f"/instructor/questions/{question_id}/edit"))
    assert form["base_hash"] == before.content_hash and form["type"] == before.type
    url = f"/instructor/questions/{question_id}/edit"
    same = teacher.client.post(url, data=MultiDict([*form.items(multi=True), ("action", "save")]))
    assert same.status_code == 302, same.get_data(as_text=True)
    assert [v.version for v in versions(app, question_id)] == [before.version]  # nothing changed
    form["question"] = "고친 문제 글"
    changed = teacher.client.post(url, data=MultiDict([*form.items(multi=True), ("action", "save")]))
    assert changed.status_code == 302, changed.get_data(as_text=True)
    after = versions(app, question_id)[-1]
    assert after.version == before.version + 1
    assert after.payload == {**before.payload, "question": "고친 문제 글"}


@pytest.mark.parametrize("question_id", ["t2-basics-1", "t2-basics-2", "t2-basics-3", "t2-label-1"])
def test_a_duplicate_saves_as_a_copy(app: Flask, teacher: Instructor, question_id: str) -> None:
    form = posted_form(teacher.page(f"/instructor/questions/{question_id}/duplicate"))
    assert form["id"] == f"{question_id}-copy"
    response = teacher.client.post("/instructor/questions/new", data=MultiDict([*form.items(multi=True),
                                                                              ("action", "save")]))
    assert response.status_code == 302, response.get_data(as_text=True)
    (copy,) = versions(app, f"{question_id}-copy")
    original = versions(app, question_id)[-1]
    assert copy.payload == {**original.payload, "id": f"{question_id}-copy"}


# What a form can post (no lone surrogates), and values near the fields' meanings.
form_texts = (st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
              | st.sampled_from(["", " ", "\x00", "0", "1", "7", "-1", "9" * 30, "O", "X", "true", "false", "a\nb",
                                 "../x.yaml", "exams.yaml", "level2/basics.yaml", "basics", "2"]))
FIELDS = ["id", "level", "domain", "difficulty", "question", "explanation", "tags", "source", "file", "answer",
          "base_hash", "replacing", *[f"options.{n}" for n in range(7)]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["single", "multiple", "ox", "short"]),
       st.lists(st.tuples(st.sampled_from(FIELDS), form_texts), max_size=14))
def test_any_posted_draft_gets_a_page_never_a_500(teacher: Instructor, bank: Path, type_name: str,
                                                 fields: list[tuple[str, str]]) -> None:
    """Whatever the editor's fields hold, the preview (live and plain) answers 200 with the
    draft or its problems, and nothing is written."""
    before = bank_bytes(bank)
    data = MultiDict([("type", type_name), ("csrf_token", teacher.token), *fields])
    live = teacher.client.post("/instructor/questions/preview", data=data, headers={"X-CSRFToken": teacher.token})
    assert live.status_code == 200, live.get_data(as_text=True)[-500:]
    data.add("action", "preview")
    plain = teacher.client.post("/instructor/questions/new", data=data)
    assert plain.status_code == 200, plain.get_data(as_text=True)[-500:]
    assert bank_bytes(bank) == before
