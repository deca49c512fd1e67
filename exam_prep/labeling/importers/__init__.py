"""Reference labels taken from a labeling tool's export (COCO JSON, Label Studio JSON).

Pure functions: the caller reads and parses the JSON file named in the exercise's
``reference_from`` and passes it here with the rest of that mapping (the selector). The result
is the exercise's reference list in the inline format of docs/labeling.md, so the loader can
validate it exactly like a reference written in the YAML. Every problem an instructor can fix
is raised as :class:`ImportProblem` with a Korean message.

Each format (coco.py, label_studio.py) has one reader per kind of reference, listed in its
``READERS`` under the reader's name ("bbox" boxes, "polygon", "keypoints", "spans" of a text,
"ocr" text regions); an exercise's type names the reader it uses. What both formats share is in
common.py, which imports neither.
"""
from __future__ import annotations

from typing import Any

from . import coco, label_studio
from .common import HIDDEN, ImportProblem

__all__ = ["HIDDEN", "READERS", "ImportProblem", "load_reference", "source_facts"]

_FORMATS: dict[str, Any] = {"coco": coco, "label_studio": label_studio}
READERS: tuple[str, ...] = tuple(dict.fromkeys(name for f in _FORMATS.values() for name in f.READERS))


def _format(kind: str) -> Any:
    if kind not in _FORMATS:
        raise ImportProblem(f"알 수 없는 내보내기 형식 '{kind}'입니다 (가능한 형식: {', '.join(_FORMATS)})")
    return _FORMATS[kind]


def load_reference(kind: str, data: object, selector: dict, reader: str,
                   skeleton_names: list[str] | None = None) -> list[dict]:
    """The reference of one exercise, read by the named reader of the export's format.

    ``kind`` is "coco" or "label_studio"; ``data`` the parsed JSON; ``selector`` the YAML
    ``reference_from`` mapping (other keys, such as the file path, are ignored); ``reader`` the
    name of the reader the exercise's type uses (one of READERS); ``skeleton_names`` the
    exercise's ordered point names (the keypoints reader needs them).
    """
    if reader not in READERS:
        raise ImportProblem(f"{reader} 문제의 참조는 내보내기 파일에서 가져올 수 없습니다 "
                            f"(가능한 유형: {', '.join(READERS)})")
    if not isinstance(selector, dict):
        raise ImportProblem("reference_from은 키: 값 묶음이어야 합니다")
    return _format(kind).READERS[reader](data, selector, skeleton_names)


def source_facts(kind: str, data: object, selector: dict) -> dict[str, Any]:
    """What the export says about the selected image or text, so the loader can check that the
    export matches the exercise: {"width", "height"} of the image and/or the task's "text"."""
    return _format(kind).source_facts(data, selector)
