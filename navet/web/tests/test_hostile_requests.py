"""Security: what a request says about itself never ends up in what is cached for everyone.
Absolute addresses come from the configured site, never from the Host header (a port
smuggled in the Host header must not poison the page cache), and query strings cannot
multiply cached variants."""

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Site

from navet.web.models import (
    AccessibilityStatementPage,
    ContentPage,
    NewsIndexPage,
    NewsPage,
    SectionPage,
    StartPage,
)

pytestmark = pytest.mark.django_db
HOSTILE_HOST = "localhost:1"


def cached_public_paths() -> list[str]:
    start = StartPage.main("public")
    pages = [
        start,
        SectionPage.objects.live().descendant_of(start).first(),
        ContentPage.objects.live().descendant_of(start).first(),
        NewsIndexPage.objects.live().descendant_of(start).first(),
        NewsPage.objects.live().descendant_of(start).exclude(image=None).first()
        or NewsPage.objects.live().descendant_of(start).first(),
        AccessibilityStatementPage.objects.live().descendant_of(start).first(),
    ]
    paths = [page.get_url_parts()[2] for page in pages]
    return [*paths, "/flode/nyheter/", "/sitemap.xml", "/sitemap-1.xml", "/robots.txt"]


@pytest.mark.parametrize("index", range(10))
def test_security_a_hostile_host_header_never_poisons_a_cached_page(index):
    path = cached_public_paths()[index]
    attacker = Client(HTTP_HOST=HOSTILE_HOST)
    first = attacker.get(path)
    assert first.status_code == 200, path
    assert HOSTILE_HOST not in first.content.decode(), path

    visitor = Client(HTTP_HOST="localhost")
    served = visitor.get(path)
    assert served["X-Navet-Cache"] == "hit", path  # what the attacker's request stored
    assert HOSTILE_HOST not in served.content.decode(), path


def test_security_og_image_is_an_address_on_the_configured_site():
    from wagtail.images import get_image_model

    image = next(
        image
        for image in get_image_model().objects.all()
        if not image.collection.get_view_restrictions().exists()
    )
    news = NewsPage.objects.live().descendant_of(StartPage.main("public")).first()
    draft = news.get_latest_revision_as_object()
    draft.image = image
    draft.save_revision().publish()
    content = Client(HTTP_HOST=HOSTILE_HOST).get(news.get_url_parts()[2]).content.decode()
    assert 'property="og:image" content="http://localhost:8000/' in content
    assert HOSTILE_HOST not in content


def fragment_keys() -> set:
    if hasattr(cache, "keys"):  # django-redis
        return set(cache.keys("navet:fragment:*"))
    return {key for key in cache._cache if "navet:fragment:" in key}


def test_security_query_strings_cannot_multiply_cached_fragments(public_client):
    index = NewsIndexPage.objects.live().descendant_of(StartPage.main("public")).first()
    path = index.get_url_parts()[2]
    public_client.get(path)
    public_client.get(path, {"sida": "1"})
    before = fragment_keys()
    for hostile in ("abcdef", "999999", "-1", "1e3", "٣", "0", "2' OR 1=1"):
        response = public_client.get(path, {"sida": hostile})
        assert response.status_code == 200, hostile
        assert response.context["news"].number == 1, hostile
    assert fragment_keys() == before


@pytest.mark.parametrize("value", ["abc", "1.5", "[]", "9" * 30])
def test_a_chooser_given_something_that_is_no_id_says_so_instead_of_failing(
    public_client, demo_user, value
):
    """Bad input gets a clear error: a posted image that is no image's id re-shows the form
    with the chooser empty and the field's message, never an error page."""
    public_client.force_login(demo_user("webmaster"))
    site = Site.objects.get(is_default_site=True)
    response = public_client.post(
        f"/admin/settings/web/siteidentity/{site.pk}/",
        {"name": "Linköpings kommun", "logo": value, "own_domains": "linkoping.se"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["logo"]
