"""Avatars in the admin come from Navet itself: the photo a person uploaded on their account
page, or else their initials, drawn here. Never from Gravatar or any other host, which would
learn who works in the admin and when (WAGTAIL_GRAVATAR_PROVIDER_URL is None as well)."""

import base64
import hashlib
from html import escape

# Dark enough for white text (contrast at least 4.5:1).
BACKGROUNDS = ("#1d4f91", "#6b2c91", "#7a3b00", "#0f5c3a", "#8a1538", "#394150")


def initials(user) -> str:
    first = (user.first_name or "").strip()[:1]
    last = (user.last_name or "").strip()[:1]
    return (first + last or user.get_username()[:1] or "?").upper()


def initials_avatar(user) -> str:
    """An SVG with the user's initials on a colour of their own, as a data: URL."""
    digest = hashlib.sha256(user.get_username().encode()).digest()
    background = BACKGROUNDS[digest[0] % len(BACKGROUNDS)]
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<rect width="100" height="100" fill="{background}"/>'
        '<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" '
        f'font-family="sans-serif" font-size="42">{escape(initials(user))}</text></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def avatar_url(user, size):
    """Wagtail's `get_avatar_url` hook: None lets Wagtail show the uploaded photo."""
    if not getattr(user, "pk", None):
        return None
    profile = getattr(user, "wagtail_userprofile", None)  # None: no profile yet
    if profile is not None and profile.avatar:
        return None
    return initials_avatar(user)
