"""How much a question bank may hold. A bank is untrusted input (a colleague's zip, an upload),
so every reader stops at these bounds before doing the work, with a `path:line` problem."""
from __future__ import annotations

MAX_FILE_BYTES = 1024 * 1024  # one YAML file
MAX_EXPORT_BYTES = 10 * 1024 * 1024  # one COCO or Label Studio export read by reference_from
MAX_QUESTIONS = 20_000  # the whole bank
MAX_YAML_DEPTH = 64  # lists and mappings inside each other (a question needs about 6)
MAX_IMAGE_BYTES = 10 * 1024 * 1024  # one image file
MAX_IMAGE_PIXELS = 25_000_000  # width × height, read from the header before any decoding


def size_text(n: int) -> str:
    """A byte count as an instructor reads it: 1 MiB, 500 KiB, 300 바이트."""
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= factor:
            return f"{n / factor:g} {unit}"
    return f"{n} 바이트"
