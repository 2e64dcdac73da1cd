"""K4: when a case comes in – by email or from the intranet – everyone who may take it is
told by email, after the commit, with a link and without the message's text. An answer in
a case's thread opens no case and tells nobody; a mailbox can turn the notices off."""

import logging

import pytest

from navet.cases import imap, services
from navet.cases.imap import read_mailbox
from navet.cases.tasks import send_new_case_notice
from navet.editorial.tests.helpers import after_commit
from navet.organisation.roles import Role

from .helpers import new_case
from .test_imap_ingestion import deliver, email_bytes

pytestmark = pytest.mark.django_db

QUESTION = "Hej! Hur många har valt skola i år?"


def notices(smtp_inbox, case):
    return [m for m in smtp_inbox.messages if case.reference in m["Subject"]]


def request_from_the_intranet(mailbox, user):
    with after_commit():
        return services.open_case_from_form(
            mailbox=mailbox,
            user=user,
            unit=user.person.role_assignments.first().unit,
            subject="Affisch till skolstarten",
            description="Vi behöver en affisch i A3.",
        )


def test_k4_the_takers_are_told_of_a_case_that_comes_in_by_email(
    imap_server, imap_mailbox, smtp_inbox, demo_user
):
    deliver(imap_server, imap_mailbox, email_bytes(body=QUESTION))
    with after_commit():
        read_mailbox(imap_mailbox)
    case = imap_mailbox.cases.get()
    # Communicators take cases in this mailbox: Maria in Nyheter och media.
    [notice] = notices(smtp_inbox, case)
    assert notice["X-Envelope-To"] == demo_user("pressekreterare").email
    assert notice["Subject"].strip() == (
        f"Nytt ärende i {imap_mailbox.name}: {case.reference} Fråga om skolvalet"
    )
    text = notice.get_content()
    assert "Rita Reporter <rita@tidningen.se>" in text
    assert f"/admin/arenden/{case.pk}/" in text
    assert f"inom {imap_mailbox.answer_goal_hours} timmar" in text
    # The message itself stays in Navet: an email can go further than the case may.
    assert QUESTION not in text


def test_k4_an_answer_in_a_cases_thread_tells_nobody(imap_server, imap_mailbox, smtp_inbox):
    deliver(imap_server, imap_mailbox, email_bytes())
    with after_commit():
        read_mailbox(imap_mailbox)
    case = imap_mailbox.cases.get()
    told = len(smtp_inbox.messages)
    deliver(
        imap_server,
        imap_mailbox,
        email_bytes(
            subject=f"Re: {case.subject} {case.subject_tag}",
            message_id="<tack@tidningen.se>",
            In_Reply_To="<fraga-1@tidningen.se>",
            body="Tack!",
        ),
    )
    with after_commit():
        read_mailbox(imap_mailbox)
    assert imap_mailbox.cases.count() == 1
    assert len(smtp_inbox.messages) == told


def test_k4_the_takers_are_told_of_a_request_from_the_intranet(make_mailbox, smtp_inbox, demo_user):
    mailbox = make_mailbox(unit="Planerad kommunikation", roles=(Role.COMMUNICATOR,))
    lead = demo_user("kommunikationsansvarig.utbildning")
    case = request_from_the_intranet(mailbox, lead)
    [notice] = notices(smtp_inbox, case)
    assert notice["X-Envelope-To"] == demo_user("chef.planerad").email
    assert lead.email in notice.get_content()
    assert "Vi behöver en affisch" not in notice.get_content()


def test_k4_a_mailbox_can_turn_the_notices_off(make_mailbox, smtp_inbox, demo_user):
    mailbox = make_mailbox(tell_of_new_cases=False)
    case = request_from_the_intranet(mailbox, demo_user("kommunikationsansvarig.utbildning"))
    assert notices(smtp_inbox, case) == []


def test_k4_a_case_taken_before_the_notice_leaves_tells_nobody(make_mailbox, smtp_inbox, demo_user):
    case = new_case(make_mailbox(), assignee=demo_user("pressekreterare"))
    assert send_new_case_notice.call(case.pk) == 0
    assert notices(smtp_inbox, case) == []


def test_k4_a_case_nobody_may_take_is_logged(make_mailbox, smtp_inbox, caplog):
    # No role may take this mailbox's cases.
    case = new_case(make_mailbox(roles=()))
    with caplog.at_level(logging.WARNING, logger="navet.cases.tasks"):
        assert send_new_case_notice.call(case.pk) == 0
    assert case.reference in caplog.text
    assert notices(smtp_inbox, case) == []


def test_k4_a_role_that_does_not_handle_cases_is_not_told(make_mailbox, smtp_inbox, demo_user):
    # A process that names the managers: they cannot open a case, so they get no email.
    mailbox = make_mailbox(unit="Kultur- och fritidsförvaltningen", roles=(Role.MANAGER,))
    case = new_case(mailbox)
    assert send_new_case_notice.call(case.pk) == 0
    assert smtp_inbox.to(demo_user("chef.kultur").email) == []


def test_k4_a_backlog_opens_its_cases_without_a_notice_each(
    imap_server, imap_mailbox, smtp_inbox, monkeypatch
):
    # A mailbox connected with old mail waiting: more messages than a backlog's limit.
    monkeypatch.setattr(imap, "BACKLOG", 2)
    for number in range(3):
        deliver(
            imap_server, imap_mailbox, email_bytes(message_id=f"<gammal-{number}@tidningen.se>")
        )
    with after_commit():
        read_mailbox(imap_mailbox)
    assert imap_mailbox.cases.count() == 3
    assert smtp_inbox.messages == []
    # The next message on its own is news again.
    deliver(imap_server, imap_mailbox, email_bytes(message_id="<ny@tidningen.se>"))
    with after_commit():
        read_mailbox(imap_mailbox)
    [notice] = smtp_inbox.messages
    assert imap_mailbox.cases.latest("opened_at").reference in notice["Subject"]


def test_k4_the_same_message_delivered_twice_tells_once(imap_server, imap_mailbox, smtp_inbox):
    for _ in range(2):
        deliver(imap_server, imap_mailbox, email_bytes())
        with after_commit():
            read_mailbox(imap_mailbox)
    case = imap_mailbox.cases.get()
    assert len(notices(smtp_inbox, case)) == 1
