"""Emails to an account's holder, sent on the task queue after the commit: the link with
which they choose their own password, and notices that their password or email changed."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_encode

from navet.tasks import navet_task


def _send(*, template: str, context: dict, address: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {**context, "site_name": settings.WAGTAIL_SITE_NAME}
        subject = render_to_string(f"organisation/account/{template}_subject.txt", context)
        body = render_to_string(f"organisation/account/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [address])


@navet_task(retries=5, backoff_seconds=60)
def send_password_link(*, user_id: int) -> int:
    """Email the account's own address a link to choose a password (Wagtail's password
    reset confirmation; the token is made here and stored nowhere)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return 0
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        args=(
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ),
    )
    _send(
        template="password_link",
        context={
            "recipient": user,
            "link": f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}",
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            "has_password": user.has_usable_password(),
        },
        address=user.email,
    )
    return 1


@navet_task(retries=5, backoff_seconds=60)
def notify_account_holder(*, user_id: int, kind: str, address: str, when: str) -> int:
    """Tell the holder that their password ("password") or email address ("email", sent to
    the old address) changed, so that a change they did not make does not go unnoticed."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not address:
        return 0
    moment = timezone.localtime(datetime.datetime.fromisoformat(when))
    with translation.override(settings.LANGUAGE_CODE):
        formatted = date_format(moment, "DATETIME_FORMAT")
    _send(
        template=f"{kind}_changed",
        context={"recipient": user, "when": formatted, "new_address": user.email},
        address=address,
    )
    return 1
