"""Writing a bank file all at once: the one way authoring writes YAML, images and SOURCES.md."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

# A temp file's name: hidden, and not .yaml or an image, so a bank load running meanwhile never reads it.
TEMP_PREFIX, TEMP_SUFFIX = ".authoring-", ".tmp"


def write_atomic(path: Path, content: str | bytes) -> None:
    """Replace ``path`` with ``content`` (text is written as UTF-8, line ends as given): a temp
    file in the same folder, fsync, os.replace, fsync of the folder. A reader sees the old file or
    the new one, never half of one; a crash leaves no partial file. The file keeps its mode."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """fsync a folder, so a rename in it survives a crash."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
