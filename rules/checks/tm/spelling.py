from __future__ import annotations

import os
import re
import sys
import sysconfig
import threading
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...resources import resource_path
from ...terminology.english_words import in_dictionary
from ...terminology.terms import typo_like

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

# Words that two words run together begin or end with (ofsomething, interrogatingan, meanthe).
_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "to", "in", "on", "is", "it", "and", "or", "for", "with", "as", "at", "by"}
)
_SMALL_LEADS = frozenset({"of", "the", "to"})
# British spellings, with the American ending the en_US dictionary knows.
_BRITISH = (
    (re.compile(r"ence(s?)$"), r"ense\1"),  # licence, defence
    (re.compile(r"ll(ing|ed|er|ers)$"), r"l\1"),  # labelling, travelled
    (re.compile(r"our(s?|ed|ing|ite|ites|able)$"), r"or\1"),  # colour, behaviour, favourite
    (re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"),  # organise, initialisation
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),  # analyse
    (re.compile(r"tre(s?)$"), r"ter\1"),  # centre
    (re.compile(r"ogue(s?)$"), r"og\1"),  # catalogue
    (re.compile(r"mme(s?)$"), r"m\1"),  # programme
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


# Where Linux distributions put libenchant 2, by its soname.
_ENCHANT_SONAME = "libenchant-2.so.2"


def _enchant_library() -> str | None:
    """The path of libenchant on Linux, if it is where the distribution puts libraries.

    pyenchant finds the library with ``ctypes.util.find_library``, which on Linux runs
    ``ldconfig -p`` in a subprocess: 20 ms, a tenth of a one-article run. Told the path (its
    ``PYENCHANT_LIBRARY_PATH``), it loads it directly; elsewhere it searches as it always has."""
    if not sys.platform.startswith("linux") or os.environ.get("PYENCHANT_LIBRARY_PATH"):
        return None
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    folders = [f"/usr/lib/{multiarch}", f"/lib/{multiarch}"] if multiarch else []
    for folder in (*folders, "/usr/lib64", "/usr/lib", "/usr/local/lib"):
        path = os.path.join(folder, _ENCHANT_SONAME)
        if os.path.isfile(path):
            return path
    return None


def _import_enchant():
    """``import enchant``, with the library's path given when it is known (see above); the
    environment is left as it was."""
    path = _enchant_library()
    if path is None:
        import enchant

        return enchant
    os.environ["PYENCHANT_LIBRARY_PATH"] = path
    try:
        import enchant
    finally:
        del os.environ["PYENCHANT_LIBRARY_PATH"]
    return enchant


@lru_cache(maxsize=1)
def _enchant_dict():
    """The en_US dictionary, or None (after one note on stderr) when enchant is unusable."""
    try:
        enchant = _import_enchant()
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
    from ...terminology._shipped_terms import TRADEMARKS  # trademark.yml's, generated from it

    words = _read_words(resource_path("words", "tech-words.txt"))
    for expected in TRADEMARKS:
        words.update(w.lower() for w in _WORD.findall(expected))
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

    def likely_typo(self, word: str, min_capitalized: int = 7) -> bool:
        """True when an unknown word looks like a known word mistyped rather than a name.

        An unknown word in a Japanese article is far more often a name (a person, a command, a
        package, a file format: Langevin, lzip, gpg, initramfs) than a typo, so it is reported
        only when it is one slip of the keyboard away from a common word (``typo_like``:
        recieve, undeined, argumetns, Aquisition), is two words run together whose first or
        last is a small word (ofsomething, meanthe), or a contraction without its apostrophe
        (thats). Names are rarely that close to a word;
        a lower-case word of 4-5 letters is reported only for two swapped letters (wehn), and a
        British spelling (licence, labelling) is not a typo.
        """
        if surely_a_name(word, 1) or self._british(word):
            return False
        lower = word.lower()
        capitalized = word[0].isupper()
        min_len = min_capitalized if capitalized else 6
        for s in self.suggest(word, 8):
            if " " in s or "-" in s:
                if len(word) >= 6 and self._run_together(lower, s.replace("-", " ")):
                    return True
                continue
            if not capitalized and "'" in s and s.replace("'", "") == lower and len(word) >= 4:
                return True  # a contraction without its apostrophe (thats, doesnt)
            candidate = s.lower()
            if not self.dictionary.check(candidate):
                continue  # a name suggested for a name
            if len(word) >= min_len and typo_like(lower, candidate, last_letter=False):
                return True
            if not capitalized and 4 <= len(word) < min_len and _swapped(lower, candidate):
                return True
        return False

    def _run_together(self, word: str, suggestion: str) -> bool:
        """``word`` is ``suggestion``, two words, without the space: one of them a small word
        at the end (meanthe), or of/the/to at the start (ofsomething); names begin with and,
        an, in... (Andoyer, Anderson, Inman), so those do not count at the start."""
        left, _, right = suggestion.lower().partition(" ")
        if left + right != word:
            return False
        if right in _SMALL_WORDS:
            return self.dictionary.check(left)
        return left in _SMALL_LEADS and self.dictionary.check(right)

    def _british(self, word: str) -> bool:
        lower = word.lower()
        for pattern, american in _BRITISH:
            variant = pattern.sub(american, lower)
            if variant != lower and self.dictionary.check(variant):
                return True
        return False

    def suggest(self, word: str, limit: int) -> tuple[str, ...]:
        hit = self.suggested.get(word)
        if hit is None:
            hit = tuple(s for s in self.dictionary.suggest(word) if " " not in s)[:limit]
            self.suggested[word] = hit
        return hit


# No capitalized word this short is taken for a typo: the checks of ``likely_typo`` that apply
# to one need 6 letters (two words run together) or 7 (one slip of the keyboard).
SHORTEST_CAPITALIZED_TYPO = 6


def surely_a_name(word: str, uses: int) -> bool:
    """True for a word missing from the dictionary that is never reported, whatever enchant
    suggests: capitalized, and shorter than any capitalized typo or written ``uses`` > 1
    times in the article (Siri, Jio, a Gartner the article names twice)."""
    return word[:1].isupper() and (len(word) < SHORTEST_CAPITALIZED_TYPO or uses > 1)


def _swapped(a: str, b: str) -> bool:
    """``a`` is ``b`` with two neighbouring letters after the first swapped (wehn, frmo)."""
    if len(a) != len(b) or a[:1] != b[:1]:
        return False
    diffs = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]


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


def _in_english_phrase(text: str, start: int, end: int) -> bool:
    """True when the word at ``text[start:end]`` has a Latin word beside it, one space away."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return bool(re.fullmatch(r"[A-Za-z] ", before) or re.fullmatch(r" [A-Za-z]", after))


def _code_words(doc) -> frozenset[str]:
    """The words, lower case, of the article's code: code blocks, inline code, and the
    addresses, paths and identifiers of its prose."""
    words: set[str] = set()
    for block in doc.blocks:
        if block.kind == "code":
            words.update(w.lower() for w in _WORD.findall(block.text))
        elif block.is_prose:
            for m in block.marks:
                if m.kind == "code":
                    words.update(w.lower() for w in _WORD.findall(block.text[m.start : m.end]))
            for run in _RUN.finditer(block.text):
                chunk = run.group().strip(".-:'’+")
                if chunk and _NOT_PROSE.search(chunk):
                    words.update(w.lower() for w in _WORD.findall(chunk))
    return frozenset(words)


class Spelling(Rule):
    """An English word that is not in the dictionary.

    **What it does**: checks the English words of prose (not code, URLs, paths, e-mail
    addresses or link targets) with the ``en_US`` dictionary of enchant, plus a shipped list
    of tech words and product names (GitHub, TensorFlow, Kubernetes, Anthropic ...), the
    product names of the prh trademark dictionary, and the project's own words
    (``words = [...]`` and ``words-file`` in the config; one word a line, ``#`` comments).
    CamelCase words, ALLCAPS acronyms, words with digits and words shorter than three
    letters are never reported. A word is first looked up in the en_US dictionary's words as
    shipped with the program (``resources/words/en_US-words.txt``), and enchant is loaded
    only for a word missing there. When enchant or its ``en_US`` dictionary is missing, the
    rule says so once on stderr, at the first such word, and reports nothing.

    An unknown word in a Japanese article is far more often a name than a typo: a person, a
    company, a command, a package, a file format (Gartner, lzip, gpg, initramfs, mbtiles). So
    a word is reported only when it looks mistyped: one slip of the keyboard inside a common
    word (undeined, argumetns, Aquisition), two words run together (ofsomething, meanthe), or
    a contraction without its apostrophe (thats). Not reported: British spellings (licence,
    labelling), words the article also writes as code (in a code block, inline code, a path
    or an identifier), a capitalized word the article uses more than once, and short
    capitalized words among Japanese text, which are names.

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

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        cfg = ctx.config
        words_file = str(cfg.resolve(cfg.words_file)) if getattr(cfg, "words_file", None) else None
        allowed = shipped_words() | _project_words(tuple(cfg.words or ()), words_file)
        limit = int(ctx.options["suggestions"])
        missing = []  # words in neither the dictionary's word file nor the known words
        for block in doc.prose_blocks():
            text = block.text
            if not any("a" <= c.lower() <= "z" for c in text):
                continue
            skipped = [(m.start, m.end) for m in block.marks if m.kind in _SKIPPED_MARKS]
            for start, end, word in candidate_words(text):
                if any(s <= start < e for s, e in skipped):
                    continue
                lower = word.lower()
                if lower in allowed or re.sub(r"['’]s$", "", lower) in allowed or in_dictionary(word):
                    continue
                missing.append((block, start, end, word))
        # A capitalized word the article repeats is a name (Stargate, Bowring), and so is a
        # short one. What is left goes to enchant, loaded only now: an article whose English
        # words are all common words or names never pays its 35 ms.
        uses = Counter(word for _, _, _, word in missing)
        missing = [m for m in missing if not surely_a_name(m[3], uses[m[3]])]
        if not missing:
            return
        checker = _checker()
        if checker is None:
            return
        code_words = None
        for block, start, end, word in missing:
            if checker.ok(word):
                continue
            # A capitalized word among Japanese words is most often a name (Gartnerによると):
            # only a long one close to a word is taken for a typo there (Aquisitionの処理).
            phrase = _in_english_phrase(block.text, start, end)
            if not checker.likely_typo(word, min_capitalized=7 if phrase else 8):
                continue
            if code_words is None:
                code_words = _code_words(doc)
            if word.lower() in code_words:
                continue  # the article writes it as code too: a name (rustls, vtable, setof)
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
                    ctx.replace(s, e, sug, "display", ctx.msg(ja=f"「{sug}」に置き換える", en=f"Replace with {sug}"))
                    for sug in suggestions
                ],
            )
