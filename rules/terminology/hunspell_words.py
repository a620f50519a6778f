"""Expanding a hunspell dictionary into the words it accepts: how ``en_US-words.txt`` is made.

A hunspell dictionary is a list of stems (``process/AGDS``) and affix rules (``SFX G e ing e``:
flag G drops a final ``e`` and adds ``ing`` where the stem ends in ``e``). Applying each stem's
suffixes and prefixes, and a prefix to a suffixed form where both rules allow it, gives the
words it accepts. Only maintainers run this (``python -m article_studio.rules.cli.generate
english-words``); the spelling rule reads the file it wrote (see ``english_words``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

# Debian's hunspell-en-us puts the dictionary here.
SYSTEM_DICTIONARY = Path("/usr/share/hunspell/en_US")
# Words the spelling rule can ask about: letters, and the apostrophes of contractions.
_LISTED = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")


@dataclass
class AffixRule:
    """One affix flag: its entries (strip, add, condition), and whether it combines with the
    affixes of the other kind (``cross``)."""

    prefix: bool
    cross: bool
    entries: list[tuple[str, str, re.Pattern[str]]] = field(default_factory=list)

    def apply(self, stem: str) -> list[str]:
        out = []
        for strip, add, condition in self.entries:
            if self.prefix:
                if stem.startswith(strip) and condition.match(stem):
                    out.append(add + stem[len(strip) :])
            elif stem.endswith(strip) and condition.search(stem):
                out.append(stem[: len(stem) - len(strip)] + add)
        return out


def parse_affixes(aff_text: str) -> dict[str, AffixRule]:
    """The PFX and SFX rules of an ``.aff`` file, by flag (one-character flags, as en_US uses)."""
    rules: dict[str, AffixRule] = {}
    for line in aff_text.splitlines():
        parts = line.split()
        if len(parts) < 4 or parts[0] not in ("PFX", "SFX"):
            continue
        kind, flag = parts[0], parts[1]
        if flag not in rules:  # the header: PFX flag cross count
            rules[flag] = AffixRule(prefix=kind == "PFX", cross=parts[2] == "Y")
            continue
        strip = "" if parts[2] == "0" else parts[2]
        add = "" if parts[3] == "0" else parts[3].split("/")[0]
        condition = parts[4] if len(parts) > 4 else "."
        pattern = re.compile("^" + condition if kind == "PFX" else condition + "$")
        rules[flag].entries.append((strip, add, pattern))
    return rules


def expand(aff_text: str, dic_text: str) -> set[str]:
    """Every word the dictionary's stems and affixes make."""
    rules = parse_affixes(aff_text)
    words: set[str] = set()
    for line in dic_text.splitlines()[1:]:  # the first line is the count
        fields = line.split()  # stem/FLAGS, then optional morphological fields
        if not fields:
            continue
        stem, _, flags = fields[0].partition("/")
        if not stem:
            continue
        words.add(stem)
        suffixed: list[str] = []
        for flag in flags:
            rule = rules.get(flag)
            if rule is None:
                continue
            forms = rule.apply(stem)
            words.update(forms)
            if not rule.prefix and rule.cross:
                suffixed.extend(forms)
        for flag in flags:
            rule = rules.get(flag)
            if rule is not None and rule.prefix and rule.cross:
                for form in suffixed:
                    words.update(rule.apply(form))
    return words


def render_english_words(dictionary: Path = SYSTEM_DICTIONARY) -> str:
    """``en_US-words.txt``: the expanded words of letters (and contractions) that enchant's
    en_US accepts, sorted; raises when enchant or the dictionary is missing."""
    import enchant

    aff = dictionary.with_suffix(".aff").read_text(encoding="utf-8")
    dic = dictionary.with_suffix(".dic").read_text(encoding="utf-8")
    checker = enchant.Dict("en_US")
    words = sorted(w for w in expand(aff, dic) if _LISTED.fullmatch(w) and checker.check(w))
    return "".join(w + "\n" for w in words)


def source_digest(dictionary: Path = SYSTEM_DICTIONARY) -> str:
    """SHA-256 of the ``.aff`` and ``.dic`` files, as ``LICENSE-en_US-words.txt`` beside the word file records."""
    digest = hashlib.sha256()
    for suffix in (".aff", ".dic"):
        digest.update(dictionary.with_suffix(suffix).read_bytes())
    return digest.hexdigest()
