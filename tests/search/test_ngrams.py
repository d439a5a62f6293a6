from search.ngrams import CJKBigrams, bigrams, split_runs
from search.text import base_text, normalize, reading_text, unaccent

analyzer = CJKBigrams(unigrams=True)


def test_bigrams_overlap_and_keep_one_character_runs():
    assert bigrams("相談窓口") == ["相談", "談窓", "窓口"]
    assert bigrams("夫") == ["夫"]


def test_words_are_split_where_the_script_changes():
    assert list(split_runs("dv相談ナビ8008")) == [
        (False, "dv"),
        (True, "相談ナビ"),
        (False, "8008"),
    ]


def test_japanese_text_is_indexed_as_pairs_and_single_characters():
    terms = analyzer.index_terms("相談窓口があります")
    assert {"相談", "窓口", "談窓"} <= set(terms)
    assert "夫" in analyzer.index_terms("夫から")


def test_latin_words_glued_to_japanese_are_indexed_alone():
    assert "dv" in analyzer.index_terms("DV相談＋（プラス）")


def test_words_the_backend_indexes_by_itself_are_not_repeated():
    assert analyzer.index_terms("Domestic violence") == []


def test_normal_forms_readers_type_are_indexed():
    assert "dv" in analyzer.index_terms("ＤＶ")
    assert {"bao", "luc"} <= set(analyzer.index_terms("Bạo lực gia đình"))
    assert "violencia" in analyzer.index_terms("violência")


def test_easy_japanese_readings_are_indexed_in_place():
    terms = analyzer.index_terms("{相談|そうだん}{窓口|まどぐち}")
    assert {"相談", "談窓", "窓口"} <= set(terms)  # the compound as read
    assert {"そう", "だん", "んま", "まど"} <= set(terms)  # and as said


def test_korean_words_with_particles_are_split_into_pairs():
    assert "이혼" in analyzer.index_terms("이혼을")


def test_a_query_is_cut_the_same_way_without_repeats():
    assert analyzer.query_terms("相談窓口") == ["相談", "談窓", "窓口"]
    assert analyzer.query_terms("相談 相談") == ["相談"]
    assert analyzer.query_terms("ＤＶ相談") == ["dv", "相談"]
    assert analyzer.query_terms("bạo lực") == ["bao", "luc"]
    assert analyzer.query_terms("夫") == ["夫"]


def test_query_operators_and_quotes_never_become_terms():
    assert analyzer.query_terms('"violence" AND (help) OR -x* ~') == [
        "violence",
        "and",
        "help",
        "or",
        "x",
    ]
    assert analyzer.query_terms("!!! ??? 🙂 ---") == []


def test_text_normal_forms():
    assert normalize("ＤＶ①") == "dv1"
    assert unaccent("đình") == "dinh"
    assert unaccent("हिंसा") == "हिंसा"  # marks of other scripts are letters
    assert base_text("{相談|そうだん}する") == "相談する"
    assert reading_text("{相談|そうだん}する") == "そうだんする"
    assert reading_text("相談する") == ""


def test_only_accents_on_latin_letters_are_dropped():
    assert unaccent("lực đình") == "luc dinh"
    assert unaccent("DVガイド") == "DVガイド"  # ガ keeps its mark, next to Latin letters too
