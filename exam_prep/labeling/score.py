"""What every scorer returns. Below the question types: the types and the shared scoring
helpers import it, it imports neither."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Score:
    """What a scorer returns: points out of max_points, and detail for the review page."""

    points: float
    max_points: float = 1.0
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        return self.points >= self.max_points
