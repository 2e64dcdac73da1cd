from django.conf import settings
from django.contrib.auth.views import redirect_to_login

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
        ):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)
