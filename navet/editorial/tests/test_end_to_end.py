"""End to end in real headless Chromium (W3.3c, W3.7, W3.3b): an author is refused without
an ingress, adds one and submits; the head editor approves from the dashboard; the news is
live on both sites, the intranet version first."""

import re

import pytest
from django.conf import settings

from navet.tests.browser import log_in, press_footer_action
from navet.web.models import NewsPage

from .helpers import section_news_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Öppet hus på alla förskolor"
INGRESS = "Alla förskolor har öppet hus lördag 5 december klockan 10–13."


def test_author_submits_head_editor_approves_live_on_both_sites(
    live_server, browser, without_autosave
):
    base = live_server.url
    index = section_news_index("Utbildningsförvaltningen", site="intranet")
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()

    # The author writes a news item for both audiences, without an ingress, and submits.
    log_in(page, base, "forfattare.utbildning")
    page.goto(f"{base}/admin/pages/add/web/newspage/{index.pk}/")
    page.fill("#id_title", TITLE)
    page.press("#id_title", "Tab")  # leaving the title fills in the slug, as for a person
    page.check("#id_also_public")
    press_footer_action(page, "action-submit")
    refusal = page.locator(".error-message", has_text="W3.3c")
    refusal.wait_for()
    assert "måste ha en ingress" in refusal.inner_text()
    # Nothing is saved, submitted or live.
    assert not NewsPage.objects.filter(title=TITLE).exists()

    # Adds the ingress and submits for approval.
    page.fill("#id_ingress", INGRESS)
    press_footer_action(page, "action-submit")
    # Submitted, Wagtail shows the news index in the explorer.
    page.wait_for_url(re.compile(rf"/admin/pages/{index.pk}/$"))
    news = NewsPage.objects.get(title=TITLE)
    assert news.workflow_in_progress
    assert not news.live
    assert news.slug == "oppet-hus-pa-alla-forskolor"

    # The head editor sees it on the dashboard and approves.
    context.clear_cookies()
    log_in(page, base, "huvudredaktor.utbildning")
    row = page.locator("tr", has_text=TITLE).first
    row.locator("[data-w-dropdown-target='toggle']").first.click()
    row.get_by_role("button", name="Godkänn och publicera").click()
    page.get_by_text("Publicerad").first.wait_for()

    news.refresh_from_db()
    public = NewsPage.objects.get(internal_original=news)
    assert news.live and public.live
    assert news.last_published_at <= public.last_published_at

    # Live on the public site for anyone ...
    public_page = context.new_page()
    public_page.goto(base + public.get_url_parts()[2])
    assert public_page.locator("h1").inner_text() == TITLE
    assert INGRESS in public_page.content()
    # ... and on the intranet, after logging in there (anonymous visitors get the login page).
    intranet_url = base.replace("://localhost", "://intranet.localhost")
    page.goto(intranet_url + news.get_url_parts()[2])
    assert page.locator("h1").inner_text() == "Logga in"
    page.fill("#id_username", "medarbetare")
    page.fill("#id_password", settings.NAVET_DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(re.escape(news.get_url_parts()[2])))
    assert page.locator("h1").inner_text() == TITLE
    context.close()
