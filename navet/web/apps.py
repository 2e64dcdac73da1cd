from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "navet.web"
    label = "web"
    verbose_name = _("Web pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import csp, signals  # noqa: F401

        # Wagtail's choosers start without inline script (Content-Security-Policy).
        csp.install()
