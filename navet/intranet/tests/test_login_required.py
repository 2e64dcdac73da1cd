"""W3.2: everything on the intranet requires login – pages, documents, images – checked over
everything the demo contains. Anonymous requests get a redirect to login, never content."""

import pytest
from django.conf import settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from navet.forums.models import Paper
from navet.web.models import StartPage

LOGIN = "/logga-in/"


def intranet_pages():
    start = StartPage.main("intranet")
    return Page.objects.descendant_of(start, inclusive=True).specific()


def path_of(page):
    return page.get_url_parts()[2]


def is_intranet_collection(collection):
    return bool(collection.get_view_restrictions())


def assert_login_redirect(response):
    assert response.status_code == 302, response.status_code
    assert response.url.startswith(LOGIN), response.url
    assert b"<main" not in response.content


@pytest.mark.django_db
def test_W3_2_every_intranet_page_redirects_anonymous_visitors(intranet_client):
    pages = list(intranet_pages())
    assert len(pages) >= 10
    for page in pages:
        response = intranet_client.get(path_of(page))
        assert_login_redirect(response)
        assert page.title.encode() not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/sok/?q=skola", "/nyheter/feed/", "/finns-inte/", "/documents/", "/media/x.jpg"],
)
def test_W3_2_any_intranet_url_redirects_anonymous_visitors(intranet_client, path):
    assert_login_redirect(intranet_client.get(path))


@pytest.mark.django_db
def test_W3_2_every_document_on_the_intranet_host_requires_login(intranet_client):
    documents = list(get_document_model().objects.all())
    assert documents
    for document in documents:
        assert_login_redirect(intranet_client.get(document.url))
        assert_login_redirect(intranet_client.get(document.file.url))


@pytest.mark.django_db
def test_W3_2_intranet_documents_need_login_on_the_public_host_too(public_client):
    checked = 0
    for document in get_document_model().objects.all():
        if is_intranet_collection(document.collection):
            assert_login_redirect(public_client.get(document.url))
            assert_login_redirect(public_client.get(document.file.url))
            checked += 1
        else:
            response = public_client.get(document.url)
            assert response.status_code == 200
            assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert checked >= 2


@pytest.mark.django_db
def test_W3_2_every_image_and_rendition_needs_login_where_it_is_intranet(
    intranet_client, public_client
):
    images = list(get_image_model().objects.all())
    assert images
    intranet_images = 0
    for image in images:
        rendition = image.get_rendition("width-200")
        for url in (image.file.url, rendition.url):
            assert_login_redirect(intranet_client.get(url))
            if is_intranet_collection(image.collection):
                assert_login_redirect(public_client.get(url))
            else:
                response = public_client.get(url)
                assert response.status_code == 200
                assert response["Content-Type"].startswith("image/")
        intranet_images += is_intranet_collection(image.collection)
    assert intranet_images >= 1


@pytest.mark.django_db
def test_W3_2_signed_in_employee_reads_intranet_pages_documents_and_images(
    intranet_client, demo_user
):
    intranet_client.force_login(demo_user("medarbetare"))
    for page in intranet_pages():
        response = intranet_client.get(path_of(page))
        assert response.status_code == 200, path_of(page)
    # A forum's papers are for its members (navet.forums); every other document is for all.
    for document in get_document_model().objects.exclude(pk__in=Paper.objects.values("document")):
        assert intranet_client.get(document.url).status_code == 200
    for image in get_image_model().objects.all():
        response = intranet_client.get(image.get_rendition("width-200").url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] or not is_intranet_collection(
            image.collection
        )


@pytest.mark.django_db
def test_W3_2_intranet_pages_are_not_reachable_through_the_public_host(public_client):
    for page in intranet_pages():
        if page.depth == 2:
            continue
        response = public_client.get(path_of(page))
        # A public page may live at the same path (both sites have "/nyheter/"); what must
        # never happen is the intranet page being served.
        if response.status_code == 200:
            served = response.context["page"]
            assert served.pk != page.pk
            assert not served.get_view_restrictions().exists()
        else:
            assert response.status_code == 404


@pytest.mark.django_db
def test_W3_2_intranet_start_page_carries_a_login_restriction(db):
    start = StartPage.main("intranet")
    assert start.get_view_restrictions().filter(restriction_type="login").exists()


@pytest.mark.django_db
def test_W3_2_extra_host_name_for_the_intranet_site_is_protected_too(client):
    from wagtail.models import Site

    Site.objects.create(
        hostname="linweb.example.org",
        port=80,
        root_page=StartPage.main("intranet"),
    )
    assert_login_redirect(client.get("/", HTTP_HOST="linweb.example.org"))


@pytest.mark.django_db
def test_W3_2_login_page_is_open_and_signs_in(intranet_client):
    page = intranet_client.get(LOGIN)
    assert page.status_code == 200
    assert 'lang="sv"' in page.content.decode()
    response = intranet_client.post(
        LOGIN,
        {"username": "medarbetare", "password": settings.NAVET_DEMO_PASSWORD, "next": "/"},
    )
    assert response.status_code == 302
    assert intranet_client.get("/").status_code == 200


@pytest.mark.django_db
def test_W3_2_wrong_password_is_refused_in_swedish(intranet_client):
    response = intranet_client.post(LOGIN, {"username": "medarbetare", "password": "fel"})
    assert response.status_code == 200
    assert "användarnamn" in response.content.decode().lower()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/media/../navet/settings/base.py",
        "/media/original_images/../../manage.py",
        "/media/original_images/finns-inte.jpg",
        "/media/%2e%2e/manage.py",
    ],
)
def test_W3_2_media_outside_known_files_is_not_served(public_client, path):
    assert public_client.get(path).status_code == 404


def intranet_titles() -> list[str]:
    """What would give away the intranet's structure: its sections and pages' titles."""
    start = StartPage.main("intranet")
    return [page.title for page in Page.objects.descendant_of(start).live()]


@pytest.mark.django_db
@pytest.mark.parametrize("path", [LOGIN, "/logga-in/finns-inte/"])
def test_W3_2_before_login_the_intranet_shows_nothing_of_its_structure(intranet_client, path):
    content = intranet_client.get(path).content.decode()
    assert "<main" in content  # the login form or the error page
    shown = [title for title in intranet_titles() if f">{title}<" in content]
    assert shown == []
    assert 'class="main-nav"' not in content
    assert 'role="search"' not in content
    assert "/flode/nyheter/" not in content


@pytest.mark.django_db
def test_W3_2_signed_in_the_intranet_shows_its_menu_and_search(intranet_client, demo_user):
    intranet_client.get(LOGIN)  # an anonymous look first must not hide it afterwards
    intranet_client.force_login(demo_user("medarbetare"))
    content = intranet_client.get(LOGIN.replace("logga-in", "")).content.decode()
    assert 'class="main-nav"' in content and 'role="search"' in content
    menu = StartPage.main("intranet").get_children().live().in_menu().first()
    assert f">{menu.title}<" in content


@pytest.mark.django_db
def test_W3_2_the_public_login_page_keeps_the_public_menu(public_client):
    content = public_client.get(LOGIN).content.decode()
    assert 'class="main-nav"' in content and 'role="search"' in content
