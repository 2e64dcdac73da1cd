"""The archive's background work: capturing what was published, after the commit."""

import logging

from navet.tasks import navet_task

from .models import Capture, CaptureStatus

logger = logging.getLogger(__name__)


@navet_task(retries=3, backoff_seconds=60)
def capture_published_version(capture_id: int) -> str:
    """Capture one published version. A capture no longer waiting (already made, or removed
    because what it recorded was rolled back) is left alone."""
    from .services import capture_now

    record = Capture.objects.filter(pk=capture_id).first()
    if record is None or record.status == CaptureStatus.CAPTURED:
        return "nothing to do"
    capture_now(record=record)
    return "captured"


@navet_task(retries=3, backoff_seconds=300)
def send_compliance_report(person_id: int) -> str:
    from navet.organisation.models import Person

    from .notifications import send_compliance_report as send

    person = Person.objects.filter(pk=person_id).select_related("user").first()
    if person is None:
        return "gone"
    return "sent" if send(person=person) else "nothing to send"
