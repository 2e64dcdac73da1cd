"""K3, K6, W3.7: who sits in a forum follows from role assignments, at once."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from navet.forums import membership, services
from navet.forums.models import ExtraMemberKind
from navet.organisation.models import RoleAssignment, Unit
from navet.organisation.roles import Role
from navet.organisation.tests.helpers import new_person

from .helpers import LEADERSHIP, NETWORK, WEB_COUNCIL, forum, person, usernames

pytestmark = pytest.mark.django_db


def test_k3_communications_lead_of_each_administration_sits_in_the_leadership_forum():
    members = membership.members(forum(LEADERSHIP))
    names = usernames(members)
    assert {"kommunikationsansvarig.utbildning", "kommunikationsansvarig.social"} <= names
    # Chaired by the communications director; unit managers of the staff take part.
    assert [p.user.username for p in membership.chairs(forum(LEADERSHIP))] == [
        "kommunikationsdirektor"
    ]
    assert "chef.planerad" in names
    # Not head editors or other employees.
    assert not names & {"huvudredaktor.utbildning", "medarbetare"}


def test_k6_web_council_chaired_by_head_of_planerad_kommunikation_infomaster_secretary():
    council = forum(WEB_COUNCIL)
    assert [p.user.username for p in membership.chairs(council)] == ["chef.planerad"]
    assert [p.user.username for p in membership.secretaries(council)] == ["infomaster"]
    names = usernames(membership.members(council))
    # The head editors of every administration, Leanlink's included.
    assert {
        "huvudredaktor.kommunledning",
        "huvudredaktor.utbildning",
        "huvudredaktor.social",
        "huvudredaktor.kultur",
        "huvudredaktor.samhallsbyggnad",
        "huvudredaktor.leanlink",
    } <= names
    # The co-opted experts are marked as such.
    experts = {m.person.user.username for m in membership.members(council) if m.is_expert}
    assert experts == {"itstrateg", "webmaster"}


def test_k6_membership_follows_role_assignment_changes_at_once():
    council = forum(WEB_COUNCIL)
    kultur = Unit.objects.get(name="Kultur- och fritidsförvaltningen")
    newcomer = new_person(username="ny.huvudredaktor", unit=kultur, role=Role.HEAD_EDITOR)
    assert "ny.huvudredaktor" in usernames(membership.members(council))

    assignment = RoleAssignment.objects.get(person=newcomer, role=Role.HEAD_EDITOR)
    assignment.valid_to = timezone.localdate() - datetime.timedelta(days=1)
    assignment.valid_from = assignment.valid_to
    assignment.save()
    assert "ny.huvudredaktor" not in usernames(membership.members(council))


def test_k6_a_new_chair_takes_over_when_the_role_changes_hands():
    council = forum(WEB_COUNCIL)
    planerad = Unit.objects.get(name="Planerad kommunikation")
    RoleAssignment.objects.filter(role=Role.MANAGER, unit=planerad).delete()
    successor = new_person(username="ny.chef.planerad", unit=planerad, role=Role.MANAGER)
    assert [p.pk for p in membership.chairs(council)] == [successor.pk]
    assert membership.is_chair(council, successor)
    assert not membership.is_chair(council, person("chef.planerad"))


def test_k6_the_chair_adds_extra_members_and_co_opted_experts(client, demo_user):
    council = forum(WEB_COUNCIL)
    lawyer = new_person(
        username="jurist", unit=Unit.objects.get(name="Kommunledningsförvaltningen")
    )
    with pytest.raises(PermissionDenied):
        services.add_extra_member(
            forum=council,
            person=person("huvudredaktor.social"),
            added=lawyer,
            kind=ExtraMemberKind.EXPERT,
        )
    client.defaults["HTTP_HOST"] = "intranet.localhost"
    client.force_login(demo_user("chef.planerad"))
    response = client.post(
        f"/forum/{council.slug}/ledamot/",
        {
            "extra-person": lawyer.pk,
            "extra-kind": ExtraMemberKind.EXPERT,
            "extra-expertise": "Juridik",
        },
    )
    assert response.status_code == 302
    member = next(m for m in membership.members(council) if m.person.pk == lawyer.pk)
    assert member.is_expert and "Juridik" in member.reasons[0]


def test_k6_communication_network_is_voluntary_and_open_to_communication_roles(client, demo_user):
    network = forum(NETWORK)
    client.defaults["HTTP_HOST"] = "intranet.localhost"
    editor = person("redaktor.social")
    assert not membership.is_member(network, editor)

    client.force_login(demo_user("redaktor.social"))
    page = client.get(f"/forum/{network.slug}/")
    assert "Gå med i nätverket".encode() in page.content
    client.post(f"/forum/{network.slug}/delta/")
    assert membership.is_member(network, editor)

    # Someone without a communication role may not join.
    client.force_login(demo_user("medarbetare"))
    response = client.post(f"/forum/{network.slug}/delta/", follow=True)
    assert not membership.is_member(network, person("medarbetare"))
    assert "kommunikationsroll" in response.content.decode()

    # Losing the role ends the membership, though the choice to join is remembered.
    RoleAssignment.objects.filter(person=editor).delete()
    assert not membership.is_member(network, editor)


def test_k6_leaving_the_network(client, demo_user):
    network = forum(NETWORK)
    client.defaults["HTTP_HOST"] = "intranet.localhost"
    client.force_login(demo_user("huvudredaktor.utbildning"))
    assert membership.is_member(network, person("huvudredaktor.utbildning"))
    client.post(f"/forum/{network.slug}/delta/", {"leave": "1"})
    assert not membership.is_member(network, person("huvudredaktor.utbildning"))


def test_k6_forums_are_data_kept_in_the_admin_by_role(client, demo_user):
    """The rules that make up a forum are edited in the admin, by the roles that keep them."""
    council = forum(WEB_COUNCIL)
    client.force_login(demo_user("infomaster"))
    assert client.get("/admin/snippets/forums/forum/").status_code == 200
    edit = client.get(f"/admin/snippets/forums/forum/edit/{council.pk}/")
    assert edit.status_code == 200
    assert "Huvudredaktörerna för externwebben" in edit.content.decode()

    client.force_login(demo_user("kommunikationsansvarig.social"))
    assert client.get("/admin/snippets/forums/campaign/add/").status_code == 200
    assert client.get("/admin/snippets/forums/forum/").status_code in (302, 403)


def test_k6_the_chair_removes_an_extra_member_others_may_not(client, demo_user):
    council = forum(WEB_COUNCIL)
    webmaster = person("webmaster")
    client.defaults["HTTP_HOST"] = "intranet.localhost"
    client.force_login(demo_user("infomaster"))
    client.post(f"/forum/{council.slug}/ledamot/{webmaster.pk}/ta-bort/")
    assert membership.is_member(council, webmaster)

    client.force_login(demo_user("chef.planerad"))
    page = client.get(f"/forum/{council.slug}/").content.decode()
    assert f"Ta bort {webmaster}" in page
    client.post(f"/forum/{council.slug}/ledamot/{webmaster.pk}/ta-bort/")
    assert not membership.is_member(council, webmaster)
