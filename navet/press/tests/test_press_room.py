"""The press room on the public website (K5): releases, invitations, spokespeople and press
contacts from role assignments, topics and the Atom feed; releases under the same rules as
news (W3.3b, W3.3c, W3.3d, W3.2), and embargoes that never leak."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from navet.organisation.models import Person, RoleAssignment, Unit
from navet.organisation.roles import Role
from navet.press.checks import press_item_problems
from navet.press.pages import PressInvitationPage, PressReleasePage, PressRoomPage
from navet.web.models import NewsPage, SectionPage, StartPage

from .helpers import (
    EMBARGOED,
    after_commit,
    draft_release,
    make_due,
    press_room,
    publish,
    schedule,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_k2_press_room_lists_releases_invitations_and_media_contacts(public_client):
    response = public_client.get(press_room().url)
    assert response.status_code == 200
    html = text(response)
    assert "Linköping bygger två nya förskolor" in html
    assert "Presskonferens om kommunens budget" in html
    # Spokespeople and press contacts come from today's role assignments.
    assert "Anders Falk" in html and "Björn Ek" in html and "Maria Holm" in html
    assert EMBARGOED not in html
    assert 'type="application/atom+xml"' in html


def test_k2_an_ended_spokesperson_assignment_leaves_the_press_room(public_client):
    public_client.get(press_room().url)  # cached now
    assignment = RoleAssignment.objects.get(
        role=Role.SPOKESPERSON, person__last_name="Falk", unit__name="Utbildningsförvaltningen"
    )
    with after_commit():
        assignment.valid_to = timezone.localdate() - datetime.timedelta(days=1)
        assignment.valid_from = assignment.valid_to - datetime.timedelta(days=10)
        assignment.save()
    assert "Anders Falk" not in text(public_client.get(press_room().url))


def test_release_page_shows_ingress_image_sender_and_topics(public_client):
    release = PressReleasePage.objects.get(title="Linköping bygger två nya förskolor")
    html = text(public_client.get(release.url))
    assert release.ingress in html
    assert "Utbildningsförvaltningen" in html  # the sender (W3.3d)
    assert 'href="/kommun-och-politik/press/amne/skola/"' in html
    assert "<img" in html


def test_invitation_page_shows_time_place_and_registration(public_client):
    invitation = PressInvitationPage.objects.get(title="Presskonferens om kommunens budget")
    html = text(public_client.get(invitation.url))
    assert "Stadshuset, sessionssalen" in html
    assert "press@linkoping.se" in html
    assert invitation.starts_at.isoformat()[:10] in html


def test_invitation_times_must_make_sense():
    invitation = PressInvitationPage.objects.get(title="Presskonferens om kommunens budget")
    invitation.ends_at = invitation.starts_at - datetime.timedelta(hours=1)
    invitation.registration_deadline = invitation.starts_at + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as refused:
        invitation.full_clean()
    assert set(refused.value.error_dict) >= {"ends_at", "registration_deadline"}


def test_topic_page_lists_only_that_topic(public_client):
    html = text(public_client.get(press_room().url + "amne/kultur/"))
    assert "Stadsbiblioteket får längre öppettider" in html
    assert "Linköping bygger två nya förskolor" not in html
    assert EMBARGOED not in html


def test_unknown_or_hostile_topic_is_not_found(public_client):
    for path in ("amne/finns-inte/", "amne/finns-inte/flode/", "amne/" + "x" * 150 + "/"):
        assert public_client.get(press_room().url + path).status_code == 404


def test_atom_feed_has_the_live_releases_with_ingress_and_topics(public_client):
    response = public_client.get(press_room().url + "flode/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = text(response)
    assert "Linköping bygger två nya förskolor" in feed
    assert 'term="Förskola och skola"' in feed
    assert EMBARGOED not in feed
    topic_feed = text(public_client.get(press_room().url + "amne/omsorg/flode/"))
    assert "Fler platser i korttidsboende" in topic_feed
    assert "Linköping bygger två nya förskolor" not in topic_feed


def test_w33b_embargoed_release_never_leaks_before_its_time(public_client):
    """Embargo: before its time the release is in no page, feed, topic page, search or
    sitemap, and its own address is not found; at its time scheduled publishing publishes it
    and every cached listing shows it."""
    room = press_room()
    release = PressReleasePage.objects.get(title=EMBARGOED)
    assert not release.live and release.go_live_at > timezone.now()
    listings = [
        room.url,
        room.url + "flode/",
        room.url + "amne/kultur/",
        room.url + "amne/politik/flode/",
    ]
    for url in listings:
        for _ in range(2):  # the second answer comes from the page cache
            assert EMBARGOED not in text(public_client.get(url))
    assert public_client.get(room.url + release.slug + "/").status_code == 404
    search = text(public_client.get("/sok/?q=badhus"))
    assert EMBARGOED not in search and release.slug not in search
    assert release.slug not in text(public_client.get("/sitemap-1.xml"))

    make_due(release)
    with after_commit():
        call_command("publish_scheduled")
    release.refresh_from_db()
    assert release.live
    for url in listings:
        assert EMBARGOED in text(public_client.get(url))
    assert public_client.get(release.url).status_code == 200


def test_w33c_a_release_needs_an_ingress(demo_user):
    release = draft_release(title="Utan ingress", ingress="")
    with pytest.raises(ValidationError) as refused:
        publish(release, user=demo_user("infomaster"))
    assert "W3.3c" in str(refused.value)
    assert not Page.objects.get(pk=release.pk).live


def test_w33d_a_release_has_the_press_rooms_sender_unless_it_names_its_own(public_client):
    release = publish(draft_release(title="Avsändare ärvs"))
    assert release.owning_unit == Unit.objects.get(name="Nyheter och media")
    html = text(public_client.get(release.url))
    assert "Nyheter och media" in html and "press@linkoping.se" in html


def intranet_news(*, title, live):
    staff = NewsPage.objects.get(
        title="Ny läsårsplanering för grundskolan", internal_original__isnull=True
    )
    index = staff.get_parent()
    page = NewsPage(title=title, ingress="Personalen får veta först.", live=False)
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        with after_commit():
            revision.publish()
    page.refresh_from_db()
    return page


def test_w33b_a_release_for_the_staff_too_cannot_go_live_before_its_intranet_news():
    staff_news = intranet_news(title="Personalen först", live=False)
    release = draft_release(title="Gäller personalen också", internal_original=staff_news)
    with pytest.raises(ValidationError) as refused:
        publish(release)
    assert "W3.3b" in str(refused.value)
    with after_commit():
        staff_news.get_latest_revision().publish()
    assert publish(release).live


def test_w33b_an_embargoed_release_waits_for_its_intranet_news():
    """Scheduled together: the intranet news goes first, in the same run (W3.3b)."""
    staff_news = intranet_news(title="Personalen först, schemalagt", live=False)
    staff_news.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    staff_news.save_revision().publish()
    release = schedule(
        draft_release(title="Embargo med personalnyhet", internal_original=staff_news),
        at=timezone.now() + datetime.timedelta(hours=1, minutes=5),
    )
    make_due(release, at=timezone.now() - datetime.timedelta(minutes=1))
    with after_commit():
        call_command("publish_scheduled")
    release.refresh_from_db()
    staff_news.refresh_from_db()
    assert not release.live and not staff_news.live  # the intranet news is not due yet
    make_due(staff_news, at=timezone.now() - datetime.timedelta(minutes=2))
    with after_commit():
        call_command("publish_scheduled")
    release.refresh_from_db()
    staff_news.refresh_from_db()
    assert staff_news.live and release.live
    assert staff_news.last_published_at <= release.last_published_at


def test_w33b_the_news_published_first_must_be_on_the_intranet():
    public_news = NewsPage.objects.live().descendant_of(StartPage.main("public")).first()
    with pytest.raises(ValidationError) as refused:
        draft_release(title="Fel nyhet först", internal_original=public_news)
    assert "internal_original" in refused.value.error_dict
    # The publishing check says so too, whatever way the release would be published.
    release = PressReleasePage(title="Fel nyhet först", internal_original=public_news)
    assert [p[0] for p in press_item_problems(release, parent=press_room())] == ["W3.3b"]


def test_w32_a_release_takes_no_image_from_the_intranets_collections():
    intranet_image = get_image_model().objects.get(title="Redaktörer i webbrådet")
    with pytest.raises(ValidationError) as refused:
        draft_release(title="Bild från intranätet", image=intranet_image)
    assert "image" in refused.value.error_dict
    release = PressReleasePage(title="Bild från intranätet", image=intranet_image)
    assert [p[:2] for p in press_item_problems(release, parent=press_room())] == [("W3.2", "image")]


def test_w32_a_press_release_belongs_on_the_public_website():
    intranet_section = Unit.objects.get(name="Utbildningsförvaltningen").intranet_section
    release = PressReleasePage(title="På intranätet", ingress="Fel plats.")
    assert [p[0] for p in press_item_problems(release, parent=intranet_section)] == ["W3.2"]


def test_press_room_is_offered_in_sections_and_takes_releases_and_invitations():
    assert PressRoomPage in SectionPage.allowed_subpage_models()
    assert PressRoomPage in StartPage.allowed_subpage_models()
    assert set(PressRoomPage.allowed_subpage_models()) == {PressReleasePage, PressInvitationPage}


def test_infomaster_writes_a_release_in_the_admin(client, demo_user):
    client.force_login(demo_user("infomaster"))
    response = client.get(f"/admin/pages/add/press/pressreleasepage/{press_room().pk}/")
    assert response.status_code == 200
    assert "Embargo" in text(response)


def test_press_contact_is_listed_once_with_all_the_units_they_speak_for(public_client):
    person = Person.objects.get(last_name="Holm")
    RoleAssignment.objects.create(
        person=person, role=Role.PRESS_CONTACT, unit=Unit.objects.get(name="Socialförvaltningen")
    )
    html = text(public_client.get(press_room().url))
    contacts = html[html.index('id="press-contacts-heading"') :]
    contacts = contacts[: contacts.index("</section>")]
    assert contacts.count("Maria Holm") == 1
    assert "Socialförvaltningen" in contacts
