"""The reader's own settings (the theme) in a small JSON file in the user data directory."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

FILE_NAME = "settings.json"


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("unionreader")) / FILE_NAME


class Settings:
    """Values read once at start; each change written at once (atomically, by rename)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        if path is not None:
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):  # none yet, or damaged: the defaults serve
                loaded = {}
            if isinstance(loaded, dict):
                self._values = loaded

    def get(self, key: str, default: str | None = None) -> str | None:
        value = self._values.get(key, default)
        return value if isinstance(value, str) else default

    def set(self, key: str, value: str) -> str | None:
        """Remember a value; returns a problem to show if it could not be saved."""
        self._values[key] = value
        if self.path is None:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            spare = self.path.with_suffix(".tmp")
            spare.write_text(json.dumps(self._values, ensure_ascii=False), encoding="utf-8")
            os.replace(spare, self.path)
        except OSError as exc:
            return f"设置未能保存：{exc}"
        return None
