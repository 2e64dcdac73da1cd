"""LIX on hand-counted Swedish examples, and how words and sentences are counted (W3.3e)."""

from navet.language.engine import review
from navet.language.engine.lix import band_for
from navet.language.engine.tokens import sentences_in


def test_W3_3e_lix_hand_counted_one_sentence():
    # "Du kan erhålla bidrag i enlighet med reglerna."
    # Words: Du, kan, erhålla, bidrag, i, enlighet, med, reglerna = 8, in 1 sentence.
    # Longer than six letters: erhålla (7), enlighet (8), reglerna (8) = 3.
    # LIX = 8 / 1 + 100 × 3 / 8 = 8 + 37.5 = 45.5
    result = review("Du kan erhålla bidrag i enlighet med reglerna.")
    assert (result.words, result.sentences, result.long_words) == (8, 1, 3)
    assert result.lix == 45.5
    assert result.band == "medelsvår"


def test_W3_3e_lix_hand_counted_two_sentences():
    # "Skolan börjar i augusti. Alla elever får lunch varje dag."
    # Words: Skolan, börjar, i, augusti / Alla, elever, får, lunch, varje, dag = 10 in 2.
    # Longer than six letters: augusti (7) = 1. ("Skolan", "börjar", "elever": 6 letters.)
    # LIX = 10 / 2 + 100 × 1 / 10 = 5 + 10 = 15
    result = review("Skolan börjar i augusti. Alla elever får lunch varje dag.")
    assert (result.words, result.sentences, result.long_words) == (10, 2, 1)
    assert result.lix == 15.0
    assert result.band == "mycket lätt"
    assert result.average_sentence_length == 5.0


def test_W3_3e_lix_counts_hyphenated_compounds_as_one_word_and_skips_numbers():
    # "Ring 013-20 60 00 om it-stödet." Words: Ring, om, it-stödet = 3 (numbers are not
    # words). Long: it-stödet has 8 letters (the hyphen is not a letter) = 1.
    # LIX = 3 / 1 + 100 × 1 / 3 = 3 + 33.33 = 36.3
    result = review("Ring 013-20 60 00 om it-stödet.")
    assert (result.words, result.sentences, result.long_words) == (3, 1, 1)
    assert result.lix == 36.3


def test_W3_3e_lix_bands():
    assert band_for(29.9) == "mycket lätt"
    assert band_for(30) == "lätt"
    assert band_for(45) == "medelsvår"
    assert band_for(50) == "svår"
    assert band_for(60) == "mycket svår"


def test_W3_3e_abbreviations_do_not_end_sentences():
    text = (
        "Ta med t.ex. Pass eller körkort. Vi har bl.a. Förskolor, skolor m.m. Dvs. Allt. "
        "Öppet kl. Tio fr.o.m. Måndag t.o.m. Fredag, s.k. Klämdagar osv. Och ca. Tio dagar."
    )
    sentences = sentences_in(text)
    starts = [text[s.start : s.start + 12] for s in sentences]
    assert starts == ["Ta med t.ex.", "Vi har bl.a.", "Öppet kl. Ti"], starts


def test_W3_3e_sentences_end_at_colon_and_capital_and_at_blocks():
    # "Så här gör du:" | "Fyll i blanketten." | "Skicka den" (block ends) | "Hemtjänst ..."
    text = "Så här gör du: Fyll i blanketten. Skicka den\nHemtjänst i hela kommunen"
    assert len(sentences_in(text)) == 4
    assert len(sentences_in("Ta med: pass och körkort.")) == 1, "colon before lower case"
    assert len(sentences_in("Det kostar 1.500 kronor. Betala i förväg.")) == 2


def test_W3_3e_html_blocks_end_sentences_and_markup_is_not_counted():
    html = "<h2>Avgifter</h2><p>Du betalar <strong>varje</strong> månad.</p><ul><li>Ett</li></ul>"
    result = review(html)
    assert result.sentences == 3
    assert result.words == 6


def test_words_keep_their_positions():
    (sentence,) = sentences_in("Hej, då-tid 2026 nu")
    words = sentence.words
    assert [(w.text, w.start) for w in words] == [("Hej", 0), ("då-tid", 5), ("nu", 17)]
