"""The journalists' side of the subscription: the form (a route of the press room), the
confirmation link and the one-click unsubscribe link. Everything here is the visitor's own
and never stored by a shared cache."""

from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from navet.organisation.throttling import client_ip_address
from navet.web.hosts import is_intranet_request

from . import subscriptions
from .models import PressSettings


def never_cached(response):
    add_never_cache_headers(response)
    return response


def _render_form(room, request, form, *, status=200):
    invalid = form.is_bound and bool(form.errors)
    errors = []
    if invalid:
        errors += [{"field": None, "message": message} for message in form.non_field_errors()]
        for field in form:
            if field.name != "homepage":
                errors += [{"field": field, "message": message} for message in field.errors]
    response = room.render(
        request,
        template="press/subscribe.html",
        context_overrides={
            "form": form,
            "invalid": invalid,
            "error_summary": errors,
            "consent_text": PressSettings.load().consent_text,
            "room_url": room.get_url(request),
            "rate_limited": status == 429,
        },
    )
    response.status_code = status
    return never_cached(response)


def subscribe(room, request):
    """The subscription form; a valid sending records the consent and sends the link."""
    if request.method not in ("GET", "HEAD", "POST"):
        return never_cached(HttpResponseNotAllowed(["GET", "HEAD", "POST"]))
    if request.method != "POST":
        return _render_form(room, request, subscriptions.SubscriptionForm())
    address = client_ip_address(request)
    if subscriptions.address_is_rate_limited(address):
        response = _render_form(room, request, subscriptions.SubscriptionForm(), status=429)
        response["Retry-After"] = "3600"
        return response
    form = subscriptions.SubscriptionForm(request.POST)
    if not form.is_valid():
        return _render_form(room, request, form)
    if not form.is_bot:
        subscriptions.request_subscription(
            email=form.cleaned_data["email"],
            all_releases=form.cleaned_data["scope"] == subscriptions.ALL,
            topics=form.cleaned_data["topics"],
            consent_text=PressSettings.load().consent_text,
            source_url=room.get_full_url(request) + room.reverse_subpage("subscribe"),
            ip_address=address,
            room_id=room.pk,
        )
    response = HttpResponseRedirect(room.get_url(request) + room.reverse_subpage("subscribe_sent"))
    response.status_code = 303  # See Other: the browser asks for the next page with GET
    return never_cached(response)


def subscribe_sent(room, request):
    return never_cached(
        room.render(
            request,
            template="press/subscribe_sent.html",
            context_overrides={"room_url": room.get_url(request)},
        )
    )


def _public_only(request) -> None:
    if is_intranet_request(request):
        raise Http404


def confirm(request, token: str):
    """The link in the confirmation email. Opening it shows a button; only pressing it
    confirms, so that a mail scanner that opens links subscribes nobody."""
    _public_only(request)
    if request.method not in ("GET", "HEAD", "POST"):
        return never_cached(HttpResponseNotAllowed(["GET", "HEAD", "POST"]))
    consent = subscriptions.consent_for_token(token)
    if consent is None:
        return never_cached(render(request, "press/link_invalid.html", status=400))
    confirmed = None
    if request.method == "POST":
        confirmed = subscriptions.confirm_subscription(consent=consent)
    return never_cached(
        render(
            request,
            "press/confirm.html",
            {"consent": consent, "topics": list(consent.topics.all()), "confirmed": confirmed},
        )
    )


@csrf_exempt
def unsubscribe(request, token: str):
    """RFC 8058: a POST to the link ends the subscription at once, from the mail program's
    unsubscribe button (no cookie, no CSRF token) or from the button on the page."""
    _public_only(request)
    if request.method not in ("GET", "HEAD", "POST"):
        return never_cached(HttpResponseNotAllowed(["GET", "HEAD", "POST"]))
    subscriber = subscriptions.subscriber_for_token(token)
    if subscriber is None:
        return never_cached(render(request, "press/link_invalid.html", status=400))
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber=subscriber)
        subscriber.refresh_from_db()
    return never_cached(render(request, "press/unsubscribe.html", {"subscriber": subscriber}))
