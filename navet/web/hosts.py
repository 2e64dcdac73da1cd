from django.conf import settings
from django.http.request import split_domain_port

from .selectors import is_intranet_site, site_for_request


def is_intranet_request(request) -> bool:
    """Rule W3.2: decided by the configured intranet host name, or by the site the request
    resolves to having the intranet start page as its root (an extra host name added in
    the admin stays protected)."""
    hostname, _port = split_domain_port(request.get_host())
    if hostname == settings.NAVET_INTRANET_HOST:
        return True
    return is_intranet_site(site_for_request(request))
