from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from navet.language.domains import OWN_DOMAINS_HOOK

from .selectors import site_identity_domains

hooks.register(OWN_DOMAINS_HOOK, site_identity_domains)


@hooks.register("insert_global_admin_js")
def deferred_init_controller():
    """Starts Wagtail's widgets without inline script (navet.web.csp)."""
    return format_html('<script src="{}"></script>', static("navet/js/wagtail-init.js"))
