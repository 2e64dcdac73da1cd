"""iCalendar (RFC 5545) for the forums' meetings and the campaign plan. Times carry the
Europe/Stockholm zone with its VTIMEZONE, so a calendar program shows 09:00 in summer and
in winter alike."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from . import recurrence

PRODID = "-//Navet//Forum och nätverk//SV"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(recurrence.local_zone()))
    return cal


def meetings_calendar(*, name: str, meetings, url_for=None) -> bytes:
    cal = _calendar(name)
    zone = recurrence.local_zone()
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", meeting.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", meeting.sequence)
        event.add("summary", f"{meeting.forum.name}: {meeting.get_kind_display()}")
        event.add("dtstart", meeting.starts_at.astimezone(zone))
        event.add("dtend", meeting.ends_at.astimezone(zone))
        if meeting.location:
            event.add("location", meeting.location)
        event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
        if url_for is not None:
            event.add("url", url_for(meeting))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def campaigns_calendar(*, name: str, campaigns) -> bytes:
    cal = _calendar(name)
    stamp = timezone.now()
    for campaign in campaigns:
        event = Event()
        event.add("uid", campaign.uid)
        event.add("dtstamp", stamp)
        event.add("summary", f"{campaign.name} ({campaign.owner.short_name or campaign.owner})")
        event.add("dtstart", campaign.starts_on)
        # All-day events end the day after (RFC 5545: DTEND is exclusive).
        event.add("dtend", campaign.ends_on + datetime.timedelta(days=1))
        details = [
            ", ".join(str(c) for c in campaign.channels.all()),
            ", ".join(str(a) for a in campaign.audiences.all()),
        ]
        event.add("description", "\n".join(d for d in details if d))
        event.add("categories", [str(c) for c in campaign.channels.all()] or ["-"])
        cal.add_component(event)
    return cal.to_ical()
