"""Writing cases (K4): a message that comes in opens a case or joins its thread, an employee
opens a case from the intranet, the staff take a case, change its status and answer it.
Each is one transaction; emails leave after the commit, on the task queue."""

import re
from email.utils import make_msgid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.tasks import enqueue_after_commit

from .mail import ReadMessage, fingerprint
from .models import (
    Case,
    CaseAttachment,
    CaseMessage,
    CaseSource,
    CaseStatus,
    Delivery,
    Direction,
    FunctionMailbox,
    QuarantinedMessage,
)
from .permissions import may_take
from .selectors import overdue_unanswered
from .tasks import send_case_message, send_new_case_notice, send_overdue_reminder

REFERENCE_IN_SUBJECT = re.compile(r"\[Ärende (K-[0-9A-F]{8})\]")
DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def max_attachment_bytes() -> int:
    return getattr(settings, "NAVET_CASE_MAX_ATTACHMENT_BYTES", 0) or DEFAULT_MAX_ATTACHMENT_BYTES


def _case_for_answer(*, mailbox: FunctionMailbox, read: ReadMessage) -> Case | None:
    """The case an answer belongs to: through the messages it answers (In-Reply-To,
    References), else through the case's reference in the subject."""
    known = {
        message.message_id: message.case
        for message in CaseMessage.objects.filter(
            message_id__in=read.thread_ids, case__mailbox=mailbox
        ).select_related("case")
    }
    for message_id in read.thread_ids:
        if message_id in known:
            return known[message_id]
    if match := REFERENCE_IN_SUBJECT.search(read.subject):
        return Case.objects.filter(mailbox=mailbox, reference=match.group(1)).first()
    return None


def _reopen(case: Case) -> None:
    if case.closed_at is not None:
        case.status = case.mailbox.initial_status()
        case.closed_at = None
        case.save(update_fields=["status", "closed_at"])


@transaction.atomic
def record_incoming(
    *, mailbox: FunctionMailbox, read: ReadMessage, tell: bool = True
) -> CaseMessage:
    """The message as part of a case: the thread it answers, or a new case (its handlers are
    told unless not `tell`). A Message-ID already recorded gives back the message recorded
    then (reading again changes nothing)."""
    existing = CaseMessage.objects.filter(message_id=read.message_id).first()
    if existing is not None:
        return existing
    case = _case_for_answer(mailbox=mailbox, read=read)
    if case is None:
        case = Case.objects.create(
            mailbox=mailbox,
            subject=read.subject or _("(no subject)"),
            source=CaseSource.EMAIL,
            requester_name=read.sender_name,
            requester_email=read.sender_address,
            status=mailbox.initial_status(),
        )
        if tell:
            _tell_of_new_case(case)
    else:
        _reopen(case)
    message = CaseMessage.objects.create(
        case=case,
        direction=Direction.INCOMING,
        message_id=read.message_id,
        in_reply_to=read.in_reply_to,
        references=" ".join(read.references),
        sender_name=read.sender_name,
        sender_address=read.sender_address,
        recipients=read.recipients,
        subject=read.subject,
        body=read.body,
        delivery=Delivery.RECEIVED,
        problems="\n".join(read.problems),
    )
    for attachment in read.attachments:
        stored = CaseAttachment(
            message=message,
            filename=attachment.filename,
            content_type=attachment.content_type,
            size=len(attachment.content),
        )
        stored.file.save("attachment", ContentFile(attachment.content), save=False)
        stored.save()
    return message


@transaction.atomic
def quarantine(*, mailbox: FunctionMailbox, raw: bytes, reason: str) -> QuarantinedMessage:
    """Keep a message that could not become a case, whole, with the reason."""
    key = fingerprint(raw)
    existing = QuarantinedMessage.objects.filter(fingerprint=key).first()
    if existing is not None:
        return existing
    kept = QuarantinedMessage(mailbox=mailbox, fingerprint=key, reason=reason)
    kept.raw.save("message.eml", ContentFile(raw), save=False)
    kept.save()
    return kept


def _new_message_id(mailbox: FunctionMailbox) -> str:
    return make_msgid(idstring="navet", domain=mailbox.domain)


@transaction.atomic
def open_case_from_form(
    *, mailbox: FunctionMailbox, user, unit, subject: str, description: str
) -> Case:
    """An employee's request from the intranet: a case whose first message is the request,
    so that the staff's answer and the employee's reply by email join its thread."""
    if not mailbox.open_to_intranet:
        raise PermissionDenied
    if not user.email:
        raise ValidationError(_("Your account has no email address to answer to."))
    name = user.get_full_name() or user.get_username()
    case = Case.objects.create(
        mailbox=mailbox,
        subject=subject,
        source=CaseSource.INTRANET_FORM,
        requester_name=name,
        requester_email=user.email,
        requested_by=user,
        requesting_unit=unit,
        status=mailbox.initial_status(),
    )
    CaseMessage.objects.create(
        case=case,
        direction=Direction.INCOMING,
        message_id=_new_message_id(mailbox),
        sender_name=name,
        sender_address=user.email,
        recipients=mailbox.address,
        subject=subject,
        body=description,
        author=user,
        delivery=Delivery.RECEIVED,
    )
    _tell_of_new_case(case)
    return case


def _tell_of_new_case(case: Case) -> None:
    if case.mailbox.tell_of_new_cases:
        enqueue_after_commit(send_new_case_notice, case.pk)


@transaction.atomic
def take_case(*, case: Case, user) -> Case:
    if not may_take(user, case):
        raise PermissionDenied
    case.assignee = user
    case.save(update_fields=["assignee"])
    return case


@transaction.atomic
def set_status(*, case: Case, status: CaseStatus) -> Case:
    if status.mailbox_id != case.mailbox_id:
        raise ValidationError(_("The status belongs to another mailbox's process."))
    case.status = status
    if status.closes_case:
        case.closed_at = case.closed_at or timezone.now()
    else:
        case.closed_at = None
    case.save(update_fields=["status", "closed_at"])
    return case


def _reply_subject(case: Case) -> str:
    subject = case.subject
    if not subject.lower().startswith(("re:", "sv:")):
        subject = f"Re: {subject}"
    if case.subject_tag not in subject:
        subject = f"{subject} {case.subject_tag}"
    return subject[:300]


@transaction.atomic
def reply(*, case: Case, user, body: str) -> CaseMessage:
    """The staff's answer, threaded under the last message of the case, sent by email to
    the requester after the commit."""
    if not case.requester_email:
        raise ValidationError(_("The case has no email address to answer to."))
    answered = case.messages.order_by("-created_at", "-pk").first()
    chain = answered.reference_chain() if answered else []
    message = CaseMessage.objects.create(
        case=case,
        direction=Direction.OUTGOING,
        message_id=_new_message_id(case.mailbox),
        in_reply_to=answered.message_id if answered else "",
        references=" ".join(chain[-20:]),
        sender_name=case.mailbox.name,
        sender_address=case.mailbox.address,
        recipients=case.requester_email,
        subject=_reply_subject(case),
        body=body,
        author=user,
        delivery=Delivery.PENDING,
    )
    if case.first_answered_at is None:
        case.first_answered_at = message.created_at
        case.save(update_fields=["first_answered_at"])
    enqueue_after_commit(send_case_message, message.pk)
    return message


def remind_overdue(*, now=None) -> list[Case]:
    """Mark each unanswered case past its goal as reminded and send the reminders after the
    commit: every case is reminded of once."""
    cases = overdue_unanswered(now=now)
    with transaction.atomic():
        for case in cases:
            updated = Case.objects.filter(pk=case.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if updated:
                enqueue_after_commit(send_overdue_reminder, case.pk)
    return cases
