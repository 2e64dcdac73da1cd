"""Journalists subscribe with a double opt-in: the form records the consent (when, what
text, from where), a confirmation email with a signed link goes out over real SMTP after
the commit, and only that link – and a press of its button – makes a subscriber. One click
unsubscribes (RFC 8058). Hostile input gets Swedish errors, never a 500."""

import re

import pytest
from django.core import signing
from django.test import Client

from navet.press import subscriptions
from navet.press.models import Consent, PressSettings, Subscriber

from .helpers import after_commit, press_room, subscriber, topic

pytestmark = pytest.mark.django_db
LINK = re.compile(r"http://\S+/prenumeration/bekrafta/\S+/")


def form_url():
    return press_room().url + "prenumerera/"


def subscribe(client, **data):
    fields = {"email": "reporter@tidning.example", "scope": "all", "consent": "on", **data}
    with after_commit():
        return client.post(form_url(), fields)


def confirmation_link(message) -> str:
    return LINK.search(message.get_content()).group(0)


def test_the_form_shows_the_consent_text_and_the_topics(public_client):
    response = public_client.get(form_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert PressSettings.load().consent_text in html
    assert "Förskola och skola" in html
    assert "no-store" in response["Cache-Control"]


def test_double_opt_in_subscribes_only_after_the_link_is_confirmed(public_client, smtp_inbox):
    response = subscribe(public_client, scope="topics", topics=[topic("skola").pk])
    assert response.status_code == 303
    assert not Subscriber.objects.filter(email="reporter@tidning.example").exists()
    [message] = smtp_inbox.to("reporter@tidning.example")
    assert "Bekräfta" in message["Subject"]
    link = confirmation_link(message)

    # Opening the link (a mail scanner does) subscribes nobody; pressing its button does.
    opened = public_client.get(link)
    assert opened.status_code == 200
    assert "Förskola och skola" in opened.content.decode()
    assert not Subscriber.objects.filter(email="reporter@tidning.example").exists()
    confirmed = public_client.post(link)
    assert confirmed.status_code == 200
    person = Subscriber.objects.get(email="reporter@tidning.example")
    assert person.is_active and not person.all_releases
    assert list(person.topics.all()) == [topic("skola")]

    consent = Consent.objects.get(subscriber=person)
    assert consent.consent_text == PressSettings.load().consent_text
    assert consent.source_url.endswith("/kommun-och-politik/press/prenumerera/")
    assert consent.ip_address == "127.0.0.1"
    assert consent.requested_at <= consent.confirmed_at
    # Following the link again changes nothing.
    assert public_client.post(link).status_code == 200
    assert Subscriber.objects.filter(email="reporter@tidning.example").count() == 1


def test_the_address_is_case_insensitive_and_a_new_confirmation_replaces_the_choices(
    public_client, smtp_inbox
):
    subscriber("reporter@tidning.example", topics=["kultur"])
    subscribe(public_client, email="Reporter@Tidning.example ")
    public_client.post(confirmation_link(smtp_inbox.messages[-1]))
    person = Subscriber.objects.get(email="reporter@tidning.example")
    assert person.all_releases and not person.topics.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": ""}, "email", "Det här fältet är obligatoriskt"),
        ({"email": "inte en adress"}, "email", "Fyll i en giltig e-postadress."),
        ({"consent": ""}, "consent", "Du måste godkänna texten ovan för att prenumerera."),
        ({"scope": "topics"}, "topics", "Välj minst ett ämne, eller välj alla pressmeddelanden."),
        ({"scope": "allt"}, "scope", "Välj ett giltigt alternativ."),
    ],
)
def test_errors_are_in_swedish_and_nothing_is_saved(public_client, data, field, message):
    response = subscribe(public_client, **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Prenumerationen registrerades inte" in html
    assert not Consent.objects.filter(email__icontains="tidning").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"email": "a\x00b@tidning.example"},
        {"email": "x" * 10_000 + "@tidning.example"},
        {"topics": ["abc"], "scope": "topics"},
        {"topics": ["999999999999999999999"], "scope": "topics"},
        {"scope": ["all", "topics"], "consent": ["on", "off"]},
        {"email": ["a@b.example", "c@d.example"]},
    ],
)
def test_hostile_input_never_fails(public_client, data):
    response = subscribe(public_client, **data)
    assert response.status_code in (200, 303)


def test_a_bot_filling_the_trap_is_thanked_and_ignored(public_client, smtp_inbox):
    response = subscribe(public_client, homepage="http://spam.example")
    assert response.status_code == 303
    assert not Consent.objects.filter(email="reporter@tidning.example").exists()
    assert smtp_inbox.messages == []


def test_an_address_gets_at_most_three_confirmation_emails_a_day(public_client, smtp_inbox):
    for _ in range(5):
        subscribe(public_client)
    assert len(smtp_inbox.to("reporter@tidning.example")) == 3


def test_one_connection_is_limited_to_ten_requests_an_hour(public_client):
    for number in range(subscriptions.REQUESTS_PER_ADDRESS_PER_HOUR):
        assert subscribe(public_client, email=f"r{number}@tidning.example").status_code == 303
    refused = subscribe(public_client, email="one.more@tidning.example")
    assert refused.status_code == 429
    assert "Försök igen om en timme" in refused.content.decode()
    assert not Consent.objects.filter(email="one.more@tidning.example").exists()


def test_a_forged_or_expired_link_is_refused_in_swedish(public_client):
    consent = Consent.objects.create(email="a@tidning.example", consent_text="x", source_url="/")
    forged = signing.dumps(consent.pk, salt="något annat")
    for token in (forged, "skräp", "a" * 150):
        response = public_client.get(f"/prenumeration/bekrafta/{token}/")
        assert response.status_code == 400
        assert "Länken fungerar inte" in response.content.decode()
    expired = subscriptions.confirmation_token(consent)
    original = subscriptions.CONFIRM_MAX_AGE
    try:
        subscriptions.CONFIRM_MAX_AGE = -1
        assert public_client.post(f"/prenumeration/bekrafta/{expired}/").status_code == 400
    finally:
        subscriptions.CONFIRM_MAX_AGE = original
    assert not Subscriber.objects.filter(email="a@tidning.example").exists()


def test_one_click_unsubscribe_works_without_cookie_or_csrf_token():
    """RFC 8058: the mail program POSTs List-Unsubscribe=One-Click to the link."""
    person = subscriber("reporter@tidning.example", all_releases=True)
    url = f"/prenumeration/avsluta/{subscriptions.unsubscribe_token(person)}/"
    mail_program = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    assert mail_program.get(url).status_code == 200
    person.refresh_from_db()
    assert person.is_active  # opening the link is not enough
    response = mail_program.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    person.refresh_from_db()
    assert not person.is_active and person.unsubscribed_at
    assert "Prenumerationen har avslutats" in response.content.decode()


def test_an_unsubscribe_link_for_another_address_is_refused(public_client):
    person = subscriber("reporter@tidning.example", all_releases=True)
    token = signing.dumps(
        {"s": person.pk, "e": "other@tidning.example"}, salt="navet.press.unsubscribe"
    )
    assert public_client.post(f"/prenumeration/avsluta/{token}/").status_code == 400
    person.refresh_from_db()
    assert person.is_active


def test_the_links_do_not_exist_on_the_intranet(intranet_client):
    person = subscriber("reporter@tidning.example", all_releases=True)
    response = intranet_client.get(
        f"/prenumeration/avsluta/{subscriptions.unsubscribe_token(person)}/"
    )
    assert response.status_code in (302, 404)
