"""Word-level rules: bureaucratic words (with plain replacements), value-laden words, and the
municipality's own jargon unless explained on first use (rule W3.3e)."""

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .findings import Finding, Severity

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Pattern:
    """A word or phrase; each token matches exactly or, ending in *, by prefix."""

    tokens: tuple
    replacement: str
    text: str

    def matches(self, lowered, words, index: int, text: str) -> int:
        """How many words from `index` this pattern covers (0 if none)."""
        if index + len(self.tokens) > len(words):
            return 0
        for offset in range(1, len(self.tokens)):
            token = self.tokens[offset]
            value = lowered[index + offset]
            if token.endswith("*"):
                if not value.startswith(token[:-1]):
                    return 0
            elif value != token:
                return 0
            if text[words[index + offset - 1].end : words[index + offset].start].strip():
                return 0  # a phrase does not span punctuation or other words
        return len(self.tokens)


class PatternIndex:
    """Finds the patterns whose first token fits a word: exact first tokens by dictionary,
    stems by looking up the word's prefix of each stem length."""

    def __init__(self, patterns):
        self.exact: dict[str, list[Pattern]] = {}
        self.stems: dict[int, dict[str, list[Pattern]]] = {}
        for pattern in patterns:
            first = pattern.tokens[0]
            if first.endswith("*"):
                stem = first[:-1]
                self.stems.setdefault(len(stem), {}).setdefault(stem, []).append(pattern)
            else:
                self.exact.setdefault(first, []).append(pattern)
        # Words repeat a lot within and across pages: remember each word's candidates.
        self.candidates = lru_cache(maxsize=65_536)(self._candidates)

    def _candidates(self, word: str) -> tuple[Pattern, ...]:
        found = list(self.exact.get(word, ()))
        for length, table in self.stems.items():
            if len(word) >= length:
                found.extend(table.get(word[:length], ()))
        found.sort(key=lambda p: -len(p.tokens))  # the longest phrase wins
        return tuple(found)


def _lines(name: str):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


@cache
def bureaucratic_patterns() -> PatternIndex:
    patterns = []
    for line in _lines("bureaucratic.tsv"):
        forms, replacement = line.split("\t")
        for form in forms.split(" | "):
            patterns.append(Pattern(tuple(form.strip().split()), replacement.strip(), form.strip()))
    return PatternIndex(patterns)


@cache
def value_laden_patterns() -> PatternIndex:
    return PatternIndex(
        Pattern((line.strip(),), "", line.strip()) for line in _lines("value_laden.txt")
    )


def _scan(words, lowered, text, index: PatternIndex):
    position = 0
    while position < len(words):
        for pattern in index.candidates(lowered[position]):
            length = pattern.matches(lowered, words, position, text)
            if length:
                yield pattern, words[position].start, words[position + length - 1].end
                position += length
                break
        else:
            position += 1


def bureaucratic_findings(words, lowered, text, severity: Severity):
    for pattern, start, end in _scan(words, lowered, text, bureaucratic_patterns()):
        found = text[start:end]
        yield Finding(
            rule="W3.3e.bureaucratic",
            severity=severity,
            start=start,
            end=end,
            message=f"Byråkratiskt uttryck: ”{found}”. Skriv enklare.",
            suggestion=pattern.replacement,
            excerpt=found,
        )


def value_laden_findings(words, lowered, text, severity: Severity):
    for _pattern, start, end in _scan(words, lowered, text, value_laden_patterns()):
        found = text[start:end]
        yield Finding(
            rule="W3.3e.value-laden",
            severity=severity,
            start=start,
            end=end,
            message=f"Värdeladdat ord: ”{found}”. Informera i stället för att värdera.",
            suggestion="Beskriv med fakta vad som gäller.",
            excerpt=found,
        )


@dataclass(frozen=True)
class JargonTerm:
    term: str
    explanation: str = ""


def jargon_findings(terms, text, severity: Severity):
    """An internal term is fine once explained: "kommunikatör i beredskap (KiB)" or
    "KiB (kommunikatör i beredskap)" on its first use. Inflected forms count too
    ("Linwebben", "KiB:s")."""
    terms = {entry.term.lower(): entry for entry in terms if entry.term.strip()}
    if not terms:
        return
    first_use = {}
    for match in _jargon_pattern(tuple(sorted(terms, key=len, reverse=True))).finditer(text):
        term = match.group(1).lower()
        if term not in first_use:
            first_use[term] = match
    for term, match in sorted(first_use.items(), key=lambda item: item[1].start()):
        entry = terms[term]
        before = text[: match.start()].rstrip()
        after = text[match.end() :].lstrip()
        if after.startswith("(") or (before.endswith("(") and after.startswith(")")):
            continue
        suggestion = (
            f"{entry.explanation} ({entry.term})" if entry.explanation else "Förklara begreppet."
        )
        yield Finding(
            rule="W3.3e.jargon",
            severity=severity,
            start=match.start(),
            end=match.end(),
            message=f"Internt begrepp: ”{match.group()}”. Förklara det första gången det används.",
            suggestion=suggestion,
            excerpt=match.group(),
        )


@lru_cache(maxsize=64)
def _jargon_pattern(terms: tuple) -> re.Pattern:
    alternatives = "|".join(re.escape(term) for term in terms)
    return re.compile(rf"(?<![\w-])({alternatives})\w*", re.IGNORECASE)


@cache
def default_jargon() -> tuple:
    """The internal terms the demo municipality starts with (the admin list replaces them)."""
    terms = []
    for line in _lines("jargon.tsv"):
        term, _, explanation = line.partition("\t")
        terms.append(JargonTerm(term.strip(), explanation.strip()))
    return tuple(terms)
