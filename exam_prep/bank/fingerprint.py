"""What a bank load read, as one hash: the site's start skips reading a bank folder whose
fingerprint is the last load's (bank.sync.load_folder, setup).

The hash covers every file under the folder by its path: the YAML files the loader parses by
their content, the other files (images and exports, possibly large) by size and modification
time, links by their target. It also covers the application's own code, since the checks and
the stored form of a question come from it: an upgraded site reads its bank again.
"""
from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
PARSED = (".yaml", ".yml")


def fingerprint(folder: Path) -> str:
    root = Path(folder).resolve()
    digest = hashlib.sha256(_code())
    for here, dirnames, filenames in os.walk(root):  # does not descend into linked folders
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            path = Path(here) / name
            digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
            digest.update(_file_part(path, name in filenames))
    return digest.hexdigest()


def _file_part(path: Path, is_file: bool) -> bytes:
    try:
        if path.is_symlink():
            target = path.stat()  # the target's, followed
            return f"-> {os.readlink(path)} {target.st_size} {target.st_mtime_ns}".encode()
        if not is_file:
            return b"folder"
        if path.suffix in PARSED:
            return hashlib.sha256(path.read_bytes()).digest()
        stat = path.stat()
        return f"{stat.st_size} {stat.st_mtime_ns}".encode()
    except OSError as exc:  # a dangling link, a file gone meanwhile: part of what was seen
        return f"unreadable {type(exc).__name__}".encode()


@cache
def _code() -> bytes:
    """A hash of the application's Python files (read once: a process's code does not change)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.digest()
