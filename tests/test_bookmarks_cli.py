"""`unionreader bookmarks` end to end: a real store in the temp data directory, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from platformdirs import user_data_dir

from unionreader.cli import main
from unionreader.store import sqlite_file
from unionreader.store.state import Store

TUI = str(Path(__file__).resolve().parents[1] / "tui")


_PAGES = {
    "p1": "密云区总工会慰问一线职工\n\n本报讯 (记者 王路曼) 近日,区总工会走访慰问职工200余人。\n",
    "p2": "北京1000余人次参加*技能*比赛\n\n本报讯 (记者 陈曦) 日前,全市职工技能比赛举行。\n",
}


@pytest.fixture
def papers(tmp_path: Path, warm_cache, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Two real page files, one article each; `ids` maps p1/p2 to their article ids."""
    from unionreader.library import Library

    files = {name: tmp_path / "papers" / f"{name}.txt" for name in _PAGES}
    for name, path in files.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(_PAGES[name], encoding="utf-8")
    library = Library.open([tmp_path / "papers"])
    ids.update({name: library.articles[i].id for i, name in enumerate(_PAGES)})
    monkeypatch.chdir(tmp_path / "papers")  # `add ID .` reads the folder
    return files


ids: dict[str, str] = {}


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
    code, out, err = run(capsys, "bookmarks", "add", ids["p1"], "--note", "工会的数字", ".")
    assert (code, err) == (0, "")
    assert ids["p1"] in out and "密云区总工会" in out
    run(capsys, "bookmarks", "add", ids["p2"], str(papers["p2"].parent))
    rows = listed(capsys)
    assert [r["id"] for r in rows] == [ids["p2"], ids["p1"]]
    assert rows[1] == {
        "id": ids["p1"],
        "title": "密云区总工会慰问一线职工",
        "source": str(papers["p1"]),  # kept absolute: valid from any folder
        "created": rows[1]["created"],
        "note": "工会的数字",
        "missing": False,
    }
    code, out, _ = run(capsys, "bookmarks", "list")
    assert code == 0 and "密云区总工会慰问一线职工" in out and "工会的数字" in out
    code, out, err = run(capsys, "bookmarks", "remove", ids["p1"])
    assert code == 0 and ids["p1"] in out
    assert [r["id"] for r in listed(capsys)] == [ids["p2"]]
    code, out, err = run(capsys, "bookmarks", "remove", ids["p1"])
    assert code == 0 and "not bookmarked" in err


def test_adding_twice_is_harmless(papers, capsys) -> None:
    run(capsys, "bookmarks", "add", ids["p1"], ".")
    first = listed(capsys)
    code, out, err = run(capsys, "bookmarks", "add", ids["p1"], ".")
    assert (code, err) == (0, "") and "already bookmarked" in out
    assert listed(capsys) == first
    run(capsys, "bookmarks", "add", ids["p1"], "--note", "后来加的", ".")
    [row] = listed(capsys)
    assert row["note"] == "后来加的" and row["created"] == first[0]["created"]


def test_unknown_id_is_a_usage_error(papers, capsys) -> None:
    code, out, err = run(capsys, "bookmarks", "add", "nosuch")
    assert code == 2 and out == ""
    assert err.startswith("unionreader: ") and "nosuch" in err and err.count("\n") == 1
    assert listed(capsys) == []


def test_bookmark_outlives_its_file(papers, capsys) -> None:
    run(capsys, "bookmarks", "add", ids["p1"], ".")
    run(capsys, "bookmarks", "add", ids["p2"], ".")
    papers["p1"].unlink()
    rows = {r["id"]: r for r in listed(capsys)}
    assert rows[ids["p1"]]["missing"] is True
    assert rows[ids["p1"]]["title"] == "密云区总工会慰问一线职工"
    assert rows[ids["p2"]]["missing"] is False
    code, out, _ = run(capsys, "bookmarks", "list")
    line = next(x for x in out.splitlines() if x.startswith(ids["p1"]))
    assert "密云区总工会慰问一线职工" in line and "[missing]" in line
    # Its note can still be changed, from what the bookmark remembers.
    code, _, _ = run(capsys, "bookmarks", "add", ids["p1"], "--note", "原文件没了", ".")
    assert code == 0
    assert {r["id"]: r for r in listed(capsys)}[ids["p1"]]["note"] == "原文件没了"


def test_list_against_a_library_marks_what_it_lacks(papers, capsys) -> None:
    run(capsys, "bookmarks", "add", ids["p1"], ".")
    run(capsys, "bookmarks", "add", ids["p2"], ".")
    papers["p1"].write_text(_PAGES["p1"].replace("200余人", "300余人"), encoding="utf-8")
    _, out, _ = run(capsys, "bookmarks", "list", "--json", ".")  # p1 was dumped again, changed
    rows = {r["id"]: r["missing"] for r in json.loads(out)}
    assert rows == {ids["p1"]: True, ids["p2"]: False}


def test_export_json_and_markdown(papers, capsys) -> None:
    run(capsys, "bookmarks", "add", ids["p1"], "--note", "第一行\n第二行", ".")
    run(capsys, "bookmarks", "add", ids["p2"], ".")
    code, out, _ = run(capsys, "bookmarks", "export")
    rows = json.loads(out)
    assert code == 0 and [r["id"] for r in rows] == [ids["p2"], ids["p1"]]
    assert all(set(r) == {"id", "title", "source", "created", "note", "missing"} for r in rows)
    assert [r["missing"] for r in rows] == [False, False]
    code, out, _ = run(capsys, "bookmarks", "export", "--format", "markdown")
    assert code == 0 and out.startswith("# Bookmarks\n")
    assert "## 北京1000余人次参加\\*技能\\*比赛" in out  # Markdown marks in titles stay literal
    assert "## 密云区总工会慰问一线职工" in out and f"`{ids['p1']}`" in out
    assert "> 第一行\n> 第二行" in out
    assert out.index("北京") < out.index("密云")


def test_store_lives_in_xdg_data_home(papers, capsys) -> None:
    run(capsys, "bookmarks", "add", ids["p1"], ".")
    path = Path(os.environ["XDG_DATA_HOME"]) / "unionreader" / "unionreader.sqlite3"
    assert Path(user_data_dir("unionreader")) == path.parent
    with Store.open(path) as store:
        assert store.bookmark_ids() == {ids["p1"]}


def test_damaged_store_is_reported_and_replaced(papers, capsys) -> None:
    path = Path(user_data_dir("unionreader")) / "unionreader.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage\xff" * 100)
    code, out, err = run(capsys, "bookmarks", "add", ids["p1"], ".")
    assert code == 0 and ids["p1"] in out
    moved = next(p for p in path.parent.iterdir() if ".corrupt-" in p.name)
    assert f"已移至 {moved}" in err and "Traceback" not in err
    assert moved.read_bytes() == b"\x00garbage\xff" * 100
    assert [r["id"] for r in listed(capsys)] == [ids["p1"]]


def test_read_only_data_directory(papers, capsys, monkeypatch) -> None:
    run(capsys, "bookmarks", "add", ids["p1"], ".")
    real_access = os.access
    monkeypatch.setattr(
        sqlite_file.os,
        "access",
        lambda p, mode, **kw: False if mode & os.W_OK else real_access(p, mode, **kw),
    )
    code, out, err = run(capsys, "bookmarks", "list", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == [ids["p1"]]
    assert "只读" in err
    code, out, err = run(capsys, "bookmarks", "add", ids["p2"], ".")
    assert code == 1 and out == ""
    assert err.strip().splitlines()[-1].startswith("unionreader: 无法保存")
    code, out, err = run(capsys, "bookmarks", "remove", ids["p1"])
    assert code == 1 and "无法保存" in err and "Traceback" not in err
    monkeypatch.setattr(sqlite_file.os, "access", real_access)
    assert ids["p1"] in {r["id"] for r in listed(capsys)}


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


def test_add_from_the_bundled_seeds(capsys, warm_cache) -> None:
    from unionreader.library import Library

    article = Library.open().articles[0]
    code, out, _ = run(capsys, "bookmarks", "add", article.id)
    assert code == 0 and article.id in out
    [row] = listed(capsys)
    assert (row["id"], row["title"], row["source"]) == (article.id, article.title, article.source)
    assert row["missing"] is False


def test_export_says_which_bookmarks_lost_their_file(papers, capsys) -> None:
    run(capsys, "bookmarks", "add", ids["p1"], ".")
    run(capsys, "bookmarks", "add", ids["p2"], ".")
    papers["p1"].unlink()
    _, out, _ = run(capsys, "bookmarks", "export")
    assert {r["id"]: r["missing"] for r in json.loads(out)} == {ids["p1"]: True, ids["p2"]: False}
    _, out, _ = run(capsys, "bookmarks", "export", "--format", "markdown")
    assert out.count("- missing:") == 1


def test_bookmarks_alone_lists_them(papers, capsys) -> None:
    run(capsys, "bookmarks", "add", ids["p1"], ".")
    code, out, err = run(capsys, "bookmarks")
    assert code == 0 and "error" not in err
    assert out.startswith(ids["p1"]) and "密云区总工会慰问一线职工" in out


def test_add_without_an_id_asks_for_the_id(papers, capsys) -> None:
    code, _, err = run(capsys, "bookmarks", "add")
    assert code == 2 and "needs an article id" in err and "PATH" not in err
