"""A site-wide banner slot: what a higher app wants at the top of every page of a site
(a crisis message), kept apart from the cached pages so that changing it neither purges
nor re-renders a single page.

Every page carries a server-side-include placeholder where the banner goes. The page cache
keeps the placeholder; the banner is put in when the page is served – by nginx (`ssi on`,
asking `/_banner/<audience>/<language>/`) when NAVET_BANNER_BY_PROXY is set, otherwise by
Navet's page cache middleware (`assemble`). The banner itself is cached until its
generation moves on (`banner_changed`), so the next request anywhere shows the new one.

Apps provide the banner's HTML through the Wagtail hook `navet_site_banner`: a function
called with keyword arguments `audience` ("public" or "intranet") and `language`, returning
HTML (empty when there is nothing to show)."""

import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail import hooks

from .fragments import Generation

logger = logging.getLogger(__name__)
BANNER_HOOK = "navet_site_banner"
PUBLIC = "public"
INTRANET = "intranet"
TIMEOUT = 60 * 60 * 24
PLACEHOLDER = '<!--# include virtual="/_banner/{audience}/{language}/" -->'
PLACEHOLDER_START = b'<!--# include virtual="/_banner/'
PLACEHOLDER_PATTERN = re.compile(
    rb'<!--# include virtual="/_banner/(public|intranet)/([a-z]{2,3}(?:-[a-z]{2,4})?)/" -->'
)

banner_generation = Generation("navet:banner:generation")


def placeholder(*, audience: str, language: str) -> str:
    return PLACEHOLDER.format(audience=audience, language=language)


def banner_changed(*, public: bool = True) -> None:
    """Call after the commit of anything the banner shows: every page gets the new banner
    on its next request, and no cached page is touched. A caching proxy in front keeps the
    public banner too: only the banner is refreshed there, unless the change is not
    `public` (the intranet's banner alone)."""
    banner_generation.advance()
    from .cache import proxy_backends

    if not public or not proxy_backends():
        return
    from .tasks import refresh_proxy_urls

    urls = public_banner_urls()
    # At once, from here: a crisis message must not wait in the queue behind other work
    # (a refresh is one loopback request per language). Once more from the queue: an
    # answer the proxy was still fetching from before the commit may have been stored over
    # the fresh one.
    try:
        refresh_proxy_urls.call(urls=urls)
    except Exception:
        logger.exception("Couldn't refresh the banner in the proxies; queued to try again")
    refresh_proxy_urls.enqueue(urls=urls)


def public_banner_urls() -> list[str]:
    from .models import Audience, StartPage

    start = StartPage.main(Audience.PUBLIC)
    site = start.get_site() if start is not None else None
    if site is None:
        return []
    return [
        f"{site.root_url}/_banner/{PUBLIC}/{language}/" for language, _name in settings.LANGUAGES
    ]


def version() -> int:
    return banner_generation.current()


def banner_html(*, audience: str, language: str) -> str:
    key = f"navet:banner:{version()}:{audience}:{language}"
    html = cache.get(key)
    if html is None:
        with translation.override(language):
            html = "".join(
                hook(audience=audience, language=language) or ""
                for hook in hooks.get_hooks(BANNER_HOOK)
            )
        cache.set(key, html, TIMEOUT)
    return html


def assemble(content: bytes) -> bytes:
    """The page with its banner placeholders replaced by the current banners. The
    placeholder is found by plain search: a regular expression over the whole page cost
    a tenth of a cached page's time."""
    start = content.find(PLACEHOLDER_START)
    if start < 0:
        return content
    parts, done = [], 0
    while start >= 0:
        match = PLACEHOLDER_PATTERN.match(content, start)
        if match is None:
            start = content.find(PLACEHOLDER_START, start + 1)
            continue
        html = banner_html(audience=match.group(1).decode(), language=match.group(2).decode())
        parts += [content[done:start], html.encode()]
        done = match.end()
        start = content.find(PLACEHOLDER_START, done)
    return b"".join([*parts, content[done:]])


def assemble_response(response):
    """Put the banner into an HTML response, unless nginx does it (server-side includes)."""
    if (
        getattr(settings, "NAVET_BANNER_BY_PROXY", False)
        or response.streaming
        or not response.get("Content-Type", "").startswith("text/html")
    ):
        return response
    content = assemble(response.content)
    if content is not response.content:
        response.content = content
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(content))
    return response
