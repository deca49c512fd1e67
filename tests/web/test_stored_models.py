"""A stored question version is read back into its type's pydantic model once (registry.model_of),
and a version the schema no longer accepts is reported, never shown or scored on a guess."""
from __future__ import annotations

import logging

import pytest
from flask import Flask

from exam_prep.bank.sync import content_hash
from exam_prep.extensions import db
from exam_prep.models import QuestionVersion
from exam_prep.questions import registry
from exam_prep.questions.base import StoredQuestionInvalid
from exam_prep.questions.choice import SingleSchema
from tests.conftest import Candidate


def test_a_stored_version_becomes_its_model_once(app: Flask) -> None:
    with app.app_context():
        version = db.session.query(QuestionVersion).filter_by(type="single").first()
        model = registry.model_of(version)
        assert isinstance(model, SingleSchema)
        assert model.model_dump(mode="json", exclude_none=True) == version.payload
        assert registry.model_of(version) is model  # cached: versions are immutable


def test_stored_labeling_versions_keep_their_resolved_image_and_reference(app: Flask) -> None:
    with app.app_context():
        for version in db.session.query(QuestionVersion).all():
            model = registry.model_of(version)  # no bank folder: the stored image and reference stand
            assert model.model_dump(mode="json", exclude_none=True) == version.payload


def test_a_version_its_schema_no_longer_accepts_is_named(app: Flask) -> None:
    with app.app_context():
        version = db.session.query(QuestionVersion).filter_by(type="single").first()
        payload = {**version.payload, "answer": len(version.payload["options"]) + 1}
        forged = QuestionVersion(id=version.id, question_id=version.question_id, version=version.version,
                                 type="single", content_hash=content_hash(payload), payload=payload)
        with pytest.raises(StoredQuestionInvalid) as raised:
            registry.model_of(forged)
        assert raised.value.question_id == version.question_id and version.question_id in str(raised.value)
        gone = QuestionVersion(id=version.id, question_id="q-gone", version=3, type="no-such-type",
                               content_hash="x", payload={})
        with pytest.raises(StoredQuestionInvalid, match="q-gone version 3"):
            registry.model_of(gone)


def test_an_exam_drawing_an_invalid_version_is_refused_with_a_reason(
        app: Flask, candidate: Candidate, caplog: pytest.LogCaptureFixture) -> None:
    with app.app_context():
        for version in db.session.query(QuestionVersion).all():
            version.payload = {**version.payload, "question": ""}  # no schema accepts an empty question
            version.content_hash = content_hash(version.payload)
        db.session.commit()
    with caplog.at_level(logging.ERROR):
        response = candidate.api("POST", "/api/v1/attempts", {"exam": "level2"})
    assert response.status_code == 409
    assert "문항" in response.get_json()["error"] and "관리자" in response.get_json()["error"]
    assert any("no longer fits its schema" in r.getMessage() for r in caplog.records)


def test_a_save_reads_the_payload_only_when_its_model_is_not_cached(app: Flask, candidate: Candidate) -> None:
    # The save defers the payload column; on a cache miss the model is built from it all the same.
    state = candidate.start()
    item = next(i for i in state["items"] if i["type"] in ("ox", "single"))
    right = {"value": True} if item["type"] == "ox" else {"choice": item["options"][0]["id"]}
    wrong = {"value": "yes"} if item["type"] == "ox" else {"choice": 99}  # refused by the model's checks
    registry._models.clear()  # a fresh worker: nothing cached yet
    assert candidate.save(state["id"], item["id"], right, seq=1).status_code == 200
    registry._models.clear()
    assert candidate.save(state["id"], item["id"], wrong, seq=2).status_code == 400
    saved = candidate.api("GET", f"/api/v1/attempts/{state['id']}").get_json()["responses"][str(item["id"])]
    assert saved["response"] == right
