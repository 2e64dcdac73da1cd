"""K6: meetings as series from RFC 5545 rules in Europe/Stockholm, agendas anyone in the
forum may add to, minutes through the language review (W3.3e) published to the members or
all staff, and private, revocable iCalendar feeds — on the intranet only (W3.2)."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from navet.forums import recurrence, services
from navet.forums.models import CalendarToken, Forum, Meeting, MinutesAudience
from navet.language.models import RuleSeverity

from .helpers import LEADERSHIP, WEB_COUNCIL, forum, person

pytestmark = pytest.mark.django_db
INTRANET = "intranet.localhost"
PUBLIC = "localhost"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def coming_meeting(slug) -> Meeting:
    return forum(slug).meetings.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()


def test_k6_series_keeps_local_time_across_daylight_saving_changes():
    """Summer time starts 2026-03-29 and ends 2026-10-25 in Sweden: the web council still
    meets at 13:00 local time, one or two hours after UTC noon."""
    starts = recurrence.occurrences(
        rule="FREQ=MONTHLY;BYDAY=3WE",
        time=datetime.time(13),
        start=datetime.date(2026, 1, 1),
        until=datetime.date(2026, 12, 31),
    )
    assert len(starts) == 12
    local = [s.astimezone(STOCKHOLM) for s in starts]
    assert all((t.hour, t.minute) == (13, 0) for t in local)
    utc_hours = {s.month: s.astimezone(datetime.UTC).hour for s in starts}
    assert utc_hours[3] == 12  # 18 March: winter time, UTC+1
    assert utc_hours[4] == 11  # 15 April: summer time, UTC+2
    assert utc_hours[10] == 11  # 21 October: still summer time
    assert utc_hours[11] == 12  # 18 November: winter time again


def test_k6_schedule_series_stores_the_meetings_and_skips_existing(client, demo_user):
    council = forum(WEB_COUNCIL)
    chair = person("chef.planerad")
    created = services.schedule_series(
        forum=council,
        person=chair,
        start=datetime.date(2031, 1, 1),
        until=datetime.date(2031, 12, 31),
    )
    # FREQ=MONTHLY;BYDAY=3WE without July: eleven meetings.
    assert len(created) == 11
    march, april = (m for m in created if m.starts_at.month in (3, 4))
    assert march.starts_at.astimezone(STOCKHOLM).hour == 13
    assert april.starts_at.astimezone(STOCKHOLM).hour == 13
    again = services.schedule_series(
        forum=council,
        person=chair,
        start=datetime.date(2031, 1, 1),
        until=datetime.date(2031, 12, 31),
    )
    assert again == []
    with pytest.raises(PermissionDenied):
        services.schedule_series(
            forum=council,
            person=person("huvudredaktor.social"),
            start=datetime.date(2032, 1, 1),
            until=datetime.date(2032, 2, 1),
        )


def test_k6_a_broken_recurrence_rule_is_refused_in_swedish():
    council = forum(WEB_COUNCIL)
    council.recurrence = "VARJE MÅNAD"
    with pytest.raises(ValidationError) as refused:
        council.full_clean()
    assert "upprepningsregel" in str(refused.value)


def test_k6_the_chair_schedules_the_next_meeting_from_the_intranet(client, demo_user):
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(demo_user("chef.planerad"))
    response = client.post(
        f"/forum/{WEB_COUNCIL}/mote/",
        {
            "meeting-date": "2031-06-10",
            "meeting-time": "14:30",
            "meeting-kind": "meeting",
            "meeting-location": "Rum 3",
        },
    )
    assert response.status_code == 302
    meeting = forum(WEB_COUNCIL).meetings.get(location="Rum 3")
    assert meeting.starts_at.astimezone(STOCKHOLM).hour == 14
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(minutes=120)

    client.force_login(demo_user("huvudredaktor.utbildning"))
    client.post(
        f"/forum/{WEB_COUNCIL}/mote/",
        {
            "meeting-date": "2031-06-11",
            "meeting-time": "14:30",
            "meeting-kind": "meeting",
            "meeting-location": "Rum 4",
        },
    )
    assert not forum(WEB_COUNCIL).meetings.filter(location="Rum 4").exists()


def test_k6_any_member_proposes_an_item_others_may_not(client, demo_user):
    meeting = coming_meeting(WEB_COUNCIL)
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(demo_user("huvudredaktor.utbildning"))
    client.post(
        f"/forum/{WEB_COUNCIL}/moten/{meeting.pk}/punkt/",
        {"title": "Nya bilder på skolsidorna", "description": "Förslag."},
    )
    item = meeting.items.get(title="Nya bilder på skolsidorna")
    assert item.proposed_by == person("huvudredaktor.utbildning")

    client.force_login(demo_user("medarbetare"))
    response = client.post(
        f"/forum/{WEB_COUNCIL}/moten/{meeting.pk}/punkt/", {"title": "Obehörig punkt"}
    )
    assert response.status_code == 302
    assert not meeting.items.filter(title="Obehörig punkt").exists()


def test_k6_the_forums_are_on_the_intranet_only(client, demo_user):
    council = forum(WEB_COUNCIL)
    assert get_on(client, PUBLIC, f"/forum/{council.slug}/").status_code == 404
    anonymous = get_on(client, INTRANET, f"/forum/{council.slug}/")
    assert anonymous.status_code == 302 and "/logga-in/" in anonymous["Location"]
    client.force_login(demo_user("medarbetare"))
    assert get_on(client, PUBLIC, f"/forum/{council.slug}/").status_code == 404
    assert get_on(client, INTRANET, f"/forum/{council.slug}/").status_code == 200


def get_on(client, host, path):
    return client.get(path, HTTP_HOST=host)


def test_w3_3e_minutes_go_through_the_language_review_and_reach_their_readers(client, demo_user):
    meeting = coming_meeting(WEB_COUNCIL)
    chair = person("chef.planerad")
    shouting = "VIKTIGT " * 12
    services.write_minutes(meeting=meeting, person=chair, summary=shouting, item_minutes={})
    RuleSeverity.objects.create(rule="W3.3e.capitals", severity="error")
    with pytest.raises(ValidationError, match=r"W3\.3e"):
        services.publish_minutes(
            minutes=meeting.minutes,
            person=chair,
            audience=MinutesAudience.MEMBERS,
            user=chair.user,
        )
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.published_at is None

    services.write_minutes(
        meeting=meeting,
        person=chair,
        summary="Rådet gick igenom startsidan och beslutade om nya nyhetsbilder.",
        item_minutes={},
    )
    with pytest.raises(PermissionDenied):
        services.publish_minutes(
            minutes=meeting.minutes,
            person=person("infomaster"),
            audience=MinutesAudience.MEMBERS,
            user=person("infomaster").user,
        )
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(chair.user)
    client.post(f"/forum/{WEB_COUNCIL}/moten/{meeting.pk}/publicera/", {"audience": "members"})
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.published_at is not None
    path = f"/forum/{WEB_COUNCIL}/moten/{meeting.pk}/"

    client.force_login(demo_user("huvudredaktor.kultur"))
    assert "nya nyhetsbilder" in client.get(path).content.decode()
    client.force_login(demo_user("medarbetare"))
    assert client.get(path).status_code == 403

    # Published to all staff instead: every employee reads them.
    meeting.minutes.audience = MinutesAudience.ALL_STAFF
    meeting.minutes.save()
    assert "nya nyhetsbilder" in client.get(path).content.decode()
    # Published minutes are no longer changed.
    with pytest.raises(ValidationError):
        services.write_minutes(meeting=meeting, person=chair, summary="Ändrat", item_minutes={})


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_k6_calendar_feeds_per_forum_and_person_with_a_revocable_private_token(client, demo_user):
    user = demo_user("huvudredaktor.utbildning")
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(user)
    client.post("/forum/kalenderadress/")
    token = CalendarToken.objects.get(user=user).token
    client.logout()

    # A calendar program has no session: the token alone opens the feed.
    mine = parse(client.get(f"/forum/kalender/{token}/mina-moten.ics"))
    summaries = {str(event["SUMMARY"]) for event in mine.walk("VEVENT")}
    assert any(s.startswith("Webbrådet") for s in summaries)
    assert not any(s.startswith("Ledningsforum") for s in summaries)
    assert mine.walk("VTIMEZONE")[0]["TZID"] == "Europe/Stockholm"

    council = parse(client.get(f"/forum/kalender/{token}/{WEB_COUNCIL}.ics"))
    events = council.walk("VEVENT")
    assert len(events) == forum(WEB_COUNCIL).meetings.count()
    first = events[0]
    assert first.decoded("DTSTART").tzinfo is not None
    assert first.decoded("DTSTART").astimezone(STOCKHOLM).hour == 13
    assert str(first["UID"]).endswith("@navet")

    # Never on the public site, never without a valid token.
    assert (
        client.get(f"/forum/kalender/{token}/mina-moten.ics", HTTP_HOST=PUBLIC).status_code == 404
    )
    assert client.get("/forum/kalender/fel-token/mina-moten.ics").status_code == 404

    # Revoked: the old address stops working; a new one works.
    client.force_login(user)
    client.post("/forum/kalenderadress/", {"revoke": "1"})
    client.logout()
    assert client.get(f"/forum/kalender/{token}/mina-moten.ics").status_code == 404
    assert not CalendarToken.objects.filter(user=user).exists()


def test_k6_a_new_calendar_address_replaces_the_old_one(demo_user):
    user = demo_user("infomaster")
    first = services.issue_calendar_token(user=user).token
    second = services.issue_calendar_token(user=user).token
    assert first != second
    assert list(CalendarToken.objects.filter(user=user).values_list("token", flat=True)) == [second]


def test_k6_the_demo_has_five_forums_with_a_year_of_meetings():
    assert Forum.objects.count() == 5
    for each in Forum.objects.all():
        assert each.meetings.exists(), each
    leadership = forum(LEADERSHIP)
    assert leadership.substitutes_need_consent
    assert leadership.meetings.filter(kind="planning_day").count() == 2
    assert forum(WEB_COUNCIL).meetings.count() >= 11


def test_k6_a_cancelled_meeting_is_cancelled_in_the_calendars_too(client, demo_user):
    meeting = coming_meeting(WEB_COUNCIL)
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(demo_user("huvudredaktor.social"))
    client.post(f"/forum/{WEB_COUNCIL}/moten/{meeting.pk}/stall-in/")
    meeting.refresh_from_db()
    assert not meeting.cancelled

    client.force_login(demo_user("infomaster"))
    client.post(f"/forum/{WEB_COUNCIL}/moten/{meeting.pk}/stall-in/")
    meeting.refresh_from_db()
    assert meeting.cancelled
    token = services.issue_calendar_token(user=demo_user("infomaster")).token
    client.logout()
    calendar = parse(client.get(f"/forum/kalender/{token}/{WEB_COUNCIL}.ics"))
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == meeting.uid)
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
