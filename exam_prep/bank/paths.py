"""The one rule for every file a bank names (images, exports, the YAML files themselves): it must
lie inside the bank folder once every link is followed, and is read only up to a size limit."""
from __future__ import annotations

from pathlib import Path

from .limits import size_text

OUTSIDE_LINK = "문제은행 폴더 밖을 가리키는 링크입니다"


class BankPathError(ValueError):
    """A path the bank names is unusable; the message is the Korean reason."""


def inside_bank(folder: Path, relative: str, what: str = "파일") -> Path:
    """The real path of ``relative`` under ``folder`` (links followed); raises BankPathError when
    it is absolute, empty, or ends up outside the folder by ``..`` or a link."""
    root = Path(folder).resolve()
    refusal = BankPathError(f"{what} '{relative}'는 문제은행 폴더 안에 있어야 합니다")
    if not isinstance(relative, str) or not relative.strip() or "\x00" in relative or Path(relative).is_absolute():
        raise refusal
    try:
        path = (root / relative).resolve()
    except (OSError, RuntimeError):  # a loop of links, a name too long
        raise refusal from None
    if path == root or not path.is_relative_to(root):
        raise refusal
    return path


def points_outside(folder: Path, path: Path) -> bool:
    """Whether ``path`` (inside ``folder``) is a link whose target lies outside the folder."""
    if not path.is_symlink():
        return False
    root = Path(folder).resolve()
    try:
        return not path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return True


class TooLarge(ValueError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"파일이 너무 큽니다 (최대 {size_text(limit)})")
        self.limit = limit


def is_regular_file(path: Path) -> bool:
    """Whether ``path`` is a regular file (not a folder, device or pipe, which could block a
    read); False rather than an error for names the system refuses (too long, say)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, refusing more than ``limit`` (read, not trusted from stat)."""
    if not is_regular_file(path):
        raise FileNotFoundError(path)
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(limit)
    return data
