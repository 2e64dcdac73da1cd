"""Accessibility of the markup an editor controls (WCAG 2.1 AA): alternative text, heading
structure, link texts, document links, tables, text in capitals."""

import re

from .findings import Finding

FILENAME_ALT = re.compile(
    r"^\s*(?:[\w\-. ]+\.(?:jpe?g|png|gif|webp|svg|tiff?|bmp|heic)"
    r"|(?:img|dsc|image|bild)[_\- ]?\d+)\s*$",
    re.IGNORECASE,
)
VAGUE_LINK_TEXTS = frozenset(
    {
        "klicka här",
        "klicka",
        "här",
        "läs mer",
        "läs mer här",
        "mer",
        "mer info",
        "mer information",
        "länk",
        "tryck här",
        "se här",
        "gå hit",
        "click here",
        "read more",
        "more",
        "here",
    }
)
BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
DOCUMENT_HREF = re.compile(
    r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|csv|zip)(?:[?#]|$)", re.IGNORECASE
)
TYPE_AND_SIZE = re.compile(
    r"\((?:pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|csv|zip)\b[^)]*\d[^)]*(?:kb|mb|gb|byte)",
    re.IGNORECASE,
)
CAPITALS_RUN = re.compile(r"(?:\b[A-ZÅÄÖÉ]{2,}\b[\s,.:;!?-]*){4,}")


def _finding(rule, severity, element_or_span, message, suggestion="", excerpt=""):
    start, end = element_or_span
    return Finding(rule, severity, start, end, message, suggestion, excerpt)


def markup_findings(document, severities):
    """Checks on the HTML elements; positions are offsets into the HTML source."""
    heading_level = 1
    for element in document.elements:
        span = (element.start, element.end or element.start + 1)
        if element.tag == "img" or (
            element.tag == "embed" and element.attrs.get("embedtype") == "image"
        ):
            alt = element.attrs.get("alt")
            if alt is None:
                yield _finding(
                    "WCAG.1.1.1.alt-missing",
                    severities["WCAG.1.1.1.alt-missing"],
                    span,
                    "Bilden saknar alternativtext.",
                    "Beskriv vad bilden visar, eller markera den som dekorativ.",
                )
            elif FILENAME_ALT.match(alt):
                yield _finding(
                    "WCAG.1.1.1.alt-filename",
                    severities["WCAG.1.1.1.alt-filename"],
                    span,
                    f"Alternativtexten är ett filnamn: ”{alt}”.",
                    "Beskriv vad bilden visar.",
                    alt,
                )
        elif element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = int(element.tag[1])
            if not element.text.strip():
                yield _finding(
                    "WCAG.2.4.6.heading-empty",
                    severities["WCAG.2.4.6.heading-empty"],
                    span,
                    "Tom rubrik.",
                    "Skriv en rubrik eller ta bort den.",
                )
            elif level > heading_level + 1:
                yield _finding(
                    "WCAG.1.3.1.heading-skip",
                    severities["WCAG.1.3.1.heading-skip"],
                    span,
                    f"Rubriknivå hoppar från {heading_level} till {level}.",
                    f"Använd rubriknivå {heading_level + 1}.",
                    element.text.strip(),
                )
            heading_level = level
        elif element.tag == "a":
            yield from _link_findings(element, span, severities)
        elif element.tag == "table" and "th" not in element.children_tags:
            yield _finding(
                "WCAG.1.3.1.table-headers",
                severities["WCAG.1.3.1.table-headers"],
                span,
                "Tabellen saknar rubrikceller.",
                "Gör första raden eller kolumnen till rubrikceller (th).",
            )


def _link_findings(element, span, severities):
    text = " ".join(element.text.split())
    plain = text.strip(" .:!?»›→").lower()
    href = element.attrs.get("href") or ""
    if plain in VAGUE_LINK_TEXTS:
        yield _finding(
            "WCAG.2.4.4.link-text",
            severities["WCAG.2.4.4.link-text"],
            span,
            f"Länktexten ”{text}” säger inte vart länken leder.",
            "Skriv vad länken leder till, t.ex. ”Ansök om förskoleplats”.",
            text,
        )
    elif BARE_URL.match(plain):
        yield _finding(
            "WCAG.2.4.4.bare-url",
            severities["WCAG.2.4.4.bare-url"],
            span,
            "Länktexten är en webbadress.",
            "Skriv namnet på sidan eller webbplatsen i stället.",
            text,
        )
    is_document = bool(DOCUMENT_HREF.search(href)) or element.attrs.get("linktype") == "document"
    if is_document and not TYPE_AND_SIZE.search(text):
        yield _finding(
            "WCAG.2.4.4.document-link",
            severities["WCAG.2.4.4.document-link"],
            span,
            f"Länken till dokumentet ”{text}” anger inte filtyp och storlek.",
            "Skriv t.ex. ”(PDF, 1,2 MB)” efter länktexten.",
            text,
        )


def capitals_findings(text, severity):
    for match in CAPITALS_RUN.finditer(text):
        yield Finding(
            "W3.3e.capitals",
            severity,
            match.start(),
            match.end(),
            "Lång text med versaler är svår att läsa.",
            "Skriv med vanliga gemener och använd fetstil eller en rubrik för betoning.",
            match.group().strip(),
        )
