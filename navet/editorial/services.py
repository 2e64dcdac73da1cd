"""Publishing under the rules: the guard every publish passes, what happens to a scheduled
revision the rules refuse, review dates and their reminders."""

import calendar
import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.log_actions import log
from wagtail.models import Page

from navet.tasks import enqueue_after_commit

from . import rules
from .checks import Problem, publishing_problems
from .models import EditorialSettings, ReviewReminder
from .selectors import (
    approvers_for,
    head_editors_for,
    is_intranet_page,
    overdue_entries,
    overdue_pages,
)
from .tasks import notify_scheduled_refusal

logger = logging.getLogger(__name__)
REMINDER_INTERVAL = datetime.timedelta(days=7)
SCHEDULED = "wagtail.publish.scheduled"
REFUSED = "navet.publish.refused"


class PublishingRefused(ValidationError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([str(problem) for problem in problems])


def check_editorial_rules(page, *, parent=None, publishing=True) -> list[Problem]:
    """The web guidelines' own publishing rules: a sender (W3.3d); for news an ingress
    (W3.3c) and the intranet first (W3.3b). Registered as a publishing check."""
    problems = rules.sender_problems(page, parent=parent)
    if hasattr(page, "ingress"):
        max_length = EditorialSettings.load().ingress_max_length
        problems += rules.ingress_problems(page, max_length=max_length)
        is_intranet = is_intranet_page(page, parent=parent)
        problems += rules.internal_first_problems(page, is_intranet=is_intranet)
    return problems


def refuse_approval_if_rules_broken(*, task_state, page, user) -> bool:
    """An approval that would publish a page breaking the rules becomes a request for
    changes, with the reasons as the comment the author receives."""
    revision = page.get_latest_revision()
    problems = publishing_problems(revision.as_object() if revision else page)
    if not problems:
        return False
    comment = _("Cannot be published yet:") + " " + " ".join(str(p) for p in problems)
    task_state.reject(user=user, comment=comment)
    return True


def review_due_date(*, page, published_on: datetime.date) -> datetime.date:
    """W3.3d: review by a date some months after publishing; the nearest section may set
    its own interval."""
    months = EditorialSettings.load().review_interval_months
    # A page's section may set its own interval; an entry of a directory has no section.
    ancestors = page.get_ancestors().reverse().specific() if isinstance(page, Page) else []
    for ancestor in ancestors:
        interval = getattr(ancestor, "review_interval_months", None)
        if interval:
            months = interval
            break
    return add_months(published_on, months)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _due_scheduled_revision(page):
    return (
        page.revisions.filter(approved_go_live_at__lte=timezone.now())
        .order_by("-approved_go_live_at")
        .first()
    )


def _date_review_in_revision(*, obj, revision) -> None:
    """W3.3d: the review date is part of what is published, so the editor shows it too."""
    today = timezone.localdate()
    if obj.review_by is not None and obj.review_by > today:
        return
    obj.review_by = review_due_date(page=obj, published_on=today)
    revision.content["review_by"] = obj.review_by.isoformat()
    revision.save(update_fields=["content"])


@transaction.atomic
def publish_guarded(*, page, revision, user, publish, **kwargs):
    """Every publish of a Navet page passes here (see `BasePage.publish`): the checks
    first, then one publish; what follows from it (the public version of news, purges,
    emails) runs after the commit. A page the rules refuse is never half-published."""
    obj = revision.as_object()
    scheduled_run = kwargs.get("log_action") == SCHEDULED
    problems = publishing_problems(obj)
    internal_first = [p for p in problems if p.rule == "W3.3b" and p.field != "also_public"]
    if internal_first and scheduled_run:
        # If the intranet version is due too, it goes first (W3.3b); if it is not, the
        # public version waits for the next run.
        original_revision = _due_scheduled_revision(obj.internal_original)
        if original_revision is None:
            logger.warning(
                "Not publishing %s yet: its intranet version is not live (W3.3b).", obj.pk
            )
            return None
        original_revision.publish(log_action=SCHEDULED)
        problems = publishing_problems(obj)
    if problems and scheduled_run:
        refuse_scheduled(page=page, obj=obj, revision=revision, problems=problems)
        return None
    if problems:
        raise PublishingRefused(problems)
    _date_review_in_revision(obj=obj, revision=revision)
    # Wagtail's page_published signal carries the revision, not who published it; what
    # follows the publish (the public version of news) is done in that person's name.
    revision.published_by = user
    return publish(revision, user=user, **kwargs)


def refuse_scheduled(*, page, obj, revision, problems) -> None:
    """A scheduled revision the rules refuse is not published: it is unscheduled, the
    refusal is in the audit log with the rule ids, and its author and the approvers are
    told by email and on their dashboard. Other due revisions are not held up."""
    revision.approved_go_live_at = None
    revision.save(update_fields=["approved_go_live_at"])
    recipients = {user.pk for user in approvers_for(page=obj)}
    if revision.user_id:
        recipients.add(revision.user_id)
    log(
        instance=getattr(page, "specific", page),
        action=REFUSED,
        revision=revision,
        data={
            "rules": sorted({problem.rule for problem in problems}),
            "reasons": [str(problem) for problem in problems],
            "notified": sorted(recipients),
        },
    )
    logger.warning("Scheduled publishing of %s refused: %s", page.pk, "; ".join(map(str, problems)))
    enqueue_after_commit(
        notify_scheduled_refusal,
        page_id=page.pk,
        reasons=[str(problem) for problem in problems],
        user_ids=sorted(recipients),
    )


def _last_publisher(obj):
    """Who answers for the content besides the head editor: a page's owner, or whoever
    published the entry's live version."""
    if isinstance(obj, Page):
        return obj.owner
    revision = getattr(obj, "live_revision", None)
    return revision.user if revision is not None else None


def send_review_reminders(*, today=None) -> int:
    """W3.3d: email each overdue page's or entry's owner and its unit's head editor when it
    falls due, and again every week until it is reviewed (published anew). Returns emails
    sent."""
    today = today or timezone.localdate()
    finder = AdminURLFinder()
    by_recipient: dict = {}
    reminded = []
    for obj in [*overdue_pages(today=today).specific(), *overdue_entries(today=today)]:
        last = (
            ReviewReminder.objects.filter(**ReviewReminder.key_for(obj), review_by=obj.review_by)
            .order_by("-sent_at")
            .first()
        )
        if last and timezone.now() - last.sent_at < REMINDER_INTERVAL:
            continue
        recipients = {user for user in head_editors_for(page=obj) if user.email}
        owner = _last_publisher(obj)
        if owner and owner.is_active and owner.email:
            recipients.add(owner)
        item = {"title": obj.title, "review_by": obj.review_by, "url": finder.get_edit_url(obj)}
        for recipient in recipients:
            by_recipient.setdefault(recipient, []).append(item)
        reminded.append((obj, recipients))

    sent = 0
    with get_connection() as connection:
        for recipient, items in by_recipient.items():
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "recipient": recipient,
                    "items": items,
                    "base_url": settings.WAGTAILADMIN_BASE_URL,
                }
                subject = render_to_string("editorial/review_reminder_subject.txt", context)
                body = render_to_string("editorial/review_reminder.txt", context)
            send_mail(
                subject.strip(),
                body,
                settings.DEFAULT_FROM_EMAIL,
                [recipient.email],
                connection=connection,
            )
            sent += 1
    for obj, recipients in reminded:
        ReviewReminder.objects.create(
            **ReviewReminder.key_for(obj),
            review_by=obj.review_by,
            recipients=", ".join(sorted(user.email for user in recipients)),
        )
    return sent
