"""The words of the en_US spelling dictionary, looked up without loading enchant.

Loading enchant and its en_US dictionary takes about 35 ms, a sixth of a one-article run,
and most articles' English words are common ones. ``resources/words/en_US-words.txt`` holds
every word hunspell's en_US dictionary accepts (its stems with their affixes applied, each
one checked with enchant when the file was made; see ``hunspell_words``), sorted, one a
line, possessives (``Google's``, ``it's``) included. The spelling rule asks this file first and loads
enchant only for a word the file lacks, so a word it finds is one enchant would accept.
"""

from __future__ import annotations

import threading
from pathlib import Path

from ..resources import resource_path

WORDS_FILE = ("words", "en_US-words.txt")


class SortedWords:
    """A sorted file of words, one a line, searched in place.

    A set of its 167,000 words would take about 10 ms to build and 10 MB to hold; a binary
    search over the file's bytes reads some 17 lines a word. A file that cannot be read
    holds no words (enchant then decides every word, as it did before the file existed).
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._data: bytes | None = None
        self._lock = threading.Lock()

    def _bytes(self) -> bytes:
        data = self._data
        if data is None:
            with self._lock:
                if self._data is None:
                    try:
                        self._data = self._path.read_bytes()
                    except OSError:
                        self._data = b""
                data = self._data
        return data

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        try:
            key = word.encode("ascii")
        except UnicodeEncodeError:
            return False
        data = self._bytes()
        lo, hi = 0, len(data)  # both always at the start of a line (or the end)
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1 or lo
            end = data.find(b"\n", start, hi)
            if end < 0:
                end = hi
            line = data[start:end]
            if line == key:
                return True
            if line < key:
                lo = end + 1
            else:
                hi = start
        return False


_words = SortedWords(resource_path(*WORDS_FILE))


def in_dictionary(word: str) -> bool:
    """True when en_US surely accepts ``word`` as written: it is in the file, or it is
    capitalized and its lower case is (as hunspell accepts ``Cloud`` for ``cloud``, but not
    ``amazon`` for ``Amazon``). False means "ask enchant", not "misspelled"."""
    word = word.replace("’", "'")  # hunspell's ICONV for en_US
    return word in _words or (word[:1].isupper() and word.lower() in _words)
