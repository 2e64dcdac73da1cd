"""What a review returns. No Django here: the engine runs in the CLI and the benchmark too."""

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    ADVICE = "advice"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "advice": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    start: int
    end: int
    message: str
    suggestion: str = ""
    excerpt: str = ""

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass
class Review:
    lix: float
    band: str
    words: int
    sentences: int
    long_words: int
    average_sentence_length: float
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def as_dict(self) -> dict:
        return {
            "lix": self.lix,
            "band": self.band,
            "words": self.words,
            "sentences": self.sentences,
            "long_words": self.long_words,
            "average_sentence_length": self.average_sentence_length,
            "findings": [
                {
                    key: f.as_dict()[key]
                    for key in ("rule", "severity", "start", "end", "message", "suggestion")
                }
                for f in self.findings
            ],
        }
