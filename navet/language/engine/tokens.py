"""Words and sentences of Swedish text, as LIX counts them."""

import re
from dataclasses import dataclass

# A word is a run of letters (å, ä, ö included); a hyphenated compound is one word; numbers
# are not words.
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Candidate sentence ends: . ! ? or : followed by white space and a capital letter.
BOUNDARY = re.compile(r"[.!?:](?=\s+[^\W\d_])")
ABBREVIATIONS = frozenset(
    [
        "t.ex.",
        "bl.a.",
        "m.m.",
        "dvs.",
        "kl.",
        "osv.",
        "s.k.",
        "fr.o.m.",
        "t.o.m.",
        "ca.",
        "m.fl.",
        "p.g.a.",
        "pga.",
        "o.s.v.",
        "d.v.s.",
        "etc.",
        "jfr.",
        "resp.",
        "tel.",
        "nr.",
        "f.d.",
        "e.d.",
        "mm.",
        "st.",
        "ev.",
        "inkl.",
        "exkl.",
        "bl.",
        "ung.",
        "enl.",
        "ang.",
    ]
)


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str

    @property
    def letters(self) -> int:
        return len(self.text) - self.text.count("-")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    words: tuple


def words_in(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    end = len(text) if end is None else end
    return [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    begin = dot
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    token = text[begin : dot + 1].lstrip("([\"'«»”“").lower()
    return token in ABBREVIATIONS


def sentences_in(text: str) -> list[Sentence]:
    """Sentences end at . ! ? : followed by space and a capital letter, or where a block ends
    (a line in plain text, a block element in HTML). Abbreviations do not end sentences."""
    sentences = []
    block_start = 0
    for block in text.split("\n"):
        block_end = block_start + len(block)
        start = block_start
        for match in BOUNDARY.finditer(text, block_start, block_end):
            mark = match.start()
            next_letter = text[match.end() :].lstrip()[:1]
            if not next_letter.isupper():
                continue
            if text[mark] == "." and _ends_with_abbreviation(text, mark):
                continue
            sentences.append(_sentence(text, start, mark + 1))
            start = mark + 1
        sentences.append(_sentence(text, start, block_end))
        block_start = block_end + 1
    return [s for s in sentences if s.words]


def _sentence(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    return Sentence(start, end, tuple(words_in(text, start, end)))
