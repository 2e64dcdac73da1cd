"""Editorial work that nobody waits for, run on the task queue after the commit."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Page

from navet.tasks import navet_task

from .notifications import NOTIFIERS


class WorkflowEmailNotSent(Exception):
    pass


@navet_task(retries=5, backoff_seconds=60)
def send_workflow_email(
    *, notifier: str, instance_id: int, user_id: int | None, recipient_id: int
) -> bool:
    """W3.7: one workflow email (a submission to an approver, an approval or a rejection to
    the author), rendered from Wagtail's templates as the instance stands now."""
    sender = NOTIFIERS[notifier]
    [model] = sender.valid_classes
    instance = model.objects.filter(pk=instance_id).first()
    users = get_user_model().objects
    recipient = users.filter(pk=recipient_id, is_active=True).exclude(email="").first()
    if instance is None or recipient is None:
        return False  # withdrawn or gone since: nothing to tell
    context = {"user": users.filter(pk=user_id).first()} if user_id else {}
    templates = sender.get_template_set(instance, **context)
    # Wagtail logs a failed send and goes on; raising here has the queue try again.
    if not sender.send_emails(templates, sender.get_context(instance, **context), {recipient}):
        raise WorkflowEmailNotSent(f"{notifier} {instance_id} to {recipient.email}")
    return True


@navet_task(retries=5, backoff_seconds=60)
def notify_scheduled_refusal(*, page_id: int, reasons: list[str], user_ids: list[int]) -> int:
    """Email the author and the approvers of a scheduled revision the rules refused."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    recipients = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    sent = 0
    for recipient in recipients:
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "recipient": recipient,
                "page": page,
                "reasons": reasons,
                "base_url": settings.WAGTAILADMIN_BASE_URL,
            }
            subject = render_to_string("editorial/scheduled_refusal_subject.txt", context)
            body = render_to_string("editorial/scheduled_refusal.txt", context)
        send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
        sent += 1
    return sent
