"""NO_COLOR (no-color.org): the app runs in monochrome through every screen, never stops."""

from __future__ import annotations

import pytest

from app_support import pilot_test
from test_app import make_app, running, screen_text


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


@pilot_test
async def test_reading_searching_and_panels_work_without_colour() -> None:
    app = make_app()
    async with running(app, size=(100, 30)) as pilot:
        assert app.no_color
        for key in ("enter", "n", "f", "escape", "e", "escape", "ctrl+t", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("escape", "slash", *"密云", "enter")
        await pilot.pause()
        assert app.is_running and app._exception is None
        assert "密云区总工会" in screen_text(app)
