"""The library: unreadable files, read-only caches, and the ids it gives."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from helpers import SEEDS
from unionreader.library import Library
from unionreader.model import Problem


def _copy_seeds(folder: Path) -> Path:
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


def test_an_unreadable_file_is_named_and_the_rest_still_open(tmp_path: Path, monkeypatch) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    locked = pages / "003_5fc5965adb6df3e5.txt"
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == locked:  # chmod cannot lock a file away from root, so refuse it here
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    library = Library.open([pages])
    assert len(library.articles) == 11  # 18 less the seven items of the locked page
    assert library.problems == [Problem("permission", str(locked))]
    assert str(library.problems[0]) == f"{locked}: permission denied, skipped"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_read_only_cache_only_costs_speed(tmp_path: Path, monkeypatch) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    library = Library.open([pages])
    assert len(library.articles) == 18 and library.problems == []
