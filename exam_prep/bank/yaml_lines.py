"""YAML reading that remembers where things are.

The bank is written by hand, so every problem must point at a file and a line. This loader is
PyYAML's SafeLoader (no arbitrary tags, no object construction) whose mappings and sequences
remember the line of each key and item. Duplicate keys, which PyYAML would silently merge, are
reported instead.

The bank is untrusted, so the loader refuses before building anything: files over
limits.MAX_FILE_BYTES, anchors and aliases (`&a`, `*a`: a 1 KB "billion laughs" expands to
gigabytes), nesting deeper than limits.MAX_YAML_DEPTH, and values it cannot construct (an
impossible date, an integer of thousands of digits) are problems with their line.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import limits
from .paths import TooLarge, read_limited

ALIAS_REFUSED = "YAML 별칭(&, *)은 쓸 수 없습니다"

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


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _LineLoader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.problems: list[YamlProblem] = []
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        # Runs on the parser's events, before any node is shared or any object is built.
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise YamlSyntaxError(line, ALIAS_REFUSED)
        if self.depth >= limits.MAX_YAML_DEPTH:
            raise YamlSyntaxError(line, f"YAML이 너무 깊게 겹쳐 있습니다 (최대 {limits.MAX_YAML_DEPTH}단계)")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, YamlSyntaxError):
            raise
        except Exception:  # noqa: BLE001  int("1" * 5000), date(2024, 13, 45), a bad !!timestamp ...
            raise YamlSyntaxError(node.start_mark.line + 1,
                                  "값을 읽을 수 없습니다 (날짜, 아주 큰 수, !!로 시작하는 태그를 확인하세요)") from None


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


def read_yaml(path: Path) -> tuple[Any, list[YamlProblem]]:
    """Parse one file. Raises YamlSyntaxError with the line of a syntax error."""
    try:
        text = read_limited(path, limits.MAX_FILE_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise YamlSyntaxError(1, "UTF-8로 저장된 파일이 아닙니다") from None
    except TooLarge as exc:
        raise YamlSyntaxError(1, str(exc)) from None
    except OSError:
        raise YamlSyntaxError(1, "파일을 읽을 수 없습니다") from None
    loader = None
    try:
        loader = _LineLoader(text)  # the reader checks every character here
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = exc.problem or str(exc)
        raise YamlSyntaxError(line, f"YAML 문법 오류: {reason}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (no mark, a position)
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
        raise YamlSyntaxError(line, f"YAML에 쓸 수 없는 문자가 있습니다 (U+{code:04X})") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, f"YAML 문법 오류: {exc}") from None
    finally:
        if loader is not None:
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
