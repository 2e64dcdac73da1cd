"""K4: function mailboxes are data with a decided process, and their cases are seen and
handled by the people with a role in the handling unit (K2: the communications staff's
units) – nobody else, with no side door through the attachments."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from navet.cases.models import CaseAttachment, FunctionMailbox, ImapSecurity
from navet.cases.permissions import may_take
from navet.organisation.models import Unit

from .helpers import new_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_and_web(make_mailbox):
    media = make_mailbox(unit="Nyheter och media")
    web = make_mailbox(unit="Planerad kommunikation", roles=("webmaster", "infomaster"))
    return media, web


def test_k4_the_handling_unit_sees_its_mailbox_cases_and_no_others(
    client, demo_user, media_and_web
):
    media, web = media_and_web
    media_case, web_case = new_case(media), new_case(web, subject="Ny sida för förskolan")
    client.force_login(demo_user("pressekreterare"))
    queue = client.get(reverse("navet_cases"))
    assert queue.status_code == 200
    assert media_case.reference in queue.text
    assert web_case.reference not in queue.text
    assert client.get(reverse("navet_case", args=[media_case.pk])).status_code == 200
    assert client.get(reverse("navet_case", args=[web_case.pk])).status_code == 404

    client.force_login(demo_user("webmaster"))
    queue = client.get(reverse("navet_cases"))
    assert web_case.reference in queue.text and media_case.reference not in queue.text


def test_k4_a_role_above_the_handling_unit_sees_the_units_below(client, demo_user, media_and_web):
    media, web = media_and_web
    cases = [new_case(media), new_case(web)]
    # The communications director holds her role in the staff, above both units (K2).
    client.force_login(demo_user("kommunikationsdirektor"))
    queue = client.get(reverse("navet_cases"))
    assert all(case.reference in queue.text for case in cases)


@pytest.mark.parametrize("username", ["medarbetare", "huvudredaktor.utbildning", "chef.kultur"])
def test_k4_people_outside_the_staff_have_no_queue(client, demo_user, media_and_web, username):
    case = new_case(media_and_web[0])
    client.force_login(demo_user(username))
    assert client.get(reverse("navet_cases")).status_code in (302, 403)
    assert client.get(reverse("navet_case", args=[case.pk])).status_code in (302, 403, 404)


def test_k4_only_the_roles_of_the_process_may_take_a_case(client, demo_user, media_and_web):
    media, _web = media_and_web
    case = new_case(media)
    # Erik is on call (KiB) in Nyheter och media; the media mailbox's process lets
    # communicators take cases.
    kib = demo_user("kib")
    assert not may_take(kib, case)
    client.force_login(kib)
    page = client.get(reverse("navet_case", args=[case.pk]))
    assert page.status_code == 200 and "Ta ärendet" not in page.text
    client.post(reverse("navet_case", args=[case.pk]), {"action": "take"})
    case.refresh_from_db()
    assert case.assignee is None

    client.force_login(demo_user("pressekreterare"))
    assert "Ta ärendet" in client.get(reverse("navet_case", args=[case.pk])).text
    response = client.post(reverse("navet_case", args=[case.pk]), {"action": "take"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee == demo_user("pressekreterare")


def test_k4_the_status_follows_the_process(client, demo_user, media_and_web):
    media, web = media_and_web
    case = new_case(media)
    closed = media.statuses.get(closes_case=True)
    client.force_login(demo_user("pressekreterare"))
    foreign = web.statuses.get(closes_case=True)
    response = client.post(
        reverse("navet_case", args=[case.pk]), {"action": "status", "status": foreign.pk}
    )
    assert response.status_code == 200
    assert "Välj en av processens statusar." in response.text
    case.refresh_from_db()
    assert case.is_open
    client.post(reverse("navet_case", args=[case.pk]), {"action": "status", "status": closed.pk})
    case.refresh_from_db()
    assert case.status == closed and case.closed_at is not None


def test_k4_attachments_only_to_those_who_see_the_case(client, demo_user, media_and_web):
    media, _web = media_and_web
    message = new_case(media).messages.get()
    attachment = CaseAttachment(
        message=message, filename="pressbild.jpg", content_type="image/jpeg", size=4
    )
    attachment.file.save("x", ContentFile(b"\xff\xd8\xff\xe0"), save=True)
    url = reverse("navet_case_attachment", args=[attachment.pk])
    client.force_login(demo_user("webmaster"))
    assert client.get(url).status_code == 404
    client.force_login(demo_user("pressekreterare"))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"\xff\xd8\xff\xe0"
    # Never reachable as media, whatever the path.
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def _mailbox_form(unit, **overrides):
    data = {
        "name": "Grafisk produktion test",
        "address": "grafisk-test@linkoping.se",
        "description": "",
        "handling_unit": unit.pk,
        "answer_goal_hours": "40",
        "open_to_intranet": "on",
        "imap_host": "",
        "imap_port": "993",
        "imap_security": ImapSecurity.SSL,
        "imap_user": "",
        "imap_password_variable": "",
        "imap_folder": "INBOX",
        "statuses-TOTAL_FORMS": "2",
        "statuses-INITIAL_FORMS": "0",
        "statuses-MIN_NUM_FORMS": "2",
        "statuses-MAX_NUM_FORMS": "1000",
        "statuses-0-name": "Ny",
        "statuses-0-ORDER": "1",
        "statuses-1-name": "Levererad",
        "statuses-1-closes_case": "on",
        "statuses-1-ORDER": "2",
        "taking_roles-TOTAL_FORMS": "1",
        "taking_roles-INITIAL_FORMS": "0",
        "taking_roles-MIN_NUM_FORMS": "1",
        "taking_roles-MAX_NUM_FORMS": "1000",
        "taking_roles-0-role": "communicator",
        "taking_roles-0-ORDER": "1",
    }
    data.update(overrides)
    return data


def test_k4_the_infomaster_keeps_the_mailboxes_and_their_process(client, demo_user):
    client.force_login(demo_user("infomaster"))
    unit = Unit.objects.get(name="Planerad kommunikation")
    url = reverse("wagtailsnippets_cases_functionmailbox:add")
    response = client.post(url, _mailbox_form(unit))
    assert response.status_code == 302, response.context["form"].errors
    mailbox = FunctionMailbox.objects.get(address="grafisk-test@linkoping.se")
    assert mailbox.initial_status().name == "Ny"
    assert list(mailbox.taking_roles.values_list("role", flat=True)) == ["communicator"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"statuses-1-closes_case": ""}, "Processen behöver minst en status som avslutar"),
        (
            {"imap_host": "imap.example.org", "imap_user": "media", "imap_password_variable": ""},
            "Behövs för att läsa brevlådan över IMAP.",
        ),
        (
            {
                "imap_host": "imap.example.org",
                "imap_user": "media",
                "imap_password_variable": "NAVET_IMAP_MEDIA",
                "imap_security": ImapSecurity.NONE,
            },
            "Lösenord får inte skickas okrypterade",
        ),
        (
            {"imap_password_variable": "hemligt lösenord"},
            "Använd versaler, siffror och understreck",
        ),
    ],
)
def test_k4_a_mailbox_that_cannot_work_is_refused_in_swedish(client, demo_user, overrides, message):
    client.force_login(demo_user("infomaster"))
    unit = Unit.objects.get(name="Planerad kommunikation")
    response = client.post(
        reverse("wagtailsnippets_cases_functionmailbox:add"), _mailbox_form(unit, **overrides)
    )
    assert response.status_code == 200
    assert message in response.text
    assert not FunctionMailbox.objects.filter(address="grafisk-test@linkoping.se").exists()


def test_k4_handlers_cannot_change_the_process(client, demo_user):
    client.force_login(demo_user("pressekreterare"))
    unit = Unit.objects.get(name="Nyheter och media")
    response = client.post(
        reverse("wagtailsnippets_cases_functionmailbox:add"), _mailbox_form(unit)
    )
    assert response.status_code in (302, 403)
    assert not FunctionMailbox.objects.filter(address="grafisk-test@linkoping.se").exists()


def test_k4_a_status_that_cases_have_cannot_be_removed(client, demo_user, make_mailbox):
    mailbox = make_mailbox(unit="Planerad kommunikation")
    new_case(mailbox)
    new, ongoing, closed = mailbox.statuses.order_by("sort_order")
    role = mailbox.taking_roles.get()
    data = _mailbox_form(
        mailbox.handling_unit,
        name=mailbox.name,
        address=mailbox.address,
        **{
            "statuses-TOTAL_FORMS": "3",
            "statuses-INITIAL_FORMS": "3",
            "statuses-0-id": str(new.pk),
            "statuses-0-name": "Ny",
            "statuses-0-DELETE": "on",
            "statuses-0-ORDER": "1",
            "statuses-1-id": str(ongoing.pk),
            "statuses-1-name": "Pågår",
            "statuses-1-closes_case": "",
            "statuses-1-ORDER": "2",
            "statuses-2-id": str(closed.pk),
            "statuses-2-name": "Avslutad",
            "statuses-2-closes_case": "on",
            "statuses-2-ORDER": "3",
            "taking_roles-INITIAL_FORMS": "1",
            "taking_roles-0-id": str(role.pk),
        },
    )
    client.force_login(demo_user("infomaster"))
    response = client.post(
        reverse("wagtailsnippets_cases_functionmailbox:edit", args=[mailbox.pk]), data
    )
    assert response.status_code == 200
    assert "En status som ärenden har kan inte tas bort: Ny" in response.text
    assert mailbox.statuses.filter(pk=new.pk).exists()
