import datetime

from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import Site

from .models import AccessibilityStatementPage, Audience, NewsPage, SiteIdentity, StartPage


def site_identity_domains() -> list[str]:
    """The `navet_own_domains` hook: the domains the site identity settings name."""
    return [
        part.strip()
        for configured in SiteIdentity.objects.values_list("own_domains", flat=True)
        for part in configured.split(",")
        if part.strip()
    ]


def site_for_request(request) -> Site | None:
    return Site.find_for_request(request)


def is_intranet_site(site: Site | None) -> bool:
    """Asked on every request; remembered until the next publish or site change."""
    if site is None:
        return False
    from . import fragments

    return fragments.get_or_render(
        fragments.key("intranet-site", site.pk, site.root_page_id),
        lambda: StartPage.objects.filter(pk=site.root_page_id, audience=Audience.INTRANET).exists(),
    )


class SiteContext:
    """What every public template needs about the current site, computed only when used
    (context processors also run for admin templates)."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def site(self) -> Site | None:
        return site_for_request(self.request)

    @cached_property
    def site_key(self) -> str:
        return f"{self.site.pk}" if self.site else ""

    @cached_property
    def section_key(self) -> str:
        """Which main-menu entry is current: the page's top-level section, if any."""
        page = getattr(self.request, "navet_page", None)
        return page.path[:12] if page is not None and page.depth >= 3 else "start"

    @cached_property
    def start_page(self):
        if self.site is None:
            return None
        return self.site.root_page.specific

    @cached_property
    def localized_start_page(self):
        """The start page in the language of the request (Swedish unless /en/, /ar/ …)."""
        if self.start_page is None:
            return None
        localized = self.start_page.localized
        return localized.specific if localized.live else self.start_page

    @cached_property
    def is_intranet(self) -> bool:
        # Asked outside the cached fragments on every page: use the remembered answer.
        return is_intranet_site(self.site)

    @cached_property
    def shows_structure(self) -> bool:
        """Before login the intranet shows nothing of its content or structure (W3.2): no
        menu, no search, no links to its pages – on the login page and error pages too."""
        user = getattr(self.request, "user", None)
        return not self.is_intranet or bool(user and user.is_authenticated)

    @cached_property
    def navigation(self):
        if self.localized_start_page is None:
            return []
        return list(self.localized_start_page.get_children().live().in_menu())

    @cached_property
    def menu_links(self):
        """The other apps' links after the sections (`menu.MENU_LINKS_HOOK`)."""
        from .banner import INTRANET, PUBLIC
        from .menu import menu_links

        return menu_links(audience=INTRANET if self.is_intranet else PUBLIC)

    @cached_property
    def current_menu_link(self) -> str:
        """The menu link the request is under, "none" if none: part of the menu's cache key,
        where an empty part would leave the menu uncached."""
        path = self.request.path
        return next((link.url for link in self.menu_links if path.startswith(link.url)), "none")

    @cached_property
    def accessibility_statement(self):
        if self.localized_start_page is None:
            return None
        statements = AccessibilityStatementPage.objects.live().child_of(self.localized_start_page)
        return statements.first() or (
            AccessibilityStatementPage.objects.live().child_of(self.start_page).first()
        )


def news_for_start_page(*, start, window_days: int, count=None, exclude=None) -> list:
    """W3.3a: news under a start page, what is important for many first. Within the last
    `window_days`, news is ordered by priority and then date; older news follows by date.
    Two indexed queries, so the cost does not grow with all the news there is."""
    cutoff = timezone.localdate() - datetime.timedelta(days=window_days)
    news = NewsPage.objects.live().descendant_of(start).select_related("owning_unit")
    if not start.is_intranet:
        news = news.public()
    if exclude is not None:
        news = news.exclude(pk=exclude)
    recent = news.filter(date__gte=cutoff).order_by("priority", "-date", "-pk")
    older = news.filter(date__lt=cutoff).order_by("-date", "-pk")
    if count is None:
        return [*recent, *older]
    chosen = list(recent[:count])
    if len(chosen) < count:
        chosen += list(older[: count - len(chosen)])
    return chosen
