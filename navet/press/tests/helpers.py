import datetime

from django.utils import timezone

from navet.editorial.tests.helpers import after_commit
from navet.press.models import PressTopic, Subscriber
from navet.press.pages import PressReleasePage, PressRoomPage

EMBARGOED = "Linköping får nytt badhus"


def press_room() -> PressRoomPage:
    return PressRoomPage.objects.get(slug="press")


def topic(slug: str) -> PressTopic:
    return PressTopic.objects.get(slug=slug)


def draft_release(*, title, ingress="Det viktigaste står först.", topics=(), owner=None, **fields):
    page = PressReleasePage(title=title, ingress=ingress, owner=owner, live=False, **fields)
    page.topics.set([topic(slug) for slug in topics])
    press_room().add_child(instance=page)
    page.save_revision(user=owner)
    return page


def publish(page, *, user=None):
    with after_commit():
        page.get_latest_revision().publish(user=user)
    page.refresh_from_db()
    return page


def schedule(page, *, at, user=None):
    """An embargo: the release goes live by Wagtail's scheduled publishing at `at`."""
    page.go_live_at = at
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def make_due(page, *, at=None):
    """Move a scheduled revision's time into the past, as if the clock had run on."""
    at = at or timezone.now() - datetime.timedelta(minutes=1)
    revision = page.revisions.get(approved_go_live_at__isnull=False)
    revision.approved_go_live_at = at
    revision.content["go_live_at"] = at.isoformat()
    revision.save()


def subscriber(email, *, all_releases=False, topics=(), confirmed=True):
    person = Subscriber.objects.create(
        email=email, all_releases=all_releases, confirmed_at=timezone.now() if confirmed else None
    )
    person.topics.set([topic(slug) for slug in topics])
    return person
