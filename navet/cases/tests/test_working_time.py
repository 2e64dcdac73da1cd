"""K4: a mailbox's answer-time goal counts working hours unless it is answered around the
clock: weekdays 08–17 in Swedish time, not over weekends, public holidays or the eves
everyone has off."""

import datetime

import pytest
from django.utils import timezone

from navet.cases.models import Case
from navet.cases.selectors import mailbox_statistics
from navet.cases.tasks import send_new_case_notice
from navet.cases.tests.helpers import new_case
from navet.cases.working_time import add_working_hours, days_off, working_time_between


def at(year, month, day, hour, minute=0):
    """A moment in Linköping's time."""
    return timezone.make_aware(
        datetime.datetime(year, month, day, hour, minute), timezone.get_default_timezone()
    )


@pytest.mark.parametrize(
    ("opened", "hours", "due"),
    [
        # Within one office day.
        (at(2027, 3, 3, 9), 4, at(2027, 3, 3, 13)),
        # Before the office opens: the clock starts at 08.
        (at(2027, 3, 3, 6, 30), 1, at(2027, 3, 3, 9)),
        # Friday afternoon: one hour on Friday, seven on Monday.
        (at(2027, 3, 5, 16), 8, at(2027, 3, 8, 15)),
        # Saturday night: from Monday morning.
        (at(2027, 3, 6, 23), 2, at(2027, 3, 8, 10)),
        # Skärtorsdag: Good Friday and Easter Monday off (Easter 2027 is 28 March).
        (at(2027, 3, 25, 16), 2, at(2027, 3, 30, 9)),
        # Midsommarafton is Friday 25 June 2027.
        (at(2027, 6, 24, 16, 30), 1, at(2027, 6, 28, 8, 30)),
        # Julafton 2027 is a Friday, juldagen and annandag jul a weekend: Monday works.
        (at(2027, 12, 23, 17), 9, at(2027, 12, 27, 17)),
        # Julafton 2025 on a Wednesday: Thursday and Friday off too, then Monday.
        (at(2025, 12, 23, 16), 2, at(2025, 12, 29, 9)),
        # Over the change back to winter time (Sunday 27 October 2024): still 08 local.
        (at(2024, 10, 25, 16), 2, at(2024, 10, 28, 9)),
        # A goal of several days.
        (at(2027, 3, 1, 8), 45, at(2027, 3, 5, 17)),
    ],
)
def test_k4_a_goal_in_working_hours_waits_out_nights_weekends_and_holidays(opened, hours, due):
    assert add_working_hours(opened, hours) == due


def test_k4_the_days_off_are_swedens():
    assert days_off(2026) == {
        datetime.date(2026, 1, 1),
        datetime.date(2026, 1, 6),
        datetime.date(2026, 4, 3),  # långfredagen
        datetime.date(2026, 4, 6),  # annandag påsk
        datetime.date(2026, 5, 1),
        datetime.date(2026, 5, 14),  # Kristi himmelsfärds dag
        datetime.date(2026, 6, 6),
        datetime.date(2026, 6, 19),  # midsommarafton
        datetime.date(2026, 12, 24),
        datetime.date(2026, 12, 25),
        datetime.date(2026, 12, 26),
        datetime.date(2026, 12, 31),
    }


@pytest.mark.django_db
def test_k4_a_mailbox_answered_around_the_clock_counts_every_hour(make_mailbox):
    friday_evening = at(2027, 3, 5, 20)
    office = new_case(
        make_mailbox(goal_hours=4, goal_in_working_hours=True), opened_at=friday_evening
    )
    around_the_clock = new_case(make_mailbox(goal_hours=4), opened_at=friday_evening)
    assert office.answer_due == at(2027, 3, 8, 12)
    assert around_the_clock.answer_due == at(2027, 3, 6, 0)
    # Saturday morning: only the one answered around the clock is past its goal.
    saturday = at(2027, 3, 6, 9)
    assert around_the_clock.is_over_goal(now=saturday)
    assert not office.is_over_goal(now=saturday)
    assert office.mailbox.goal_description == "4 arbetstimmar"
    assert around_the_clock.mailbox.goal_description == "4 timmar"


def test_k4_working_hours_are_the_municipalitys_whatever_zone_the_reader_chose():
    with timezone.override("America/New_York"):
        # 09:00 in Linköping; 4 hours later, in Linköping's office day.
        assert add_working_hours(at(2027, 3, 3, 9), 4) == at(2027, 3, 3, 13)


@pytest.mark.django_db
def test_k4_the_office_day_is_a_setting(settings):
    settings.NAVET_OFFICE_HOURS = "07:00-16:00"
    assert add_working_hours(at(2027, 3, 3, 6), 10) == at(2027, 3, 4, 8)


@pytest.mark.django_db
def test_k4_employees_and_handlers_are_told_the_goal_as_it_counts(
    make_mailbox, intranet_client, demo_user, smtp_inbox
):
    office = make_mailbox(
        name="Grafisk produktion (test)", goal_hours=4, goal_in_working_hours=True
    )
    make_mailbox(name="Kris (test)", goal_hours=1)
    intranet_client.force_login(demo_user("medarbetare"))
    form = intranet_client.get("/arenden/").content.decode()
    assert "Vi svarar inom 4 arbetstimmar." in form
    assert "Vi svarar inom 1 timme." in form

    case = new_case(office, opened_at=at(2027, 3, 5, 16))
    send_new_case_notice.call(case.pk)
    [notice] = [m for m in smtp_inbox.messages if case.reference in m["Subject"]]
    assert "inom 4 arbetstimmar: senast 2027-03-08 11:00." in notice.get_content()


@pytest.mark.parametrize(
    ("start", "stop", "hours"),
    [
        (at(2027, 3, 3, 9), at(2027, 3, 3, 13), 4),
        # Friday 16:00 to Monday 10:00: one hour and two.
        (at(2027, 3, 5, 16), at(2027, 3, 8, 10), 3),
        # Over Easter, at night, or backwards: no working time.
        (at(2027, 3, 26, 9), at(2027, 3, 29, 17), 0),
        (at(2027, 3, 3, 18), at(2027, 3, 4, 7), 0),
        (at(2027, 3, 3, 13), at(2027, 3, 3, 9), 0),
    ],
)
def test_k4_working_time_between_two_moments(start, stop, hours):
    assert working_time_between(start, stop) == datetime.timedelta(hours=hours)


@pytest.mark.django_db
def test_k4_statistics_count_answer_times_as_the_goal_does(make_mailbox):
    office = make_mailbox(goal_hours=4, goal_in_working_hours=True)
    case = new_case(office, opened_at=at(2027, 3, 5, 16))
    Case.objects.filter(pk=case.pk).update(first_answered_at=at(2027, 3, 8, 10))
    [row] = mailbox_statistics(mailboxes=[office], now=at(2027, 3, 9, 12))
    # Three working hours, not 66 clock hours: within the goal.
    assert row.median_hours == 3.0 and row.over_goal == 0
