"""The app's own dark and light themes: every text colour at least 4.5:1 on its background."""

from __future__ import annotations

from textual.theme import Theme

DARK_THEME = "unionreader-dark"
LIGHT_THEME = "unionreader-light"

# Text colours are given as solid colours, never Textual's translucent defaults ("auto 60%"):
# a translucent colour is flattened by Rich without its background in some paths (the
# article list draws its own rows), and a solid one can be checked against WCAG AA.
_DARK_TEXT = {
    "text": "#e9eaed",
    "text-muted": "#aeb4bf",
    "text-disabled": "#9aa0ab",
    "text-primary": "#8cc2ff",
    "text-secondary": "#c1b3ff",
    "text-accent": "#ffbe73",
    "text-success": "#86dc8f",
    "text-warning": "#ffd479",
    "text-error": "#ff9a9a",
    "foreground-muted": "#aeb4bf",
    "primary-muted": "#3b4f6b",
    "warning-muted": "#4f3d12",
    "block-cursor-foreground": "#ffffff",
    "block-cursor-background": "#2b5f9e",
    "block-cursor-blurred-foreground": "#e9eaed",
    "block-cursor-blurred-background": "#343a46",
    "footer-key-foreground": "#ffbe73",
    "footer-description-foreground": "#e9eaed",
    "input-selection-background": "#2b5f9e",
    "input-selection-foreground": "#ffffff",
    "list-cursor-blurred": "#303642",
    "option-cursor-background": "#324057",
}

_LIGHT_TEXT = {
    "text": "#1b1c1f",
    "text-muted": "#4d535e",
    "text-disabled": "#5a606b",
    "text-primary": "#0d4f98",
    "text-secondary": "#5636b8",
    "text-accent": "#853d00",
    "text-success": "#1c6429",
    "text-warning": "#744c00",
    "text-error": "#a61f2b",
    "foreground-muted": "#4d535e",
    "primary-muted": "#9fb6d6",
    "warning-muted": "#ffe6a3",
    "block-cursor-foreground": "#ffffff",
    "block-cursor-background": "#1d5aa6",
    "block-cursor-blurred-foreground": "#1b1c1f",
    "block-cursor-blurred-background": "#d2d9e4",
    "footer-key-foreground": "#853d00",
    "footer-description-foreground": "#1b1c1f",
    "input-selection-background": "#1d5aa6",
    "input-selection-foreground": "#ffffff",
    "list-cursor-blurred": "#dfe3ea",
    "option-cursor-background": "#c9d8ef",
}

DARK = Theme(
    name=DARK_THEME,
    primary="#2b5f9e",
    secondary="#6a55c9",
    accent="#d98a2b",
    warning="#d9a53b",
    error="#c9464f",
    success="#3f9d54",
    foreground="#e9eaed",
    background="#15171c",
    surface="#1b1e24",
    panel="#262b34",
    dark=True,
    variables=_DARK_TEXT,
)

LIGHT = Theme(
    name=LIGHT_THEME,
    primary="#1d5aa6",
    secondary="#5636b8",
    accent="#b35c00",
    warning="#b07b00",
    error="#a61f2b",
    success="#2c7d3a",
    foreground="#1b1c1f",
    background="#f2f3f5",
    surface="#fbfbfc",
    panel="#e6e9ee",
    dark=False,
    variables=_LIGHT_TEXT,
)

THEMES = (DARK, LIGHT)


def other_theme(name: str) -> str:
    """The light theme for the dark one and the other way round."""
    return LIGHT_THEME if name == DARK_THEME else DARK_THEME
