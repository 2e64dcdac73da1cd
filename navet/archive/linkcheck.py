"""The link checker of the compliance view (W3.7 supervision).

Internal links – to pages, documents, images – come from Wagtail's reference index: a link
is broken when what it points to is gone, or is a page no longer live. External links are
asked for politely: one request at a time per host with a pause between them, HEAD first
and GET when a server does not answer HEAD, and a server that says it is busy (429, 503)
is given the time it asks for (Retry-After), or a doubling pause, before it is asked again."""

import contextlib
import json
import logging
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex

from .models import BrokenLink

logger = logging.getLogger(__name__)

EXTERNAL_URL = re.compile(r"""https?://[^\s"'<>\\]+""")
USER_AGENT = "Navet link checker (the municipality's web council)"
BUSY = (429, 503)
HEAD_REFUSED = (400, 403, 404, 405, 406, 500, 501)


@dataclass
class LinkResult:
    url: str
    status: int | None
    error: str = ""

    @property
    def broken(self) -> bool:
        return self.status is None or self.status >= 400


class ExternalLinkChecker:
    """Checks addresses on other hosts. `pause` seconds pass between two requests to one
    host; a busy answer is retried up to `retries` times after `backoff` seconds, doubled
    each time, or the server's Retry-After (at most `max_wait`)."""

    def __init__(
        self,
        *,
        pause: float = 1.0,
        backoff: float = 2.0,
        retries: int = 3,
        max_wait: float = 60.0,
        timeout: float = 10.0,
        sleep=time.sleep,
        clock=time.monotonic,
    ):
        self.pause, self.backoff, self.retries = pause, backoff, retries
        self.max_wait, self.timeout = max_wait, timeout
        self.sleep, self.clock = sleep, clock
        self.last_request: dict[str, float] = {}
        self.requests: list[tuple[str, str, float]] = []

    def _wait_for_turn(self, host: str) -> None:
        last = self.last_request.get(host)
        if last is not None:
            remaining = self.pause - (self.clock() - last)
            if remaining > 0:
                self.sleep(remaining)
        self.last_request[host] = self.clock()

    def _ask(self, method: str, url: str) -> tuple[int | None, dict, str]:
        host = urlsplit(url).netloc
        self._wait_for_turn(host)
        self.requests.append((method, url, self.clock()))
        # Only http(s) addresses get here (see `check`).
        request = urllib.request.Request(  # noqa: S310
            url, method=method, headers={"User-Agent": USER_AGENT}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                if method == "GET":
                    response.read(1024)
                return response.status, dict(response.headers), ""
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers or {}), ""
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            return None, {}, str(getattr(error, "reason", error))[:300]

    def _retry_after(self, headers: dict, attempt: int) -> float:
        value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
        wait = self.backoff * 2**attempt
        if value:
            try:
                wait = float(value)
            except ValueError:
                with contextlib.suppress(TypeError, ValueError):
                    wait = (parsedate_to_datetime(value) - timezone.now()).total_seconds()
        return min(max(wait, 0), self.max_wait)

    def _ask_patiently(self, method: str, url: str) -> tuple[int | None, str]:
        for attempt in range(self.retries + 1):
            status, headers, error = self._ask(method, url)
            if status not in BUSY or attempt == self.retries:
                return status, error
            self.sleep(self._retry_after(headers, attempt))
        return status, error

    def check(self, url: str) -> LinkResult:
        if urlsplit(url).scheme not in ("http", "https"):
            return LinkResult(url, None, "not an http address")
        status, error = self._ask_patiently("HEAD", url)
        if status is None or status in HEAD_REFUSED:
            get_status, get_error = self._ask_patiently("GET", url)
            if get_status is not None or status is None:
                status, error = get_status, get_error
        return LinkResult(url, status, error)


def own_hosts() -> set[str]:
    from wagtail.models import Site

    hosts = {settings.NAVET_PUBLIC_HOST, settings.NAVET_INTRANET_HOST}
    hosts.update(Site.objects.values_list("hostname", flat=True))
    return hosts


def external_urls(page) -> list[str]:
    """Addresses on other hosts that the page's content links to."""
    content = json.dumps(page.serializable_data(), default=str)
    hosts = own_hosts()
    found = []
    for url in EXTERNAL_URL.findall(content):
        url = url.rstrip(".,;)")
        if (urlsplit(url).hostname or "") not in hosts and url not in found:
            found.append(url)
    return found


def broken_internal_links(page) -> list[LinkResult]:
    """References from the page to pages, documents or images that are gone or not live."""
    results = []
    for reference in ReferenceIndex.get_references_for_object(page):
        model = reference.to_content_type.model_class()
        if model is None:
            continue
        target = model._default_manager.filter(pk=reference.to_object_id).first()
        label = f"{reference.to_content_type.name}:{reference.to_object_id}"
        if target is None:
            results.append(LinkResult(label, 404, "gone"))
        elif isinstance(target, Page) and not target.live:
            results.append(LinkResult(target.url_path or label, 404, "not published"))
    return results


def live_pages():
    from .supervision import live_pages as pages

    return pages()


@transaction.atomic
def record_results(*, page, internal: list, external: list) -> None:
    BrokenLink.objects.filter(page=page).delete()
    now = timezone.now()
    for result, is_internal in [*((r, True) for r in internal), *((r, False) for r in external)]:
        if result.broken:
            BrokenLink.objects.update_or_create(
                page=page,
                url=result.url[:1000],
                defaults={
                    "internal": is_internal,
                    "status": result.status,
                    "error": result.error,
                    "checked_at": now,
                },
            )


def check_links(*, external: bool = True, checker: ExternalLinkChecker | None = None) -> int:
    """Check every live page's links; returns the broken links found. One page that cannot be
    checked is logged and skipped."""
    checker = checker or ExternalLinkChecker()
    cache: dict[str, LinkResult] = {}
    broken = 0
    for page in live_pages():
        try:
            internal = broken_internal_links(page)
            outside = []
            if external:
                for url in external_urls(page):
                    if url not in cache:
                        cache[url] = checker.check(url)
                    outside.append(cache[url])
            record_results(page=page, internal=internal, external=outside)
            broken += sum(result.broken for result in [*internal, *outside])
        except Exception:
            logger.exception("Link check: page %s skipped", page.pk)
    return broken
