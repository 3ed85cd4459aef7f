"""unionreader: a terminal reader for Chinese newspaper page dumps."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Article", "Library", "__version__"]

if TYPE_CHECKING:
    from .library import Library
    from .model import Article


def __getattr__(name: str):  # lazy: importing the package stays cheap
    if name == "Library":
        from .library import Library

        return Library
    if name == "Article":
        from .model import Article

        return Article
    raise AttributeError(name)
