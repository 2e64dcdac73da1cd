"""The joint campaign plan (K6.1): what runs when, on which channels, for which audiences,
and where two efforts meet the same audience or use the same channel at the same time."""

import calendar
import csv
import datetime
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import Campaign, CampaignStatus


@dataclass
class Overlap:
    other: Campaign
    audiences: list = field(default_factory=list)
    channels: list = field(default_factory=list)


def planned():
    """Every campaign not cancelled, with what the plan shows of it."""
    return (
        Campaign.objects.exclude(status=CampaignStatus.CANCELLED)
        .select_related("owner", "prioritised_at__forum")
        .prefetch_related("audiences", "channels")
    )


def in_period(campaigns, *, start: datetime.date, end: datetime.date) -> list[Campaign]:
    return [c for c in campaigns if c.starts_on <= end and c.ends_on >= start]


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return (
        datetime.date(year, month, 1),
        datetime.date(year, month, calendar.monthrange(year, month)[1]),
    )


def overlaps(campaigns: list[Campaign]) -> dict[int, list[Overlap]]:
    """For each campaign, the others running at the same time for one of its audiences or
    on one of its channels."""
    found: dict[int, list[Overlap]] = {c.pk: [] for c in campaigns}
    for index, first in enumerate(campaigns):
        for second in campaigns[index + 1 :]:
            if first.starts_on > second.ends_on or second.starts_on > first.ends_on:
                continue
            audiences = sorted(set(first.audiences.all()) & set(second.audiences.all()), key=str)
            channels = sorted(set(first.channels.all()) & set(second.channels.all()), key=str)
            if audiences or channels:
                found[first.pk].append(Overlap(second, audiences, channels))
                found[second.pk].append(Overlap(first, audiences, channels))
    return found


def by_channel(campaigns: list[Campaign]) -> list[tuple]:
    """(channel, its campaigns) for every channel some campaign uses, by name."""
    channels: dict = {}
    for campaign in campaigns:
        for channel in campaign.channels.all():
            channels.setdefault(channel, []).append(campaign)
    return sorted(channels.items(), key=lambda pair: pair[0].name.lower())


CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = str(value)
    # A spreadsheet must not run a cell as a formula.
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text


def as_csv(campaigns: list[Campaign]) -> str:
    found = overlaps(campaigns)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("Campaign"),
            _("Owner administration"),
            _("From"),
            _("To"),
            _("Status"),
            _("Audiences"),
            _("Channels"),
            _("Priority"),
            _("Overlaps with"),
        ]
    )
    for campaign in campaigns:
        writer.writerow(
            _cell(value)
            for value in (
                campaign.name,
                campaign.owner.name,
                campaign.starts_on.isoformat(),
                campaign.ends_on.isoformat(),
                campaign.get_status_display(),
                ", ".join(str(a) for a in campaign.audiences.all()),
                ", ".join(str(c) for c in campaign.channels.all()),
                campaign.priority or "",
                ", ".join(o.other.name for o in found[campaign.pk]),
            )
        )
    return out.getvalue()
