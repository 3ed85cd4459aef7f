"""The search index's saved state, beside the archive in the user cache dir."""

from __future__ import annotations

import marshal
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

FORMAT = 1


def cache_root() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("unionreader")) / f"analysis-v{FORMAT}"


def _index_path(key: str) -> Path:
    return cache_root() / "index" / f"{key}.zbin"  # zlib of marshal: a quarter of the bytes


def load_index_state(key: str) -> Any | None:
    """A search index's state saved for this library, or None."""
    try:
        return marshal.loads(zlib.decompress(_index_path(key).read_bytes()))
    except Exception:  # missing or damaged: the index is built again
        return None


def save_index_state(key: str, state: Any) -> None:
    path = _index_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("*bin"):  # one library's index at a time is plenty
            if old != path:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(zlib.compress(marshal.dumps(state), 6))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a read-only cache or an unmarshallable state only costs speed
