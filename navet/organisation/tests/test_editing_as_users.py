"""W3.7 tried through the admin as the demo's people would: the real edit and publish views."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from navet.organisation.models import Unit
from navet.web.models import StartPage


def _edit(client, page, *, title, publish):
    data = {
        "title": title,
        "slug": page.slug,
        "intro": page.intro,
        "body": streamfield([]),
        "owning_unit": page.owning_unit_id or "",
        "contact": "",
        "comments": inline_formset([]),
    }
    if isinstance(page, StartPage):
        data["audience"] = page.audience
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(f"/admin/pages/{page.pk}/edit/", nested_form_data(data))


def _page_in(unit_name, *, site="public"):
    unit = Unit.objects.get(name=unit_name)
    section = unit.public_section if site == "public" else unit.intranet_section
    return section.get_children().first().specific


@pytest.mark.django_db
@pytest.mark.parametrize("site", ["public", "intranet"])
def test_W3_7_author_drafts_in_own_section_but_cannot_publish(client, demo_user, site):
    client.force_login(demo_user("forfattare.utbildning"))
    page = _page_in("Utbildningsförvaltningen", site=site)
    live_title = page.title

    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    response = _edit(client, page, title="Utkast från författaren", publish=True)
    assert response.status_code == 302

    page.refresh_from_db()
    assert page.title == live_title, "the author's publish must not go live"
    assert page.has_unpublished_changes
    assert page.get_latest_revision().as_object().title == "Utkast från författaren"


@pytest.mark.django_db
def test_W3_7_author_cannot_edit_another_administrations_section(client, demo_user):
    client.force_login(demo_user("forfattare.utbildning"))
    page = _page_in("Socialförvaltningen")
    original = page.title

    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code != 200
    _edit(client, page, title="Intrång", publish=False)

    page.refresh_from_db()
    assert page.title == original
    assert not page.has_unpublished_changes


@pytest.mark.django_db
def test_W3_7_head_editor_publishes_in_own_section_only(client, demo_user):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    own = _page_in("Utbildningsförvaltningen")
    _edit(client, own, title="Publicerad av huvudredaktören", publish=True)
    own.refresh_from_db()
    assert own.title == "Publicerad av huvudredaktören"
    assert not own.has_unpublished_changes

    other = _page_in("Socialförvaltningen")
    original = other.title
    _edit(client, other, title="Inte här", publish=True)
    other.refresh_from_db()
    assert other.title == original


@pytest.mark.django_db
@pytest.mark.parametrize("audience", ["public", "intranet"])
def test_W3_7_infomaster_publishes_the_start_pages(client, demo_user, audience):
    client.force_login(demo_user("infomaster"))
    start = StartPage.main(audience)
    _edit(client, start, title="Ny rubrik på startsidan", publish=True)
    start.refresh_from_db()
    assert start.title == "Ny rubrik på startsidan"
    assert start.live


@pytest.mark.django_db
def test_W3_7_head_editor_cannot_publish_a_start_page(client, demo_user):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    start = StartPage.main("public")
    original = start.title
    _edit(client, start, title="Inte min sida", publish=True)
    start.refresh_from_db()
    assert start.title == original


@pytest.mark.django_db
def test_W3_7_editor_may_not_move_pages_but_head_editor_may(client, demo_user):
    page = _page_in("Utbildningsförvaltningen")
    target = Unit.objects.get(name="Utbildningsförvaltningen").public_section.get_children()[1]
    url = f"/admin/pages/{page.pk}/move/{target.pk}/confirm/"

    client.force_login(demo_user("redaktor.utbildning"))
    response = client.post(url, follow=True)
    page.refresh_from_db()
    assert page.get_parent().pk != target.pk
    assert "W3.7" in response.content.decode()

    client.force_login(demo_user("huvudredaktor.utbildning"))
    client.post(url)
    page.refresh_from_db()
    assert page.get_parent().pk == target.pk


@pytest.mark.django_db
def test_W3_7_webmaster_has_technical_admin_but_no_content(client, demo_user):
    client.force_login(demo_user("webmaster"))
    assert client.get("/admin/sites/").status_code == 200
    assert client.get("/admin/redirects/").status_code == 200
    page = _page_in("Utbildningsförvaltningen")
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code != 200
