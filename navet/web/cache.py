"""The full-page cache for anonymous visitors of the public website, and the frontend-cache
backend that purges it when Wagtail publishes (W3.1 crisis load, W3.3b fast and correct).

Only what is the same for everyone is cached: GET requests without a query string from
visitors who are not signed in, on the public site, answered 200 by a page, feed or
sitemap. Nothing on the intranet and nothing for a signed-in person is ever stored."""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.http.request import split_domain_port
from wagtail.contrib.frontend_cache.backends import BaseBackend, HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

from .banner import assemble_response
from .fragments import Generation
from .hosts import is_intranet_request

logger = logging.getLogger(__name__)
CACHE_ALIAS = "default"
# Navet's own page cache's name in WAGTAILFRONTENDCACHE; every other entry is a proxy.
OWN_CACHE = "navet"
TIMEOUT = 60 * 60
# Paths whose responses differ per visitor or request, or are served elsewhere.
UNCACHED_PREFIXES = (
    "/admin/",
    "/sok/",
    "/logga-in/",
    "/logga-ut/",
    "/media/",
    "/documents/",
    "/static/",
    "/_util/",
    "/_banner/",
)
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Vary",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    # The sites' policy has no nonce: the same header fits the cached body for everyone.
    "Content-Security-Policy",
)
MARK = "X-Navet-Cacheable"


page_generation = Generation("navet:page-cache:generation")


def _cache():
    return caches[CACHE_ALIAS]


def cache_key(hostname: str, path: str) -> str:
    return f"navet:page:{page_generation.current()}:{hostname.lower()}:{path}"


def forget_everything() -> None:
    """Drop every cached page at once (site-wide settings changed)."""
    page_generation.advance()


def proxy_backends() -> dict:
    """The caching proxies in front of Navet (nginx, a CDN): all but Navet's own cache."""
    return {name: backend for name, backend in get_backends().items() if name != OWN_CACHE}


def purge_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.hostname:
        _cache().delete(cache_key(parts.hostname, parts.path or "/"))


def _request_is_cacheable(request) -> bool:
    """Decided before sessions are loaded: a visitor with a session cookie may be signed in
    and always goes to the app (as nginx does)."""
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if request.path.startswith(UNCACHED_PREFIXES):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


class AnonymousPageCacheMiddleware:
    """Serves and stores anonymous public pages. It sits right after SecurityMiddleware so a
    cache hit costs two cache reads and nothing else. Responses for signed-in people are
    marked private so that no shared cache (nginx, a CDN) keeps them either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable = _request_is_cacheable(request)
        hostname = split_domain_port(request.get_host())[0]
        if cacheable:
            stored = _cache().get(cache_key(hostname, request.path))
            if stored is not None:
                return assemble_response(self._rebuild(stored))

        response = self.get_response(request)

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
            response.headers.pop(MARK, None)
            return assemble_response(response)
        if cacheable and self._response_is_cacheable(request, response):
            _cache().set(
                cache_key(hostname, request.path),
                (
                    response.status_code,
                    [(name, response[name]) for name in KEPT_HEADERS if name in response],
                    response.content,
                ),
                TIMEOUT,
            )
            response["X-Navet-Cache"] = "miss"
            response[MARK] = "1"
            response["Cache-Control"] = "no-cache"
        else:
            response.headers.pop(MARK, None)
        # The cache keeps the banner's placeholder: the banner is put in as it is served.
        return assemble_response(response)

    @staticmethod
    def _rebuild(stored) -> HttpResponse:
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Navet-Cache"] = "hit"
        response[MARK] = "1"
        response["Cache-Control"] = "no-cache"
        return response

    @staticmethod
    def _response_is_cacheable(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            # A response that sets a cookie (a CSRF token, a session) is someone's own.
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and not is_intranet_request(request)
        )


class PageCacheBackend(BaseBackend):
    """Wagtail frontend-cache backend for Navet's own page cache."""

    def purge(self, url) -> None:
        purge_url(url)

    def purge_everything(self) -> None:
        forget_everything()


class NginxPurgeBackend(HTTPBackend):
    """Wagtail's HTTP purge backend for nginx (cache_purge module). nginx answers 404 when
    the page was not in its cache, which is no error. `purge_everything` moves nginx's own
    cache generation on (deploy/nginx.conf.template): every cached page at once."""

    EVERYTHING_PATH = "/__navet/purge-all"

    def purge(self, url) -> None:
        url_parsed = urlsplit(url)
        self._send(url_parsed.path, host=url_parsed.netloc, what=url)

    def purge_everything(self) -> None:
        host = next((name for name in self.hostnames if name != "*"), self.cache_netloc)
        self._send(self.EVERYTHING_PATH, host=host, what="everything")

    REFRESH_PREFIX = "/__navet/refresh"

    def refresh(self, url) -> None:
        """Have nginx fetch `url` again and keep the answer over the old one (the public
        banner, in nginx's memory): readers go from the old to the new at once."""
        url_parsed = urlsplit(url)
        self._send(
            self.REFRESH_PREFIX + url_parsed.path, host=url_parsed.netloc, what=url, method="GET"
        )

    def _send(self, path: str, *, host: str, what: str, method: str = "PURGE") -> None:
        request = Request(  # noqa: S310 - the configured loopback LOCATION
            urlunsplit([self.cache_scheme, self.cache_netloc, path, "", ""]),
            headers={"Host": host},
            method=method,
        )
        try:
            urlopen(request, timeout=5)  # noqa: S310 - the configured loopback LOCATION
        except HTTPError as error:
            if error.code != 404:
                logger.error("Couldn't purge %s from nginx: %s", what, error)
                raise
        except URLError as error:
            logger.error("Couldn't purge %s from nginx: %s", what, error.reason)
            raise
