"""Sentence splitting for Japanese prose, in the manner of textlint's sentence-splitter.

A sentence ends after 。．？！ (or ? ! . followed by white space or the end); a full stop
inside 「」『』（）() brackets or quotes does not end the outer sentence. A line break
ends a sentence only when it follows a closing punctuation or the line is blank.
"""
from __future__ import annotations

FULL_STOPS = frozenset("。．？！?!")
OPENERS = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〔": "〕", "“": "”"}
CLOSERS = frozenset(OPENERS.values())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences in ``text``, stripped of surrounding spaces."""
    spans: list[tuple[int, int]] = []
    depth: list[str] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in OPENERS:
            depth.append(OPENERS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch in CLOSERS and not depth:
            pass
        elif not depth and (ch in FULL_STOPS or (ch == "." and (i + 1 == n or text[i + 1] in " \n\t"))):
            # Swallow runs such as "！？" or "。」".
            j = i + 1
            while j < n and (text[j] in FULL_STOPS or text[j] in CLOSERS):
                j += 1
            if ch in "?!" and j < n and text[j] not in " \n\t":
                i = j
                continue
            spans.append((start, j))
            start = j
            i = j
            continue
        elif ch == "\n" and i + 1 < n and text[i + 1] == "\n":
            spans.append((start, i))
            start = i
            depth.clear()
        i += 1
    if start < n:
        spans.append((start, n))
    out = []
    for s, e in spans:
        while s < e and text[s] in " \t\n\u3000":
            s += 1
        while e > s and text[e - 1] in " \t\n\u3000":
            e -= 1
        if e > s:
            out.append((s, e))
    return out
