"""Signing in with the municipality's identity provider (OpenID Connect), and who may still
sign in with a username and password.

mozilla-django-oidc does the protocol: the authorization code flow with PKCE (S256), a
random state and nonce per sign-in kept in the session and checked on the way back, the
code exchanged for tokens at the provider's token endpoint, and the ID token's RS256
signature checked with the key the provider publishes (its JWKS). Navet adds:

- the ID token's issuer, audience, expiry and subject are checked too, and the userinfo
  answer must be about the same subject (OpenID Connect Core 5.3.2);
- an account is found by issuer and stable identifier (identities.py), never by email;
- a failed or refused sign-in – a tampered state, an expired or forged token, an error
  from the provider – ends on the login page with a message, never with an error page;
- the session is renewed against the provider every OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS
  (silently, prompt=none): whoever the provider no longer lets in is signed out;
- local sign-in (username and password) is for everyone only while
  NAVET_LOCAL_SIGN_IN_FOR_EVERYONE is true; otherwise only for the accounts named in
  NAVET_LOCAL_SIGN_IN_ACCOUNTS, enforced in the authentication backend (a session of any
  other account from a local sign-in stops working too).

Everything here reads the settings at each request, so the whole of it is off, and costs
nothing, until NAVET_OIDC_ISSUER and NAVET_OIDC_CLIENT_ID are set.
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.middleware import SessionRefresh
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

logger = logging.getLogger(__name__)

SIGN_IN_FAILED = _(
    "Signing in with the municipality's identity provider did not succeed, or your session "
    "there has ended. Sign in again. If it keeps failing, contact the IT service desk."
)
# Clocks differ a little between Navet and the provider.
CLOCK_LEEWAY_SECONDS = 60


def enabled() -> bool:
    return bool(settings.NAVET_OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


def local_sign_in_allowed(user) -> bool:
    """Whether `user` may sign in with a username and password (see the module docstring)."""
    return bool(
        settings.NAVET_LOCAL_SIGN_IN_FOR_EVERYONE
        or user.get_username() in settings.NAVET_LOCAL_SIGN_IN_ACCOUNTS
    )


class LocalAccountBackend(ModelBackend):
    """Django's username and password backend, for the accounts local sign-in is for."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and local_sign_in_allowed(user)


class ProviderBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, with Navet's checks and accounts (module docstring)."""

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every sign-in; unconfigured (or configured wrongly,
        # which must not stop the emergency accounts' local sign-in) this one only says no.
        self.UserModel = get_user_model()
        self.usable = False
        if enabled():
            try:
                super().__init__(*args, **kwargs)
            except ImproperlyConfigured:
                logger.exception("Sign-in with the identity provider is configured wrongly")
            else:
                self.usable = True

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a username and password never get here.
        if not self.usable or request is None or "nonce" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_payload_data(self, token, key):
        header = jwt.get_unverified_header(token)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"Token signed with {header.get('alg')!r}")
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.NAVET_OIDC_ISSUER,
                leeway=CLOCK_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        from .identities import account_for_identity

        user_info = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(user_info) or user_info["sub"] != payload.get("sub"):
            raise SuspiciousOperation("The userinfo answer is about another subject")
        claims = {**user_info, **payload}
        subject = claims.get(settings.NAVET_OIDC_SUBJECT_CLAIM)
        if not subject:
            raise SuspiciousOperation(f"No {settings.NAVET_OIDC_SUBJECT_CLAIM} claim")
        return account_for_identity(
            issuer=settings.NAVET_OIDC_ISSUER, subject=str(subject), claims=claims
        )


class ProviderSignInView(OIDCAuthenticationRequestView):
    """Start signing in: to the provider, with state, nonce and PKCE challenge."""

    def get(self, request):
        if not enabled():
            raise Http404
        return super().get(request)


class ProviderCallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: the code exchanged and checked, the person signed in."""

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            return super().get(request)
        except (SuspiciousOperation, requests.RequestException) as error:
            logger.warning("Sign-in with the identity provider refused: %s", error)
            # A renewal that fails leaves nobody signed in (as an error answer does).
            if request.user.is_authenticated:
                auth.logout(request)
            return self.login_failure()

    def login_failure(self):
        if self.request.GET.get("error"):
            logger.info("The identity provider answered %s", self.request.GET.get("error"))
        messages.error(self.request, SIGN_IN_FAILED)
        return redirect(settings.LOGIN_URL)


class _SessionRenewal(SessionRefresh):
    @cached_property
    def exempt_urls(self):
        return {
            reverse(name) for name in ("navet_oidc_start", "navet_oidc_callback", "navet_logout")
        }


class ProviderSessionRenewalMiddleware:
    """mozilla-django-oidc's SessionRefresh, when sign-in with the provider is on: once the
    ID token's renewal time has passed, the next page view (GET) goes to the provider with
    prompt=none and comes back signed in again – or signed out, if the provider refuses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if enabled():
            response = _SessionRenewal(self.get_response).process_request(request)
            if response is not None:
                return response
        return self.get_response(request)
