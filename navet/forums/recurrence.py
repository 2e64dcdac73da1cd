"""Meeting series from RFC 5545 recurrence rules, in local time (Europe/Stockholm): a forum
that meets at 09:00 meets at 09:00 in winter and in summer, whatever the offset from UTC."""

import datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Enough for a monthly forum over several years; a rule never runs away.
MAX_OCCURRENCES = 60


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _rule(rule: str, *, start: datetime.datetime):
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    if not text or any(part in text.upper() for part in ("DTSTART", "\n")):
        raise ValueError(text)
    return rrulestr(text, dtstart=start)


def validate_rrule(value: str) -> None:
    try:
        _rule(value, start=datetime.datetime(2000, 1, 1))
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _("Not a recurrence rule (RFC 5545), e.g. FREQ=MONTHLY;BYDAY=2TU."),
            code="invalid_rrule",
        ) from error


def occurrences(
    *, rule: str, time: datetime.time, start: datetime.date, until: datetime.date
) -> list[datetime.datetime]:
    """The starts of the meetings `rule` gives from `start` to `until` (inclusive), at
    `time` local wall-clock time, as aware datetimes."""
    naive_start = datetime.datetime.combine(start, time)
    naive_until = datetime.datetime.combine(until, datetime.time.max)
    zone = local_zone()
    found = []
    for naive in _rule(rule, start=naive_start):
        if naive > naive_until or len(found) >= MAX_OCCURRENCES:
            break
        found.append(naive.replace(tzinfo=zone))
    return found
