from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrisisConfig(AppConfig):
    name = "navet.crisis"
    label = "crisis"
    verbose_name = _("Crisis communication")
    default_auto_field = "django.db.models.BigAutoField"
