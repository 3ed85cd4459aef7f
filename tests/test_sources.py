"""Finding files in folders and decoding them: order, hidden files, links, bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import SEEDS
from unionreader.corpus.sources import SourceError, decode, find_files, normalise


def _names(files) -> list[str]:
    return [f.path.name for f in files]


def test_folders_are_walked_in_natural_order_for_txt_and_md(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("page10.txt", "page2.txt", "notes.md", "image.png", "b/inner.txt"):
        (tmp_path / name).write_text("标题\n", encoding="utf-8")
    files, problems = find_files([tmp_path])
    assert _names(files) == ["inner.txt", "notes.md", "page2.txt", "page10.txt"]
    assert problems == []


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("x", encoding="utf-8")
    (tmp_path / "page.txt").write_text("x", encoding="utf-8")
    files, _ = find_files([tmp_path])
    assert _names(files) == ["page.txt"]


def test_symlink_loops_are_followed_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    os.symlink(tmp_path / "a", tmp_path / "again")
    files, _ = find_files([tmp_path])
    assert _names(files) == ["page.txt"]


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no-such"):
        find_files([tmp_path / "no-such"])


def test_a_named_file_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    page = tmp_path / "page.text"
    page.write_text("x", encoding="utf-8")
    files, _ = find_files([page, page])
    assert _names(files) == ["page.text"]


def test_binary_data_is_refused_with_a_reason() -> None:
    with pytest.raises(SourceError, match=r"image\.png: binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "image.png")


def test_every_encoding_of_a_seed_decodes_to_the_same_text() -> None:
    text = (SEEDS / "003_5fc5965adb6df3e5.txt").read_text(encoding="utf-8")
    for data, encoding in (
        (text.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"),
        (text.encode("utf-16"), "utf-16"),
        (text.encode("utf-16-le"), "utf-16"),  # no byte-order mark
        (text.replace("\n", "\r\n").encode("gbk"), "gb18030"),
    ):
        decoded = decode(data)
        assert decoded.text == text
        assert decoded.encoding == encoding


def test_big5_is_told_from_gbk() -> None:
    traditional = "香港職工會聯合會今日舉行記者會，公佈最新的職業安全調查結果。" * 5
    assert decode(traditional.encode("big5")).encoding == "big5"
    simplified = "北京市总工会今日举行记者会，公布最新的职业安全调查结果。" * 5
    assert decode(simplified.encode("gbk")).encoding == "gb18030"


def test_normalise_line_ends_nfc_and_control_characters() -> None:
    assert normalise("a\r\nb\rc\n") == "a\nb\nc\n"
    assert normalise("e\u0301") == "\u00e9"
    assert normalise("标\x1b[1;31m题\x1b[0m\x07\x00\t正文") == "标题\t正文"
    assert normalise("\x1b]0;title\x07正文") == "正文"
