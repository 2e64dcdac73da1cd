"""Publishing under the rules: the guard every publish passes, the public version of news
for both audiences, review dates and their reminders."""

import calendar
import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import rules
from .models import EditorialSettings, ReviewReminder
from .selectors import head_editors_for, is_intranet_page, overdue_pages

logger = logging.getLogger(__name__)
REMINDER_INTERVAL = datetime.timedelta(days=7)


class PublishingRefused(ValidationError):
    def __init__(self, problems):
        self.problems = problems
        super().__init__([str(problem) for problem in problems])


def publishing_problems(page, *, parent=None, language=True) -> list[rules.Problem]:
    """Why the page may not go live. `language=False` leaves out the language review's
    errors: a submission may carry them, the workflow's Språkgranskning holds it until fixed."""
    editorial = EditorialSettings.load()
    problems = rules.publishing_problems(
        page,
        parent=parent,
        is_intranet=is_intranet_page(page, parent=parent),
        ingress_max_length=editorial.ingress_max_length,
    )
    if language:
        from navet.language.services import review_page

        problems += [
            rules.Problem(finding.rule, None, finding.message)
            for finding in review_page(page).errors
        ]
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
    for ancestor in page.get_ancestors().reverse().specific():
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


@transaction.atomic
def publish_guarded(*, page, revision, user, publish, **kwargs):
    """Every publish of a Navet page passes here (see `BasePage.publish`)."""
    obj = revision.as_object()
    problems = publishing_problems(obj)
    internal_first = [p for p in problems if p.rule == "W3.3b" and p.field != "also_public"]
    if internal_first and revision.approved_go_live_at:
        # Scheduled run: if the intranet version is due too, it goes first (W3.3b).
        original_revision = _due_scheduled_revision(obj.internal_original)
        if original_revision is not None:
            original_revision.publish(log_action="wagtail.publish.scheduled")
            problems = publishing_problems(obj)
        elif revision.approved_go_live_at <= timezone.now():
            logger.warning(
                "Not publishing %s: its intranet version is not live yet (W3.3b).", obj.pk
            )
            return None
    if problems:
        raise PublishingRefused(problems)

    result = publish(revision, user=user, **kwargs)

    page.refresh_from_db()
    if page.live and (page.review_by is None or page.review_by <= timezone.localdate()):
        type(page).objects.filter(pk=page.pk).update(
            review_by=review_due_date(page=page, published_on=timezone.localdate())
        )
    if page.live and getattr(page, "also_public", False) and is_intranet_page(page):
        sync_public_version(original=page, user=user)
    return result


def _public_news_index(*, original):
    from navet.web.models import NewsIndexPage, StartPage

    unit = rules.resolve_owning_unit(original)
    for candidate in unit.ancestors() if unit else []:
        if candidate.public_section_id:
            index = NewsIndexPage.objects.descendant_of(candidate.public_section).live().first()
            if index:
                return index
            break
    public_start = StartPage.main("public")
    return NewsIndexPage.objects.child_of(public_start).first() if public_start else None


def _free_slug(*, parent, slug):
    candidate, number = slug, 2
    while parent.get_children().filter(slug=candidate).exists():
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


MIRRORED_FIELDS = ("title", "ingress", "body", "date", "priority", "image", "contact")


def _mirror(*, original, public):
    for field in MIRRORED_FIELDS:
        setattr(public, field, getattr(original, field))
    # An image kept in the intranet's collections would need login on the public site.
    if public.image_id and public.image.collection.get_view_restrictions().exists():
        public.image = None


def sync_public_version(*, original, user=None):
    """W3.3b: the public version of news for both audiences follows the intranet version
    and is published right after it."""
    from navet.web.models import NewsPage

    original = original.specific
    public = NewsPage.objects.filter(internal_original=original).first()
    if public is None:
        index = _public_news_index(original=original)
        if index is None:
            logger.warning("No public news index for %s; public version not created.", original)
            return None
        public = NewsPage(
            slug=_free_slug(parent=index, slug=original.slug or slugify(original.title)),
            internal_original=original,
            owning_unit=rules.resolve_owning_unit(original),
            live=False,
        )
        _mirror(original=original, public=public)
        index.add_child(instance=public)
    else:
        public = public.get_latest_revision_as_object()
        _mirror(original=original, public=public)
    public.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    return public


def send_review_reminders(*, today=None) -> int:
    """W3.3d: email each overdue page's owner and its unit's head editor when the page falls
    due, and again every week until it is reviewed (published anew). Returns emails sent."""
    today = today or timezone.localdate()
    by_recipient: dict = {}
    reminded = []
    for page in overdue_pages(today=today).specific():
        last = (
            ReviewReminder.objects.filter(page=page, review_by=page.review_by)
            .order_by("-sent_at")
            .first()
        )
        if last and timezone.now() - last.sent_at < REMINDER_INTERVAL:
            continue
        recipients = {user for user in head_editors_for(page=page) if user.email}
        if page.owner and page.owner.is_active and page.owner.email:
            recipients.add(page.owner)
        for recipient in recipients:
            by_recipient.setdefault(recipient, []).append(page)
        reminded.append((page, recipients))

    sent = 0
    with get_connection() as connection:
        for recipient, pages in by_recipient.items():
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "recipient": recipient,
                    "pages": pages,
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
    for page, recipients in reminded:
        ReviewReminder.objects.create(
            page=page,
            review_by=page.review_by,
            recipients=", ".join(sorted(user.email for user in recipients)),
        )
    return sent
