"""W3.7 and W3.3: scheduled publishing passes the same rules as any publish, each revision
on its own. A scheduled revision the rules refuse is not published, is unscheduled, is in
the audit log with the rule ids, and its author and approvers are told; every other due
revision is still published in the same run."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from navet.editorial.services import REFUSED
from navet.web.models import ContentPage, NewsPage

from .helpers import after_commit, draft_news, section_news_index

pytestmark = pytest.mark.django_db


def scheduled_news(index, *, title, ingress, author, minutes_ago):
    page = draft_news(index, title=title, ingress=ingress, owner=author)
    due = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    page.go_live_at = due
    page.save_revision(user=author, approved_go_live_at=due)
    return page


@pytest.fixture
def run_of_three(demo_user):
    """A refused revision first in line (its ingress was emptied), two valid ones behind."""
    author = demo_user("forfattare.social")
    index = section_news_index("Socialförvaltningen")
    refused = scheduled_news(index, title="Utan ingress", ingress="", author=author, minutes_ago=30)
    valid = [
        scheduled_news(
            index,
            title=f"Giltig nyhet {number}",
            ingress="Det viktigaste står först.",
            author=author,
            minutes_ago=20 - number,
        )
        for number in (1, 2)
    ]
    return author, refused, valid


def test_W3_3c_a_refused_scheduled_revision_does_not_stop_the_others(run_of_three, smtp_inbox):
    author, refused, valid = run_of_three
    with after_commit():
        call_command("publish_scheduled")

    for page in valid:
        assert NewsPage.objects.get(pk=page.pk).live, page.title
    refused = NewsPage.objects.get(pk=refused.pk)
    assert not refused.live
    assert not refused.revisions.filter(approved_go_live_at__isnull=False).exists()

    entry = PageLogEntry.objects.get(page=refused, action=REFUSED)
    assert entry.data["rules"] == ["W3.3c"]
    assert author.pk in entry.data["notified"]

    told = {address for message in smtp_inbox.messages for address in message["To"].split(", ")}
    assert {author.email, "huvudredaktor.social@linkoping.se"} <= told
    message = smtp_inbox.to(author.email)[0]
    assert "Utan ingress" in message["Subject"]
    assert "W3.3c" in message.get_content()


def test_W3_3c_the_next_run_does_not_trip_on_the_refused_revision(run_of_three):
    with after_commit():
        call_command("publish_scheduled")
        call_command("publish_scheduled")
    _author, refused, _valid = run_of_three
    assert PageLogEntry.objects.filter(page=refused, action=REFUSED).count() == 1


def test_W3_3c_the_refusal_is_on_the_dashboard_of_author_and_approvers(
    run_of_three, client, demo_user
):
    author, _refused, _valid = run_of_three
    with after_commit():
        call_command("publish_scheduled")
    for username in (author.username, "huvudredaktor.social"):
        client.force_login(demo_user(username))
        dashboard = client.get("/admin/").content.decode()
        assert "Utan ingress" in dashboard, username
        assert "W3.3c" in dashboard, username
    client.force_login(demo_user("huvudredaktor.utbildning"))
    assert "Utan ingress" not in client.get("/admin/").content.decode()


def test_a_revision_that_fails_for_another_reason_is_logged_and_skipped(
    run_of_three, monkeypatch, caplog
):
    """Background work is isolated: one bad item is logged and skipped."""
    page = ContentPage.objects.live().get(title="Ekonomiskt bistånd")
    due = timezone.now() - datetime.timedelta(hours=1)
    page.save_revision(approved_go_live_at=due)

    def broken(self, *args, **kwargs):
        raise RuntimeError("storage unavailable")

    monkeypatch.setattr(ContentPage, "publish", broken)
    with after_commit():
        call_command("publish_scheduled")
    _author, _refused, valid = run_of_three
    assert all(NewsPage.objects.get(pk=news.pk).live for news in valid)
    assert "storage unavailable" in caplog.text
