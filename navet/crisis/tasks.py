"""Background work of crisis communication, after the commit on the task queue."""

from navet.tasks import navet_task

# Behind the purges that make a crisis change visible (priority 50), which must not wait
# for pages being rendered here.
FALLBACK_PRIORITY = 10


@navet_task(retries=3, backoff_seconds=5, priority=FALLBACK_PRIORITY)
def write_fallback_pages() -> list[str]:
    """The copies nginx serves when Navet does not answer (see `fallback`)."""
    from .fallback import write_fallback_pages as write

    return write()


@navet_task(retries=5, backoff_seconds=60)
def send_handover_reminder(*, shift_id: int) -> bool:
    """The email before a handover of the on-call communicator (see `roster`)."""
    from .roster import send_reminder

    return send_reminder(shift_id=shift_id)
