"""The library: cache reuse, damaged caches, unreadable files, and the ids it gives."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from helpers import SEEDS
from unionreader.library import Library
from unionreader.store.cache import cache_root


def _copy_seeds(folder: Path) -> Path:
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


def test_a_damaged_analysis_cache_is_rebuilt_quietly(tmp_path: Path, capsys) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    first = Library.open([pages])
    entries = list(cache_root().rglob("*.bin"))
    assert entries
    for entry in entries:  # truncated, garbage, empty: all must be treated as missing
        entry.write_bytes(b"\x00garbage" if entry.stat().st_size % 2 else b"")
    again = Library.open([pages])
    assert [a.to_json() for a in again.articles] == [a.to_json() for a in first.articles]
    assert again.problems == []
    assert "Traceback" not in capsys.readouterr().err


def test_a_warm_open_parses_and_analyses_nothing(tmp_path: Path) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    Library.open([pages])
    assert Library.open([pages], cached_only=True) is not None
    (pages / "extra.txt").write_text("新标题\n\n本报讯（记者 王五）新的内容。\n", encoding="utf-8")
    assert Library.open([pages], cached_only=True) is None  # a file the cache has not seen


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
    assert library.problems == [f"{locked}: permission denied, skipped"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_read_only_cache_only_costs_speed(tmp_path: Path, monkeypatch) -> None:
    pages = _copy_seeds(tmp_path / "pages")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    library = Library.open([pages])
    assert len(library.articles) == 18 and library.problems == []
