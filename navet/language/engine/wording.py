"""Word-level rules: bureaucratic words (with plain replacements), value-laden words, and the
municipality's own jargon unless explained on first use (rule W3.3e)."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .findings import Finding, Severity

DATA = Path(__file__).resolve().parent / "data"
INDEX_LENGTH = 3


@dataclass(frozen=True)
class Pattern:
    """A word or phrase; each token matches exactly or, ending in *, by prefix."""

    tokens: tuple
    replacement: str
    text: str

    def matches(self, words, index: int, text: str) -> int:
        """How many words from `index` this pattern covers (0 if none)."""
        if index + len(self.tokens) > len(words):
            return 0
        for offset, token in enumerate(self.tokens):
            word = words[index + offset]
            value = word.text.lower()
            if token.endswith("*"):
                if not value.startswith(token[:-1]):
                    return 0
            elif value != token:
                return 0
            if offset and text[words[index + offset - 1].end : word.start].strip():
                return 0  # a phrase does not span punctuation or other words
        return len(self.tokens)


def _index(patterns) -> dict:
    index: dict = {}
    for pattern in patterns:
        index.setdefault(pattern.tokens[0].rstrip("*")[:INDEX_LENGTH], []).append(pattern)
    for candidates in index.values():
        candidates.sort(key=lambda p: -len(p.tokens))  # the longest phrase wins
    return index


def _lines(name: str):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


@cache
def bureaucratic_patterns() -> dict:
    patterns = []
    for line in _lines("bureaucratic.tsv"):
        forms, replacement = line.split("\t")
        for form in forms.split(" | "):
            patterns.append(Pattern(tuple(form.strip().split()), replacement.strip(), form.strip()))
    return _index(patterns)


@cache
def value_laden_patterns() -> dict:
    return _index(Pattern((line.strip(),), "", line.strip()) for line in _lines("value_laden.txt"))


def bureaucratic_count() -> int:
    return sum(1 for _ in _lines("bureaucratic.tsv"))


def _scan(words, text, index):
    position = 0
    while position < len(words):
        candidates = index.get(words[position].text.lower()[:INDEX_LENGTH], ())
        for pattern in candidates:
            length = pattern.matches(words, position, text)
            if length:
                yield pattern, words[position].start, words[position + length - 1].end
                position += length
                break
        else:
            position += 1


def bureaucratic_findings(words, text, severity: Severity):
    for pattern, start, end in _scan(words, text, bureaucratic_patterns()):
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


def value_laden_findings(words, text, severity: Severity):
    for _pattern, start, end in _scan(words, text, value_laden_patterns()):
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
    "KiB (kommunikatör i beredskap)" on its first use."""
    for entry in terms:
        # Inflected forms count too: "Linwebben", "KiB:s".
        pattern = re.compile(rf"(?<![\w-]){re.escape(entry.term)}\w*", re.IGNORECASE)
        first = pattern.search(text)
        if first is None:
            continue
        before = text[: first.start()].rstrip()
        after = text[first.end() :].lstrip()
        explained = after.startswith("(") or (before.endswith("(") and after.startswith(")"))
        if explained:
            continue
        suggestion = (
            f"{entry.explanation} ({entry.term})" if entry.explanation else "Förklara begreppet."
        )
        yield Finding(
            rule="W3.3e.jargon",
            severity=severity,
            start=first.start(),
            end=first.end(),
            message=f"Internt begrepp: ”{first.group()}”. Förklara det första gången det används.",
            suggestion=suggestion,
            excerpt=first.group(),
        )


@cache
def default_jargon() -> tuple:
    """The internal terms the demo municipality starts with (the admin list replaces them)."""
    terms = []
    for line in _lines("jargon.tsv"):
        term, _, explanation = line.partition("\t")
        terms.append(JargonTerm(term.strip(), explanation.strip()))
    return tuple(terms)
