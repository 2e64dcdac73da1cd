"""Throttling of sign-in and password reset (OWASP ASVS 2.2.1, 2.5).

Sign-in goes through django-axes, which records failed attempts in the database
(`axes.AccessAttempt`, one row per username, address and browser) and refuses a locked-out
attempt before any password is checked. Navet's policy, per **account** (the username as
typed, whether or not it exists) and per **address** (the client's IP address; an IPv6
address counts as its /64 network), each counted on its own:

- `AXES_FAILURE_LIMIT` (5) failed sign-ins for an account, or
  `NAVET_LOGIN_ADDRESS_FAILURE_LIMIT` (20) from an address, lock it for
  `NAVET_LOGIN_FIRST_COOLOFF` (15 minutes).
- Each further lock-out doubles the time: 30 minutes, 1 hour, 2 hours; the
  `NAVET_LOGIN_LOCKOUTS_BEFORE_UNLOCK`-th (5th) lasts until the infomaster unlocks it
  (Settings → Sign-in lock-outs). A new lock-out needs a fresh batch of failures.
- Attempts during a lock-out are refused without checking the password, are not counted
  and do not prolong it; the right password is refused too.
- Failures are forgotten `NAVET_LOGIN_FAILURE_MEMORY` (24 hours) after the last one for the
  account or the address, and a successful sign-in forgets its account's failures (not its
  address's: a sign-in to one's own account must not reset a sprayer's count).

The same answer is given whatever the username: an unknown user and a wrong password get
Django's one "wrong username or password" message, and a lock-out (which unknown usernames
get as well) says to wait or to contact the infomaster, never that the account exists.

Password reset requests are limited by `password_reset_allowed_from` (per address) and
`password_reset_mail_allowed` (per email address), with Django's cache.
"""

import hashlib
import ipaddress
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.conf import settings
from django.core.cache import cache
from django.db import connections, router, transaction
from django.db.models import Count, Max, Q, Sum
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

ACCOUNT = "username"
ADDRESS = "ip_address"
KINDS = {ACCOUNT: _("Account"), ADDRESS: _("Address")}

VIEW_PERMISSION = "axes.view_accessattempt"
UNLOCK_PERMISSION = "axes.delete_accessattempt"
# Audit log action of an unlock (Wagtail's log, on axes' AccessAttempt).
UNLOCKED = "navet.login_unlock"

# "Until unlocked" as a length of time, where axes needs one.
PERMANENT = timedelta(days=365 * 100)
USERNAME_MAX_LENGTH = 150


# --- Who is signing in -------------------------------------------------------------------


def client_username(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username an attempt is counted against, normalised as
    Django's login form normalises it (NFKC, surrounding spaces) and lower-cased, so that
    "Infomaster" and "infomaster " count as one account; cut to the longest username."""
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials else getattr(request, "POST", {})
    value = source.get(field)
    if not isinstance(value, str):
        return None
    value = unicodedata.normalize("NFKC", value).replace("\x00", "").strip().lower()
    return value[:USERNAME_MAX_LENGTH] or None


def _normalise_address(value: str | None) -> str | None:
    if not value:
        return None
    try:
        address = ipaddress.ip_address(value.strip()[:64])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        # One IPv6 client has a whole /64 to pick addresses from.
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def client_ip_address(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's address. Behind `NAVET_TRUSTED_PROXY_COUNT`
    reverse proxies (nginx: 1) it is the one that many entries from the right of
    X-Forwarded-For – the entry the nearest trusted proxy wrote; anything to its left came
    from the client and is never trusted. Without proxies (0, `make run`) the header is
    ignored altogether and the connection's own address is used."""
    remote = _normalise_address(request.META.get("REMOTE_ADDR"))
    count = settings.NAVET_TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return _normalise_address(forwarded[-count]) or remote
    return remote


# --- The policy --------------------------------------------------------------------------


def failure_limit(kind: str) -> int:
    return (
        settings.AXES_FAILURE_LIMIT
        if kind == ACCOUNT
        else settings.NAVET_LOGIN_ADDRESS_FAILURE_LIMIT
    )


def lockout_duration(lockouts: int) -> timedelta | None:
    """How long the `lockouts`-th lock-out lasts: 15 minutes, doubling each time; None for
    the last, which lasts until the infomaster unlocks."""
    if lockouts >= settings.NAVET_LOGIN_LOCKOUTS_BEFORE_UNLOCK:
        return None
    return settings.NAVET_LOGIN_FIRST_COOLOFF * 2 ** (max(lockouts, 1) - 1)


@dataclass(frozen=True)
class Lockout:
    kind: str  # ACCOUNT or ADDRESS
    key: str  # the username or the address
    failures: int
    since: datetime  # the failure that locked it
    until: datetime | None  # None: until unlocked
    # For the infomaster: the addresses an account was tried from, or how many usernames
    # were tried from an address.
    detail: str = ""

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def duration(self) -> timedelta | None:
        return None if self.until is None else self.until - self.since


def policy() -> dict:
    """The numbers of the policy, for people to read."""
    return {
        "account_limit": settings.AXES_FAILURE_LIMIT,
        "address_limit": settings.NAVET_LOGIN_ADDRESS_FAILURE_LIMIT,
        "first_minutes": int(settings.NAVET_LOGIN_FIRST_COOLOFF.total_seconds() // 60),
        "lockouts_before_unlock": settings.NAVET_LOGIN_LOCKOUTS_BEFORE_UNLOCK,
    }


def lockout_state(*, kind: str, key: str, failures: int, last_failure: datetime, now=None):
    """The lock-out an account or address with `failures` remembered failures, the last at
    `last_failure`, is serving now; None if it may sign in. A lock-out begins at each
    multiple of the limit, and no failure is counted while it lasts."""
    if not failures or last_failure is None:
        return None
    limit = failure_limit(kind)
    lockouts, remainder = divmod(failures, limit)
    if lockouts == 0 or remainder:
        return None
    duration = lockout_duration(lockouts)
    until = None if duration is None else last_failure + duration
    if until is not None and until <= (now or timezone.now()):
        return None
    return Lockout(kind=kind, key=key, failures=failures, since=last_failure, until=until)


def _remembered(now=None):
    """The attempts not yet forgotten (axes deletes the others on the next sign-in)."""
    now = now or timezone.now()
    return AccessAttempt.objects.filter(
        Q(expiration__isnull=True) | Q(expiration__expires_at__gt=now)
    )


def _keys(request, credentials=None) -> dict[str, str]:
    AxesProxyHandler.update_request(request)
    keys = {
        ACCOUNT: get_client_username(request, credentials),
        ADDRESS: request.axes_ip_address,
    }
    return {kind: key for kind, key in keys.items() if key}


def lockouts_for(request, credentials=None) -> list[Lockout]:
    """The lock-outs that stop this request now: its account's, its address's, or both."""
    now = timezone.now()
    found = []
    for kind, key in _keys(request, credentials).items():
        totals = (
            _remembered(now)
            .filter(**{kind: key})
            .aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        )
        lockout = lockout_state(
            kind=kind, key=key, failures=totals["failures"], last_failure=totals["last"], now=now
        )
        if lockout:
            found.append(lockout)
    return found


def cool_off(request=None) -> timedelta:
    """AXES_COOLOFF_TIME: how long the lock-out this request is under lasts (the longest if
    both its account and its address are locked; `PERMANENT` until unlocked). Without a
    lock-out: the first lock-out's length."""
    if request is None:
        return settings.NAVET_LOGIN_FIRST_COOLOFF
    durations = [lockout.duration for lockout in lockouts_for(request)]
    if not durations:
        return settings.NAVET_LOGIN_FIRST_COOLOFF
    if None in durations:
        return PERMANENT
    return max(durations)


def _one_at_a_time(database: str, keys: dict[str, str]) -> None:
    """Count failures for one account or address one at a time: PostgreSQL advisory locks,
    held until the transaction ends and always taken in the same order (no deadlock).
    SQLite (the embedded profile, not for production) has no such lock; there the check
    before counting only narrows the window."""
    connection = connections[database]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for kind, key in sorted(keys.items()):
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"navet-login:{kind}:{key}"]
            )


class LoginThrottleHandler(AxesDatabaseHandler):
    """AXES_HANDLER: axes' database handler with Navet's policy (see the module docstring):
    a limit of its own for accounts and for addresses, doubling lock-outs, and failures
    remembered for a day."""

    def get_failures(self, request, credentials=None) -> int:
        # Axes compares this with AXES_FAILURE_LIMIT and locks out at or above it.
        return settings.AXES_FAILURE_LIMIT if lockouts_for(request, credentials) else 0

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is None:
            return super().user_login_failed(sender, credentials, request, **kwargs)
        AxesProxyHandler.update_request(request)
        # Headers go into the database as they came; PostgreSQL refuses NUL characters.
        for name in ("axes_user_agent", "axes_http_accept", "axes_path_info"):
            setattr(request, name, (getattr(request, name) or "").replace("\x00", ""))
        database = router.db_for_write(AccessAttempt)
        with transaction.atomic(using=database):
            _one_at_a_time(database, _keys(request, credentials))
            if not request.axes_locked_out and lockouts_for(request, credentials):
                # A parallel attempt locked the account or address after this one was let
                # through: refused like any attempt during a lock-out, and not counted, so
                # that a burst of attempts cannot count past a lock-out.
                request.axes_locked_out = True
            super().user_login_failed(sender, credentials, request, **kwargs)
            if request.axes_locked_out and not request.axes_failures_since_start:
                return None  # refused during a lock-out: nothing was counted
            self._remember(request, credentials)
        return None

    def _remember(self, request, credentials):
        """Keep the account's and the address's failures for a day after this one, and
        for good once a lock-out lasts until unlocked."""
        now = timezone.now()
        permanent = {
            (lockout.kind, lockout.key)
            for lockout in lockouts_for(request, credentials)
            if lockout.until is None
        }
        with transaction.atomic():
            for kind, key in _keys(request, credentials).items():
                attempts = AccessAttempt.objects.filter(**{kind: key})
                keep = (
                    PERMANENT if (kind, key) in permanent else settings.NAVET_LOGIN_FAILURE_MEMORY
                )
                until = now + keep
                AccessAttemptExpiration.objects.filter(
                    access_attempt__in=attempts, expires_at__lt=until
                ).update(expires_at=until)
                AccessAttemptExpiration.objects.bulk_create(
                    AccessAttemptExpiration(access_attempt=attempt, expires_at=until)
                    for attempt in attempts.filter(expiration__isnull=True)
                )

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful sign-in: forget the account's failures, not the address's."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


# --- What a locked-out person sees --------------------------------------------------------


def lockout_message(lockouts: list[Lockout], now=None) -> str:
    if any(lockout.until is None for lockout in lockouts):
        return gettext(
            "Too many failed sign-in attempts. Signing in is blocked until the infomaster "
            "lifts the block: contact the infomaster."
        )
    now = now or timezone.now()
    until = max((lockout.until for lockout in lockouts), default=None)
    seconds = (until - now).total_seconds() if until else 0
    minutes = max(1, -(-int(seconds) // 60))
    return ngettext(
        "Too many failed sign-in attempts. Wait %(minutes)d minute and try again, or "
        "contact the infomaster.",
        "Too many failed sign-in attempts. Wait %(minutes)d minutes and try again, or "
        "contact the infomaster.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page the person was on – Wagtail's or Navet's –
    again, with the lock-out message in place of the form's errors, as HTTP 429."""
    lockouts = lockouts_for(request, credentials)
    message = lockout_message(lockouts)
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if isinstance(original_response, TemplateResponse) and form is not None:
        form.errors.clear()
        form.add_error(None, message)
        response = TemplateResponse(
            request,
            original_response.template_name,
            context,
            status=429,
            using=original_response.using,
        )
        response.render()
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


# --- The infomaster's view of lock-outs --------------------------------------------------


def current_lockouts() -> list[Lockout]:
    """Every account and address locked out now, the most recent first."""
    now = timezone.now()
    remembered = _remembered(now)
    found = []
    for row in (
        remembered.exclude(username=None)
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    ):
        lockout = lockout_state(
            kind=ACCOUNT,
            key=row["username"],
            failures=row["failures"],
            last_failure=row["last"],
            now=now,
        )
        if lockout:
            addresses = (
                remembered.filter(username=lockout.key)
                .exclude(ip_address=None)
                .values_list("ip_address", flat=True)
                .distinct()
                .order_by("ip_address")
            )
            detail = gettext("Tried from %(addresses)s") % {
                "addresses": ", ".join(str(address) for address in addresses)
            }
            found.append(replace(lockout, detail=detail))
    for row in (
        remembered.exclude(ip_address=None)
        .values("ip_address")
        .annotate(
            failures=Sum("failures_since_start"),
            last=Max("attempt_time"),
            usernames=Count("username", distinct=True),
        )
    ):
        lockout = lockout_state(
            kind=ADDRESS,
            key=row["ip_address"],
            failures=row["failures"],
            last_failure=row["last"],
            now=now,
        )
        if lockout:
            count = row["usernames"]
            detail = ngettext("%(count)d username tried", "%(count)d usernames tried", count) % {
                "count": count
            }
            found.append(replace(lockout, detail=detail))
    return sorted(found, key=lambda lockout: lockout.since, reverse=True)


def can_see_lockouts(user) -> bool:
    return user.is_active and user.has_perm(VIEW_PERMISSION)


def can_unlock(user) -> bool:
    return user.is_active and user.has_perm(UNLOCK_PERMISSION)


def unlock(*, kind: str, key: str, user) -> bool:
    """Lift an account's or an address's lock-out and forget its failures; in Wagtail's
    audit log. False if there was nothing to unlock."""
    if kind not in KINDS or not key:
        return False
    with transaction.atomic():
        attempts = AccessAttempt.objects.filter(**{kind: key})
        first = attempts.order_by("pk").first()
        if first is None:
            return False
        failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
        label = gettext("Sign-in lock-out: %(kind)s %(key)s") % {
            "kind": str(KINDS[kind]).lower(),
            "key": key,
        }
        log(
            instance=first,
            action=UNLOCKED,
            user=user,
            title=label[:255],
            data={"kind": kind, "key": key, "failures": failures},
            deleted=True,
        )
        attempts.delete()
    return True


# --- Password reset ----------------------------------------------------------------------


def _take_slot(scope: str, value: str, *, limit: int, seconds: int) -> bool:
    """Claim one of `limit` slots that each last `seconds` from when they were claimed, so
    that at most `limit` claims succeed in any such period. `cache.add` is atomic, so
    concurrent requests cannot share a slot."""
    digest = hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()
    keys = [f"navet-throttle:{scope}:{digest}:{index}" for index in range(limit)]
    taken = cache.get_many(keys)
    return any(cache.add(key, 1, timeout=seconds) for key in keys if key not in taken)


def password_reset_refusal() -> str:
    return gettext("Too many requests for a new password from your address. Try again in an hour.")


def password_reset_allowed_from(address: str | None) -> bool:
    """At most NAVET_PASSWORD_RESETS_PER_ADDRESS requests an hour from one address."""
    return _take_slot(
        "reset-address",
        address or "unknown",
        limit=settings.NAVET_PASSWORD_RESETS_PER_ADDRESS,
        seconds=3600,
    )


def password_reset_mail_allowed(email: str) -> bool:
    """At most NAVET_PASSWORD_RESET_MAILS_PER_EMAIL reset mails an hour to one email
    address, counted the same whether or not an account has it."""
    return _take_slot(
        "reset-email",
        email.strip().lower(),
        limit=settings.NAVET_PASSWORD_RESET_MAILS_PER_EMAIL,
        seconds=3600,
    )
