from __future__ import annotations

import re
import sys
import threading
from functools import lru_cache
from pathlib import Path

from ...engine.options import Option, Options
from ...engine.registry import Rule
from ...resources import resource_path

# Marks whose text is not prose: inline code, math, raw HTML, images.
_SKIPPED_MARKS = frozenset({"code", "math", "html", "image"})

# A run of ASCII "word-ish" characters; the whole run is judged before splitting into words,
# so URLs, paths, e-mail addresses, identifiers and versions are recognised and left alone.
_RUN = re.compile(r"[A-Za-z0-9_.\-/@:#+~%=?&'’\\]+")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_NOT_PROSE = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://|www\.)"  # URL
    r"|@|_|/|\\|::|#|=|\?|&|%|~"  # e-mail, identifier, path, code
    r"|[A-Za-z]\.[A-Za-z]"  # file.ext, example.com, obj.attr
    r"|[0-9]"  # versions, sizes, words with digits
    r"|\+[A-Za-z]",  # LuaLaTeX+boldsymbol: a compound name
    re.I,
)

_LATIN_EXTRA = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")

_lock = threading.Lock()
_warned = False


def _warn_once(message: str) -> None:
    global _warned
    with _lock:
        if _warned:
            return
        _warned = True
    print(f"article-lint: {message}", file=sys.stderr)


@lru_cache(maxsize=1)
def _enchant_dict():
    """The en_US dictionary, or None (after one note on stderr) when enchant is unusable."""
    try:
        import enchant
    except Exception as exc:  # ImportError, or OSError when the C library is missing
        _warn_once(f"spelling (TM003) skipped: pyenchant is not available ({exc})")
        return None
    try:
        return enchant.Dict("en_US")
    except Exception as exc:  # DictNotFoundError
        _warn_once(f"spelling (TM003) skipped: no en_US dictionary for enchant ({exc})")
        return None


def _read_words(path: Path) -> set[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.lower())
    return words


@lru_cache(maxsize=1)
def shipped_words() -> frozenset[str]:
    """The tech word list plus the Latin words of the trademark dictionary, lower case."""
    words = _read_words(resource_path("words", "tech-words.txt"))
    try:
        from ...terminology.prh import load_dictionary

        for rule in load_dictionary(resource_path("prh", "terms", "trademark.yml")).rules:
            words.update(w.lower() for w in _WORD.findall(rule.expected))
    except Exception:  # the word list still works without the dictionary
        pass
    return frozenset(words)


@lru_cache(maxsize=64)
def _project_words(words: tuple[str, ...], words_file: str | None) -> frozenset[str]:
    out = {w.strip().lower() for w in words if w.strip()}
    if words_file:
        try:
            out |= _read_words(Path(words_file))
        except (OSError, UnicodeDecodeError) as exc:
            _warn_once(f"spelling (TM003): cannot read words-file {words_file}: {exc}")
    return frozenset(out)


class _Checker:
    """enchant with a per-word cache; the cache lives as long as the process."""

    def __init__(self, dictionary):
        self.dictionary = dictionary
        self.known: dict[str, bool] = {}
        self.suggested: dict[str, tuple[str, ...]] = {}

    def ok(self, word: str) -> bool:
        hit = self.known.get(word)
        if hit is None:
            d = self.dictionary
            hit = d.check(word) or (word[0].isupper() and d.check(word.lower()))
            self.known[word] = hit
        return hit

    def likely_typo(self, word: str) -> bool:
        """For a Capitalized word: a common word one edit away (``Aquisition``) says typo;
        otherwise it is taken for a name (``Langevin``, ``Watanabe``)."""
        if len(word) < 7:
            return False
        return any(
            _distance(word.lower(), s.lower()) == 1 and self.dictionary.check(s.lower()) for s in self.suggest(word, 5)
        )

    def suggest(self, word: str, limit: int) -> tuple[str, ...]:
        hit = self.suggested.get(word)
        if hit is None:
            hit = tuple(s for s in self.dictionary.suggest(word) if " " not in s)[:limit]
            self.suggested[word] = hit
        return hit


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@lru_cache(maxsize=1)
def _checker() -> _Checker | None:
    d = _enchant_dict()
    return _Checker(d) if d is not None else None


def candidate_words(text: str):
    """(start, end, word) of the English words in ``text`` worth checking."""
    for run in _RUN.finditer(text):
        before = text[run.start() - 1] if run.start() else ""
        after = text[run.end()] if run.end() < len(text) else ""
        if _LATIN_EXTRA.match(before) or _LATIN_EXTRA.match(after):
            continue  # part of a word such as Português or Français
        chunk = run.group().strip(".-:'’+")
        if not chunk or _NOT_PROSE.search(chunk):
            continue
        base = run.start() + run.group().find(chunk)
        for m in _WORD.finditer(chunk):
            word = m.group()
            core = re.sub(r"['’]s$", "", word)
            if len(core) < 3:
                continue
            if any(c.isupper() for c in core[1:]):  # CamelCase, ALLCAPS, acronyms
                continue
            yield base + m.start(), base + m.end(), word


class Spelling(Rule):
    """An English word that is not in the dictionary.

    **What it does**: checks the English words of prose (not code, URLs, paths, e-mail
    addresses or link targets) with the ``en_US`` dictionary of enchant, plus a shipped list
    of tech words and product names (GitHub, TensorFlow, Kubernetes, Anthropic ...), the
    product names of the prh trademark dictionary, and the project's own words
    (``words = [...]`` and ``words-file`` in the config; one word a line, ``#`` comments).
    CamelCase words, ALLCAPS acronyms, words with digits and words shorter than three
    letters are never reported. When enchant or its ``en_US`` dictionary is missing, the rule
    says so once on stderr and is skipped.

    **Why**: a misspelled English word in a Japanese article (``recieve``, ``enviroment``)
    is easy to miss when proofreading the Japanese around it.

    **Example**::

        この関数は値をrecieveしてから処理します。   →  recieve: did you mean receive?

    **Fix**: enchant's suggestions are offered as quick fixes (never applied by ``--fix``).
    A correct word the dictionary does not know belongs in ``words`` in the config.

    Options: ``suggestions`` (how many to offer, default 3).
    """

    code = "TM003"
    name = "spelling"
    severity = "warning"
    options = Options(
        Option("suggestions", 3, "Most spelling suggestions offered."),
    )
    fixes = "suggestion"
    second_process = True

    def check(self, doc, ctx):
        checker = _checker()
        if checker is None:
            return
        cfg = ctx.config
        words_file = str(cfg.resolve(cfg.words_file)) if getattr(cfg, "words_file", None) else None
        allowed = shipped_words() | _project_words(tuple(cfg.words or ()), words_file)
        limit = int(ctx.options.get("suggestions", 3))
        for block in doc.prose_blocks():
            text = block.text
            if not any("a" <= c.lower() <= "z" for c in text):
                continue
            skipped = [(m.start, m.end) for m in block.marks if m.kind in _SKIPPED_MARKS]
            for start, end, word in candidate_words(text):
                if any(s <= start < e for s, e in skipped):
                    continue
                lower = word.lower()
                if lower in allowed or re.sub(r"['’]s$", "", lower) in allowed or checker.ok(word):
                    continue
                if word[0].isupper() and not checker.likely_typo(word):
                    continue
                s, e = block.source_span(start, end)
                if doc.text[s:e] != word:
                    continue  # escapes or entities inside: not a plain word in the source
                suggestions = checker.suggest(word, limit)
                hint = (
                    ctx.msg(ja=f"（{suggestions[0]} の誤りではありませんか）", en=f": did you mean {suggestions[0]}?")
                    if suggestions
                    else ""
                )
                yield ctx.report(
                    s,
                    e,
                    ctx.msg(ja=f"「{word}」は辞書にない英単語です{hint}。", en=f"Unknown English word '{word}'{hint}"),
                    suggestions=[
                        ctx.replace(
                            s, e, sug, "display", ctx.msg(ja=f"「{sug}」に置き換える", en=f"Replace with {sug}")
                        )
                        for sug in suggestions
                    ],
                )
