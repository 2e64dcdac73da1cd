"""Host names compared with the municipality's own domains (W3.6). Pure Python: the review
engine, the link marking and the register's look-alike report all compare the same way."""

import contextlib
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from .findings import Finding

# Top-level domains that never name a real organisation (RFC 2606, RFC 6761 and kin): a
# development host such as intranet.localhost gives no label to compare with.
RESERVED_TLDS = frozenset({"localhost", "local", "test", "example", "invalid", "internal"})
# Second-level labels under which a country's registrable names sit (kommun.co.uk).
GENERIC_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "net", "org"})
# Shorter labels ("lkp") would make every host containing them a look-alike.
SHORTEST_LABEL = 4


def fold(host: str) -> str:
    """A host name as compared: lower case, Unicode for punycode labels, without accents
    ("XN--LINKPING-...SE" and "linköping.se" → "linkoping.se"), without a trailing dot."""
    host = (host or "").strip().lower().rstrip(".")
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError):
                label = label.encode("ascii").decode("idna")
        labels.append(label)
    decomposed = unicodedata.normalize("NFKD", ".".join(labels))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def belongs_to(host: str, domains: Iterable[str]) -> bool:
    """The host is one of the domains or a subdomain of one."""
    host = fold(host)
    return any(host == domain or host.endswith("." + domain) for domain in map(fold, domains))


def name_label(domain: str) -> str:
    """The distinctive label of a domain's registrable name: "linkoping" for
    linkoping.se and www.linkoping.se, "kommun" for kommun.co.uk; "" for a host name
    without one (localhost, intranet.localhost)."""
    labels = [label for label in fold(domain).split(".") if label]
    if len(labels) < 2 or labels[-1] in RESERVED_TLDS:
        return ""
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in GENERIC_SECOND_LEVEL:
        return labels[-3]
    return labels[-2]


def own_labels(own: Iterable[str]) -> set[str]:
    """The labels of the own domains long enough to compare with, without hyphens."""
    labels = {name_label(domain).replace("-", "") for domain in own}
    return {label for label in labels if len(label) >= SHORTEST_LABEL}


def looks_like_ours(host: str, own: Iterable[str]) -> bool:
    """Whether a host that is not ours looks like it is: its name contains the distinctive
    label of one of our domains, hyphens and accents aside. With linkoping.se as ours,
    linkoping-kampanj.se, linkopingsfestivalen.nu, linköping.nu and linkoping.se.evil.com
    look like ours; linkoping.se and e.linkoping.se are ours; kommun.se is neither."""
    own = list(own)
    folded = fold(host)
    if not folded or belongs_to(folded, own):
        return False
    compact = folded.replace("-", "")
    return any(label in compact for label in own_labels(own))


def look_alike_findings(document, own: Iterable[str], severity):
    """W3.6: links to hosts that look like the municipality's but are not among its own
    domains (the sites, the register, the exceptions in force) — a typo, an expired
    campaign site or an imitation. Positions are offsets into the HTML source."""
    own = list(own)
    for element in document.elements:
        if element.tag != "a":
            continue
        href = (element.attrs.get("href") or "").strip()
        if href.startswith("//"):
            href = "https:" + href
        parts = urlsplit(href)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            continue
        if looks_like_ours(parts.hostname, own):
            yield Finding(
                "W3.6.look-alike-link",
                severity,
                element.start,
                element.end or element.start + 1,
                f"Länken leder till {parts.hostname}, som liknar kommunens domän men inte "
                "finns i domänregistret.",
                "Kontrollera adressen. En webbplats utanför kommunens domän kräver ett "
                "undantag som kommundirektören har beslutat.",
                " ".join(element.text.split()),
            )
