"""Starting an exam draws by places in the pools (bank.ranks, exams.pools): every current version
has a place after a bank load or an instructor's save, a large pool is drawn by looking up
places only (never read whole), with the same rules (per-domain and per-type counts, unseen
first), and versions without a place are still drawn, from the whole pool."""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import insert, select, text, update

from exam_prep.accounts import create_user
from exam_prep.authoring import service
from exam_prep.bank import ranks
from exam_prep.bank.sync import load_folder
from exam_prep.exams import pools
from exam_prep.extensions import db
from exam_prep.models import ROLE_INSTRUCTOR, AttemptItem, QuestionVersion
from tests.conftest import PASSWORD, Candidate, make_app

COPIES = 40  # of each current version: the fixture bank's theory pools grow past the whole-pool size


def places_by_pool() -> dict[tuple[int, str, str], list[int | None]]:
    pools_: dict[tuple[int, str, str], list[int | None]] = defaultdict(list)
    for level, type_name, domain, rank in db.session.execute(
            select(QuestionVersion.level, QuestionVersion.type, QuestionVersion.domain, QuestionVersion.draw_rank)
            .where(QuestionVersion.is_current.is_(True))):
        pools_[level, type_name, domain].append(rank)
    return pools_


def assert_numbered() -> None:
    for pool, numbers in places_by_pool().items():
        assert sorted(numbers) == list(range(len(numbers))), pool
    assert db.session.scalar(select(QuestionVersion.id).where(
        QuestionVersion.is_current.is_(False), QuestionVersion.draw_rank.is_not(None))) is None


def copy_versions(copies: int, placed: bool = True) -> None:
    """``copies`` more current versions of each current question, under new ids (as a bigger bank)."""
    rows = db.session.execute(select(QuestionVersion).where(QuestionVersion.is_current.is_(True))).scalars().all()
    db.session.execute(insert(QuestionVersion), [
        {"question_id": f"{v.question_id}~{n}", "version": 1, "type": v.type, "level": v.level, "domain": v.domain,
         "difficulty": v.difficulty, "content_hash": v.content_hash, "payload": v.payload,
         "source_path": v.source_path, "is_current": True, "lint": []}
        for v in rows for n in range(copies)])
    if placed:
        ranks.rank_pools()
    else:
        db.session.execute(update(QuestionVersion).values(draw_rank=None))
    db.session.commit()


@pytest.fixture
def bank_app(db_path: Path, bank: Path) -> Flask:
    app = make_app(db_path, EXAM_PREP_QUESTION_BANK=str(bank))
    yield app
    with app.app_context():
        db.engine.dispose()


def test_a_bank_load_numbers_every_pool_and_a_changed_question_keeps_it_numbered(app: Flask, bank: Path) -> None:
    with app.app_context():
        assert_numbered()
        path = bank / "level2" / "basics.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("t2-basics-1", "t2-basics-renamed", 1),
                        encoding="utf-8")
        load_folder(str(bank))
        assert_numbered()
        gone = db.session.scalar(select(QuestionVersion).where(QuestionVersion.question_id == "t2-basics-1"))
        assert not gone.is_current and gone.draw_rank is None


def test_an_instructor_save_keeps_the_place_and_a_new_question_takes_the_next(bank_app: Flask) -> None:
    with bank_app.app_context():
        teacher = create_user("선생님", PASSWORD, role=ROLE_INSTRUCTOR)
        old = db.session.scalar(select(QuestionVersion).where(QuestionVersion.question_id == "t2-basics-3",
                                                              QuestionVersion.is_current.is_(True)))
        place = old.draw_rank
        edited = service.save_question(teacher, dict(old.payload, answer=not old.payload["answer"]),
                                       base_hash=old.content_hash)
        db.session.refresh(old)
        assert (edited.draw_rank, old.draw_rank) == (place, None)
        assert_numbered()

        new = dict(edited.payload, id="t2-basics-new", answer=True)
        created = service.save_question(teacher, new)
        assert_numbered()  # the pool's next number
        service.retire_question(teacher, "t2-basics-new", base_hash=created.content_hash)
        service.retire_question(teacher, "t2-basics-3", base_hash=edited.content_hash)
        restored = service.restore_version(teacher, "t2-basics-new", 1, base_hash=None)
        pool = places_by_pool()[2, "ox", "basics"]
        assert len(pool) == len(set(pool))  # an empty place (t2-basics-3) and no number twice
        assert restored.draw_rank == max(pool)


def test_a_large_pool_is_drawn_by_places_with_the_exams_counts_and_unseen_first(
        app: Flask, client, monkeypatch: pytest.MonkeyPatch) -> None:
    with app.app_context():
        copy_versions(COPIES)

    def read_whole_pools(keys):
        raise AssertionError(f"pools were read whole: {keys}")

    monkeypatch.setattr(pools, "whole_pools", read_whole_pools)
    user = Candidate(client, "수험생1").register()
    seen: set[str] = set()
    for _ in range(5):
        state = user.start("level2")
        with app.app_context():
            drawn = db.session.execute(
                select(QuestionVersion.question_id, QuestionVersion.domain, QuestionVersion.is_current)
                .join(AttemptItem, AttemptItem.question_version_id == QuestionVersion.id)
                .where(AttemptItem.attempt_id == state["id"])).all()
        assert Counter(domain for _, domain, _ in drawn) == {"basics": 2, "labeling": 2}
        assert all(current for *_, current in drawn)
        ids = {qid for qid, *_ in drawn}
        assert len(ids) == 4 and not ids & seen  # unseen first: nothing from the earlier attempts
        seen |= ids
        user.submit(state["id"])


def test_empty_places_of_retired_questions_are_never_drawn(app: Flask, client) -> None:
    with app.app_context():
        copy_versions(COPIES)
        # Retire most of the copies as an instructor would (their places stay until a load).
        retired = db.session.scalars(select(QuestionVersion.id).where(
            QuestionVersion.question_id.like("%~%"), QuestionVersion.id % 3 != 0)).all()
        db.session.execute(update(QuestionVersion).where(QuestionVersion.id.in_(retired)).values(is_current=False))
        db.session.commit()
    user = Candidate(client, "수험생1").register()
    for _ in range(3):
        state = user.start("level2")
        with app.app_context():
            versions = db.session.scalars(select(AttemptItem.question_version_id)
                                          .where(AttemptItem.attempt_id == state["id"])).all()
        assert len(versions) == 4 and not set(versions) & set(retired)
        user.submit(state["id"])


def test_versions_without_a_place_are_drawn_from_the_whole_pool(
        app: Flask, client, monkeypatch: pytest.MonkeyPatch) -> None:
    with app.app_context():
        copy_versions(COPIES, placed=False)  # as rows written by something other than a bank load
    calls = []
    whole_pools = pools.whole_pools
    monkeypatch.setattr(pools, "whole_pools", lambda keys: calls.append(keys) or whole_pools(keys))
    state = Candidate(client, "수험생1").register().start("level2")
    assert len(state["items"]) == 4
    assert [sorted(domain for *_, domain in keys) for keys in calls] == [["basics", "labeling"]]  # one query


def test_the_migration_numbers_the_versions_already_stored(tmp_path: Path) -> None:
    app = make_app(tmp_path / "old.sqlite")
    directory = app.extensions["migrate"].directory
    with app.app_context():
        upgrade(directory=directory, revision="0006_media_blob")
        rows = [(1, "a", 1, "single", 2, "x", 0), (2, "a", 2, "single", 2, "x", 1), (3, "b", 1, "single", 2, "x", 1),
                (4, "c", 1, "ox", 2, "x", 1), (5, "d", 1, "single", 2, "x", 1), (6, "e", 1, "single", 1, "x", 1)]
        for row in rows:
            db.session.execute(text(
                "INSERT INTO question_version (id, question_id, version, type, level, domain, content_hash, payload, "
                "source_path, is_current, created_at) VALUES (:id, :q, :v, :t, :l, :d, 'h', '{}', '', :c, "
                "'2026-01-01')"),
                {**dict(zip(("id", "q", "v", "t", "l", "d"), row[:6], strict=True)), "c": row[6] == 1})
        db.session.commit()
        upgrade(directory=directory)
        placed = dict(db.session.execute(text("SELECT id, draw_rank FROM question_version")).all())
        db.engine.dispose()
    assert placed == {1: None, 2: 0, 3: 1, 4: 0, 5: 2, 6: 0}


def test_an_edit_that_moves_a_question_to_another_domain_takes_that_pools_next_place(bank_app: Flask) -> None:
    with bank_app.app_context():
        teacher = create_user("선생님", PASSWORD, role=ROLE_INSTRUCTOR)
        old = db.session.scalar(select(QuestionVersion).where(QuestionVersion.question_id == "t2-basics-1",
                                                              QuestionVersion.is_current.is_(True)))
        before = places_by_pool()[2, "single", "labeling"]
        moved = service.save_question(teacher, dict(old.payload, domain="labeling"), base_hash=old.content_hash)
        db.session.refresh(old)
        assert old.draw_rank is None
        assert moved.draw_rank == max(before) + 1
        assert sorted(places_by_pool()[2, "single", "labeling"]) == sorted([*before, moved.draw_rank])
