"""Signing in with the municipality's identity provider (OpenID Connect), through a real
provider on loopback (tests/oidc_provider.mjs), with Django's test client. Rules W3.2 (the
intranet only after sign-in) and W3.7 (rights from role assignments only)."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import ModelLogEntry

from navet.organisation.models import (
    ClaimRoleMapping,
    Person,
    ProviderIdentity,
    RoleAssignment,
    Unit,
)
from navet.organisation.roles import Role

from .oidc import USERS, sign_in

pytestmark = pytest.mark.django_db

INTRANET = "intranet.localhost"
SIGN_IN_FAILED = "Inloggningen med kommunens identitetsleverantör lyckades inte"


def anna(client, next_url="/"):
    return sign_in(
        client, username="anna.ek", password=USERS["anna.ek"]["password"], next_url=next_url
    )


def signed_in_user(client):
    return get_user_model().objects.filter(pk=client.session.get("_auth_user_id")).first()


def test_w3_7_first_sign_in_creates_a_person_who_reads_the_intranet_and_nothing_more(
    oidc_provider,
):
    client = Client(HTTP_HOST=INTRANET)
    response = anna(client)
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = signed_in_user(client)
    assert user is not None and user.email == "anna.ek@linkoping.example"
    assert not user.has_usable_password()
    person = Person.objects.get(user=user)
    assert (person.first_name, person.last_name) == ("Anna", "Ek")
    identity = ProviderIdentity.objects.get(person=person)
    assert (identity.issuer, identity.subject) == (oidc_provider.issuer, "anna.ek")
    # Reads the intranet …
    assert client.get("/").status_code == 200
    # … and nothing more: no role, no group, no admin.
    assert not RoleAssignment.objects.filter(person=person).exists()
    assert not user.groups.exists()
    admin = client.get("/admin/")
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]
    assert ModelLogEntry.objects.filter(
        object_id=str(user.pk), action="navet.account.create_at_sign_in"
    ).exists()


def test_returning_sign_in_finds_the_person_by_identifier_not_by_email(oidc_provider):
    anna(Client(HTTP_HOST=INTRANET))
    person = ProviderIdentity.objects.get(subject="anna.ek").person
    # Someone else with the same email address is not taken for her.
    other = Person.objects.create(
        first_name="Annan",
        last_name="Person",
        email="anna.ek@linkoping.example",
        unit=person.unit,
    )
    client = Client(HTTP_HOST=INTRANET)
    anna(client)
    assert signed_in_user(client) == person.user
    assert Person.objects.filter(provider_identities__subject="anna.ek").get() == person
    assert other.user is None
    assert ProviderIdentity.objects.filter(subject="anna.ek").count() == 1


def test_w3_7_an_identity_pointed_at_an_existing_person_signs_in_with_their_roles(
    oidc_provider, demo_user
):
    anna(Client(HTTP_HOST=INTRANET))
    infomaster = Person.objects.get(user__username="infomaster")
    ProviderIdentity.objects.filter(subject="anna.ek").update(person=infomaster)
    client = Client()
    response = anna(client, next_url="/admin/")
    assert response["Location"] == "/admin/"
    assert signed_in_user(client) == demo_user("infomaster")
    assert client.get("/admin/").status_code == 200


def test_w3_7_claims_give_roles_only_through_an_administrators_mapping(oidc_provider):
    unit = Unit.objects.get(name="Planerad kommunikation")
    client = Client()
    anna(client)
    person = ProviderIdentity.objects.get(subject="anna.ek").person
    # Her groups claim alone gave nothing.
    assert not RoleAssignment.objects.filter(person=person).exists()

    mapping = ClaimRoleMapping.objects.create(
        claim="groups", value="navet-kommunikatorer", role=Role.COMMUNICATOR, unit=unit
    )
    client = Client()
    anna(client)
    assignment = RoleAssignment.objects.get(person=person)
    assert (assignment.role, assignment.unit) == (Role.COMMUNICATOR, unit)
    assert assignment.is_active()
    assert "navet-kommunikatorer" in assignment.note
    assert ModelLogEntry.objects.filter(
        object_id=str(assignment.pk), action="navet.role_assignment.from_claim"
    ).exists()
    assert client.get("/admin/").status_code == 200

    # The mapping removed: the assignment ends, with the reason in the audit log.
    mapping.delete()
    assert not RoleAssignment.objects.active().filter(person=person).exists()
    ended = ModelLogEntry.objects.get(action="navet.role_assignment.end")
    assert "togs bort" in ended.data["reason"]


def test_w3_7_a_claim_that_is_gone_at_sign_in_ends_its_assignment(oidc_provider):
    unit = Unit.objects.get(name="Planerad kommunikation")
    ClaimRoleMapping.objects.create(
        claim="groups", value="navet-kommunikatorer", role=Role.COMMUNICATOR, unit=unit
    )
    anna(Client())
    person = ProviderIdentity.objects.get(subject="anna.ek").person
    assert RoleAssignment.objects.active().filter(person=person).count() == 1
    ClaimRoleMapping.objects.update(value="navet-webbgruppen")
    anna(Client())
    assert not RoleAssignment.objects.active().filter(person=person).exists()
    assert ModelLogEntry.objects.filter(action="navet.role_assignment.end").exists()


def test_a_user_disabled_at_the_provider_is_refused(oidc_provider):
    client = Client(HTTP_HOST=INTRANET)
    response = sign_in(client, username="bo.lind", password=USERS["bo.lind"]["password"])
    assert response.status_code == 302
    assert response["Location"] == "/logga-in/"
    assert signed_in_user(client) is None
    assert not ProviderIdentity.objects.filter(subject="bo.lind").exists()
    page = client.get("/logga-in/")
    assert SIGN_IN_FAILED in page.content.decode()


def test_an_account_deactivated_in_navet_is_refused_even_if_the_provider_lets_them_in(
    oidc_provider,
):
    anna(Client())
    user = ProviderIdentity.objects.get(subject="anna.ek").person.user
    user.is_active = False
    user.save()
    client = Client()
    response = anna(client)
    assert response["Location"] == "/logga-in/"
    assert signed_in_user(client) is None


def test_a_tampered_state_is_refused_without_an_error_page(oidc_provider):
    client = Client(HTTP_HOST=INTRANET)
    start = client.get("/logga-in/oidc/")
    query = parse_qs(urlsplit(start["Location"]).query)
    # The state and PKCE challenge Navet sent; the nonce is checked in the ID token.
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["nonce"][0] and query["state"][0]
    response = client.get("/logga-in/oidc/svar/", {"code": "stolen-code", "state": "forged"})
    assert response.status_code == 302
    assert response["Location"] == "/logga-in/"
    assert signed_in_user(client) is None
    assert SIGN_IN_FAILED in client.get("/logga-in/").content.decode()


def test_an_expired_session_is_renewed_against_the_provider(oidc_provider):
    client = Client(HTTP_HOST=INTRANET)
    anna(client)
    assert client.get("/").status_code == 200
    session = client.session
    session["oidc_id_token_expiration"] = time.time() - 1
    session.save()
    renewal = client.get("/")
    # Back to the provider, silently (prompt=none), with a fresh state, nonce and challenge.
    assert renewal.status_code == 302
    location = renewal["Location"]
    assert location.startswith(f"{oidc_provider.issuer}/auth?")
    query = parse_qs(urlsplit(location).query)
    assert query["prompt"] == ["none"] and query["code_challenge"][0]


def test_id_tokens_from_another_issuer_are_refused(oidc_provider, settings):
    settings.NAVET_OIDC_ISSUER = "http://127.0.0.1:1/another-issuer"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{oidc_provider.issuer}/auth"
    client = Client()
    response = anna(client)
    assert response["Location"] == "/logga-in/"
    assert signed_in_user(client) is None


def test_sign_in_with_the_provider_is_off_unless_configured(client):
    assert client.get("/logga-in/oidc/").status_code == 404
    assert client.get("/logga-in/oidc/svar/", {"code": "x", "state": "y"}).status_code == 404
    page = client.get("/logga-in/").content.decode()
    assert "/logga-in/oidc/" not in page
