"""Local sign-in (username and password) beside the identity provider (oidc.py): for
everyone in the demo, or only for the named emergency accounts, enforced server-side; the
login pages say which to use. Claims give roles only as their author could (W3.7)."""

import pytest
from django.test import Client

from navet.organisation.models import ClaimRoleMapping, Unit
from navet.organisation.roles import Role

pytestmark = pytest.mark.django_db

PASSWORD = "navet-demo-2026"


def local_sign_in(client, username, path="/logga-in/"):
    return client.post(path, {"username": username, "password": PASSWORD})


def test_the_demo_signs_in_locally_without_a_provider(settings):
    settings.NAVET_DEMO_PASSWORD = PASSWORD
    client = Client(HTTP_HOST="intranet.localhost")
    response = local_sign_in(client, "infomaster")
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_w3_7_local_sign_in_only_for_the_named_emergency_accounts_when_switched_off(
    settings, demo_user
):
    settings.NAVET_LOCAL_SIGN_IN_FOR_EVERYONE = False
    settings.NAVET_LOCAL_SIGN_IN_ACCOUNTS = ["infomaster"]
    for username in ("infomaster", "webmaster"):
        user = demo_user(username)
        user.set_password(PASSWORD)
        user.save()
    refused = Client()
    response = local_sign_in(refused, "webmaster", "/admin/login/")
    assert response.status_code == 200  # the form again, with an error
    assert refused.get("/admin/")["Location"].startswith("/admin/login/")

    emergency = Client()
    assert local_sign_in(emergency, "infomaster", "/admin/login/").status_code == 302
    assert emergency.get("/admin/").status_code == 200


def test_w3_7_a_local_session_stops_working_when_local_sign_in_is_switched_off(settings, demo_user):
    client = Client()
    client.force_login(
        demo_user("webmaster"), backend="navet.organisation.oidc.LocalAccountBackend"
    )
    assert client.get("/admin/").status_code == 200
    settings.NAVET_LOCAL_SIGN_IN_FOR_EVERYONE = False
    assert client.get("/admin/").status_code == 302


def test_the_login_pages_say_which_sign_in_to_use(oidc_provider):
    public = Client().get("/logga-in/").content.decode()
    admin = Client().get("/admin/login/").content.decode()
    for page in (public, admin):
        assert "Logga in med kommunens inloggning" in page
        assert 'href="/logga-in/oidc/' in page
        assert "Nödkonton" in page
    assert "/logga-in/oidc/?next=%2Fadmin%2F" in admin


def test_w3_7_a_claim_maps_only_to_a_role_its_author_could_assign(client, demo_user):
    client.force_login(demo_user("infomaster"))
    unit = Unit.objects.get(name="Planerad kommunikation")
    url = "/admin/snippets/organisation/claimrolemapping/add/"
    data = {"claim": "groups", "value": "navet-ledning", "unit": unit.pk, "note": ""}
    response = client.post(url, {**data, "role": Role.SYSTEM_OWNER_DELEGATE})
    assert response.status_code == 200
    assert "regel W3.7" in response.content.decode()
    assert not ClaimRoleMapping.objects.exists()

    response = client.post(url, {**data, "role": Role.COMMUNICATOR})
    assert response.status_code == 302
    mapping = ClaimRoleMapping.objects.get()
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(
        object_id=str(mapping.pk), action="wagtail.create", user=demo_user("infomaster")
    ).exists()


def test_w3_7_only_those_who_manage_roles_see_the_claim_mappings(client, demo_user):
    client.force_login(demo_user("webmaster"))
    response = client.get("/admin/snippets/organisation/claimrolemapping/")
    assert response.status_code in (302, 403)


def test_a_provider_configured_wrongly_does_not_stop_the_emergency_accounts(settings):
    settings.NAVET_OIDC_ISSUER = "https://idp.linkoping.example"
    settings.OIDC_RP_CLIENT_ID = "navet"
    settings.OIDC_OP_JWKS_ENDPOINT = None  # RS256 needs the provider's keys
    settings.NAVET_LOCAL_SIGN_IN_FOR_EVERYONE = False
    settings.NAVET_LOCAL_SIGN_IN_ACCOUNTS = ["infomaster"]
    client = Client()
    assert local_sign_in(client, "infomaster", "/admin/login/").status_code == 302
    assert client.get("/admin/").status_code == 200
