"""Replaying a capture from its WARC file alone (W3.7): the page's HTML with the addresses of
its stylesheets and images turned into the archive's own, so nothing comes from the live
site."""

import json
import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path
from urllib.parse import urlencode, urljoin

from warcio.archiveiterator import ArchiveIterator

ATTRIBUTE_URL = re.compile(
    r"""(?P<lead>\s(?:src|href|poster)\s*=\s*)(?P<quote>["'])(?P<value>.*?)(?P=quote)""",
    re.IGNORECASE | re.DOTALL,
)
SRCSET = re.compile(r"""(?P<lead>\ssrcset\s*=\s*)(?P<quote>["'])(?P<value>.*?)(?P=quote)""", re.I)
CSS_URL = re.compile(r"""url\(\s*(?P<quote>["']?)(?P<value>[^"')]+)(?P=quote)\s*\)""")


@dataclass
class Stored:
    uri: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def content_type(self) -> str:
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value
        return "application/octet-stream"


@dataclass
class StoredCapture:
    responses: dict[str, Stored]
    metadata: dict
    main_uri: str


def read_warc(path: Path) -> StoredCapture:
    responses, metadata, main_uri = {}, {}, ""
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if record.rec_type == "response":
                body = record.content_stream().read()
                responses.setdefault(
                    uri,
                    Stored(
                        uri,
                        int(record.http_headers.get_statuscode()),
                        list(record.http_headers.headers),
                        body,
                    ),
                )
                main_uri = main_uri or uri
            elif record.rec_type == "metadata":
                metadata = json.loads(record.content_stream().read().decode("utf-8"))
    return StoredCapture(responses, metadata, main_uri)


class Rewriter:
    """Turns captured addresses into replay addresses; others are left as they are."""

    def __init__(self, *, stored: StoredCapture, resource_url: str):
        self.stored = stored
        self.resource_url = resource_url

    def replay_url(self, value: str, base: str) -> str | None:
        absolute = urljoin(base, unescape(value.strip())).split("#")[0]
        if absolute in self.stored.responses:
            return f"{self.resource_url}?{urlencode({'uri': absolute})}"
        return None

    def html(self, text: str, base: str) -> str:
        def attribute(match):
            replaced = self.replay_url(match["value"], base)
            if replaced is None:
                return match.group(0)
            return f"{match['lead']}{match['quote']}{escape(replaced)}{match['quote']}"

        def srcset(match):
            candidates = []
            for candidate in match["value"].split(","):
                parts = candidate.strip().split(maxsplit=1)
                if not parts:
                    continue
                replaced = self.replay_url(parts[0], base)
                candidates.append(
                    " ".join([escape(replaced) if replaced else parts[0], *parts[1:]])
                )
            return f"{match['lead']}{match['quote']}{', '.join(candidates)}{match['quote']}"

        return SRCSET.sub(srcset, ATTRIBUTE_URL.sub(attribute, text))

    def css(self, text: str, base: str) -> str:
        def url(match):
            replaced = self.replay_url(match["value"], base)
            return f'url("{replaced}")' if replaced else match.group(0)

        return CSS_URL.sub(url, text)

    def body_of(self, stored: Stored) -> bytes:
        content_type = stored.content_type.lower()
        if "html" in content_type:
            return self.html(stored.body.decode("utf-8", "replace"), stored.uri).encode()
        if "css" in content_type:
            return self.css(stored.body.decode("utf-8", "replace"), stored.uri).encode()
        return stored.body
