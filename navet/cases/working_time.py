"""Working hours in Sweden: weekdays within the office day, except the public holidays that
fall on weekdays and the eves everyone has off (midsommarafton, julafton, nyårsafton). An
answer-time goal counted in working hours does not run out at night, over a weekend or on a
holiday."""

import datetime
from functools import lru_cache

from dateutil.easter import easter
from django.conf import settings
from django.utils import timezone

DAY = datetime.timedelta(days=1)


@lru_cache(maxsize=32)
def days_off(year: int) -> frozenset[datetime.date]:
    """The weekdays of `year` nobody works. (Midsommardagen and alla helgons dag are
    Saturdays, påskdagen and pingstdagen Sundays.)"""
    date = datetime.date
    easter_day = easter(year)
    midsummer_eve = next(
        date(year, 6, day) for day in range(19, 26) if date(year, 6, day).weekday() == 4
    )
    return frozenset(
        {
            date(year, 1, 1),  # nyårsdagen
            date(year, 1, 6),  # trettondedag jul
            easter_day - 2 * DAY,  # långfredagen
            easter_day + DAY,  # annandag påsk
            date(year, 5, 1),  # första maj
            easter_day + 39 * DAY,  # Kristi himmelsfärds dag
            date(year, 6, 6),  # Sveriges nationaldag
            midsummer_eve,
            date(year, 12, 24),  # julafton
            date(year, 12, 25),  # juldagen
            date(year, 12, 26),  # annandag jul
            date(year, 12, 31),  # nyårsafton
        }
    )


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in days_off(day.year)


def office_day() -> tuple[datetime.time, datetime.time]:
    """When the office day starts and ends (NAVET_OFFICE_HOURS, e.g. "08:00-17:00")."""
    start, end = settings.NAVET_OFFICE_HOURS.split("-")
    return datetime.time.fromisoformat(start), datetime.time.fromisoformat(end)


def _office_windows(start: datetime.datetime):
    """The office hours of each working day from `start` on, as (begin, end) moments in
    the municipality's time zone (TIME_ZONE), whichever zone the person looking has chosen
    in the admin."""
    zone = timezone.get_default_timezone()
    opens, closes = office_day()

    def at(day, time):
        return timezone.make_aware(datetime.datetime.combine(day, time), zone)

    moment = timezone.localtime(start, zone)
    day = moment.date()
    while True:
        if is_working_day(day):
            begin, end = max(moment, at(day, opens)), at(day, closes)
            if begin < end:
                yield begin, end
        day += DAY
        moment = at(day, datetime.time.min)


def add_working_hours(start: datetime.datetime, hours: int) -> datetime.datetime:
    """The moment `hours` working hours after `start`."""
    left = datetime.timedelta(hours=hours)
    for begin, end in _office_windows(start):
        if left <= end - begin:
            return begin + left
        left -= end - begin


def working_time_between(start: datetime.datetime, stop: datetime.datetime) -> datetime.timedelta:
    """How much of the time from `start` to `stop` is working time."""
    total = datetime.timedelta()
    for begin, end in _office_windows(start):
        if begin >= stop:
            return total
        total += min(end, stop) - begin
