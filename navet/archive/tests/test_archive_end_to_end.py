"""End to end in real headless Chromium (W3.7): the infomaster opens a page's archive and
sees the page as it was a year ago, styles and images included; a head editor opens the
compliance view of their administration; the scheduled axe run checks public pages."""

import re

import pytest

from navet.archive.accessibility import check_pages
from navet.archive.models import AccessibilityProblem
from navet.demo.archive import INTRO_A_YEAR_AGO, PAGE_A_YEAR_AGO
from navet.tests.browser import EXTERNAL, log_in
from navet.web.models import ContentPage, SectionPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_context(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.route(EXTERNAL, lambda route: route.abort())
    return context


def test_w3_7_archive_replay_compliance_view_and_axe_run(live_server, browser):
    """One test: a transactional test empties the demo's database when it ends."""
    infomaster_sees_a_page_as_it_was_a_year_ago(live_server, browser)
    head_editor_opens_the_compliance_view_of_their_administration(live_server, browser)
    the_scheduled_axe_run_checks_public_pages(live_server, browser)


def infomaster_sees_a_page_as_it_was_a_year_ago(live_server, browser):
    context = new_context(browser)
    page = context.new_page()
    log_in(page, live_server.url, "infomaster")
    archived = ContentPage.objects.get(title=PAGE_A_YEAR_AGO, locale__language_code="sv")

    # The page's edit view says which retention decision applies and leads to its archive.
    page.goto(f"{live_server.url}/admin/pages/{archived.pk}/edit/")
    assert "Arkivering (W3.7): Kommunens externa webbplats" in page.content()
    page.goto(f"{live_server.url}/admin/arkiv/sida/{archived.pk}/")
    assert "KS 2023-0412" in page.content()
    # The oldest version is listed last.
    page.locator("table.listing tbody tr td:first-child a").last.click()
    page.wait_for_selector("iframe.navet-archive-replay")
    frame = page.frame_locator("iframe.navet-archive-replay")
    frame.locator("body").get_by_text(INTRO_A_YEAR_AGO).wait_for()
    replayed = page.locator("iframe.navet-archive-replay").element_handle().content_frame()
    # The text is there before the stylesheet and the (lazy) images have loaded.
    replayed.wait_for_load_state("load")
    # Styled by the archived stylesheet, and its images loaded from the archive.
    assert replayed.evaluate("document.styleSheets.length") > 0
    replayed.wait_for_function(
        "[...document.images].length > 0"
        " && [...document.images].every(i => i.complete && i.naturalWidth > 0)"
    )
    context.close()


def head_editor_opens_the_compliance_view_of_their_administration(live_server, browser):
    context = new_context(browser)
    page = context.new_page()
    log_in(page, live_server.url, "huvudredaktor.utbildning")
    page.goto(f"{live_server.url}/admin/arkiv/")
    page.locator("main").get_by_role("link", name="Efterlevnad", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/efterlevnad/"))
    table = page.locator("table.listing").first
    assert "Utbildningsförvaltningen" in table.inner_text()
    assert "Socialförvaltningen" not in page.content()
    assert page.get_by_role("heading", name="Utbildningsförvaltningen").is_visible()
    context.close()


def the_scheduled_axe_run_checks_public_pages(live_server, browser):
    pages = [
        ContentPage.objects.get(title=PAGE_A_YEAR_AGO, locale__language_code="sv"),
        SectionPage.objects.live().first(),
    ]
    found = check_pages(browser=browser, base_url=live_server.url, pages=pages)
    assert found == AccessibilityProblem.objects.filter(page__in=pages).count()
    # Navet's own pages meet WCAG 2.1 AA.
    assert found == 0
