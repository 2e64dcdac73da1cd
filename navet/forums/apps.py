from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "navet.forums"
    label = "forums"
    verbose_name = _("Forums and networks")
    default_auto_field = "django.db.models.BigAutoField"
