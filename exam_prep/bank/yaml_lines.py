"""YAML reading that remembers where things are.

The bank is written by hand, so every problem must point at a file and a line. This loader is
PyYAML's SafeLoader (no arbitrary tags, no object construction) whose mappings and sequences
remember the line of each key and item. Duplicate keys, which PyYAML would silently merge, are
reported instead.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class LineDict(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines: dict[Any, int] = {}


class LineList(list):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item_lines: list[int] = []


@dataclass(frozen=True)
class YamlProblem:
    line: int
    message: str


class _LineLoader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.problems: list[YamlProblem] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            loader.problems.append(YamlProblem(line, "키로 쓸 수 없는 값입니다"))
            continue
        if key in mapping:
            loader.problems.append(
                YamlProblem(line, f"키 '{key}'가 두 번 나옵니다 (처음은 {mapping.key_lines[key]}행)")
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    seq = LineList()
    seq.line = node.start_mark.line + 1
    for child in node.value:
        seq.append(loader.construct_object(child, deep=True))
        seq.item_lines.append(child.start_mark.line + 1)
    return seq


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_yaml(path: Path) -> tuple[Any, list[YamlProblem]]:
    """Parse one file. Raises YamlSyntaxError with the line of a syntax error."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise YamlSyntaxError(1, "UTF-8로 저장된 파일이 아닙니다") from None
    loader = _LineLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = exc.problem or str(exc)
        raise YamlSyntaxError(line, f"YAML 문법 오류: {reason}") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, f"YAML 문법 오류: {exc}") from None
    finally:
        loader.dispose()
    return data, loader.problems


def line_of(data: Any, loc: tuple[Any, ...], default: int) -> int:
    """The line of the deepest part of ``loc`` that exists in ``data``."""
    line = getattr(data, "line", 0) or default
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line
