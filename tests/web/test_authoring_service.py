"""authoring.service on a copy of the fixture bank: save (new, edit, unchanged), conflicts between
two instructors, retire, restore, history, check and lint exactly as `bank check` reports them."""
from __future__ import annotations

import difflib
import json
import re
import threading
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from exam_prep.accounts import create_user
from exam_prep.authoring import service
from exam_prep.bank import BankError, load_bank
from exam_prep.bank.lint import lint as lint_bank
from exam_prep.extensions import db
from exam_prep.models import (
    CHANGE_CREATE,
    CHANGE_EDIT,
    CHANGE_RESTORE,
    CHANGE_RETIRE,
    ROLE_INSTRUCTOR,
    QuestionChange,
    QuestionVersion,
)
from tests.conftest import PASSWORD, bank_problems, make_app

SINGLE = {
    "id": "t2-new-1", "type": "single", "level": 2, "domain": "basics", "difficulty": 2,
    "question": "새로 쓴 문항입니다. 데이터 라벨링에서 품질 검수의 목적은?",
    "options": ["정답 레이블의 정확성 확인", "모델 학습 속도 향상", "저장 공간 절약", "화면 디자인 개선"],
    "answer": 1,
    "explanation": "검수는 레이블이 가이드대로 정확한지 확인하는 일입니다. 다른 보기는 검수의 목적이 아닙니다.\n"
                   "학습할 개념: 품질 검수의 목적.",
    "tags": ["검수"],
}


@pytest.fixture
def bank_app(db_path: Path, bank: Path) -> Flask:
    app = make_app(db_path, EXAM_PREP_QUESTION_BANK=str(bank))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def ctx(bank_app: Flask):
    with bank_app.app_context():
        yield


@pytest.fixture
def teacher(ctx):
    return create_user("선생님", PASSWORD, role=ROLE_INSTRUCTOR)


def current(question_id: str) -> QuestionVersion | None:
    return db.session.scalar(select(QuestionVersion).where(QuestionVersion.question_id == question_id,
                                                           QuestionVersion.is_current))


def bank_question(folder: Path, question_id: str):
    return next(q for q in load_bank(folder).questions if q.id == question_id)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_new_question_is_written_to_its_domain_file_and_served(bank: Path, teacher) -> None:
    before = (bank / "level2" / "basics.yaml").read_text(encoding="utf-8")
    version = service.save_question(teacher, dict(SINGLE))
    assert version.is_current and version.version == 1 and version.question_id == "t2-new-1"
    assert service.default_file(SINGLE) == "level2/basics.yaml"
    after = (bank / "level2" / "basics.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)  # appended; every line before it unchanged
    # the bank loader reads exactly the saved question back
    loaded = bank_question(bank, "t2-new-1")
    assert loaded.payload() == version.payload
    assert version.payload == {**SINGLE, "explanation": SINGLE["explanation"]}
    change = db.session.scalar(select(QuestionChange).where(QuestionChange.question_id == "t2-new-1"))
    assert (change.action, change.user_id, change.before_version_id, change.after_version_id, change.file) == (
        CHANGE_CREATE, teacher.id, None, version.id, "level2/basics.yaml")
    assert version.lint == []


def test_an_edit_changes_only_that_questions_lines(bank: Path, teacher) -> None:
    path = bank / "level2" / "basics.yaml"
    before = path.read_text(encoding="utf-8")
    old = current("t2-basics-2")
    edited = dict(old.payload, options=["k-평균", "선형 회귀", "주성분 분석", "로지스틱 회귀", "DBSCAN"],
                  answer=[1, 3, 5])
    version = service.save_question(teacher, edited, base_hash=old.content_hash)
    assert version.version == old.version + 1 and version.is_current
    db.session.refresh(old)
    assert not old.is_current
    after = path.read_text(encoding="utf-8")
    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert diff == ["-  options: [k-평균, 선형 회귀, 주성분 분석, 로지스틱 회귀]", "-  answer: [1, 3]",
                    "+  options: [k-평균, 선형 회귀, 주성분 분석, 로지스틱 회귀, DBSCAN]", "+  answer: [1, 3, 5]"]
    assert bank_question(bank, "t2-basics-2").payload() == version.payload
    change = service.history("t2-basics-2")[0]
    assert (change.action, change.before.version, change.after.version) == (CHANGE_EDIT, old.version, version.version)
    assert load_bank(bank)  # the whole bank still passes bank check


def test_saving_unchanged_content_makes_no_version_and_no_change(bank: Path, teacher) -> None:
    old = current("t2-basics-1")
    before = snapshot(bank)
    assert service.save_question(teacher, dict(old.payload), base_hash=old.content_hash).id == old.id
    assert snapshot(bank) == before
    assert db.session.scalar(select(func.count()).select_from(QuestionChange)) == 0


def test_two_instructors_editing_the_same_version_the_second_gets_a_conflict(bank: Path, teacher) -> None:
    other = create_user("다른선생님", PASSWORD, role=ROLE_INSTRUCTOR)
    opened = current("t2-basics-3")
    first = dict(opened.payload, explanation="첫 강사가 고친 해설입니다. 학습할 개념: 과적합.")
    second = dict(opened.payload, explanation="둘째 강사가 고친 해설입니다. 학습할 개념: 과적합.")
    service.save_question(teacher, first, base_hash=opened.content_hash)
    saved = snapshot(bank)
    with pytest.raises(service.EditConflict) as caught:
        service.save_question(other, second, base_hash=opened.content_hash)
    assert caught.value.current.payload["explanation"] == first["explanation"]
    assert "다른 강사" in str(caught.value)
    assert snapshot(bank) == saved  # nothing written
    assert [c.user_id for c in service.history("t2-basics-3")] == [teacher.id]


def test_concurrent_saves_from_the_same_base_one_wins(bank_app: Flask, bank: Path) -> None:
    with bank_app.app_context():
        opened = current("t2-basics-3")
        base, payload = opened.content_hash, dict(opened.payload)
    outcomes: list[str] = []

    def save(text: str) -> None:
        with bank_app.app_context():
            try:
                service.save_question(None, dict(payload, explanation=text), base_hash=base)
                outcomes.append("saved")
            except service.EditConflict:
                outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(f"동시에 고친 해설 {n}입니다. 학습할 개념: 과적합.",))
               for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    with bank_app.app_context():
        assert current("t2-basics-3").payload == bank_question(bank, "t2-basics-3").payload()


@pytest.mark.parametrize("change, field", [
    ({"answer": 7}, "answer"),
    ({"options": ["가", "나", "", "라"]}, "options"),  # bank check points at the options' line
    ({"domain": "nowhere"}, "domain"),
    ({"difficulty": 5}, "difficulty"),
])
def test_an_invalid_draft_reports_bank_checks_words_per_field_and_writes_nothing(bank: Path, teacher, change,
                                                                                  field) -> None:
    draft = dict(SINGLE, **change)
    before = snapshot(bank)
    problems = service.check_draft(draft)
    with pytest.raises(service.DraftInvalid) as caught:
        service.save_question(teacher, draft)
    assert caught.value.problems == problems
    assert snapshot(bank) == before
    # the same words bank check prints for the same question written into a file
    printed = [line.split(": ", 1)[1]
               for line in bank_problems(bank, "- " + json.dumps(draft, ensure_ascii=False) + "\n")]
    assert [p.message for p in problems] == printed
    assert [p.field for p in problems] == [field]


def test_an_existing_id_is_refused_on_the_id_field(bank: Path, teacher) -> None:
    with pytest.raises(service.DraftInvalid) as caught:
        service.save_question(teacher, dict(SINGLE, id="t2-basics-1"))
    assert [p.field for p in caught.value.problems] == ["id"]
    assert "이미 level2/basics.yaml:1에 있습니다" in caught.value.problems[0].message
    assert service.check_draft(dict(current("t2-basics-1").payload), replacing="t2-basics-1") == []


def test_media_must_exist_inside_the_bank(bank: Path, teacher) -> None:
    bbox = dict(next(v for v in db.session.scalars(select(QuestionVersion).where(
        QuestionVersion.type == "bbox", QuestionVersion.is_current))).payload)
    problems = service.check_draft(dict(bbox, id="new-box", image="media/none.png"))
    assert [(p.field, p.message) for p in problems] == [("image", "이미지 파일 'media/none.png'가 없습니다")]
    outside = service.check_draft(dict(bbox, id="new-box", image="../../etc/passwd"))
    assert outside[0].field == "image" and "문제은행 폴더 안에 있어야 합니다" in outside[0].message


def test_lint_warns_like_bank_check_lint(bank: Path, teacher) -> None:
    draft = dict(SINGLE, id="t2-dup", question=current("t2-basics-1").payload["question"],
                 options=["아주 길고 자세하게 쓴 정답 보기로 눈에 띄게 깁니다", "짧다", "짧음", "짧아"],
                 explanation="한 문장 해설. 학습할 개념: 지도학습")
    warnings = service.lint_draft(draft)
    fields = sorted(w.field for w in warnings)
    assert fields == ["explanation", "options", "question"]
    version = service.save_question(teacher, draft)
    written = load_bank(bank)
    expected = sorted(str(w) for w in lint_bank(written) if "t2-dup" in str(w) or w.path.endswith("basics.yaml")
                      and w.line >= bank_question(bank, "t2-dup").line)
    assert sorted(version.lint) == expected
    assert {w.message for w in warnings} == {re.sub(r"^.*?:\d+: ", "", s) for s in version.lint}


def test_retire_takes_it_out_of_the_file_and_restore_brings_it_back(bank: Path, teacher) -> None:
    version = service.save_question(teacher, dict(SINGLE))
    text_with = (bank / "level2" / "basics.yaml").read_text(encoding="utf-8")
    service.retire_question(teacher, "t2-new-1", base_hash=version.content_hash)
    assert current("t2-new-1") is None
    assert "t2-new-1" not in (bank / "level2" / "basics.yaml").read_text(encoding="utf-8")
    assert all(q.id != "t2-new-1" for q in load_bank(bank).questions)
    restored = service.restore_version(teacher, "t2-new-1", 1, base_hash=None)
    assert restored.is_current and restored.payload == version.payload
    assert (bank / "level2" / "basics.yaml").read_text(encoding="utf-8") == text_with
    actions = [(c.action, c.before and c.before.version, c.after and c.after.version)
               for c in service.history("t2-new-1")]
    assert actions == [(CHANGE_RESTORE, 1, 1), (CHANGE_RETIRE, 1, None), (CHANGE_CREATE, None, 1)]
    assert service.history("t2-new-1")[0].user.username == "선생님"


def test_restore_an_earlier_version_of_a_current_question(bank: Path, teacher) -> None:
    first = current("t2-basics-3")
    second = service.save_question(teacher, dict(first.payload, answer=False), base_hash=first.content_hash)
    with pytest.raises(service.EditConflict):
        service.restore_version(teacher, "t2-basics-3", first.version, base_hash=first.content_hash)
    back = service.restore_version(teacher, "t2-basics-3", first.version, base_hash=second.content_hash)
    assert back.version == second.version + 1 and back.payload == first.payload
    assert bank_question(bank, "t2-basics-3").payload() == first.payload


def test_retire_with_a_stale_hash_is_a_conflict(bank: Path, teacher) -> None:
    old = current("t2-basics-3")
    service.save_question(teacher, dict(old.payload, answer=False), base_hash=old.content_hash)
    with pytest.raises(service.EditConflict):
        service.retire_question(teacher, "t2-basics-3", base_hash=old.content_hash)
    assert current("t2-basics-3") is not None


def test_a_chosen_file_outside_the_bank_or_exams_yaml_is_refused(bank: Path, teacher) -> None:
    for bad in ("../outside.yaml", "exams.yaml", "/tmp/x.yaml", "level2/notes.txt"):
        with pytest.raises(service.DraftInvalid):
            service.save_question(teacher, dict(SINGLE), file=bad)
    assert not (bank.parent / "outside.yaml").exists()
    version = service.save_question(teacher, dict(SINGLE), file="level2/new_file.yaml")
    assert "level2/new_file.yaml" in service.bank_files()
    assert bank_question(bank, "t2-new-1").path.endswith("level2/new_file.yaml") and version.version == 1
    service.save_question(teacher, dict(SINGLE, id="t2-new-2"), file="level2/other.yml")
    assert bank_question(bank, "t2-new-2").path.endswith("level2/other.yml")


def test_a_labeling_exercise_goes_to_its_practical_file_with_its_image_path(bank: Path, teacher) -> None:
    box = next(v for v in db.session.scalars(select(QuestionVersion).where(
        QuestionVersion.type == "bbox", QuestionVersion.is_current)))
    draft = dict(box.payload, id="t2-new-box")  # a stored payload: image resolved to {path, src, ...}
    assert service.default_file(draft) == "level2/practical/bbox.yaml"
    version = service.save_question(teacher, draft)
    text = (bank / "level2" / "practical" / "bbox.yaml").read_text(encoding="utf-8")
    assert f"  image: {box.payload['image']['path']}\n" in text
    assert version.payload == dict(box.payload, id="t2-new-box")
    inspect = next(v for v in db.session.scalars(select(QuestionVersion).where(
        QuestionVersion.type == "inspect", QuestionVersion.is_current)))
    assert service.default_file(inspect.payload) == f"level1/inspect/{inspect.payload['task']}.yaml"


def test_a_broken_file_gives_its_line_and_nothing_changes(bank: Path, teacher) -> None:
    (bank / "level2" / "basics.yaml").write_text("- id: a\n  question: [열린\n", encoding="utf-8")
    with pytest.raises(service.DraftInvalid) as caught:
        service.save_question(teacher, dict(SINGLE))
    assert "basics.yaml:" in caught.value.problems[0].message
    with pytest.raises(BankError):
        load_bank(bank)


def test_a_change_that_leaves_an_exam_short_of_questions_is_refused(bank: Path, teacher) -> None:
    # the fixture's level2 exam draws 2 basics questions; the bank has 3
    service.retire_question(teacher, "t2-basics-3", base_hash=current("t2-basics-3").content_hash)
    before = snapshot(bank)
    second = current("t2-basics-2")
    with pytest.raises(service.DraftInvalid) as retired:
        service.retire_question(teacher, "t2-basics-2", base_hash=second.content_hash)
    assert [p.field for p in retired.value.problems] == [""]
    assert "영역 'basics'에서 2문항을 뽑아야 하는데 문항이 1개뿐입니다" in retired.value.problems[0].message
    with pytest.raises(service.DraftInvalid) as moved:
        service.save_question(teacher, dict(second.payload, domain="labeling"), base_hash=second.content_hash)
    assert "영역 'basics'에서 2문항을" in moved.value.problems[0].message
    assert snapshot(bank) == before and current("t2-basics-2") is not None
    load_bank(bank)  # the bank still passes bank check


def test_a_hand_edit_of_the_file_not_loaded_yet_is_not_overwritten(bank: Path, teacher) -> None:
    path = bank / "level2" / "basics.yaml"
    text = path.read_text(encoding="utf-8").replace("과적합은 일반화하지", "손으로 고친 해설, 과적합은 일반화하지")
    path.write_text(text, encoding="utf-8")
    before = snapshot(bank)
    opened = current("t2-basics-3")
    with pytest.raises(service.EditConflict) as caught:
        service.save_question(teacher, dict(opened.payload, answer=False), base_hash=opened.content_hash)
    assert "사이트 밖에서 고쳐졌는데" in str(caught.value) and caught.value.current.id == opened.id
    assert snapshot(bank) == before


SHIPPED = Path(__file__).parents[2] / "question_bank"


def test_every_shipped_question_written_back_from_its_stored_payload_stays_the_same_question(
        db_path: Path) -> None:
    """For each question of the shipped bank (read only): its stored payload, shaped for YAML
    and written over itself, changes no line outside that question, and the bank loader reads
    the written question back as the same payload."""
    from exam_prep.authoring import yaml_store
    from exam_prep.bank.loader import validate_question

    app = make_app(db_path, EXAM_PREP_QUESTION_BANK=str(SHIPPED))
    bank = load_bank(SHIPPED)
    by_file: dict[str, list] = {}
    for q in bank.questions:
        by_file.setdefault(q.path, []).append(q)
    with app.app_context():
        context = {"folder": SHIPPED.resolve(), "cache": {}}
        for shown, questions in by_file.items():
            text = Path(shown).read_text(encoding="utf-8")
            doc = yaml_store.parse(text, shown)
            lines = text.splitlines(keepends=True)
            for q in questions:
                index = yaml_store.index_of(doc, q.id)
                span = yaml_store.span_of(doc, lines, index)
                strips = bool(type(q.schema).model_config.get("str_strip_whitespace"))
                after = yaml_store.replace_question(text, q.id, service.bank_shape(q.payload()), shown, strips, doc=doc)
                after_lines = after.splitlines(keepends=True)
                tail = len(lines) - span.end
                assert after_lines[:span.start] == lines[:span.start], q.id
                assert after_lines[len(after_lines) - tail:] == lines[span.end:], q.id
                written = yaml_store.parse("".join(after_lines[span.start:len(after_lines) - tail]), shown)[0]
                model, errors = validate_question(written, context)
                assert errors == [] and model.model_dump(mode="json", exclude_none=True) == q.payload(), q.id
    assert sum(len(qs) for qs in by_file.values()) == len(bank.questions) > 500


def test_a_stored_payload_is_written_without_the_defaults_the_schema_fills_in(bank: Path, teacher) -> None:
    box = next(v for v in db.session.scalars(select(QuestionVersion).where(
        QuestionVersion.type == "bbox", QuestionVersion.is_current)))
    assert "scoring" in box.payload and box.payload["reference"][0]["attributes"] == {}
    version = service.save_question(teacher, dict(box.payload, id="t2-copy-box"))
    text = (bank / "level2" / "practical" / "bbox.yaml").read_text(encoding="utf-8")
    assert "scoring:" not in text and "attributes: {}" not in text
    assert "    - {label: square, box: [20, 30, 50, 60]}\n" in text
    assert version.payload == dict(box.payload, id="t2-copy-box")  # the same question all the same


def test_another_worker_draws_the_saved_version_at_once_and_open_attempts_keep_theirs(
        bank_app: Flask, db_path: Path, bank: Path) -> None:
    from exam_prep.models import AttemptItem
    from tests.conftest import Candidate

    other_worker = make_app(db_path, EXAM_PREP_QUESTION_BANK=str(bank))  # a second process's app
    candidate = Candidate(other_worker.test_client(), "수험생").register()
    early = candidate.start("level2")
    with bank_app.app_context():
        old_ids = {v.id for v in db.session.scalars(select(QuestionVersion).where(
            QuestionVersion.is_current, QuestionVersion.domain == "basics"))}
        for question_id in ("t2-basics-1", "t2-basics-2", "t2-basics-3"):
            opened = current(question_id)
            service.save_question(None, dict(opened.payload, explanation=opened.payload["explanation"] + " 보충."),
                                  base_hash=opened.content_hash)
        new_ids = {v.id for v in db.session.scalars(select(QuestionVersion).where(
            QuestionVersion.is_current, QuestionVersion.domain == "basics"))}
    assert not old_ids & new_ids
    candidate.submit(early["id"])
    late = candidate.start("level2")
    with other_worker.app_context():
        def drawn(attempt_id: int) -> set[int]:
            return set(db.session.scalars(select(AttemptItem.question_version_id)
                                          .where(AttemptItem.attempt_id == attempt_id)))
        assert drawn(early["id"]) & old_ids and not drawn(early["id"]) & new_ids  # kept what it drew
        assert len(drawn(late["id"]) & new_ids) == 2 and not drawn(late["id"]) & old_ids
        db.engine.dispose()


def _save_in_a_worker_process(db_path: str, bank: str, base: str, payload: dict, text: str, out) -> None:
    """One worker process (its own app and database connection) saving an edit."""
    app = make_app(Path(db_path), EXAM_PREP_QUESTION_BANK=bank)
    with app.app_context():
        try:
            service.save_question(None, dict(payload, explanation=text), base_hash=base)
            out.put("saved")
        except service.EditConflict:
            out.put("conflict")
        db.engine.dispose()


def test_two_worker_processes_saving_from_the_same_base_one_wins(bank_app: Flask, db_path: Path, bank: Path) -> None:
    import multiprocessing

    with bank_app.app_context():
        opened = current("t2-basics-3")
        base, payload = opened.content_hash, dict(opened.payload)
        db.engine.dispose()
    fork = multiprocessing.get_context("fork")
    out = fork.Queue()
    texts = [f"프로세스 {n}의 해설입니다. 학습할 개념: 과적합." for n in range(2)]
    workers = [fork.Process(target=_save_in_a_worker_process,
                            args=(str(db_path), str(bank), base, payload, text, out)) for text in texts]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert sorted(out.get(timeout=5) for _ in workers) == ["conflict", "saved"]
    with bank_app.app_context():
        saved = current("t2-basics-3")
        assert saved.version == opened.version + 1
        assert saved.payload == bank_question(bank, "t2-basics-3").payload()


def test_a_failed_database_write_puts_the_file_back(bank: Path, teacher, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(bank)
    opened = current("t2-basics-3")

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(service, "_record", broken)
    with pytest.raises(RuntimeError):
        service.save_question(teacher, dict(opened.payload, answer=False), base_hash=opened.content_hash)
    with pytest.raises(RuntimeError):
        service.save_question(teacher, dict(SINGLE), file="level2/brand_new.yaml")
    with pytest.raises(RuntimeError):
        service.retire_question(teacher, "t2-basics-3", base_hash=opened.content_hash)
    assert snapshot(bank) == before  # edited file restored, new file gone, retired question back
    assert current("t2-basics-3").id == opened.id


def test_bank_load_waits_for_a_save_in_progress(bank_app: Flask, bank: Path) -> None:
    from exam_prep.bank.sync import load_folder

    order: list[str] = []

    def load() -> None:
        with bank_app.app_context():
            load_folder(str(bank))
        order.append("loaded")

    loader = threading.Thread(target=load)
    with bank_app.app_context(), service.bank_lock():  # a save holding the folder
        loader.start()
        loader.join(timeout=1.0)
        order.append("save done")
    loader.join(timeout=30)
    assert order == ["save done", "loaded"]
