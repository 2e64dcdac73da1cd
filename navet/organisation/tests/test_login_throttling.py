"""Sign-in and password-reset throttling (OWASP ASVS 2.2.1, 2.5; throttling.py), tried
through both login forms – Wagtail's admin login and Navet's own – and the admin's password
reset, with the test client posting from set addresses."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.db.models import F, Sum
from django.test import RequestFactory
from wagtail.models import ModelLogEntry

from navet.organisation import throttling

ADMIN_LOGIN = "/admin/login/"
SITE_LOGIN = "/logga-in/"
LOGIN_FORMS = [ADMIN_LOGIN, SITE_LOGIN]
RESET = "/admin/password_reset/"
PASSWORD = settings.NAVET_DEMO_PASSWORD
# "Wrong username or password", in Swedish: Wagtail's and Django's.
WRONG_LOGIN = {ADMIN_LOGIN: "matchade inte", SITE_LOGIN: "Ange ett korrekt"}
LOCKED = "För många misslyckade inloggningsförsök"


def attempt(client, path, username, password, address="192.0.2.10", **headers):
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def errors(response):
    return [str(error) for error in response.context["form"].non_field_errors()]


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, path, username, times, address="192.0.2.10"):
    return [attempt(client, path, username, "fel-lösenord", address) for _ in range(times)]


def age_failures(**delta):
    """Move every remembered failure back in time, as if that much time had passed."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(**delta))


@pytest.mark.django_db
@pytest.mark.parametrize("path", LOGIN_FORMS)
def test_security_wrong_passwords_lock_an_account_and_then_the_right_one_is_refused(client, path):
    before = fail(client, path, "redaktor.utbildning", 4)
    assert [response.status_code for response in before] == [200] * 4
    assert all(WRONG_LOGIN[path] in errors(response)[0] for response in before)

    locking = attempt(client, path, "redaktor.utbildning", "fel-lösenord")
    assert locking.status_code == 429
    assert LOCKED in locking.content.decode()
    assert "infomaster" in locking.content.decode()

    right = attempt(client, path, "redaktor.utbildning", PASSWORD)
    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert not signed_in(client)
    # The same page as before, with the lock-out in place of the form's error.
    assert 'name="password"' in right.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", LOGIN_FORMS)
def test_security_unknown_account_gets_the_same_answers_as_a_real_one(client, path):
    real = fail(client, path, "redaktor.utbildning", 5, address="192.0.2.11")
    unknown = fail(client, path, "finns.inte", 5, address="192.0.2.12")

    assert errors(real[0]) == errors(unknown[0])
    assert WRONG_LOGIN[path] in errors(real[0])[0]
    assert "redaktor" not in errors(real[0])[0]
    assert [r.status_code for r in real] == [r.status_code for r in unknown]
    assert errors(real[-1]) == errors(unknown[-1])
    assert LOCKED in errors(real[-1])[0]
    # Nothing in the message says whether the account exists.
    assert "konto" not in errors(real[-1])[0].lower()


@pytest.mark.django_db
@pytest.mark.parametrize("path", LOGIN_FORMS)
def test_security_one_address_trying_many_accounts_is_stopped(client, path):
    limit = settings.NAVET_LOGIN_ADDRESS_FAILURE_LIMIT
    responses = [
        attempt(client, path, f"gissning{number}", "fel-lösenord", "198.51.100.7")
        for number in range(limit)
    ]
    assert [r.status_code for r in responses[:-1]] == [200] * (limit - 1)
    assert responses[-1].status_code == 429

    # From that address even a real account with the right password is refused ...
    refused = attempt(client, path, "webmaster", PASSWORD, "198.51.100.7")
    assert refused.status_code == 429
    assert not signed_in(client)
    # ... while the account itself is not locked elsewhere.
    assert attempt(client, path, "webmaster", PASSWORD, "198.51.100.8").status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_security_one_account_tried_from_many_addresses_is_stopped(client):
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, SITE_LOGIN, "infomaster", "fel-lösenord", f"203.0.113.{number}")

    right = attempt(client, ADMIN_LOGIN, "infomaster", PASSWORD, "203.0.113.99")
    assert right.status_code == 429
    assert not signed_in(client)


@pytest.mark.django_db
def test_security_lockout_is_recorded_in_the_database(client):
    fail(client, SITE_LOGIN, "Redaktor.Utbildning ", 5, address="192.0.2.20")

    attempts = AccessAttempt.objects.filter(username="redaktor.utbildning")
    assert attempts.aggregate(n=Sum("failures_since_start"))["n"] == 5
    assert set(attempts.values_list("ip_address", flat=True)) == {"192.0.2.20"}
    assert all(a.expiration.expires_at > a.attempt_time for a in attempts)
    [lockout] = [
        lockout for lockout in throttling.current_lockouts() if lockout.key == "redaktor.utbildning"
    ]
    assert lockout.kind == throttling.ACCOUNT
    assert lockout.failures == 5
    assert lockout.until - lockout.since == timedelta(minutes=15)
    assert "192.0.2.20" in lockout.detail


@pytest.mark.django_db
def test_security_attempts_during_a_lockout_are_not_counted_and_do_not_prolong_it(client):
    fail(client, SITE_LOGIN, "redaktor.utbildning", 5)
    fail(client, SITE_LOGIN, "redaktor.utbildning", 3)
    total = AccessAttempt.objects.filter(username="redaktor.utbildning").aggregate(
        n=Sum("failures_since_start")
    )["n"]
    assert total == 5

    age_failures(minutes=16)
    assert attempt(client, SITE_LOGIN, "redaktor.utbildning", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_security_a_burst_of_parallel_attempts_cannot_count_past_a_lockout(client):
    """An attempt let through just before a parallel one locked the account is refused and
    not counted when its failure arrives (a sixth failure would skip the lock-out)."""
    fail(client, SITE_LOGIN, "redaktor.utbildning", 5)
    request = RequestFactory().post(
        SITE_LOGIN, {"username": "redaktor.utbildning"}, REMOTE_ADDR="192.0.2.99"
    )
    request.axes_locked_out = False  # as the backend left it before the lock-out
    throttling.LoginThrottleHandler().user_login_failed(
        sender=None, credentials={"username": "redaktor.utbildning"}, request=request
    )

    assert request.axes_locked_out
    failures = AccessAttempt.objects.filter(username="redaktor.utbildning").aggregate(
        n=Sum("failures_since_start")
    )["n"]
    assert failures == 5
    assert attempt(client, SITE_LOGIN, "redaktor.utbildning", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_security_lockouts_double_and_the_fifth_lasts_until_unlocked(client):
    assert [throttling.lockout_duration(n) for n in range(1, 6)] == [
        timedelta(minutes=15),
        timedelta(minutes=30),
        timedelta(hours=1),
        timedelta(hours=2),
        None,
    ]
    for minutes in (15, 30, 60, 120):
        responses = fail(client, SITE_LOGIN, "redaktor.utbildning", 5)
        assert [r.status_code for r in responses] == [200] * 4 + [429]
        assert f"Vänta {minutes} minuter" in errors(responses[-1])[0]
        age_failures(minutes=minutes - 1)
        assert attempt(client, SITE_LOGIN, "redaktor.utbildning", "fel").status_code == 429
        age_failures(minutes=2)

    last = fail(client, SITE_LOGIN, "redaktor.utbildning", 5)[-1]
    assert "kontakta infomastern" in errors(last)[0]
    age_failures(days=30)
    assert attempt(client, SITE_LOGIN, "redaktor.utbildning", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_security_successful_sign_in_forgets_the_accounts_failures_not_the_addresss(client):
    fail(client, SITE_LOGIN, "finns.inte", 3)
    fail(client, SITE_LOGIN, "redaktor.utbildning", 4)
    assert attempt(client, SITE_LOGIN, "redaktor.utbildning", PASSWORD).status_code == 302
    client.post("/logga-ut/")

    assert not AccessAttempt.objects.filter(username="redaktor.utbildning").exists()
    assert AccessAttempt.objects.filter(username="finns.inte", ip_address="192.0.2.10").exists()
    assert [r.status_code for r in fail(client, SITE_LOGIN, "redaktor.utbildning", 4)] == [200] * 4


def _locked_out_editor(client):
    fail(client, SITE_LOGIN, "redaktor.utbildning", 5, address="192.0.2.30")
    assert attempt(client, SITE_LOGIN, "redaktor.utbildning", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_security_infomaster_unlocks_an_account_in_the_admin(client, demo_user):
    _locked_out_editor(client)
    infomaster = demo_user("infomaster")
    client.force_login(infomaster)

    listing = client.get("/admin/login-lockouts/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "redaktor.utbildning" in page
    assert "192.0.2.30" in page
    assert "Lås upp" in page

    response = client.post(
        "/admin/login-lockouts/", {"kind": "username", "key": "redaktor.utbildning"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="redaktor.utbildning").exists()
    entry = ModelLogEntry.objects.get(action=throttling.UNLOCKED)
    assert entry.user_id == infomaster.pk
    assert entry.data["key"] == "redaktor.utbildning"
    assert entry.data["failures"] == 5
    assert "redaktor.utbildning" in entry.label

    client.logout()
    assert attempt(client, SITE_LOGIN, "redaktor.utbildning", PASSWORD).status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_security_infomaster_unlocks_an_address(client, demo_user):
    for number in range(settings.NAVET_LOGIN_ADDRESS_FAILURE_LIMIT):
        attempt(client, ADMIN_LOGIN, f"gissning{number}", "fel", "198.51.100.50")
    client.force_login(demo_user("infomaster"))
    assert "198.51.100.50" in client.get("/admin/login-lockouts/").content.decode()

    client.post("/admin/login-lockouts/", {"kind": "ip_address", "key": "198.51.100.50"})
    client.logout()
    assert attempt(client, ADMIN_LOGIN, "webmaster", PASSWORD, "198.51.100.50").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["webmaster", "forfattare.utbildning", "medarbetare"])
def test_security_only_the_infomaster_may_unlock(client, demo_user, username):
    _locked_out_editor(client)
    client.force_login(demo_user(username))

    listing = client.get("/admin/login-lockouts/")
    assert listing.status_code in (302, 403)
    assert "redaktor.utbildning" not in listing.content.decode()
    response = client.post(
        "/admin/login-lockouts/", {"kind": "username", "key": "redaktor.utbildning"}
    )
    assert response.status_code in (302, 403)
    assert AccessAttempt.objects.filter(username="redaktor.utbildning").exists()
    assert not ModelLogEntry.objects.filter(action=throttling.UNLOCKED).exists()
    # Nor does the admin menu offer it.
    if username != "medarbetare":
        assert "/admin/login-lockouts/" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_security_infomaster_sees_the_lockouts_in_the_menu(client, demo_user):
    client.force_login(demo_user("infomaster"))
    assert "/admin/login-lockouts/" in client.get("/admin/").content.decode()
    assert "Inget är spärrat just nu" in client.get("/admin/login-lockouts/").content.decode()


@pytest.mark.django_db
def test_security_password_reset_mails_per_email_address_are_limited(client):
    limit = settings.NAVET_PASSWORD_RESET_MAILS_PER_EMAIL
    for address in ("redaktor.utbildning@linkoping.se", "finns.inte@linkoping.se"):
        responses = [
            client.post(RESET, {"email": address}, REMOTE_ADDR=f"192.0.2.{number}")
            for number in range(limit + 2)
        ]
        # The same neutral answer every time, whether or not an account has the address.
        assert {(r.status_code, r.url) for r in responses} == {(302, "/admin/password_reset/done/")}
    assert len(mail.outbox) == limit
    assert {message.to[0] for message in mail.outbox} == {"redaktor.utbildning@linkoping.se"}


@pytest.mark.django_db
def test_security_password_reset_requests_per_address_are_limited(client):
    limit = settings.NAVET_PASSWORD_RESETS_PER_ADDRESS
    for number in range(limit):
        response = client.post(
            RESET, {"email": f"person{number}@example.org"}, REMOTE_ADDR="192.0.2.40"
        )
        assert response.status_code == 302

    refused = client.post(
        RESET, {"email": "redaktor.utbildning@linkoping.se"}, REMOTE_ADDR="192.0.2.40"
    )
    assert refused.status_code == 429
    assert "Försök igen om en timme" in refused.content.decode()
    assert not mail.outbox
    # Another address is not affected.
    other = client.post(
        RESET, {"email": "redaktor.utbildning@linkoping.se"}, REMOTE_ADDR="192.0.2.41"
    )
    assert other.status_code == 302
    assert len(mail.outbox) == 1


HOSTILE_USERNAMES = [
    "a" * 100_000,
    "admin\x00",
    "\x00",
    "adm\x01in\r\n\t",
    "\u202einfomaster",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "ｉｎｆｏｍａｓｔｅｒ",
    " ",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", LOGIN_FORMS)
def test_security_hostile_sign_in_input_gives_no_server_error(client, path):
    for username in HOSTILE_USERNAMES:
        for _ in range(2):
            response = attempt(client, path, username, "x" * 10_000, "192.0.2.50")
            assert response.status_code in (200, 429), (repr(username[:20]), response.status_code)
    headers = [
        {"HTTP_USER_AGENT": "bot\x00" + "u" * 5000},
        {"HTTP_X_FORWARDED_FOR": "not-an-address, \x00, 999.1.1.1"},
        {"HTTP_ACCEPT": "\x00" * 3000},
    ]
    for extra in headers:
        response = attempt(client, path, "redaktor.utbildning", "fel", "192.0.2.51", **extra)
        assert response.status_code in (200, 429)
    for posted in ({}, {"username": ["a", "b"], "password": ["c", "d"]}, {"password": "x"}):
        assert client.post(path, posted, REMOTE_ADDR="192.0.2.52").status_code in (200, 429)


@pytest.mark.django_db
def test_security_hostile_password_reset_input_gives_no_server_error(client):
    for email in ("a" * 100_000 + "@example.org", "x\x00@example.org", "\r\nBcc: a@b.c", ""):
        response = client.post(RESET, {"email": email}, REMOTE_ADDR="192.0.2.60")
        assert response.status_code in (200, 302, 429)
    assert not mail.outbox


def _request(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/logga-in/", **headers)


def test_security_forwarded_address_is_ignored_without_a_proxy(settings):
    settings.NAVET_TRUSTED_PROXY_COUNT = 0
    assert throttling.client_ip_address(_request("192.0.2.1", "203.0.113.9")) == "192.0.2.1"


def test_security_behind_a_proxy_the_address_it_wrote_is_used(settings):
    settings.NAVET_TRUSTED_PROXY_COUNT = 1
    request = _request("127.0.0.1", "203.0.113.66, 203.0.113.9")
    # The client may send its own X-Forwarded-For; only the entry nginx wrote counts.
    assert throttling.client_ip_address(request) == "203.0.113.9"
    assert throttling.client_ip_address(_request("127.0.0.1", "junk")) == "127.0.0.1"
    assert throttling.client_ip_address(_request("127.0.0.1")) == "127.0.0.1"
    # An IPv6 client counts as its /64; an IPv4-mapped one as its IPv4 address.
    assert throttling.client_ip_address(_request("127.0.0.1", "2001:db8:1:2:3:4:5:6")) == (
        "2001:db8:1:2::"
    )
    assert throttling.client_ip_address(_request("::ffff:192.0.2.5")) == "192.0.2.5"


@pytest.mark.django_db
def test_security_spoofed_forwarded_header_does_not_escape_the_address_limit(client, settings):
    settings.NAVET_TRUSTED_PROXY_COUNT = 0
    for number in range(settings.NAVET_LOGIN_ADDRESS_FAILURE_LIMIT):
        attempt(
            client,
            SITE_LOGIN,
            f"gissning{number}",
            "fel",
            "198.51.100.9",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )
    assert attempt(client, SITE_LOGIN, "webmaster", PASSWORD, "198.51.100.9").status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("path", LOGIN_FORMS)
def test_security_throttling_leaves_ordinary_sign_in_alone(client, path):
    assert attempt(client, path, "redaktor.utbildning", PASSWORD).status_code == 302
    assert signed_in(client)
