from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import account as wagtail_account
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.users.views import bulk_actions
from wagtail.users.views import users as wagtail_users

from . import accounts, throttling
from .forms import AccountCreationForm, AccountEditForm, ClaimRoleMappingForm
from .models import ClaimRoleMapping, Person, ProviderIdentity, RoleAssignment, Unit


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    list_display = ["name", "kind", "parent", "email"]
    list_filter = ["kind"]
    ordering = ["name"]
    copy_view_enabled = False


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["full_name", "title", "unit", "email", Column("user", label=_("account"))]
    list_filter = ["unit"]
    copy_view_enabled = False


class RoleAssignmentViewSet(SnippetViewSet):
    model = RoleAssignment
    icon = "key"
    menu_label = _("Role assignments")
    list_display = [
        "person",
        "role",
        "unit",
        "valid_from",
        "valid_to",
        BooleanColumn("is_active", label=_("active")),
    ]
    list_filter = ["role", "unit"]
    copy_view_enabled = False


class ClaimRoleMappingViewSet(SnippetViewSet):
    """Claims from the identity provider that give a role (identities.py): data, in the
    audit log like every role assignment."""

    model = ClaimRoleMapping
    icon = "key"
    menu_label = _("Claims mapped to roles")
    list_display = ["claim", "value", "role", "unit"]
    list_filter = ["role", "unit"]
    copy_view_enabled = False
    edit_handler = ObjectList(ClaimRoleMapping.panels, base_form_class=ClaimRoleMappingForm)


class ProviderIdentityViewSet(SnippetViewSet):
    """Who signed in with the identity provider as whom. Made at sign-in, never by hand;
    an administrator may point one at another person."""

    model = ProviderIdentity
    icon = "user"
    menu_label = _("Sign-in identities")
    list_display = ["person", "subject", "last_signed_in", "left_at"]
    copy_view_enabled = False


class OrganisationViewSetGroup(SnippetViewSetGroup):
    items = (
        UnitViewSet,
        PersonViewSet,
        RoleAssignmentViewSet,
        ClaimRoleMappingViewSet,
        ProviderIdentityViewSet,
    )
    menu_icon = "site"
    menu_label = _("Organisation")
    menu_name = "organisation"
    menu_order = 250


class AccountCreateView(wagtail_users.CreateView):
    """A new account has no password; its holder gets a link to choose one."""

    def save_instance(self):
        self.action_class(
            self.form.instance,
            user=self.request.user,
            form=self.form,
            log_action=accounts.CREATED,
        ).execute(skip_permission_checks=True)
        user = self.form.instance
        accounts.send_password_link(target=user, actor=self.request.user)
        return user


class AccountEditView(wagtail_users.EditView):
    """Logs which fields changed (and the active state on its own line). Who may open it at
    all is checked by the `before_edit_user` hook (wagtail_hooks.py)."""

    def save_instance(self):
        changes = accounts.changes_in(self.form)
        self.action_class(
            self.form.instance, user=self.request.user, form=self.form, log_action=False
        ).execute(skip_permission_checks=True)
        user = self.form.instance
        accounts.log_changes(target=user, actor=self.request.user, changes=changes)
        if self.form.cleaned_data.get("send_password_link"):
            accounts.send_password_link(target=user, actor=self.request.user)
        return user


class AccountDeleteView(wagtail_users.DeleteView):
    def delete_action(self):
        self.action_class(self.object, user=self.request.user, log_action=accounts.DELETED).execute(
            skip_permission_checks=True
        )


class UserViewSet(wagtail_users.UserViewSet):
    add_view_class = AccountCreateView
    edit_view_class = AccountEditView
    delete_view_class = AccountDeleteView
    edit_template_name = "organisation/users/edit.html"
    # A copy would start from another person's account.
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return AccountEditForm if for_update else AccountCreationForm


class _CoveredAccountsOnly:
    """Bulk actions on users reach only the accounts the acting user may change
    (accounts.py); the others are listed on the confirmation page as without access."""

    def check_perm(self, obj):
        if not super().check_perm(obj):
            return False
        if accounts.covers(actor=self.request.user, target=obj):
            return True
        if self.request.method == "POST":
            accounts.log_refusal(actor=self.request.user, target=obj, action=self.action_type)
        return False


class SetActiveStateBulkAction(_CoveredAccountsOnly, bulk_actions.SetActiveStateBulkAction):
    pass


class DeleteBulkAction(_CoveredAccountsOnly, bulk_actions.DeleteBulkAction):
    pass


class AssignRoleBulkAction(bulk_actions.AssignRoleBulkAction):
    """Groups come from role assignments only: this action never applies to anyone."""

    def check_perm(self, obj):
        return False


# Sign-in throttling (throttling.py): the infomaster's list of lock-outs, and the password
# reset with its limits.


class LoginLockoutsView(WagtailAdminTemplateMixin, TemplateView):
    """The accounts and addresses locked out now, each with "Unlock" (in the audit log)."""

    template_name = "organisation/login_lockouts.html"
    page_title = _("Sign-in lock-outs")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not throttling.can_see_lockouts(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lockouts"] = throttling.current_lockouts()
        context["policy"] = throttling.policy()
        context["can_unlock"] = throttling.can_unlock(self.request.user)
        return context

    def post(self, request, *args, **kwargs):
        if not throttling.can_unlock(request.user):
            raise PermissionDenied
        kind = request.POST.get("kind", "")
        key = request.POST.get("key", "")[:255]
        if throttling.unlock(kind=kind, key=key, user=request.user):
            messages.success(request, _("Unlocked: %(key)s.") % {"key": key})
        else:
            messages.error(request, _("That lock-out had already ended."))
        return redirect("navet_login_lockouts")


class LoginLockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return throttling.can_see_lockouts(request.user)


class PasswordResetView(wagtail_account.PasswordResetView):
    """Wagtail's password reset, limited per address and per email address. Over the
    address's limit the form says to try later (whatever the email); over the email's, no
    mail goes out but the answer is the same neutral page as always."""

    def post(self, request, *args, **kwargs):
        address = throttling.client_ip_address(request)
        if not throttling.password_reset_allowed_from(address):
            form = self.get_form()
            form.is_valid()
            form.errors.clear()
            form.add_error(None, throttling.password_reset_refusal())
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if throttling.password_reset_mail_allowed(form.cleaned_data["email"]):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())
