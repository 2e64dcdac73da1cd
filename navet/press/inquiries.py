"""Media inquiries (K2): who is told about one, who may see and handle which, and the monthly
summary per administration and topic."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import InquiryStatus, MediaInquiry
from .selectors import communications_leads_for


def people_to_notify(*, inquiry: MediaInquiry, created: bool) -> list[int]:
    """A new inquiry: its spokesperson, if one is assigned, and the administration's
    communications lead. A new spokesperson later: that person and the lead again."""
    reassigned = inquiry.spokesperson_id and (
        inquiry.spokesperson_id != inquiry.notified_spokesperson_id
    )
    if not (created or reassigned):
        return []
    people = [person.pk for person in communications_leads_for(unit=inquiry.administration)]
    if inquiry.spokesperson_id and inquiry.spokesperson_id not in people:
        people.append(inquiry.spokesperson_id)
    return people


# --- The monthly summary ----------------------------------------------------------------------


@dataclass
class SummaryRow:
    administration: str
    topic: str
    received: int = 0
    answered: int = 0
    answered_by_deadline: int = 0
    declined: int = 0
    open: int = 0


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    first = month.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(first, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(following, datetime.time.min, tzinfo=zone),
    )


def parse_month(value: str | None) -> datetime.date:
    """ "2026-03" as its first day; anything else is the current month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return timezone.localdate().replace(day=1)


def monthly_summary(*, month: datetime.date, inquiries) -> list[SummaryRow]:
    """The inquiries received in `month`, counted per administration and topic."""
    start, end = month_bounds(month)
    rows: dict[tuple, SummaryRow] = {}
    received = inquiries.filter(received_at__gte=start, received_at__lt=end).select_related(
        "administration", "topic"
    )
    for inquiry in received:
        topic = inquiry.topic.name if inquiry.topic else _("No topic")
        key = (inquiry.administration.name, topic)
        row = rows.setdefault(key, SummaryRow(administration=key[0], topic=key[1]))
        row.received += 1
        if inquiry.status == InquiryStatus.ANSWERED:
            row.answered += 1
            if inquiry.deadline is None or (
                inquiry.answered_at and inquiry.answered_at <= inquiry.deadline
            ):
                row.answered_by_deadline += 1
        elif inquiry.status == InquiryStatus.DECLINED:
            row.declined += 1
        else:
            row.open += 1
    return [rows[key] for key in sorted(rows)]


CSV_COLUMNS = (
    ("administration", gettext_lazy("Administration")),
    ("topic", gettext_lazy("Topic")),
    ("received", gettext_lazy("Received")),
    ("answered", gettext_lazy("Answered")),
    ("answered_by_deadline", gettext_lazy("Answered by the deadline")),
    ("declined", gettext_lazy("Declined")),
    ("open", gettext_lazy("Open")),
)


def summary_csv(rows: list[SummaryRow]) -> str:
    """The summary as CSV for a spreadsheet: a header row, then a row per administration
    and topic. Text that a spreadsheet would run as a formula is quoted with '."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(label) for _name, label in CSV_COLUMNS])
    for row in rows:
        writer.writerow([_safe_cell(getattr(row, name)) for name, _label in CSV_COLUMNS])
    return out.getvalue()


def _safe_cell(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
