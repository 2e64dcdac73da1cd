"""Rendered fragments of pages – the header, the footer, a page's content – cached until
something is published, unpublished, moved or deleted, or a site-wide setting changes
(then the content generation moves on and every fragment is rendered afresh).

A fragment holds only what is the same for everyone who may see the page: the parts that
depend on the person (who is signed in, messages, forms with CSRF tokens) stay outside."""

from django.core.cache import cache

GENERATION_KEY = "navet:content-generation"
TIMEOUT = 60 * 60 * 6


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, None)


def bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def key(*parts) -> str:
    return "navet:fragment:" + ":".join(str(part) for part in (generation(), *parts))


def get_or_render(fragment_key: str, render) -> str:
    html = cache.get(fragment_key)
    if html is None:
        html = render()
        cache.set(fragment_key, html, TIMEOUT)
    return html
