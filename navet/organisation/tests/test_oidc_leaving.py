"""People who leave the municipality leave Navet (leavers.py): the daily reconciliation with
the provider's directory deactivates them, signs them out everywhere and ends their role
assignments with the reason recorded (W3.7: rights only while the assignment is in force)."""

from datetime import timedelta
from importlib import import_module
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from navet.organisation import leavers
from navet.organisation.models import AccountSession, ProviderIdentity, RoleAssignment, Unit
from navet.organisation.roles import Role

from .oidc import USERS, sign_in

pytestmark = pytest.mark.django_db

INTRANET = "intranet.localhost"


def signed_in(username: str) -> Client:
    client = Client(HTTP_HOST=INTRANET)
    sign_in(client, username=username, password=USERS[username]["password"])
    assert client.get("/").status_code == 200
    return client


def test_w3_7_the_daily_check_signs_out_a_person_disabled_at_the_provider_and_ends_roles(
    oidc_provider,
):
    client = signed_in("cecilia.berg")
    other_device = signed_in("cecilia.berg")
    colleague = signed_in("anna.ek")
    person = ProviderIdentity.objects.get(subject="cecilia.berg").person
    unit = Unit.objects.get(name="Planerad kommunikation")
    long_held = RoleAssignment.objects.create(
        person=person,
        role=Role.COMMUNICATOR,
        unit=unit,
        valid_from=timezone.localdate() - timedelta(days=30),
    )
    new_today = RoleAssignment.objects.create(person=person, role=Role.AUTHOR, unit=unit)
    assert AccountSession.objects.filter(user=person.user).count() == 2

    oidc_provider.control("disable", "cecilia.berg")
    output = StringIO()
    call_command("reconcile_leavers", stdout=output)
    assert "Cecilia Berg" in output.getvalue()

    person.user.refresh_from_db()
    assert not person.user.is_active
    identity = ProviderIdentity.objects.get(subject="cecilia.berg")
    assert identity.left_at is not None and "avstängd" in identity.left_reason
    long_held.refresh_from_db()
    assert long_held.valid_to == timezone.localdate() - timedelta(days=1)
    assert not long_held.is_active() and "avstängd" in long_held.note
    assert not RoleAssignment.objects.filter(pk=new_today.pk).exists()
    assert ModelLogEntry.objects.filter(action="navet.role_assignment.end").count() == 2, (
        "both assignments' endings are in the audit log"
    )
    assert ModelLogEntry.objects.filter(
        object_id=str(person.user.pk), action="navet.account.deactivate"
    ).exists()
    # Signed out on every device; the colleague is not.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    for device in (client, other_device):
        assert not store.exists(device.session.session_key)
        response = device.get("/")
        assert response.status_code == 302 and "/logga-in/" in response["Location"]
    assert colleague.get("/").status_code == 200
    # And refused when they try again (their provider account is disabled anyway).
    response = sign_in(
        Client(), username="cecilia.berg", password=USERS["cecilia.berg"]["password"]
    )
    assert response["Location"] == "/logga-in/"


def test_someone_removed_from_the_directory_leaves_too(oidc_provider):
    signed_in("cecilia.berg")
    oidc_provider.control("remove", "cecilia.berg")
    result = leavers.reconcile()
    assert result.left == ["Cecilia Berg"]
    identity = ProviderIdentity.objects.get(subject="cecilia.berg")
    assert "borttagen" in identity.left_reason
    assert not identity.person.user.is_active
    # Done once: the next day's check does not count them again.
    assert leavers.reconcile().left == []


def test_a_directory_that_cannot_be_read_changes_nothing(oidc_provider, settings):
    signed_in("anna.ek")
    settings.NAVET_OIDC_DIRECTORY_URL = f"{oidc_provider.issuer}/no-such-directory"
    with pytest.raises(CommandError):
        call_command("reconcile_leavers")
    with pytest.raises(leavers.DirectoryUnavailable):
        leavers.reconcile()
    # An empty listing is an outage, not everyone leaving.
    settings.NAVET_OIDC_DIRECTORY_URL = f"{oidc_provider.issuer}/directory/users"
    for sub in USERS:
        oidc_provider.control("remove", sub)
    with pytest.raises(leavers.DirectoryUnavailable):
        leavers.reconcile()
    assert get_user_model().objects.get(email="anna.ek@linkoping.example").is_active


def test_reconciliation_needs_the_provider_configured():
    with pytest.raises(CommandError, match="NAVET_OIDC_DIRECTORY_URL"):
        call_command("reconcile_leavers")


def renew(client):
    """The renewal time has passed: the next page view goes to the provider (prompt=none)
    in the same browser, and comes back to Navet's callback."""
    session = client.session
    session["oidc_id_token_expiration"] = 0
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    location = response["Location"]
    while "/logga-in/oidc/svar/" not in location:
        answer = client.provider_browser.get(location, allow_redirects=False, timeout=10)
        location = answer.headers["Location"]
    return client.get(location[location.index("/logga-in/") :]), location


def test_a_session_is_renewed_against_the_provider_and_ends_when_it_refuses(oidc_provider):
    client = signed_in("anna.ek")
    back, location = renew(client)
    assert "code=" in location and back["Location"] == "/"
    assert client.get("/").status_code == 200

    oidc_provider.control("disable", "anna.ek")
    back, location = renew(client)
    # The provider refuses (Entra ID: interaction_required or login_required).
    assert "error=" in location and "code=" not in location
    assert back["Location"] == "/logga-in/"
    response = client.get("/")
    assert response.status_code == 302 and "/logga-in/" in response["Location"]
