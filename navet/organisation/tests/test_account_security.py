"""W3.7 / rule 7, account security (OWASP ASVS 2): role assignments are the only source of
rights, so nobody gains another person's rights by editing their account.

A password is chosen only by its holder; an account is changed only by someone whose own
roles cover all of its roles (navet/organisation/accounts.py); every change is in the audit
log. Tried through the real admin views with the Django test client."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from navet.organisation import accounts
from navet.organisation.models import ManagedGroup, Unit
from navet.organisation.roles import Role

from .helpers import fresh, new_person

DEMO_PASSWORD = settings.NAVET_DEMO_PASSWORD
NEW_PASSWORD = "Kapat-konto-2026!"
CHANGES = {
    accounts.CREATED,
    accounts.EDITED,
    accounts.ACTIVATED,
    accounts.DEACTIVATED,
    accounts.DELETED,
    accounts.PASSWORD_CHANGED,
    accounts.PASSWORD_RESET,
    accounts.PASSWORD_SET,
    accounts.PASSWORD_LINK_SENT,
}

# One demo user per role (navet/demo/organisation.py), and one without any role.
ACTORS = {
    Role.MUNICIPAL_DIRECTOR: "kommundirektor",
    Role.MANAGER: "chef.kultur",
    Role.SYSTEM_OWNER_DELEGATE: "kommunikationsdirektor",
    Role.STEERING_GROUP_MEMBER: "itstrateg",
    Role.INFOMASTER: "infomaster",
    Role.WEBMASTER: "webmaster",
    Role.STRATEGIC_MANAGEMENT_GROUP_MEMBER: "utbildningsdirektor",
    Role.HEAD_EDITOR: "huvudredaktor.utbildning",
    Role.EDITOR: "redaktor.utbildning",
    Role.AUTHOR: "forfattare.social",
    Role.WEB_GROUP_MEMBER: "forfattare.utbildning",
    Role.COMMUNICATIONS_LEAD: "kommunikationsansvarig.utbildning",
    Role.COMMUNICATOR: "chef.planerad",
    Role.ON_CALL_COMMUNICATOR: "kib",
    Role.SPOKESPERSON: "socialdirektor",
    Role.PRESS_CONTACT: "pressekreterare",
    None: "medarbetare",
}
WITH_ROLES, WITHOUT_ROLES = "infomaster", "medarbetare"

# The rule, written out for the demo: only the webmaster role may open the account views
# (auth.change_user, no one has auth.delete_user), and the webmaster covers no role but
# its own, so it may change accounts without roles and nothing else. Passwords and groups
# are never set on someone else's account.
MAY_CHANGE = {("webmaster", WITHOUT_ROLES)}
ALWAYS_REFUSED = {"password", "groups (form)", "groups (bulk)", "delete", "delete (bulk)"}


def _form_data(user, **overrides):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": "on" if user.is_active else "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _edit(client, target, **overrides):
    return client.post(f"/admin/users/edit/{target.pk}/", _form_data(target, **overrides))


def _bulk(client, action, target, data=None):
    return client.post(f"/admin/bulk/auth/user/{action}/?id={target.pk}", data or {})


def _snapshot(user):
    user = get_user_model().objects.filter(pk=user.pk).first()
    if user is None:
        return None
    return {
        "password": user.password,
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": user.is_active,
        "is_superuser": user.is_superuser,
        "groups": sorted(user.groups.values_list("pk", flat=True)),
    }


def _can_sign_in(username, password):
    """Sign in through the site's login form, as a person would."""
    browser = Client()
    browser.post("/logga-in/", {"username": username, "password": password})
    return "_auth_user_id" in browser.session


def _infomaster_group():
    return ManagedGroup.objects.get(role=Role.INFOMASTER).group


def _attempt(client, action, target):
    """Try `action` on `target`'s account; return the field that would show it worked."""
    if action == "password":
        _edit(client, target, password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    elif action == "groups (form)":
        _edit(client, target, groups=[_infomaster_group().pk], is_superuser="on")
    elif action == "groups (bulk)":
        _bulk(client, "assign_role", target, {"role": _infomaster_group().pk})
    elif action == "active":
        _edit(client, target, is_active="")
    elif action == "active (bulk)":
        _bulk(client, "set_active_state", target, {"mark_as_active": "False"})
    elif action == "name and email":
        _edit(client, target, first_name="Ny", last_name="Person", email="kapare@example.org")
    elif action == "delete":
        client.post(f"/admin/users/delete/{target.pk}/")
    elif action == "delete (bulk)":
        _bulk(client, "delete", target)
    else:  # pragma: no cover
        raise AssertionError(action)


def _logged_changes(target):
    return set(
        ModelLogEntry.objects.filter(
            content_type__model="user", object_id=str(target.pk), action__in=CHANGES
        ).values_list("action", flat=True)
    )


ACTIONS = [
    "password",
    "groups (form)",
    "groups (bulk)",
    "active",
    "active (bulk)",
    "name and email",
    "delete",
    "delete (bulk)",
]
EXPECTED_LOG = {
    "active": accounts.DEACTIVATED,
    "active (bulk)": accounts.DEACTIVATED,
    "name and email": accounts.EDITED,
}
MATRIX = [
    (actor, target, action)
    for actor in ACTORS.values()
    for target in (WITH_ROLES, WITHOUT_ROLES)
    if actor != target
    for action in ACTIONS
]


# The reproduced defect.


@pytest.mark.django_db
def test_security_W3_7_webmaster_cannot_set_the_infomasters_password(client, demo_user):
    webmaster, infomaster = demo_user("webmaster"), demo_user("infomaster")
    client.force_login(webmaster)

    response = _edit(client, infomaster, password1=NEW_PASSWORD, password2=NEW_PASSWORD)

    assert response.status_code in (302, 403)
    infomaster.refresh_from_db()
    assert infomaster.check_password(DEMO_PASSWORD)
    assert not infomaster.check_password(NEW_PASSWORD)
    assert not _can_sign_in("infomaster", NEW_PASSWORD)
    assert _can_sign_in("infomaster", DEMO_PASSWORD)


@pytest.mark.django_db
def test_security_W3_7_posted_password_is_refused_even_for_an_account_one_may_change(
    client, demo_user
):
    client.force_login(demo_user("webmaster"))
    target = demo_user(WITHOUT_ROLES)
    before = _snapshot(target)

    response = _edit(
        client, target, first_name="Ändrat", password1=NEW_PASSWORD, password2=NEW_PASSWORD
    )

    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode() or "Inget sparades" in (
        response.content.decode()
    )
    assert _snapshot(target) == before
    assert not _can_sign_in(WITHOUT_ROLES, NEW_PASSWORD)
    assert _logged_changes(target) == set()


@pytest.mark.django_db
def test_security_W3_7_account_forms_have_no_password_fields(client, demo_user):
    client.force_login(demo_user("webmaster"))
    for url in ("/admin/users/new/", f"/admin/users/edit/{demo_user(WITHOUT_ROLES).pk}/"):
        html = client.get(url).content.decode()
        assert 'name="password1"' not in html, url
        assert 'name="password2"' not in html, url
    create_form = client.get("/admin/users/new/").content.decode()
    assert "väljer sitt eget lösenord" in create_form


# The permission matrix: every demo role, and a person without one, on an account with roles
# and on one without, for every way of changing an account.


@pytest.mark.django_db
@pytest.mark.parametrize(("actor", "target", "action"), MATRIX)
def test_security_W3_7_account_change_matrix(client, demo_user, actor, target, action):
    actor_user, target_user = demo_user(actor), demo_user(target)
    client.force_login(actor_user)
    before = _snapshot(target_user)

    _attempt(client, action, target_user)

    after = _snapshot(target_user)
    allowed = (actor, target) in MAY_CHANGE and action not in ALWAYS_REFUSED
    if allowed:
        assert after != before, f"{actor} should be able to: {action} on {target}"
        assert before["password"] == after["password"]
        assert before["groups"] == after["groups"]
        assert EXPECTED_LOG[action] in _logged_changes(target_user)
    else:
        assert after == before, f"{actor} must not: {action} on {target}"
        assert _logged_changes(target_user) == set()


def test_security_W3_7_matrix_covers_every_role_and_a_person_without_one():
    assert set(ACTORS) == {*Role, None}


# The cover rule itself, for the demo's people.

COVERS = {
    # The delegate and the infomaster hand out roles: they cover every role that does not
    # hand out roles, but not each other's.
    "kommunikationsdirektor": {
        "webmaster": True,
        "huvudredaktor.social": True,
        "forfattare.utbildning": True,
        "infomaster": False,
        "medarbetare": True,
    },
    "infomaster": {
        "webmaster": True,
        "huvudredaktor.social": True,
        "forfattare.social": True,
        "itstrateg": True,
        "kommunikationsdirektor": False,
        "medarbetare": True,
    },
    # Everyone else covers only the roles they hold themselves.
    "webmaster": {
        "infomaster": False,
        "huvudredaktor.social": False,
        "kommunikationsdirektor": False,
        "forfattare.social": False,
        "medarbetare": True,
    },
    "huvudredaktor.utbildning": {
        "huvudredaktor.social": True,
        "redaktor.utbildning": False,
        "forfattare.social": False,
        "medarbetare": True,
    },
    "forfattare.utbildning": {"forfattare.social": True, "huvudredaktor.social": False},
    "forfattare.social": {"forfattare.utbildning": False},
    "medarbetare": {"forfattare.social": False},
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("actor", "target", "expected"),
    [(a, t, e) for a, targets in COVERS.items() for t, e in targets.items()],
)
def test_security_W3_7_cover_rule(demo_user, actor, target, expected):
    assert accounts.covers(actor=demo_user(actor), target=demo_user(target)) is expected


@pytest.mark.django_db
def test_security_W3_7_ended_roles_still_in_groups_are_not_covered(demo_user):
    """An account keeps its generated groups until they are re-derived: until then its
    rights are still those of the role."""
    target = demo_user("huvudredaktor.social")
    target.person.role_assignments.all().update(valid_to="2020-01-01", valid_from="2019-01-01")
    assert target.groups.exists()
    assert not accounts.covers(actor=demo_user("webmaster"), target=target)


@pytest.mark.django_db
def test_security_W3_7_rights_outside_roles_are_not_covered(demo_user):
    target = demo_user(WITHOUT_ROLES)
    target.user_permissions.add(Permission.objects.get(codename="change_user"))
    assert not accounts.covers(actor=demo_user("webmaster"), target=target)
    assert not accounts.covers(actor=demo_user("infomaster"), target=target)


# Through the admin: an account manager whose roles cover more.


@pytest.fixture
def units(db):
    return {
        "planerad": Unit.objects.get(name="Planerad kommunikation"),
        "social": Unit.objects.get(name="Socialförvaltningen"),
    }


def _with_roles(username, *roles, unit):
    person = new_person(username=username, unit=unit, role=roles[0])
    for role in roles[1:]:
        person.role_assignments.create(role=role, unit=unit)
    get_user_model().objects.filter(pk=person.user_id).update(
        first_name="Test", last_name=username, email=f"{username}@linkoping.se"
    )
    return fresh(person.user)


@pytest.mark.django_db
def test_security_W3_7_webmaster_changes_another_webmasters_account(client, demo_user, units):
    colleague = _with_roles("webmaster.vikarie", Role.WEBMASTER, unit=units["planerad"])
    client.force_login(demo_user("webmaster"))

    response = _edit(client, colleague, email="vikarie@linkoping.se", is_active="")

    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.email == "vikarie@linkoping.se"
    assert not colleague.is_active
    assert _logged_changes(colleague) == {accounts.EDITED, accounts.DEACTIVATED}


@pytest.mark.django_db
def test_security_W3_7_webmaster_who_is_also_head_editor_covers_head_editors(
    client, demo_user, units
):
    actor = _with_roles(
        "webmaster.redaktor", Role.WEBMASTER, Role.HEAD_EDITOR, unit=units["social"]
    )
    client.force_login(actor)
    head_editor, author = demo_user("huvudredaktor.utbildning"), demo_user("forfattare.social")

    _edit(client, head_editor, last_name="Lundgren")
    _edit(client, author, last_name="Intrång")

    head_editor.refresh_from_db()
    author.refresh_from_db()
    assert head_editor.last_name == "Lundgren"
    assert author.last_name == "Karlsson"


@pytest.mark.django_db
def test_security_W3_7_infomaster_with_account_rights_cannot_change_the_delegate(
    client, demo_user, units
):
    actor = _with_roles(
        "infomaster.webmaster", Role.INFOMASTER, Role.WEBMASTER, unit=units["planerad"]
    )
    client.force_login(actor)
    author, delegate = demo_user("forfattare.social"), demo_user("kommunikationsdirektor")
    delegate_before = _snapshot(delegate)

    _edit(client, author, last_name="Karlsson-Berg")
    response = _edit(client, delegate, email="kapare@example.org")

    author.refresh_from_db()
    assert author.last_name == "Karlsson-Berg"
    assert _snapshot(delegate) == delegate_before
    assert response.status_code == 302
    refusal = ModelLogEntry.objects.get(object_id=str(delegate.pk), action=accounts.REFUSED)
    assert refusal.user == actor
    assert refusal.data["roles"] == [Role.SYSTEM_OWNER_DELEGATE]


@pytest.mark.django_db
def test_security_W3_7_delete_needs_cover_as_well(client, demo_user):
    """Nobody has auth.delete_user in the demo; with it, the cover rule still decides."""
    webmaster = demo_user("webmaster")
    webmaster.user_permissions.add(Permission.objects.get(codename="delete_user"))
    client.force_login(webmaster)
    infomaster, employee = demo_user(WITH_ROLES), demo_user(WITHOUT_ROLES)

    client.post(f"/admin/users/delete/{infomaster.pk}/")
    _bulk(client, "delete", infomaster)
    assert get_user_model().objects.filter(pk=infomaster.pk).exists()
    assert _logged_changes(infomaster) == set()

    response = client.post(f"/admin/users/delete/{employee.pk}/")
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=employee.pk).exists()
    entry = ModelLogEntry.objects.get(object_id=str(employee.pk), action=accounts.DELETED)
    assert entry.user == webmaster


@pytest.mark.django_db
def test_security_W3_7_bulk_delete_is_logged(client, demo_user):
    webmaster = demo_user("webmaster")
    webmaster.user_permissions.add(Permission.objects.get(codename="delete_user"))
    client.force_login(webmaster)
    employee = demo_user(WITHOUT_ROLES)

    _bulk(client, "delete", employee)

    assert not get_user_model().objects.filter(pk=employee.pk).exists()
    assert ModelLogEntry.objects.filter(object_id=str(employee.pk), action=accounts.DELETED)


@pytest.mark.django_db
def test_security_W3_7_nobody_edits_their_own_rights(client, demo_user):
    webmaster = demo_user("webmaster")
    client.force_login(webmaster)
    before = _snapshot(webmaster)

    _edit(client, webmaster, is_active="", is_superuser="on", groups=[_infomaster_group().pk])
    _bulk(client, "assign_role", webmaster, {"role": _infomaster_group().pk})
    _bulk(client, "set_active_state", webmaster, {"mark_as_active": "False"})

    assert _snapshot(webmaster) == before


@pytest.mark.django_db
def test_security_W3_7_refusal_is_a_clear_swedish_message_and_logged(client, demo_user):
    webmaster, infomaster = demo_user("webmaster"), demo_user(WITH_ROLES)
    client.force_login(webmaster)

    response = client.get(f"/admin/users/edit/{infomaster.pk}/", follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Du kan inte ändra kontot för Sara Ekström" in html
    assert "Infomaster" in html
    assert "W3.7" in html
    refusal = ModelLogEntry.objects.get(object_id=str(infomaster.pk), action=accounts.REFUSED)
    assert refusal.user == webmaster


@pytest.mark.django_db
def test_security_W3_7_bulk_assign_role_is_refused_with_a_message(client, demo_user):
    client.force_login(demo_user("webmaster"))
    employee = demo_user(WITHOUT_ROLES)
    page = client.get(f"/admin/bulk/auth/user/assign_role/?id={employee.pk}")
    assert page.status_code == 200
    response = client.post(
        f"/admin/bulk/auth/user/assign_role/?id={employee.pk}",
        {"role": _infomaster_group().pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "Behörigheter kommer bara från rolltilldelningar" in response.content.decode()
    assert not employee.groups.exists()


# Creating an account: no password from the creator; the holder chooses one with a link.


def _link_in(message):
    return re.search(r"https?://\S+/admin/password_reset/confirm/\S+/", message.body).group(0)


@pytest.mark.django_db
def test_security_W3_7_new_account_has_no_password_and_its_holder_chooses_one(
    client, demo_user, django_capture_on_commit_callbacks
):
    webmaster = demo_user("webmaster")
    client.force_login(webmaster)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/users/new/",
            {
                "username": "ny.medarbetare",
                "email": "ny.medarbetare@linkoping.se",
                "first_name": "Ny",
                "last_name": "Medarbetare",
                "password1": "",
                "password2": "",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = get_user_model().objects.get(username="ny.medarbetare")
    assert not user.has_usable_password()
    assert not user.groups.exists()
    assert _logged_changes(user) == {accounts.CREATED, accounts.PASSWORD_LINK_SENT}
    assert ModelLogEntry.objects.get(object_id=str(user.pk), action=accounts.CREATED).user == (
        webmaster
    )

    (message,) = mail.outbox
    assert message.to == ["ny.medarbetare@linkoping.se"]
    assert "ny.medarbetare" in message.body
    link = _link_in(message)

    # The holder follows the link (anonymous) and chooses a password.
    client.logout()
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get(f"/{path}", follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            set_password_url,
            {"new_password1": "Mitt-eget-losenord-26", "new_password2": "Mitt-eget-losenord-26"},
        )
    user.refresh_from_db()
    assert user.check_password("Mitt-eget-losenord-26")
    entry = ModelLogEntry.objects.get(object_id=str(user.pk), action=accounts.PASSWORD_RESET)
    assert entry.user is None
    assert mail.outbox[-1].to == ["ny.medarbetare@linkoping.se"]
    assert _can_sign_in("ny.medarbetare", "Mitt-eget-losenord-26")


@pytest.mark.django_db
def test_security_W3_7_creator_cannot_post_a_password(client, demo_user):
    client.force_login(demo_user("webmaster"))
    client.post(
        "/admin/users/new/",
        {
            "username": "forbjuden",
            "email": "forbjuden@linkoping.se",
            "first_name": "För",
            "last_name": "Bjuden",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    user = get_user_model().objects.filter(username="forbjuden").first()
    assert user is None or not user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_security_W3_7_password_link_goes_to_the_holders_own_address(
    client, demo_user, django_capture_on_commit_callbacks
):
    webmaster, employee = demo_user("webmaster"), demo_user(WITHOUT_ROLES)
    client.force_login(webmaster)

    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, employee, send_password_link="on")

    (message,) = mail.outbox
    assert message.to == [employee.email]
    employee.refresh_from_db()
    assert employee.check_password(DEMO_PASSWORD)
    entry = ModelLogEntry.objects.get(
        object_id=str(employee.pk), action=accounts.PASSWORD_LINK_SENT
    )
    assert entry.user == webmaster


# The holder's own password change, and notices.


@pytest.mark.django_db
def test_security_W3_7_own_password_change_is_logged_and_notified(
    client, demo_user, django_capture_on_commit_callbacks
):
    infomaster = demo_user(WITH_ROLES)
    client.force_login(infomaster)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/account/",
            {
                "name_email-first_name": infomaster.first_name,
                "name_email-last_name": infomaster.last_name,
                "name_email-email": infomaster.email,
                "locale-preferred_language": "sv",
                "locale-current_time_zone": "",
                "theme-theme": "system",
                "theme-density": "default",
                "theme-contrast": "system",
                "theme-keyboard_shortcuts": "on",
                "password-old_password": DEMO_PASSWORD,
                "password-new_password1": NEW_PASSWORD,
                "password-new_password2": NEW_PASSWORD,
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    infomaster.refresh_from_db()
    assert infomaster.check_password(NEW_PASSWORD)
    entry = ModelLogEntry.objects.get(
        object_id=str(infomaster.pk), action=accounts.PASSWORD_CHANGED
    )
    assert entry.user == infomaster
    assert NEW_PASSWORD not in str(entry.data)
    assert [m.to for m in mail.outbox] == [[infomaster.email]]


@pytest.mark.django_db
def test_security_W3_7_email_change_tells_the_old_address(
    client, demo_user, django_capture_on_commit_callbacks
):
    client.force_login(demo_user("webmaster"))
    employee = demo_user(WITHOUT_ROLES)
    old = employee.email

    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, employee, email="ny.adress@linkoping.se")

    (message,) = mail.outbox
    assert message.to == [old]
    assert "ny.adress@linkoping.se" in message.body
    entry = ModelLogEntry.objects.get(object_id=str(employee.pk), action=accounts.EDITED)
    assert entry.data["changes"]["email"] == [old, "ny.adress@linkoping.se"]


@pytest.mark.django_db
def test_security_W3_7_hash_upgrade_at_login_is_not_a_password_change(client, demo_user):
    employee = demo_user(WITHOUT_ROLES)
    # A salt too short for today's hasher: the first login stores a new hash.
    employee.password = make_password(DEMO_PASSWORD, salt="kort", hasher="md5")
    employee.save(update_fields=["password"])

    assert _can_sign_in(WITHOUT_ROLES, DEMO_PASSWORD)

    employee.refresh_from_db()
    assert "$kort$" not in employee.password
    assert _logged_changes(employee) == set()


# The audit log in the admin.


@pytest.mark.django_db
def test_security_W3_7_account_changes_are_shown_in_the_admins_history(client, demo_user):
    client.force_login(demo_user("webmaster"))
    employee = demo_user(WITHOUT_ROLES)
    _edit(client, employee, last_name="Johansson-Ek", is_active="")

    history = client.get(f"/admin/users/history/{employee.pk}/").content.decode()
    assert "Konto ändrat" in history
    assert "Konto inaktiverat" in history

    report = client.get("/admin/reports/site-history/").content.decode()
    assert "Konto ändrat" in report
