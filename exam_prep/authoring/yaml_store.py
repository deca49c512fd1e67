"""Writing one question into a bank YAML file, leaving the rest of the file as it was.

A bank file is a list of questions (`- id: ...`). Replacing, adding or removing a question
changes only that question's lines: the file's text is cut at the question's first line and at
the end of its last key, and only the question in between is rendered again (with ruamel.yaml's
round-trip emitter, in the shipped style: block scalars `|` for text of several lines, flow
style for short lists and mappings such as boxes and label sets). Every other byte of the file —
comments, blank lines, other questions, their quoting and flow lists — stays identical.

When a question is replaced, the keys whose value did not change keep their own text (comments
at the end of a line, quoting, flow or block style) through ruamel's round-trip nodes.

The file is read with the bank loader's guards first (size cap, no aliases, nesting depth), so a
file this module cannot trust is refused with its `line: message`, never half-parsed.
Writes are atomic: a temp file in the same folder, fsync, os.replace, fsync of the folder.
"""
from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from ..bank import limits
from ..bank.yaml_lines import LineDict, LineList, YamlSyntaxError, read_yaml
from . import files

FLOW_LIMIT = 90        # a list or mapping whose one-line form is at most this long is written inline
ITEM_FLOW_LIMIT = 240  # ... and a mapping in a list (a box, a planted error with its rule) up to this
BLOCK_LISTS = {"options", "errors"}  # lists written one item per line, as the shipped bank does
LITERAL_KEYS = {"question", "explanation", "guide"}  # always a block scalar `|`, as the shipped bank does
INDENT = "  "
# The order of keys in a question the shipped bank writes; other keys go before the explanation.
KEY_ORDER = ["id", "type", "level", "domain", "difficulty", "task", "question", "image", "images", "text",
             "guide", "labels", "skeleton", "options", "answer", "reference", "reference_from", "submitted",
             "errors", "verdict", "reasons", "explanation", "tags", "source"]


class BankFileError(Exception):
    """A bank file this module cannot edit; ``line`` and ``message`` say where and why (Korean)."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Span:
    """Where one question sits in a file's lines: [start, end), 0-based line numbers."""

    index: int
    start: int
    end: int


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never fold a long line of Korean text
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    return yaml


# --- reading --------------------------------------------------------------------------------

def _tree(data: Any, problems: list[Any], shown: str) -> LineList:
    if problems:
        raise BankFileError(shown, problems[0].line, problems[0].message)
    if data is None:
        return LineList()
    if not isinstance(data, LineList):
        raise BankFileError(shown, getattr(data, "line", 1) or 1, "문항 파일은 문항의 목록(- id: ...)이어야 합니다")
    return data


def read_text(text: str, shown: str = "") -> Any:
    """A YAML text read by the bank loader's own reader (no aliases, bounded depth and size,
    duplicate keys refused); BankFileError with the line otherwise."""
    if len(text.encode("utf-8")) > limits.MAX_FILE_BYTES:
        raise BankFileError(shown, 1, f"파일이 너무 큽니다 (최대 {limits.size_text(limits.MAX_FILE_BYTES)})")
    with tempfile.TemporaryDirectory(prefix="bank-text-") as folder:
        path = Path(folder) / "file.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            data, problems = read_yaml(path)
        except YamlSyntaxError as exc:
            raise BankFileError(shown, exc.line, exc.message) from None
    if problems:
        raise BankFileError(shown, problems[0].line, problems[0].message)
    return data


def parse(text: str, shown: str = "") -> LineList:
    """The questions of a bank file's text, read by the bank loader's own YAML reader, each
    item and key knowing its line."""
    return _tree(read_text(text, shown), [], shown)


def guard(path: Path, shown: str) -> LineList:
    """The file's questions, through the bank loader's own checks (size, aliases, depth, syntax,
    duplicate keys, a list of items); BankFileError with the line otherwise."""
    try:
        data, problems = read_yaml(path)
    except YamlSyntaxError as exc:
        raise BankFileError(shown, exc.line, exc.message) from None
    return _tree(data, problems, shown)


def read_file(path: Path, shown: str) -> tuple[str, LineList]:
    """The text and questions of an existing bank file, after the loader's guards."""
    data = guard(path, shown)
    return path.read_text(encoding="utf-8"), data


def index_of(doc: LineList, question_id: str) -> int | None:
    for index, item in enumerate(doc):
        if isinstance(item, Mapping) and item.get("id") == question_id:
            return index
    return None


def _is_trailer(line: str) -> bool:
    """A blank line or a comment line: between questions, it stays where it is."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def span_of(doc: LineList, lines: list[str], index: int) -> Span:
    """The lines of item ``index`` (0-based): from its `- ` line to its last line of content."""
    start = doc.item_lines[index] - 1
    end = doc.item_lines[index + 1] - 1 if index + 1 < len(doc) else len(lines)
    while end > start + 1 and _is_trailer(lines[end - 1]):
        end -= 1
    return Span(index, start, end)


# --- rendering ------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """A round-trip node as plain Python values (to compare with the question to write)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def same(a: Any, b: Any) -> bool:
    """Equal as the bank reads them: 20 and 20.0 are the same number, true and 1 are not."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) in (int, float) and type(b) in (int, float) and a == b or (
        type(a) is type(b) and a == b) or (isinstance(a, str) and isinstance(b, str) and str(a) == str(b))


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _one_line_length(value: Any) -> int:
    """About how long ``value`` is written in flow style on one line."""
    if isinstance(value, Mapping):
        return 2 + sum(len(str(k)) + 2 + _one_line_length(v) + 2 for k, v in value.items())
    if isinstance(value, list):
        return 2 + sum(_one_line_length(v) + 2 for v in value)
    return len(_scalar_text(value)) + (2 if isinstance(value, str) and ": " in value else 0)


def _flat(value: Any) -> bool:
    """No text of several lines anywhere inside: can be written on one line."""
    if isinstance(value, Mapping):
        return all(_flat(v) for v in value.values())
    if isinstance(value, list):
        return all(_flat(v) for v in value)
    return not (isinstance(value, str) and "\n" in value)


_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]([^#:]|:(?! )|(?<! )#)*$")
_RESERVED = re.compile(r"^(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.eE+\-]*|\.inf|\.nan)$",
                       re.IGNORECASE)


def _text(value: str) -> Any:
    """Text of several lines as a block scalar `|`; one line plain when YAML reads it back as the
    same text, else in double quotes (as the shipped bank writes `source: "..."`)."""
    if "\n" in value:
        return LiteralScalarString(value)  # `|-` when it does not end in a newline
    if not value or value != value.strip() or not _PLAIN_SAFE.match(value) or _RESERVED.match(value):
        return DoubleQuotedScalarString(value)
    return value


def styled(value: Any, key: str = "", in_list: bool = False, strips: bool = True) -> Any:
    """``value`` as round-trip nodes in the shipped bank's style: short lists of scalars and short
    mappings inline (`[18, 9, 371, 304]`, `{label: horse, box: [...]}`); lists of mappings and
    option lists one item per line."""
    if isinstance(value, DoubleQuotedScalarString):
        return value
    if isinstance(value, str) and strips and key in LITERAL_KEYS and value.strip() and value == value.strip():
        return LiteralScalarString(value + "\n")
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, Mapping):
        node = CommentedMap((k, styled(v, str(k), strips=strips)) for k, v in value.items())
        if _flat(value) and _one_line_length(value) <= (ITEM_FLOW_LIMIT if in_list else FLOW_LIMIT):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        node = CommentedSeq(styled(v, in_list=True, strips=strips) for v in value)
        of_scalars = not any(isinstance(v, Mapping) for v in value)
        if key not in BLOCK_LISTS and of_scalars and _flat(value) and _one_line_length(value) <= FLOW_LIMIT:
            node.fa.set_flow_style()
        return node
    return value


def exact(value: Any) -> Any:
    """``value`` with every text in double quotes, which carry any text exactly (the fallback
    when the shipped style would not read back as the same text)."""
    if isinstance(value, str):
        return DoubleQuotedScalarString(value)
    if isinstance(value, Mapping):
        return {k: exact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [exact(v) for v in value]
    return value


def _dump(mapping: CommentedMap) -> list[str]:
    out = io.StringIO()
    _yaml().dump(mapping, out)
    return out.getvalue().splitlines(keepends=True)


def _key_chunks(old: LineDict, lines: list[str], span: Span) -> dict[Any, list[str]] | None:
    """The original lines of each key of a block-style item (its value and the comment lines
    after it), or None when the item is not written one key per line."""
    keys = list(old)
    starts = [old.key_lines[k] - 1 for k in keys]
    if not keys or starts[0] != span.start or any(b <= a for a, b in zip(starts, starts[1:], strict=False)):
        return None
    ends = starts[1:] + [span.end]
    return {k: lines[a:b] for k, a, b in zip(keys, starts, ends, strict=True)}


def ordered(question: Mapping[str, Any], old_keys: list[Any] | None = None) -> dict[str, Any]:
    """The question's keys in the order of the item it replaces (new keys after them), or for a
    new question in the shipped bank's order (KEY_ORDER)."""
    if old_keys is not None:
        keys = [k for k in old_keys if k in question] + [k for k in question if k not in old_keys]
    else:
        rank = {key: n for n, key in enumerate(KEY_ORDER)}
        unknown = rank["explanation"] - 0.5
        keys = sorted(question, key=lambda k: rank.get(k, unknown))
    return {k: question[k] for k in keys}


def _inline(chunk: list[str], key: str) -> bool:
    """Whether the file wrote this key's list or mapping inline (`key: [...]`, `key: {...}`)."""
    return bool(re.match(rf"^(- |\s*){re.escape(key)}:\s*[\[{{]", chunk[0]))


def render(question: Mapping[str, Any], old: Mapping[str, Any] | None = None,
           chunks: dict[Any, list[str]] | None = None, strips: bool = True) -> list[str]:
    """The lines of one list item `- id: ...` (each ending in a newline, no trailing blank or
    comment lines). A key whose value equals the old item's keeps its original lines.
    ``strips``: the question's schema strips the whitespace around texts, so a one-line question
    or explanation may be written as a block `|` (which adds a newline) as the bank does."""
    lines: list[str] = []
    for key, value in ordered(question, list(old) if old is not None else None).items():
        if old is not None and chunks is not None and key in old and same(old[key], value):
            part = list(chunks[key])
            if part[0].startswith("- "):
                part[0] = INDENT + part[0][2:]
        else:
            node = styled(value, key, strips=strips)
            if chunks is not None and key in chunks and _inline(chunks[key], key) and _flat(value) \
                    and hasattr(node, "fa"):
                node.fa.set_flow_style()  # the file wrote this key inline: so does the edit
            part = [(INDENT + line if line.strip() else line) for line in _dump(CommentedMap({key: node}))]
        lines.extend(part)
    lines[0] = "- " + lines[0][len(INDENT):]
    while len(lines) > 1 and _is_trailer(lines[-1]):
        lines.pop()
    if not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


# --- edits on text --------------------------------------------------------------------------

def replace_question(text: str, question_id: str, question: Mapping[str, Any], shown: str = "",
                     strips: bool = True, doc: LineList | None = None) -> str:
    """``text`` with the question ``question_id`` replaced by ``question``, in place (``doc``:
    the text as parse() reads it, when the caller has it already)."""
    doc = parse(text, shown) if doc is None else doc
    index = index_of(doc, question_id)
    if index is None:
        raise KeyError(question_id)
    lines = text.splitlines(keepends=True)
    span = span_of(doc, lines, index)
    new = render(question, doc[index], _key_chunks(doc[index], lines, span), strips)
    if span.end == len(lines) and not lines[-1].endswith("\n"):
        new[-1] = new[-1].rstrip("\n")  # the file ended without a newline; keep it so
    return "".join(lines[:span.start] + new + lines[span.end:])


def insert_question(text: str, question: Mapping[str, Any], shown: str = "", strips: bool = True,
                    doc: LineList | None = None) -> str:
    """``text`` with ``question`` added at the end, after a blank line."""
    doc = parse(text, shown) if doc is None else doc
    if index_of(doc, str(question.get("id"))) is not None:
        raise ValueError(f"question {question.get('id')} is already in the file")
    new = "".join(render(question, strips=strips))
    if not text.strip():
        return text + new
    if not text.endswith("\n"):
        text += "\n"
    if not text.endswith("\n\n"):
        text += "\n"
    return text + new


def remove_question(text: str, question_id: str, shown: str = "", doc: LineList | None = None) -> str:
    """``text`` without the question ``question_id`` (and without one blank line next to it)."""
    doc = parse(text, shown) if doc is None else doc
    index = index_of(doc, question_id)
    if index is None:
        raise KeyError(question_id)
    lines = text.splitlines(keepends=True)
    span = span_of(doc, lines, index)
    start, end = span.start, span.end
    if end < len(lines) and not lines[end].strip():
        end += 1  # the blank line that separated it from what follows
    elif start > 0 and not lines[start - 1].strip():
        start -= 1  # the last question: the blank line before it
    return "".join(lines[:start] + lines[end:])


# --- writing --------------------------------------------------------------------------------

def write_atomic(path: Path, text: str) -> None:
    """Replace a YAML file with ``text`` all at once (see authoring.files.write_atomic)."""
    files.write_atomic(path, text)


_ID_LINE = re.compile(r"^-?\s*id:\s*['\"]?([A-Za-z0-9_.\-]+)['\"]?\s*(?:#.*)?$")


def ids_in_text(text: str) -> dict[str, int]:
    """A quick look for `- id: x` lines (id → 1-based line), without parsing: which file to open.
    The file is parsed before anything is written, so a line that only looks like one is harmless."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("- ") or line.startswith("id:"):
            match = _ID_LINE.match(line)
            if match:
                found.setdefault(match.group(1), number)
    return found


def keep_questions(text: str, keep: set[str], shown: str = "") -> str:
    """``text`` with only the questions whose id is in ``keep`` (each other question's lines
    and one blank line after it dropped; comments between questions stay)."""
    doc = parse(text, shown)
    lines = text.splitlines(keepends=True)
    dropped: set[int] = set()
    for index, item in enumerate(doc):
        if isinstance(item, Mapping) and item.get("id") in keep:
            continue
        span = span_of(doc, lines, index)
        end = span.end + 1 if span.end < len(lines) and not lines[span.end].strip() else span.end
        dropped.update(range(span.start, end))
    return "".join(line for number, line in enumerate(lines) if number not in dropped)



def merge_questions(text: str, incoming: str, shown: str = "") -> str:
    """``text`` (a bank file) with the questions of ``incoming`` (another file's text) merged in:
    a question of the same id is replaced by the incoming one's lines, a new one is added at the
    end, and every other line of ``text`` stays. Both are read with the bank loader's guards."""
    doc, new = parse(text, shown), parse(incoming, shown)
    lines, new_lines = text.splitlines(keepends=True), incoming.splitlines(keepends=True)
    position = {item.get("id"): index for index, item in enumerate(doc) if isinstance(item, Mapping)}
    replaced: dict[int, list[str]] = {}
    added: list[list[str]] = []
    for index, item in enumerate(new):
        span = span_of(new, new_lines, index)
        chunk = new_lines[span.start:span.end]
        if not chunk[0].startswith("- "):  # not one block item per question: written in the bank's style
            chunk = render(item)
        if not chunk[-1].endswith("\n"):
            chunk[-1] += "\n"
        question_id = item.get("id") if isinstance(item, Mapping) else None
        if question_id in position:
            replaced[position[question_id]] = chunk
        else:
            added.append(chunk)
    for index in sorted(replaced, reverse=True):
        span = span_of(doc, lines, index)
        lines[span.start:span.end] = replaced[index]
    merged = "".join(lines)
    for chunk in added:
        if merged.strip():
            merged += ("" if merged.endswith("\n") else "\n") + ("" if merged.endswith("\n\n") else "\n")
        merged += "".join(chunk)
    return merged
