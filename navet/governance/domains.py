"""The municipality's domains (W3.6): what counts as its own when links are marked, when
that changes, and the outbound links on its pages to hosts that only look like its own.

External pages live under the municipality's one domain; a site elsewhere needs the
municipal director's decision (a `DomainException`), in force until it expires. The
registered domains and the exceptions in force join the sites' host names in
`navet.language.domains.own_domains()` through the `navet_own_domains` hook, so a link to
them is not marked as leaving the municipality's websites nor questioned by the language
review."""

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from navet.language.domains import OWN_DOMAINS_CACHE_KEY, own_domains
from navet.language.engine.domains import fold, looks_like_ours
from navet.language.services import page_html
from navet.web import purge
from navet.web.templatetags.navet_tags import HREF

from .models import DomainException, OwnDomain

PAGES_PER_CHUNK = 100
URL = re.compile(r"^(?:https?:)?//\S+$", re.IGNORECASE)


def registered_domains() -> list[str]:
    """The `navet_own_domains` hook: the registered own domains and the exceptions in
    force today."""
    names = list(OwnDomain.objects.values_list("name", flat=True))
    names += DomainException.objects.in_force().values_list("domain", flat=True)
    return names


def forget_own_domains() -> None:
    """What counts as the municipality's own changed: links on every page may be marked
    differently, so the own-domain cache and every cached page go, now and after the
    commit (as when the site identity changes)."""

    def forget(at_commit):
        cache.delete(OWN_DOMAINS_CACHE_KEY)
        purge.purge_everything(at_commit=at_commit)

    purge.now_and_after_commit(forget)


def expired_exceptions(*, since: datetime.date, today: datetime.date | None = None):
    """Approved exceptions whose last day in force was on or after `since` and before
    `today`: they stopped counting as the municipality's own at a midnight in between."""
    today = today or timezone.localdate()
    return DomainException.objects.filter(
        live=True, expires_on__gte=since, expires_on__lt=today
    ).select_related("owning_unit")


# The outbound links of the pages


def _strings(value):
    """Every string in a StreamField's raw data, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _links_in(text: str) -> list[str]:
    if URL.match(text.strip()):
        return [text.strip()]
    return [match.group("href").strip() for match in HREF.finditer(text)] if "href" in text else []


def outbound_links(page) -> list[str]:
    """The absolute http(s) links a page shows its readers, in order, each once: the links
    in its reviewable HTML (body, rich text fields), anywhere in its StreamFields (rich text
    and URL blocks) and its URL fields."""
    texts = [page_html(page)]
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            stream = getattr(page, field.name, None)
            if stream is not None:
                texts.extend(_strings(list(stream.raw_data)))
        elif getattr(field, "get_internal_type", lambda: "")() == "URLField":
            texts.append(getattr(page, field.name, "") or "")
    links = []
    for text in texts:
        for href in _links_in(text):
            if href.startswith("//"):
                href = "https:" + href
            parts = urlsplit(href)
            if parts.scheme.lower() in ("http", "https") and parts.hostname and href not in links:
                links.append(href)
    return links


@dataclass(frozen=True)
class LookAlikeLink:
    page_id: int
    title: str
    edit_url: str
    url: str
    host: str


def live_site_pages():
    """The live pages of every site (both the public site and the intranet), as ids."""
    roots = Site.objects.values_list("root_page__path", flat=True)
    under = Q(pk__in=[])
    for path in roots:
        under |= Q(path__startswith=path)
    return Page.objects.live().filter(under).order_by("path").values_list("pk", flat=True)


def look_alike_links() -> list[LookAlikeLink]:
    """W3.6: the outbound links on the sites' live pages to hosts that look like the
    municipality's own but are neither its domains, an exception in force nor a site's
    host name."""
    own = own_domains()
    page_ids = list(live_site_pages())
    found = []
    for start in range(0, len(page_ids), PAGES_PER_CHUNK):
        chunk = page_ids[start : start + PAGES_PER_CHUNK]
        for page in Page.objects.filter(pk__in=chunk).order_by("path").specific():
            for url in outbound_links(page):
                host = urlsplit(url).hostname or ""
                if looks_like_ours(host, own):
                    found.append(
                        LookAlikeLink(
                            page_id=page.pk,
                            title=page.title,
                            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                            url=url,
                            host=fold(host),
                        )
                    )
    return found
