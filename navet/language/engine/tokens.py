"""Words and sentences of Swedish text, as LIX counts them."""

import bisect
import re
from typing import NamedTuple

# A word is a run of letters (å, ä, ö included); a hyphenated compound is one word; numbers
# are not words.
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Candidate sentence ends: . ! ? or : followed by white space and a capital letter.
BOUNDARY = re.compile(r"[.!?:](?=[^\S\n]+([^\W\d_]))")
BLOCK_END = re.compile(r"\n")
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


class Word(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def letters(self) -> int:
        return len(self.text) - self.text.count("-")


class Sentence(NamedTuple):
    start: int
    end: int
    words: tuple


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    begin = dot
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    token = text[begin : dot + 1].lstrip("([\"'«»”“").lower()
    return token in ABBREVIATIONS


def sentences_in(text: str) -> list[Sentence]:
    """Sentences end at . ! ? : followed by space and a capital letter, or where a block ends
    (a line in plain text, a block element in HTML). Abbreviations do not end sentences."""
    ends = []
    for match in BOUNDARY.finditer(text):
        mark = match.start()
        if not match.group(1).isupper():
            continue
        if text[mark] == "." and _ends_with_abbreviation(text, mark):
            continue
        ends.append(mark + 1)
    ends.extend(match.start() for match in BLOCK_END.finditer(text))
    ends.append(len(text))
    ends.sort()

    # All words in one pass, then each sentence takes its slice of them.
    words = [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    starts = [word.start for word in words]
    sentences = []
    first = 0
    for end in ends:
        last = bisect.bisect_left(starts, end, first)
        if last > first:
            sentences.append(Sentence(words[first].start, end, tuple(words[first:last])))
            first = last
    return sentences
