"""Pydantic's validation errors, told in Korean for the instructors who write the bank."""
from __future__ import annotations

from typing import Any

_BY_TYPE = {
    "missing": "필수 키 '{field}'가 없습니다",
    "extra_forbidden": "알 수 없는 키 '{field}'입니다 (철자를 확인하세요)",
    "int_type": "'{field}'는 정수여야 합니다",
    "int_parsing": "'{field}'는 정수여야 합니다",
    "int_from_float": "'{field}'는 정수여야 합니다",
    "float_type": "'{field}'는 숫자여야 합니다",
    "float_parsing": "'{field}'는 숫자여야 합니다",
    "bool_type": "'{field}'는 true 또는 false여야 합니다",
    "bool_parsing": "'{field}'는 true 또는 false여야 합니다",
    "string_type": "'{field}'는 글(문자열)이어야 합니다",
    "list_type": "'{field}'는 목록(- 항목)이어야 합니다",
    "dict_type": "'{field}'는 키: 값 묶음이어야 합니다",
    "model_type": "'{field}'는 키: 값 묶음이어야 합니다",
    "model_attributes_type": "'{field}'는 키: 값 묶음이어야 합니다",
    "literal_error": "'{field}'의 값이 올바르지 않습니다 (가능한 값: {expected})",
    "string_too_short": "'{field}'가 비어 있습니다",
    "string_pattern_mismatch": "'{field}'에는 영문, 숫자, -, _, . 만 쓸 수 있습니다",
    "too_short": "'{field}'의 항목 수가 너무 적습니다 (최소 {min_length}개)",
    "too_long": "'{field}'의 항목 수가 너무 많습니다 (최대 {max_length}개)",
    "greater_than": "'{field}'는 {gt}보다 커야 합니다",
    "greater_than_equal": "'{field}'는 {ge} 이상이어야 합니다",
    "less_than": "'{field}'는 {lt}보다 작아야 합니다",
    "less_than_equal": "'{field}'는 {le} 이하여야 합니다",
}


def field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if not isinstance(p, int)]
    name = parts[-1] if parts else "값"
    return "pass" if name == "pass_" else name


def korean_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    loc = tuple(error.get("loc", ()))
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        # Our own validators already speak Korean; pydantic prefixes "Value error, ".
        message = str(error.get("msg", ""))
        return message.removeprefix("Value error, ")
    template = _BY_TYPE.get(kind)
    if template is None:
        return f"'{field_name(loc)}': {error.get('msg', '올바르지 않은 값입니다')}"
    ctx = {k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in ctx.items()}
    try:
        return template.format(field=field_name(loc), **ctx)
    except (KeyError, IndexError):
        return template.split(" (")[0].format(field=field_name(loc))
