"""End to end in real headless Chromium (W4.3): a unit manager applies for an Instagram
account, the head editor sees the notice, the system owner's delegate approves it, and it
appears on the public list of the municipality's official accounts."""

import re

import pytest

from navet.governance.models import SocialMediaAccount
from navet.organisation.models import Person, Unit
from navet.tests.browser import EXTERNAL, log_in, press_footer_action, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HANDLE = "@ungkulturlinkoping"
ACCOUNT_URL = "https://www.instagram.com/ungkulturlinkoping/"
PURPOSE = "Visar vad unga i Linköping kan göra på lovet: konserter, verkstäder och läger."
AUDIENCE = "Unga 13–19 år i Linköping"
UNIT = "Kultur- och fritidsförvaltningen"
DELEGATES_STEP = "Systemägarombudets godkännande"
PUBLIC_LIST = "/officiella-konton/"
EXTERNAL_BODY = "<title>Kontot i sociala medier</title>"


def choose(page, field, value):
    """A choice in a select, or among checkboxes, whichever the form renders."""
    select = page.locator(f"select#id_{field}")
    if select.count():
        select.select_option(value)
    else:
        page.locator(f'input[name="{field}"][value="{value}"]').check()


def waiting_for_the_delegate():
    account = SocialMediaAccount.objects.filter(handle=HANDLE).first()
    if account is None or not account.workflow_in_progress:
        return None
    state = account.current_workflow_task_state
    return account if state and state.task.name == DELEGATES_STEP else None


def test_manager_applies_head_editor_told_delegate_approves_listed_publicly(
    live_server, browser, smtp_inbox, without_autosave
):
    base = live_server.url
    unit = Unit.objects.get(name=UNIT)
    manager = Person.objects.get(user__username="chef.kultur")
    head_editor = Person.objects.get(user__username="huvudredaktor.kultur")
    outside = []

    def answer_outside(route):
        outside.append(route.request.url)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=EXTERNAL_BODY)

    admin = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    admin.route(EXTERNAL, answer_outside)
    page = admin.new_page()

    # The manager of Kultur- och fritidsförvaltningen applies for an Instagram account.
    log_in(page, base, "chef.kultur")
    page.goto(f"{base}/admin/snippets/governance/socialmediaaccount/add/")
    page.select_option("#id_platform", "instagram")
    page.fill("#id_handle", HANDLE)
    page.fill("#id_url", ACCOUNT_URL)
    # The owning unit is chosen from the organisation, as a person would.
    page.locator("#id_owning_unit-chooser [data-chooser-action-choose]").click()
    modal = page.locator(".modal")
    modal.get_by_role("link", name=UNIT, exact=True).click()
    page.locator("#id_owning_unit-title", has_text=UNIT).wait_for()
    assert page.locator("#id_owning_unit").input_value() == str(unit.pk)
    page.fill("#id_purpose", PURPOSE)
    page.fill("#id_audience", AUDIENCE)
    choose(page, "administrators", str(manager.pk))
    press_footer_action(page, "action-submit")

    # Submitted by the manager, the manager's step is decided: it waits for the delegate.
    account = wait_until(waiting_for_the_delegate)
    assert SocialMediaAccount.objects.filter(handle=HANDLE).count() == 1
    assert not account.live and not account.official
    assert account.owning_unit == unit
    assert list(account.administrators.all()) == [manager]
    assert account.url == ACCOUNT_URL

    # The head editor is told, by email and on the dashboard; nothing to decide.
    told = wait_until(lambda: smtp_inbox.to(head_editor.email))
    assert HANDLE in told[0]["Subject"]
    admin.clear_cookies()
    log_in(page, base, "huvudredaktor.kultur")
    notice = page.locator(".navet-pending-accounts li", has_text=HANDLE)
    notice.wait_for()
    assert notice.count() == 1
    assert DELEGATES_STEP in notice.inner_text()
    assert UNIT in notice.inner_text()
    assert page.locator("#awaiting-review-section", has_text=HANDLE).count() == 0

    # The system owner's delegate approves from the dashboard.
    admin.clear_cookies()
    log_in(page, base, "kommunikationsdirektor")
    row = page.locator("#awaiting-review-section tr", has_text=HANDLE).first
    row.locator("[data-w-dropdown-target='toggle']").first.click()
    row.get_by_role("button", name=re.compile(r"^Godkänn( och publicera)?$")).first.click()
    wait_until(lambda: SocialMediaAccount.objects.get(pk=account.pk).live)
    approved = SocialMediaAccount.objects.get(pk=account.pk)
    assert not approved.workflow_in_progress
    assert approved.live_revision.user.username == "chef.kultur"  # the manager's own revision
    admin.close()

    # Anyone can check on the public list that the account is the municipality's.
    visitor = browser.new_context(locale="sv-SE", viewport={"width": 360, "height": 800})
    visitor.route(EXTERNAL, answer_outside)
    public = visitor.new_page()
    response = public.goto(base + PUBLIC_LIST)
    assert response.status == 200
    assert public.locator("h1").inner_text() == "Kommunens officiella konton"
    main = public.locator("main")
    instagram = main.locator("section", has=public.get_by_role("heading", name="Instagram"))
    link = instagram.get_by_role("link", name=re.compile(rf"^{re.escape(HANDLE)}\b"))
    assert link.count() == 1
    assert link.get_attribute("href") == ACCOUNT_URL
    assert "external-link" in link.get_attribute("class").split()
    # The demo's official Instagram account is there too; a request still waiting is not.
    assert instagram.get_by_text("@linkopingskommun").count() == 1
    assert main.get_by_text("@kulturhusetlinkoping").count() == 0
    # Following the link leaves for the platform (answered here, never by the internet).
    assert outside == []
    link.click()
    public.wait_for_url(ACCOUNT_URL)
    assert outside == [ACCOUNT_URL]
    visitor.close()
