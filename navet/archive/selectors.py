"""Reads of the archive (W3.7)."""

import datetime

from django.db.models import Q
from django.utils import timezone

from navet.organisation.roles import Role

from .models import Capture, CaptureStatus
from .permissions import CULLERS, units_for


def captures_for(user):
    """The captures `user` may list: all for those who supervise archiving, else those of
    their own units."""
    captures = Capture.objects.all()
    units = units_for(user, roles=(*CULLERS, Role.EDITOR, Role.COMMUNICATIONS_LEAD))
    if units is None:
        return captures
    return captures.filter(unit__in=units)


def capture_years() -> list[int]:
    return sorted(
        {day.year for day in Capture.objects.captured().dates("published_at", "year")},
        reverse=True,
    )


def site_on(*, site: str, day: datetime.date) -> list[Capture]:
    """For every page of `site`, the version that was live at the end of `day`."""
    end = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    candidates = (
        Capture.objects.captured()
        .filter(site=site, published_at__lte=end)
        .filter(Q(superseded_at__isnull=True) | Q(superseded_at__gt=end))
        .order_by("content_type_id", "object_id", "-published_at")
    )
    latest = {}
    for record in candidates:
        latest.setdefault((record.content_type_id, record.object_id), record)
    return sorted(latest.values(), key=lambda record: record.url)


def due_for_culling(*, user, today=None) -> list[Capture]:
    """The versions that a decision allows to be culled by now, and `user` may cull."""
    from .permissions import user_can_cull

    today = today or timezone.localdate()
    candidates = (
        Capture.objects.filter(
            decision__isnull=False, decision__keep_forever=False, superseded_at__isnull=False
        )
        .select_related("decision", "unit", "page")
        .order_by("superseded_at")
    )
    return [
        record
        for record in candidates
        if record.cull_due_on() and record.cull_due_on() <= today and user_can_cull(user, record)
    ]


def without_decision_count(*, user) -> int:
    """Replaced versions no decision covers: kept, as nothing allows culling them."""
    return (
        captures_for(user)
        .filter(decision__isnull=True, superseded_at__isnull=False)
        .exclude(status=CaptureStatus.PENDING)
        .count()
    )
