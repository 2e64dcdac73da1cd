"""What the login pages offer: the identity provider for staff, and local sign-in for
everyone or only for the named emergency accounts (oidc.py)."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from navet.organisation import oidc

register = template.Library()


@register.simple_tag
def sign_in_options(next_url=""):
    start = reverse("navet_oidc_start")
    if next_url:
        start = f"{start}?{urlencode({'next': next_url})}"
    return {
        "provider": oidc.enabled(),
        "provider_name": settings.NAVET_OIDC_PROVIDER_NAME,
        "provider_url": start,
        "local_for_everyone": settings.NAVET_LOCAL_SIGN_IN_FOR_EVERYONE,
    }
