from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "navet.governance"
    label = "governance"
    verbose_name = _("Governance registers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import domain_signals, signals  # noqa: F401
