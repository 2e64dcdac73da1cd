"""W3.2 and W3.7: no page crosses between the intranet and the public website by a move, a
copy or an alias – it would be public at once, with no approval and none of the rules. A
copy into the other site is an unpublished draft."""

import pytest
from django.core.exceptions import PermissionDenied

from navet.organisation.models import Unit
from navet.web.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections():
    unit = Unit.objects.get(name="Utbildningsförvaltningen")
    return unit.intranet_section, unit.public_section


@pytest.fixture
def intranet_page(sections):
    intranet, _public = sections
    return ContentPage.objects.live().descendant_of(intranet).first()


def test_W3_2_W3_7_a_head_editor_cannot_move_an_intranet_page_to_the_public_site(
    client, demo_user, sections, intranet_page
):
    _intranet, public = sections
    client.force_login(demo_user("huvudredaktor.utbildning"))
    response = client.post(f"/admin/pages/{intranet_page.pk}/move/{public.pk}/confirm/")
    assert response.status_code == 302
    intranet_page.refresh_from_db()
    assert not intranet_page.is_descendant_of(public)
    assert not ContentPage.objects.filter(
        pk=intranet_page.pk, path__startswith=public.path
    ).exists()


def test_W3_2_W3_7_no_code_path_moves_a_page_across_sites(sections, intranet_page):
    _intranet, public = sections
    with pytest.raises(PermissionDenied):
        intranet_page.move(public, pos="last-child")
    intranet_page.refresh_from_db()
    assert not intranet_page.is_descendant_of(public)


def test_W3_2_W3_7_moving_within_a_site_still_works(client, demo_user, sections, intranet_page):
    intranet, _public = sections
    target = intranet.get_children().exclude(pk=intranet_page.get_parent().pk).first()
    if target is None or target.pk == intranet_page.pk:
        target = intranet
    client.force_login(demo_user("huvudredaktor.utbildning"))
    client.post(f"/admin/pages/{intranet_page.pk}/move/{target.pk}/confirm/")
    intranet_page.refresh_from_db()
    assert intranet_page.get_parent().pk == target.pk


def copy_form(page, destination, **extra):
    return {
        "new_title": f"{page.title} (kopia)",
        "new_slug": f"{page.slug}-kopia",
        "new_parent_page": destination.pk,
        **extra,
    }


def test_W3_2_W3_7_a_copy_into_the_public_site_is_an_unpublished_draft(
    client, demo_user, sections, intranet_page
):
    _intranet, public = sections
    client.force_login(demo_user("huvudredaktor.utbildning"))
    response = client.post(
        f"/admin/pages/{intranet_page.pk}/copy/",
        copy_form(intranet_page, public, publish_copies="on"),
    )
    assert response.status_code == 302
    copy = ContentPage.objects.get(slug=f"{intranet_page.slug}-kopia")
    assert copy.is_descendant_of(public)
    assert not copy.live
    assert intranet_page.title in copy.title


def test_W3_2_W3_7_a_copy_within_a_site_may_stay_live(client, demo_user, sections, intranet_page):
    intranet, _public = sections
    client.force_login(demo_user("huvudredaktor.utbildning"))
    client.post(
        f"/admin/pages/{intranet_page.pk}/copy/",
        copy_form(intranet_page, intranet, publish_copies="on"),
    )
    assert ContentPage.objects.get(slug=f"{intranet_page.slug}-kopia").live


def test_W3_2_W3_7_no_alias_of_an_intranet_page_on_the_public_site(
    client, demo_user, sections, intranet_page
):
    _intranet, public = sections
    client.force_login(demo_user("infomaster"))
    response = client.post(
        f"/admin/pages/{intranet_page.pk}/copy/", copy_form(intranet_page, public, alias="on")
    )
    assert response.status_code == 302
    assert not ContentPage.objects.filter(slug=f"{intranet_page.slug}-kopia").exists()
    assert not ContentPage.objects.filter(alias_of=intranet_page).exists()
