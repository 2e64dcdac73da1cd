"""K4: the function mailboxes are read over IMAP into cases – from a real IMAP server
(Debian's dovecot, on loopback). Nothing is lost: a message is marked handled only after
its case is committed, the same Message-ID never makes two cases, a malformed message still
becomes a case with what could be read or is quarantined with the reason, and one bad
message never stops the rest."""

from email.message import EmailMessage

import pytest
from django.core.management import call_command
from django.urls import reverse

from navet.cases import imap
from navet.cases.imap import read_all_mailboxes, read_mailbox
from navet.cases.models import Case, CaseMessage, QuarantinedMessage

pytestmark = pytest.mark.django_db


def email_bytes(
    *,
    subject="Fråga om skolvalet",
    sender="Rita Reporter <rita@tidningen.se>",
    body="Hej! Hur många har valt skola i år?",
    message_id="<fraga-1@tidningen.se>",
    **headers,
) -> bytes:
    message = EmailMessage()
    message["Subject"] = subject
    if sender:
        message["From"] = sender
    message["To"] = "media@linkoping.se"
    if message_id:
        message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return bytes(message)


def deliver(imap_server, mailbox, raw):
    imap_server.deliver(mailbox.imap_user, mailbox.imap_password, raw)


def counts(imap_server, mailbox):
    return imap_server.handled_and_waiting(mailbox.imap_user, mailbox.imap_password)


def test_k4_a_message_becomes_a_case_and_is_marked_handled(imap_server, imap_mailbox):
    deliver(imap_server, imap_mailbox, email_bytes())
    result = read_mailbox(imap_mailbox)
    assert (result.recorded, result.quarantined, result.failed) == (1, 0, 0)
    case = Case.objects.get(mailbox=imap_mailbox)
    assert case.subject == "Fråga om skolvalet"
    assert (case.requester_name, case.requester_email) == ("Rita Reporter", "rita@tidningen.se")
    assert case.status.name == "Ny"
    message = case.messages.get()
    assert message.message_id == "<fraga-1@tidningen.se>"
    assert "Hur många har valt skola" in message.body
    assert counts(imap_server, imap_mailbox) == (1, 0)

    # Read again: nothing new.
    assert read_mailbox(imap_mailbox).recorded == 0
    assert Case.objects.filter(mailbox=imap_mailbox).count() == 1


def test_k4_the_same_message_id_never_makes_two_cases(imap_server, imap_mailbox):
    deliver(imap_server, imap_mailbox, email_bytes())
    deliver(imap_server, imap_mailbox, email_bytes(body="Samma brev, skickat två gånger."))
    read_mailbox(imap_mailbox)
    assert Case.objects.filter(mailbox=imap_mailbox).count() == 1
    assert CaseMessage.objects.filter(message_id="<fraga-1@tidningen.se>").count() == 1
    assert counts(imap_server, imap_mailbox) == (2, 0)


def test_k4_an_answer_joins_its_case_by_in_reply_to_or_by_the_reference(imap_server, imap_mailbox):
    deliver(imap_server, imap_mailbox, email_bytes())
    read_mailbox(imap_mailbox)
    case = Case.objects.get(mailbox=imap_mailbox)
    deliver(
        imap_server,
        imap_mailbox,
        email_bytes(
            subject="Re: Fråga om skolvalet",
            message_id="<fraga-2@tidningen.se>",
            In_Reply_To="<fraga-1@tidningen.se>",
            References="<fraga-1@tidningen.se>",
            body="Ett tillägg till min fråga.",
        ),
    )
    # A mail program that dropped the threading headers: the reference in the subject.
    deliver(
        imap_server,
        imap_mailbox,
        email_bytes(
            subject=f"Sv: Fråga om skolvalet {case.subject_tag}",
            message_id="<fraga-3@tidningen.se>",
            body="Och en sak till.",
        ),
    )
    read_mailbox(imap_mailbox)
    assert Case.objects.filter(mailbox=imap_mailbox).count() == 1
    assert list(case.messages.values_list("message_id", flat=True)) == [
        "<fraga-1@tidningen.se>",
        "<fraga-2@tidningen.se>",
        "<fraga-3@tidningen.se>",
    ]


def test_k4_an_answer_to_a_closed_case_opens_it_again(imap_server, imap_mailbox):
    deliver(imap_server, imap_mailbox, email_bytes())
    read_mailbox(imap_mailbox)
    case = Case.objects.get(mailbox=imap_mailbox)
    from navet.cases.services import set_status

    set_status(case=case, status=imap_mailbox.statuses.get(closes_case=True))
    deliver(
        imap_server,
        imap_mailbox,
        email_bytes(message_id="<fraga-2@tidningen.se>", In_Reply_To="<fraga-1@tidningen.se>"),
    )
    read_mailbox(imap_mailbox)
    case.refresh_from_db()
    assert case.is_open and case.status.name == "Ny"


def test_k4_a_malformed_message_still_becomes_a_case_with_what_could_be_read(
    imap_server, imap_mailbox, settings
):
    settings.NAVET_CASE_MAX_ATTACHMENT_BYTES = 1000
    broken = (
        b"Subject: =?x-unknown-charset?q?Tr=E4sig_rubrik?=\r\n"
        b"Message-ID: <trasig@example.org>\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="grans"\r\n\r\n'
        b"--grans\r\n"
        b"Content-Type: text/plain; charset=x-unknown-charset\r\n"
        # Latin-1 text with a NUL character, which no database takes.
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        b"SGVqIGZy5W4gbuVnb24AIHV0YW4gYXZz5G5kYXJl\r\n"
        b"--grans\r\n"
        b"Content-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="stor.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n" + b"QUFB" * 1000 + b"\r\n"
        b"--grans\r\n"
        b"Content-Type: text/plain\r\n"
        b'Content-Disposition: attachment; filename="../../liten.txt"\r\n\r\n'
        b"liten bilaga\r\n"
        b"--grans--\r\n"
    )
    deliver(imap_server, imap_mailbox, broken)
    result = read_mailbox(imap_mailbox)
    assert result.recorded == 1
    case = Case.objects.get(mailbox=imap_mailbox)
    assert case.requester_email == ""
    message = case.messages.get()
    assert "Hej fr" in message.body and "\x00" not in message.body
    assert "ingen avsändaradress" in message.problems
    assert "stor.pdf" in message.problems and "sparades inte" in message.problems
    kept = message.attachments.get()
    assert kept.filename == ".._.._liten.txt"
    assert kept.file.read() == b"liten bilaga"
    assert counts(imap_server, imap_mailbox) == (1, 0)


def test_k4_a_message_without_message_id_is_read_once(imap_server, imap_mailbox):
    raw = email_bytes(message_id=None)
    deliver(imap_server, imap_mailbox, raw)
    deliver(imap_server, imap_mailbox, raw)
    read_mailbox(imap_mailbox)
    assert Case.objects.filter(mailbox=imap_mailbox).count() == 1
    assert (
        Case.objects.get(mailbox=imap_mailbox).messages.get().message_id.endswith("@navet.invalid>")
    )


def test_k4_one_bad_message_is_quarantined_and_the_rest_proceeds(
    imap_server, imap_mailbox, monkeypatch
):
    real_read = imap.read_message

    def read(raw, **kwargs):
        if b"<dalig@example.org>" in raw:
            raise ValueError("ett fel som ingen kunde förutse")
        return real_read(raw, **kwargs)

    monkeypatch.setattr(imap, "read_message", read)
    deliver(imap_server, imap_mailbox, email_bytes(message_id="<forsta@example.org>"))
    deliver(imap_server, imap_mailbox, email_bytes(message_id="<dalig@example.org>"))
    deliver(imap_server, imap_mailbox, email_bytes(message_id="<tredje@example.org>"))
    result = read_mailbox(imap_mailbox)
    assert (result.recorded, result.quarantined) == (2, 1)
    kept = QuarantinedMessage.objects.get(mailbox=imap_mailbox)
    assert "ett fel som ingen kunde förutse" in kept.reason
    assert b"<dalig@example.org>" in kept.raw.read()
    assert counts(imap_server, imap_mailbox) == (3, 0)


class Crash(BaseException):
    """The process dies (killed, power cut): no handler of the code under test catches it."""


def test_k4_a_crash_before_the_commit_leaves_the_message_waiting(imap_server, imap_mailbox):
    deliver(imap_server, imap_mailbox, email_bytes())
    real_create = CaseMessage.objects.create

    def crash(**fields):
        real_create(**fields)
        raise Crash

    with pytest.MonkeyPatch.context() as patch, pytest.raises(Crash):
        patch.setattr(CaseMessage.objects, "create", crash)
        read_mailbox(imap_mailbox)
    assert not Case.objects.filter(mailbox=imap_mailbox).exists()
    assert counts(imap_server, imap_mailbox) == (0, 1)

    read_mailbox(imap_mailbox)
    assert Case.objects.filter(mailbox=imap_mailbox).count() == 1
    assert counts(imap_server, imap_mailbox) == (1, 0)


def test_k4_a_crash_between_the_commit_and_the_mark_makes_no_second_case(imap_server, imap_mailbox):
    deliver(imap_server, imap_mailbox, email_bytes())

    def crash(connection, uid):
        raise Crash

    with pytest.MonkeyPatch.context() as patch, pytest.raises(Crash):
        patch.setattr(imap, "mark_handled", crash)
        read_mailbox(imap_mailbox)
    assert Case.objects.filter(mailbox=imap_mailbox).count() == 1
    assert counts(imap_server, imap_mailbox) == (0, 1)

    read_mailbox(imap_mailbox)
    assert Case.objects.filter(mailbox=imap_mailbox).count() == 1
    assert counts(imap_server, imap_mailbox) == (1, 0)


def test_k4_a_mailbox_that_cannot_be_read_does_not_stop_the_others(
    imap_server, imap_mailbox, make_mailbox, monkeypatch
):
    unreachable = make_mailbox(
        imap_host="127.0.0.1",
        imap_port=imap_server.port,
        imap_security="none",
        imap_user="nobody",
        imap_password_variable="NAVET_TEST_IMAP_MISSING",
    )
    monkeypatch.delenv("NAVET_TEST_IMAP_MISSING", raising=False)
    deliver(imap_server, imap_mailbox, email_bytes())
    outcome = read_all_mailboxes()
    assert "NAVET_TEST_IMAP_MISSING" in outcome[unreachable.address]
    assert outcome[imap_mailbox.address].recorded == 1


def test_k4_the_cron_command_reads_every_mailbox(imap_server, imap_mailbox, capsys):
    deliver(imap_server, imap_mailbox, email_bytes())
    call_command("read_function_mailboxes")
    assert Case.objects.filter(mailbox=imap_mailbox).count() == 1
    assert imap_mailbox.address in capsys.readouterr().out


def test_k4_a_handler_has_the_mailbox_read_now_on_the_task_queue(
    client, demo_user, imap_server, imap_mailbox
):
    deliver(imap_server, imap_mailbox, email_bytes())
    client.force_login(demo_user("pressekreterare"))
    queue = client.get(reverse("navet_cases"), {"brevlada": imap_mailbox.pk})
    assert f"Läs {imap_mailbox.name} nu" in queue.text
    response = client.post(reverse("navet_cases"), {"mailbox": imap_mailbox.pk})
    assert response.status_code == 302
    assert Case.objects.filter(mailbox=imap_mailbox).count() == 1
    # Not for a mailbox of another unit.
    client.force_login(demo_user("webmaster"))
    assert client.post(reverse("navet_cases"), {"mailbox": imap_mailbox.pk}).status_code == 404
