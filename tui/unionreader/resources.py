"""Where the bundled seeds/ and styles/ live, in an installed wheel or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    installed = _PACKAGE / name  # the wheel puts it inside the package
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / name  # editable install: <repo>/tui/unionreader
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"unionreader's bundled {name}/ folder is missing from {_PACKAGE}")


def seeds_dir() -> Path:
    """The folder of bundled page dumps (the default library)."""
    return _find("seeds")


def styles_dir() -> Path:
    """The folder of .tcss stylesheets."""
    return _find("styles")
