"""Who may change whose account, and the audit log of account changes (W3.7).

Rights come only from role assignments, so whoever can change an account – its email, its
name, its active state, whether it exists – could otherwise act as that person with all
their rights. The rule, enforced server-side for every view that changes an account (the
edit and delete views, the bulk actions on users):

1. **A password is chosen only by its holder**: on their own account page (Konto →
   Lösenord) or with a password link sent to the account's own email address. The admin's
   account forms have no password fields and refuse posted ones; a new account has no
   usable password until its holder chooses one with the link Navet sends them.
2. **An account is changed only by someone whose roles cover all of its roles.** A role is
   covered when the acting person holds the same role (in any unit) through an active role
   assignment. The roles that hand out roles – those whose grant includes
   `organisation.change_roleassignment`, today the infomaster and the system owner's
   delegate – also cover every role that does not hand out roles (they could assign such a
   role anyway, openly and in the audit log), but not one another: the infomaster cannot
   change the delegate's account, nor the delegate the infomaster's, unless they hold that
   role too. The roles of the account are those of its person's active assignments and of
   the generated groups it still has; rights that do not come from a role (superuser,
   permissions or groups set by hand) are covered only by a superuser. An account without
   roles is covered by everyone.
3. **Nobody changes their own rights**: groups are read-only on every account form
   (services.sync_role_groups sets them), "assign role" in bulk is refused, and one's own
   active state is not on one's own form nor in the bulk action (Wagtail's own rules).

Wagtail's model permissions (auth.add_user, auth.change_user, auth.delete_user; today only
the webmaster role has the first two) still decide who may open the account views at all.
The rule is an extra condition on top of them, never a grant.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from .models import ManagedGroup, RoleAssignment
from .roles import ROLE_GRANTS, Role

ROLE_MANAGEMENT_PERMISSION = "organisation.change_roleassignment"

# Audit log actions for accounts (the Wagtail log of the user model).
CREATED = "navet.account.create"
EDITED = "navet.account.edit"
ACTIVATED = "navet.account.activate"
DEACTIVATED = "navet.account.deactivate"
DELETED = "navet.account.delete"
PASSWORD_CHANGED = "navet.account.password_change"  # noqa: S105 (an action code)
PASSWORD_RESET = "navet.account.password_reset"  # noqa: S105 (an action code)
PASSWORD_SET = "navet.account.password_set"  # noqa: S105 (an action code)
PASSWORD_LINK_SENT = "navet.account.password_link_sent"  # noqa: S105 (an action code)
REFUSED = "navet.account.refused"

# Fields whose old and new values the log keeps (never the password).
LOGGED_VALUES = ("username", "email", "first_name", "last_name", "is_active")

PASSWORD_HELP = _(
    "Nobody sets another person's password. The account is created without one, and Navet "
    "sends a link to this email address with which the new user chooses their own password."
)
PASSWORD_FIELDS_REFUSAL = _(
    "A password can only be chosen by the person themselves (Account → Password, or "
    "a password link sent to their own email address). Nothing was saved."
)
ASSIGN_ROLE_REFUSAL = _(
    "Permissions come from role assignments only (Organisation → Role assignments); they "
    "cannot be given on the account (rule W3.7). Nothing was changed."
)


def role_managing_roles() -> frozenset[str]:
    """The roles that hand out roles: their grant includes changing role assignments."""
    return frozenset(
        str(role)
        for role, grant in ROLE_GRANTS.items()
        if ROLE_MANAGEMENT_PERMISSION in grant.model_permissions
    )


def held_roles(user) -> frozenset[str]:
    """The roles of the user's active role assignments: what they hold today."""
    if user is None or not user.pk:
        return frozenset()
    return frozenset(
        RoleAssignment.objects.active().filter(person__user=user).values_list("role", flat=True)
    )


def account_roles(user) -> frozenset[str]:
    """Every role an account has rights from: its active assignments and the generated
    groups it is still in (an assignment that ended today until the groups are re-derived)."""
    from_groups = ManagedGroup.objects.filter(group__user=user).values_list("role", flat=True)
    return held_roles(user) | frozenset(from_groups)


def has_rights_outside_roles(user) -> bool:
    return bool(
        user.is_superuser
        or user.user_permissions.exists()
        or user.groups.filter(navet_managed__isnull=True).exists()
    )


def covered_roles(actor) -> frozenset[str]:
    """The roles whose holders' accounts `actor` may change (see the module's rule 2)."""
    held = held_roles(actor)
    managers = role_managing_roles()
    if held & managers:
        return held | (frozenset(str(role) for role in Role) - managers)
    return held


def uncovered_roles(*, actor, target) -> frozenset[str]:
    """The roles of `target` that `actor` does not cover; empty when actor may change it."""
    return account_roles(target) - covered_roles(actor)


def covers(*, actor, target) -> bool:
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    if has_rights_outside_roles(target):
        return False
    return not uncovered_roles(actor=actor, target=target)


def role_labels(roles) -> str:
    labels = dict(Role.choices)
    return ", ".join(sorted(str(labels.get(role, role)) for role in roles))


def refusal(*, actor, target) -> str | None:
    """Why `actor` may not change `target`'s account, or None when the rule allows it."""
    if covers(actor=actor, target=target):
        return None
    roles = uncovered_roles(actor=actor, target=target)
    if not roles:
        return gettext(
            "You cannot change the account of %(name)s: it has rights that do not come from "
            "a role assignment (rule W3.7)."
        ) % {"name": display_name(target)}
    return gettext(
        "You cannot change the account of %(name)s: it holds roles that you do not hold "
        "yourself (%(roles)s). Only someone whose own roles cover all of them may change it "
        "(rule W3.7)."
    ) % {"name": display_name(target), "roles": role_labels(roles)}


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


# The audit log.


def log_refusal(*, actor, target, action: str) -> None:
    log(
        instance=target,
        action=REFUSED,
        user=actor,
        data={"attempted": action, "roles": sorted(uncovered_roles(actor=actor, target=target))},
    )


def changes_in(form) -> dict[str, list]:
    """The fields a bound, valid account form changes, with old and new values where the
    log may keep them (never a password)."""
    changes = {}
    for name in form.changed_data:
        field = form.fields.get(name)
        if field is None or field.disabled or name.startswith("password") or name.startswith("_"):
            continue
        if not hasattr(form.instance, name):
            continue
        if name in LOGGED_VALUES:
            changes[name] = [form.initial.get(name), form.cleaned_data.get(name)]
        else:
            changes[name] = None
    return changes


def log_changes(*, target, actor, changes: dict) -> None:
    """One entry for the changed fields, and one for a change of the active state."""
    active = changes.pop("is_active", None)
    if changes:
        log(
            instance=target,
            action=EDITED,
            user=actor,
            content_changed=True,
            data={"fields": sorted(changes), "changes": {k: v for k, v in changes.items() if v}},
        )
    if active is not None:
        log_active_state(target=target, actor=actor, active=bool(active[1]))


def log_active_state(*, target, actor, active: bool) -> None:
    log(instance=target, action=ACTIVATED if active else DEACTIVATED, user=actor)


def field_label(name: str) -> str:
    try:
        return str(get_user_model()._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


class AccountEditedFormatter(LogFormatter):
    label = _("Account changed")

    def format_message(self, log_entry):
        fields = ", ".join(field_label(name) for name in log_entry.data.get("fields", []))
        return gettext("Account changed: %(fields)s") % {"fields": fields}

    def format_comment(self, log_entry):
        changes = log_entry.data.get("changes", {})
        return "; ".join(
            f"{field_label(name)}: {old or '–'} → {new or '–'}"
            for name, (old, new) in sorted(changes.items())
        )


class AccountRefusedFormatter(LogFormatter):
    label = _("Account change refused")

    def format_message(self, log_entry):
        roles = log_entry.data.get("roles", [])
        if roles:
            return gettext("Account change refused: roles not covered (%(roles)s)") % {
                "roles": role_labels(roles)
            }
        return gettext("Account change refused")


SIMPLE_ACTIONS = {
    CREATED: (_("Account created"), _("Account created without a password")),
    ACTIVATED: (_("Account activated"), _("Account activated")),
    DEACTIVATED: (_("Account deactivated"), _("Account deactivated")),
    DELETED: (_("Account deleted"), _("Account deleted")),
    PASSWORD_CHANGED: (
        _("Password changed"),
        _("Password changed by the account holder"),
    ),
    PASSWORD_RESET: (
        _("Password chosen with a link"),
        _("Password chosen with a link sent to the account's email address"),
    ),
    PASSWORD_SET: (
        _("Password set"),
        _("Password set outside the account page (e.g. from the command line)"),
    ),
    PASSWORD_LINK_SENT: (
        _("Password link sent"),
        _("Link to choose a password sent to the account's email address"),
    ),
}


def register_log_actions(actions) -> None:
    for action, (label, message) in SIMPLE_ACTIONS.items():
        actions.register_action(action, label, message)
    actions.register_action(EDITED)(AccountEditedFormatter)
    actions.register_action(REFUSED)(AccountRefusedFormatter)


# Emails to the account holder (sent on the task queue after the commit).


def send_password_link(*, target, actor) -> None:
    """Email the account's own address a link with which its holder chooses a password."""
    from navet.tasks import enqueue_after_commit

    from .tasks import send_password_link as task

    log(instance=target, action=PASSWORD_LINK_SENT, user=actor)
    enqueue_after_commit(task, user_id=target.pk)


def notify_password_changed(*, target) -> None:
    from navet.tasks import enqueue_after_commit

    from .tasks import notify_account_holder

    enqueue_after_commit(
        notify_account_holder,
        user_id=target.pk,
        kind="password",
        address=target.email,
        when=timezone.now().isoformat(),
    )


def notify_email_changed(*, target, old_address: str) -> None:
    from navet.tasks import enqueue_after_commit

    from .tasks import notify_account_holder

    enqueue_after_commit(
        notify_account_holder,
        user_id=target.pk,
        kind="email",
        address=old_address,
        when=timezone.now().isoformat(),
    )
