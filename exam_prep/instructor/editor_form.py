"""The question editor's form: what the editor page posts becomes the bank's question dict (the
common keys here, the type's own keys through its ``from_editor``), and the problems the bank's
check finds go back to the fields they concern.

Field names are the bank's key paths joined by dots ("question", "options.2", "reference.0.box"),
so a problem at a key path is shown at the field of that key, or of the key it lies under.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..questions import registry

# Every key the common part of the editor posts, in the order the bank writes them.
COMMON_FIELDS = ("id", "level", "domain", "difficulty", "question", "explanation", "tags", "source")
TOP = ""  # the problems shown above the form: no field of the page shows them


def text(form: Mapping[str, Any], name: str) -> str:
    """A text field as posted, with the browser's CRLF line ends made LF and the ends trimmed."""
    return str(form.get(name, "") or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def number_or_text(value: str) -> int | str:
    """A number field's value: an int when it is one, else the text, for the bank's check to refuse."""
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 6 else value


def split_tags(value: str) -> list[str]:
    return [tag.strip() for tag in value.replace("\n", ",").split(",") if tag.strip()]


def draft_from_form(form: Mapping[str, Any], type_name: str, question_id: str | None = None) -> dict[str, Any]:
    """The question the editor posted, as the bank's dict (unchecked). ``question_id``: the id
    of the question being edited (the form's id field is then not read)."""
    draft: dict[str, Any] = {
        "id": question_id if question_id is not None else text(form, "id"),
        "type": type_name,
        "level": number_or_text(text(form, "level")),
        "domain": text(form, "domain"),
    }
    if difficulty := text(form, "difficulty"):
        draft["difficulty"] = number_or_text(difficulty)
    draft["question"] = text(form, "question")
    draft.update(registry.get(type_name).from_editor(form))
    draft["explanation"] = text(form, "explanation")
    if tags := split_tags(text(form, "tags")):
        draft["tags"] = tags
    if source := text(form, "source"):
        draft["source"] = source
    return draft


def problems_by_field(problems: Iterable[Any], type_name: str) -> dict[str, list[str]]:
    """Problems (each with ``field``: a dotted key path, and ``message``) keyed by the field that
    shows them: its own path when its first key is one the editor has a field for (the common
    keys and the type's schema keys), else TOP."""
    keys = set(COMMON_FIELDS) | set(registry.get(type_name).schema.model_fields)
    shown: dict[str, list[str]] = {}
    for problem in problems:
        path = str(problem.field or "")
        where = path if path.split(".")[0] in keys else TOP
        message = problem.message
        if where != TOP:  # next to its field, "answer: 정답 번호는 ..." needs no key in front
            message = message.removeprefix(f"{path}: ")
        shown.setdefault(where, []).append(message)
    return shown


def messages_at(problems: Mapping[str, list[str]], name: str) -> list[str]:
    """The messages a field shows: those at its key path or under it ("options" shows "options.2")."""
    return [m for path, messages in problems.items() if path == name or path.startswith(f"{name}.")
            for m in messages]
