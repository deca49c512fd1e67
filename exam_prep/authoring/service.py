"""Instructors writing the bank: check, save, retire and restore one question.

The YAML bank stays the source of truth. A save checks the question exactly as `bank check`
does (bank.loader.validate_question), writes it into its file with only its own lines changed
(authoring.yaml_store), reads the written file back through the bank loader to make sure it holds
exactly that question, and brings the database up to date for that one question
(bank.sync.sync_question), so every worker serves the new version at once; attempts keep the
versions they drew. Every change is recorded as a QuestionChange.

Two instructors: everything from reading the current version to the database commit happens
under an exclusive lock on the bank folder (fcntl.flock), and an edit names the content hash of
the version its editor opened (base_hash); a different current version means someone else saved
or retired the question meanwhile: EditConflict, nothing written.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from ..bank import lint as bank_lint
from ..bank.loader import (
    EXAMS_FILE,
    BankQuestion,
    Problem,
    _ExamsCheck,
    _load_exams_file,
    _question_files,
    display_path,
    validate_question,
)
from ..bank.locking import folder_lock
from ..bank.sync import content_hash, sync_question
from ..bank.yaml_lines import LineDict, LineList, YamlSyntaxError, read_yaml
from ..extensions import db
from ..models import (
    CHANGE_CREATE,
    CHANGE_EDIT,
    CHANGE_RESTORE,
    CHANGE_RETIRE,
    QuestionChange,
    QuestionVersion,
)
from ..questions import registry
from ..questions.base import QuestionSchema
from ..questions.choice import ChoiceSchema
from . import yaml_store


@dataclass(frozen=True)
class FieldProblem:
    field: str    # the bank key path joined by dots ("options.2", "answer"); "" = the whole question
    message: str  # the same Korean words `bank check` prints (without the path:line prefix)


class DraftInvalid(Exception):
    """The question has problems; nothing was written."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in problems))
        self.problems = problems


class EditConflict(Exception):
    """Someone saved or retired the question since the editor opened it; nothing was written.
    ``current`` is the version now current (None: the question is retired)."""

    def __init__(self, current: QuestionVersion | None, message: str | None = None) -> None:
        if message is not None:
            pass
        elif current is None:
            message = "그사이 다른 강사가 이 문항을 문제은행에서 뺐습니다. 이력에서 되살린 뒤 고쳐 주세요."
        else:
            message = (f"그사이 다른 강사가 이 문항을 먼저 저장했습니다 (지금은 {current.version}판). "
                       "최신 내용을 다시 열어 고친 뒤 저장해 주세요. 지금 쓰신 내용은 저장되지 않았습니다.")
        super().__init__(message)
        self.current = current
        self.message = message


class BankWriteError(RuntimeError):
    """The written file did not read back as the question: nothing was replaced (a bug, logged)."""


# --- where things are -------------------------------------------------------------------------

def bank_folder() -> Path:
    """The configured bank folder (EXAM_PREP_QUESTION_BANK), as the CLI and the setup use it."""
    return Path(current_app.config["EXAM_PREP_QUESTION_BANK"]).resolve()


def bank_files() -> list[str]:
    """The question files an instructor may choose (relative to the bank folder, posix), in the
    order `bank check` reads them."""
    folder = bank_folder()
    return [p.relative_to(folder).as_posix() for p in _question_files(folder, [])]


_NAME_PART = re.compile(r"^[a-z0-9_]+$")


def default_file(question: dict[str, Any]) -> str:
    """Where a new question goes when no file is chosen, following the shipped bank's layout:
    level<N>/<domain>.yaml for theory questions, level<N>/practical/<type>.yaml for labeling
    exercises and level<N>/inspect/<task>.yaml for inspection tasks."""
    level = question.get("level")
    folder = f"level{level}" if level in (1, 2) else "questions"
    type_name = str(question.get("type", ""))
    if type_name == "inspect":
        task = str(question.get("task", ""))
        return f"{folder}/inspect/{task if _NAME_PART.match(task) else 'misc'}.yaml"
    if registry.is_registered(type_name) and not registry.get(type_name).theory:
        return f"{folder}/practical/{type_name}.yaml"
    domain = str(question.get("domain", ""))
    return f"{folder}/{domain if _NAME_PART.match(domain) else 'misc'}.yaml"


@dataclass(frozen=True)
class Location:
    file: str  # relative to the bank folder, posix
    line: int


def _relative(folder: Path, shown: str) -> str | None:
    """A QuestionVersion.source_path (display_path at load) as a path inside the bank folder."""
    try:
        path = Path(shown)
        path = path if path.is_absolute() else Path.cwd() / path
        return path.resolve().relative_to(folder).as_posix()
    except (ValueError, OSError, RuntimeError):
        return None


def locate(question_id: str, hint: str | None = None) -> Location | None:
    """The file and line of question ``question_id`` in the bank (the file its last version came
    from first, then every question file)."""
    folder = bank_folder()
    candidates = bank_files()
    if hint:
        relative = _relative(folder, hint)
        if relative in candidates:
            candidates.remove(relative)
            candidates.insert(0, relative)
    for relative in candidates:
        try:
            text = (folder / relative).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        line = yaml_store.ids_in_text(text).get(question_id)
        if line is not None:
            return Location(relative, line)
    return None


def _chosen_file(folder: Path, relative: str) -> Path:
    """A question file named by an instructor: a .yaml inside the bank folder, not exams.yaml."""
    from ..bank.paths import BankPathError, inside_bank

    invalid = DraftInvalid([FieldProblem("", f"파일 '{relative}'에는 문항을 쓸 수 없습니다 "
                                             "(문제은행 폴더 안의 .yaml 파일이어야 합니다)")])
    try:
        path = inside_bank(folder, relative, "파일")
    except BankPathError:
        raise invalid from None
    if path.suffix not in (".yaml", ".yml") or path == folder / EXAMS_FILE or (path.exists() and not path.is_file()):
        raise invalid
    if (folder / relative).is_symlink():
        raise invalid
    return path


# --- the question's shape ---------------------------------------------------------------------

def bank_shape(question: dict[str, Any]) -> dict[str, Any]:
    """The question as the bank's YAML writes it. A stored payload (QuestionVersion.payload)
    holds images resolved to {path, src, width, height} and, for a reference read from an
    export, both `reference_from` and the `reference` read from it; the YAML names the image's
    path and one of the two."""
    shaped = dict(question)
    if isinstance(shaped.get("image"), dict) and "path" in shaped["image"]:
        shaped["image"] = shaped["image"]["path"]
    if isinstance(shaped.get("images"), list):
        shaped["images"] = [i["path"] if isinstance(i, dict) and "path" in i else i for i in shaped["images"]]
    if shaped.get("reference_from") is not None and "reference" in shaped:
        from_export = {k: v for k, v in shaped.items() if k != "reference"}
        model, errors = validate_question(from_export, _context())
        if not errors and model is not None and model.model_dump(mode="json").get("reference") == shaped["reference"]:
            shaped = from_export  # the export still gives this reference: keep naming the export
        else:
            shaped.pop("reference_from")  # the reference was changed here: it is written out
    if shaped.get("tags") == []:
        shaped.pop("tags")
    return shaped


def _context() -> dict[str, Any]:
    return {"folder": bank_folder(), "cache": {}}


def _field(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)


# --- checks -----------------------------------------------------------------------------------

def _validated(question: dict[str, Any], replacing: str | None) -> tuple[QuestionSchema | None, list[FieldProblem]]:
    """The model of the question and every problem `bank check` would report for it."""
    model, errors = validate_question(dict(question), _context())
    problems = [FieldProblem(_field(loc), message) for loc, message in errors]
    if model is not None:  # as bank check: the domain is checked on a question that loaded
        problems += _domain_problems(question)
    problems += _id_problems(question, replacing)
    return (model if not problems else None), problems


def _domain_problems(question: dict[str, Any]) -> list[FieldProblem]:
    domain = question.get("domain")
    exams_file, _, _ = _load_exams_file(bank_folder(), [])
    if exams_file is None or not isinstance(domain, str) or domain in exams_file.domains:
        return []
    return [FieldProblem("domain", f"domain: 영역 '{domain}'가 {EXAMS_FILE}의 domains에 없습니다")]


def _id_problems(question: dict[str, Any], replacing: str | None) -> list[FieldProblem]:
    question_id = question.get("id")
    if not isinstance(question_id, str) or question_id == replacing:
        return []
    latest = _latest(question_id)
    found = locate(question_id, latest.source_path if latest else None)
    if found is not None:
        return [FieldProblem("id", f"문항 id '{question_id}'가 이미 {found.file}:{found.line}에 있습니다")]
    if latest is not None:
        return [FieldProblem("id", f"문항 id '{question_id}'는 문제은행에서 뺀 문항이 쓰던 id입니다. "
                                   "다른 id를 쓰거나, 그 문항의 이력에서 되살려 주세요")]
    return []


def _pool_check(pools: Counter) -> list[str]:
    """What bank check says about exams.yaml's draws for a bank with these pool sizes."""
    problems: list[Problem] = []
    exams_file, raw, shown = _load_exams_file(bank_folder(), problems)
    if exams_file is None:
        return []
    check = _ExamsCheck(raw, shown, exams_file.domains, pools, problems)
    for i, exam in enumerate(exams_file.exams):
        for j, section in enumerate(exam.sections):
            check.section_pool(section, ("exams", i, "sections", j))
    return [p.message for p in problems]


def _pool_problems(removed: QuestionVersion | None, added: QuestionSchema | None) -> list[FieldProblem]:
    """The exams' draws that this change would leave without enough questions (retiring a
    question, or moving it to another level, type or domain), in bank check's words."""
    if removed is None or (added is not None and (added.level, added.type, added.domain) ==
                           (removed.level, removed.type, removed.domain)):
        return []  # a question added, or staying in its pool, takes nothing from any draw
    pools = Counter({(level, type_name, domain): n for level, type_name, domain, n in db.session.execute(
        select(QuestionVersion.level, QuestionVersion.type, QuestionVersion.domain, func.count())
        .where(QuestionVersion.is_current)
        .group_by(QuestionVersion.level, QuestionVersion.type, QuestionVersion.domain))})
    before = set(_pool_check(pools))
    pools[(removed.level, removed.type, removed.domain)] -= 1
    if added is not None:
        pools[(added.level, added.type, added.domain)] += 1
    return [FieldProblem("", f"이대로 저장하면 exams.yaml의 시험 문항을 다 뽑을 수 없습니다: {message}")
            for message in _pool_check(pools) if message not in before]


def check_draft(question: dict[str, Any], *, replacing: str | None = None) -> list[FieldProblem]:
    """Every problem `bank check` reports for this one question (schema, files inside the bank,
    its domain, an id used by another question unless it is ``replacing``); [] when none."""
    return _validated(bank_shape(question), replacing)[1]


@dataclass(frozen=True)
class _Text:
    """What the near-duplicate lint reads of another current question."""
    level: int
    question: str


_LINT_KEYS = ("question", "options", "explanation")


def _lint_problems(q: BankQuestion, replacing: str | None) -> list[Problem]:
    """`bank check --lint`'s warnings for one question: near-duplicates of the other current
    questions of its level, and its own checks (long or repeated options, thin explanation)."""
    warnings: list[Problem] = []
    if registry.get(q.schema.type).theory:
        warnings += _near_duplicates(q, replacing)
    if isinstance(q.schema, ChoiceSchema):
        warnings += bank_lint.long_correct_options(q, bank_lint.Thresholds())
        warnings += bank_lint.repeated_options(q)
        warnings += bank_lint.catch_all_options(q)
    warnings += bank_lint.thin_explanation(q)
    return warnings


@dataclass(frozen=True)
class _Other:
    """Another current question as the near-duplicate lint reads it (a BankQuestion's shape)."""
    schema: _Text
    path: str
    line: int
    id: str
    key_lines: dict[str, int] = field(default_factory=dict)


_SHINGLES: dict[str, frozenset[str]] = {}  # question text → its 3-grams, kept per worker
_SHINGLES_KEPT = 50_000


def _shingles(text: str) -> frozenset[str]:
    found = _SHINGLES.get(text)
    if found is None:
        if len(_SHINGLES) >= _SHINGLES_KEPT:
            _SHINGLES.clear()
        found = _SHINGLES[text] = frozenset(bank_lint.shingles(text))
    return found


def _near_duplicates(q: BankQuestion, replacing: str | None) -> list[Problem]:
    """bank.lint.near_duplicates of the question against each current question of its level
    whose text could reach the limit (the rest is skipped by size, as the lint does)."""
    theory = [name for name in registry.names() if registry.get(name).theory]
    rows = db.session.execute(
        select(QuestionVersion.question_id, QuestionVersion.payload["question"].as_string(),
               QuestionVersion.source_path)
        .where(QuestionVersion.is_current, QuestionVersion.level == q.schema.level,
               QuestionVersion.type.in_(theory),
               QuestionVersion.question_id.not_in({q.id, replacing or q.id})))
    mine = bank_lint.shingles(q.schema.question)
    limit = bank_lint.NEAR_DUPLICATE
    warnings = []
    for question_id, text, source_path in rows:
        text = text or ""
        theirs = _shingles(text)
        if min(len(mine), len(theirs)) < limit * max(len(mine), len(theirs)) or bank_lint.jaccard(mine, theirs) < limit:
            continue
        found = locate(question_id, source_path)
        other = _Other(_Text(q.schema.level, text), display_path(bank_folder() / found.file) if found else source_path,
                       found.line if found else 1, question_id)
        warnings += bank_lint.near_duplicates([other, q], limit)  # type: ignore[list-item]
    return warnings


def lint_draft(question: dict[str, Any], *, replacing: str | None = None) -> list[FieldProblem]:
    """`bank check --lint`'s warnings for this question (near-duplicate of another current
    question, long correct option, repeated or catch-all options, thin explanation); [] when the
    question is invalid (check_draft says why) or has none."""
    shaped = bank_shape(question)
    model, errors = validate_question(dict(shaped), _context())
    if model is None or errors:
        return []
    lines = {key: number for number, key in enumerate(_LINT_KEYS, start=1)}
    bank_question = BankQuestion(model, default_file(shaped), 0, dict(lines))
    by_line = {number: key for key, number in lines.items()}
    return [FieldProblem(by_line.get(w.line, ""), w.message) for w in _lint_problems(bank_question, replacing)]


# --- writing ----------------------------------------------------------------------------------

@contextmanager
def bank_lock() -> Iterator[None]:
    """An exclusive lock on the bank folder for one read-check-write (every process and thread
    of every worker, and `bank load`, take the same lock: authoring.locking.folder_lock)."""
    with folder_lock(bank_folder()):
        yield


def _latest(question_id: str) -> QuestionVersion | None:
    return db.session.scalar(select(QuestionVersion).where(QuestionVersion.question_id == question_id)
                             .order_by(QuestionVersion.version.desc()).limit(1))


def _current(question_id: str) -> QuestionVersion | None:
    latest = _latest(question_id)
    return latest if latest is not None and latest.is_current else None


def _read_back(path: Path, shown: str, ids: list[str]) -> LineList:
    try:
        data, problems = read_yaml(path)
    except YamlSyntaxError as exc:
        raise BankWriteError(f"{shown}:{exc.line}: {exc.message}") from None
    data = data if data is not None else LineList()
    if problems or not isinstance(data, LineList):
        raise BankWriteError(f"{shown}: the written file does not read back as a list of questions")
    if [item.get("id") if isinstance(item, LineDict) else None for item in data] != ids:
        raise BankWriteError(f"{shown}: the written file does not hold the expected questions")
    return data


def _write_checked(path: Path, text: str, ids: list[str], question: QuestionSchema | None) -> BankQuestion | None:
    """Write ``text`` to ``path`` atomically, after reading it back through the bank loader:
    the file must hold exactly ``ids``, and the question (if any) must read back as the same
    model. Returns the written question as the loader reads it (with its lines)."""
    folder = bank_folder()
    shown = display_path(path)
    temp = path.with_name(f".authoring-check-{os.getpid()}-{path.name}.tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        temp.write_text(text, encoding="utf-8")
        data = _read_back(temp, shown, ids)
        written = None
        if question is not None:
            index = ids.index(question.id)
            item = data[index]
            model, errors = validate_question(item, {"folder": folder, "cache": {}})
            if model is None or errors or model.model_dump(mode="json") != question.model_dump(mode="json"):
                raise BankWriteError(f"{shown}: question {question.id} does not read back as saved: {errors}")
            written = BankQuestion(model, shown, data.item_lines[index], dict(item.key_lines))
    finally:
        temp.unlink(missing_ok=True)
    yaml_store.write_atomic(path, text)
    return written


def _text_of(path: Path, shown: str) -> tuple[str, LineList]:
    """The text of a bank file and its questions, after the loader's guards ('' for a new file)."""
    if not path.exists():
        return "", LineList()
    try:
        return yaml_store.read_file(path, shown)
    except yaml_store.BankFileError as exc:
        raise DraftInvalid([FieldProblem("", f"{exc.path}:{exc.line}: {exc.message}")]) from None


def _ids(doc: LineList) -> list[str]:
    return [item.get("id") if isinstance(item, LineDict) else None for item in doc]


FILE_CHANGED = ("문제은행 파일에서 이 문항이 사이트 밖에서 고쳐졌는데 아직 불러오지 않았습니다 (flask bank load). "
                "파일의 내용을 덮어쓰지 않도록 저장하지 않았습니다. 불러온 뒤 다시 열어 고쳐 주세요.")


def _unchanged_in_file(item: Any, current: QuestionVersion) -> None:
    """The question in the file is the version the database serves: a hand edit of the file not
    loaded yet is not overwritten (EditConflict)."""
    model, errors = validate_question(item, _context())
    if model is None or errors or content_hash(model.model_dump(mode="json", exclude_none=True)) != \
            current.content_hash:
        raise EditConflict(current, FILE_CHANGED)


_KEPT_KEYS = {"id", "type", "level", "domain", "question", "explanation"}


def _without_defaults(question: dict[str, Any], model: QuestionSchema, old: Any) -> dict[str, Any]:
    """The question without the keys its schema fills in by itself (`scoring`, `reasons`,
    `attributes: {}` of each reference shape, ...) unless the file wrote them: a stored payload
    holds every default, the bank's YAML does not. A key goes only when the question still reads
    as exactly the same model without it."""
    context = _context()
    target = model.model_dump(mode="json")

    def same_without(candidate: dict[str, Any]) -> bool:
        trial, errors = validate_question(dict(candidate), context)
        return not errors and trial is not None and trial.model_dump(mode="json") == target

    written = set(old) if isinstance(old, dict) else set()
    shaped = dict(question)
    for key in [k for k in question if k not in written and k not in _KEPT_KEYS]:
        trial = {k: v for k, v in shaped.items() if k != key}
        if same_without(trial):
            shaped = trial
    for key, value in list(shaped.items()):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            continue
        trimmed = [{k: v for k, v in item.items() if v not in ({}, [])} for item in value]
        if trimmed != value and same_without({**shaped, key: trimmed}):
            shaped[key] = trimmed
    whole = _whole_numbers(shaped)  # [20, 30, 50, 60], as the bank writes coordinates
    return whole if json.dumps(whole) != json.dumps(shaped) and same_without(whole) else shaped


def _whole_numbers(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: _whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(v) for v in value]
    return value


def _put(question: dict[str, Any], model: QuestionSchema, relative: str,
         current: QuestionVersion | None = None) -> tuple[BankQuestion, Callable[[], None]]:
    """Write ``question`` into ``relative`` (in place when it is there, else at the end);
    ``current``: the version the file must still hold there."""
    path = _chosen_file(bank_folder(), relative)
    shown = display_path(path)
    existed = path.exists()
    text, doc = _text_of(path, shown)
    ids = _ids(doc)
    present = model.id in ids
    old = doc[ids.index(model.id)] if present else None
    if old is not None and current is not None:
        _unchanged_in_file(old, current)
    question = _without_defaults(question, model, old)
    strips = bool(type(model).model_config.get("str_strip_whitespace"))

    def edited(shaped: dict[str, Any]) -> str:
        if present:
            return yaml_store.replace_question(text, model.id, shaped, shown, strips, doc=doc)
        return yaml_store.insert_question(text, shaped, shown, strips, doc=doc)

    expected = ids if present else ids + [model.id]
    try:
        written = _write_checked(path, edited(question), expected, model)
    except BankWriteError:
        # A value the shipped style cannot carry exactly: write its texts in double quotes.
        current_app.logger.exception("Question %s: written again with quoted text", model.id)
        written = _write_checked(path, edited(yaml_store.exact(question)), expected, model)
    assert written is not None
    return written, _undo(path, text if existed else None)


def _undo(path: Path, previous: str | None) -> Callable[[], None]:
    """Put the file back as it was (``previous``: its text; None: it did not exist)."""
    existed = previous is not None

    def undo() -> None:
        if existed:
            yaml_store.write_atomic(path, previous)
        else:
            path.unlink(missing_ok=True)
    return undo


def _record(user: Any, action: str, question_id: str, file: str,
            before: QuestionVersion | None, after: QuestionVersion | None) -> QuestionChange:
    change = QuestionChange(question_id=question_id, user_id=getattr(user, "id", None), action=action,
                            file=file, before=before, after=after)
    db.session.add(change)
    return change


def _save(user: Any, question: dict[str, Any], relative: str, action: str,
          before: QuestionVersion | None, replacing: str | None) -> QuestionVersion:
    """Check, write, sync one question (under the lock). Unchanged content writes nothing."""
    model, problems = _validated(question, replacing)
    if problems or model is None:
        raise DraftInvalid(problems)
    if problems := _pool_problems(before if before is not None and before.is_current else None, model):
        raise DraftInvalid(problems)
    payload = model.model_dump(mode="json", exclude_none=True)
    latest = _latest(model.id)
    if before is not None and before.is_current and content_hash(payload) == before.content_hash:
        return before  # nothing changed: no new version, no change recorded
    written, undo = _put(question, model, relative, before if before is not None and before.is_current else None)
    try:
        version, _ = sync_question(bank_folder(), written, latest)
        version.lint = [str(w) for w in _lint_problems(written, model.id)]
        _record(user, action, model.id, relative, before, version)
        db.session.commit()
    except Exception:
        db.session.rollback()
        undo()  # the file and the database stay in step
        raise
    return version


def _file_of(question_id: str, latest: QuestionVersion | None) -> str | None:
    found = locate(question_id, latest.source_path if latest else None)
    return found.file if found else None


def save_question(user: Any, question: dict[str, Any], *, file: str | None = None,
                  base_hash: str | None = None) -> QuestionVersion:
    """Save a new question (base_hash None) or an edit of the current version whose content
    hash is ``base_hash``. Raises DraftInvalid (nothing written) or EditConflict (someone saved
    or retired it meanwhile; nothing written). Returns the current version."""
    shaped = bank_shape(question)
    question_id = shaped.get("id")
    with bank_lock():
        if base_hash is None:
            relative = file or default_file(shaped)
            return _save(user, shaped, relative, CHANGE_CREATE, None, None)
        current = _current(question_id) if isinstance(question_id, str) else None
        if current is None or current.content_hash != base_hash:
            raise EditConflict(current)
        relative = _file_of(current.question_id, current) or file or default_file(shaped)
        return _save(user, shaped, relative, CHANGE_EDIT, current, current.question_id)


def retire_question(user: Any, question_id: str, *, base_hash: str) -> None:
    """Take the question out of its file (the bank then no longer draws it, as `bank load` does
    with a question gone from the bank) and record it. EditConflict if it changed meanwhile."""
    with bank_lock():
        current = _current(question_id)
        if current is None or current.content_hash != base_hash:
            raise EditConflict(current)
        if problems := _pool_problems(current, None):
            raise DraftInvalid(problems)
        relative = _file_of(question_id, current)
        undo: Callable[[], None] = lambda: None  # noqa: E731
        if relative is not None:
            path = _chosen_file(bank_folder(), relative)
            shown = display_path(path)
            text, doc = _text_of(path, shown)
            _unchanged_in_file(doc[_ids(doc).index(question_id)], current)
            new_text = yaml_store.remove_question(text, question_id, shown, doc=doc)
            _write_checked(path, new_text, [i for i in _ids(doc) if i != question_id], None)
            undo = _undo(path, text)
        try:
            db.session.execute(update(QuestionVersion).where(QuestionVersion.question_id == question_id)
                               .values(is_current=False))
            _record(user, CHANGE_RETIRE, question_id, relative or "", current, None)
            db.session.commit()
        except Exception:
            db.session.rollback()
            undo()  # the file and the database stay in step
            raise


def _retired_from(question_id: str) -> str | None:
    """The file a retired question was taken out of."""
    return db.session.scalar(select(QuestionChange.file).where(
        QuestionChange.question_id == question_id, QuestionChange.action == CHANGE_RETIRE,
        QuestionChange.file != "").order_by(QuestionChange.at.desc(), QuestionChange.id.desc()).limit(1))


def restore_version(user: Any, question_id: str, version: int, *, base_hash: str | None) -> QuestionVersion:
    """Make version ``version`` of the question current again (a new version with its content),
    also for a retired question (written back into the file it was in). ``base_hash``: the
    current version's hash as the page showed it (None for a retired question)."""
    with bank_lock():
        old = db.session.scalar(select(QuestionVersion).where(QuestionVersion.question_id == question_id,
                                                              QuestionVersion.version == version))
        if old is None:
            raise DraftInvalid([FieldProblem("", f"문항 '{question_id}'에 {version}판이 없습니다")])
        current = _current(question_id)
        if (current.content_hash if current else None) != base_hash and not (
                current is None and base_hash == (_latest(question_id) or old).content_hash):
            raise EditConflict(current)
        shaped = bank_shape(old.payload)
        relative = (_file_of(question_id, current or old) or _retired_from(question_id)
                    or _relative(bank_folder(), old.source_path) or default_file(shaped))
        return _save(user, shaped, relative, CHANGE_RESTORE, current or _latest(question_id), question_id)


def history(question_id: str) -> list[QuestionChange]:
    """The question's changes, newest first, with who made them and both versions loaded."""
    return list(db.session.scalars(
        select(QuestionChange).where(QuestionChange.question_id == question_id)
        .options(selectinload(QuestionChange.user), selectinload(QuestionChange.before),
                 selectinload(QuestionChange.after))
        .order_by(QuestionChange.at.desc(), QuestionChange.id.desc())))
