"""bank.fingerprint: what a bank load read, so that a restart can skip an unchanged bank."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from exam_prep.bank.fingerprint import fingerprint
from tests.conftest import FIXTURE_BANK


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, copy)
    return copy


def test_the_same_files_give_the_same_fingerprint_wherever_the_folder_is(folder: Path) -> None:
    assert fingerprint(folder) == fingerprint(folder)
    assert fingerprint(folder) == fingerprint(FIXTURE_BANK)  # copytree keeps the modification times


def test_a_yaml_edit_counts_even_with_the_same_size_and_time(folder: Path) -> None:
    before = fingerprint(folder)
    path = folder / "level2" / "basics.yaml"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("answer: 1", "answer: 2", 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert fingerprint(folder) != before


@pytest.mark.parametrize("change", ["touch image", "new file", "removed file", "renamed file", "link"])
def test_any_change_of_the_folders_files_counts(folder: Path, change: str) -> None:
    before = fingerprint(folder)
    image = folder / "media" / "shapes.png"
    if change == "touch image":
        os.utime(image, ns=(image.stat().st_atime_ns, image.stat().st_mtime_ns + 1_000_000))
    elif change == "new file":
        (folder / "level2" / "extra.yaml").write_text("", encoding="utf-8")
    elif change == "removed file":
        (folder / "level1" / "quality.yaml").unlink()
    elif change == "renamed file":
        (folder / "level1" / "quality.yaml").rename(folder / "level1" / "quality2.yaml")
    else:
        (folder / "level2" / "linked.yaml").symlink_to(folder / "level2" / "basics.yaml")
    assert fingerprint(folder) != before
