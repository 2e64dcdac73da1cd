"""K4: when a case's answer-time goal passes without an answer, who handles it is reminded
(once, by email, on the task queue); the statistics per mailbox show the cases, the open
ones, the answer times and how many went past the goal."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from navet.cases.models import Case
from navet.cases.selectors import mailbox_statistics
from navet.editorial.tests.helpers import after_commit

from .helpers import new_case

pytestmark = pytest.mark.django_db


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def test_k4_the_takers_are_reminded_once_when_the_goal_passes(make_mailbox, smtp_inbox, demo_user):
    mailbox = make_mailbox(goal_hours=4)
    late = new_case(mailbox, subject="Sen fråga", opened_at=hours_ago(5))
    new_case(mailbox, subject="Färsk fråga", opened_at=hours_ago(1))
    answered = new_case(mailbox, subject="Besvarad", opened_at=hours_ago(6))
    Case.objects.filter(pk=answered.pk).update(first_answered_at=hours_ago(5))

    with after_commit():
        call_command("remind_overdue_cases")
    ours = [m for m in smtp_inbox.messages if late.reference in m["Subject"]]
    # Communicators take cases in this mailbox: Maria in Nyheter och media (Johan's role is
    # in Planerad kommunikation, another unit).
    [reminder] = ours
    assert reminder["X-Envelope-To"] == demo_user("pressekreterare").email
    assert "4 timmar" in reminder.get_content()
    assert not any(
        reference in message["Subject"]
        for message in smtp_inbox.messages
        for reference in Case.objects.filter(mailbox=mailbox)
        .exclude(pk=late.pk)
        .values_list("reference", flat=True)
    )
    sent = len(smtp_inbox.messages)

    with after_commit():
        call_command("remind_overdue_cases")
    assert len(smtp_inbox.messages) == sent


def test_k4_a_taken_case_reminds_the_one_who_took_it(make_mailbox, smtp_inbox, demo_user):
    mailbox = make_mailbox(goal_hours=1)
    kib = demo_user("kib")
    case = new_case(mailbox, opened_at=hours_ago(2), assignee=kib)
    with after_commit():
        call_command("remind_overdue_cases")
    assert [
        message["X-Envelope-To"]
        for message in smtp_inbox.messages
        if case.reference in message["Subject"]
    ] == [kib.email]


def test_k4_statistics_per_mailbox(make_mailbox, client, demo_user):
    mailbox = make_mailbox(goal_hours=4)
    for opened, answered in ((10, 8), (10, 4), (9, None), (1, None)):
        case = new_case(mailbox, opened_at=hours_ago(opened))
        if answered is not None:
            Case.objects.filter(pk=case.pk).update(first_answered_at=hours_ago(answered))
    closed = new_case(mailbox, opened_at=hours_ago(3))
    Case.objects.filter(pk=closed.pk).update(first_answered_at=hours_ago(2), closed_at=hours_ago(1))
    [row] = mailbox_statistics(mailboxes=[mailbox])
    assert (row.total, row.open, row.answered) == (5, 4, 3)
    # Answer times 2, 6 and 1 hours: median 2, average 3; over the 4-hour goal: the one
    # answered after 6 hours and the one waiting for 9.
    assert row.median_hours == 2.0 and row.average_hours == 3.0
    assert row.over_goal == 2

    client.force_login(demo_user("pressekreterare"))
    page = client.get(reverse("navet_case_statistics"))
    assert page.status_code == 200
    assert mailbox.name in page.text
    client.force_login(demo_user("webmaster"))
    assert mailbox.name not in client.get(reverse("navet_case_statistics")).text


def test_k4_the_queue_flags_cases_past_the_goal(make_mailbox, client, demo_user):
    mailbox = make_mailbox(goal_hours=2)
    new_case(mailbox, opened_at=hours_ago(3))
    client.force_login(demo_user("pressekreterare"))
    page = client.get(reverse("navet_cases"), {"brevlada": mailbox.pk})
    assert "Över målet" in page.text
