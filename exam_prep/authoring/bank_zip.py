"""The bank moved in and out as a zip, laid out like the bank folder.

Export: the question files (whole, with their comments, when every question in them is chosen;
otherwise the file without the others, cut out by yaml_store so the rest keeps its comments),
exams.yaml, the media files the questions name (images and the COCO / Label Studio exports of
`reference_from`) and media/SOURCES.md. Unzipped, the folder passes `flask bank check <folder>`.

Import: the zip is untrusted. Every entry is checked before anything is unpacked (names inside
the folder, no links, only .yaml/.yml, images, export .json and SOURCES.md, bounded sizes read,
not trusted from the zip's header); the zip is merged into a staging copy of the bank, the whole
staging bank is checked as `bank check` does, and only a clean bank replaces the files (each
atomically, under the bank lock, rolled back if a later step fails) and is loaded into the
database (bank.sync, as `bank load`). Problems come back as `path:line: message`.
"""
from __future__ import annotations

import io
import json
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import select

from ..bank import limits
from ..bank.loader import EXAMS_FILE, Bank, BankError, _question_files, display_path, load_bank
from ..bank.paths import BankPathError, inside_bank, is_regular_file
from ..bank.schema import ExamsFile
from ..bank.sync import sync_bank
from ..bank.yaml_lines import LineDict, LineList, read_yaml
from ..extensions import db
from ..models import CHANGE_IMPORT, QuestionChange, QuestionVersion
from . import yaml_store
from .files import write_atomic
from .service import _relative, bank_folder, bank_lock

SOURCES = "media/SOURCES.md"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}
YAML_SUFFIXES = {".yaml", ".yml"}
MAX_ZIP_BYTES = 64 * 1024 * 1024          # the upload itself
MAX_UNPACKED_BYTES = 256 * 1024 * 1024    # every entry together, as read
MAX_ENTRIES = 5_000
MAX_SOURCES_BYTES = 1024 * 1024
MAX_NAME_LENGTH = 300


class ImportInvalid(Exception):
    """The zip was refused; nothing changed on disk or in the database. ``problems`` are
    `path:line: message` texts (Korean), paths as inside the zip."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the imported zip")
        self.problems = problems


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)      # written into the bank folder
    added: list[str] = field(default_factory=list)      # question ids new to the site
    changed: list[str] = field(default_factory=list)    # question ids with a new version
    retired: int = 0
    unchanged: int = 0


# --- export -----------------------------------------------------------------------------------

def _chosen(item: Any, level: int | None, domain: str | None, types: list[str] | None) -> bool:
    return (isinstance(item, dict) and (level is None or item.get("level") == level)
            and (domain is None or item.get("domain") == domain)
            and (not types or item.get("type") in types))


def _media_of(item: dict[str, Any]) -> list[str]:
    """The files a question names: its image(s) and the export its reference comes from."""
    named = []
    if isinstance(item.get("image"), str):
        named.append(item["image"])
    named += [image for image in item.get("images") or [] if isinstance(image, str)]
    source = item.get("reference_from")
    if isinstance(source, dict):
        named += [source[key] for key in ("coco", "label_studio") if isinstance(source.get(key), str)]
    return named


PART_MARK = "# exam_prep: part of a bank"


class NothingToExport(ValueError):
    """No question matches the export's filters."""


def _part_exams_text(folder: Path, chosen: list[dict[str, Any]]) -> str:
    """exams.yaml of a part of the bank: every domain, and one practice exam per level drawing
    all the chosen questions, so that the exported folder passes bank check on its own. Its
    first line marks it: an import takes only its domains (the bank's exams stay as they are)."""
    raw, _ = read_yaml(folder / EXAMS_FILE)
    domains = dict(ExamsFile.model_validate(raw).domains)
    exams = []
    for level in sorted({q.get("level") for q in chosen}):
        mine = [q for q in chosen if q.get("level") == level]
        exams.append({"id": f"export-level{level}", "title": f"내보낸 문항 ({level}급)", "level": level,
                      "minutes": 60, "sections": [{
                          "title": "내보낸 문항", "count": min(len(mine), 200), "level": level,
                          "types": sorted({str(q.get("type")) for q in mine})}]})
    document = yaml_store.styled({"domains": domains, "exams": exams})
    for node in [document["domains"], *document["exams"], *(e["sections"][0] for e in document["exams"])]:
        node.fa.set_block_style()
    for exam in document["exams"]:
        exam["sections"].fa.set_block_style()
    out = io.StringIO()
    yaml_store._yaml().dump(document, out)
    return (f"{PART_MARK}\n# 문제은행의 일부를 내보낸 파일입니다. 가져오기할 때는 domains만 합쳐지고, 아래의 연습용\n"
            f"# 시험은 이 폴더만으로 bank check를 통과하게 하려고 넣은 것이라 문제은행에 더해지지 않습니다.\n"
            + out.getvalue())


def _question_entries(folder: Path, level: int | None, domain: str | None,
                      types: list[str] | None) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    """The question files holding chosen questions (whole, or cut to them), and those questions."""
    entries: dict[str, bytes] = {}
    chosen: list[dict[str, Any]] = []
    for path in _question_files(folder, []):
        data, _ = read_yaml(path)
        items = [item for item in (data if isinstance(data, LineList) else []) if isinstance(item, LineDict)]
        picked = [item for item in items if _chosen(item, level, domain, types)]
        if not picked:
            continue
        relative = path.relative_to(folder).as_posix()
        chosen += picked
        if len(picked) == len(items):
            entries[relative] = path.read_bytes()
        else:
            keep = {str(item.get("id")) for item in picked}
            entries[relative] = yaml_store.keep_questions(path.read_text(encoding="utf-8"), keep,
                                                          relative).encode("utf-8")
    return entries, chosen


def _media_entries(folder: Path, chosen: list[dict[str, Any]]) -> dict[str, bytes]:
    """The files the chosen questions name, and media/SOURCES.md (what exists inside the bank)."""
    entries: dict[str, bytes] = {}
    named = {relative for item in chosen for relative in _media_of(item)} | {SOURCES}
    for relative in sorted(named):
        try:
            path = inside_bank(folder, relative)
        except BankPathError:
            continue
        if is_regular_file(path):
            entries[path.relative_to(folder.resolve()).as_posix()] = path.read_bytes()
    return entries


def _zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name])
    return out.getvalue()


def export_zip(level: int | None = None, domain: str | None = None, types: list[str] | None = None) -> bytes:
    """A zip of the bank (or the questions of this level, domain and types), laid out like the
    bank folder: question files, exams.yaml, the media they name and media/SOURCES.md. Raises
    NothingToExport when no question matches."""
    folder = bank_folder()
    whole = level is None and domain is None and not types
    entries, chosen = _question_entries(folder, level, domain, types)
    if not chosen and not whole:
        raise NothingToExport("조건에 맞는 문항이 없습니다.")
    if (folder / EXAMS_FILE).is_file():
        exams = (folder / EXAMS_FILE).read_bytes() if whole else _part_exams_text(folder, chosen).encode("utf-8")
        entries[EXAMS_FILE] = exams
    entries.update(_media_entries(folder, chosen))
    return _zipped(entries)


# --- import: reading the zip ------------------------------------------------------------------

def _entry_limit(name: str) -> int | None:
    """How many bytes an entry of this name may hold, or None: not accepted in a bank zip."""
    suffix = PurePosixPath(name).suffix.lower()
    if name == SOURCES:
        return MAX_SOURCES_BYTES
    if suffix in YAML_SUFFIXES:
        return limits.MAX_FILE_BYTES
    if suffix in IMAGE_SUFFIXES:
        return limits.MAX_IMAGE_BYTES
    if suffix == ".json":  # a COCO or Label Studio export named by reference_from
        return limits.MAX_EXPORT_BYTES
    return None


def _safe_name(name: str) -> str | None:
    """The entry's path inside the bank, or None when it could leave the folder."""
    if not name or len(name) > MAX_NAME_LENGTH or "\\" in name or "\x00" in name or ":" in name:
        return None
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("", ".", "..") for part in path.parts):
        return None
    if any(part.startswith(".") for part in path.parts):
        return None  # hidden files: the bank has none, a lock or a temp file must not come in
    return path.as_posix()


def _is_link(info: zipfile.ZipInfo) -> bool:
    """A symlink, or another special file (a zip made on Unix keeps the file type in the high
    bits of external_attr; a plain file may carry only its permissions)."""
    kind = stat.S_IFMT(info.external_attr >> 16)
    return kind != 0 and kind not in (stat.S_IFREG, stat.S_IFDIR)


def _top_folder(names: list[str]) -> str:
    """A zip made by zipping the bank folder itself holds everything under one folder: strip it."""
    if EXAMS_FILE in names or not names:
        return ""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and all("/" in name for name in names):
        top = tops.pop() + "/"
        if f"{top}{EXAMS_FILE}" in names:
            return top
    return ""


def _open(data: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    if len(data) > MAX_ZIP_BYTES:
        raise ImportInvalid([f"zip: 파일이 너무 큽니다 (최대 {limits.size_text(MAX_ZIP_BYTES)})"])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportInvalid(["zip: 올바른 zip 파일이 아닙니다"]) from None
    if len(infos) > MAX_ENTRIES:
        raise ImportInvalid([f"zip: 파일이 너무 많습니다 (최대 {MAX_ENTRIES:,}개)"])
    return archive, [info for info in infos if not info.is_dir()]


def _refusal(info: zipfile.ZipInfo, name: str | None, seen: dict[str, bytes]) -> str | None:
    """Why this entry may not come into the bank (Korean), or None."""
    if name is None:
        return "문제은행 폴더 밖을 가리키거나 쓸 수 없는 이름입니다"
    if _is_link(info):
        return "링크(symlink)는 받을 수 없습니다"
    if _entry_limit(name) is None:
        return ("받을 수 없는 파일입니다 (.yaml, .yml, .png, .jpg, .jpeg, reference_from의 .json, "
                "media/SOURCES.md만 받습니다)")
    if name in seen:
        return "같은 이름의 파일이 두 번 들어 있습니다"
    return None


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | str:
    """The entry's bytes, read up to ``limit`` (the header's size is not trusted), or why not."""
    try:
        with archive.open(info) as handle:
            content = handle.read(limit + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return "압축을 풀 수 없습니다 (손상되었거나 암호가 걸린 파일)"
    if len(content) > limit:
        return f"파일이 너무 큽니다 (최대 {limits.size_text(limit)})"
    return content


_IMAGE_FORMATS = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg"}


def _content_problem(name: str, content: bytes) -> str | None:
    """Why an entry's bytes are not what its name says (Korean), or None. Images are opened by
    Pillow (a PNG or JPEG by content, within the pixel limit), exports parsed as JSON, text
    decoded as UTF-8; YAML is read by the bank check."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _IMAGE_FORMATS:
        from ..media import MediaError, inspect_image

        try:
            facts = inspect_image(content, name)
        except MediaError as exc:
            return str(exc)
        if not facts.name.endswith("." + _IMAGE_FORMATS[suffix]):
            return f"이미지 '{name}'의 내용이 확장자({suffix})와 다릅니다"
        return None
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return "UTF-8로 저장된 파일이 아닙니다"
    if suffix == ".json":
        try:
            json.loads(text)
        except (ValueError, RecursionError):
            return "올바른 JSON 파일이 아닙니다"
    return None


def read_entries(data: bytes) -> dict[str, bytes]:
    """The files of a bank zip (path inside the bank → bytes), every entry checked; raises
    ImportInvalid listing every refused entry."""
    archive, files = _open(data)
    top = _top_folder([info.filename for info in files])
    problems: list[str] = []
    entries: dict[str, bytes] = {}
    total = 0
    for info in files:
        shown = info.filename[:MAX_NAME_LENGTH]
        name = _safe_name(info.filename[len(top):])
        refusal = _refusal(info, name, entries)
        content = _read(archive, info, _entry_limit(name) or 0) if refusal is None and name else refusal
        if isinstance(content, str) or name is None:
            problems.append(f"{shown}:1: {content}")
            continue
        total += len(content)
        if (wrong := _content_problem(name, content)) is not None:
            problems.append(f"{shown}:1: {wrong}")
            continue
        if total > MAX_UNPACKED_BYTES:
            raise ImportInvalid(problems + [f"zip: 압축을 푼 크기가 너무 큽니다 "
                                            f"(최대 {limits.size_text(MAX_UNPACKED_BYTES)})"])
        entries[name] = content
    if problems:
        raise ImportInvalid(problems)
    if not entries:
        raise ImportInvalid(["zip: 문제은행 파일이 들어 있지 않습니다"])
    return entries


# --- import: staging, check, replace ----------------------------------------------------------

def _merged_exams(current: Path, incoming: bytes) -> bytes:
    """exams.yaml after an import: the zip's when the bank has none; else the bank's, with the
    zip's domains added and the zip's exams replacing or joining those of the same id (an import
    never drops an exam the bank has)."""
    if not current.is_file():
        return incoming
    old_text = current.read_text(encoding="utf-8")
    if old_text.encode("utf-8") == incoming:
        return incoming
    yaml = yaml_store._yaml()
    try:
        yaml_store.read_text(incoming.decode("utf-8"))  # the bank's guards before anything else reads it
        doc = yaml.load(old_text)
        new = yaml.load(incoming.decode("utf-8"))
    except Exception:  # noqa: BLE001  (the staged check reports the file's problem with its line)
        return incoming
    if incoming.startswith(PART_MARK.encode("utf-8")):
        new["exams"] = []  # a part's practice exams are not the bank's
    if not (isinstance(doc, dict) and isinstance(new, dict)
            and isinstance(doc.get("domains"), dict) and isinstance(new.get("domains"), dict)
            and isinstance(doc.get("exams"), list) and isinstance(new.get("exams"), list)):
        return incoming
    added = [key for key in new["domains"] if key not in doc["domains"]]
    if not added and not new["exams"]:
        return old_text.encode("utf-8")
    for key in added:
        doc["domains"][key] = new["domains"][key]
    positions = {exam.get("id"): n for n, exam in enumerate(doc["exams"]) if isinstance(exam, dict)}
    for exam in new["exams"]:
        if isinstance(exam, dict) and exam.get("id") in positions:
            doc["exams"][positions[exam.get("id")]] = exam
        else:
            doc["exams"].append(exam)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue().encode("utf-8")


def is_whole_bank(entries: dict[str, bytes]) -> bool:
    """A zip of a whole bank carries its exams.yaml (not a part's): its files replace the bank's.
    Any other zip is merged question by question."""
    exams = entries.get(EXAMS_FILE)
    return exams is not None and not exams.startswith(PART_MARK.encode("utf-8"))


def _question_merge(current: Path, incoming: bytes, name: str) -> bytes:
    """A question file of a part zip merged into the bank's file of the same name by question."""
    if not current.is_file():
        return incoming
    try:
        merged = yaml_store.merge_questions(current.read_text(encoding="utf-8"), incoming.decode("utf-8"), name)
    except yaml_store.BankFileError as exc:
        raise ImportInvalid([f"{name}:{exc.line}: {exc.message}"]) from None
    return merged.encode("utf-8")


def _staged(folder: Path, staging: Path, entries: dict[str, bytes]) -> dict[str, bytes]:
    """Copy the bank into ``staging`` and lay the zip's files over it; returns what will be
    written into the bank. A whole bank's files replace the bank's; a part's question files are
    merged into the bank's by question (other questions stay); exams.yaml is merged."""
    shutil.copytree(folder, staging, symlinks=True, ignore=shutil.ignore_patterns(".*"))
    writes = dict(entries)
    if not is_whole_bank(entries):
        for name in [n for n in writes if n != EXAMS_FILE and PurePosixPath(n).suffix in YAML_SUFFIXES]:
            writes[name] = _question_merge(folder / name, writes[name], name)
    if EXAMS_FILE in writes:
        writes[EXAMS_FILE] = _merged_exams(folder / EXAMS_FILE, writes[EXAMS_FILE])
    for name, content in writes.items():
        target = staging / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise ImportInvalid([f"{name}:1: 문제은행의 같은 이름이 파일이 아니거나 링크라서 바꿀 수 없습니다"])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return {name: content for name, content in writes.items() if not _holds(folder / name, content)}


def _holds(path: Path, content: bytes) -> bool:
    """Whether the bank's file already has exactly this content (then it is not rewritten)."""
    try:
        return path.is_file() and not path.is_symlink() and path.stat().st_size == len(content) \
            and path.read_bytes() == content
    except OSError:
        return False


def _problem_texts(problems: Iterable[Any], staging: Path) -> list[str]:
    texts = []
    for problem in problems:
        path = Path(problem.path)
        try:
            shown = path.resolve().relative_to(staging.resolve()).as_posix()
        except (ValueError, OSError):
            shown = path.name
        texts.append(f"{shown}:{problem.line}: {problem.message}")
    return texts


def _check(staging: Path) -> Bank:
    try:
        return load_bank(staging)
    except BankError as exc:
        raise ImportInvalid(_problem_texts(exc.problems, staging)) from None


def _moved(bank: Bank, staging: Path, folder: Path) -> Bank:
    """The staged bank as read from the bank folder, once the staged files are written there
    (the same bytes: checked once, not twice)."""
    root = staging.resolve()
    for q in bank.questions:
        q.path = display_path(folder / Path(q.path).resolve().relative_to(root))
    bank.folder = folder
    return bank


def _replace_files(folder: Path, writes: dict[str, bytes]) -> dict[str, bytes | None]:
    """Write every file atomically; returns the previous contents (None: new) for a rollback."""
    previous: dict[str, bytes | None] = {}
    try:
        for name, content in sorted(writes.items()):
            path = inside_bank(folder, name)
            previous[name] = path.read_bytes() if path.is_file() else None
            _write_bytes(path, content)
    except Exception:
        _roll_back(folder, previous)
        raise
    return previous


def _write_bytes(path: Path, content: bytes) -> None:
    write_atomic(path, content)


def _roll_back(folder: Path, previous: dict[str, bytes | None]) -> None:
    for name, content in previous.items():
        path = folder / name
        if content is None:
            path.unlink(missing_ok=True)
        else:
            _write_bytes(path, content)


def _current_versions() -> dict[str, tuple[int, QuestionVersion]]:
    return {v.question_id: (v.id, v) for v in db.session.scalars(
        select(QuestionVersion).where(QuestionVersion.is_current))}


def import_zip(user: Any, data: bytes) -> ImportReport:
    """Merge a bank zip into the bank, all or nothing. Raises ImportInvalid (nothing changed)."""
    entries = read_entries(data)
    folder = bank_folder()
    with bank_lock(), tempfile.TemporaryDirectory(prefix="bank-import-") as temp:
        staging = Path(temp) / "bank"
        writes = _staged(folder, staging, entries)
        staged = _check(staging)
        before = _current_versions()
        previous = _replace_files(folder, writes)
        try:
            sync = sync_bank(_moved(staged, staging, folder))
        except Exception as exc:
            db.session.rollback()
            _roll_back(folder, previous)
            if isinstance(exc, BankError):  # an image changed between the check and the load
                raise ImportInvalid(_problem_texts(exc.problems, folder)) from None
            raise
        report = ImportReport(files=sorted(writes), retired=sync.retired, unchanged=sync.unchanged)
        after = _current_versions()
        held = {question_id: name for name, content in previous.items() if content is not None
                and name.endswith(tuple(YAML_SUFFIXES))
                for question_id in yaml_store.ids_in_text(content.decode("utf-8", "replace"))}
        for question_id in sorted(set(before) - set(after)):  # taken out by a file of the zip
            gone = before[question_id][1]
            db.session.add(QuestionChange(question_id=question_id, user_id=getattr(user, "id", None),
                                          action=CHANGE_IMPORT, before=gone, after=None,
                                          file=held.get(question_id) or _relative(folder, gone.source_path) or ""))
        for question_id, (version_id, version) in sorted(after.items()):
            old = before.get(question_id)
            if old is not None and old[0] == version_id:
                continue
            previous_version = old[1] if old is not None else db.session.scalar(
                select(QuestionVersion).where(QuestionVersion.question_id == question_id,
                                              QuestionVersion.version == version.version - 1))
            (report.changed if previous_version is not None else report.added).append(question_id)
            db.session.add(QuestionChange(question_id=question_id, user_id=getattr(user, "id", None),
                                          action=CHANGE_IMPORT, file=_relative(folder, version.source_path) or "",
                                          before=previous_version, after=version))
        db.session.commit()
    return report
