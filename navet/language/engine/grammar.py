"""Passive voice density (rule W3.3e): many s-passives hide who does what."""

from functools import cache, lru_cache

from .findings import Finding, Severity
from .wording import _lines

PASSIVE_ENDINGS = ("ades", "ats", "its", "tes", "des", "tts", "dds", "as", "es")
MIN_LENGTH = 5
# Above this share of sentences with an s-passive (and at least MIN_PASSIVES of them),
# every passive is pointed out.
DENSITY_LIMIT = 0.3
MIN_PASSIVES = 3


@cache
def _excluded() -> frozenset:
    words = set()
    for name in ("deponents.txt", "not_passive.txt"):
        for line in _lines(name):
            words.update(line.split())
    return frozenset(words)


@lru_cache(maxsize=65_536)
def is_s_passive(word: str) -> bool:
    value = word.lower()
    if len(value) < MIN_LENGTH or value in _excluded() or "-" in value:
        return False
    if value.endswith("ss"):
        return False
    for ending in PASSIVE_ENDINGS:
        if value.endswith(ending):
            if ending in ("as", "es"):
                # "skickas", "ges": a consonant before the ending, not "idéas" or "ananas".
                return value[-3] not in "aeiouyåäöé"
            return True
    return False


def passive_findings(sentences, text, severity: Severity):
    passives = [
        (sentence, word)
        for sentence in sentences
        for word in sentence.words
        if is_s_passive(word.text)
    ]
    with_passive = len({id(sentence) for sentence, _ in passives})
    if not sentences or len(passives) < MIN_PASSIVES:
        return
    share = with_passive / len(sentences)
    if share <= DENSITY_LIMIT:
        return
    for _sentence, word in passives:
        yield Finding(
            rule="W3.3e.passive",
            severity=severity,
            start=word.start,
            end=word.end,
            message=(
                f"Passiv form: ”{word.text}”. {with_passive} av {len(sentences)} meningar "
                f"({round(share * 100)} %) har passiv form."
            ),
            suggestion="Skriv vem som gör något: ”Vi betalar ut bidraget” i stället för "
            "”Bidraget betalas ut”.",
            excerpt=word.text,
        )
