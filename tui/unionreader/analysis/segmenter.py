"""The one word cutter: jieba's dictionary and model, cut by jieba-rs, with our words."""

from __future__ import annotations

import marshal
import os
import re
import tempfile
import threading
from array import array
from functools import cache
from importlib import resources
from typing import Any

# Bump when the cached form of the dictionary changes.
_DICTIONARY_CACHE_VERSION = 1

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


def _dictionary(folder: str) -> tuple[dict[str, str], dict[str, int]]:
    """POS tag and frequency of each word of jieba's main dictionary, cached in the user cache dir.

    The cache holds the words as one string and the counts and tags as packed arrays: rebuilding
    the two tables from it takes a quarter of the time unmarshalling them whole does.
    """
    import jieba

    dict_path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    try:
        stat = os.stat(dict_path)
        key = (_DICTIONARY_CACHE_VERSION, dict_path, stat.st_size, int(stat.st_mtime))
    except OSError:
        key = (_DICTIONARY_CACHE_VERSION, dict_path, 0, 0)
    cache_path = os.path.join(folder, "jieba-words.marshal")
    try:
        with open(cache_path, "rb") as fh:
            stored_key, joined, counts, names, kinds = marshal.load(fh)
        if tuple(stored_key) == key:
            words = joined.split("\n")
            freq = dict(zip(words, array("q", counts), strict=True))
            tags = dict(zip(words, map(names.__getitem__, kinds), strict=True))
            return tags, freq
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        pass
    tags, freq = {}, {}
    with open(dict_path, "rb") as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 3:
                freq[parts[0]] = int(parts[1])
                tags[parts[0]] = parts[2]
    names = tuple(sorted(set(tags.values())))
    number = {name: i for i, name in enumerate(names)}
    packed = (
        key,
        "\n".join(freq),
        array("q", freq.values()).tobytes(),
        names,
        bytes(number[tag] for tag in tags.values()),
    )
    try:
        # Write then rename: another process reading meanwhile sees the old file or the new one.
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".jieba-words")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(packed, fh)
        os.replace(tmp, cache_path)
    except OSError:
        pass
    return tags, freq


def _user_words(cutter: Any, tags: dict[str, str], freq: dict[str, int]) -> None:
    """Add our people, place names and name suffixes to the dictionary, once, with their tags."""

    def add(word: str, count: int, tag: str) -> None:
        cutter.add_word(word, count, tag)
        freq[word] = count

    for word in lexicon_words("places"):
        if not freq.get(word):
            add(word, 2000, "ns")
        tags[word] = "ns"
    for word in lexicon_words("people"):
        if not freq.get(word):
            add(word, 2000, "nr")
        tags[word] = "nr"
    for word in lexicon_words("organisations"):
        if not freq.get(word):
            add(word, 1000, "nt")
        tags[word] = "nt"
    for name in ("org_suffixes", "place_suffixes"):
        for word in lexicon_words(name):
            if len(word) > 1 and not freq.get(word):
                add(word, 500, "n")
                tags.setdefault(word, "n")
    for word in lexicon_words("not_names"):
        if tags.get(word, "").startswith(("nr", "ns", "nt")):
            tags[word] = "n"


def _load() -> dict[str, Any]:
    with _lock:
        if _state:
            return _state
        import rjieba

        tags, freq = _dictionary(cache_dir())
        cutter = rjieba.Jieba()
        _user_words(cutter, tags, freq)
        _state.update(cutter=cutter, tags=tags, freq=freq)
        return _state


# jieba-rs keeps a run of Latin letters, digits and '+#&._%-' whole ("f-22", "93-110"), where
# jieba splits it into letter-and-digit runs and the marks between; the tagger learned jieba's.
_MIXED = re.compile(r"[A-Za-z0-9]*[+#&._%-][A-Za-z0-9+#&._%-]*")
_MARKED = re.compile(r"[A-Za-z0-9][+#&._%-]|[+#&._%-][A-Za-z0-9]")
_RUNS = re.compile(r"[a-zA-Z0-9]+(?:\.\d+)?%?|[^a-zA-Z0-9]+")


def _as_jieba(words: list[str], freq: dict[str, int]) -> list[str]:
    out: list[str] = []
    for word in words:
        if word.isascii() and len(word) > 1 and _MIXED.fullmatch(word) and word not in freq:
            out.extend(_RUNS.findall(word))  # not C++ or AT&T: jieba's dictionary has those
        else:
            out.append(word)
    return out


def cut(text: str) -> list[str]:
    """jieba's default cut (dictionary plus HMM for unknown words); every character is kept.

    jieba-rs does the cutting, with jieba's dictionary and model, several times faster.
    """
    state = _load()
    words = state["cutter"].cut(text)
    return _as_jieba(words, state["freq"]) if _MARKED.search(text) else words


def word_tags() -> dict[str, str]:
    """POS tag of each dictionary word (nr person, ns place, nt organisation, n noun, v verb...)."""
    return _load()["tags"]


def word_freq() -> dict[str, int]:
    """Dictionary frequency of each word; 0 or missing for words the dictionary does not hold."""
    return _load()["freq"]
