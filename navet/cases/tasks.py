"""The cases' work that nobody waits for, on the task queue (K4): sending the staff's
answers, reading a mailbox, telling the handlers of a new case and reminding them of cases
past their answer-time goal. The handlers' emails hold no message text, only a link."""

import logging
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from navet.tasks import navet_task

from .models import Case, CaseMessage, Delivery, FunctionMailbox

logger = logging.getLogger(__name__)


def _email_for(message: CaseMessage) -> EmailMessage:
    mailbox = message.case.mailbox
    headers = {"Message-ID": message.message_id, "Reply-To": mailbox.address}
    if message.in_reply_to:
        headers["In-Reply-To"] = message.in_reply_to
    if message.references:
        headers["References"] = message.references
    return EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=formataddr((mailbox.name, mailbox.address)),
        to=[message.recipients],
        headers=headers,
    )


@navet_task(retries=5, backoff_seconds=60)
def send_case_message(message_id: int) -> str:
    """Send one of the staff's answers. A message already sent is not sent again; a failure
    is recorded on the message (the case shows it) and tried again."""
    message = CaseMessage.objects.select_related("case__mailbox").get(pk=message_id)
    if message.delivery == Delivery.SENT:
        return "already sent"
    try:
        _email_for(message).send()
    except Exception as error:
        CaseMessage.objects.filter(pk=message_id).update(
            delivery=Delivery.FAILED, delivery_error=repr(error)
        )
        raise
    CaseMessage.objects.filter(pk=message_id).update(
        delivery=Delivery.SENT, sent_at=timezone.now(), delivery_error=""
    )
    return "sent"


@navet_task(retries=2, backoff_seconds=300)
def read_function_mailbox(mailbox_id: int) -> dict:
    from .imap import read_mailbox

    mailbox = FunctionMailbox.objects.get(pk=mailbox_id)
    result = read_mailbox(mailbox)
    return {"recorded": result.recorded, "quarantined": result.quarantined, "failed": result.failed}


def _tell_handlers(case: Case, *, template: str) -> int:
    """Email who handles the case (`template`: its subject and body templates' stem)."""
    from .selectors import who_handles

    recipients = who_handles(case)
    if not recipients:
        logger.warning("Nobody can be told about case %s (%s)", case.reference, template)
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "case": case,
            "url": settings.WAGTAILADMIN_BASE_URL + reverse("navet_case", args=[case.pk]),
        }
        subject = render_to_string(f"cases/{template}_subject.txt", context)
        body = render_to_string(f"cases/{template}.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email for user in recipients],
    )
    return len(recipients)


@navet_task(retries=5, backoff_seconds=60)
def send_new_case_notice(case_id: int) -> int:
    """Tell everyone who may take a new case that it has come in. Returns how many were
    told (none when it was taken or closed before the notice left)."""
    case = Case.objects.select_related("mailbox", "status", "assignee").get(pk=case_id)
    if case.assignee_id is not None or not case.is_open:
        return 0
    return _tell_handlers(case, template="new_case")


@navet_task(retries=5, backoff_seconds=60)
def send_overdue_reminder(case_id: int) -> int:
    """Tell who handles the case that its answer-time goal has passed. Returns how many were
    told (none when the case has been answered or closed since)."""
    case = Case.objects.select_related("mailbox", "status", "assignee").get(pk=case_id)
    if case.first_answered_at is not None or not case.is_open:
        return 0
    return _tell_handlers(case, template="overdue_reminder")
