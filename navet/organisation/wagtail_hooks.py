from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet

from . import accounts, avatars, identities, throttling
from .permissions import STRUCTURE_REFUSAL, can_manage_structure
from .views import (
    AssignRoleBulkAction,
    DeleteBulkAction,
    LoginLockoutsMenuItem,
    LoginLockoutsView,
    OrganisationViewSetGroup,
    SetActiveStateBulkAction,
)

register_snippet(OrganisationViewSetGroup)


@hooks.register("before_move_page")
def refuse_move_without_structure_right(request, page_to_move, destination):
    if not can_manage_structure(user=request.user, page=page_to_move):
        messages.error(request, STRUCTURE_REFUSAL)
        return redirect("wagtailadmin_explore", page_to_move.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_move_without_structure_right(request, action_type, objects, action_class):
    if action_type != "move":
        return None
    if all(can_manage_structure(user=request.user, page=page) for page in objects):
        return None
    messages.error(request, STRUCTURE_REFUSAL)
    return redirect("wagtailadmin_explore_root")


# Accounts (accounts.py): only someone whose roles cover the account's may change it, and
# every change is in the audit log.

hooks.register("register_log_actions", accounts.register_log_actions)
hooks.register("register_log_actions", identities.register_log_actions)

# Avatars from Navet itself (avatars.py): the uploaded photo, or initials.
hooks.register("get_avatar_url", avatars.avatar_url)

# Replace Wagtail's bulk actions on users (registered later, so these win): they reach only
# the accounts the acting user may change, and "assign role" reaches nobody.
for action_class in (AssignRoleBulkAction, DeleteBulkAction, SetActiveStateBulkAction):
    hooks.register("register_bulk_action", action_class, order=100)


def _refuse_account_change(request, user, action):
    reason = accounts.refusal(actor=request.user, target=user)
    if reason is None:
        return None
    accounts.log_refusal(actor=request.user, target=user, action=action)
    messages.error(request, reason)
    return redirect("wagtailusers_users:index")


@hooks.register("before_edit_user")
def refuse_editing_an_uncovered_account(request, user):
    return _refuse_account_change(request, user, "edit")


@hooks.register("before_delete_user")
def refuse_deleting_an_uncovered_account(request, user):
    return _refuse_account_change(request, user, "delete")


def _is_user_bulk_action(action_class):
    return get_user_model() in getattr(action_class, "models", ())


@hooks.register("before_bulk_action")
def refuse_bulk_changes_to_uncovered_accounts(request, action_type, objects, action_class):
    """Whatever bulk action class is registered, nothing happens to an account the rule
    does not allow, and nobody gets groups from a bulk action."""
    if not _is_user_bulk_action(action_class):
        return None
    if action_type == "assign_role":
        messages.error(request, accounts.ASSIGN_ROLE_REFUSAL)
        return redirect("wagtailusers_users:index")
    for user in objects:
        response = _refuse_account_change(request, user, action_type)
        if response is not None:
            return response
    if action_type == "delete":
        # Logged while the accounts still exist, as Wagtail's own delete action does.
        for user in objects:
            log(instance=user, action=accounts.DELETED, user=request.user, deleted=True)
    return None


@hooks.register("after_bulk_action")
def log_bulk_active_state(request, action_type, objects, action_class):
    if not _is_user_bulk_action(action_class) or action_type != "set_active_state":
        return None
    active = action_class.cleaned_form.cleaned_data["mark_as_active"]
    for user in objects:
        # The listed objects were loaded before the update: their state is the old one.
        if user.pk != request.user.pk and user.is_active != active:
            accounts.log_active_state(target=user, actor=request.user, active=active)
    return None


# Sign-in lock-outs (throttling.py): listed and lifted by whoever may (the infomaster), under
# Settings; every unlock is in the audit log.


@hooks.register("register_admin_urls")
def register_login_lockouts_url():
    return [path("login-lockouts/", LoginLockoutsView.as_view(), name="navet_login_lockouts")]


@hooks.register("register_settings_menu_item")
def register_login_lockouts_menu_item():
    return LoginLockoutsMenuItem(
        _("Sign-in lock-outs"),
        reverse("navet_login_lockouts"),
        name="login-lockouts",
        icon_name="lock",
        order=650,
    )


@hooks.register("register_log_actions")
def register_unlock_log_action(actions):
    actions.register_action(throttling.UNLOCKED, _("Unlock sign-in"), _("Sign-in unlocked"))
