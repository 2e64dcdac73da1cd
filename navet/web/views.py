"""Public views besides the pages themselves: search, the news feed, sitemap and robots."""

import logging

from django.contrib.syndication.views import Feed
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from .models import NewsPage
from .search import clean_query
from .selectors import SiteContext

logger = logging.getLogger(__name__)
RESULTS_PER_PAGE = 10


def search(request):
    """/sok/?q=… on each site. The public site never returns intranet content; the intranet's
    search is behind login like everything else there (W3.2)."""
    site = SiteContext(request)
    start = site.localized_start_page
    query, stems = clean_query(request.GET.get("q", ""))
    results, failed = None, False
    if start is not None and stems:
        pages = Page.objects.live().descendant_of(start, inclusive=True)
        if not site.is_intranet:
            pages = pages.public()
        try:
            found = list(pages.search(" ".join(stems), operator="and"))
        except DatabaseError:
            logger.exception("Search failed for %r", query)
            found, failed = [], True
        paginator = Paginator([page.specific for page in found], RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("sida", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
    return TemplateResponse(
        request,
        "web/search.html",
        {"query": query, "results": results, "search_failed": failed},
    )


class NewsFeed(Feed):
    """The site's news as Atom, newest first, the ingress as summary (W3.3c)."""

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        self.site = SiteContext(request)
        start = self.site.localized_start_page
        if start is None:
            raise Http404
        return start

    def title(self, start):
        return _("News – %(site)s") % {"site": self.site.site.site_name or start.title}

    def link(self, start):
        return start.get_url(request=self.site.request)

    def subtitle(self, start):
        return start.intro

    def items(self, start):
        news = NewsPage.objects.live().descendant_of(start)
        if not start.is_intranet:
            news = news.public()
        return news.select_related("owning_unit").order_by("-date", "-pk")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.ingress

    def item_link(self, item):
        return item.get_url(request=self.site.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.owning_unit.name if item.owning_unit else None


def sitemap(request):
    """Only the public website has a sitemap."""
    if SiteContext(request).is_intranet:
        raise Http404
    return wagtail_sitemap(request)


def robots_txt(request):
    if SiteContext(request).is_intranet:
        lines = ["User-agent: *", "Disallow: /"]
    else:
        lines = [
            "User-agent: *",
            "Disallow: /admin/",
            "Disallow: /sok/",
            f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
