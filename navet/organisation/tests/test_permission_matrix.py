"""W3.7: the permission matrix. Every role, given in Utbildningsförvaltningen, tried on the
unit's own sections, on another administration's sections and on the start pages of both
sites, for add, edit and publish."""

import pytest
from wagtail.models import Site

from navet.organisation.models import Unit
from navet.organisation.roles import Role
from navet.web.models import StartPage

from .helpers import fresh, new_person

OWN, OTHER, START = "own section", "other unit's section", "start page"
NOTHING = {OWN: (False, False, False), OTHER: (False, False, False), START: (False, False, False)}
# (add, edit, publish) per target.
EXPECTED = {
    Role.MUNICIPAL_DIRECTOR: NOTHING,
    Role.MANAGER: NOTHING,
    Role.AUTHOR: {**NOTHING, OWN: (True, True, False)},
    Role.EDITOR: {**NOTHING, OWN: (True, True, True)},
    Role.HEAD_EDITOR: {**NOTHING, OWN: (True, True, True)},
    Role.INFOMASTER: {OWN: (True, True, True), OTHER: (True, True, True), START: (True,) * 3},
    Role.WEBMASTER: NOTHING,
    Role.SYSTEM_OWNER_DELEGATE: NOTHING,
    Role.STEERING_GROUP_MEMBER: NOTHING,
    Role.STRATEGIC_MANAGEMENT_GROUP_MEMBER: NOTHING,
    Role.WEB_GROUP_MEMBER: NOTHING,
    Role.COMMUNICATIONS_LEAD: NOTHING,
    Role.COMMUNICATOR: NOTHING,
    Role.ON_CALL_COMMUNICATOR: NOTHING,
    Role.SPOKESPERSON: NOTHING,
    Role.PRESS_CONTACT: NOTHING,
}


def test_matrix_covers_the_whole_role_catalogue():
    assert set(EXPECTED) == set(Role)


def _targets():
    utbildning = Unit.objects.get(name="Utbildningsförvaltningen")
    social = Unit.objects.get(name="Socialförvaltningen")
    targets = {OWN: [], OTHER: [], START: []}
    for unit, key in ((utbildning, OWN), (social, OTHER)):
        for section in (unit.public_section, unit.intranet_section):
            # Add under the section; edit and publish an existing page inside it.
            targets[key].append((section, section.get_children().first()))
    for site in Site.objects.all():
        start = site.root_page.specific
        assert isinstance(start, StartPage)
        targets[START].append((start, start))
    return utbildning, targets


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_W3_7_role_permissions_on_sections_and_start_pages(role):
    utbildning, targets = _targets()
    person = new_person(username=f"matrix.{role.value}", unit=utbildning, role=role)
    user = fresh(person.user)

    for target, pairs in targets.items():
        expected_add, expected_edit, expected_publish = EXPECTED[role][target]
        for parent, page in pairs:
            parent_perms = parent.permissions_for_user(user)
            page_perms = page.permissions_for_user(user)
            where = f"{role.label} on {target} ({page.url_path})"
            assert parent_perms.can_add_subpage() is expected_add, f"add: {where}"
            assert page_perms.can_edit() is expected_edit, f"edit: {where}"
            assert page_perms.can_publish() is expected_publish, f"publish: {where}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_W3_7_every_active_role_opens_the_admin(role, client):
    unit = Unit.objects.get(name="Socialförvaltningen")
    person = new_person(username=f"admin.{role.value}", unit=unit, role=role)
    client.force_login(person.user)
    response = client.get("/admin/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_W3_7_a_person_without_active_assignment_cannot_enter_the_admin(client, demo_user):
    client.force_login(demo_user("medarbetare"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


@pytest.mark.django_db
def test_W3_7_author_in_a_subunit_works_in_the_administrations_sections():
    """forfattare.utbildning sits in Förskola och grundskola, which has no sections of its own."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="forfattare.utbildning")
    utbildning = Unit.objects.get(name="Utbildningsförvaltningen")
    section = utbildning.public_section
    assert section.permissions_for_user(user).can_add_subpage()
    assert not section.permissions_for_user(user).can_publish()
