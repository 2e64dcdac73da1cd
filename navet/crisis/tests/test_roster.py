"""The on-call communicator's roster (KiB, K2 and K4): weekly, from role assignments, with
the handover day and time from the settings, swaps recorded, on call now with phone on the
intranet only (W3.2), iCalendar feeds, a reminder email before each handover and gaps
shown to the head of Nyheter och media."""

import datetime

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from navet.crisis import roster
from navet.crisis.models import CrisisSettings, OnCallShift, OnCallSwap, Weekday
from navet.organisation.models import Person, RoleAssignment, Unit
from navet.organisation.roles import Role

from .helpers import after_commit

pytestmark = pytest.mark.django_db


def person(username):
    return Person.objects.get(user__username=username)


def this_week():
    return roster.week_start(timezone.localdate())


def test_k2_the_demo_roster_covers_the_coming_weeks_but_one():
    weeks = roster.weeks(count=7)
    assert [shift is None for _day, shift in weeks].count(True) == 1
    assert {shift.person.user.username for _day, shift in weeks if shift} == {
        "kib",
        "pressekreterare",
    }


def test_k2_only_on_call_communicators_from_role_assignments_can_hold_a_week(demo_user):
    kib = demo_user("kib")
    day = this_week() + datetime.timedelta(weeks=20)
    assert roster.assign_week(user=kib, starts_on=day, person=person("kib")).person == person("kib")
    with pytest.raises(ValidationError, match="K2"):
        roster.assign_week(user=kib, starts_on=day, person=person("chef.planerad"))
    with pytest.raises(PermissionDenied):
        roster.assign_week(
            user=demo_user("huvudredaktor.social"), starts_on=day, person=person("kib")
        )
    with pytest.raises(ValidationError):
        roster.assign_week(
            user=kib, starts_on=day + datetime.timedelta(days=1), person=person("kib")
        )


def test_the_handover_day_and_time_are_settings():
    settings = CrisisSettings.load()
    settings.handover_weekday = Weekday.WEDNESDAY
    settings.handover_time = datetime.time(12, 30)
    settings.save()
    wednesday = roster.week_start(datetime.date(2026, 3, 2))
    assert wednesday == datetime.date(2026, 2, 25) and wednesday.weekday() == 2
    shift = OnCallShift(starts_on=wednesday, person=person("kib"))
    start, end = shift.period()
    assert timezone.localtime(start).time() == datetime.time(12, 30)
    assert end - start == datetime.timedelta(days=7)


def test_a_swap_between_two_people_is_recorded(demo_user):
    first, second = [shift for _day, shift in roster.weeks(count=2)]
    before = (first.person, second.person)
    swap = roster.swap_weeks(user=demo_user("infomaster"), first=first, second=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.person, second.person) == (before[1], before[0])
    assert (swap.first_person_before, swap.second_person_before) == before
    assert OnCallSwap.objects.get().recorded_by == demo_user("infomaster")
    with pytest.raises(ValidationError):
        roster.swap_weeks(user=demo_user("infomaster"), first=first, second=first)


def test_w3_2_on_call_now_with_phone_only_on_the_intranet(
    demo_user, intranet_client, public_client
):
    now = roster.on_call_now()
    now.person.phone = "070-123 45 67"
    now.person.save()
    assert public_client.get("/kris/jour/").status_code == 404
    assert intranet_client.get("/kris/jour/").status_code == 302
    intranet_client.force_login(demo_user("redaktor.social"))
    page = intranet_client.get("/kris/jour/").content.decode()
    assert now.person.full_name in page and "070-123 45 67" in page
    # Only the head of the unit and the roster keepers see the gap named.
    assert "Lucka" not in page
    intranet_client.force_login(demo_user("kib"))
    assert "Lucka: ingen har beredskap" in intranet_client.get("/kris/jour/").content.decode()


def test_the_gap_is_shown_to_the_head_of_nyheter_och_media(demo_user, intranet_client):
    head = demo_user("redaktor.social")
    assert not roster.sees_gaps(head)
    RoleAssignment.objects.create(
        person=head.person, role=Role.MANAGER, unit=Unit.objects.get(name="Nyheter och media")
    )
    assert roster.sees_gaps(head)
    intranet_client.force_login(head)
    page = intranet_client.get("/kris/jour/").content.decode()
    assert "Lucka: ingen har beredskap" in page


def test_icalendar_feeds_for_the_roster_and_each_person(demo_user, intranet_client, public_client):
    assert public_client.get("/kris/jour.ics").status_code == 404
    intranet_client.force_login(demo_user("medarbetare"))
    response = intranet_client.get("/kris/jour.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == OnCallShift.objects.count()
    kib = person("kib")
    mine = intranet_client.get(f"/kris/jour/{kib.pk}.ics")
    events = icalendar.Calendar.from_ical(mine.content).walk("VEVENT")
    assert len(events) == OnCallShift.objects.filter(person=kib).count()
    assert all(kib.full_name in str(event["SUMMARY"]) for event in events)
    first = events[0]
    assert first.decoded("DTEND") - first.decoded("DTSTART") == datetime.timedelta(days=7)


def test_a_reminder_email_before_each_handover(smtp_inbox, settings):
    next_week = roster.weeks(count=2)[1][1]
    start, _end = next_week.period()
    next_week.person.email = "inkommande@linkoping.se"
    next_week.person.save()
    moment = start - datetime.timedelta(hours=2)
    with after_commit():
        assert roster.queue_handover_reminders(at=moment) == 1
    assert [message["Subject"].strip() for message in smtp_inbox.to("inkommande@linkoping.se")] == [
        f"Överlämning av kommunikatör i beredskap {timezone.localtime(start):%Y-%m-%d %H:%M}"
    ]
    # Once only.
    with after_commit():
        assert roster.queue_handover_reminders(at=moment) == 0
    call_command("send_on_call_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(smtp_inbox.to("inkommande@linkoping.se")) == 1


def test_the_roster_page_in_the_admin(client, demo_user):
    client.force_login(demo_user("kib"))
    day = this_week() + datetime.timedelta(weeks=5)
    assert roster.weeks(count=6)[5][1] is None
    response = client.post(
        "/admin/kris/jour/", {"starts_on": day.isoformat(), "person": person("kib").pk}
    )
    assert response.status_code == 302
    assert OnCallShift.objects.get(starts_on=day).person == person("kib")
    response = client.post(
        "/admin/kris/jour/",
        {"starts_on": day.isoformat(), "person": person("chef.planerad").pk},
        follow=True,
    )
    assert OnCallShift.objects.get(starts_on=day).person == person("kib")
    assert response.status_code == 200
