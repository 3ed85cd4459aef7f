"""The analysis cache: analysed articles per file content, so a warm start analyses nothing."""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from ..codecs import SCHEMA, article_from_row, article_row
from ..model import Article

FORMAT = 1


def cache_root() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("unionreader")) / f"analysis-v{FORMAT}"


def content_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class AnalysisCache:
    """Analysed articles stored by (file content, analyser version); bad entries are ignored."""

    def __init__(self, version: str, root: Path | None = None) -> None:
        # the row layout is part of the key: a model change never decodes an old row wrongly
        layout = hashlib.blake2b(SCHEMA.encode(), digest_size=4).hexdigest()
        self.root = (root or cache_root()) / f"{version}-{layout}"
        self.writable = True

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.bin"

    def load(self, key: str) -> list[Article] | None:
        try:
            rows = marshal.loads(self._path(key).read_bytes())
            return [article_from_row(row) for row in rows]
        except Exception:  # missing, truncated, corrupt or from another layout: rebuild
            return None

    def save(self, key: str, articles: list[Article]) -> None:
        if not self.writable:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = marshal.dumps([article_row(a) for a in articles])
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)  # readers never see half a file
        except OSError:
            self.writable = False  # a read-only cache only costs speed


def _index_path(key: str) -> Path:
    return cache_root() / "index" / f"{key}.bin"


def load_index_state(key: str) -> Any | None:
    """A search index's state saved for this library, or None."""
    try:
        return marshal.loads(_index_path(key).read_bytes())
    except Exception:  # missing or damaged: the index is built again
        return None


def save_index_state(key: str, state: Any) -> None:
    path = _index_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("*.bin"):  # one library's index at a time is plenty
            if old != path:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(state))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a read-only cache or an unmarshallable state only costs speed
