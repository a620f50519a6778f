"""AG006 pseudo-heading: bold lines that stand where a heading would, and only those."""

from __future__ import annotations

from article_studio.rules import Config, fix_text, lint_text

AG006 = Config(select=["AG006"])
BODY = "ここから本文が続きます。説明の段落として十分な長さがあります。"


def found(text: str) -> list[str]:
    return [text[d.start : d.end] for d in lint_text(text, "post.md", AG006)]


def sections(*titles: str) -> str:
    return "".join(f"導入の段落です。{BODY}\n\n**{t}**\n\n{BODY}\n\n" for t in titles)


def test_bold_lines_that_start_sections_are_headings():
    text = sections("NVIDIAの反撃とCUDAエコシステムの強み", "投資家と技術者への示唆", "なぜ自社開発にこだわるのか？")
    # A question is a heading too when the article starts its sections with bold lines.
    assert found(text) == [
        "**NVIDIAの反撃とCUDAエコシステムの強み**",
        "**投資家と技術者への示唆**",
        "**なぜ自社開発にこだわるのか？**",
    ]
    fixed = fix_text(text, "post.md", AG006, unsafe=True)
    assert "## NVIDIAの反撃とCUDAエコシステムの強み\n" in fixed and "**" not in fixed


def test_one_bold_question_in_an_argument_is_emphasis():
    text = (
        "# ラベル付きbreak\n\nここで登場するのが LOOP ラベルなのだが、こう思わなかっただろうか。\n\n"
        "**break で LOOP ラベルまで戻ったら for 文のやり直しで結局止められないのでは？**\n\n"
        f"私は最初そう思ったし、読書会でも実際に質問があった。{BODY}\n"
    )
    assert found(text) == []


def test_asides_sentences_and_labels_are_not_headings():
    text = (
        f"{BODY}\n\n**P.S. 次回はベンチマークの結果を載せる予定**\n\n{BODY}\n\n"
        f"**追伸 コメント欄で質問を受け付けています**\n\n{BODY}\n\n"
        f"**ここがこの記事で一番大事なところです**\n\n{BODY}\n\n"
        f"**参照**\n\n{BODY}\n\n**投資家にとって：**\n\n{BODY}\n\n"
        f"**最初の見出しらしい行**\n\n{BODY}\n"
    )
    # Only one line reads as a title, and one is not a structure: nothing is reported.
    assert found(text) == []
    assert found(text + f"\n**二つ目の見出しらしい行**\n\n{BODY}\n") == [
        "**最初の見出しらしい行**",
        "**二つ目の見出しらしい行**",
    ]


def test_min_count_option():
    cfg = Config(select=["AG006"], rules={"pseudo-heading": {"min-count": 1}})
    text = sections("ただ一つの太字の見出し")
    assert found(text) == []
    assert len(lint_text(text, "post.md", cfg)) == 1
