"""End to end in real headless Chromium (W3.4): tried as a new user would. A resident on a
phone finds hemtjänst, filters by language, compares three providers and follows a
provider's website link marked as external; an editor of Socialförvaltningen updates a
provider and it goes through approval before readers see it."""

import re
from collections import Counter

import pytest

from navet.directories.models import Measure, Provider
from navet.tests.browser import EXTERNAL, log_in, press_footer_action, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DIRECTORY = "/valja-utforare/"
SERVICE_SLUG = "hemtjanst"
NEW_PHONE = "013-12 34 56"
EXTERNAL_BODY = "<title>Utförarens webbplats</title>"


def fits_the_screen(page):
    """Nothing makes the whole page scroll sideways (wide tables scroll in their own box)."""
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def hemtjanst_providers():
    return list(
        Provider.objects.filter(live=True, service__slug=SERVICE_SLUG)
        .prefetch_related("languages")
        .order_by("name", "pk")
    )


def language_to_filter_by(providers):
    """A language at least three providers speak, but not all of them, so the filter leaves
    some out; preferably one a provider with a website speaks. Svenska if there is none."""
    counts = Counter(language.code for p in providers for language in p.languages.all())
    with_website = {language.code for p in providers if p.website for language in p.languages.all()}
    candidates = [code for code, n in counts.items() if 3 <= n < len(providers)]
    if not candidates:
        return "sv"
    return sorted(candidates, key=lambda code: (code not in with_website, -counts[code], code))[0]


def test_resident_compares_providers_and_an_editors_change_is_approved(live_server, browser):
    base = live_server.url
    providers = hemtjanst_providers()
    code = language_to_filter_by(providers)
    speaking = [p for p in providers if any(lang.code == code for lang in p.languages.all())]
    silent = [p for p in providers if p not in speaking]
    assert len(speaking) >= 3
    # Three to compare: one with a website first (the resident follows its link).
    by_website = sorted(speaking, key=lambda p: not p.website)
    compared = by_website[:3]
    visited = compared[0]
    assert visited.website, "the demo has a hemtjänst provider with a website"
    # The editor changes a provider the resident compared, one whose old phone readers see.
    edited = next((p for p in compared if p.phone), visited)
    old_phone = edited.phone or "Inte angivet"

    # The resident, on a phone.
    resident = browser.new_context(locale="sv-SE", viewport={"width": 360, "height": 800})
    outside = []

    def answer_outside(route):
        outside.append(route.request.url)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=EXTERNAL_BODY)

    resident.route(EXTERNAL, answer_outside)
    page = resident.new_page()
    page.goto(base + DIRECTORY)
    assert page.locator("h1").inner_text() == "Välja utförare"
    assert fits_the_screen(page)
    page.locator("main").get_by_role("link", name="Hemtjänst", exact=True).click()
    page.wait_for_url(re.compile(rf"{DIRECTORY}{SERVICE_SLUG}/$"))
    assert page.locator("h1").inner_text() == "Hemtjänst"
    assert fits_the_screen(page)
    listed = page.locator(".provider-list > li h3")
    assert listed.all_inner_texts() == [p.name for p in providers]

    # Filters by a language.
    filter_form = page.locator("form.directory-filter")
    filter_form.get_by_label("Språk", exact=True).select_option(code)
    filter_form.get_by_role("button", name="Visa utförare").click()
    page.wait_for_url(re.compile(rf"[?&]sprak={re.escape(code)}(&|$)"))
    assert listed.all_inner_texts() == [p.name for p in speaking]
    for provider in silent:
        assert page.locator(".provider-list").get_by_text(provider.name, exact=True).count() == 0
    result_count = page.locator(".result-count").inner_text()
    assert result_count == f"Visade utförare: {len(speaking)} av {len(providers)}."
    assert fits_the_screen(page)

    # Compares three of them.
    for provider in compared:
        page.get_by_role("checkbox", name=f"Jämför {provider.name}", exact=True).check()
    page.get_by_role("button", name="Jämför de valda utförarna").click()
    page.wait_for_url(re.compile(rf"{DIRECTORY}{SERVICE_SLUG}/jamfor/\?"))
    table = page.locator("table.compare-table")
    columns = table.locator("thead th[scope=col]")
    assert columns.count() == 4  # the row headers' column and one per provider
    assert columns.all_inner_texts()[1:] == [p.name for p in sorted(compared, key=providers.index)]
    rows = table.locator("tbody tr")
    assert rows.count() > 0
    for i in range(rows.count()):
        row = rows.nth(i)
        assert row.locator("th[scope=row]").count() == 1
        assert row.locator("td").count() == 3  # every provider on the same row
    row_headers = table.locator("tbody th[scope=row]").all_inner_texts()
    for header in ("Organisation", "Språk", "Kontakt", "Webbplats"):
        assert any(text.startswith(header) for text in row_headers), header
    measures = list(Measure.objects.filter(service__slug=SERVICE_SLUG))
    assert measures
    for measure in measures:
        headers = [text for text in row_headers if text.startswith(measure.name)]
        assert len(headers) == 1, measure.name
        assert "Kommunens genomsnitt" in headers[0]
    assert fits_the_screen(page)  # the table scrolls in its own box

    # Goes to a provider's page and follows its website link, marked as external.
    table.locator("thead").get_by_role("link", name=visited.name, exact=True).click()
    page.wait_for_url(re.compile(rf"{DIRECTORY}{SERVICE_SLUG}/{visited.slug}/$"))
    assert page.locator("h1").inner_text() == visited.name
    assert fits_the_screen(page)
    website = page.locator("main a", has_text="Utförarens egen webbplats")
    assert website.count() == 1
    assert website.get_attribute("href") == visited.website
    assert "external-link" in website.get_attribute("class").split()
    # The symbol for the eye, the hidden words for a screen reader.
    assert website.evaluate("a => getComputedStyle(a, '::after').display") == "inline-block"
    assert website.locator(".visually-hidden", has_text="(extern webbplats)").count() == 1
    accessible_name = re.compile(r"^Utförarens egen webbplats.*\(extern webbplats\)$")
    assert page.get_by_role("link", name=accessible_name).count() == 1
    assert outside == []
    website.click()
    page.wait_for_url(visited.website)
    assert page.title() == "Utförarens webbplats"
    assert outside == [visited.website]

    # An editor of Socialförvaltningen changes the phone number and submits for approval.
    admin = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    admin.route(EXTERNAL, lambda route: route.abort())
    admin.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () =>"
        " document.documentElement.setAttribute('data-watching-edits', ''));"
    )
    editor = admin.new_page()
    log_in(editor, base, "redaktor.social")
    editor.goto(f"{base}/admin/snippets/directories/provider/")
    editor.get_by_role("link", name=edited.name, exact=True).first.wait_for()
    edit_url = f"/admin/snippets/directories/provider/edit/{edited.pk}/"
    editor.goto(base + edit_url)
    editor.wait_for_load_state("networkidle")
    # Wagtail notices edits (and autosaves them) only after it has read the form as loaded,
    # two seconds after the editor opens; a person takes that long to find the field.
    editor.locator("html[data-watching-edits]").wait_for(state="attached")
    editor.fill("#id_phone", NEW_PHONE)
    # Submits once Wagtail's autosave has saved the change as a draft: a submission racing
    # an autosave would carry an outdated revision.
    editor.locator('#w-autosave-indicator[data-w-autosave-state-value="saved"]').wait_for(
        state="attached"
    )
    editor.wait_for_load_state("networkidle")
    with editor.expect_response(lambda r: r.request.method == "POST" and edit_url in r.url):
        press_footer_action(editor, "action-submit")
    wait_until(lambda: Provider.objects.get(pk=edited.pk).workflow_in_progress)
    submitted = Provider.objects.get(pk=edited.pk)
    assert submitted.current_workflow_task_state.revision.content["phone"] == NEW_PHONE
    assert submitted.live and submitted.phone == edited.phone  # the published row is as was

    # Readers still see the published phone number: the draft never reaches them.
    provider_url = f"{base}{DIRECTORY}{SERVICE_SLUG}/{edited.slug}/"
    contact = page.locator("section[aria-labelledby=contact-heading]")
    for _ in range(2):  # the second time from the page cache
        response = page.goto(provider_url)
        assert old_phone in contact.inner_text()
        assert NEW_PHONE not in page.content()
    assert response.headers.get("x-navet-cache") == "hit"

    # The head editor approves from the dashboard.
    admin.clear_cookies()
    log_in(editor, base, "huvudredaktor.social")
    row = editor.locator("#awaiting-review-section tr", has_text=edited.name).first
    row.locator("[data-w-dropdown-target='toggle']").first.click()
    # The whole approval, publishing and purge included, is done when its answer comes.
    with editor.expect_response(lambda r: "/workflow/action/" in r.url):
        row.get_by_role("button", name="Godkänn och publicera").click()
    wait_until(lambda: Provider.objects.get(pk=edited.pk).phone == NEW_PHONE)
    approved = Provider.objects.get(pk=edited.pk)
    assert approved.live and not approved.workflow_in_progress

    # Readers see the new phone number at once: the page was purged on publishing.
    response = page.goto(provider_url)
    assert response.headers.get("x-navet-cache") == "miss"
    assert NEW_PHONE in contact.inner_text()
    assert old_phone not in contact.inner_text()
    admin.close()
    resident.close()
