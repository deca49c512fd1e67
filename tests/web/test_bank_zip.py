"""authoring.bank_zip and the /instructor/bank page: export (whole or filtered) → import round
trip, merges recorded as CHANGE_IMPORT, and every hostile or broken zip refused with nothing
changed on disk or in the database."""
from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from exam_prep.accounts import create_or_promote_instructor
from exam_prep.authoring import bank_zip
from exam_prep.bank import load_bank
from exam_prep.bank.lint import lint as lint_bank
from exam_prep.extensions import db
from exam_prep.models import CHANGE_IMPORT, QuestionChange, QuestionVersion
from tests.conftest import CSRF_META, PASSWORD, Candidate, make_app

NEW_FILE = """\
# 새 파일: 가져오기로 더한 문항
- id: t2-imported-1
  type: ox
  level: 2
  domain: basics
  question: |
    가져온 O/X 문항입니다.
  answer: true
  explanation: |
    가져온 문항의 해설입니다. 두 번째 문장입니다.
"""


@pytest.fixture
def bank_app(db_path: Path, bank: Path) -> Flask:
    app = make_app(db_path, EXAM_PREP_QUESTION_BANK=str(bank))
    yield app
    with app.app_context():
        db.engine.dispose()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def db_state() -> tuple[int, int, list[tuple[str, int]]]:
    versions = db.session.scalar(select(func.count()).select_from(QuestionVersion))
    changes = db.session.scalar(select(func.count()).select_from(QuestionChange))
    current = sorted(db.session.execute(select(QuestionVersion.question_id, QuestionVersion.version)
                                        .where(QuestionVersion.is_current)).tuples())
    return versions, changes, current


def unzip(data: bytes, folder: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    return folder


def make_zip(files: dict[str, bytes | str], links: dict[str, str] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return out.getvalue()


def payloads(folder: Path) -> dict[str, dict]:
    return {q.id: q.payload() for q in load_bank(folder).questions}


# --- export ----------------------------------------------------------------------------------

def test_whole_export_is_the_bank_folder_and_passes_bank_check(bank_app: Flask, bank: Path, tmp_path: Path) -> None:
    (bank / "media" / "SOURCES.md").write_text("# 출처\n", encoding="utf-8")
    (bank / "media" / "unused.png").write_bytes((bank / "media" / "sign.png").read_bytes())
    with bank_app.app_context():
        data = bank_zip.export_zip()
    folder = unzip(data, tmp_path / "out")
    exported = snapshot(folder)
    original = snapshot(bank)
    assert "media/unused.png" not in exported  # only the media the questions name
    assert {k: v for k, v in original.items() if k != "media/unused.png"} == exported  # byte for byte
    assert payloads(folder) == payloads(bank)


def test_filtered_export_holds_the_chosen_questions_with_the_files_comments(bank_app: Flask, bank: Path,
                                                                           tmp_path: Path) -> None:
    practical = bank / "level2" / "practical.yaml"
    practical.write_text("# 실습 문항 머리 주석\n" + practical.read_text(encoding="utf-8"), encoding="utf-8")
    with bank_app.app_context():
        data = bank_zip.export_zip(level=2, types=["bbox"])
    folder = unzip(data, tmp_path / "out")
    names = sorted(snapshot(folder))
    assert names == ["exams.yaml", "level2/practical.yaml", "media/shapes.png"]
    text = (folder / "level2" / "practical.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 실습 문항 머리 주석\n")
    chosen = {q.id: q for q in load_bank(bank).questions if q.schema.type == "bbox" and q.schema.level == 2}
    from exam_prep.authoring import yaml_store

    assert [item["id"] for item in yaml_store.parse(text)] == list(chosen)


@pytest.mark.parametrize("filters", [{"level": 2, "types": ["bbox", "polygon"]}, {"level": 1},
                                     {"domain": "basics"}, {"types": ["inspect", "ox"]}])
def test_a_part_of_the_bank_passes_bank_check_on_its_own(bank_app: Flask, bank: Path, tmp_path: Path,
                                                         filters: dict) -> None:
    with bank_app.app_context():
        data = bank_zip.export_zip(**filters)
    folder = unzip(data, tmp_path / "out")
    part = load_bank(folder)  # bank check passes on the part
    whole = load_bank(bank)
    expected = [q.id for q in whole.questions if filters.get("level", q.schema.level) == q.schema.level
                and filters.get("domain", q.schema.domain) == q.schema.domain
                and q.schema.type in filters.get("types", [q.schema.type])]
    assert [q.id for q in part.questions] == expected
    assert (folder / "exams.yaml").read_text(encoding="utf-8").startswith(bank_zip.PART_MARK)
    assert part.domains == whole.domains
    for exam in part.exams:
        assert exam.id == f"export-level{exam.level}"
        assert exam.sections[0].count == sum(1 for q in part.questions if q.schema.level == exam.level)


def test_importing_a_part_adds_its_questions_and_domains_but_not_its_practice_exams(
        bank_app: Flask, bank: Path, db_path: Path, tmp_path: Path) -> None:
    exams = (bank / "exams.yaml").read_text(encoding="utf-8")
    with bank_app.app_context():
        part = bank_zip.export_zip(level=2, types=["bbox"])
    archive = zipfile.ZipFile(io.BytesIO(part))
    files = {name: archive.read(name) for name in archive.namelist()}
    files["exams.yaml"] = files["exams.yaml"].decode("utf-8").replace("  inspection: 검수\n",
                                                                      "  inspection: 검수\n  extra: 새 영역\n")
    with bank_app.app_context():
        bank_zip.import_zip(None, make_zip(files))
    merged = load_bank(bank)
    assert [e.id for e in merged.exams] == ["level2", "level1", "practice"]
    assert merged.domains["extra"] == "새 영역"
    assert (bank / "exams.yaml").read_text(encoding="utf-8").startswith(exams.split("\n", 1)[0])
    # into an empty bank folder, the part stands on its own
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(db_path, EXAM_PREP_QUESTION_BANK=str(empty))
    with app.app_context():
        bank_zip.import_zip(None, part)
        db.engine.dispose()
    assert [e.id for e in load_bank(empty).exams] == ["export-level2"]


def test_an_export_that_matches_nothing_is_refused(bank_app: Flask) -> None:
    with bank_app.app_context(), pytest.raises(bank_zip.NothingToExport):
        bank_zip.export_zip(level=1, types=["bbox"])


# --- import ----------------------------------------------------------------------------------

def test_round_trip_into_an_empty_bank_folder(bank_app: Flask, bank: Path, db_path: Path, tmp_path: Path) -> None:
    with bank_app.app_context():
        data = bank_zip.export_zip()
    empty = tmp_path / "empty_bank"
    empty.mkdir()
    app = make_app(db_path, EXAM_PREP_QUESTION_BANK=str(empty))
    with app.app_context():
        report = bank_zip.import_zip(None, data)
        assert report.added == [] and report.changed == []  # the database already held the same versions
        assert sorted(report.files) == sorted(snapshot(bank))
        db.engine.dispose()
    assert payloads(empty) == payloads(bank)
    assert snapshot(empty) == snapshot(bank)


def test_import_adds_and_changes_questions_and_records_them(bank_app: Flask, bank: Path, tmp_path: Path) -> None:
    with bank_app.app_context():
        folder = unzip(bank_zip.export_zip(), tmp_path / "out")
        basics = folder / "level2" / "basics.yaml"
        text = basics.read_text(encoding="utf-8")
        text = text.replace("과적합은 일반화하지", "과적합은 새 데이터에 일반화하지")
        basics.write_text(text, encoding="utf-8")
        files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        files["level2/imported.yaml"] = NEW_FILE.encode("utf-8")
        before = db.session.scalar(select(QuestionVersion).where(QuestionVersion.question_id == "t2-basics-3",
                                                                 QuestionVersion.is_current))
        report = bank_zip.import_zip(None, make_zip(files))
        assert report.added == ["t2-imported-1"] and report.changed == ["t2-basics-3"]
        assert report.files == ["level2/basics.yaml", "level2/imported.yaml"]
        assert (bank / "level2" / "imported.yaml").read_text(encoding="utf-8") == NEW_FILE
        changes = {c.question_id: c for c in db.session.scalars(select(QuestionChange))}
        assert set(changes) == {"t2-imported-1", "t2-basics-3"}
        assert changes["t2-basics-3"].action == CHANGE_IMPORT
        assert changes["t2-basics-3"].before_version_id == before.id
        assert changes["t2-basics-3"].after.payload["explanation"].startswith("과적합은 새 데이터에")
        assert changes["t2-imported-1"].before_version_id is None
        assert changes["t2-imported-1"].file == "level2/imported.yaml"
        current = db.session.scalar(select(QuestionVersion).where(QuestionVersion.question_id == "t2-imported-1",
                                                                  QuestionVersion.is_current))
        assert [w.split(": ", 1)[1] for w in current.lint] == [
            "경고: 해설 끝에 공부할 개념을 '학습할 개념: …'으로 적어 주세요"]
    load_bank(bank)


def test_a_zip_of_the_bank_folder_itself_is_read_under_its_top_folder(bank_app: Flask, bank: Path) -> None:
    files = {f"question_bank/{name}": content for name, content in snapshot(bank).items()}
    files["question_bank/level2/imported.yaml"] = NEW_FILE
    with bank_app.app_context():
        report = bank_zip.import_zip(None, make_zip(files))
    assert report.added == ["t2-imported-1"]
    assert not (bank / "question_bank").exists()


def test_import_merges_exams_yaml_without_dropping_exams(bank_app: Flask, bank: Path) -> None:
    exams = (bank / "exams.yaml").read_text(encoding="utf-8")
    part = exams.replace("  inspection: 검수\n", "  inspection: 검수\n  extra: 새 영역\n")
    part = part[:part.index("  - id: level1")]  # only the level2 exam
    part = part.replace("title: 테스트 2급", "title: 바뀐 2급")
    with bank_app.app_context():
        bank_zip.import_zip(None, make_zip({"exams.yaml": part}))
        bank_file = load_bank(bank)
    assert [e.id for e in bank_file.exams] == ["level2", "level1", "practice"]
    assert bank_file.exams[0].title == "바뀐 2급"
    assert bank_file.domains["extra"] == "새 영역"


@pytest.mark.parametrize("files, links, expected", [
    ({"../evil.yaml": NEW_FILE}, None, "../evil.yaml:1: 문제은행 폴더 밖을"),
    ({"/etc/evil.yaml": NEW_FILE}, None, "/etc/evil.yaml:1: 문제은행 폴더 밖을"),
    ({"level2/../../evil.yaml": NEW_FILE}, None, "level2/../../evil.yaml:1: 문제은행 폴더 밖을"),
    ({"level2/ok.yaml": NEW_FILE}, {"media/link.png": "/etc/passwd"}, "media/link.png:1: 링크(symlink)는"),
    ({"level2/run.py": "print(1)"}, None, "level2/run.py:1: 받을 수 없는 파일입니다"),
    ({"level2/.hidden.yaml": NEW_FILE}, None, "level2/.hidden.yaml:1: 문제은행 폴더 밖을"),
    ({"level2/broken.yaml": "- id: x\n  question: [열린\n"}, None, "level2/broken.yaml:3: YAML 문법 오류"),
    ({"level2/bad.yaml": NEW_FILE.replace("answer: true", "answer: 3")}, None,
     "level2/bad.yaml:8: answer는 true(O) 또는 false(X)여야 합니다"),
    ({"level2/dup.yaml": NEW_FILE.replace("t2-imported-1", "t2-basics-1")}, None,
     "level2/dup.yaml:2: 문항 id 't2-basics-1'가 이미"),
    ({"level2/alias.yaml": "- &a {id: x}\n- *a\n"}, None, "level2/alias.yaml:1: YAML 별칭"),
])
def test_refused_zips_change_nothing(bank_app: Flask, bank: Path, files, links, expected) -> None:
    before = snapshot(bank)
    with bank_app.app_context():
        state = db_state()
        with pytest.raises(bank_zip.ImportInvalid) as caught:
            bank_zip.import_zip(None, make_zip(files, links))
        assert db_state() == state
    assert any(p.startswith(expected) for p in caught.value.problems), caught.value.problems
    assert snapshot(bank) == before
    assert not (bank.parent / "evil.yaml").exists()


def test_zip_bombs_and_oversized_entries_are_refused_unread(bank_app: Flask, bank: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(bank)
    bomb = make_zip({"media/huge.png": b"\0" * (11 * 1024 * 1024)})  # 11 MiB of zeros, a few KiB zipped
    assert len(bomb) < 100_000
    with bank_app.app_context():
        with pytest.raises(bank_zip.ImportInvalid) as caught:
            bank_zip.import_zip(None, bomb)
        assert caught.value.problems == ["media/huge.png:1: 파일이 너무 큽니다 (최대 10 MiB)"]
        monkeypatch.setattr(bank_zip, "MAX_UNPACKED_BYTES", 1000)
        with pytest.raises(bank_zip.ImportInvalid, match="problem") as total:
            bank_zip.import_zip(None, make_zip({"level2/a.yaml": NEW_FILE, "level2/b.yaml": NEW_FILE * 3}))
        assert "압축을 푼 크기가 너무 큽니다" in total.value.problems[-1]
        monkeypatch.setattr(bank_zip, "MAX_ZIP_BYTES", 100)
        with pytest.raises(bank_zip.ImportInvalid) as upload:
            bank_zip.import_zip(None, make_zip({"level2/a.yaml": NEW_FILE}))
        assert upload.value.problems[0].startswith("zip: 파일이 너무 큽니다")
        with pytest.raises(bank_zip.ImportInvalid) as not_zip:
            bank_zip.import_zip(None, b"not a zip")
        assert not_zip.value.problems == ["zip: 올바른 zip 파일이 아닙니다"]
    assert snapshot(bank) == before


def test_a_failing_write_rolls_every_file_back(bank_app: Flask, bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(bank)
    real = bank_zip._write_bytes

    def fail_on_second(path: Path, content: bytes) -> None:
        if path.name == "imported_b.yaml":
            raise OSError("disk full")
        real(path, content)

    monkeypatch.setattr(bank_zip, "_write_bytes", fail_on_second)
    with bank_app.app_context():
        state = db_state()
        with pytest.raises(OSError):
            second = NEW_FILE.replace("imported-1", "imported-2")
            bank_zip.import_zip(None, make_zip({"level2/imported_a.yaml": NEW_FILE, "level2/imported_b.yaml": second}))
        assert db_state() == state
    assert snapshot(bank) == before


# --- the page --------------------------------------------------------------------------------

def login_instructor(app: Flask) -> Candidate:
    with app.app_context():
        create_or_promote_instructor("선생님", PASSWORD)
    teacher = Candidate(app.test_client(), "선생님")
    token = teacher.refresh_token()
    teacher.client.post("/auth/login", data={"csrf_token": token, "username": "선생님", "password": PASSWORD})
    teacher.refresh_token()
    return teacher


def page_token(teacher: Candidate) -> str:
    page = teacher.client.get("/instructor/bank")
    assert page.status_code == 200
    return CSRF_META.search(page.get_data(as_text=True)).group(1)


def test_candidates_get_403_on_every_bank_page(bank_app: Flask, bank: Path) -> None:
    candidate = Candidate(bank_app.test_client(), "수험생").register()
    assert candidate.client.get("/instructor/bank").status_code == 403
    token = candidate.token
    assert candidate.client.post("/instructor/bank/export", data={"csrf_token": token}).status_code == 403
    before = snapshot(bank)
    response = candidate.client.post("/instructor/bank/import", data={
        "csrf_token": token, "bank_zip": (io.BytesIO(make_zip({"level2/x.yaml": NEW_FILE})), "bank.zip")})
    assert response.status_code == 403
    assert snapshot(bank) == before


def test_export_and_import_need_the_csrf_token(bank_app: Flask, bank: Path) -> None:
    teacher = login_instructor(bank_app)
    assert teacher.client.post("/instructor/bank/export", data={}).status_code == 400
    before = snapshot(bank)
    response = teacher.client.post("/instructor/bank/import", data={
        "bank_zip": (io.BytesIO(make_zip({"level2/x.yaml": NEW_FILE})), "bank.zip")})
    assert response.status_code == 400
    assert "보안 토큰" in response.get_data(as_text=True)
    assert snapshot(bank) == before


def test_page_round_trip(bank_app: Flask, bank: Path) -> None:
    teacher = login_instructor(bank_app)
    token = page_token(teacher)
    exported = teacher.client.post("/instructor/bank/export", data={"csrf_token": token, "level": "2",
                                                                    "domain": "", "type": ""})
    assert exported.status_code == 200 and exported.mimetype == "application/zip"
    assert 'attachment; filename="question_bank.zip"' in exported.headers["Content-Disposition"]
    names = zipfile.ZipFile(io.BytesIO(exported.data)).namelist()
    assert all(not n.startswith("level1/") for n in names) and "level2/basics.yaml" in names
    files = {n: zipfile.ZipFile(io.BytesIO(exported.data)).read(n) for n in names}
    files["level2/imported.yaml"] = NEW_FILE.encode("utf-8")
    response = teacher.client.post("/instructor/bank/import", data={
        "csrf_token": token, "bank_zip": (io.BytesIO(make_zip(files)), "bank.zip")})
    text = response.get_data(as_text=True)
    assert response.status_code == 200, text
    assert "가져오기를 마쳤습니다" in text and "새 문항 1개" in text and "t2-imported-1" in text
    assert (bank / "level2" / "imported.yaml").read_text(encoding="utf-8") == NEW_FILE


def test_page_shows_the_problems_with_path_and_line(bank_app: Flask, bank: Path) -> None:
    teacher = login_instructor(bank_app)
    token = page_token(teacher)
    bad = NEW_FILE.replace("answer: true", "answer: 3")
    response = teacher.client.post("/instructor/bank/import", data={
        "csrf_token": token, "bank_zip": (io.BytesIO(make_zip({"level2/bad.yaml": bad})), "bank.zip")})
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "가져오지 않았습니다" in text and "level2/bad.yaml:8: " in text
    assert not (bank / "level2" / "bad.yaml").exists()
    for data, status, words in [
        ({"csrf_token": token}, 400, "올릴 zip 파일을 골라 주세요"),
        ({"csrf_token": token, "bank_zip": (io.BytesIO(b"not a zip"), "bank.zip")}, 400, "올바른 zip 파일이 아닙니다"),
    ]:
        response = teacher.client.post("/instructor/bank/import", data=data)
        assert response.status_code == status and words in response.get_data(as_text=True)
    bad_filter = teacher.client.post("/instructor/bank/export", data={"csrf_token": token, "level": "3"})
    assert bad_filter.status_code == 400 and "급은 1급 또는 2급" in bad_filter.get_data(as_text=True)
    nothing = teacher.client.post("/instructor/bank/export", data={"csrf_token": token, "level": "1", "type": "bbox"})
    assert nothing.status_code == 400 and "조건에 맞는 문항이 없습니다" in nothing.get_data(as_text=True)


def test_a_too_large_upload_gets_413_with_a_korean_reason(bank_app: Flask, bank: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    teacher = login_instructor(bank_app)
    token = page_token(teacher)
    monkeypatch.setattr(bank_zip, "MAX_ZIP_BYTES", 2048)
    big = make_zip({"media/noise.png": bytes(range(256)) * 64})
    small_cap = teacher.client.post("/instructor/bank/import", data={
        "csrf_token": token, "bank_zip": (io.BytesIO(big + b"\0" * 4096), "bank.zip")})
    assert small_cap.status_code == 413
    assert "올린 파일이 너무 큽니다" in small_cap.get_data(as_text=True)
    from exam_prep.instructor import bank_io

    monkeypatch.setattr(bank_io, "UPLOAD_OVERHEAD", 0)
    body_cap = teacher.client.post("/instructor/bank/import", data={
        "csrf_token": token, "bank_zip": (io.BytesIO(b"\0" * 10_000), "bank.zip")})
    assert body_cap.status_code == 413
    assert "올린 파일이 너무 큽니다" in body_cap.get_data(as_text=True)


def test_lint_is_kept_on_every_version_at_bank_load(bank_app: Flask, bank: Path) -> None:
    from exam_prep.bank.sync import load_folder

    basics = bank / "level2" / "basics.yaml"
    near = NEW_FILE.split("\n", 1)[1].replace("t2-imported-1", "t2-near-dup")
    near = near.replace("가져온 O/X 문항입니다.", "과적합은 학습 데이터에서만 성능이 좋은 상태이다.")
    basics.write_text(basics.read_text(encoding="utf-8") + near, encoding="utf-8")
    with bank_app.app_context():
        load_folder(str(bank))
        expected: dict[str, list[str]] = {}
        loaded = load_bank(bank)
        lines = {(q.path, q.id): q for q in loaded.questions}
        for warning in lint_bank(loaded):
            owner = max((q for (path, _), q in lines.items() if path == warning.path and q.line <= warning.line),
                        key=lambda q: q.line)
            expected.setdefault(owner.id, []).append(str(warning))
        stored = {v.question_id: v.lint for v in db.session.scalars(select(QuestionVersion)
                                                                    .where(QuestionVersion.is_current))}
    assert all(lint is not None for lint in stored.values())
    assert {k: sorted(v) for k, v in stored.items() if v} == {k: sorted(v) for k, v in expected.items()}
    assert any("비슷합니다" in w for w in stored["t2-near-dup"])


def test_entries_must_be_what_their_names_say(bank_app: Flask, bank: Path) -> None:
    png = (bank / "media" / "shapes.png").read_bytes()
    before = snapshot(bank)
    with bank_app.app_context(), pytest.raises(bank_zip.ImportInvalid) as caught:
        bank_zip.import_zip(None, make_zip({
            "media/page.png": b"<html><script>alert(1)</script></html>",
            "media/photo.jpg": png,
            "media/export.json": b"{not json",
            "media/SOURCES.md": "출처".encode("euc-kr"),
            "media/ok.png": png,
        }))
    assert caught.value.problems == [
        "media/page.png:1: 이미지 'media/page.png'를 열 수 없습니다 (PNG 또는 JPEG 파일이어야 합니다)",
        "media/photo.jpg:1: 이미지 'media/photo.jpg'의 내용이 확장자(.jpg)와 다릅니다",
        "media/export.json:1: 올바른 JSON 파일이 아닙니다",
        "media/SOURCES.md:1: UTF-8로 저장된 파일이 아닙니다",
    ]
    assert snapshot(bank) == before


def test_a_question_left_out_of_a_whole_banks_file_is_retired_and_recorded(bank_app: Flask, bank: Path) -> None:
    from exam_prep.authoring import yaml_store

    text = (bank / "level2" / "basics.yaml").read_text(encoding="utf-8")
    shorter = yaml_store.remove_question(text, "t2-basics-3")
    with bank_app.app_context():
        before = db.session.scalar(select(QuestionVersion).where(QuestionVersion.question_id == "t2-basics-3",
                                                                 QuestionVersion.is_current))
        whole = {"exams.yaml": (bank / "exams.yaml").read_bytes(), "level2/basics.yaml": shorter}  # a whole bank's zip
        report = bank_zip.import_zip(None, make_zip(whole))
        assert report.retired == 1 and report.added == [] and report.changed == []
        change = db.session.scalar(select(QuestionChange).where(QuestionChange.question_id == "t2-basics-3"))
        assert (change.action, change.before_version_id, change.after_version_id, change.file) == (
            CHANGE_IMPORT, before.id, None, "level2/basics.yaml")
        assert db.session.scalar(select(QuestionVersion).where(QuestionVersion.question_id == "t2-basics-3",
                                                               QuestionVersion.is_current)) is None


def test_a_part_is_merged_question_by_question(bank_app: Flask, bank: Path) -> None:
    from exam_prep.authoring import yaml_store

    basics = bank / "level2" / "basics.yaml"
    text = basics.read_text(encoding="utf-8")
    # a part holding one changed question of basics.yaml and one new one, no exams.yaml
    changed = "- id: t2-basics-3\n  type: ox\n  level: 2\n  domain: basics\n  question: 과적합은 좋은 것이다.\n" \
              "  answer: false\n  explanation: 과적합은 일반화하지 못하는 상태입니다.\n"
    part = changed + "\n" + NEW_FILE.split("\n", 1)[1]
    with bank_app.app_context():
        report = bank_zip.import_zip(None, make_zip({"level2/basics.yaml": part}))
    assert report.changed == ["t2-basics-3"] and report.added == ["t2-imported-1"] and report.retired == 0
    after = basics.read_text(encoding="utf-8")
    assert [item["id"] for item in yaml_store.parse(after)] == ["t2-basics-1", "t2-basics-2", "t2-basics-3",
                                                                "t2-imported-1"]
    assert after.startswith(text[:text.index("- id: t2-basics-3")])  # the other questions untouched
    assert changed in after
