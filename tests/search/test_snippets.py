from search.snippets import highlight, snippet


def test_matches_are_marked_and_everything_else_escaped():
    html = highlight("Violence <b>& abuse</b>", "violence")
    assert html == "<mark>Violence</mark> &lt;b&gt;&amp; abuse&lt;/b&gt;"


def test_a_query_cannot_inject_markup():
    assert highlight("a <script> b", "<script>") == "a &lt;<mark>script</mark>&gt; b"


def test_a_japanese_word_is_marked_inside_a_longer_word():
    assert highlight("ワンストップ相談窓口", "相談") == "ワンストップ<mark>相談</mark>窓口"


def test_matching_ignores_width_case_and_accents():
    assert highlight("DV相談＋", "ｄｖ") == "<mark>DV</mark>相談＋"
    assert highlight("Bạo lực", "bao luc") == "<mark>Bạo</mark> <mark>lực</mark>"


def test_word_endings_are_marked_with_the_word():
    assert highlight("Single-Parent Families", "single parents") == (
        "<mark>Single</mark>-<mark>Parent</mark> Families"
    )


def test_short_words_mark_only_themselves():
    assert highlight("can take time", "t") == "can take time"


def test_a_phrase_not_in_the_text_marks_its_words_but_not_its_particles():
    html = highlight("夫から暴力を受けた", "夫の暴力")
    assert "<mark>暴力</mark>" in html
    assert "<mark>から" not in html


def test_furigana_stays_ruby_and_is_marked_whole():
    html = highlight("{離婚|りこん}の こと", "離婚")
    assert html == "<mark><ruby>離婚<rp>(</rp><rt>りこん</rt><rp>)</rp></ruby></mark>の こと"


def test_a_reading_typed_in_kana_marks_its_word():
    assert highlight("{離婚|りこん}の こと", "りこん").startswith("<mark><ruby>離婚")


def test_snippet_shows_the_text_around_the_first_match():
    text = "あ" * 200 + "相談窓口" + "い" * 200
    html = snippet(text, "窓口")
    assert html.startswith("…") and html.endswith("…")
    assert "相談<mark>窓口</mark>" in html
    assert len(html) < 200


def test_snippet_starts_at_a_word_in_spaced_scripts():
    text = "Lorem ipsum dolor sit amet, " * 3 + "domestic violence and more words " * 8
    html = snippet(text, "violence")
    assert html.startswith("… ") is False
    assert html.split(" ")[0].startswith("…") and html[1:2].isalpha()


def test_snippet_never_cuts_a_match():
    html = snippet("x" * 139 + "相談", "相談")
    assert html.endswith("<mark>相談</mark>")


def test_snippet_without_a_match_shows_the_beginning():
    assert snippet("Hello there", "zzz") == "Hello there"
