"""Read a question-bank folder into validated objects, or report every problem in it.

Nothing here touches the database: `flask bank check` runs this alone, and loading into the
database (bank.sync) starts only when this found no problem.

The folder is untrusted: links pointing out of it are problems, links inside it are not followed
(their targets are read once, at their real place), and a bank holds at most
limits.MAX_QUESTIONS questions (see also yaml_lines and paths).
"""
from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import questions
from ..questions.base import QuestionSchema
from . import limits
from .messages import korean_message
from .paths import OUTSIDE_LINK, points_outside
from .schema import ExamSchema, ExamsFile, Section
from .yaml_lines import LineDict, LineList, YamlSyntaxError, line_of, read_yaml

EXAMS_FILE = "exams.yaml"
logger = logging.getLogger(__name__)
# Our validators start a message with the key path it is about ("answer: ...",
# "reference.2.box: ..."), so the problem can point at that key's line.
_KEY_PREFIX = re.compile(r"^([a-z_]+(?:\.[A-Za-z0-9_]+)*): ")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class BankQuestion:
    schema: QuestionSchema
    path: str
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.schema.id

    def payload(self) -> dict[str, Any]:
        return self.schema.model_dump(mode="json", exclude_none=True)


@dataclass
class Bank:
    folder: Path
    domains: dict[str, str]
    exams: list[ExamSchema]
    questions: list[BankQuestion] = field(default_factory=list)

    def counts(self) -> dict[str, Counter]:
        return {
            "level": Counter(q.schema.level for q in self.questions),
            "domain": Counter((q.schema.level, q.schema.domain) for q in self.questions),
            "type": Counter((q.schema.level, q.schema.type) for q in self.questions),
        }


class BankError(Exception):
    """The bank has problems; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the question bank")
        self.problems = sorted(problems)


def error_locations(exc: ValidationError, prefix: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """Each error of a validation as (the bank key path it is about, its Korean message)."""
    found = []
    for error in exc.errors():
        message = korean_message(error)
        loc = prefix + tuple("pass" if p == "pass_" else p for p in error.get("loc", ()))
        match = _KEY_PREFIX.match(message)
        if match and error.get("type") == "value_error":
            loc = loc + tuple(int(p) if p.isdigit() else p for p in match.group(1).split("."))
        found.append((loc, message))
    return found


def _errors_to_problems(exc: ValidationError, raw: Any, path: str, default_line: int,
                        prefix: tuple[Any, ...] = ()) -> list[Problem]:
    return [Problem(path, line_of(raw, loc, default_line), message)
            for loc, message in error_locations(exc, prefix)]


def _unexpected(exc: Exception, shown: str, line: int) -> Problem:
    """Whatever a validator raises beyond ValidationError is still a problem of this file, not a
    crash of `bank check` or of the site's load (the bank is untrusted input)."""
    logger.debug("Unexpected %s while validating %s:%s", type(exc).__name__, shown, line, exc_info=exc)
    return Problem(shown, line, f"값의 형식이 올바르지 않아 검사할 수 없습니다 ({type(exc).__name__}: {exc})")


def display_path(path: Path) -> str:
    """The path as an instructor would type it: relative to the working folder when inside it.
    A link is shown under its own name, not its target's."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)


def _read(path: Path, shown: str, problems: list[Problem]) -> Any:
    try:
        data, yaml_problems = read_yaml(path)
    except YamlSyntaxError as exc:
        problems.append(Problem(shown, exc.line, exc.message))
        return None
    problems.extend(Problem(shown, p.line, p.message) for p in yaml_problems)
    return data


def _load_exams_file(folder: Path, problems: list[Problem]) -> tuple[ExamsFile | None, Any, str]:
    path = folder / EXAMS_FILE
    shown = display_path(path)
    if points_outside(folder, path):
        problems.append(Problem(shown, 1, OUTSIDE_LINK))
        return None, None, shown
    if not path.is_file():
        problems.append(Problem(shown, 1, f"{EXAMS_FILE} 파일이 없습니다 (영역과 시험 정의가 들어갑니다)"))
        return None, None, shown
    before = len(problems)
    raw = _read(path, shown, problems)
    if raw is None:
        if len(problems) == before:  # it parsed, to nothing
            problems.append(Problem(shown, 1, "파일이 비어 있습니다"))
        return None, raw, shown
    if not isinstance(raw, LineDict):
        problems.append(Problem(shown, 1, "domains:와 exams:를 담은 키: 값 묶음이어야 합니다"))
        return None, raw, shown
    try:
        return ExamsFile.model_validate(raw), raw, shown
    except ValidationError as exc:
        problems.extend(_errors_to_problems(exc, raw, shown, 1))
    except Exception as exc:  # noqa: BLE001  (a validator that met a value it did not expect)
        problems.append(_unexpected(exc, shown, 1))
    return None, raw, shown


def validate_question(item: dict[str, Any], context: dict[str, Any]) -> tuple[QuestionSchema | None,
                                                                         list[tuple[tuple[Any, ...], str]]]:
    """One question of a bank file (a mapping) through its type's schema: the model, or the
    problems as (bank key path, Korean message). `bank check` and the instructor's editor both
    check a question here."""
    type_name = item.get("type")
    if not isinstance(type_name, str) or not questions.is_registered(type_name):
        if "type" not in item:
            return None, [((), "필수 키 'type'이 없습니다")]
        return None, [(("type",), f"알 수 없는 문항 유형 '{type_name}'입니다 "
                                  f"(가능한 값: {', '.join(questions.names())})")]
    try:
        return questions.get(type_name).schema.model_validate(item, context=context), []
    except ValidationError as exc:
        return None, error_locations(exc)
    except Exception as exc:  # noqa: BLE001  (a validator that met a value it did not expect)
        logger.debug("Unexpected %s while validating %s", type(exc).__name__, item.get("id"), exc_info=exc)
        return None, [((), f"값의 형식이 올바르지 않아 검사할 수 없습니다 ({type(exc).__name__}: {exc})")]


def _load_question_file(path: Path, shown: str, problems: list[Problem],
                        context: dict[str, Any], room: int) -> tuple[list[BankQuestion], int]:
    """The file's questions, and how many items it held (at most ``room`` are read)."""
    raw = _read(path, shown, problems)
    if raw is None:
        return [], 0  # an empty file holds no questions
    if not isinstance(raw, LineList):
        problems.append(Problem(shown, getattr(raw, "line", 1) or 1,
                                "문항 파일은 문항의 목록(- id: ...)이어야 합니다"))
        return [], 0
    if len(raw) > room:
        problems.append(Problem(shown, raw.item_lines[room],
                                f"문항이 너무 많습니다 (문제은행 전체에서 최대 {limits.MAX_QUESTIONS:,}개)"))
    loaded = []
    for index, item in enumerate(raw[:room]):
        line = raw.item_lines[index]
        if not isinstance(item, LineDict):
            problems.append(Problem(shown, line, "문항은 키: 값 묶음이어야 합니다 (id, type, question, ...)"))
            continue
        model, errors = validate_question(item, context)
        problems.extend(Problem(shown, line_of(item, loc, line), message) for loc, message in errors)
        if model is not None:
            loaded.append(BankQuestion(model, shown, line, dict(item.key_lines)))
    return loaded, len(raw)


def _question_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """Every YAML file under ``folder`` except exams.yaml, walking real folders only. A link
    pointing outside the folder (to a file or a folder) is a problem; a link inside it is skipped,
    since its target is read at its own place (and would otherwise be read twice)."""
    found: list[Path] = []
    for here, dirnames, filenames in os.walk(folder):  # does not descend into linked folders
        for name in sorted(dirnames + filenames):
            path = Path(here) / name
            if path.parent == folder and name == EXAMS_FILE:
                continue  # read by _load_exams_file, links included
            if path.is_symlink():
                if points_outside(folder, path):
                    problems.append(Problem(display_path(path), 1, OUTSIDE_LINK))
                continue
            if name in filenames and path.suffix in (".yaml", ".yml"):
                found.append(path)
    return sorted(p for p in found if p.suffix == ".yaml") + sorted(p for p in found if p.suffix == ".yml")


@dataclass
class _ExamsCheck:
    """The checks of exams.yaml against itself and the loaded questions; each problem points at
    the line of the key it is about."""
    raw: Any
    shown: str
    domains: dict[str, str]
    pool_sizes: Counter
    problems: list[Problem]

    def report(self, key_path: tuple[Any, ...], message: str) -> None:
        self.problems.append(Problem(self.shown, line_of(self.raw, key_path, 1), message))

    def available(self, level: int, types: Collection[str], domain: str | None = None) -> int:
        """How many questions of this level and these types (and domain, if given) there are."""
        return sum(n for (lvl, typ, dom), n in self.pool_sizes.items()
                   if lvl == level and typ in types and (domain is None or dom == domain))

    def requirement(self, exam: ExamSchema, where: tuple[Any, ...], ids: list[str]) -> None:
        """The exam it requires is another defined exam."""
        if exam.requires is None:
            return
        if exam.requires not in ids:
            self.report(where + ("requires",), f"requires: 시험 '{exam.requires}'가 정의되어 있지 않습니다")
        elif exam.requires == exam.id:
            self.report(where + ("requires",), "requires: 시험이 자기 자신을 요구할 수 없습니다")

    def section_names(self, section: Section, where: tuple[Any, ...]) -> None:
        """The section names only registered question types and domains listed in exams.yaml."""
        for k, type_name in enumerate(section.types):
            if not questions.is_registered(type_name):
                key = type_name if section.type_counts else k
                self.report(where + ("types", key), f"알 수 없는 문항 유형 '{type_name}'입니다")
        for key in section.domains or {}:
            if key not in self.domains:
                self.report(where + ("domains", key), f"domains: 영역 '{key}'가 domains 목록에 없습니다")

    def section_pool(self, section: Section, where: tuple[Any, ...]) -> None:
        """The bank holds enough questions for every draw of the section: per domain, per type,
        or for its count as a whole."""
        if section.domains:
            for key, count in section.domains.items():
                have = self.available(section.level, section.types, key)
                if key in self.domains and have < count:
                    self.report(where + ("domains", key),
                                f"영역 '{key}'에서 {count}문항을 뽑아야 하는데 문항이 {have}개뿐입니다")
        elif section.type_counts:
            for type_name, count in section.type_counts.items():
                have = self.available(section.level, [type_name])
                if questions.is_registered(type_name) and have < count:
                    self.report(where + ("types", type_name),
                                f"유형 '{type_name}'에서 {count}문항을 뽑아야 하는데 문항이 {have}개뿐입니다")
        elif (have := self.available(section.level, section.types)) < section.count:
            self.report(where + ("count",), f"{section.count}문항을 뽑아야 하는데 조건에 맞는 문항이 "
                                            f"{have}개뿐입니다")

    def requirement_cycles(self, exams: list[ExamSchema]) -> None:
        """A cycle of requirements would lock every exam in it forever."""
        requires = {e.id: e.requires for e in exams}
        for i, exam in enumerate(exams):
            chain, current = {exam.id}, exam.requires
            while current in requires:
                if current in chain:
                    self.report(("exams", i, "requires"), "requires: 시험 요구 관계가 순환합니다")
                    break
                chain.add(current)
                current = requires[current]


def _check_exams(exams_file: ExamsFile, raw: Any, shown: str, bank_questions: list[BankQuestion],
                 problems: list[Problem]) -> None:
    pool_sizes = Counter((q.schema.level, q.schema.type, q.schema.domain) for q in bank_questions)
    check = _ExamsCheck(raw, shown, exams_file.domains, pool_sizes, problems)
    ids = [e.id for e in exams_file.exams]
    seen: set[str] = set()
    for i, exam in enumerate(exams_file.exams):
        where = ("exams", i)
        if exam.id in seen:
            check.report(where + ("id",), f"시험 id '{exam.id}'가 두 번 나옵니다")
        seen.add(exam.id)
        check.requirement(exam, where, ids)
        for j, section in enumerate(exam.sections):
            check.section_names(section, where + ("sections", j))
            check.section_pool(section, where + ("sections", j))
    check.requirement_cycles(exams_file.exams)


def load_bank(folder: str | Path) -> Bank:
    """Read and validate a whole bank folder. Raises BankError listing every problem."""
    given = Path(folder)
    problems: list[Problem] = []
    if not given.is_dir():
        raise BankError([Problem(display_path(given), 1, "문제은행 폴더가 없습니다")])
    folder = given.resolve()
    exams_file, exams_raw, exams_shown = _load_exams_file(folder, problems)

    bank_questions: list[BankQuestion] = []
    # Validators of labeling exercises read images and exports relative to the bank folder.
    context: dict[str, Any] = {"folder": folder, "cache": {}}
    room = limits.MAX_QUESTIONS
    for path in _question_files(folder, problems):
        loaded, held = _load_question_file(path, display_path(path), problems, context, room)
        bank_questions.extend(loaded)
        if held > room:
            break  # over the limit: reported, the rest is not read
        room -= held

    first_seen: dict[str, BankQuestion] = {}
    for q in bank_questions:
        if q.id in first_seen:
            other = first_seen[q.id]
            problems.append(Problem(q.path, q.line, f"문항 id '{q.id}'가 이미 {other.path}:{other.line}에 있습니다"))
        else:
            first_seen[q.id] = q

    if exams_file is not None:
        for q in bank_questions:
            if q.schema.domain not in exams_file.domains:
                problems.append(Problem(q.path, q.key_lines.get("domain", q.line),
                                        f"domain: 영역 '{q.schema.domain}'가 {EXAMS_FILE}의 domains에 없습니다"))
        _check_exams(exams_file, exams_raw, exams_shown, list(first_seen.values()), problems)

    if problems or exams_file is None:
        raise BankError(problems)
    return Bank(folder=given, domains=dict(exams_file.domains), exams=list(exams_file.exams),
                questions=bank_questions)
