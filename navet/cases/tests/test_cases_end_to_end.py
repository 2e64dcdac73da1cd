"""End to end in real headless Chromium (K4): an administration's communications lead opens
a case from the intranet form (errors first, in Swedish and accessible), the graphic
production staff take it in the admin and answer, and the answer arrives by email threaded
under the request."""

import re

import pytest

from navet.cases.models import Case
from navet.tests.browser import EXTERNAL, log_in, wait_until
from navet.tests.test_accessibility import AXE, AXE_PATH, check_with_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEAD = "kommunikationsansvarig.utbildning"
STAFF = "chef.planerad"
SUBJECT = "Affisch till skolstarten"


def test_k4_a_communications_lead_opens_a_case_and_gets_the_staffs_answer_by_email(
    live_server, browser, smtp_inbox
):
    base = live_server.url
    intranet = base.replace("://localhost", "://intranet.localhost")
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.route(EXTERNAL, lambda route: route.abort())
    context.route(
        "**" + AXE_PATH,
        lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"),
    )
    page = context.new_page()

    # Lena, communications lead of Utbildningsförvaltningen, asks for a poster.
    log_in(page, intranet, LEAD)
    page.goto(f"{intranet}/arenden/")
    page.get_by_role("button", name="Skicka förfrågan").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert "Förfrågan skickades inte" in summary.inner_text()
    assert "Skriv ett kort ämne." in page.inner_text("main")
    assert check_with_axe(page) == []
    page.select_option("#id_mailbox", label="Grafisk produktion")
    assert page.locator("#id_unit option:checked").inner_text() == "Utbildningsförvaltningen"
    page.fill("#id_subject", SUBJECT)
    page.fill("#id_description", "En affisch i A3 till skolstarten den 18 augusti, tack.")
    page.get_by_role("button", name="Skicka förfrågan").click()
    page.get_by_role("status").filter(has_text="registrerad som ärende").wait_for()
    case = wait_until(lambda: Case.objects.filter(subject=SUBJECT).first())
    assert case.reference in page.inner_text("main")
    assert check_with_axe(page) == []

    # Johan in Planerad kommunikation finds it in the queue, takes it and answers.
    staff = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    staff.route(EXTERNAL, lambda route: route.abort())
    admin = staff.new_page()
    log_in(admin, base, STAFF)
    admin.goto(f"{base}/admin/arenden/")
    admin.get_by_role("link", name=case.reference).click()
    admin.get_by_role("button", name="Ta ärendet").click()
    admin.get_by_text("Du handlägger nu ärendet.").wait_for()
    admin.fill("#id_body", "Hej Lena! Affischen är klar i morgon. Vänliga hälsningar, Johan")
    admin.get_by_role("button", name="Skicka svaret").click()
    admin.get_by_text("Svaret skickas.").wait_for()

    answer = wait_until(lambda: smtp_inbox.to("kommunikationsansvarig.utbildning@linkoping.se"))[0]
    assert "Affischen är klar i morgon" in answer.get_content()
    assert re.search(rf"\[Ärende {case.reference}\]", answer["Subject"])
    assert answer["In-Reply-To"] == case.messages.order_by("created_at").first().message_id
    assert answer["From"] == "Grafisk produktion <grafiskproduktion@linkoping.se>"
    context.close()
    staff.close()
