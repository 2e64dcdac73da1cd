"""The registers' work that nobody waits for, on the task queue."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from navet.tasks import navet_task


@navet_task(retries=5, backoff_seconds=60)
def send_account_flags(*, recipient_id: int, account_ids: list[int], today: str) -> bool:
    """W4.3: tell one of the communications staff which accounts need attention, and why –
    as the register stands when the email is written. False when there is nothing to tell
    (the recipient has gone, or the accounts have been seen to since)."""
    from .reports import account_admin_url
    from .selectors import accounts_needing_attention

    recipient = (
        get_user_model().objects.filter(pk=recipient_id, is_active=True).exclude(email="").first()
    )
    if recipient is None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        flagged = [
            {
                "account": account,
                "reasons": reasons,
                "url": account_admin_url(account, recipient),
            }
            for account, reasons in accounts_needing_attention(
                today=datetime.date.fromisoformat(today)
            )
            if account.pk in set(account_ids)
        ]
        if not flagged:
            return False
        context = {
            "recipient": recipient,
            "items": flagged,
            "base_url": settings.WAGTAILADMIN_BASE_URL,
        }
        subject = render_to_string("governance/account_flags_subject.txt", context)
        body = render_to_string("governance/account_flags.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    return True
