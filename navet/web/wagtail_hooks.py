from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def deferred_init_controller():
    """Starts Wagtail's widgets without inline script (navet.web.csp)."""
    return format_html('<script src="{}"></script>', static("navet/js/wagtail-init.js"))
