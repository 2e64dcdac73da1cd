"""W3.3b: news for both internal and external readers is on both sites, and the public
version never goes live – directly or by schedule – before the intranet version."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from navet.web.models import NewsPage

from .helpers import after_commit, create_news, draft_news, section_news_index

pytestmark = pytest.mark.django_db


def publish_for_both(author, *, title="Gäller alla", **fields):
    index = section_news_index("Utbildningsförvaltningen", site="intranet")
    page = draft_news(index, title=title, also_public=True, owner=author, **fields)
    with after_commit():
        page.get_latest_revision().publish(user=author)
    page.refresh_from_db()
    return page


def unpublished_pair(author):
    """An intranet news item for both audiences and its public version, both taken down."""
    original = publish_for_both(author)
    public = NewsPage.objects.get(internal_original=original)
    original.unpublish()
    public.unpublish()
    return original, public


def make_due(page, *, at):
    """Move a scheduled revision's time into the past, as if the clock had run on."""
    revision = page.revisions.get(approved_go_live_at__isnull=False)
    revision.approved_go_live_at = at
    revision.content["go_live_at"] = at.isoformat()
    revision.save()


def test_W3_3b_publishing_on_the_intranet_publishes_the_public_version_after_it(demo_user):
    original = publish_for_both(demo_user("huvudredaktor.utbildning"))
    public = NewsPage.objects.get(internal_original=original)
    assert original.live and public.live
    assert public.get_parent().pk == section_news_index("Utbildningsförvaltningen").pk
    assert original.last_published_at <= public.last_published_at
    assert public.ingress == original.ingress
    assert not public.get_view_restrictions().exists()


def test_W3_3b_republishing_the_intranet_version_updates_the_public_one(demo_user):
    editor = demo_user("huvudredaktor.utbildning")
    original = publish_for_both(editor)
    revision = original.get_latest_revision_as_object()
    revision.title = "Gäller alla – uppdaterad"
    with after_commit():
        revision.save_revision(user=editor).publish(user=editor)
    public = NewsPage.objects.get(internal_original=original)
    assert public.title == "Gäller alla – uppdaterad"
    assert NewsPage.objects.filter(internal_original=original).count() == 1


def test_W3_3b_public_version_cannot_go_live_before_the_intranet(demo_user):
    editor = demo_user("huvudredaktor.utbildning")
    _original, public = unpublished_pair(editor)

    with pytest.raises(ValidationError) as refused:
        public.save_revision(user=editor).publish(user=editor)
    assert "W3.3b" in str(refused.value)
    public.refresh_from_db()
    assert not public.live


def test_W3_3b_public_version_cannot_be_scheduled_before_the_intranet(client, demo_user):
    editor = demo_user("infomaster")
    original, public = unpublished_pair(editor)
    tomorrow = timezone.now() + datetime.timedelta(days=1)

    # The intranet version is scheduled for tomorrow; the public one for an hour from now.
    original.go_live_at = tomorrow
    original.save_revision(user=editor).publish(user=editor)
    public.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as refused:
        public.save_revision(user=editor).publish(user=editor)
    assert "W3.3b" in str(refused.value)

    # Scheduled for the same moment or later is fine.
    public.go_live_at = tomorrow + datetime.timedelta(minutes=5)
    public.save_revision(user=editor).publish(user=editor)
    assert public.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_W3_3b_scheduled_for_the_same_time_the_intranet_goes_first(demo_user):
    editor = demo_user("infomaster")
    original, public = unpublished_pair(editor)
    moment = timezone.now() + datetime.timedelta(minutes=10)
    original.go_live_at = moment
    original.save_revision(user=editor).publish(user=editor)
    public.go_live_at = moment
    public.save_revision(user=editor).publish(user=editor)

    # Time passes; the public revision happens to come first in the scheduler's queue.
    past = timezone.now() - datetime.timedelta(minutes=1)
    make_due(public, at=past - datetime.timedelta(seconds=30))
    make_due(original, at=past)
    with after_commit():
        call_command("publish_scheduled")

    original.refresh_from_db()
    public.refresh_from_db()
    assert original.live and public.live
    assert original.last_published_at <= public.last_published_at


def test_W3_3b_public_version_waits_when_the_intranet_is_not_due(demo_user):
    editor = demo_user("infomaster")
    _original, public = unpublished_pair(editor)
    public.revisions.update(approved_go_live_at=None)
    revision = public.save_revision(user=editor)
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()

    call_command("publish_scheduled")
    public.refresh_from_db()
    assert not public.live
    assert public.revisions.filter(approved_go_live_at__isnull=False).exists(), "still waits"


def test_W3_3b_only_intranet_news_can_be_marked_for_both(client, demo_user):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    index = section_news_index("Utbildningsförvaltningen", site="public")
    response = create_news(
        client,
        index,
        title="Extern först",
        ingress="Detta ska inte gå.",
        also_public=True,
        action="action-publish",
    )
    assert response.status_code == 200
    assert "W3.3b" in response.content.decode()


def test_W3_3b_demo_has_news_for_both_audiences():
    original = NewsPage.objects.get(title="Ny läsårsplanering för grundskolan", also_public=True)
    public = NewsPage.objects.get(internal_original=original)
    assert original.live and public.live


def test_W3_3b_intranet_only_image_is_not_carried_to_the_public_version(demo_user):
    from wagtail.images import get_image_model

    intranet_image = next(
        image
        for image in get_image_model().objects.all()
        if image.collection.get_view_restrictions().exists()
    )
    original = publish_for_both(demo_user("huvudredaktor.utbildning"), image=intranet_image)
    public = NewsPage.objects.get(internal_original=original)
    assert original.image == intranet_image
    assert public.image is None


def test_W3_3b_the_public_version_is_published_in_the_publishers_name(demo_user):
    author, editor = demo_user("forfattare.utbildning"), demo_user("huvudredaktor.utbildning")
    index = section_news_index("Utbildningsförvaltningen", site="intranet")
    page = draft_news(index, title="Godkänd av redaktören", also_public=True, owner=author)
    with after_commit():
        page.get_latest_revision().publish(user=editor)
    public = NewsPage.objects.get(internal_original=page)
    assert public.live and public.live_revision.user == editor
