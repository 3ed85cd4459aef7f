"""The scripting CLI: list, show, export, errors and exit codes, as a user meets them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, SEEDS
from unionreader.cli import main


@pytest.fixture(autouse=True)
def _seeds_cache(warm_cache):
    """Every test here reads the seeds: analyse them once per session."""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_the_eighteen_seed_articles(capsys) -> None:
    code, out, err = run(capsys, "list")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 18
    assert "为创建文明城区注入工力量" in lines[0] and "feature" in lines[0]


def test_list_json_has_the_summary_fields_only(capsys) -> None:
    code, out, _ = run(capsys, "list", "--json")
    items = json.loads(out)
    assert code == 0 and len(items) == 18
    assert {"id", "source", "kicker", "section", "deck", "title", "subtitle", "kind",
            "reporters", "correspondents", "photographers"} <= set(items[0])  # fmt: skip
    assert not {"blocks", "figures", "entities"} & set(items[0])
    assert [i["kind"] for i in items].count("photo") == 4


def test_export_is_the_full_contract_in_reading_order(capsys) -> None:
    code, out, _ = run(capsys, "export", str(SEEDS))
    items = json.loads(out)
    assert code == 0 and len(items) == 18
    first = items[1]
    assert first["title"] == "市推进产业工人队伍建设改革工作评价组赴密云调研"
    assert first["reporters"] == ["王路曼"]
    assert first["blocks"][0]["type"] == "lead"
    assert first["blocks"][0]["text"].startswith("近日,")
    assert all(isinstance(i["figures"], list) and isinstance(i["entities"], list) for i in items)
    assert len({i["id"] for i in items}) == 18


def test_show_renders_title_block_bylines_and_paragraphs(capsys) -> None:
    _, out, _ = run(capsys, "list", "--json")
    article = next(i for i in json.loads(out) if i["title"].startswith("经开区"))
    code, out, err = run(capsys, "show", article["id"])
    assert code == 0 and err == ""
    assert "经开区学雷锋志愿服务月主题活动启动" in out
    assert "记者 陈曦" in out and "通讯员 刘换利" in out
    assert "启动仪式现场" in out.replace("\n", "")  # the mended column break
    code, out, _ = run(capsys, "show", article["id"], "--json")
    assert json.loads(out)["correspondents"] == ["刘换利"]


def test_unknown_id_and_missing_path_exit_2_with_a_message(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "show", "deadbeef")
    assert code == 2 and out == ""
    assert "no article with id 'deadbeef'" in err and "Traceback" not in err
    code, _, err = run(capsys, "list", str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in err


def test_show_given_a_file_says_how_to_find_its_articles(capsys) -> None:
    page = str(SEEDS / "003_5fc5965adb6df3e5.txt")
    code, out, err = run(capsys, "show", page)
    assert code == 2 and out == ""
    assert "is a file or folder, not an article id" in err and "unionreader list" in err
    assert "Traceback" not in err


def test_a_folder_with_bad_files_still_exports_the_good_ones(capsys, tmp_path: Path) -> None:
    shutil.copy(SEEDS / "003_5fc5965adb6df3e5.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    code, out, err = run(capsys, "export", str(tmp_path))
    assert code == 0
    assert len(json.loads(out)) == 7
    assert "photo.txt" in err and "binary" in err
    assert "empty.txt" not in err


def test_ids_are_stable_and_unique_when_two_files_hold_the_same_article(
    capsys, tmp_path: Path
) -> None:
    seed = SEEDS / "001_8af719265bfc3cec.txt"
    shutil.copy(seed, tmp_path / "a.txt")
    data = seed.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gbk")
    (tmp_path / "b.txt").write_bytes(data)  # the same page, another encoding
    _, out, _ = run(capsys, "export", str(tmp_path))
    items = json.loads(out)
    assert len(items) == 16 and len({i["id"] for i in items}) == 16
    strip = [{k: v for k, v in i.items() if k not in ("id", "source")} for i in items]
    assert strip[:8] == strip[8:]  # the GBK copy gives exactly the same articles
    _, again, _ = run(capsys, "export", str(seed))
    assert [i["id"] for i in json.loads(again)] == [i["id"] for i in items[:8]]


def test_version_and_help(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("unionreader ")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("list", "show", "export", "search", "bookmarks"):
        assert command in out


def test_scripting_commands_do_not_import_textual(warm_cache) -> None:
    code = (
        "import sys; from unionreader.cli import main; main(['list', '--json']);"
        "print('TEXTUAL', 'textual' in sys.modules, file=sys.stderr)"
    )
    env = {"PYTHONPATH": str(ROOT / "tui"), "XDG_CACHE_HOME": str(warm_cache), "PATH": "/usr/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "TEXTUAL False" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_mistyped_command_is_named_with_a_suggestion_and_never_opens_the_reader(
    capsys,
) -> None:
    code, out, err = run(capsys, "lsit")
    assert code == 2 and out == ""
    assert "unknown command or path: lsit (did you mean list?)" in err
    code, _, err = run(capsys, "bogus")
    assert code == 2 and err.strip() == "unionreader: unknown command or path: bogus"


def test_the_reader_does_not_start_without_a_terminal(capsys, tmp_path: Path) -> None:
    # under pytest stdin and stdout are not terminals, as in `unionreader | head`
    for argv in ([], [str(SEEDS)], ["read"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert "needs a terminal" in err


def test_a_mistyped_command_piped_exits_at_once(tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(ROOT / "tui"), "PATH": "/usr/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "unionreader", "lsit"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert "did you mean list?" in done.stderr


def test_paths_that_give_no_articles_are_named_and_exit_non_zero(capsys, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(capsys, "list", str(empty))
    assert code == 1 and out == ""
    assert str(empty) in err and "no text files" in err
    binary = tmp_path / "pictures"
    binary.mkdir()
    (binary / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    code, out, err = run(capsys, "export", str(binary))
    assert code == 1 and out == ""
    assert "photo.txt" in err and "nothing could be read" in err
    assert "Traceback" not in err


def test_show_without_an_id_asks_for_the_id(capsys) -> None:
    code, out, err = run(capsys, "show")
    assert code == 2 and out == ""
    assert "show needs an article id" in err and "PATH" not in err


def _article_with_figures(capsys) -> dict:
    _, out, _ = run(capsys, "export")
    return max(json.loads(out), key=lambda item: len(item["figures"]))


@pytest.mark.parametrize("width", [30, 57, 80, 133])
def test_show_lays_out_at_the_terminal_width_as_the_reader_does(
    capsys, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    from unionreader.layout.textlayout import NO_START, cell_width

    article = _article_with_figures(capsys)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *a: os.terminal_size((width, 24)))
    code, out, _ = run(capsys, "show", article["id"])
    assert code == 0
    body = out.splitlines()[:-1]  # the last line names the source, which may be long
    assert all(cell_width(line) <= width for line in body)
    starts = [
        line.strip()[0] for line in body if line.strip() and not line.strip().startswith("——")
    ]
    assert not NO_START.intersection(starts)  # the subtitle's own —— is not a break
    assert not any("," in line for line in body)  # shown as ， among Chinese text
    joined = "\n".join(body)
    for figure in article["figures"]:
        assert figure["text"] in joined  # never cut across two lines


def test_show_piped_gives_one_paragraph_a_line(capsys) -> None:
    article = _article_with_figures(capsys)
    _, out, _ = run(capsys, "show", article["id"])
    lines = out.splitlines()
    from unionreader.layout.textlayout import display_text

    for block in article["blocks"]:
        shown = display_text(block["text"])[0].replace("\n", " ")  # the reader's punctuation
        assert sum(line.endswith(shown) for line in lines) == 1
    assert "，" in out and "," not in "".join(lines[:-1])


def test_search_without_a_query_is_a_usage_error_and_no_match_is_status_1(capsys) -> None:
    code, out, err = run(capsys, "search", "  ")
    assert (code, out) == (2, "") and "search needs a query" in err
    code, out, err = run(capsys, "search", "zzqqxxyy")
    assert (code, out) == (1, "") and "no articles match 'zzqqxxyy'" in err
    code, out, _ = run(capsys, "search", "zzqqxxyy", "--json")
    assert (code, json.loads(out)) == (1, [])


def test_search_after_a_large_first_open_indexes_first_and_says_so_on_a_terminal(
    tmp_path, monkeypatch, capsys
) -> None:
    import unionreader.library as library_module
    from unionreader.commands import common
    from unionreader.library import Library

    pages = tmp_path / "pages"
    shutil.copytree(SEEDS, pages)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with monkeypatch.context() as patch:
        patch.setattr(library_module, "_PARALLEL_BYTES", 0)  # the workers: no search rows yet
        assert Library.open([pages]).pending() == 18
    monkeypatch.setattr(common._StderrProgress, "INTERVAL", 0.0)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run(capsys, "search", "pinggu", str(pages))
    assert code == 0 and "平谷" in out.splitlines()[0]
    assert "unionreader: indexing for search articles 18/18" in err
    assert err.endswith("\r\x1b[K")  # the progress line wiped when done
    code, _out, err = run(capsys, "search", "pinggu", str(pages))
    assert code == 0 and err == ""  # indexed once
