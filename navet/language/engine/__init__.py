"""Plain-language and accessibility review of Swedish text or HTML (rules W3.3c, W3.3e and
WCAG 2.1 AA). Pure Python: no Django, so the CLI and the benchmark use it as it is."""

from dataclasses import dataclass

from .domains import look_alike_findings
from .findings import Finding, Review, Severity
from .grammar import passive_findings
from .lix import readability
from .markup import capitals_findings, markup_findings
from .rules import RULES, severities_with
from .text import Document, looks_like_html, parse
from .tokens import sentences_in
from .wording import (
    JargonTerm,
    bureaucratic_findings,
    default_jargon,
    jargon_findings,
    value_laden_findings,
)

__all__ = [
    "EASY_TO_READ",
    "RULES",
    "STANDARD",
    "Finding",
    "JargonTerm",
    "Profile",
    "Review",
    "Severity",
    "default_jargon",
    "looks_like_html",
    "review",
    "review_ingress",
]


@dataclass(frozen=True)
class Profile:
    name: str
    max_sentence_words: int
    max_lix: float
    sentence_rule: str
    lix_rule: str
    min_words_for_lix: int


STANDARD = Profile("standard", 25, 50, "W3.3e.long-sentence", "W3.3e.lix", 30)
# Easy-to-read Swedish (lättläst) is held to stricter limits.
EASY_TO_READ = Profile(
    "lättläst", 15, 30, "W3.3e.easy-to-read.long-sentence", "W3.3e.easy-to-read.lix", 10
)


def review(
    source: str,
    *,
    profile: Profile = STANDARD,
    jargon=None,
    severities: dict | None = None,
    language_rules: bool = True,
    own_domains=(),
) -> Review:
    """Review plain text or HTML (chosen by content). Positions are offsets into `source`.
    `language_rules=False` keeps only the markup checks (for text that is not Swedish).
    `own_domains` are the municipality's: links to hosts that only look like them are
    questioned (W3.6)."""
    chosen = severities_with(severities)
    document = parse(source)
    text = document.text
    sentences = sentences_in(text)
    words = [word for sentence in sentences for word in sentence.words]
    lowered = [word.text.lower() for word in words]
    measured = readability(sentences)

    text_findings = [
        *bureaucratic_findings(words, lowered, text, chosen["W3.3e.bureaucratic"]),
        *value_laden_findings(words, lowered, text, chosen["W3.3e.value-laden"]),
        *jargon_findings(
            default_jargon() if jargon is None else jargon, text, chosen["W3.3e.jargon"]
        ),
        *passive_findings(sentences, text, chosen["W3.3e.passive"]),
        *capitals_findings(text, chosen["W3.3e.capitals"]),
        *_sentence_findings(sentences, text, profile, chosen[profile.sentence_rule]),
    ]
    if not language_rules:
        text_findings = [f for f in text_findings if f.rule == "W3.3e.capitals"]
    findings = [_to_source(document, finding) for finding in text_findings]
    findings += markup_findings(document, chosen)
    findings += look_alike_findings(document, own_domains, chosen["W3.6.look-alike-link"])
    if (
        language_rules
        and measured.words >= profile.min_words_for_lix
        and measured.lix > profile.max_lix
    ):
        findings.append(
            Finding(
                profile.lix_rule,
                chosen[profile.lix_rule],
                0,
                len(source),
                f"Texten är {measured.band} att läsa: LIX {measured.lix} "
                f"(högst {profile.max_lix:g} för {profile.name} text).",
                "Skriv kortare meningar och använd kortare ord.",
            )
        )
    findings.sort(key=lambda f: (f.start, f.severity.rank, f.rule))
    return Review(
        lix=measured.lix,
        band=measured.band,
        words=measured.words,
        sentences=measured.sentences,
        long_words=measured.long_words,
        average_sentence_length=measured.average_sentence_length,
        findings=findings,
    )


def _sentence_findings(sentences, text, profile, severity):
    for sentence in sentences:
        if len(sentence.words) > profile.max_sentence_words:
            yield Finding(
                profile.sentence_rule,
                severity,
                sentence.start,
                sentence.end,
                f"Meningen har {len(sentence.words)} ord (högst {profile.max_sentence_words}).",
                "Dela upp meningen i två eller fler.",
                text[sentence.start : sentence.end][:80],
            )


def _to_source(document: Document, finding: Finding) -> Finding:
    start, end = document.span(finding.start, finding.end)
    return Finding(
        finding.rule,
        finding.severity,
        start,
        end,
        finding.message,
        finding.suggestion,
        finding.excerpt,
    )


def review_ingress(text: str, *, severities: dict | None = None) -> list[Finding]:
    """W3.3c: the ingress states the essential in one or two sentences. (Its length is a
    publishing rule, checked where the limit is kept.)"""
    sentences = sentences_in(text)
    if len(sentences) <= 2:
        return []
    return [
        Finding(
            "W3.3c.ingress-sentences",
            severities_with(severities)["W3.3c.ingress-sentences"],
            sentences[2].start,
            len(text),
            f"Ingressen har {len(sentences)} meningar (högst två).",
            "Flytta resten till brödtexten.",
        )
    ]
