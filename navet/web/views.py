"""Public views besides the pages themselves: search, the news feed, sitemap and robots."""

import logging

from django.contrib.syndication.views import Feed
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Page

from navet.organisation.models import Unit

from . import sitemaps
from .models import NewsPage
from .paging import page_number, page_of
from .search import RankedHits, clean_query, other_hits
from .selectors import SiteContext

logger = logging.getLogger(__name__)
RESULTS_PER_PAGE = 10


def search(request):
    """/sok/?q=… on each site. The public site never returns intranet content; the intranet's
    search is behind login like everything else there (W3.2). Results are counted and only
    the shown page is loaded: the queries do not grow with the number of hits."""
    site = SiteContext(request)
    start = site.localized_start_page
    query, stems = clean_query(request.GET.get("q", ""))
    results, failed, hits = None, False, []
    if start is not None and stems:
        pages = Page.objects.live().descendant_of(start, inclusive=True)
        if not site.is_intranet:
            pages = pages.public()
        try:
            if connection.vendor == "postgresql":
                number = page_number(request.GET.get("sida"))
                window = slice((number - 1) * RESULTS_PER_PAGE, number * RESULTS_PER_PAGE)
                found = RankedHits(pages, stems, window=window)
            else:
                found = pages.search(" ".join(stems), operator="and")
            results = page_of(found, per_page=RESULTS_PER_PAGE, asked=request.GET.get("sida"))
            results.object_list = specific_with_senders(list(results.object_list))
            if results.number == 1:
                hits = other_hits(site=site, stems=stems)
        except DatabaseError:
            logger.exception("Search failed for %r", query)
            results, failed = None, True
    return TemplateResponse(
        request,
        "web/search.html",
        {"query": query, "results": results, "other_hits": hits, "search_failed": failed},
    )


def specific_with_senders(pages: list) -> list:
    """The pages as their own types, in the same order, with their senders: a query per
    page type and one for the units, whatever the number of pages."""
    specific = {
        page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()
    }
    ordered = [specific[page.pk] for page in pages if page.pk in specific]
    unit_ids = {getattr(page, "owning_unit_id", None) for page in ordered} - {None}
    units = Unit.objects.in_bulk(unit_ids)
    for page in ordered:
        if getattr(page, "owning_unit_id", None):
            page.owning_unit = units[page.owning_unit_id]
    return ordered


class PageItemsFeed(Feed):
    """Atom of pages with an ingress (news, press releases): the ingress as summary
    (W3.3c), the owning unit as author (W3.3d), absolute addresses from the page's site."""

    feed_type = Atom1Feed

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.ingress

    def item_link(self, item):
        return item.get_full_url()

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.owning_unit.name if item.owning_unit else None


class NewsFeed(PageItemsFeed):
    """The site's news as Atom, newest first. One instance serves every request, so what
    belongs to a request travels on the start page object. Every address is absolute from
    the configured site, never from the request's Host header: the feed is cached and
    served to everyone."""

    def get_object(self, request, *args, **kwargs):
        site = SiteContext(request)
        start = site.localized_start_page
        if start is None:
            raise Http404
        start.feed_site = site.site
        start.feed_path = request.path
        return start

    def title(self, start):
        return _("News – %(site)s") % {"site": start.feed_site.site_name or start.title}

    def link(self, start):
        return start.get_full_url()

    def feed_url(self, start):
        return start.feed_site.root_url + start.feed_path

    def subtitle(self, start):
        return start.intro

    def items(self, start):
        news = NewsPage.objects.live().descendant_of(start)
        if not start.is_intranet:
            news = news.public()
        return news.select_related("owning_unit").order_by("-date", "-pk")[:30]


def sitemap_index(request):
    """Only the public website has a sitemap."""
    site = SiteContext(request)
    if site.is_intranet or site.site is None:
        raise Http404
    return sitemaps.index_response(request, site.site)


def sitemap_file(request, number: int):
    site = SiteContext(request)
    if site.is_intranet or site.site is None:
        raise Http404
    response = sitemaps.file_response(request, site.site, number)
    if response is None:
        raise Http404
    return response


def robots_txt(request):
    site = SiteContext(request)
    if site.is_intranet:
        lines = ["User-agent: *", "Disallow: /"]
    else:
        lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /sok/"]
        if site.site is not None:
            lines.append(f"Sitemap: {site.site.root_url}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def brand_stylesheet(request, colour: str):
    """A site's brand colour (Webbplatsens avsändare) as a stylesheet rather than an inline
    `<style>`, which the Content-Security-Policy forbids. The colour is the address, so the
    answer never changes and browsers keep it."""
    response = HttpResponse(f":root {{ --brand: #{colour}; }}\n", content_type="text/css")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def site_banner(request, audience, language):
    """The banner for nginx's server-side include (navet.web.banner). The intranet's needs
    login (W3.2); nginx passes the visitor's cookies on to this subrequest."""
    from . import banner

    if audience == banner.INTRANET and not request.user.is_authenticated:
        return HttpResponse("", content_type="text/html; charset=utf-8")
    response = HttpResponse(
        banner.banner_html(audience=audience, language=language),
        content_type="text/html; charset=utf-8",
    )
    response["Cache-Control"] = "no-store"
    return response
