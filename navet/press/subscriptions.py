"""Journalists subscribe to the press room with a double opt-in: the form records what they
asked for and the text they agreed to (a `Consent`), an email with a signed link goes to the
address, and only following that link makes the address a subscriber. Every email sent
afterwards carries a signed one-click unsubscribe link (RFC 8058)."""

import datetime

from django import forms
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from navet.tasks import enqueue_after_commit

from .models import Consent, PressTopic, Subscriber

CONFIRM_SALT = "navet.press.confirm"
UNSUBSCRIBE_SALT = "navet.press.unsubscribe"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)
# Cheap protection of other people's inboxes and of the mail server: counted in the database,
# so it holds across processes without a shared cache.
REQUESTS_PER_ADDRESS_PER_HOUR = 10
CONFIRMATIONS_PER_EMAIL_PER_DAY = 3
ALL, CHOSEN = "all", "topics"


class TopicsField(forms.ModelMultipleChoiceField):
    """Refuses what cannot be a topic's id before the database is asked (a number too large
    for it would fail the query)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit() and len(text) <= 12):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:20]},
                )
        return super()._check_values(value)


class SubscriptionForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    scope = forms.ChoiceField(
        label=_("What do you want to receive?"),
        choices=[
            (ALL, _("All press releases and press invitations")),
            (CHOSEN, _("Only those on the topics I choose")),
        ],
        widget=forms.RadioSelect,
        initial=ALL,
    )
    topics = TopicsField(
        label=_("Topics"),
        queryset=PressTopic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_("I agree"),
        error_messages={"required": _("You must agree to the text above to subscribe.")},
    )
    # A trap for bots: hidden from people, who never fill it in.
    homepage = forms.CharField(required=False, max_length=200)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == CHOSEN and not cleaned.get("topics"):
            self.add_error("topics", _("Choose at least one topic, or choose all releases."))
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("homepage"))


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def address_is_rate_limited(ip_address: str | None) -> bool:
    if not ip_address:
        return False
    since = timezone.now() - datetime.timedelta(hours=1)
    recent = Consent.objects.filter(ip_address=ip_address, requested_at__gte=since)
    return recent.count() >= REQUESTS_PER_ADDRESS_PER_HOUR


@transaction.atomic
def request_subscription(
    *,
    email: str,
    all_releases: bool,
    topics,
    consent_text: str,
    source_url: str,
    ip_address: str | None,
    room_id: int,
) -> Consent:
    """Record the request and the consent, and send the confirmation email after the
    commit – unless the address has had enough of them today (whoever asks)."""
    from .tasks import send_confirmation

    email = normalise_email(email)
    since = timezone.now() - datetime.timedelta(days=1)
    already_sent = Consent.objects.filter(email=email, requested_at__gte=since).count()
    consent = Consent.objects.create(
        email=email,
        all_releases=all_releases,
        consent_text=consent_text,
        source_url=source_url[:500],
        ip_address=ip_address,
    )
    consent.topics.set([] if all_releases else topics)
    if already_sent < CONFIRMATIONS_PER_EMAIL_PER_DAY:
        enqueue_after_commit(send_confirmation, consent_id=consent.pk, room_id=room_id)
    return consent


def confirmation_token(consent: Consent) -> str:
    return signing.dumps(consent.pk, salt=CONFIRM_SALT)


def consent_for_token(token: str) -> Consent | None:
    """The consent a confirmation link is for; None if the link is forged or too old."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return Consent.objects.filter(pk=pk).first() if isinstance(pk, int) else None


@transaction.atomic
def confirm_subscription(*, consent: Consent) -> Subscriber:
    """Make the request's address a subscriber to what it asked for. Following the link
    again changes nothing."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.subscriber_id and consent.confirmed_at:
        return consent.subscriber
    now = timezone.now()
    subscriber, _ = Subscriber.objects.get_or_create(email=consent.email)
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    subscriber.all_releases = consent.all_releases
    subscriber.confirmed_at = now
    subscriber.unsubscribed_at = None
    subscriber.save()
    subscriber.topics.set(consent.topics.all())
    consent.confirmed_at = now
    consent.subscriber = subscriber
    consent.save(update_fields=["confirmed_at", "subscriber"])
    return subscriber


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=UNSUBSCRIBE_SALT)


def subscriber_for_token(token: str) -> Subscriber | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return Subscriber.objects.filter(pk=data.get("s"), email=data.get("e")).first()


def unsubscribe(*, subscriber: Subscriber) -> None:
    """One click ends the subscription; nothing more is sent to the address."""
    Subscriber.objects.filter(pk=subscriber.pk, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )
