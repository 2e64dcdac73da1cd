"""W3.7: only what was approved reaches readers. A preview shows the author's draft and
never reads or writes a shared cache: the live page – its fragments and the full-page
cache behind it – keeps showing the published text."""

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from navet.web import cache as page_cache
from navet.web import fragments
from navet.web.models import ContentPage

pytestmark = pytest.mark.django_db

DRAFT_TEXT = "Utkast som ingen har godkänt"


def page_form(*, title, slug, intro, owning_unit=""):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": intro,
            "body": streamfield([]),
            "easy_to_read_version": "",
            "owning_unit": owning_unit,
            "contact": "",
            "review_by": "",
            "comments": inline_formset([]),
        }
    )


def preview_edit(client, page, *, intro):
    url = f"/admin/pages/{page.pk}/edit/preview/"
    form = page_form(title=page.title, slug=page.slug, intro=intro, owning_unit=page.owning_unit_id)
    assert client.post(url, form).json()["is_valid"]
    return client.get(url).content.decode()


def preview_new(client, parent, *, title, intro):
    url = f"/admin/pages/add/web/contentpage/{parent.pk}/preview/"
    form = page_form(title=title, slug=title.lower().replace(" ", "-"), intro=intro)
    assert client.post(url, form).json()["is_valid"]
    return client.get(url).content.decode()


@pytest.fixture
def author_client(demo_user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(demo_user("forfattare.social"))
    return client


@pytest.fixture
def live_page():
    return ContentPage.objects.live().get(title="Ekonomiskt bistånd")


def path(page):
    return page.get_url_parts()[2]


@pytest.mark.parametrize("caches", ["warm", "cold"])
def test_W3_7_preview_shows_the_draft_and_readers_only_the_published_text(
    author_client, public_client, live_page, caches
):
    published_intro = live_page.intro
    if caches == "warm":
        public_client.get(path(live_page))
        assert public_client.get(path(live_page))["X-Navet-Cache"] == "hit"
    else:
        # Cold: every content cache forgotten (sessions live in the cache with Redis).
        fragments.bump()
        page_cache.forget_everything()

    preview = preview_edit(author_client, live_page, intro=DRAFT_TEXT)
    assert DRAFT_TEXT in preview
    assert published_intro not in preview

    for attempt in ("first", "again"):
        reader = public_client.get(path(live_page)).content.decode()
        assert published_intro in reader, attempt
        assert DRAFT_TEXT not in reader, attempt
    # Not even a fragment rendered uncached by a signed-in reader carries the draft.
    signed_in = Client(HTTP_HOST="localhost")
    signed_in.force_login(live_page.owner or ContentPage.objects.first().owner or _any_user())
    assert DRAFT_TEXT not in signed_in.get(path(live_page)).content.decode()


def _any_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="medarbetare")


def content_keys() -> set:
    """The keys of cached fragments and pages, in the local-memory cache or in Redis.
    (Which site is the intranet, remembered for every request, is no page content.)"""
    if hasattr(cache, "keys"):  # django-redis
        keys = set(cache.keys("navet:fragment:*")) | set(cache.keys("navet:page:*"))
    else:
        keys = {key for key in cache._cache if "navet:fragment:" in key or "navet:page:" in key}
    return {key for key in keys if ":intranet-site:" not in key}


def test_W3_7_preview_never_writes_a_shared_cache(author_client, live_page):
    fragments.bump()
    page_cache.forget_everything()
    before = content_keys()
    assert DRAFT_TEXT in preview_edit(author_client, live_page, intro=DRAFT_TEXT)
    assert content_keys() == before


def test_W3_7_two_new_pages_preview_their_own_content(author_client, live_page):
    parent = live_page.get_parent()
    first = preview_new(author_client, parent, title="Första nya sidan", intro="Text ett.")
    second = preview_new(author_client, parent, title="Andra nya sidan", intro="Text två.")
    assert "Första nya sidan" in first and "Text ett." in first
    assert "Andra nya sidan" in second and "Text två." in second
    assert "Första nya sidan" not in second


def test_W3_7_fragments_belong_to_the_live_revision(public_client, live_page):
    """Publishing a new revision renders the page afresh even if nothing else moved the
    content generation on."""
    public_client.get(path(live_page))
    draft = live_page.get_latest_revision_as_object()
    draft.intro = "Ny godkänd ingress för sidan."
    revision = draft.save_revision()
    before = fragments.content_generation.current()
    revision.publish()
    # Whatever the purge did, the page's content key now names the new live revision.
    live_page.refresh_from_db()
    assert live_page.live_revision_id == revision.pk
    assert "Ny godkänd ingress för sidan." in public_client.get(path(live_page)).content.decode()
    assert fragments.content_generation.current() >= before
