"""The full-page cache (W3.1: crisis load) and its purge on publish (W3.3b: a newly
published message is visible at once), with Navet's page cache as Wagtail's frontend cache."""

import os

import pytest
from django.test import Client

from navet.organisation.models import Unit
from navet.web.models import ContentPage, NewsIndexPage, NewsPage, StartPage
from navet.web.purge import urls_showing

pytestmark = pytest.mark.django_db


def cache_state(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get("X-Navet-Cache")


def warm(client, *paths):
    for path in paths:
        client.get(path)
        assert cache_state(client, path) == "hit", path


def path(page):
    return page.get_url_parts()[2]


def test_anonymous_public_pages_are_served_from_the_cache(public_client):
    assert cache_state(public_client, "/") == "miss"
    assert cache_state(public_client, "/") == "hit"
    response = public_client.get("/")
    assert "Linköpings kommun" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert response["X-Navet-Cacheable"] == "1"


def test_publishing_a_news_item_purges_its_page_index_start_page_and_feed(public_client, demo_user):
    start = StartPage.main("public")
    index = NewsIndexPage.objects.child_of(start).get()
    news = NewsPage.objects.child_of(index).live().first()
    unrelated = ContentPage.objects.get(title="Ansök om bygglov")
    watched = ["/", path(index), path(news), "/flode/nyheter/", "/sitemap.xml", path(unrelated)]
    warm(public_client, *watched)

    revision = news.get_latest_revision_as_object()
    revision.title = "Vattnet är tillbaka i hela centrum"
    revision.save_revision().publish()

    for stale in watched[:-1]:
        assert cache_state(public_client, stale) == "miss", stale
    assert cache_state(public_client, path(unrelated)) == "hit"
    assert "Vattnet är tillbaka i hela centrum" in public_client.get("/").content.decode()
    assert (
        "Vattnet är tillbaka i hela centrum"
        in public_client.get("/flode/nyheter/").content.decode()
    )


def test_a_new_news_item_in_a_section_is_visible_on_the_start_page_at_once(public_client):
    section_index = NewsIndexPage.objects.child_of(
        Unit.objects.get(name="Socialförvaltningen").public_section
    ).get()
    warm(public_client, "/", path(section_index))
    news = NewsPage(title="Socialjouren byter nummer", ingress="Nytt nummer från i dag.")
    section_index.add_child(instance=news)
    news.save_revision().publish()
    assert "Socialjouren byter nummer" in public_client.get("/").content.decode()
    assert "Socialjouren byter nummer" in public_client.get(path(section_index)).content.decode()


def test_unpublishing_purges_too(public_client):
    page = ContentPage.objects.get(title="Boka idrottshall")
    section = page.get_parent()
    warm(public_client, path(page), path(section))
    page.unpublish()
    assert public_client.get(path(page)).status_code == 404
    assert "Boka idrottshall" not in public_client.get(path(section)).content.decode()


def test_moving_a_page_purges_old_and_new_places(public_client):
    page = ContentPage.objects.get(title="Boka idrottshall")
    old_section = page.get_parent()
    new_section = Unit.objects.get(name="Kommunledningsförvaltningen").public_section
    old_path = path(page)
    warm(public_client, old_path, path(old_section), path(new_section))
    page.move(new_section, pos="last-child")
    # Not the stale cached copy: Wagtail's automatic redirect to the new place.
    moved = public_client.get(old_path)
    assert moved.status_code == 301
    assert moved.url.endswith(path(ContentPage.objects.get(pk=page.pk)))
    assert "Boka idrottshall" not in public_client.get(path(old_section)).content.decode()
    assert "Boka idrottshall" in public_client.get(path(new_section)).content.decode()


def test_deleting_a_page_purges_it_and_its_parents(public_client):
    page = ContentPage.objects.get(title="Boka idrottshall")
    section = page.get_parent()
    page_path = path(page)
    warm(public_client, page_path, path(section))
    page.delete()
    assert public_client.get(page_path).status_code == 404
    assert "Boka idrottshall" not in public_client.get(path(section)).content.decode()


def test_purge_set_is_exactly_what_shows_the_page():
    news = NewsPage.objects.get(title="Ny läsårsplanering för grundskolan", also_public=False)
    pages, urls = urls_showing(news)
    titles = {page.title for page in pages}
    assert {news.title, "Nyheter", "Förskola och skola", "Linköpings kommun"} <= titles
    assert "Stöd och hjälp" not in titles
    assert sorted(url.split(":8000")[-1] for url in urls) == [
        "/flode/nyheter/",
        "/sitemap-1.xml",
        "/sitemap.xml",
    ]


def test_changing_the_site_identity_drops_every_cached_page(public_client):
    from wagtail.models import Site

    from navet.web.models import SiteIdentity

    warm(public_client, "/")
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.contact_phone = "013-123 45 67"
    identity.save()
    assert "013-123 45 67" in public_client.get("/").content.decode()


def test_a_signed_in_person_never_gets_or_leaves_a_shared_copy(public_client, demo_user):
    warm(public_client, "/")
    person = Client(HTTP_HOST="localhost")
    person.force_login(demo_user("huvudredaktor.utbildning"))
    response = person.get("/")
    assert response.get("X-Navet-Cache") is None
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Navet-Cacheable" not in response
    assert "Emma Lund" in response.content.decode()

    # What the signed-in person saw is not what the next anonymous visitor gets.
    anonymous = public_client.get("/")
    assert anonymous["X-Navet-Cache"] == "hit"
    assert "Emma Lund" not in anonymous.content.decode()


def test_the_intranet_is_never_cached(intranet_client, demo_user):
    intranet_client.force_login(demo_user("medarbetare"))
    for _ in range(2):
        response = intranet_client.get("/")
        assert response.status_code == 200
        assert response.get("X-Navet-Cache") is None
        assert response["Cache-Control"] == "private, no-store"
    anonymous = Client(HTTP_HOST="intranet.localhost")
    assert anonymous.get("/").status_code == 302


def test_search_query_strings_and_forms_are_not_cached(public_client):
    for url in ("/sok/?q=skola", "/nyheter/?sida=2", "/logga-in/"):
        public_client.get(url)
        assert public_client.get(url).get("X-Navet-Cache") is None, url


def test_W3_3b_news_for_both_shows_at_once_on_both_start_pages(
    public_client, intranet_client, demo_user, django_capture_on_commit_callbacks
):
    intranet_client.force_login(demo_user("medarbetare"))
    public_client.get("/")
    intranet_client.get("/")  # both rendered and cached (page and fragments)
    index = NewsIndexPage.objects.child_of(
        Unit.objects.get(name="Utbildningsförvaltningen").intranet_section
    ).get()
    news = NewsPage(
        title="Skolorna stänger tidigt i dag",
        ingress="Alla skolor stänger klockan 12 på grund av stormen.",
        also_public=True,
        priority=1,
    )
    index.add_child(instance=news)
    # The public version follows on the task queue when the intranet version is committed.
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    assert "Skolorna stänger tidigt i dag" in intranet_client.get("/").content.decode()
    assert "Skolorna stänger tidigt i dag" in public_client.get("/").content.decode()


def test_a_changed_sender_shows_at_once(public_client):
    page = NewsPage.objects.get(title="Fler får hjälp av socialjouren")
    assert page.contact is None  # the unit's own contact details are shown
    public_client.get(path(page))
    unit = page.owning_unit
    unit.email = "familjeradgivning@linkoping.se"
    unit.save()
    assert "familjeradgivning@linkoping.se" in public_client.get(path(page)).content.decode()


def test_purge_runs_again_after_commit(public_client, django_capture_on_commit_callbacks):
    """A visitor between the publish and the commit would see (and cache) the old page; the
    purge repeats when the transaction commits."""
    page = ContentPage.objects.get(title="Ansök om bygglov")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page.save_revision().publish()
        warm(public_client, path(page))  # cached between the publish and the commit
    assert callbacks
    assert cache_state(public_client, path(page)) == "miss"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="runs on the production profile")
def test_production_profile_keeps_pages_and_sessions_in_redis(public_client, demo_user):
    """With REDIS_URL (as .ci/run sets it) the page cache and the sessions live in Redis."""
    import redis
    from django.conf import settings
    from django.contrib.sessions.backends.cache import SessionStore

    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cache"
    public_client.get("/")
    server = redis.Redis.from_url(os.environ["REDIS_URL"])
    assert any(b":navet:page:" in key for key in server.keys("*navet:page:*"))

    person = Client(HTTP_HOST="localhost")
    person.force_login(demo_user("medarbetare"))
    assert SessionStore(session_key=person.cookies["sessionid"].value).exists(
        person.cookies["sessionid"].value
    )


def test_what_makes_a_publish_visible_goes_ahead_in_the_task_queue():
    from navet.web import tasks

    for task in (
        tasks.publish_public_version,
        tasks.purge_proxy_urls,
        tasks.purge_proxies_everything,
    ):
        assert task.priority > 0, task.name
