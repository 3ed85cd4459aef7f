"""Every piece of text on every screen is at least 4.5:1 against its background (WCAG AA),
in each theme the app offers: the screens are rendered and each text segment measured."""

from __future__ import annotations

import pytest
from rich.color import Color

from app_support import make_article, pilot_test, sample_articles
from test_app import make_app, running, settle
from unionreader.ui.themes import DARK_THEME, LIGHT_THEME, THEMES

AA = 4.5


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _is_graphic(char: str) -> bool:
    """Box drawing, block elements (borders, rules, scroll bars): not text to read."""
    return 0x2500 <= ord(char) <= 0x259F


def low_contrast(app, where: str) -> list[str]:
    """Every text segment on screen below AA, described for the failure message.

    Over a modal screen (help, the command palette) only the modal's own box is read: what
    shows through behind it is dimmed on purpose, as out of reach until it closes.
    """
    found = []
    modal = next(iter(app.screen.query("#help-body, #--container, #note-body")), None)
    box = modal.region if modal is not None else None
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        if box is not None:
            if not box.y <= y < box.bottom:
                continue
            strip = strip.crop(box.x, box.right)
        for segment in strip:
            text, style = segment.text, segment.style
            readable = "".join(c for c in text if not c.isspace() and not _is_graphic(c))
            if not readable:
                continue
            if style is None or style.color is None or style.bgcolor is None:
                found.append(f"{where}: {readable[:20]!r} on line {y} has no colours")
                continue
            fg = style.color.get_truecolor()
            bg = style.bgcolor.get_truecolor()
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:  # shown faint: half-way to the background
                fg = Color.from_rgb(
                    *((f + b) / 2 for f, b in zip(fg, bg, strict=True))
                ).get_truecolor()
            ratio = contrast(tuple(fg), tuple(bg))
            if ratio < AA:
                found.append(f"{where}: {readable[:20]!r} on line {y} is {ratio:.2f}:1")
    return found


def library_articles():
    articles = sample_articles()
    articles += [make_article(n, f"职工文章{n}", ["职工服务1000余人次。"]) for n in range(4, 9)]
    return articles


async def tour(pilot) -> list[str]:
    """Walk the screens a person meets, measuring each."""
    app = pilot.app
    problems: list[str] = []

    async def look(where: str) -> None:
        await pilot.pause()
        problems.extend(low_contrast(app, where))

    await look("list focused")
    await pilot.press("j", "enter")
    await look("article open, list row behind")
    await pilot.press("n")
    await look("current figure")
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*"职工")
    await look("find box and matches")
    await pilot.press("enter", "n")
    await look("find, current match")
    await pilot.press("escape", "f")
    await look("figures panel")
    await pilot.press("j")
    await look("figures panel, second row")
    await pilot.press("escape", "e")
    await look("names panel and underlines")
    await pilot.press("escape", "escape", "b")
    await look("bookmarked, with its notice")
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*"备注")
    await look("note box")
    await pilot.press("enter", "B")
    await look("bookmarks only, with a note")
    await pilot.press("B", "slash", *"职工")
    await settle(pilot)
    await look("search results, typing")
    await pilot.press("enter")
    await look("hit opened, match highlighted")
    await pilot.press("escape")
    await look("back in the results")
    await pilot.press("escape", "question_mark")
    await look("help")
    await pilot.press("question_mark", "ctrl+p")
    await look("command palette")
    await pilot.press("escape")
    return problems


@pytest.mark.parametrize("theme", [DARK_THEME, LIGHT_THEME])
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pilot_test
async def test_every_text_is_readable_in_every_theme(theme, size) -> None:
    app = make_app(library_articles())
    async with running(app, size=size) as pilot:
        app.theme = theme
        problems = await tour(pilot)
    assert not problems, "\n".join(dict.fromkeys(problems))


@pilot_test
async def test_only_the_apps_own_themes_are_offered() -> None:
    app = make_app()
    async with running(app) as pilot:
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Theme" not in commands  # Textual's picker, with themes not checked here
        await pilot.press("ctrl+t")
        assert app.theme == LIGHT_THEME
        await pilot.press("ctrl+t")
        assert app.theme == DARK_THEME


def test_the_contrast_measure_agrees_with_wcag() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


@pilot_test
async def test_open_panels_take_the_new_themes_colours() -> None:
    app = make_app(library_articles())
    async with running(app, size=(120, 40)) as pilot:
        problems: list[str] = []
        for panel in ("e", "f"):
            await pilot.press("escape", "escape", "enter", panel)
            for _ in THEMES:
                await pilot.press("ctrl+t")
                await pilot.pause()
                problems.extend(low_contrast(app, f"panel {panel} after ctrl+t to {app.theme}"))
    assert not problems, "\n".join(dict.fromkeys(problems))
