"""Reading cases (K4): the queue a person sees, the cases past their answer-time goal, who
is reminded of them, and the statistics per mailbox."""

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from navet.organisation.models import RoleAssignment
from navet.organisation.roles import model_permissions_for

from .models import Case, FunctionMailbox
from .permissions import CASE_VIEW, handling_unit_ids


def _policy() -> ModelPermissionPolicy:
    return policy_registry.get_by_type(Case)


def visible_cases(user):
    """The cases of the mailboxes `user` handles (see `permissions`)."""
    return _policy().instances_user_has_any_permission_for(user, ["view"])


def visible_mailboxes(user):
    if not _policy().user_has_permission(user, "view"):
        return FunctionMailbox.objects.none()
    handled = handling_unit_ids(user)
    mailboxes = FunctionMailbox.objects.all()
    return mailboxes if handled is None else mailboxes.filter(handling_unit__in=handled)


def queue(*, user, mailbox=None, include_closed=False):
    cases = visible_cases(user).select_related("mailbox", "status", "assignee")
    if mailbox is not None:
        cases = cases.filter(mailbox=mailbox)
    if not include_closed:
        cases = cases.filter(closed_at__isnull=True)
    return cases.order_by("opened_at", "pk")


def overdue_unanswered(*, now=None) -> list[Case]:
    """Open cases with no answer yet, past their mailbox's goal, not yet reminded of."""
    now = now or timezone.now()
    waiting = Case.objects.filter(
        closed_at__isnull=True, first_answered_at__isnull=True, reminded_at__isnull=True
    ).select_related("mailbox", "assignee")
    return [case for case in waiting if now > case.answer_due]


def who_handles(case: Case) -> list:
    """The person who took the case; for a case nobody has taken, everyone who may take it
    (their role held in the handling unit or above it)."""
    User = get_user_model()
    if case.assignee is not None and case.assignee.is_active and case.assignee.email:
        return [case.assignee]
    # Only roles that handle cases: a mailbox naming another role tells nobody through it.
    roles = [
        role
        for role in case.mailbox.taking_roles.values_list("role", flat=True)
        if CASE_VIEW in model_permissions_for(role)
    ]
    above = [unit.pk for unit in case.mailbox.handling_unit.ancestors()]
    holders = RoleAssignment.objects.active().filter(role__in=roles, unit__in=above)
    return list(
        User.objects.filter(is_active=True, person__role_assignments__in=holders)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


@dataclass
class MailboxStatistics:
    mailbox: FunctionMailbox
    total: int
    open: int
    answered: int
    median_answer: timedelta | None
    average_answer: timedelta | None
    over_goal: int

    @staticmethod
    def hours(duration: timedelta | None) -> float | None:
        return None if duration is None else round(duration.total_seconds() / 3600, 1)

    @property
    def median_hours(self):
        return self.hours(self.median_answer)

    @property
    def average_hours(self):
        return self.hours(self.average_answer)


def mailbox_statistics(*, mailboxes, since=None, now=None) -> list[MailboxStatistics]:
    """Per mailbox: cases opened (since `since`), still open, answered, the median and
    average time to the first answer (counted as the mailbox's goal counts), and how many
    went past the goal (answered late or still waiting past it)."""
    now = now or timezone.now()
    rows = []
    for mailbox in mailboxes:
        cases = mailbox.cases.all()
        if since is not None:
            cases = cases.filter(opened_at__gte=since)
        cases = list(cases.only("opened_at", "first_answered_at", "closed_at", "mailbox_id"))
        for case in cases:
            case.mailbox = mailbox
        answer_times = [
            mailbox.answer_time(case.opened_at, case.first_answered_at)
            for case in cases
            if case.first_answered_at is not None
        ]
        rows.append(
            MailboxStatistics(
                mailbox=mailbox,
                total=len(cases),
                open=sum(1 for case in cases if case.is_open),
                answered=len(answer_times),
                median_answer=statistics.median(answer_times) if answer_times else None,
                average_answer=(
                    sum(answer_times, timedelta()) / len(answer_times) if answer_times else None
                ),
                over_goal=sum(1 for case in cases if case.is_over_goal(now=now)),
            )
        )
    return rows
