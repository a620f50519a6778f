"""Property tests of the exporter on generated-like drafts.

Drafts are built from Japanese paragraphs, with runs of them repeated (as a generator that
restarts a chunk does) and chunk markers put between paragraphs or inside one (cutting a
sentence). Whatever the draft, no sentence is lost without a reported change, and exporting
the export changes nothing.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_studio.rules import Document, export_post
from article_studio.rules.reading.document import MARKER_RE
from article_studio.rules.reading.prose import normalize

SENTENCES = [
    "大規模言語モデルの学習には膨大な計算資源が必要です。",
    "各社は独自のAIチップを開発し、コストと効率の改善を競っています。",
    "ソフトウェアの互換性は、ハードウェアの性能と同じくらい重要な要素です。",
    "開発者は複数のプラットフォームを使い分ける柔軟性を求められています。",
    "データの扱いについては、プライバシーとセキュリティへの配慮が欠かせません。",
    "エッジでの推論は、遅延を減らし通信量を抑える効果があります。",
    "量子コンピューティングの実用化には、まだ多くの課題が残されています。",
    "規制の動向を把握することは、企業にとって重要な経営課題になりました。",
    "オープンソースのモデルは、研究者が最新の成果に触れる機会を広げています。",
    "電力消費の削減は、環境負荷の面からも避けて通れない課題です。",
]
HEADER = '---\nlayout: post\ntitle: "AIチップの動向"\ndate: 2025-10-26 10:00:00 +0900\nreading_time: 9\n---\n\n'
MARKER = "---END---"

paragraph = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map("".join)


@st.composite
def drafts(draw) -> str:
    paragraphs = draw(st.lists(paragraph, min_size=2, max_size=7))
    # A generator that restarts writes a run of earlier paragraphs again.
    if draw(st.booleans()):
        start = draw(st.integers(0, len(paragraphs) - 1))
        length = draw(st.integers(1, len(paragraphs) - start))
        at = draw(st.integers(start + length, len(paragraphs)))
        paragraphs[at:at] = paragraphs[start : start + length]
    parts: list[str] = []
    for p in paragraphs:
        if len(p) > 10 and draw(st.integers(0, 4)) == 0:
            cut = draw(st.integers(3, len(p) - 3))  # a marker inside the paragraph cuts a sentence
            parts.extend([p[:cut], MARKER, p[cut:]])
        else:
            parts.append(p)
        if draw(st.integers(0, 3)) == 0:
            parts.append(MARKER)
    return HEADER + "\n\n".join(parts) + "\n"


def _unaccounted(source: str, result) -> list[str]:
    out = normalize(result.text)
    lost = []
    for s in Document(source).sentences:
        if MARKER_RE.fullmatch(s.text.strip()):
            continue
        if normalize(s.text) in out:
            continue
        if any(c.start < s.end and s.start < c.end for c in result.changes):
            continue
        lost.append(s.text)
    return lost


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts(), st.booleans())
def test_no_sentence_lost_unreported_and_idempotent(draft, unsafe):
    path = "blog/_posts/2025-10-26-draft.md"
    result = export_post(draft, path, unsafe=unsafe)
    assert not MARKER_RE.search(result.text)
    assert _unaccounted(draft, result) == []
    for change in result.changes:
        assert 0 <= change.start <= change.end <= len(draft)
        if change.step not in ("fix", "stitch", "reading-time"):
            # What a removal reports is the input's text there (less markers an earlier pass took).
            removed = normalize(MARKER_RE.sub("", change.removed))
            assert removed in normalize(MARKER_RE.sub("", draft[change.start : change.end]))
    again = export_post(result.text, path, unsafe=unsafe)
    assert again.text == result.text
    assert again.changes == []
