"""Writes: meetings, agendas, attendance, minutes, calendar tokens and the campaign plan's
prioritisation. Every function checks who may do it (from role assignments, through
`membership`) and refuses with a Swedish message citing the rule; nothing is half-saved."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from navet.language.services import review_page

from . import membership, recurrence
from .models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CalendarToken,
    Campaign,
    ExtraMember,
    Forum,
    Meeting,
    MeetingKind,
    Minutes,
    MinutesAudience,
    NetworkMembership,
    Paper,
    SubstituteConsent,
)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _require_runs(forum: Forum, person) -> None:
    _require(
        membership.runs_meetings(forum, person),
        _("Only the chair or the secretary of %(forum)s may do this.") % {"forum": forum},
    )


@transaction.atomic
def schedule_meeting(
    *, forum: Forum, person, starts_at: datetime.datetime, kind=MeetingKind.MEETING, location=""
) -> Meeting:
    _require_runs(forum, person)
    if timezone.is_naive(starts_at):
        starts_at = starts_at.replace(tzinfo=recurrence.local_zone())
    return Meeting.objects.create(
        forum=forum,
        kind=kind,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=forum.meeting_minutes),
        location=location or forum.location,
    )


@transaction.atomic
def schedule_series(
    *, forum: Forum, person, start: datetime.date, until: datetime.date
) -> list[Meeting]:
    """The forum's meetings from its recurrence rule (K6), skipping those already there."""
    _require_runs(forum, person)
    return create_series(forum=forum, start=start, until=until)


def create_series(*, forum: Forum, start: datetime.date, until: datetime.date) -> list[Meeting]:
    if until < start:
        raise ValidationError(_("The series cannot end before it starts."))
    starts = recurrence.occurrences(
        rule=forum.recurrence, time=forum.meeting_time, start=start, until=until
    )
    existing = set(forum.meetings.values_list("starts_at", flat=True))
    created = []
    length = datetime.timedelta(minutes=forum.meeting_minutes)
    for begins in starts:
        if begins in existing:
            continue
        created.append(
            Meeting.objects.create(
                forum=forum, starts_at=begins, ends_at=begins + length, location=forum.location
            )
        )
    return created


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, person) -> None:
    _require_runs(meeting.forum, person)
    meeting.cancelled = True
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled", "sequence"])


@transaction.atomic
def add_extra_member(*, forum: Forum, person, added, kind, expertise="", user=None):
    """The chair completes the forum with people active in its work or co-opts experts."""
    _require(
        membership.is_chair(forum, person),
        _("Only the chair of %(forum)s adds members.") % {"forum": forum},
    )
    extra, _created = ExtraMember.objects.update_or_create(
        forum=forum,
        person=added,
        defaults={"kind": kind, "expertise": expertise, "added_by": user},
    )
    return extra


@transaction.atomic
def remove_extra_member(*, forum: Forum, person, removed) -> None:
    _require(
        membership.is_chair(forum, person),
        _("Only the chair of %(forum)s removes members.") % {"forum": forum},
    )
    ExtraMember.objects.filter(forum=forum, person=removed).delete()


@transaction.atomic
def join_network(*, forum: Forum, person) -> NetworkMembership:
    """K6: the communication network is voluntary and open to everyone with a communication
    role; they join themselves from the intranet."""
    _require(
        membership.may_join(forum, person),
        _("%(forum)s is open to employees with a communication role (K6).") % {"forum": forum},
    )
    joined, _created = NetworkMembership.objects.get_or_create(forum=forum, person=person)
    return joined


@transaction.atomic
def leave_network(*, forum: Forum, person) -> None:
    NetworkMembership.objects.filter(forum=forum, person=person).delete()


@transaction.atomic
def propose_item(*, meeting: Meeting, person, title: str, description: str = "") -> AgendaItem:
    """Anyone in the forum may propose an item for a coming meeting."""
    _require(
        membership.is_member(meeting.forum, person),
        _("Only the members of %(forum)s propose items.") % {"forum": meeting.forum},
    )
    if meeting.cancelled or meeting.starts_at < timezone.now():
        raise ValidationError(_("Items can only be proposed for a coming meeting."))
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the item a title.")})
    last = meeting.items.order_by("-order").values_list("order", flat=True).first() or 0
    return AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        description=description.strip(),
        proposed_by=person,
        order=last + 1,
    )


@transaction.atomic
def mark_competitive(*, item: AgendaItem, person, unit) -> AgendaItem:
    """W3.7: an item that could give `unit` (e.g. Leanlink) a competitive advantage; its
    head editor then gets neither the papers nor the minutes of the item."""
    _require_runs(item.meeting.forum, person)
    item.competitive_advantage_for = unit
    item.save(update_fields=["competitive_advantage_for"])
    return item


@transaction.atomic
def attach_paper(*, item: AgendaItem, person, title: str, upload) -> Paper:
    """A paper goes in the forum's intranet collection, whose documents require login."""
    forum = item.meeting.forum
    _require(
        membership.runs_meetings(forum, person)
        or (item.proposed_by_id is not None and item.proposed_by_id == person.pk),
        _("Papers are added by the chair, the secretary or whoever proposed the item."),
    )
    if forum.papers_collection is None:
        raise ValidationError(_("The forum has no collection for papers yet."))
    Document = get_document_model()
    document = Document(title=title.strip() or upload.name, collection=forum.papers_collection)
    document.file.save(upload.name, upload, save=False)
    document.file_size = upload.size
    document.save()
    return Paper.objects.create(item=item, document=document)


@transaction.atomic
def agree_substitute(*, meeting: Meeting, person, member, substitute, question: str, user):
    """K6: the chair agrees, for one meeting and a specific question, that a member sends
    a substitute."""
    _require(
        membership.is_chair(meeting.forum, person),
        _("Only the chair agrees to a substitute (K6)."),
    )
    if not question.strip():
        raise ValidationError({"question": _("Say which question the substitute is for.")})
    consent, _created = SubstituteConsent.objects.update_or_create(
        meeting=meeting,
        member=member,
        defaults={"substitute": substitute, "question": question.strip(), "agreed_by": user},
    )
    return consent


@transaction.atomic
def record_attendance(*, meeting: Meeting, person, member, status, substitute=None):
    """Attendance, kept by the chair or the secretary. K6: at a forum without substitutes,
    a substitute attends only if the chair agreed to that one for this meeting."""
    forum = meeting.forum
    _require_runs(forum, person)
    if status == AttendanceStatus.SUBSTITUTED:
        if substitute is None:
            raise ValidationError({"substitute": _("Give the substitute.")})
        if (
            forum.substitutes_need_consent
            and not SubstituteConsent.objects.filter(
                meeting=meeting, member=member, substitute=substitute
            ).exists()
        ):
            raise ValidationError(
                _(
                    "Members of %(forum)s send no substitute unless the chair agreed to it "
                    "for this meeting (K6)."
                )
                % {"forum": forum}
            )
    else:
        substitute = None
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting, person=member, defaults={"status": status, "substitute": substitute}
    )
    return attendance


@transaction.atomic
def write_minutes(*, meeting: Meeting, person, summary: str, item_minutes: dict) -> Minutes:
    _require_runs(meeting.forum, person)
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    if minutes.published_at is not None:
        raise ValidationError(_("The minutes are published and can no longer be changed."))
    minutes.summary = summary.strip()
    minutes.save(update_fields=["summary"])
    for item in meeting.items.all():
        if item.pk in item_minutes:
            item.minutes = item_minutes[item.pk].strip()
            item.save(update_fields=["minutes"])
    return minutes


def language_findings(minutes: Minutes):
    """The plain-language review of the minutes (W3.3e), as for pages."""
    return review_page(minutes)


@transaction.atomic
def publish_minutes(*, minutes: Minutes, person, audience: str, user) -> Minutes:
    """Publish to the forum's members or to all staff, as the chair chooses. Minutes with
    errors in the language review are refused, as pages are."""
    _require(
        membership.is_chair(minutes.meeting.forum, person),
        _("Only the chair publishes the minutes."),
    )
    if audience not in MinutesAudience.values:
        raise ValidationError({"audience": _("Choose who the minutes are published to.")})
    if not (minutes.summary or minutes.items_text):
        raise ValidationError(_("The minutes are empty."))
    errors = language_findings(minutes).errors
    if errors:
        raise ValidationError(
            [
                _("The language review found errors (W3.3e): %(error)s") % {"error": e.message}
                for e in errors
            ]
        )
    minutes.audience = audience
    minutes.published_at = timezone.now()
    minutes.published_by = user
    minutes.save(update_fields=["audience", "published_at", "published_by"])
    return minutes


@transaction.atomic
def issue_calendar_token(*, user) -> CalendarToken:
    """A private address for calendar subscriptions; an earlier one stops working."""
    CalendarToken.objects.filter(user=user).delete()
    return CalendarToken.objects.create(user=user, token=CalendarToken.new_token())


@transaction.atomic
def revoke_calendar_token(*, user) -> None:
    CalendarToken.objects.filter(user=user).delete()


@transaction.atomic
def prioritise_campaign(
    *, campaign: Campaign, person, meeting: Meeting, priority: int, note: str = ""
) -> Campaign:
    """K6.1: the leadership forum prioritises the joint efforts; its chair records it for
    the meeting where it was decided."""
    _require(
        membership.runs_meetings(meeting.forum, person),
        _("The prioritisation is recorded by the chair or secretary of the forum that made it."),
    )
    if priority < 1:
        raise ValidationError({"priority": _("The priority is 1 or more.")})
    campaign.priority = priority
    campaign.prioritised_at = meeting
    campaign.prioritisation_note = note.strip()
    campaign.save(update_fields=["priority", "prioritised_at", "prioritisation_note"])
    return campaign
