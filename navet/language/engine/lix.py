"""LIX (läsbarhetsindex, Björnsson): words per sentence + 100 × long words / words, where a
long word has more than six letters."""

from dataclasses import dataclass

BANDS = (
    (30, "mycket lätt"),
    (40, "lätt"),
    (50, "medelsvår"),
    (60, "svår"),
)
LONG_WORD_LETTERS = 6


@dataclass(frozen=True)
class Readability:
    lix: float
    band: str
    words: int
    sentences: int
    long_words: int
    average_sentence_length: float


def band_for(lix: float) -> str:
    for limit, name in BANDS:
        if lix < limit:
            return name
    return "mycket svår"


def readability(sentences) -> Readability:
    words = [word for sentence in sentences for word in sentence.words]
    if not words:
        return Readability(0.0, band_for(0.0), 0, 0, 0, 0.0)
    long_words = sum(1 for word in words if word.letters > LONG_WORD_LETTERS)
    per_sentence = len(words) / len(sentences)
    lix = per_sentence + 100 * long_words / len(words)
    return Readability(
        lix=round(lix, 1),
        band=band_for(lix),
        words=len(words),
        sentences=len(sentences),
        long_words=long_words,
        average_sentence_length=round(per_sentence, 1),
    )
