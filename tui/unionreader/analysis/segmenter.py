"""The one place jieba is loaded: lazily, quietly, cached in the user cache dir, with our words."""

from __future__ import annotations

import logging
import marshal
import os
import tempfile
import threading
from functools import cache
from importlib import resources
from typing import Any

# Bump when the words added to the dictionary change, so a stale tag cache is rebuilt.
_TAGS_CACHE_VERSION = 1

_lock = threading.RLock()
_state: dict[str, Any] = {}


@cache
def lexicon_words(name: str) -> tuple[str, ...]:
    """The entries of a shipped word list (lexicon/NAME.txt), without comments and blanks."""
    folder = resources.files(__package__).joinpath("lexicon")
    text = folder.joinpath(f"{name}.txt").read_text("utf-8")
    words = (line.strip() for line in text.splitlines())
    return tuple(w for w in words if w and not w.startswith("#"))


def cache_dir() -> str:
    import platformdirs

    path = platformdirs.user_cache_dir("unionreader")
    os.makedirs(path, exist_ok=True)
    return path


def _silence(jieba: Any) -> None:
    # jieba logs "Building prefix dict..." to stderr through its own handler; keep it off the
    # user's terminal whatever the root logger says.
    logger = jieba.default_logger
    logger.setLevel(logging.CRITICAL + 10)
    logger.propagate = False
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(logging.NullHandler())


def _dictionary_tags(tokenizer: Any, folder: str) -> dict[str, str]:
    """word -> POS tag of jieba's main dictionary, cached as marshal next to its prefix dict."""
    import jieba

    dict_path = tokenizer.dictionary or os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    if os.path.isabs(dict_path) and os.path.exists(dict_path):
        stat = os.stat(dict_path)
        key = (_TAGS_CACHE_VERSION, dict_path, stat.st_size, int(stat.st_mtime))
    else:
        key = (_TAGS_CACHE_VERSION, str(dict_path), 0, 0)
    cache_path = os.path.join(folder, "jieba-tags.marshal")
    try:
        with open(cache_path, "rb") as fh:
            stored_key, tags = marshal.load(fh)
        if tuple(stored_key) == key and isinstance(tags, dict):
            return tags
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tags = {}
    with tokenizer.get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 3:
                tags[parts[0]] = parts[2]
    try:
        # Write then rename: another process reading meanwhile sees the old file or the new one.
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".jieba-tags")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump((key, tags), fh)
        os.replace(tmp, cache_path)
    except OSError:
        pass
    return tags


def _user_words(tokenizer: Any, tags: dict[str, str]) -> None:
    """Add our people, place names and name suffixes to the dictionary, once, with their tags."""
    freq = tokenizer.FREQ
    for word in lexicon_words("places"):
        if not freq.get(word):
            tokenizer.add_word(word, 2000, "ns")
        tags[word] = "ns"
    for word in lexicon_words("people"):
        if not freq.get(word):
            tokenizer.add_word(word, 2000, "nr")
        tags[word] = "nr"
    for word in lexicon_words("organisations"):
        if not freq.get(word):
            tokenizer.add_word(word, 1000, "nt")
        tags[word] = "nt"
    for name in ("org_suffixes", "place_suffixes"):
        for word in lexicon_words(name):
            if len(word) > 1 and not freq.get(word):
                tokenizer.add_word(word, 500, "n")
                tags.setdefault(word, "n")
    for word in lexicon_words("not_names"):
        if tags.get(word, "").startswith(("nr", "ns", "nt")):
            tags[word] = "n"


def _load() -> dict[str, Any]:
    with _lock:
        if _state:
            return _state
        import jieba

        _silence(jieba)
        folder = cache_dir()
        tokenizer = jieba.dt
        tokenizer.tmp_dir = folder
        tokenizer.cache_file = "jieba.cache"
        tokenizer.initialize()
        tags = _dictionary_tags(tokenizer, folder)
        _user_words(tokenizer, tags)
        _state.update(tokenizer=tokenizer, tags=tags, freq=tokenizer.FREQ)
        return _state


def cut(text: str) -> list[str]:
    """jieba's default cut (dictionary plus HMM for unknown words); every character is kept."""
    return _load()["tokenizer"].lcut(text)


def word_tags() -> dict[str, str]:
    """POS tag of each dictionary word (nr person, ns place, nt organisation, n noun, v verb...)."""
    return _load()["tags"]


def word_freq() -> dict[str, int]:
    """Dictionary frequency of each word; 0 or missing for words the dictionary does not hold."""
    return _load()["freq"]
