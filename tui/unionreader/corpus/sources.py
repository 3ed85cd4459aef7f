"""Finding page-dump files and turning their bytes into clean text."""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Problem

TEXT_SUFFIXES = frozenset({".txt", ".md"})

# Escape sequences (CSI, OSC, single-character) a file may carry; removed whole, not just the ESC.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# Form feeds (\f) are kept: they mark page boundaries, which the parser reads as evidence.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b\ufeff]")
_FORM_FEED = re.compile(r"[ \t]*\f+[ \t]*")


class SourceError(Exception):
    """A file that cannot be read as text; `problem` says which and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file found on disk, by the path as the user should see it."""

    display: str

    @property
    def path(self) -> Path:
        return Path(self.display)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def find_files(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[SourceFile], list[Problem]]:
    """Expand files and folders into page-dump files, in a stable order.

    Returns the files and the problems met (each a message naming the path). Folders are walked
    recursively for .txt and .md files; hidden entries are skipped; a symlinked folder is
    followed once, so loops end. A file named explicitly is read whatever its suffix.
    Missing paths raise FileNotFoundError so that the caller can stop with a usage error.
    """
    found: list[SourceFile] = []
    problems: list[Problem] = []
    seen_files: set[str] = set()
    seen_dirs: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(f"no such file or folder: {raw}")
        if path.is_dir():
            for file, real in _walk(str(path), seen_dirs, problems):
                _add(found, seen_files, file, real)
        elif path.is_file():
            _add(found, seen_files, str(path), os.path.realpath(path))
        else:
            problems.append(Problem("not-a-file", str(raw)))
    return found, problems


def _add(found: list[SourceFile], seen: set[str], path: str, real: str) -> None:
    if real in seen:
        return
    seen.add(real)
    found.append(SourceFile(path))


def _walk(folder: str, seen_dirs: set[str], problems: list[Problem]) -> Iterator[tuple[str, str]]:
    """(path, real path) of each text file under a folder, in natural order.

    A plain file's real path is its real folder's plus its name: only links are resolved
    (a folder of 20,000 files is walked in a few tens of milliseconds).
    """
    real = os.path.realpath(folder)
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: _natural_key(e.name))
    except OSError as exc:
        problems.append(Problem("unreadable-folder", folder, str(exc.strerror or exc)))
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        # as pathlib would spell it: "p1.txt", not "./p1.txt", under the current folder
        path = name if folder == "." else entry.path
        try:
            if entry.is_dir():
                yield from _walk(path, seen_dirs, problems)
            elif entry.is_file() and os.path.splitext(name)[1].lower() in TEXT_SUFFIXES:
                link = entry.is_symlink()
                yield (
                    path,
                    (os.path.realpath(entry.path) if link else os.path.join(real, name)),
                )
        except OSError as exc:
            problems.append(Problem("unreadable", entry.path, str(exc.strerror or exc)))


_DIGITS = re.compile(r"(\d+)")


def _natural_key(name: str) -> list[object]:
    parts = _DIGITS.split(name.lower())
    key: list[object] = list(parts)
    key[1::2] = [int(p) for p in parts[1::2]]
    return key


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError as exc:
        raise SourceError(Problem("permission", str(path))) from exc
    except IsADirectoryError as exc:
        raise SourceError(Problem("is-folder", str(path))) from exc
    except OSError as exc:
        raise SourceError(Problem("unreadable", str(path), str(exc.strerror or exc))) from exc


def decode(data: bytes, name: str = "file") -> Decoded:
    """Decode a page dump without being told its encoding, then normalise it.

    Tries, in order: a byte-order mark (UTF-8, UTF-16, UTF-32), strict UTF-8, UTF-16 without a
    mark, then GB18030 and Big5, choosing between the last two by how ordinary the decoded
    characters are. Binary data raises SourceError.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(normalise(data.decode(encoding)), encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(Problem("damaged-text", name, encoding)) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _reject_binary(text, name)
        return Decoded(normalise(text), "utf-8")
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return Decoded(normalise(utf16), "utf-16")
    if b"\x00" in data:
        raise SourceError(Problem("binary", name))
    candidates = []
    for encoding in ("gb18030", "big5"):
        try:
            candidates.append((_plausibility(data.decode(encoding), encoding), encoding))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise SourceError(Problem("unknown-encoding", name))
    _score, encoding = max(candidates)
    text = data.decode(encoding)
    _reject_binary(text, name)
    return Decoded(normalise(text), encoding)


# Control chars but the line breaks, tab, escape and form feed (what counts as binary)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def _reject_binary(text: str, name: str) -> None:
    sample = text[:4096]
    if not sample:
        return
    if "\x00" in sample:
        raise SourceError(Problem("binary", name))
    # the controls counted in C (a regex), not char by char: most pages have none
    controls = len(_CONTROLS.findall(sample))
    if controls / len(sample) > 0.05:
        raise SourceError(Problem("control-bytes", name))


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: only tried for data with NUL bytes, which text in
    the single- and multi-byte encodings never has."""
    if len(data) < 2 or len(data) % 2 or b"\x00" not in data:
        return None
    best: tuple[float, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = sum(1 for ch in text if _ordinary(ch)) / len(text)
        if best is None or score > best[0]:
            best = (score, text)
    return best[1] if best and best[0] > 0.9 else None


def _ordinary(ch: str) -> bool:
    """ASCII text, CJK ideographs and CJK or full-width punctuation: what news pages are made of."""
    return (
        " " <= ch <= "~"
        or ch in "\n\r\t"
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or "\u2010" <= ch <= "\u2027"
    )


def _plausibility(text: str, encoding: str) -> float:
    """Share of Han characters that fall in the encoding's frequent-character block."""
    han = 0
    common = 0
    for ch in text[:20000]:
        if "\u4e00" <= ch <= "\u9fff":
            han += 1
            try:
                raw = ch.encode("gb2312" if encoding == "gb18030" else "big5")
            except UnicodeEncodeError:
                continue
            lead = raw[0]
            # GB2312 level-1 Hanzi: lead bytes 0xB0-0xD7; Big5 frequent Hanzi: 0xA4-0xC6.
            if (encoding == "gb18030" and 0xB0 <= lead <= 0xD7) or (
                encoding == "big5" and 0xA4 <= lead <= 0xC6
            ):
                common += 1
        elif "\ue000" <= ch <= "\uf8ff":
            han += 1  # private-use characters: a sign of the wrong encoding
    return common / han if han else 0.5


def normalise(text: str) -> str:
    """LF line ends, NFC, no control characters but newline and tab, each form feed on its own line.

    A form feed (a page boundary in pdftotext and print dumps) is kept as a line holding only
    "\f", so the text on either side of it stays on lines of its own.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    if "\f" in text:
        text = _FORM_FEED.sub("\n\f\n", text)
    return unicodedata.normalize("NFC", text)
