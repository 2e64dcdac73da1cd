"""The intranet's main menu reaches the reader-facing views that are not pages – the forums,
the form for support from the communications staff (K4) and who is on call (K2) – through
the web app's `navet_site_menu_links` hook; the public website's menu is its sections."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

LINKS = {
    "/forum/": "Forum och nätverk",
    "/arenden/": "Stöd från kommunikation",
    "/kris/jour/": "Kommunikatör i beredskap",
}


def main_menu(response) -> str:
    html = response.content.decode()
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


def test_intranet_menu_links_to_forums_support_and_on_call(intranet_client, demo_user):
    intranet_client.force_login(demo_user("medarbetare"))
    menu = main_menu(intranet_client.get("/"))
    for url, label in LINKS.items():
        assert f'<a href="{url}">{label}</a>' in menu


def test_intranet_menu_marks_the_link_the_reader_is_under(intranet_client, demo_user):
    intranet_client.force_login(demo_user("medarbetare"))
    menu = main_menu(intranet_client.get("/forum/"))
    assert '<a href="/forum/" aria-current="true">' in menu
    assert '<a href="/arenden/">' in menu
    # The cached menu of another address keeps its own mark.
    assert '<a href="/forum/">' in main_menu(intranet_client.get("/"))


def test_w3_2_no_menu_links_before_login_and_none_on_the_public_site(
    intranet_client, public_client
):
    assert 'class="main-nav"' not in intranet_client.get("/", follow=True).content.decode()
    public_menu = main_menu(public_client.get("/"))
    assert not any(url in public_menu for url in LINKS)


def test_the_menu_stays_cached_where_no_link_is_current(public_client, intranet_client, demo_user):
    """The menu is a cached fragment: an address under none of the links still has a key, so
    the sections are not asked for again on every render (W3.1, crisis load)."""
    intranet_client.force_login(demo_user("medarbetare"))
    for client in (public_client, intranet_client):
        client.get("/?forsta=1")
        with CaptureQueriesContext(connection) as captured:
            client.get("/?andra=1")
        menu_queries = [
            query["sql"]
            for query in captured.captured_queries
            if '"show_in_menus"' in query["sql"].split("WHERE", 1)[-1]
        ]
        assert menu_queries == []
