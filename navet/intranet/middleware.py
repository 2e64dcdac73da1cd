from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve

from navet.web.hosts import is_intranet_request

# Paths that must work before logging in. The admin has its own login. The brand colour's
# stylesheet is a colour named in its own address.
OPEN_PREFIXES = (
    "/logga-in/",
    "/admin/",
    "/static/",
    "/_util/brand/",
    "/favicon.ico",
    "/robots.txt",
)


def opens_with_token(view):
    """For views a calendar program fetches without a session: the private, revocable token
    in the address is the key, so the login requirement lets them through and the view
    checks the token (and the host) itself."""
    view.intranet_opens_with_token = True
    return view


def _opens_with_token(request) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return request.method in ("GET", "HEAD") and getattr(
        match.func, "intranet_opens_with_token", False
    )


class IntranetLoginRequiredMiddleware:
    """Rule W3.2: on the intranet every URL requires login – pages, documents, images,
    search, feeds. Anonymous requests are redirected to the login page, never shown content."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not request.user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and is_intranet_request(request)
            and not _opens_with_token(request)
        ):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)
