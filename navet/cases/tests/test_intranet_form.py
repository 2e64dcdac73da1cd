"""K4: an administration opens a case from the intranet – signed-in employees only, with
errors in Swedish and nothing half-saved – and gets the staff's answer by email."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from navet.cases import services
from navet.cases.models import Case
from navet.editorial.tests.helpers import after_commit
from navet.organisation.models import Unit

pytestmark = pytest.mark.django_db

URL = "/arenden/"


def form_data(chosen, **overrides):
    data = {
        "mailbox": chosen.pk,
        "unit": Unit.objects.get(name="Utbildningsförvaltningen").pk,
        "subject": "Affisch till skolstarten",
        "description": "Vi behöver en affisch i A3 till skolstarten den 18 augusti.",
    }
    data.update(overrides)
    return data


def test_k4_the_form_needs_login_and_lives_only_on_the_intranet(
    intranet_client, public_client, demo_user
):
    response = intranet_client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    public_client.force_login(demo_user("medarbetare"))
    assert public_client.get(URL).status_code == 404


def test_k4_a_communications_lead_opens_a_case_and_gets_the_answer_by_email(
    intranet_client, demo_user, make_mailbox, smtp_inbox
):
    mailbox = make_mailbox(unit="Planerad kommunikation", name="Grafisk produktion (test)")
    lead = demo_user("kommunikationsansvarig.utbildning")
    intranet_client.force_login(lead)
    page = intranet_client.get(URL)
    assert page.status_code == 200 and "Grafisk produktion (test)" in page.text
    response = intranet_client.post(URL, form_data(mailbox))
    assert response.status_code == 302
    case = Case.objects.get(requested_by=lead, subject="Affisch till skolstarten")
    assert case.mailbox == mailbox and case.requester_email == lead.email
    assert case.requesting_unit.name == "Utbildningsförvaltningen"
    assert case.messages.get().body.startswith("Vi behöver en affisch")
    confirmation = intranet_client.get(response["Location"])
    assert case.reference in confirmation.text

    with after_commit():
        services.reply(case=case, user=demo_user("chef.planerad"), body="Affischen är klar.")
    [answer] = smtp_inbox.to(lead.email)
    assert "Affischen är klar." in answer.get_content()
    assert answer["In-Reply-To"] == case.messages.first().message_id


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"subject": "   "}, "Skriv ett kort ämne."),
        ({"description": ""}, "Beskriv vad du behöver hjälp med."),
        ({"mailbox": ""}, "Välj den funktionsbrevlåda som din förfrågan gäller."),
        ({"mailbox": "999999"}, "Välj en av funktionsbrevlådorna i listan."),
        ({"subject": "x" * 201}, "Ämnet får vara högst 200 tecken."),
    ],
)
def test_k4_a_bad_request_is_refused_in_swedish_and_nothing_is_saved(
    intranet_client, demo_user, make_mailbox, overrides, message
):
    mailbox = make_mailbox()
    cases = Case.objects.count()
    intranet_client.force_login(demo_user("medarbetare"))
    response = intranet_client.post(URL, form_data(mailbox, **overrides))
    assert response.status_code == 400
    assert message in response.text
    assert "Förfrågan skickades inte" in response.text
    assert Case.objects.count() == cases


def test_k4_a_mailbox_closed_to_the_intranet_cannot_be_chosen(
    intranet_client, demo_user, make_mailbox
):
    closed = make_mailbox(open_to_intranet=False)
    cases = Case.objects.count()
    intranet_client.force_login(demo_user("medarbetare"))
    response = intranet_client.post(URL, form_data(closed))
    assert response.status_code == 400
    assert Case.objects.count() == cases


def test_k4_an_account_without_email_is_told_so(intranet_client, demo_user, make_mailbox):
    user = demo_user("medarbetare")
    user.email = ""
    user.save()
    cases = Case.objects.count()
    intranet_client.force_login(user)
    response = intranet_client.post(URL, form_data(make_mailbox()))
    assert response.status_code == 400
    assert "Ditt konto har ingen e-postadress att svara till." in response.text
    assert Case.objects.count() == cases
