from django.utils import timezone

from navet.cases.models import Case, CaseMessage, CaseSource, Delivery, Direction


def new_case(mailbox, *, subject="Fråga om presskonferens", email="reporter@example.org", **fields):
    case = Case.objects.create(
        mailbox=mailbox,
        subject=subject,
        source=CaseSource.EMAIL,
        requester_name="Rita Reporter",
        requester_email=email,
        status=mailbox.initial_status(),
        **fields,
    )
    CaseMessage.objects.create(
        case=case,
        direction=Direction.INCOMING,
        message_id=f"<case-{case.reference}@example.org>",
        sender_name="Rita Reporter",
        sender_address=email,
        subject=subject,
        body="Hej! Kan ni svara på min fråga?",
        created_at=fields.get("opened_at", timezone.now()),
        delivery=Delivery.RECEIVED,
    )
    return case
