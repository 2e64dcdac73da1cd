"""Crisis mode: the banner on every page of both sites, from the site-wide banner slot
(navet.web.banner). Switching it on, updating it and switching it off reach every cached
page without purging or rendering a single page again; the intranet has it first (W3.3b)."""

import re
from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test.signals import template_rendered

from navet.crisis import services
from navet.crisis.models import index_path
from navet.web import cache as page_cache
from navet.web import fragments
from navet.web.models import ContentPage, StartPage

from .helpers import after_commit, publish_everywhere, start, write

pytestmark = pytest.mark.django_db

BANNER = re.compile(r'<div class="crisis-banner" role="region" aria-labelledby="([^"]+)">')


def deep_path(audience="public"):
    """A content page two levels below a section of the site."""
    start = StartPage.main(audience)
    page = ContentPage.objects.live().descendant_of(start).filter(depth__gte=4).first()
    return page.get_url_parts()[2]


class PageRenders:
    """Counts every page rendered (each one extends base.html)."""

    def __init__(self):
        self.count = 0

    def __call__(self, sender, template, context, **kwargs):
        if template.name == "base.html":
            self.count += 1

    def __enter__(self):
        template_rendered.connect(self)
        return self

    def __exit__(self, *exc):
        template_rendered.disconnect(self)


def banner_of(response) -> str | None:
    html = response.content.decode()
    match = BANNER.search(html)
    if match is None:
        return None
    return html[match.start() : html.index("</div>\n</div>", match.start())]


def test_w3_3b_the_banner_is_on_every_page_of_both_sites_intranet_first(
    demo_user, public_client, intranet_client
):
    intranet_client.force_login(demo_user("redaktor.social"))
    kib = demo_user("kib")
    public_pages, intranet_pages = ["/", deep_path()], ["/", deep_path("intranet")]
    with after_commit():
        event = start(kib)
        update = write(kib, event)
        services.publish_on_intranet(user=kib, update=update)
    for path in intranet_pages:
        assert update.ingress in banner_of(intranet_client.get(path))
    for path in public_pages:
        assert banner_of(public_client.get(path)) is None
    with after_commit():
        services.publish_publicly(user=kib, update=update)
    for path in public_pages:
        banner = banner_of(public_client.get(path))
        assert update.ingress in banner and event.public_path() in banner


def test_switching_crisis_mode_neither_purges_nor_renders_cached_pages(demo_user, public_client):
    kib = demo_user("kib")
    paths = ["/", deep_path(), "/flode/nyheter/"]
    for path in paths:
        public_client.get(path)
    stored = {path: cache.get(page_cache.cache_key("localhost", path)) for path in paths}
    generations = (page_cache.page_generation.current(), fragments.content_generation.current())

    with PageRenders() as renders, mock.patch.object(page_cache, "purge_url") as purged:
        with after_commit():
            event = start(kib)
            first = write(kib, event)
            publish_everywhere(kib, first)
        on = [public_client.get(path) for path in paths[:2]]
        with after_commit():
            second = write(kib, event, title="Strömmen tillbaka i kväll", ingress="Klockan 20.")
            publish_everywhere(kib, second)
        updated = public_client.get("/")
        with after_commit():
            services.end_event(user=kib, event=event)
        off = [public_client.get(path) for path in paths[:2]]

    assert renders.count == 0
    assert all(response["X-Navet-Cache"] == "hit" for response in [*on, updated, *off])
    assert all(first.ingress in banner_of(response) for response in on)
    assert "Klockan 20." in banner_of(updated) and first.ingress not in banner_of(updated)
    assert all(banner_of(response) is None for response in off)
    # Only the event's own pages (in each language) were purged; every other cached copy is
    # the same bytes.
    own_pages = {
        path
        for language, _name in settings.LANGUAGES
        for path in (event.public_path(language=language), index_path(language=language))
    }
    assert {"/" + call.args[0].split("/", 3)[-1] for call in purged.call_args_list} <= own_pages
    assert generations == (
        page_cache.page_generation.current(),
        fragments.content_generation.current(),
    )
    assert stored == {path: cache.get(page_cache.cache_key("localhost", path)) for path in paths}


def test_the_banner_is_a_region_with_a_heading_and_needs_no_script(demo_user, public_client):
    kib = demo_user("kib")
    with after_commit():
        event = start(kib)
        publish_everywhere(kib, write(kib, event))
    html = public_client.get("/").content.decode()
    banner = banner_of(public_client.get("/"))
    heading_id = BANNER.search(html).group(1)
    assert f'<h2 id="{heading_id}"' in banner
    assert "Krisinformation: Strömavbrott i Skäggetorp" in banner
    assert "<script" not in banner and "sticky" not in banner
    # Before the header and the main content: the first thing after the skip link.
    assert html.index("crisis-banner") < html.index('<header class="site-header"')


def test_w3_2_no_intranet_banner_before_login(demo_user, intranet_client):
    kib = demo_user("kib")
    with after_commit():
        event = start(kib)
        update = write(kib, event, internal_only=True, title="Till personalen")
        services.publish_on_intranet(user=kib, update=update)
    login_page = intranet_client.get("/logga-in/").content.decode()
    assert "crisis-banner" not in login_page and update.ingress not in login_page
    assert "/_banner/" not in login_page
    assert intranet_client.get("/_banner/intranet/sv/").status_code == 302


def test_the_banner_for_nginx_server_side_includes(demo_user, public_client, settings):
    """With NAVET_BANNER_BY_PROXY nginx puts the banner in (deploy/nginx.conf.template):
    pages keep the placeholder and /_banner/ answers the current banner, never cached."""
    settings.NAVET_BANNER_BY_PROXY = True
    kib = demo_user("kib")
    with after_commit():
        event = start(kib)
        update = write(kib, event)
        publish_everywhere(kib, update)
    html = public_client.get("/").content.decode()
    assert '<!--# include virtual="/_banner/public/sv/" -->' in html
    assert "crisis-banner" not in html
    response = public_client.get("/_banner/public/sv/")
    assert update.ingress in response.content.decode()
    assert response["Cache-Control"] == "no-store" and "X-Navet-Cache" not in response
    assert public_client.get("/_banner/intranet/sv/").content == b""


@contextmanager
def nginx_in_front():
    """A caching proxy in front of Navet, as nginx is in production; it records what it is
    asked to refresh and purge."""
    proxy = mock.Mock()
    with (
        mock.patch("navet.web.cache.proxy_backends", return_value={"nginx": proxy}),
        mock.patch("navet.web.tasks.proxy_backends", return_value={"nginx": proxy}),
        mock.patch(
            "wagtail.contrib.frontend_cache.tasks.get_backends", return_value={"nginx": proxy}
        ),
    ):
        yield proxy


def test_only_the_banner_is_refreshed_in_the_proxies_at_once(demo_user):
    """nginx keeps the public banner too (deploy/nginx.conf.template): a change refreshes the
    banner's addresses there in place right after the commit – and purges no page but the
    event's own."""
    kib = demo_user("kib")
    with nginx_in_front() as proxy, after_commit():
        event = start(kib)
        publish_everywhere(kib, write(kib, event))
    refreshed = {call.args[0] for call in proxy.refresh.call_args_list}
    assert any(url.endswith("/_banner/public/sv/") for url in refreshed)
    assert all("/_banner/public/" in url for url in refreshed)
    purged = {url for call in proxy.purge_batch.call_args_list for url in call.args[0]}
    assert purged and all(url.endswith((f"/kris/{event.pk}/", "/kris/")) for url in purged)


def test_w3_3b_an_update_on_the_intranet_alone_leaves_the_public_website_as_it_is(demo_user):
    """Until an update is published publicly, nothing public changes: nginx's banner and
    pages and the copies for when Navet is down are left alone (no load on the public
    website). The public publication then reaches all of them, once."""
    kib = demo_user("kib")
    with nginx_in_front() as proxy, mock.patch("navet.crisis.services.tasks") as crisis_tasks:
        with after_commit():
            event = start(kib)
            update = write(kib, event)
            services.publish_on_intranet(user=kib, update=update)
        assert not proxy.refresh.called and not proxy.purge_batch.called
        assert not crisis_tasks.write_fallback_pages.enqueue.called
        with after_commit():
            services.publish_publicly(user=kib, update=update)
    assert proxy.refresh.called and proxy.purge_batch.called
    assert crisis_tasks.write_fallback_pages.enqueue.call_count == 1
