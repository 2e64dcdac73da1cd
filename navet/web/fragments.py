"""Rendered fragments of pages – the header, the footer, a page's content – cached until
something is published, unpublished, moved or deleted, or a site-wide setting changes
(then the content generation moves on and every fragment is rendered afresh). A page's
content fragment is also keyed on its live revision, so it belongs to what was approved.

A fragment holds only what is the same for everyone who may see the page: the parts that
depend on the person (who is signed in, messages, forms with CSRF tokens) stay outside.
A preview never reads or writes a fragment (see the `fragment` template tag)."""

from django.core.cache import cache

TIMEOUT = 60 * 60 * 6


class Generation:
    """A counter in the shared cache that is part of every key of a family of cached
    entries: moving it on forgets the whole family at once."""

    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        return cache.get_or_set(self.key, 1, None)

    def advance(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:
            cache.set(self.key, 2, None)


content_generation = Generation("navet:content-generation")


def bump() -> None:
    content_generation.advance()


def key(*parts) -> str:
    return "navet:fragment:" + ":".join(
        str(part) for part in (content_generation.current(), *parts)
    )


def get_or_render(fragment_key: str, render) -> str:
    html = cache.get(fragment_key)
    if html is None:
        html = render()
        cache.set(fragment_key, html, TIMEOUT)
    return html
