"""The press room's work that nobody waits for, on the task queue after the commit."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from navet.tasks import navet_task

from .distribution import MAX_ATTEMPTS, distribute
from .models import Consent, MediaInquiry, PressSettings


@navet_task(retries=MAX_ATTEMPTS - 1, backoff_seconds=60)
def distribute_press_item(*, page_id: int) -> int:
    """Email a release that has gone live to its subscribers, each once (see distribution)."""
    return distribute(page_id=page_id)


@navet_task(retries=5, backoff_seconds=30)
def send_confirmation(*, consent_id: int, room_id: int) -> bool:
    """The double opt-in's email: a signed link that confirms the subscription."""
    from .subscriptions import confirmation_token

    consent = Consent.objects.filter(pk=consent_id, confirmed_at__isnull=True).first()
    room = Page.objects.filter(pk=room_id).first()
    if consent is None or room is None:
        return False
    site = room.get_site()
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("navet_press_confirm", args=[confirmation_token(consent)])
        context = {
            "consent": consent,
            "topics": list(consent.topics.all()),
            "room": room,
            "confirm_url": site.root_url + path,
        }
        subject = render_to_string("press/email/confirm_subject.txt", context)
        body = render_to_string("press/email/confirm.txt", context)
    EmailMessage(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [consent.email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()
    return True


@navet_task(retries=5, backoff_seconds=60)
def notify_inquiry(*, inquiry_id: int, person_ids: list[int]) -> int:
    """K2: tell the spokesperson assigned and the administration's communications lead
    about a media inquiry, as it stands when the email is written."""
    from navet.organisation.models import Person

    inquiry = (
        MediaInquiry.objects.select_related("administration", "spokesperson", "topic")
        .filter(pk=inquiry_id)
        .first()
    )
    if inquiry is None:
        return 0
    sent = 0
    for person in Person.objects.filter(pk__in=person_ids).exclude(email=""):
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "inquiry": inquiry,
                "person": person,
                "is_assigned": person.pk == inquiry.spokesperson_id,
                "admin_url": settings.WAGTAILADMIN_BASE_URL
                + reverse("wagtailsnippets_press_mediainquiry:edit", args=[inquiry.pk]),
            }
            subject = render_to_string("press/email/inquiry_subject.txt", context)
            body = render_to_string("press/email/inquiry.txt", context)
        unit = PressSettings.load().media_unit
        EmailMessage(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [person.email],
            reply_to=[unit.email] if unit is not None and unit.email else None,
            headers={"Auto-Submitted": "auto-generated"},
        ).send()
        sent += 1
    return sent
