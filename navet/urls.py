from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from navet.directories import api as directories_api
from navet.forums import urls as forums_urls
from navet.organisation import urls as organisation_urls
from navet.press import urls as press_urls
from navet.web import views as web_views
from navet.web.media import serve_media

urlpatterns = [
    *organisation_urls.admin_overrides,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(organisation_urls)),
    path("robots.txt", web_views.robots_txt, name="navet_robots"),
    re_path(
        r"^_util/brand/(?P<colour>[0-9a-f]{6})\.css$",
        web_views.brand_stylesheet,
        name="navet_brand_stylesheet",
    ),
    # Open data of the directories (W3.4, W3.5), before Wagtail's pages.
    path("api/hsds/", include(directories_api)),
    # K4: employees open cases with the function mailboxes (intranet only, signed in).
    path("arenden/", include("navet.cases.urls")),
    # Forums, meetings and the campaign plan: intranet only (K6).
    path("forum/", include(forums_urls)),
    re_path(
        r"^_banner/(?P<audience>public|intranet)/(?P<language>[a-z]{2,3}(?:-[a-z]{2,4})?)/$",
        web_views.site_banner,
        name="navet_site_banner",
    ),
    path("sitemap.xml", web_views.sitemap_index, name="navet_sitemap"),
    path("sitemap-<int:number>.xml", web_views.sitemap_file, name="navet_sitemap_file"),
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media, name="navet_media"),
]

# Swedish without a prefix; translations under /en/, /fi/, /ar/ …
urlpatterns += i18n_patterns(
    path("sok/", web_views.search, name="navet_search"),
    path("flode/nyheter/", web_views.NewsFeed(), name="navet_news_feed"),
    # The press room's email links (confirm a subscription, unsubscribe in one click).
    path("prenumeration/", include(press_urls)),
    # Crisis information on both sites (the intranet's behind login, W3.2); its updates'
    # translations under /en/kris/, /fi/kris/ ... (W3.3e).
    path("kris/", include("navet.crisis.urls")),
    # Wagtail serves every other path as a page of the site the host name belongs to.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
