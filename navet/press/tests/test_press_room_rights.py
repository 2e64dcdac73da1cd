"""K2: Nyheter och media is the municipality's single entrance for the media, so the press
contacts of the unit that runs the press room write, schedule and publish its releases –
with no rights elsewhere, so who approves the unit's other pages stays as it was (W3.7)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from navet.editorial.selectors import approvers_for
from navet.editorial.tests.helpers import after_commit
from navet.organisation.models import Unit
from navet.organisation.roles import Role
from navet.organisation.tests.helpers import fresh, new_person
from navet.web.models import NewsPage

from .helpers import press_room

pytestmark = pytest.mark.django_db

MEDIA_UNIT = "Nyheter och media"


def _press_contact(username, unit_name):
    return fresh(
        new_person(
            username=username, unit=Unit.objects.get(name=unit_name), role=Role.PRESS_CONTACT
        ).user
    )


def test_k2_press_contact_of_the_rooms_unit_writes_and_publishes_releases():
    officer = _press_contact("press.media", MEDIA_UNIT)
    room = press_room()
    room_rights = room.permissions_for_user(officer)
    assert room_rights.can_add_subpage()
    release = room.get_children().live().first()
    rights = release.permissions_for_user(officer)
    assert rights.can_edit() and rights.can_publish()


def test_k2_press_contact_elsewhere_has_no_rights_in_the_room():
    officer = _press_contact("press.social", "Socialförvaltningen")
    room = press_room()
    assert not room.permissions_for_user(officer).can_add_subpage()
    assert not room.get_children().first().permissions_for_user(officer).can_edit()


def test_w3_7_press_room_rights_reach_no_section_and_change_no_approver():
    media = Unit.objects.get(name=MEDIA_UNIT)
    owner = media.section_owner()
    news = (
        NewsPage.objects.filter(owning_unit=media).first()
        or NewsPage.objects.filter(owning_unit=owner).first()
    )
    approvers_before = set(approvers_for(page=news))
    officer = _press_contact("press.media", MEDIA_UNIT)
    for section in (owner.public_section, owner.intranet_section):
        rights = section.permissions_for_user(officer)
        assert not rights.can_add_subpage() and not rights.can_edit(), section.url_path
    assert not news.permissions_for_user(officer).can_edit()
    assert set(approvers_for(page=news)) == approvers_before


def test_k2_room_that_changes_hands_changes_whose_press_contacts_write_in_it():
    media_officer = _press_contact("press.media", MEDIA_UNIT)
    social_officer = _press_contact("press.social", "Socialförvaltningen")
    room = press_room()
    room.owning_unit = Unit.objects.get(name="Socialförvaltningen")
    with after_commit():
        room.save_revision().publish()
    assert room.permissions_for_user(fresh(social_officer)).can_add_subpage()
    assert not room.permissions_for_user(fresh(media_officer)).can_add_subpage()


def test_k2_demo_press_officer_schedules_an_embargoed_release_in_the_admin(client):
    """The demo's press officer, through the admin's own create view: the release is held
    until the embargo time by Wagtail's scheduled publishing (W3.3b applies as to news)."""
    officer = get_user_model().objects.get(username="pressekreterare")
    client.force_login(officer)
    room = press_room()
    url = f"/admin/pages/add/press/pressreleasepage/{room.pk}/"
    assert client.get(url).status_code == 200
    embargo = timezone.localtime(timezone.now() + datetime.timedelta(days=1))
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if isinstance(value, str | int) and not isinstance(value, bool)
    }
    data.update(
        {
            "title": "Nytt äldreboende i Ekholmen",
            "slug": "nytt-aldreboende-i-ekholmen",
            "ingress": "Kommunen bygger ett nytt äldreboende med 80 platser i Ekholmen.",
            "body-count": "0",
            "attachments-count": "0",
            "go_live_at": embargo.strftime("%Y-%m-%d %H:%M"),
            "owning_unit": form.initial.get("owning_unit") or Unit.objects.get(name=MEDIA_UNIT).pk,
            "action-publish": "action-publish",
        }
    )
    with after_commit():
        response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    release = room.get_children().get(slug="nytt-aldreboende-i-ekholmen").specific
    assert not release.live
    assert release.revisions.get(approved_go_live_at__isnull=False).user == officer
