"""`unionreader bookmarks` end to end: a real store in the temp data directory, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from platformdirs import user_data_dir

from unionreader.cli import main
from unionreader.store import sqlite_file
from unionreader.store.state import Store

TUI = str(Path(__file__).resolve().parents[1] / "tui")


@dataclass(frozen=True)
class FakeArticle:
    id: str
    title: str
    source: str


class FakeLibrary:
    """Stands in for unionreader.library.Library: articles keyed by id, from real files."""

    articles: dict[str, FakeArticle] = {}  # noqa: RUF012 - set per test
    opened_with: list[Any] = []  # noqa: RUF012

    @classmethod
    def open(cls, paths: Any = None, **kwargs: Any) -> FakeLibrary:
        cls.opened_with.append(paths)
        return cls()

    def get(self, article_id: str) -> FakeArticle | None:
        return self.articles.get(article_id)


@pytest.fixture
def papers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Two page files on disk and a library over them."""
    files = {name: tmp_path / "papers" / f"{name}.txt" for name in ("p1", "p2")}
    for path in files.values():
        path.parent.mkdir(exist_ok=True)
        path.write_text("版面\n", encoding="utf-8")
    module = types.ModuleType("unionreader.library")
    module.Library = FakeLibrary  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "unionreader.library", module)
    monkeypatch.setattr(
        FakeLibrary,
        "articles",
        {
            "a1b2c3": FakeArticle("a1b2c3", "密云区总工会慰问一线职工", str(files["p1"])),
            "d4e5f6": FakeArticle("d4e5f6", "北京1000余人次参加*技能*比赛", str(files["p2"])),
        },
    )
    monkeypatch.setattr(FakeLibrary, "opened_with", [])
    return files


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    code, out, _ = run(capsys, "bookmarks", "list", "--json")
    assert code == 0
    return json.loads(out)


def test_add_list_remove(papers, capsys) -> None:
    assert listed(capsys) == []
    code, out, err = run(capsys, "bookmarks", "add", "a1b2c3", "--note", "工会的数字")
    assert (code, err) == (0, "")
    assert "a1b2c3" in out and "密云区总工会" in out
    run(capsys, "bookmarks", "add", "d4e5f6", str(papers["p2"].parent))
    assert FakeLibrary.opened_with == [None, [str(papers["p2"].parent)]]
    rows = listed(capsys)
    assert [r["id"] for r in rows] == ["d4e5f6", "a1b2c3"]
    assert rows[1] == {
        "id": "a1b2c3",
        "title": "密云区总工会慰问一线职工",
        "source": str(papers["p1"]),
        "created": rows[1]["created"],
        "note": "工会的数字",
        "missing": False,
    }
    code, out, _ = run(capsys, "bookmarks", "list")
    assert code == 0 and "密云区总工会慰问一线职工" in out and "工会的数字" in out
    code, out, err = run(capsys, "bookmarks", "remove", "a1b2c3")
    assert code == 0 and "a1b2c3" in out
    assert [r["id"] for r in listed(capsys)] == ["d4e5f6"]
    code, out, err = run(capsys, "bookmarks", "remove", "a1b2c3")
    assert code == 0 and "not bookmarked" in err


def test_adding_twice_is_harmless(papers, capsys) -> None:
    run(capsys, "bookmarks", "add", "a1b2c3")
    first = listed(capsys)
    code, out, err = run(capsys, "bookmarks", "add", "a1b2c3")
    assert (code, err) == (0, "") and "already bookmarked" in out
    assert listed(capsys) == first
    run(capsys, "bookmarks", "add", "a1b2c3", "--note", "后来加的")
    [row] = listed(capsys)
    assert row["note"] == "后来加的" and row["created"] == first[0]["created"]


def test_unknown_id_is_a_usage_error(papers, capsys) -> None:
    code, out, err = run(capsys, "bookmarks", "add", "nosuch")
    assert code == 2 and out == ""
    assert err.startswith("unionreader: ") and "nosuch" in err and err.count("\n") == 1
    assert listed(capsys) == []


def test_bookmark_outlives_its_file(papers, capsys) -> None:
    run(capsys, "bookmarks", "add", "a1b2c3")
    run(capsys, "bookmarks", "add", "d4e5f6")
    papers["p1"].unlink()
    FakeLibrary.articles = {k: v for k, v in FakeLibrary.articles.items() if k != "a1b2c3"}
    rows = {r["id"]: r for r in listed(capsys)}
    assert rows["a1b2c3"]["missing"] is True
    assert rows["a1b2c3"]["title"] == "密云区总工会慰问一线职工"
    assert rows["d4e5f6"]["missing"] is False
    code, out, _ = run(capsys, "bookmarks", "list")
    line = next(x for x in out.splitlines() if x.startswith("a1b2c3"))
    assert "密云区总工会慰问一线职工" in line and "[missing]" in line
    # Its note can still be changed, from what the bookmark remembers.
    code, _, _ = run(capsys, "bookmarks", "add", "a1b2c3", "--note", "原文件没了")
    assert code == 0
    assert {r["id"]: r for r in listed(capsys)}["a1b2c3"]["note"] == "原文件没了"


def test_list_against_a_library_marks_what_it_lacks(papers, capsys) -> None:
    run(capsys, "bookmarks", "add", "a1b2c3")
    run(capsys, "bookmarks", "add", "d4e5f6")
    FakeLibrary.articles = {"d4e5f6": FakeLibrary.articles["d4e5f6"]}  # the file was re-dumped
    _, out, _ = run(capsys, "bookmarks", "list", "--json", str(papers["p1"]))
    rows = {r["id"]: r["missing"] for r in json.loads(out)}
    assert rows == {"a1b2c3": True, "d4e5f6": False}
    assert FakeLibrary.opened_with[-1] == [str(papers["p1"])]


def test_export_json_and_markdown(papers, capsys) -> None:
    run(capsys, "bookmarks", "add", "a1b2c3", "--note", "第一行\n第二行")
    run(capsys, "bookmarks", "add", "d4e5f6")
    code, out, _ = run(capsys, "bookmarks", "export")
    rows = json.loads(out)
    assert code == 0 and [r["id"] for r in rows] == ["d4e5f6", "a1b2c3"]
    assert all(set(r) == {"id", "title", "source", "created", "note"} for r in rows)
    code, out, _ = run(capsys, "bookmarks", "export", "--format", "markdown")
    assert code == 0 and out.startswith("# Bookmarks\n")
    assert "## 北京1000余人次参加\\*技能\\*比赛" in out  # Markdown marks in titles stay literal
    assert "## 密云区总工会慰问一线职工" in out and "`a1b2c3`" in out
    assert "> 第一行\n> 第二行" in out
    assert out.index("北京") < out.index("密云")


def test_store_lives_in_xdg_data_home(papers, capsys) -> None:
    run(capsys, "bookmarks", "add", "a1b2c3")
    path = Path(os.environ["XDG_DATA_HOME"]) / "unionreader" / "unionreader.sqlite3"
    assert Path(user_data_dir("unionreader")) == path.parent
    with Store.open(path) as store:
        assert store.bookmark_ids() == {"a1b2c3"}


def test_damaged_store_is_reported_and_replaced(papers, capsys) -> None:
    path = Path(user_data_dir("unionreader")) / "unionreader.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage\xff" * 100)
    code, out, err = run(capsys, "bookmarks", "add", "a1b2c3")
    assert code == 0 and "a1b2c3" in out
    moved = next(p for p in path.parent.iterdir() if ".corrupt-" in p.name)
    assert f"moved to {moved}" in err and "Traceback" not in err
    assert moved.read_bytes() == b"\x00garbage\xff" * 100
    assert [r["id"] for r in listed(capsys)] == ["a1b2c3"]


def test_read_only_data_directory(papers, capsys, monkeypatch) -> None:
    run(capsys, "bookmarks", "add", "a1b2c3")
    real_access = os.access
    monkeypatch.setattr(
        sqlite_file.os,
        "access",
        lambda p, mode, **kw: False if mode & os.W_OK else real_access(p, mode, **kw),
    )
    code, out, err = run(capsys, "bookmarks", "list", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["a1b2c3"]
    assert "read-only" in err
    code, out, err = run(capsys, "bookmarks", "add", "d4e5f6")
    assert code == 1 and out == ""
    assert err.strip().splitlines()[-1].startswith("unionreader: cannot save")
    code, out, err = run(capsys, "bookmarks", "remove", "a1b2c3")
    assert code == 1 and "cannot save" in err and "Traceback" not in err
    monkeypatch.setattr(sqlite_file.os, "access", real_access)
    assert "a1b2c3" in {r["id"] for r in listed(capsys)}


def test_runs_as_a_command_without_textual(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from unionreader.cli import main\n"
        "code = main(['bookmarks', 'export', '--format', 'markdown'])\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "PYTHONPATH": TUI, "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Bookmarks")
    assert (tmp_path / "data" / "unionreader" / "unionreader.sqlite3").is_file()


def test_add_from_the_bundled_seeds(capsys) -> None:
    library = pytest.importorskip("unionreader.library")  # runs once the library has landed
    article = library.Library.open().articles[0]
    code, out, _ = run(capsys, "bookmarks", "add", article.id)
    assert code == 0 and article.id in out
    [row] = listed(capsys)
    assert (row["id"], row["title"], row["source"]) == (article.id, article.title, article.source)
    assert row["missing"] is False
