"""Turning input (plain text or HTML) into reviewable text that remembers where each piece
came from, so findings point into the input as given."""

import bisect
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

HTML_HINT = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*[\s>/]|!--|!doctype)", re.IGNORECASE)
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
SKIPPED_TAGS = frozenset({"script", "style", "template"})


def looks_like_html(source: str) -> bool:
    return bool(HTML_HINT.search(source))


@dataclass
class Element:
    """An element the markup checks need, with its text and where it starts in the input."""

    tag: str
    attrs: dict
    start: int
    end: int = 0
    text: str = ""
    children_tags: set = field(default_factory=set)


@dataclass
class Document:
    source: str
    text: str
    is_html: bool
    # (text offset, source offset) at the start of each contiguous run.
    segments: list = field(default_factory=list)
    elements: list = field(default_factory=list)

    def __post_init__(self):
        self._starts = [segment[0] for segment in self.segments]

    def to_source(self, offset: int) -> int:
        if not self.is_html:
            return offset
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return 0
        text_start, source_start = self.segments[index]
        return min(source_start + (offset - text_start), len(self.source))

    def span(self, start: int, end: int) -> tuple[int, int]:
        if not self.is_html:
            return start, end
        return self.to_source(start), self.to_source(max(start, end - 1)) + 1


class _Extractor(HTMLParser):
    TRACKED = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "table", "img", "embed"})

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[tuple[int, int]] = []
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.skipping = 0

    def _position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _append(self, text: str, source_offset: int):
        if not text:
            return
        self.segments.append((self.length, source_offset))
        self.parts.append(text)
        self.length += len(text)
        for element in self.open:
            if element.tag != "table":
                element.text += text

    def _break(self, source_offset: int):
        if self.parts and not self.parts[-1].endswith("\n"):
            self._append("\n", source_offset)

    def handle_starttag(self, tag, attrs):
        position = self._position()
        if tag in SKIPPED_TAGS:
            self.skipping += 1
            return
        if tag in BLOCK_TAGS:
            self._break(position)
        for element in self.open:
            element.children_tags.add(tag)
        if tag in self.TRACKED:
            element = Element(tag=tag, attrs=dict(attrs), start=position)
            self.elements.append(element)
            if tag in ("img", "embed"):
                element.end = position + len(self.get_starttag_text() or "")
            else:
                self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in self.TRACKED and tag not in ("img", "embed") and self.open:
            self.open.pop().end = self._position()

    def handle_endtag(self, tag):
        position = self._position()
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
            return
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                element = self.open.pop(index)
                element.end = position + len(tag) + 3
                break
        if tag in BLOCK_TAGS:
            self._break(position)

    def handle_data(self, data):
        if self.skipping:
            return
        # Source line breaks inside HTML are just spaces; blocks end at block elements.
        self._append(re.sub(r"\s", " ", data), self._position())

    def _handle_reference(self, reference: str):
        if not self.skipping:
            self._append(html.unescape(reference), self._position())

    def handle_entityref(self, name):
        self._handle_reference(f"&{name};")

    def handle_charref(self, name):
        self._handle_reference(f"&#{name};")


def parse(source: str) -> Document:
    if not looks_like_html(source):
        return Document(source=source, text=source, is_html=False)
    extractor = _Extractor(source)
    extractor.feed(source)
    extractor.close()
    for element in extractor.open:
        element.end = len(source)
    return Document(
        source=source,
        text="".join(extractor.parts),
        is_html=True,
        segments=extractor.segments,
        elements=extractor.elements,
    )
