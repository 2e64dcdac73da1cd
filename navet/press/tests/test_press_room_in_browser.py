"""End to end in real headless Chromium (K2, K5), checked with axe-core (WCAG 2.1 AA): a
journalist finds the press room, subscribes to a topic, makes a mistake and corrects it,
confirms with the link in the email that arrives over SMTP – and gets the next release on
that topic, published under embargo, once at the embargo time, with its one-click
unsubscribe link. The release is written and scheduled in the admin by the demo's press
officer.

It is one test: the live server's database is emptied after it (see the Makefile)."""

import datetime
import json
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from navet.press.models import Subscriber
from navet.press.pages import PressReleasePage
from navet.tests.browser import EXTERNAL, log_in, press_footer_action, wait_until
from navet.tests.test_accessibility import AXE, AXE_PATH, check_with_axe

from .helpers import make_due, press_room

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JOURNALIST = "reporter@lokaltidning.example"
TITLE = "Ny skola i Tornby"
LINK = re.compile(r"http://\S+/prenumeration/bekrafta/\S+/")


def test_k2_journalist_subscribes_confirms_and_gets_the_next_release_once(
    live_server, browser, smtp_inbox, without_autosave
):
    assert AXE.exists(), "make test installs axe-core with npm"
    base = live_server.url
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.route(EXTERNAL, lambda route: route.abort())
    context.route(
        "**" + AXE_PATH,
        lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"),
    )
    tab = context.new_page()
    problems = {}

    tab.goto(base + press_room().get_url_parts()[2])
    assert tab.get_by_role("heading", name="Pressrum", level=1).is_visible()
    assert tab.get_by_text("Maria Holm").first.is_visible()
    problems["press room"] = check_with_axe(tab)

    tab.get_by_role("link", name="Prenumerera på pressmeddelanden via e-post").click()
    tab.get_by_label("Din e-postadress").fill(JOURNALIST)
    tab.get_by_label("Bara de som gäller ämnen jag väljer").check()
    tab.get_by_label("Jag godkänner").check()
    tab.get_by_role("button", name="Prenumerera").click()
    # No topic chosen: a Swedish error, linked from the summary to the field.
    summary = tab.get_by_role("alert")
    assert "Välj minst ett ämne" in summary.inner_text()
    problems["form with errors"] = check_with_axe(tab)
    tab.get_by_label("Förskola och skola").check()
    tab.get_by_label("Jag godkänner").check()
    tab.get_by_role("button", name="Prenumerera").click()
    tab.get_by_role("heading", name="Titta i din e-post").wait_for()
    problems["check your email"] = check_with_axe(tab)

    message = wait_until(lambda: smtp_inbox.to(JOURNALIST))[0]
    link = LINK.search(message.get_content()).group(0)
    tab.goto(base + urlsplit(link).path)
    problems["confirm"] = check_with_axe(tab)
    assert not Subscriber.objects.filter(email=JOURNALIST).exists()
    tab.get_by_role("button", name="Bekräfta prenumerationen").click()
    tab.get_by_role("heading", name="Din prenumeration är bekräftad").wait_for()
    assert Subscriber.objects.get(email=JOURNALIST).is_active

    # A release on the topic under embargo (W3.3b): nothing is sent before its time; at the
    # embargo time scheduled publishing puts it live and it arrives once, however often the
    # scheduler runs.
    def release_emails():
        return [m for m in smtp_inbox.to(JOURNALIST) if m["Subject"] == TITLE]

    # The press officer writes the release in the admin and schedules it for the embargo.
    officer = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    officer.route(EXTERNAL, lambda route: route.abort())
    admin = officer.new_page()
    log_in(admin, base, "pressekreterare")
    admin.goto(f"{base}/admin/pages/add/press/pressreleasepage/{press_room().pk}/")
    admin.wait_for_load_state("networkidle")
    admin.fill("#id_title", TITLE)
    admin.press("#id_title", "Tab")
    admin.fill("#id_ingress", "Tornby får en ny grundskola för 600 elever hösten 2028.")
    admin.locator("#id_topics").select_option(label="Förskola och skola")
    embargo = timezone.localtime(timezone.now() + datetime.timedelta(hours=1))
    admin.get_by_role("button", name="Växla status").click()
    admin.get_by_role("button", name="Sätt schema").click()
    admin.fill("#id_go_live_at", embargo.strftime("%Y-%m-%d %H:%M"))
    # From the keyboard: the date picker's open list covers the button for a mouse.
    admin.get_by_role("button", name="Spara schema").focus()
    admin.keyboard.press("Enter")
    # Saved as a draft, the editor opens on the release's own address.
    admin.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    press_footer_action(admin, "action-publish")
    release = PressReleasePage.objects.get(title=TITLE)
    wait_until(lambda: release.revisions.filter(approved_go_live_at__isnull=False).exists())
    officer.close()
    release.refresh_from_db()
    assert not release.live
    assert release.revisions.get(approved_go_live_at__isnull=False).user.username == (
        "pressekreterare"
    )
    call_command("publish_scheduled")
    assert release_emails() == []
    make_due(release)
    call_command("publish_scheduled")
    wait_until(release_emails)
    call_command("publish_scheduled")
    assert len(release_emails()) == 1
    unsubscribe = str(release_emails()[0]["List-Unsubscribe"]).strip().strip("<>")
    tab.goto(base + urlsplit(unsubscribe).path)
    problems["unsubscribe"] = check_with_axe(tab)
    tab.get_by_role("button", name="Avsluta prenumerationen").click()
    tab.get_by_role("heading", name="Prenumerationen har avslutats").wait_for()
    assert not Subscriber.objects.get(email=JOURNALIST).is_active
    context.close()

    failures = {name: found for name, found in problems.items() if found}
    assert failures == {}, json.dumps(failures, indent=2, ensure_ascii=False)
