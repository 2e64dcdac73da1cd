"""W3.7 tried as a new user would, in real headless Chromium: an author changes a live page
and previews it in the admin – the preview shows the draft – while an anonymous visitor
sees only the published text, before and after the preview."""

import re

import pytest
from django.conf import settings

from navet.web.models import ContentPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = "Utkast som ingen har godkänt ännu."


def test_author_previews_the_draft_visitors_see_the_published_page(live_server, browser):
    base = live_server.url
    live = ContentPage.objects.live().get(title="Ekonomiskt bistånd")
    published = live.intro
    path = live.get_url_parts()[2]

    visitor = browser.new_context(locale="sv-SE").new_page()
    visitor.goto(base + path)
    assert published in visitor.content()  # in every cache now

    context = browser.new_context(locale="sv-SE", viewport={"width": 1400, "height": 900})
    author = context.new_page()
    author.goto(f"{base}/admin/login/")
    author.fill("#id_username", "forfattare.social")
    author.fill("#id_password", settings.NAVET_DEMO_PASSWORD)
    author.click("button[type=submit]")
    author.wait_for_url(re.compile(r"/admin/$"))
    author.goto(f"{base}/admin/pages/{live.pk}/edit/")
    author.fill("#id_intro", DRAFT)
    author.locator('[data-side-panel-toggle="preview"]').click()
    preview = author.frame_locator("#w-preview-iframe")
    preview.get_by_text(DRAFT).wait_for(timeout=15_000)
    assert published not in preview.locator("main").inner_text()

    for _ in range(2):
        visitor.goto(base + path)
        assert published in visitor.content()
        assert DRAFT not in visitor.content()
    live.refresh_from_db()
    assert live.intro == published
    context.close()
