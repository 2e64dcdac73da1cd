"""The public website's sitemap as a sitemap index with files of at most FILE_SIZE URLs
(the protocol allows 50,000; smaller files stay quick to build at 50,000 pages). URLs come
from the configured site, never from the request's Host header, and each file is built from
plain values – no page objects – so its cost grows only with its own size."""

import math

from django.template.response import TemplateResponse
from wagtail.models import Page

FILE_SIZE = 10_000


def _roots(site):
    """The site's start page and its live translations, with their URL prefixes."""
    roots = site.root_page.get_translations(inclusive=True).live().select_related("locale")
    default = site.root_page.locale.language_code
    return [
        (root, "" if root.locale.language_code == default else f"/{root.locale.language_code}")
        for root in roots.order_by("locale_id")
    ]


def _pages(site):
    roots = _roots(site)
    pages = Page.objects.none()
    for root, _prefix in roots:
        pages |= Page.objects.descendant_of(root, inclusive=True)
    return pages.live().public().order_by("path"), roots


def file_count(site) -> int:
    return max(1, math.ceil(_pages(site)[0].count() / FILE_SIZE))


def file_paths(site) -> list[str]:
    return [f"/sitemap-{number}.xml" for number in range(1, file_count(site) + 1)]


def index_response(request, site):
    entries = [{"location": site.root_url + path} for path in file_paths(site)]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def file_response(request, site, number: int):
    pages, roots = _pages(site)
    rows = pages.values_list("path", "url_path", "last_published_at")[
        (number - 1) * FILE_SIZE : number * FILE_SIZE
    ]
    prefixes = [(root.path, len(root.url_path) - 1, prefix) for root, prefix in roots]
    urls = []
    for path, url_path, published in rows:
        _root_path, cut, prefix = next(entry for entry in prefixes if path.startswith(entry[0]))
        urls.append({"location": site.root_url + prefix + url_path[cut:], "lastmod": published})
    if not urls and number > 1:
        return None
    return TemplateResponse(
        request, "sitemap.xml", {"urlset": urls}, content_type="application/xml"
    )
