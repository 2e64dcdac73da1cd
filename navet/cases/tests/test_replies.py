"""K4: the staff answer from the case by email – over real SMTP, after the commit, on the
task queue – with proper Message-ID, In-Reply-To and References, and the requester's answer
by email comes back to the same case."""

import pytest
from django.urls import reverse

from navet.cases import services
from navet.cases.imap import read_mailbox
from navet.cases.models import CaseMessage, Delivery
from navet.editorial.tests.helpers import after_commit

from .helpers import new_case
from .test_imap_ingestion import deliver, email_bytes

pytestmark = pytest.mark.django_db


def test_k4_an_answer_is_sent_after_the_commit_threaded_under_the_request(
    client, demo_user, make_mailbox, smtp_inbox
):
    mailbox = make_mailbox(address="media-test@linkoping.se")
    case = new_case(mailbox)
    request = case.messages.get()
    client.force_login(demo_user("pressekreterare"))
    with after_commit():
        response = client.post(
            reverse("navet_case", args=[case.pk]),
            {"action": "reply", "body": "Hej Rita! Presskonferensen börjar klockan 10."},
        )
        assert response.status_code == 302
        assert smtp_inbox.messages == []  # nothing leaves before the commit
    [sent] = smtp_inbox.to("reporter@example.org")
    answer = case.messages.get(direction="out")
    assert sent["Message-ID"] == answer.message_id
    assert answer.message_id.endswith("@linkoping.se>")
    assert sent["In-Reply-To"] == request.message_id
    assert sent["References"] == request.message_id
    assert sent["From"] == f"{mailbox.name} <media-test@linkoping.se>"
    assert sent["Reply-To"] == "media-test@linkoping.se"
    assert case.subject_tag in sent["Subject"] and sent["Subject"].strip().startswith("Re: ")
    assert "klockan 10" in sent.get_content()
    answer.refresh_from_db()
    assert answer.delivery == Delivery.SENT and answer.author == demo_user("pressekreterare")
    case.refresh_from_db()
    assert case.first_answered_at == answer.created_at


def test_k4_the_requesters_answer_by_email_lands_in_the_same_case(
    client, demo_user, imap_server, imap_mailbox, smtp_inbox
):
    deliver(imap_server, imap_mailbox, email_bytes())
    read_mailbox(imap_mailbox)
    case = imap_mailbox.cases.get()
    with after_commit():
        services.reply(case=case, user=demo_user("pressekreterare"), body="Svar: 4 200 elever.")
    [sent] = smtp_inbox.to("rita@tidningen.se")
    # Rita answers from her mail program, which threads on the answer's Message-ID.
    deliver(
        imap_server,
        imap_mailbox,
        email_bytes(
            subject=f"Re: {sent['Subject']}",
            message_id="<tack@tidningen.se>",
            In_Reply_To=sent["Message-ID"],
            References=f"{sent['References']} {sent['Message-ID']}",
            body="Tack för svaret!",
        ),
    )
    read_mailbox(imap_mailbox)
    assert imap_mailbox.cases.count() == 1
    assert list(case.messages.values_list("direction", flat=True)) == ["in", "out", "in"]
    thanks = case.messages.get(message_id="<tack@tidningen.se>")
    assert thanks.body == "Tack för svaret!"
    # The next answer continues the chain.
    with after_commit():
        second = services.reply(case=case, user=demo_user("pressekreterare"), body="Varsågod.")
    assert second.in_reply_to == "<tack@tidningen.se>"
    assert second.references.split() == [
        "<fraga-1@tidningen.se>",
        sent["Message-ID"],
        "<tack@tidningen.se>",
    ]


def test_k4_a_failed_send_is_visible_on_the_case_and_tried_again(
    client, demo_user, make_mailbox, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    case = new_case(make_mailbox())
    with after_commit():
        services.reply(case=case, user=demo_user("pressekreterare"), body="Hej!")
    answer = case.messages.get(direction="out")
    assert answer.delivery == Delivery.FAILED and answer.delivery_error
    client.force_login(demo_user("pressekreterare"))
    page = client.get(reverse("navet_case", args=[case.pk]))
    assert "Sändningen misslyckades" in page.text


def test_k4_a_case_without_an_address_cannot_be_answered_by_email(client, demo_user, make_mailbox):
    case = new_case(make_mailbox(), email="")
    client.force_login(demo_user("pressekreterare"))
    page = client.get(reverse("navet_case", args=[case.pk]))
    assert "Ärendet har ingen e-postadress att svara till." in page.text
    response = client.post(
        reverse("navet_case", args=[case.pk]), {"action": "reply", "body": "Hej!"}
    )
    assert response.status_code == 200
    assert "Ärendet har ingen e-postadress att svara till." in response.text
    assert not CaseMessage.objects.filter(case=case, direction="out").exists()


def test_k4_an_empty_answer_is_refused_in_swedish(client, demo_user, make_mailbox):
    case = new_case(make_mailbox())
    client.force_login(demo_user("pressekreterare"))
    response = client.post(reverse("navet_case", args=[case.pk]), {"action": "reply", "body": " "})
    assert response.status_code == 200
    assert "Skriv svaret innan du skickar det." in response.text
    assert not CaseMessage.objects.filter(case=case, direction="out").exists()
