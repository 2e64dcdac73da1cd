"""What readers and crisis leaders see of the crisis events."""

from django.db.models import Q

from navet.web.banner import INTRANET

from .models import CrisisEvent, CrisisUpdate, EventStatus

SHOWN = (EventStatus.ACTIVE, EventStatus.ENDED)


def live_updates(*, event, audience: str):
    """W3.3b: the intranet shows every update live there; the public website only those
    published publicly (never one for staff only)."""
    updates = CrisisUpdate.objects.filter(event=event).select_related("sender")
    if audience == INTRANET:
        return updates.live_on_intranet()
    return updates.live_publicly()


def events_for(*, audience: str):
    """Started events readers of `audience` can read about: active ones first, newest first."""
    field = "intranet_published_at" if audience == INTRANET else "public_published_at"
    return (
        CrisisEvent.objects.filter(status__in=SHOWN)
        .filter(Q(**{f"updates__{field}__isnull": False}))
        .distinct()
        .order_by("status", "-started_at", "-pk")
    )


def banner_items(*, audience: str) -> list[tuple]:
    """(event, its latest update) for every active event with an update live for
    `audience`, most recently started first."""
    items = []
    for event in CrisisEvent.objects.active().order_by("-started_at", "-pk"):
        latest = live_updates(event=event, audience=audience).first()
        if latest is not None:
            items.append((event, latest))
    return items


def events_awaiting_action():
    return CrisisEvent.objects.filter(
        status__in=(EventStatus.SUGGESTED, EventStatus.AWAITING_CONFIRMATION)
    )
