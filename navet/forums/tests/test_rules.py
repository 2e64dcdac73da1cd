"""The forums' rules from the seeds: no substitutes at the leadership forum unless the
director agreed (K6), and the head editor of Leanlink kept out of items that could give
Leanlink a competitive advantage (W3.7, seed 003 section 3.7.7) — on the documents
themselves, not only in lists."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from navet.forums import membership, services
from navet.forums.models import AgendaItem, AttendanceStatus, Meeting, Minutes, Paper
from navet.organisation.models import Unit

from .helpers import LEADERSHIP, WEB_COUNCIL, forum, person

pytestmark = pytest.mark.django_db
INTRANET = "intranet.localhost"


def coming_meeting(slug) -> Meeting:
    return forum(slug).meetings.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()


def test_k6_no_substitute_at_the_leadership_forum_without_the_directors_consent():
    meeting = coming_meeting(LEADERSHIP)
    director = person("kommunikationsdirektor")
    lead = person("kommunikationsansvarig.utbildning")
    colleague = person("huvudredaktor.utbildning")

    with pytest.raises(ValidationError, match="K6"):
        services.record_attendance(
            meeting=meeting,
            person=director,
            member=lead,
            status=AttendanceStatus.SUBSTITUTED,
            substitute=colleague,
        )
    assert not meeting.attendance.exists()

    # Only the chair agrees, and only for this meeting and a specific question.
    with pytest.raises(PermissionDenied):
        services.agree_substitute(
            meeting=meeting,
            person=lead,
            member=lead,
            substitute=colleague,
            question="Skolvalet",
            user=lead.user,
        )
    services.agree_substitute(
        meeting=meeting,
        person=director,
        member=lead,
        substitute=colleague,
        question="Skolvalet",
        user=director.user,
    )
    services.record_attendance(
        meeting=meeting,
        person=director,
        member=lead,
        status=AttendanceStatus.SUBSTITUTED,
        substitute=colleague,
    )
    assert meeting.attendance.get(person=lead).substitute == colleague

    # The consent does not carry over to the next meeting.
    following = forum(LEADERSHIP).meetings.filter(starts_at__gt=meeting.starts_at).first()
    with pytest.raises(ValidationError):
        services.record_attendance(
            meeting=following,
            person=director,
            member=lead,
            status=AttendanceStatus.SUBSTITUTED,
            substitute=colleague,
        )


def test_k6_other_forums_accept_substitutes(client, demo_user):
    meeting = coming_meeting(WEB_COUNCIL)
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(demo_user("chef.planerad"))
    social = person("huvudredaktor.social")
    stand_in = person("redaktor.social")
    response = client.post(
        f"/forum/webbrad/moten/{meeting.pk}/narvaro/",
        {
            f"status-{social.pk}": AttendanceStatus.SUBSTITUTED,
            f"substitute-{social.pk}": stand_in.pk,
        },
    )
    assert response.status_code == 302
    assert meeting.attendance.get(person=social).substitute == stand_in


def test_k6_refused_substitute_is_a_message_not_an_error_page(client, demo_user):
    meeting = coming_meeting(LEADERSHIP)
    lead = person("kommunikationsansvarig.social")
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(demo_user("kommunikationsdirektor"))
    response = client.post(
        f"/forum/{LEADERSHIP}/moten/{meeting.pk}/narvaro/",
        {
            f"status-{lead.pk}": AttendanceStatus.SUBSTITUTED,
            f"substitute-{lead.pk}": person("redaktor.social").pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "skickar inte ersättare" in response.content.decode()
    assert not meeting.attendance.exists()


@pytest.fixture
def leanlink_item(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    meeting = coming_meeting(WEB_COUNCIL)
    chair = person("chef.planerad")
    item = services.propose_item(
        meeting=meeting, person=chair, title="Upphandling av hemtjänstens webbsidor"
    )
    services.mark_competitive(item=item, person=chair, unit=Unit.objects.get(name="Leanlink"))
    paper = services.attach_paper(
        item=item,
        person=chair,
        title="Underlag om upphandlingen",
        upload=SimpleUploadedFile("underlag.pdf", b"%PDF-1.4 underlag", "application/pdf"),
    )
    other = services.propose_item(meeting=meeting, person=chair, title="Startsidans nyheter")
    return item, paper, other


def test_w3_7_leanlink_head_editor_gets_neither_papers_nor_minutes_of_the_item(
    client, demo_user, leanlink_item
):
    item, paper, other = leanlink_item
    leanlink = person("huvudredaktor.leanlink")
    assert membership.is_member(item.meeting.forum, leanlink)
    assert membership.excluded_from_item(item, leanlink)
    assert not membership.excluded_from_item(other, leanlink)

    meeting = item.meeting
    chair = person("chef.planerad")
    services.write_minutes(
        meeting=meeting,
        person=chair,
        summary="Rådet träffades.",
        item_minutes={item.pk: "Beslut om upphandlingens krav.", other.pk: "Nyheterna byts ut."},
    )
    services.publish_minutes(
        minutes=meeting.minutes, person=chair, audience="members", user=chair.user
    )

    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(demo_user("huvudredaktor.leanlink"))
    page = client.get(f"/forum/webbrad/moten/{meeting.pk}/").content.decode()
    assert "Nyheterna byts ut." in page
    assert "Beslut om upphandlingens krav." not in page
    assert paper.document.url not in page
    assert "konkurrensfördelar" in page
    # The document itself is refused, whatever link is used.
    assert client.get(paper.document.url).status_code == 403
    assert client.get(f"/media/{paper.document.file.name}").status_code == 403

    client.force_login(demo_user("huvudredaktor.social"))
    page = client.get(f"/forum/webbrad/moten/{meeting.pk}/").content.decode()
    assert "Beslut om upphandlingens krav." in page
    assert paper.document.url in page
    assert client.get(paper.document.url).status_code == 200
    assert client.get(f"/media/{paper.document.file.name}").status_code == 200


def test_w3_7_papers_are_for_the_forums_members_only(client, demo_user, leanlink_item):
    _item, paper, _other = leanlink_item
    client.defaults["HTTP_HOST"] = INTRANET
    client.force_login(demo_user("medarbetare"))
    assert client.get(paper.document.url).status_code == 403
    assert client.get(f"/forum/webbrad/moten/{paper.item.meeting.pk}/").status_code == 403


def test_w3_7_only_the_chair_or_secretary_marks_an_item(leanlink_item):
    _item, _paper, other = leanlink_item
    with pytest.raises(PermissionDenied):
        services.mark_competitive(
            item=other,
            person=person("huvudredaktor.social"),
            unit=Unit.objects.get(name="Leanlink"),
        )
    services.mark_competitive(
        item=other, person=person("infomaster"), unit=Unit.objects.get(name="Leanlink")
    )
    other.refresh_from_db()
    assert other.competitive_advantage_for.name == "Leanlink"


def test_w3_7_the_demo_marks_a_leanlink_item_with_a_withheld_paper():
    item = AgendaItem.objects.filter(competitive_advantage_for__name="Leanlink").first()
    assert item is not None
    assert Paper.objects.filter(item=item).exists()
    assert Minutes.objects.filter(published_at__isnull=False).count() >= 2
    assert item.meeting.starts_at < timezone.now() + datetime.timedelta(days=400)
