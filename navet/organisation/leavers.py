"""People who leave the municipality leave Navet: their account is deactivated, they are
signed out everywhere, and their role assignments end with the reason recorded.

Two ways notice it, both bounded in time:

1. Every session from the identity provider is renewed against it every
   NAVET_OIDC_RENEW_SECONDS (oidc.ProviderSessionRenewalMiddleware). A person the provider
   has disabled or removed is refused there and signed out at their next page view.
2. `manage.py reconcile_leavers`, daily from cron, asks the provider's directory who exists
   and who is enabled (NAVET_OIDC_DIRECTORY_URL, in Microsoft Graph's shape
   `{"value": [{"id": …, "accountEnabled": …}], "@odata.nextLink": …}`, read with an access
   token from the client-credentials grant at the token endpoint). Every person signed in
   with that provider whose identifier is missing from the listing, or whose account is
   disabled, leaves (`person_left`). An empty or failing listing changes nothing: an outage
   at the provider must not make everyone a leaver.

Sessions are signed out through the session store's own API, from the keys Navet records at
each sign-in (`AccountSession`), so it works with database and cache (Redis) sessions alike.
"""

import logging
from dataclasses import dataclass, field
from importlib import import_module

import requests
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import log

from . import accounts
from .identities import end_assignment
from .models import AccountSession, ProviderIdentity, RoleAssignment

logger = logging.getLogger(__name__)

# Pages of a directory listing followed at most (Graph answers 100 to 999 accounts a page).
MAX_PAGES = 1000


class DirectoryUnavailable(Exception):
    """The provider's directory could not be read; nothing was changed."""


# Sessions.


@receiver(user_logged_in)
def remember_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    AccountSession.objects.update_or_create(
        session_key=session.session_key, defaults={"user": user}
    )


@receiver(user_logged_out)
def forget_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        AccountSession.objects.filter(session_key=session.session_key).delete()


def sign_out_everywhere(*, user) -> int:
    """Delete every session the user signed in to; how many there were."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(AccountSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete(key)
    AccountSession.objects.filter(user=user).delete()
    return len(keys)


def forget_ended_sessions() -> int:
    """Drop the records of sessions the store no longer has (expired or signed out)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    gone = [
        key
        for key in AccountSession.objects.values_list("session_key", flat=True).iterator()
        if not store.exists(key)
    ]
    AccountSession.objects.filter(session_key__in=gone).delete()
    return len(gone)


# Leaving.


@transaction.atomic
def person_left(*, identity: ProviderIdentity, reason: str) -> None:
    person = identity.person
    identity.left_at = timezone.now()
    identity.left_reason = reason[:255]
    identity.save(update_fields=["left_at", "left_reason"])
    for assignment in RoleAssignment.objects.active().filter(person=person):
        end_assignment(assignment=assignment, reason=reason)
    user = person.user
    if user is None:
        return
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        log(instance=user, action=accounts.DEACTIVATED, user=None, data={"reason": reason})
    # At once, not after the commit: a session the store has lost is at worst a sign-in
    # more, and signing out must not wait for anything.
    sign_out_everywhere(user=user)


# The daily reconciliation.


def _directory_token() -> str:
    data = {"grant_type": "client_credentials"}
    if settings.NAVET_OIDC_DIRECTORY_SCOPE:
        data["scope"] = settings.NAVET_OIDC_DIRECTORY_SCOPE
    response = requests.post(
        settings.OIDC_OP_TOKEN_ENDPOINT,
        data=data,
        auth=(settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET),
        timeout=settings.OIDC_TIMEOUT,
    )
    response.raise_for_status()
    return response.json()["access_token"]


def directory_accounts() -> dict[str, bool]:
    """Every account the provider's directory lists: identifier → enabled."""
    try:
        token = _directory_token()
        found: dict[str, bool] = {}
        url = settings.NAVET_OIDC_DIRECTORY_URL
        for _page in range(MAX_PAGES):
            response = requests.get(
                url, headers={"Authorization": f"Bearer {token}"}, timeout=settings.OIDC_TIMEOUT
            )
            response.raise_for_status()
            body = response.json()
            for account in body["value"]:
                found[str(account["id"])] = bool(account.get("accountEnabled", True))
            url = body.get("@odata.nextLink")
            if not url:
                break
    except (requests.RequestException, ValueError, KeyError, TypeError) as error:
        raise DirectoryUnavailable(str(error)) from error
    if not found:
        raise DirectoryUnavailable("The directory listed no accounts")
    return found


@dataclass
class Reconciliation:
    checked: int = 0
    left: list[str] = field(default_factory=list)


def reconcile(*, listed: dict[str, bool] | None = None) -> Reconciliation:
    """Compare everyone who signed in with the provider with its directory (module
    docstring); those disabled or removed there leave."""
    if listed is None:
        listed = directory_accounts()
    result = Reconciliation()
    identities = ProviderIdentity.objects.filter(
        issuer=settings.NAVET_OIDC_ISSUER, left_at__isnull=True
    ).select_related("person__user")
    for identity in identities:
        result.checked += 1
        if identity.subject not in listed:
            reason = gettext("removed at the identity provider (daily check)")
        elif not listed[identity.subject]:
            reason = gettext("disabled at the identity provider (daily check)")
        else:
            continue
        try:
            person_left(identity=identity, reason=reason)
        except Exception:
            # One bad record must not stop the others from leaving.
            logger.exception("Could not end the access of %s", identity)
            continue
        result.left.append(str(identity.person))
    return result
