"""A release that goes live is emailed to each of its subscribers once, over real SMTP,
after the commit, on the task queue: never twice, even when it is published again or the
worker stops in the middle of sending; failures are retried and visible in the admin."""

import datetime
import io
import smtplib

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone

from navet.press import distribution
from navet.press.models import Delivery, DeliveryStatus, Distribution
from navet.press.tasks import distribute_press_item

from .helpers import after_commit, draft_release, make_due, publish, schedule, subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def readers():
    return {
        "all": subscriber("alla@tidning.example", all_releases=True),
        "skola": subscriber("skola@tidning.example", topics=["skola"]),
        "kultur": subscriber("kultur@tidning.example", topics=["kultur"]),
        "unconfirmed": subscriber("obekraftad@tidning.example", all_releases=True, confirmed=False),
    }


def test_a_live_release_is_emailed_to_its_subscribers_once(readers, smtp_inbox):
    release = publish(draft_release(title="Nya skolgårdar", topics=["skola"]))
    assert len(smtp_inbox.to("alla@tidning.example")) == 1
    assert len(smtp_inbox.to("skola@tidning.example")) == 1
    assert smtp_inbox.to("kultur@tidning.example") == []
    assert smtp_inbox.to("obekraftad@tidning.example") == []
    [message] = smtp_inbox.to("skola@tidning.example")
    assert message["Subject"] == "Nya skolgårdar"
    body = message.get_content()
    assert "Det viktigaste står först." in body and release.full_url in body
    # RFC 8058: a one-click unsubscribe link of this subscriber's own.
    unsubscribe = str(message["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<http://") and "/prenumeration/avsluta/" in unsubscribe
    assert str(message["List-Unsubscribe-Post"]).strip() == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in body
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_publishing_again_sends_nothing_more(readers, smtp_inbox):
    release = publish(draft_release(title="Rättelse följer", topics=["skola"]))
    subscriber("ny@tidning.example", all_releases=True)
    revision = release.get_latest_revision_as_object()
    revision.title = "Rättelse följer (uppdaterad)"
    with after_commit():
        revision.save_revision().publish()
    with after_commit():
        distribute_press_item.enqueue(page_id=release.pk)
    assert len(smtp_inbox.to("alla@tidning.example")) == 1
    assert smtp_inbox.to("ny@tidning.example") == []
    assert Distribution.objects.filter(page=release).count() == 1


class WorkerStopped(BaseException):
    """The worker process dies: nothing in the task catches it."""


def test_one_send_only_when_the_worker_stops_mid_send(readers, smtp_inbox, monkeypatch):
    """The worker stops after the mail server has taken the first email but before it was
    marked sent; the queue runs the task again (requeue_interrupted) – the first subscriber
    gets nothing more, the others get theirs."""
    release = draft_release(title="Avbrutet utskick", topics=["skola"])
    mark_sent = distribution.mark_sent

    def stop_after_first(delivery):
        monkeypatch.setattr(distribution, "mark_sent", mark_sent)
        raise WorkerStopped

    monkeypatch.setattr(distribution, "mark_sent", stop_after_first)
    publish(release)  # the queue records the stopped task as failed
    first = Delivery.objects.get(status=DeliveryStatus.SENDING)
    assert len(smtp_inbox.messages) == 1

    # The restarted worker runs the task again, twice even.
    distribute_press_item.call(page_id=release.pk)
    distribute_press_item.call(page_id=release.pk)
    assert len(smtp_inbox.to(first.subscriber.email)) == 1
    assert len(smtp_inbox.to("alla@tidning.example")) == 1
    assert len(smtp_inbox.to("skola@tidning.example")) == 1
    first.refresh_from_db()
    assert first.status == DeliveryStatus.SENDING  # shown in the admin as interrupted


def test_the_unique_delivery_per_release_and_subscriber_holds_in_the_database(readers):
    from django.db import IntegrityError, transaction

    release = draft_release(title="Unik leverans")
    record = Distribution.objects.create(page=release)
    Delivery.objects.create(distribution=record, subscriber=readers["all"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(distribution=record, subscriber=readers["all"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Distribution.objects.create(page=release)


def test_a_refused_email_is_retried_then_shown_as_failed_in_the_admin(
    readers, smtp_inbox, monkeypatch, client, demo_user
):
    """One subscriber's address is refused on every attempt: the task is retried, the
    others get their email once, the refused delivery ends failed with the reason."""
    send = EmailMessage.send

    def refuse_one(message, *args, **kwargs):
        if "skola@tidning.example" in message.to:
            raise smtplib.SMTPRecipientsRefused({"skola@tidning.example": (550, b"No such user")})
        return send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", refuse_one)
    release = publish(draft_release(title="En adress vägras", topics=["skola"]))
    refused = Delivery.objects.get(distribution__page=release, subscriber=readers["skola"])
    assert refused.status == DeliveryStatus.FAILED
    assert refused.attempts == distribution.MAX_ATTEMPTS
    assert "No such user" in refused.last_error
    assert len(smtp_inbox.to("alla@tidning.example")) == 1

    client.force_login(demo_user("pressekreterare"))
    response = client.get("/admin/snippets/press/delivery/?status=failed")
    assert response.status_code == 200
    assert "skola@tidning.example" in response.content.decode()

    # The address works again: the command sends what failed, and nothing twice.
    monkeypatch.setattr(EmailMessage, "send", send)
    with after_commit():
        call_command("retry_press_deliveries", stdout=io.StringIO())
    refused.refresh_from_db()
    assert refused.status == DeliveryStatus.SENT
    assert len(smtp_inbox.to("skola@tidning.example")) == 1
    assert len(smtp_inbox.to("alla@tidning.example")) == 1


def test_no_mail_server_uses_up_the_attempts_and_sends_nothing(readers, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    release = publish(draft_release(title="Ingen e-postserver", topics=["skola"]))
    deliveries = Delivery.objects.filter(distribution__page=release)
    emails = set(deliveries.values_list("subscriber__email", flat=True))
    assert {"alla@tidning.example", "skola@tidning.example"} <= emails
    for delivery in deliveries:
        assert delivery.status == DeliveryStatus.FAILED
        assert delivery.attempts == distribution.MAX_ATTEMPTS
        assert delivery.sent_at is None and delivery.last_error


def test_an_embargoed_release_is_emailed_once_at_its_time(readers, smtp_inbox):
    release = schedule(
        draft_release(title="Under embargo", topics=["kultur"]),
        at=timezone.now() + datetime.timedelta(hours=2),
    )
    with after_commit():
        call_command("publish_scheduled")
    assert smtp_inbox.messages == []
    make_due(release)
    with after_commit():
        call_command("publish_scheduled")
    with after_commit():
        call_command("publish_scheduled")
    assert len(smtp_inbox.to("kultur@tidning.example")) == 1
    assert len(smtp_inbox.to("alla@tidning.example")) == 1
    assert smtp_inbox.to("skola@tidning.example") == []


def test_an_unsubscribed_reader_gets_nothing(readers, smtp_inbox):
    readers["all"].unsubscribed_at = timezone.now()
    readers["all"].save()
    publish(draft_release(title="Efter avslut", topics=["skola"]))
    assert smtp_inbox.to("alla@tidning.example") == []
    assert len(smtp_inbox.to("skola@tidning.example")) == 1
