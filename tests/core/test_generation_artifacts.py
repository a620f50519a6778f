"""Generation artifacts the first rules missed: markers inside lines, leaked prompts, joined
chunks, near copies, and the human writing each must leave alone (issue 10)."""

from __future__ import annotations

from article_studio.rules import Config, Document, export_post, lint_text
from article_studio.rules.engine.fixer import apply_edits

HEADER = '---\nlayout: post\ntitle: "半導体の話"\ndate: 2025-10-26 10:00:00 +0900\nreading_time: 1\n---\n\n'
PATH = "blog/_posts/2025-10-26-draft.md"


def _findings(text: str, *codes: str) -> list:
    return lint_text(text, PATH, Config(select=list(codes)))


def _lines(text: str, *codes: str) -> list[int]:
    return sorted(d.line for d in _findings(text, *codes))


# -- AG001: a marker anywhere in a line ---------------------------------------------------

INLINE_MARKERS = (
    HEADER + "## 前半\n\n"
    "計算資源の確保は各社の課題です。電力の調達も欠かせません。 ---END---\n\n"  # line 10: after a sentence
    "## 中盤の見出し ---END---\n\n"  # line 12: inside a heading
    "冷却の方式も変わりつつあります。\n\n"
    "---END--- ### 後半の節\n\n"  # line 16: before the next chunk's heading
    "- 一覧の項目です ---END---\n\n"  # line 18: in a list item
    "データセンターの立地は重要です。 ---END--- 送電網の制約があるからです。\n"  # line 20: two chunks
)


def test_markers_anywhere_in_a_line_are_reported():
    assert _lines(INLINE_MARKERS, "AG001") == [10, 12, 16, 18, 20]


def test_a_marker_mentioned_in_quotes_or_code_is_not_reported():
    text = HEADER + (
        "生成器は各チャンクの末尾に「---END---」を付けます。\n\n区切りは `---END---` です。\n\n```\n---END---\n```\n"
    )
    assert _findings(text, "AG001") == []


def test_the_document_splits_blocks_at_inline_markers():
    doc = Document(INLINE_MARKERS)
    texts = [b.text for b in doc.prose_blocks()]
    assert "後半の節" in texts and "中盤の見出し" in texts
    assert "データセンターの立地は重要です。" in texts and "送電網の制約があるからです。" in texts
    assert not any("END" in t for t in texts)
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["前半", "中盤の見出し", "後半の節"]
    assert len(doc.chunks) == 6


def test_the_fix_keeps_the_text_and_splits_two_chunks():
    fixed = INLINE_MARKERS
    for _ in range(6):  # one marker per pass: the fixes of neighbours touch the same blank lines
        found = _findings(fixed, "AG001")
        if not found:
            break
        fixed = apply_edits(fixed, found[0].fix.edits)
    assert "END" not in fixed
    assert "\n\n### 後半の節\n" in fixed
    assert "\n## 中盤の見出し\n" in fixed
    assert "データセンターの立地は重要です。\n\n送電網の制約があるからです。" in fixed
    assert "- 一覧の項目です\n" in fixed


def test_export_stitches_a_sentence_cut_by_an_inline_marker():
    text = (
        HEADER + "AIチップの開発競争は、長年にわたって築かれた「CUDAエコ ---END--- システム」の強みと戦うことです。\n"
    )
    result = export_post(text, PATH)
    assert "「CUDAエコシステム」の強み" in result.text
    assert "END" not in result.text


# -- AG008: leaked prompts ----------------------------------------------------------------

PROMPT = HEADER + (
    "量子計算の実用化には、誤り訂正の進歩が欠かせません。各社は論理量子ビットの数を競っています。\n\n"
    "【これまでの本文】\n"
    "量子計算の実用化には、誤り訂正の進歩が欠かせません。各社は論理量子ビットの数を競っています。\n\n"
    "【依頼内容】\n"
    "1. 上記の本文から自然につながるように続きを書く\n"
    "2. 全体で2000〜2500文字になるようにする\n"
    "3. 末尾に ===END=== を入れること\n\n"
    "【書き方】\n"
    "- です・ます調で親しみやすく\n"
    "- 見出しは二つまで\n\n"
    "では、続きを執筆してください。\n"
    "誤り訂正の手法には、表面符号のほかにも多くの種類があります。\n"
)


def test_a_leaked_request_is_reported_whole():
    found = _findings(PROMPT, "AG008")
    assert len(found) == 1
    lines = set(range(found[0].line, found[0].end_line + 1))
    assert {10, 11, 13, 14, 15, 16, 18, 19, 20, 22} <= lines
    assert 8 not in lines and 23 not in lines  # the article before, the continuation after


def test_export_removes_the_request_and_keeps_the_article():
    result = export_post(PROMPT, PATH, unsafe=True)
    assert "【" not in result.text and "依頼内容" not in result.text and "END" not in result.text
    assert "執筆してください" not in result.text
    assert "表面符号のほかにも" in result.text
    assert result.text.count("誤り訂正の進歩が欠かせません") == 1
    assert [c.step for c in result.changes if c.code == "AG008"] == ["drop-prompt"]
    assert not result.remaining


def test_a_request_left_without_unsafe_fixes_refuses_the_export():
    result = export_post(PROMPT, PATH, unsafe=False)
    assert any(d.code == "AG008" for d in result.remaining)
    assert not result.publishable


REASONING = HEADER + (
    "エッジ推論は通信量を抑えます。\n\n"
    "入力されたテキストは既に結論まで書かれており、続きを求める指示と矛盾している。\n"
    "    しかし依頼は「続きを書く」ことなので、与えられた記事の末尾から補完すると解釈する。\n\n"
    "    与えられた記事は、\n\n"
    "## エッジ推論のこれから\n\n"
    "端末側での推論は今後も広がるでしょう。\n"
)


def test_the_models_reasoning_about_its_request_is_reported():
    found = _findings(REASONING, "AG008")
    assert len(found) == 1
    assert (found[0].line, found[0].end_line) == (10, 13)


HUMAN_LOOKALIKES = HEADER + (
    "## 記事の書き方\n\n"
    "1. 管理画面を開いてください\n"
    "2. 新しい記事を作成してください\n"
    "3. 本文を入力して保存してください\n\n"
    "【注意】\n"
    "- 本番環境では実行しないこと\n"
    "- 作業前にバックアップを取ること\n\n"
    "ChatGPTに「この記事の続きを自然に書いて完成させてください」と頼むと、それらしい文章が返ってきます。\n\n"
    "この記事は前回の記事の続きです。ユーザーの指示どおりに動くエージェントを作ります。\n\n"
    "```\n【要求事項】\n1. 記事の末尾に---END---を必ず追加してください。\n```\n\n"
    "> 以下の記事の続きを書いてください。3000文字程度で。\n\n"
    "このエラーメッセージは、指定したテキストで始まっているので見つけやすくなります。\n"
)


def test_human_writing_that_looks_like_a_prompt_is_left_alone():
    assert _findings(HUMAN_LOOKALIKES, "AG008", "AG007") == []


# -- AG009: joined chunks -----------------------------------------------------------------


def _joined_section() -> str:
    sentences = "".join(f"{n}番目の段落の文です。さらに説明を加えています。" for n in range(40))
    return sentences


def test_a_heading_glued_to_its_section_is_reported_and_split_after_a_known_heading():
    body = "今後の展望について述べます。各社の計画を順に見ていきましょう。"
    text = (
        HEADER
        + f"## 今後の展望\n\n{body}\n\n## まとめ\n\n短い結びです。\n\n## 今後の展望 {body} "
        + _joined_section()
        + "\n"
    )
    found = _findings(text, "AG009")
    assert [d.line for d in found] == [16]
    assert found[0].fix is not None
    fixed = apply_edits(text, found[0].fix.edits)
    assert "\n## 今後の展望\n\n今後の展望について述べます。" in fixed


def test_paragraphs_joined_into_one_line_are_split_at_each_join():
    joined = " ".join(f"第{n}の段落です。内容を説明します。" for n in range(60))
    text = HEADER + joined + "\n"
    found = _findings(text, "AG009")
    assert len(found) == 1
    fixed = apply_edits(text, found[0].fix.edits)
    assert len(Document(fixed).prose_blocks().__next__().text) < 40
    assert sum(1 for _ in Document(fixed).prose_blocks()) == 60


def test_a_paragraph_over_a_rule_is_split_from_it():
    text = (
        HEADER
        + "皆さんの現場ではどうでしょうか？ぜひ、あなたの考えを聞かせてください。コメントをお待ちしています。\n---\n\n## 次\n\n本文。\n"
    )
    found = _findings(text, "AG009")
    assert [d.line for d in found] == [8]
    fixed = apply_edits(text, found[0].fix.edits)
    assert [b.kind for b in Document(fixed).blocks][:2] == ["paragraph", "hr"]


def test_a_long_heading_glued_with_no_known_heading_refuses_the_export():
    text = HEADER + "## 見たことのない見出し " + _joined_section() + "\n"
    result = export_post(text, PATH, unsafe=True)
    assert any(d.code == "AG009" for d in result.remaining)
    assert not result.publishable


def test_long_human_lines_and_headings_are_not_joined_chunks():
    paragraph = "技術的な説明が続く長い段落です。" * 50  # 800 characters, no joins
    heading = "とても長いけれども普通の見出しで、文の終わりを含まないもの" * 3
    text = HEADER + f"## {heading}\n\n{paragraph}\n\nTitle\n---\n\n本文です。\n"
    assert _findings(text, "AG009") == []


def test_a_hash_or_sentence_join_inside_inline_code_is_not_a_lost_break():
    """A ``#`` comment or 「。 」 quoted in inline code is part of the code, not a heading or a join."""
    item = "- 設定の例: " + "値の説明が続きます、" * 12 + '`emoji: "💻" # アイキャッチ` と `a。 b。 c。 d` を書きます。'
    text = HEADER + item + "\n"
    assert len(item) > 120
    assert _findings(text, "AG009") == []
    bare = HEADER + "- 設定の例: " + "値の説明が続きます、" * 12 + "終わり。 ## 次の節 本文\n"
    assert [d.code for d in _findings(bare, "AG009")] == ["AG009"]


# -- AG003: near copies and repeated blocks -----------------------------------------------

SECTION = (
    "分散学習では、複数のノードが勾配を交換しながら一つのモデルを訓練します。通信の遅延は学習速度を大きく左右し、"
    "帯域の確保が設計の要になります。各社は独自の相互接続技術を開発しており、数千台規模のクラスタを一つの計算機の"
    "ように扱う工夫が重ねられています。障害が起きたノードを素早く切り離す仕組みも、長い学習には欠かせません。"
)
ADDED = "特に光インターコネクトへの期待が高まっています。"


def test_a_later_copy_that_adds_a_sentence_is_a_copy_and_export_keeps_the_new_sentence():
    copy = SECTION.replace("各社は", ADDED + "各社は")
    text = HEADER + f"{SECTION}\n\n## 別の話\n\n推論の効率化も進んでいます。\n\n{copy}\n"
    found = _findings(text, "AG003")
    assert [d.line for d in found] == [14]
    assert 85 <= round(found[0].data["similarity"] * 100) <= 95
    result = export_post(text, PATH, unsafe=True)
    assert result.text.count("分散学習では") == 1
    assert ADDED in result.text
    assert any(c.step == "drop-copy" and ADDED in c.inserted for c in result.changes)
    assert not result.remaining


BOOKS = [
    ("機械学習の基礎", "1111111111", "数式を追いながら基本的なアルゴリズムを一つずつ実装して学ぶ入門書"),
    ("大規模言語モデル入門", "2222222222", "事前学習から微調整までの流れを実例とともに解説する一冊"),
    ("GPUプログラミング", "3333333333", "並列計算の考え方とメモリ階層の使い方を丁寧に説明する"),
]


def _book_list(blank: str) -> str:
    parts = []
    for title, asin, desc in BOOKS:
        url = f"https://www.example.com/dp/{asin}/?tag=affiliate-22"
        parts.append(f"### [{title}]({url})\n{blank}{desc}\n{blank}[詳しく見る →]({url})\n")
    return "## おすすめ書籍\n\n" + "\n".join(parts)


def test_text_repeated_across_kinds_names_its_first_holder_and_its_new_sentence():
    """A heading holding two earlier blocks' text (one of them a heading) repeats them; so
    does a paragraph that repeats both and adds a sentence found nowhere else."""
    a = (
        "これは最初の段落で、生成された文章が途中で区切られて次のチャンクに続いていく様子を示すための十分に長い説明文です。"
        * 3
    )
    b = (
        "二つ目の段落では、別の話題についてさらに詳しく述べていき、読者が内容を理解できるように具体例を交えて説明を続けます。"
        * 3
    )
    added = "追加の文です。"
    text = "# t\n\n## " + a + "\n\n" + b + "\n\n## " + a + b + "\n\n" + a + b + added + "\n"
    found = lint_text(text, None, Config(select=["AG003"]))
    assert [(d.line, d.data["original_line"]) for d in found] == [(7, 5), (9, 5)]
    assert [round(d.data["similarity"], 2) for d in found] == [0.98, 0.94]
    assert "ほかにない文が1つ" in found[1].message and added in found[1].fix.edits[0].text


def test_a_block_repeated_with_different_blank_lines_is_a_copy_and_export_drops_it():
    text = (
        HEADER + "本文の段落です。内容はここで終わります。\n\n" + _book_list("\n") + "\n---\n\n" + _book_list("") + "\n"
    )
    found = _findings(text, "AG003")
    second = text.index("## おすすめ書籍", text.index("---\n\n"))
    assert found and all(d.start >= second for d in found)
    result = export_post(text, PATH, unsafe=True)
    assert result.text.count("数式を追いながら") == 1
    assert result.text.count("## おすすめ書籍") == 1
    assert not any(d.code == "AG003" for d in result.remaining)


def test_urls_link_cards_reference_lists_and_callouts_are_not_passages():
    text = HEADER + (
        "https://developer.mozilla.org/ja/docs/Web/JavaScript/Reference/Global_Objects/Array/some\n\n"
        "https://developer.mozilla.org/ja/docs/Web/JavaScript/Reference/Global_Objects/Array/every\n\n"
        "@[card](https://github.com/example/project/blob/main/src/parser/tokenizer.rs#L120)\n\n"
        "@[card](https://github.com/example/project/blob/main/src/parser/tokenizer.rs#L180)\n\n"
        "詳しくは [公式ドキュメント](https://example.com/docs/guide) と [仕様書](https://example.com/spec) を参照してください。\n\n"
        ":::details エラーの全文\n"
        "error[E0382]: borrow of moved value: `config` value borrowed here after move in the loop body\n"
        ":::\n\n"
        ":::message\n"
        "error[E0382]: borrow of moved value: `config` value borrowed here after move in the loop body\n"
        ":::\n\n"
        "> [!NOTE]\n"
        "> error[E0382]: borrow of moved value: `config` value borrowed here after move in the loop body\n\n"
        "## 参考\n\n"
        "- [公式ドキュメント](https://example.com/docs/guide)\n"
        "- [仕様書](https://example.com/spec)\n"
        "- https://developer.mozilla.org/ja/docs/Web/JavaScript/Reference/Global_Objects/Array/some\n"
    )
    assert _findings(text, "AG003") == []


# -- AG002: sign-offs ---------------------------------------------------------------------


def test_a_sign_off_is_not_a_cut_and_export_keeps_it():
    for sign_off in ("以上、", "以上です", "ではまた〜"):
        text = HEADER + f"設定の手順を説明しました。\n\n{sign_off}\n"
        assert _findings(text, "AG002") == [], sign_off
        assert export_post(text, PATH, unsafe=True).text.rstrip().endswith(sign_off)
    cut = HEADER + "設定の手順を説明しました。\n\n最後に、\n"
    assert _lines(cut, "AG002") == [10]


def test_a_link_cut_at_the_end_of_the_article_is_a_cut():
    text = HEADER + "本文です。\n\n### あわせて読みたい\n\n- [関連する記事](/2025/08/29/08-%E3%83%9E%E3\n"
    assert _lines(text, "AG002") == [12]


def test_a_heading_cut_by_a_marker_is_joined_with_its_restatement():
    text = HEADER + (
        "導入の段落です。\n\n### 研究の背景と\n\n---END---\n\n"
        "研究の背景と動機：なぜ公開モデルが重要なのか？\n公開モデルの利点は透明性にあります。\n"
    )
    assert _lines(text, "AG002") == [10]
    result = export_post(text, PATH, unsafe=True)
    assert "### 研究の背景と動機：なぜ公開モデルが重要なのか？\n" in result.text
    assert result.text.count("研究の背景と") == 1


def test_a_joined_line_inside_a_list_item_is_reported_but_not_split():
    joined = " ".join(f"第{n}の段落です。内容を説明します。" for n in range(60))
    body = "今後の展望について述べます。"
    text = HEADER + f"## 今後の展望\n\n{body}\n\n## 今後の展望 {body} " + _joined_section() + f"\n\n- {joined}\n"
    found = {d.line: d for d in _findings(text, "AG009")}
    assert sorted(found) == [12, 14]
    assert found[12].fix is not None and found[14].fix is None


def test_rules_left_between_dropped_passages_are_merged():
    section = "## 付録\n\n" + _book_list("\n") + "\n---\n\n"
    text = (
        HEADER
        + "本文の段落です。内容はここで終わります。\n\n---\n\n"
        + section
        + section
        + section
        + "結びの段落です。\n"
    )
    result = export_post(text, PATH, unsafe=True)
    assert result.text.count("数式を追いながら") == 1
    assert "---\n\n---" not in result.text
    body = result.text[len(HEADER) :]
    assert body.count("\n---\n") == 2  # the rule before the list and the one after it
