"""W3.7 / K2: role assignments are the one source of permissions, and changes take effect
at once – creating, changing, ending, deleting, and assignments ending by date."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import ModelLogEntry

from navet.organisation import services
from navet.organisation.middleware import SESSION_KEY
from navet.organisation.models import ManagedGroup, RoleAssignment, Unit
from navet.organisation.roles import Role

from .helpers import fresh, new_person


@pytest.fixture
def units(db):
    return {
        "utbildning": Unit.objects.get(name="Utbildningsförvaltningen"),
        "social": Unit.objects.get(name="Socialförvaltningen"),
    }


def can_publish_in(user, unit):
    return unit.public_section.permissions_for_user(fresh(user)).can_publish()


def test_W3_7_creating_an_assignment_grants_at_once(units):
    person = new_person(username="ny.redaktor", unit=units["social"])
    assert not can_publish_in(person.user, units["social"])

    RoleAssignment.objects.create(person=person, role=Role.EDITOR, unit=units["social"])
    assert can_publish_in(person.user, units["social"])
    assert not can_publish_in(person.user, units["utbildning"])


def test_W3_7_changing_the_unit_moves_the_permission(units):
    person = new_person(username="flyttar", unit=units["social"], role=Role.EDITOR)
    assignment = person.role_assignments.get()
    assignment.unit = units["utbildning"]
    assignment.save()
    assert can_publish_in(person.user, units["utbildning"])
    assert not can_publish_in(person.user, units["social"])


def test_W3_7_changing_the_role_changes_what_is_allowed(units):
    person = new_person(username="befordras", unit=units["social"], role=Role.AUTHOR)
    assert not can_publish_in(person.user, units["social"])
    assignment = person.role_assignments.get()
    assignment.role = Role.EDITOR
    assignment.save()
    assert can_publish_in(person.user, units["social"])


def test_W3_7_ending_an_assignment_removes_the_permission(units):
    person = new_person(username="slutar", unit=units["social"], role=Role.EDITOR)
    assignment = person.role_assignments.get()
    assignment.valid_from = timezone.localdate() - datetime.timedelta(days=30)
    assignment.valid_to = timezone.localdate() - datetime.timedelta(days=1)
    assignment.save()
    assert not can_publish_in(person.user, units["social"])
    assert not fresh(person.user).has_perm("wagtailadmin.access_admin")


def test_W3_7_deleting_an_assignment_removes_the_permission(units):
    person = new_person(username="tas.bort", unit=units["social"], role=Role.HEAD_EDITOR)
    person.role_assignments.get().delete()
    assert not can_publish_in(person.user, units["social"])


def test_W3_7_future_assignment_does_not_grant_yet(units):
    person = new_person(username="borjar.snart", unit=units["social"])
    RoleAssignment.objects.create(
        person=person,
        role=Role.EDITOR,
        unit=units["social"],
        valid_from=timezone.localdate() + datetime.timedelta(days=7),
    )
    assert not can_publish_in(person.user, units["social"])


def test_W3_7_moving_an_assignment_to_another_person(units):
    first = new_person(username="forsta", unit=units["social"], role=Role.EDITOR)
    second = new_person(username="andra", unit=units["social"])
    assignment = first.role_assignments.get()
    assignment.person = second
    assignment.save()
    assert not can_publish_in(first.user, units["social"])
    assert can_publish_in(second.user, units["social"])


def test_W3_7_assignment_that_ended_overnight_stops_on_the_next_request(client, units):
    """Dates pass without anyone saving: the first request of a new day re-derives groups."""
    person = new_person(username="nattskift", unit=units["social"], role=Role.EDITOR)
    client.force_login(person.user)
    assert client.get("/admin/").status_code == 200

    # The assignment's end date passes (a queryset update sends no signal).
    RoleAssignment.objects.filter(person=person).update(
        valid_from=timezone.localdate() - datetime.timedelta(days=10),
        valid_to=timezone.localdate() - datetime.timedelta(days=1),
    )
    session = client.session
    session[SESSION_KEY] = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    session.save()

    assert client.get("/admin/").status_code == 302
    assert not can_publish_in(person.user, units["social"])


def test_W3_7_daily_sync_command_applies_date_changes(units):
    from django.core.management import call_command

    person = new_person(username="dagligen", unit=units["social"], role=Role.EDITOR)
    RoleAssignment.objects.filter(person=person).update(
        valid_from=timezone.localdate() - datetime.timedelta(days=10),
        valid_to=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert can_publish_in(person.user, units["social"])  # nothing has re-derived yet
    call_command("sync_role_groups")
    assert not can_publish_in(person.user, units["social"])


def test_W3_7_hand_added_groups_do_not_survive(units):
    person = new_person(username="bakdorr", unit=units["social"], role=Role.AUTHOR)
    infomaster_group = ManagedGroup.objects.get(role=Role.INFOMASTER).group
    person.user.groups.add(infomaster_group)
    handmade = Group.objects.create(name="Egen grupp")
    person.user.groups.add(handmade)

    services.sync_role_groups(user=person.user)
    assert set(fresh(person.user).groups.all()) == {
        ManagedGroup.objects.get(role=Role.AUTHOR, unit=units["social"]).group
    }


def test_W3_7_wagtails_default_groups_are_removed(db):
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    assert not Group.objects.filter(navet_managed__isnull=True).exists()


def test_W3_7_a_units_new_section_moves_its_editors(units):
    from navet.web.models import SectionPage

    person = new_person(username="omorganiseras", unit=units["social"], role=Role.EDITOR)
    new_section = SectionPage.objects.live().exclude(pk=units["social"].public_section_id)
    new_section = new_section.filter(owning_unit=units["utbildning"]).first()
    old_section = units["social"].public_section
    units["social"].public_section = new_section
    units["social"].save()
    user = fresh(person.user)
    assert new_section.permissions_for_user(user).can_publish()
    assert not old_section.permissions_for_user(user).can_publish()


def test_W3_7_assignment_cannot_end_before_it_starts(units):
    from django.core.exceptions import ValidationError

    person = new_person(username="baklanges", unit=units["social"])
    assignment = RoleAssignment(
        person=person,
        role=Role.EDITOR,
        unit=units["social"],
        valid_from=datetime.date(2026, 5, 1),
        valid_to=datetime.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError) as error:
        assignment.full_clean()
    assert "valid_to" in error.value.message_dict


def test_W3_7_unit_cannot_be_part_of_itself(units):
    from django.core.exceptions import ValidationError

    child = Unit.objects.get(name="Förskola och grundskola")
    utbildning = units["utbildning"]
    utbildning.parent = child
    with pytest.raises(ValidationError):
        utbildning.full_clean()


def test_W3_7_assignment_changes_in_the_admin_are_in_the_audit_log(client, demo_user, units):
    client.force_login(demo_user("infomaster"))
    person = new_person(username="loggad", unit=units["social"])
    response = client.post(
        "/admin/snippets/organisation/roleassignment/add/",
        {
            "person": person.pk,
            "role": Role.EDITOR,
            "unit": units["social"].pk,
            "valid_from": timezone.localdate().isoformat(),
            "valid_to": "",
            "note": "Vikariat",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assignment = RoleAssignment.objects.get(person=person)
    assert can_publish_in(person.user, units["social"])

    entry = ModelLogEntry.objects.get(object_id=str(assignment.pk), action="wagtail.create")
    assert entry.user == demo_user("infomaster")

    response = client.post(
        f"/admin/snippets/organisation/roleassignment/edit/{assignment.pk}/",
        {
            "person": person.pk,
            "role": Role.EDITOR,
            "unit": units["social"].pk,
            "valid_from": (timezone.localdate() - datetime.timedelta(days=5)).isoformat(),
            "valid_to": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "note": "Avslutat",
        },
    )
    assert response.status_code == 302
    assert ModelLogEntry.objects.filter(object_id=str(assignment.pk), action="wagtail.edit")
    assert not can_publish_in(person.user, units["social"])


def test_W3_7_bad_assignment_in_the_admin_is_refused_and_nothing_saved(client, demo_user, units):
    client.force_login(demo_user("infomaster"))
    person = new_person(username="felaktig", unit=units["social"])
    response = client.post(
        "/admin/snippets/organisation/roleassignment/add/",
        {
            "person": person.pk,
            "role": Role.EDITOR,
            "unit": units["social"].pk,
            "valid_from": "2026-05-01",
            "valid_to": "2026-04-01",
        },
    )
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(person=person).exists()


def test_W3_7_only_organisation_managers_edit_assignments(client, demo_user):
    client.force_login(demo_user("huvudredaktor.social"))
    assert client.get("/admin/snippets/organisation/roleassignment/").status_code == 200
    assert client.get("/admin/snippets/organisation/roleassignment/add/").status_code != 200


def test_W3_7_account_form_cannot_grant_groups(client, demo_user):
    # An account without roles, which the webmaster may change (test_account_security.py).
    client.force_login(demo_user("webmaster"))
    target = demo_user("medarbetare")
    infomaster_group = ManagedGroup.objects.get(role=Role.INFOMASTER).group
    response = client.post(
        f"/admin/users/edit/{target.pk}/",
        {
            "username": target.username,
            "email": target.email,
            "first_name": target.first_name,
            "last_name": "Johansson-Ek",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [infomaster_group.pk],
        },
    )
    assert response.status_code == 302
    assert response.url == "/admin/users/"
    target.refresh_from_db()
    assert target.last_name == "Johansson-Ek"
    assert not target.is_superuser
    assert infomaster_group not in target.groups.all()


def test_W3_7_first_infomaster_of_a_new_install_via_command(db, monkeypatch):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    monkeypatch.setattr("getpass.getpass", lambda prompt: "Ett-langt-losenord-2026")
    call_command(
        "assign_role",
        "forsta.infomaster",
        "infomaster",
        "Ny kommun",
        create_unit="municipality",
        create_user=True,
    )
    user = get_user_model().objects.get(username="forsta.infomaster")
    assert user.check_password("Ett-langt-losenord-2026")
    assignment = RoleAssignment.objects.get(person__user=user)
    assert assignment.role == Role.INFOMASTER
    assert fresh(user).has_perm("organisation.add_roleassignment")
    assert ModelLogEntry.objects.filter(object_id=str(assignment.pk), action="wagtail.create")
