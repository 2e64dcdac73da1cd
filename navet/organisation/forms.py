"""Account forms for the admin. Permissions come from role assignments only, so the
groups and superuser fields are shown but cannot be changed here."""

from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

GROUPS_HELP = _(
    "Permissions come from role assignments (Organisation → Role assignments) and "
    "cannot be changed here."
)


class _RoleDerivedPermissionsMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("groups", "is_superuser"):
            if name in self.fields:
                self.fields[name].disabled = True
        if "groups" in self.fields:
            self.fields["groups"].help_text = GROUPS_HELP


class AccountCreationForm(_RoleDerivedPermissionsMixin, UserCreationForm):
    pass


class AccountEditForm(_RoleDerivedPermissionsMixin, UserEditForm):
    pass
