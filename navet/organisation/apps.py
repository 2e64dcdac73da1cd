from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class OrganisationConfig(AppConfig):
    default = True
    name = "navet.organisation"
    label = "organisation"
    verbose_name = _("Organisation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import leavers, signals  # noqa: F401


class NavetUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with permissions shown as derived from role assignments."""

    default = False
    user_viewset = "navet.organisation.views.UserViewSet"
