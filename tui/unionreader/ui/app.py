"""The Textual application: composes the main screen, help, palette providers and themes."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ..resources import styles_dir
from .reading_state import ReadingState
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .settings import Settings, default_path
from .themes import DARK_THEME, LIGHT_THEME, THEMES, other_theme
from .widgets.article_list import ArticleList
from .widgets.article_options import ArticleOptionList
from .widgets.find_bar import FindBar
from .widgets.reader import ArticleReader
from .widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from textual.command import Provider

STYLESHEETS = ("app.tcss", "reader.tcss")


def _stylesheets() -> list[str | PurePath]:
    folder = styles_dir()
    return [folder / name for name in STYLESHEETS if (folder / name).is_file()]


def _open_library(paths: Sequence[str] | None, **kwargs: Any) -> Any:
    from ..library import Library

    if kwargs.get("cached_only"):  # the first screen from the archive; the files looked at next
        kwargs.setdefault("check_later", True)
    return Library.open(paths, **kwargs)


def _prepare_library() -> None:
    """Import what opening a library needs, before the first paint.

    Done in the loading worker, these imports contend with the first paint for the
    interpreter and take several times longer; done here they cost their plain import time.
    """
    with suppress(Exception):  # any real problem is reported when the library is opened
        from ..library import Library  # noqa: F401
        from ..store import archive  # noqa: F401


def _article_commands() -> type[Provider]:
    from .commands import ArticleCommands  # loaded with the palette, not at start-up

    return ArticleCommands


def _entity_commands() -> type[Provider]:
    from .commands import EntityCommands

    return EntityCommands


def _open_store() -> Any:
    from ..store.state import Store

    return Store.open()


class UnionReaderApp(App[int]):
    """A keyboard-driven reader for Chinese newspaper page dumps."""

    TITLE = "unionreader"
    CSS_PATH: ClassVar = _stylesheets()
    COMMANDS: ClassVar = App.COMMANDS | {_article_commands, _entity_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "退出", id="quit"),
        Binding("question_mark,f1", "help", "帮助", id="help"),
        Binding("tab", "focus_next", "下一个窗格", show=False),
        Binding("shift+tab", "focus_previous", "上一个窗格", show=False),
        Binding("ctrl+p", "command_palette", "命令", show=False),
        Binding("ctrl+t", "toggle_theme", "切换深色/浅色主题", show=False, id="theme"),
    ]

    def __init__(
        self,
        paths: Sequence[str] | None = None,
        *,
        open_library: Callable[..., Any] = _open_library,
        open_store: Callable[[], Any] = _open_store,
        settings_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.paths = list(paths) if paths else None
        self._open_library = open_library
        self._open_store = open_store
        for theme in THEMES:
            self.register_theme(theme)
        self.settings = Settings(settings_path or _settings_path())
        saved = self.settings.get("theme")
        self.theme = saved if saved in (DARK_THEME, LIGHT_THEME) else DARK_THEME
        self.main_screen: MainScreen | None = None

    def on_load(self) -> None:
        if self._open_library is _open_library:
            _prepare_library()

    def get_default_screen(self) -> Screen:
        self.main_screen = MainScreen(self.paths, self._open_library, self._reading_state())
        return self.main_screen

    def _reading_state(self) -> ReadingState:
        problems: list[str] = []
        try:
            store = self._open_store()
        except Exception as exc:  # the reader still works, bookmarks last for this session
            store = None
            problems.append(f"书签和阅读位置将无法保存：{exc}")
        state = ReadingState(store, self._warn)
        for notice in [*problems, *state.notices()]:
            self._warn(notice)
        return state

    def _warn(self, message: str) -> None:
        self.notify(message, severity="warning", timeout=15, markup=False)

    # actions

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        sections = [
            ("全局", [*self.BINDINGS, *MainScreen.BINDINGS]),
            ("文章列表", ArticleList.BINDINGS),
            ("阅读区", ArticleReader.BINDINGS),
            ("搜索框", SearchBar.BINDINGS),
            ("查找框", FindBar.BINDINGS),
            ("数字和名称面板", ArticleOptionList.BINDINGS),
        ]
        self.push_screen(HelpScreen(sections))

    def action_toggle_theme(self) -> None:
        self.theme = other_theme(self.theme)
        problem = self.settings.set("theme", self.theme)
        if problem:
            self._warn(problem)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's theme picker would offer themes not made for this reader, and its key list
        # repeats ours: both give way to the app's own commands below
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme", "Keys"):
                yield command
        yield SystemCommand("切换主题", "深色与浅色主题互换（ctrl+t）", self.action_toggle_theme)
        yield SystemCommand("帮助：全部按键", "阅读器的每个按键（?）", self.action_help)
        main = self.main_screen
        if main is None or screen is not main:
            return
        for title, help_text, action in (
            ("搜索", "搜索全部文章（/）", main.action_search),
            ("书签", "为当前文章加书签或取消（b）", main.action_bookmark),
            ("只看书签", "只列出加了书签的文章（B）", main.action_bookmarks_only),
            ("书签备注", "为当前文章的书签添加或修改备注（a）", main.action_note),
            ("导出书签", "把全部书签写成 Markdown 文件，放在文档文件夹", main.export_bookmarks),
            ("数字面板", "当前文章的关键数字（f）", main.action_figures),
            ("名称面板", "人物、机构、地点（e）", main.action_entities),
        ):
            yield SystemCommand(title, help_text, action)

    def _fatal_error(self) -> None:
        # a bug must not pour a traceback over the reader's terminal: log it, say one line
        error = self._exception
        log = _write_crash_log(error)
        summary = f"{type(error).__name__}: {error}" if error else "unknown error"
        where = f" Details: {log}" if log else ""
        self._exit_renderables.append(
            Text(f"unionreader stopped on an internal error ({summary}).{where}")
        )
        self._close_messages_no_wait()


def _settings_path() -> Path | None:
    try:
        return default_path()
    except Exception:  # no usable home: the settings last for this session
        return None


def _write_crash_log(error: BaseException | None) -> Path | None:
    if error is None:
        return None
    try:
        from platformdirs import user_log_dir

        folder = Path(user_log_dir("unionreader"))
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "crash.log"
        log.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
        return log
    except OSError:
        return None


def run_app(paths: Sequence[str] | None = None) -> int:
    """Run the reader until the person quits; returns the exit status."""
    try:
        app = UnionReaderApp(paths)
        app.run()
    except Exception as exc:  # e.g. no usable terminal: one line, never a traceback
        print(f"unionreader: {exc}", file=sys.stderr)
        return 1
    return app.return_code or 0
