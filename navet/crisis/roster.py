"""The weekly roster of on-call communicators (KiB, K2, K4): who may be on call comes from
the role assignments, the handover day and time from the crisis settings. Weeks nobody
holds are gaps, shown to the head of the crisis unit; each handover is announced by email
beforehand; the roster is published as iCalendar feeds on the intranet."""

import datetime

import icalendar
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from navet.organisation.models import Person, RoleAssignment
from navet.organisation.roles import Role
from navet.tasks import enqueue_after_commit

from .models import CrisisSettings, OnCallShift, OnCallSwap
from .roles import leads_crisis_communication
from .tasks import send_handover_reminder

WEEKS_AHEAD = 12


def week_start(day: datetime.date, settings=None) -> datetime.date:
    """The handover day of the on-call week `day` begins (or falls) in."""
    settings = settings or CrisisSettings.load()
    return day - datetime.timedelta(days=(day.weekday() - settings.handover_weekday) % 7)


def eligible_people(*, on: datetime.date):
    """Who may be on call: an active on-call communicator assignment that day."""
    holders = RoleAssignment.objects.active(on=on).filter(role=Role.ON_CALL_COMMUNICATOR)
    return Person.objects.filter(pk__in=holders.values("person_id")).order_by(
        "last_name", "first_name"
    )


def _require_lead(user) -> None:
    if not leads_crisis_communication(user):
        raise PermissionDenied(
            _("Only the crisis unit and the infomaster keep the on-call roster (K2).")
        )


@transaction.atomic
def assign_week(*, user, starts_on: datetime.date, person) -> OnCallShift:
    _require_lead(user)
    settings = CrisisSettings.load()
    if week_start(starts_on, settings) != starts_on:
        raise ValidationError(_("An on-call week starts on the handover day."))
    if not eligible_people(on=starts_on).filter(pk=person.pk).exists():
        raise ValidationError(
            _("%(person)s is not an on-call communicator that week (K2).") % {"person": person}
        )
    shift, _created = OnCallShift.objects.update_or_create(
        starts_on=starts_on, defaults={"person": person, "reminded_at": None}
    )
    return shift


@transaction.atomic
def swap_weeks(*, user, first: OnCallShift, second: OnCallShift) -> OnCallSwap:
    """Two people exchange their weeks; the swap is recorded."""
    _require_lead(user)
    first, second = (
        OnCallShift.objects.select_for_update().get(pk=first.pk),
        OnCallShift.objects.select_for_update().get(pk=second.pk),
    )
    if first.pk == second.pk or first.person_id == second.person_id:
        raise ValidationError(_("A swap needs two weeks held by two different people."))
    for shift, person in ((first, second.person), (second, first.person)):
        if not eligible_people(on=shift.starts_on).filter(pk=person.pk).exists():
            raise ValidationError(
                _("%(person)s is not an on-call communicator that week (K2).") % {"person": person}
            )
    swap = OnCallSwap.objects.create(
        first=first,
        second=second,
        first_person_before=first.person,
        second_person_before=second.person,
        recorded_by=user,
    )
    first.person, second.person = second.person, first.person
    first.reminded_at = second.reminded_at = None
    first.save(update_fields=["person", "reminded_at"])
    second.save(update_fields=["person", "reminded_at"])
    return swap


def on_call_now(*, at=None) -> OnCallShift | None:
    at = at or timezone.now()
    settings = CrisisSettings.load()
    for shift in OnCallShift.objects.filter(
        starts_on__lte=timezone.localtime(at).date(),
        starts_on__gte=timezone.localtime(at).date() - datetime.timedelta(days=7),
    ).select_related("person"):
        start, end = shift.period(settings)
        if start <= at < end:
            return shift
    return None


def weeks(*, first: datetime.date | None = None, count: int = WEEKS_AHEAD) -> list[tuple]:
    """(handover day, shift or None) for `count` weeks from the current one: None is a gap."""
    settings = CrisisSettings.load()
    first = week_start(first or timezone.localdate(), settings)
    days = [first + datetime.timedelta(weeks=number) for number in range(count)]
    shifts = {
        shift.starts_on: shift
        for shift in OnCallShift.objects.filter(starts_on__in=days).select_related("person")
    }
    return [(day, shifts.get(day)) for day in days]


def gaps(**kwargs) -> list[datetime.date]:
    return [day for day, shift in weeks(**kwargs) if shift is None]


def sees_gaps(user) -> bool:
    """The head of the crisis unit (its manager) and those who keep the roster."""
    if leads_crisis_communication(user):
        return True
    crisis_unit = CrisisSettings.load().crisis_unit
    return crisis_unit is not None and (
        RoleAssignment.objects.active()
        .filter(person__user=user, role=Role.MANAGER, unit=crisis_unit)
        .exists()
    )


def calendar(shifts, *, name: str) -> bytes:
    """An iCalendar (RFC 5545) feed of on-call weeks."""
    settings = CrisisSettings.load()
    feed = icalendar.Calendar()
    feed.add("prodid", "-//Navet//Kommunikatör i beredskap//SV")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", name)
    stamp = timezone.now()
    for shift in shifts:
        start, end = shift.period(settings)
        event = icalendar.Event()
        event.add("uid", f"navet-kib-{shift.starts_on:%Y%m%d}-{shift.person_id}@navet")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add(
            "summary",
            _("On-call communicator: %(person)s") % {"person": shift.person.full_name},
        )
        if shift.person.phone:
            event.add("description", _("Phone: %(phone)s") % {"phone": shift.person.phone})
        feed.add_component(event)
    return feed.to_ical()


def due_reminders(*, at=None):
    """Weeks whose handover comes within the reminder time and that are not announced."""
    at = at or timezone.now()
    settings = CrisisSettings.load()
    window = at + datetime.timedelta(hours=settings.reminder_hours)
    due = []
    for shift in OnCallShift.objects.filter(
        reminded_at__isnull=True,
        starts_on__gte=timezone.localtime(at).date(),
        starts_on__lte=timezone.localtime(window).date(),
    ):
        start, _end = shift.period(settings)
        if at <= start <= window:
            due.append(shift)
    return due


def queue_handover_reminders(*, at=None) -> int:
    """Queue one email per due handover (run every hour by cron)."""
    due = due_reminders(at=at)
    for shift in due:
        enqueue_after_commit(send_handover_reminder, shift_id=shift.pk)
    return len(due)


def send_reminder(*, shift_id: int) -> bool:
    """Tell the incoming and the outgoing on-call communicator about the handover."""
    with transaction.atomic(), translation.override(django_settings.LANGUAGE_CODE):
        shift = (
            OnCallShift.objects.select_for_update()
            .select_related("person")
            .filter(pk=shift_id, reminded_at__isnull=True)
            .first()
        )
        if shift is None:
            return False
        start, _end = shift.period()
        previous = (
            OnCallShift.objects.filter(starts_on=shift.starts_on - datetime.timedelta(days=7))
            .select_related("person")
            .first()
        )
        recipients = [shift.person.email]
        if previous is not None and previous.person_id != shift.person_id:
            recipients.append(previous.person.email)
        recipients = [address for address in recipients if address]
        when = timezone.localtime(start).strftime("%Y-%m-%d %H:%M")
        send_mail(
            _("Handover of the on-call communicator %(when)s") % {"when": when},
            _(
                "%(person)s is on-call communicator (KiB) from %(when)s for one week. "
                "The one handing over passes on what is going on."
            )
            % {"person": shift.person.full_name, "when": when},
            None,
            recipients,
        )
        shift.reminded_at = timezone.now()
        shift.save(update_fields=["reminded_at"])
    return True
