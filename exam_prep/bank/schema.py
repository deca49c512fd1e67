"""The schema of exams.yaml: domains and exam definitions."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PassRule(_Strict):
    """Korean CBT rule by default: 60% overall and no section under 40% (과락)."""

    total: float = Field(default=60, ge=0, le=100)
    section_min: float = Field(default=40, ge=0, le=100)


class Section(_Strict):
    title: str = Field(min_length=1)
    count: int = Field(ge=1, le=200)
    level: Literal[1, 2]
    # The question types of the pool: a list, or a mapping of type to how many to draw of it.
    types: list[str] | dict[str, int] = Field(min_length=1)
    # Filled from `types` when it is a mapping; they must add up to `count`.
    type_counts: dict[str, int] | None = None
    # Optional per-domain counts; they must add up to `count`.
    domains: dict[str, int] | None = None

    @field_validator("types", mode="before")
    @classmethod
    def _one_type_may_be_a_string(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _type_counts_add_up(self) -> Section:
        if isinstance(self.types, dict):
            if self.domains is not None:
                raise ValueError("types: 유형별 문항 수와 영역별 문항 수(domains)는 함께 쓸 수 없습니다")
            if any(n < 0 for n in self.types.values()):
                raise ValueError("types: 유형별 문항 수는 0 이상이어야 합니다")
            total = sum(self.types.values())
            if total != self.count:
                raise ValueError(f"types: 유형별 문항 수의 합({total})이 count({self.count})와 다릅니다")
            self.type_counts = dict(self.types)
            self.types = list(self.types)
        return self

    @model_validator(mode="after")
    def _domain_counts_add_up(self) -> Section:
        if self.domains is not None:
            if any(n < 0 for n in self.domains.values()):
                raise ValueError("domains: 영역별 문항 수는 0 이상이어야 합니다")
            total = sum(self.domains.values())
            if total != self.count:
                raise ValueError(f"domains: 영역별 문항 수의 합({total})이 count({self.count})와 다릅니다")
        return self


class ExamSchema(_Strict):
    id: str = Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_\-]+$")
    title: str = Field(min_length=1)
    level: Literal[1, 2]
    minutes: float = Field(gt=0, le=600)
    description: str = ""
    pass_: PassRule = Field(default_factory=PassRule, alias="pass")
    requires: str | None = None
    shuffle_options: bool = True
    sections: list[Section] = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


class ExamsFile(_Strict):
    domains: dict[str, str] = Field(min_length=1)
    exams: list[ExamSchema] = Field(min_length=1)
