"""One writer at a time in a bank folder: an exclusive fcntl.flock on the folder itself (no lock
file to leave behind), held by every process and thread that changes the bank's files and the
database's versions together (an instructor's save, a zip import, `bank load`)."""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
