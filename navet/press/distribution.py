"""Sending a release to its subscribers when it goes live – once.

The first time a press item is live, a `Distribution` is recorded for it with one `Delivery`
per subscriber who wants it then (a unique row per release and subscriber). Publishing it
again finds the distribution and sends nothing. Each delivery is claimed – marked as being
sent, committed – before it is handed to the mail server and marked sent after: a worker
that stops in between, or a second worker, never sends it again (a delivery left "being
sent" is shown in the admin). A delivery the mail server refuses goes back to waiting and
the task is retried later; after the last attempt it is marked failed."""

import logging
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page

from navet.editorial.selectors import is_intranet_page
from navet.tasks import enqueue_after_commit

from . import subscriptions
from .models import Delivery, DeliveryStatus, Distribution, PressSettings, Subscriber
from .pages import PRESS_ITEM_TYPES

logger = logging.getLogger(__name__)
# The task is tried this many times in all (see tasks.distribute_press_item).
MAX_ATTEMPTS = 6


class DeliveriesFailed(Exception):
    pass


def is_distributable(item) -> bool:
    """Only what anyone may read on the public website is sent to the media."""
    return (
        isinstance(item, PRESS_ITEM_TYPES)
        and item.live
        and not is_intranet_page(item)
        and not item.get_view_restrictions().exists()
    )


def start_distribution(*, item) -> Distribution | None:
    """The release's distribution with its deliveries, created the first time it is live;
    None when it was distributed before (a republish sends nothing)."""
    try:
        with transaction.atomic():
            distribution = Distribution.objects.create(page=item)
            topic_ids = item.topics.values_list("pk", flat=True)
            Delivery.objects.bulk_create(
                [
                    Delivery(distribution=distribution, subscriber=subscriber)
                    for subscriber in Subscriber.objects.receiving(topic_ids=topic_ids)
                ]
            )
    except IntegrityError:
        return None
    return distribution


def distribute(*, page_id: int) -> int:
    """Start the release's distribution if it has none, and send what waits. Returns the
    number of emails sent; raises DeliveriesFailed if some must be tried again."""
    page = Page.objects.filter(pk=page_id).first()
    item = page.specific if page is not None else None
    if item is None or not is_distributable(item):
        return 0
    distribution = Distribution.objects.filter(page=item).first() or start_distribution(item=item)
    if distribution is None:
        distribution = Distribution.objects.get(page=item)
    return send_waiting(distribution=distribution, item=item)


def claim(delivery: Delivery) -> bool:
    """Mark the delivery as being sent, if nobody has yet; committed at once."""
    with transaction.atomic():
        return bool(
            Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
                status=DeliveryStatus.SENDING,
                claimed_at=timezone.now(),
                attempts=F("attempts") + 1,
            )
        )


def mark_sent(delivery: Delivery) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
    )


def release_for_retry(delivery: Delivery, error: Exception) -> None:
    """The mail server refused it: it waits for the next attempt, or has failed."""
    delivery.refresh_from_db(fields=["attempts"])
    status = DeliveryStatus.FAILED if delivery.attempts >= MAX_ATTEMPTS else DeliveryStatus.PENDING
    Delivery.objects.filter(pk=delivery.pk).update(status=status, last_error=repr(error)[:2000])


def note_unreachable(waiting: list[Delivery], error: Exception) -> None:
    """No connection to the mail server: nothing was sent, every waiting delivery has
    used an attempt."""
    for delivery in waiting:
        Delivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1)
        release_for_retry(delivery, error)


def send_waiting(*, distribution: Distribution, item) -> int:
    waiting = [
        delivery
        for delivery in distribution.deliveries.filter(status=DeliveryStatus.PENDING)
        .select_related("subscriber")
        .order_by("pk")
        if delivery.subscriber.is_active
    ]
    if not waiting:
        return 0
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:
        note_unreachable(waiting, error)
        raise DeliveriesFailed(f"no connection to the mail server for {item.pk}") from error
    sent = failed = 0
    try:
        for delivery in waiting:
            if not claim(delivery):
                continue  # another worker has it
            try:
                message(item=item, subscriber=delivery.subscriber, connection=connection).send()
            except Exception as error:
                logger.exception("Press item %s to %s failed", item.pk, delivery.subscriber_id)
                release_for_retry(delivery, error)
                failed += 1
                continue
            mark_sent(delivery)
            sent += 1
    finally:
        connection.close()
    if failed:
        raise DeliveriesFailed(f"{failed} of {len(waiting)} emails about {item.pk} failed")
    return sent


def retry_failed_and_waiting() -> int:
    """Failed deliveries wait again; every distribution with waiting deliveries is queued.
    Returns the number queued."""
    from .tasks import distribute_press_item

    Delivery.objects.filter(status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING, attempts=0
    )
    page_ids = list(
        Distribution.objects.filter(deliveries__status=DeliveryStatus.PENDING)
        .values_list("page_id", flat=True)
        .distinct()
    )
    for page_id in page_ids:
        enqueue_after_commit(distribute_press_item, page_id=page_id)
    return len(page_ids)


def unsubscribe_url(*, item, subscriber) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "navet_press_unsubscribe", args=[subscriptions.unsubscribe_token(subscriber)]
        )
    return item.get_site().root_url + path


def message(*, item, subscriber, connection) -> EmailMessage:
    """The release as a plain-text email with its one-click unsubscribe link (RFC 8058)."""
    leave = unsubscribe_url(item=item, subscriber=subscriber)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "item": item,
            "url": item.get_full_url(),
            "text": body_text(item),
            "attachments": [
                (block.value.get("title") or block.value["document"].title, block.value["document"])
                for block in item.attachments
            ],
            "root_url": item.get_site().root_url,
            "unsubscribe_url": leave,
        }
        body = render_to_string("press/email/item.txt", context)
    unit = PressSettings.load().media_unit
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return EmailMessage(
        subject=item.title,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        reply_to=[unit.email] if unit is not None and unit.email else None,
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{leave}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Message-ID": make_msgid(idstring=f"press-{item.pk}-{subscriber.pk}", domain=domain),
        },
    )


def body_text(item) -> str:
    """The release's text, paragraph by paragraph, without markup."""
    return "\n\n".join(
        " ".join(str(part).split())
        for part in item.body.stream_block.get_searchable_content(item.body)
        if str(part).strip()
    )
