"""Account forms for the admin. Permissions come from role assignments only, so the
groups and superuser fields are shown but cannot be changed here; and a password is chosen
only by its holder (see accounts.py), so these forms have no password fields and refuse
posted ones."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from .accounts import PASSWORD_FIELDS_REFUSAL, PASSWORD_HELP, covered_roles
from .roles import Role

GROUPS_HELP = _(
    "Permissions come from role assignments (Organisation → Role assignments) and "
    "cannot be changed here."
)
POSTED_PASSWORD_FIELDS = ("password1", "password2", "password", "new_password1", "new_password2")


class _RoleDerivedPermissionsMixin:
    # Wagtail's UserForm drops password1/password2 when this is false, and never calls
    # set_password.
    password_enabled = False
    password_required = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("groups", "is_superuser"):
            if name in self.fields:
                self.fields[name].disabled = True
        if "groups" in self.fields:
            self.fields["groups"].help_text = GROUPS_HELP

    def clean(self):
        cleaned_data = super().clean()
        if self.is_bound and any(self.data.get(name) for name in POSTED_PASSWORD_FIELDS):
            raise forms.ValidationError(PASSWORD_FIELDS_REFUSAL, code="password_not_allowed")
        return cleaned_data


class AccountCreationForm(_RoleDerivedPermissionsMixin, UserCreationForm):
    """A new account has no usable password: its holder chooses one with the link Navet
    sends to the email address given here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = PASSWORD_HELP

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class AccountEditForm(_RoleDerivedPermissionsMixin, UserEditForm):
    send_password_link = forms.BooleanField(
        label=_("Send a link to choose a password"),
        required=False,
        help_text=_(
            "Emails the person's own address (as saved here) a link with which they choose a "
            "new password. Their current password keeps working until they do."
        ),
    )

    def __init__(self, *args, **kwargs):
        editing_self = kwargs.get("editing_self", False)
        super().__init__(*args, **kwargs)
        if editing_self:
            # One's own password is changed on the account page (Account → Password).
            del self.fields["send_password_link"]


class ClaimRoleMappingForm(WagtailAdminModelForm):
    """A claim may give only a role its author could hand out on the account itself
    (accounts.py rule 2): the role managers' own roles only to their holders."""

    def clean_role(self):
        role = self.cleaned_data.get("role")
        user = self.for_user
        if role and user is not None and not user.is_superuser and role not in covered_roles(user):
            raise forms.ValidationError(
                _(
                    "You can only map a claim to a role you could assign yourself; "
                    "%(role)s is not one of them (rule W3.7)."
                )
                % {"role": Role(role).label}
            )
        return role
