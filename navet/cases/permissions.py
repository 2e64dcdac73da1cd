"""Who sees and handles which cases (K4): the model permissions come from the roles (see
`roles`); this narrows them to the mailboxes whose handling unit is the unit – or below the
unit – where the person holds such a role. Taking a case also needs one of the roles the
mailbox's process names."""

from wagtail.permission_policies import ModelPermissionPolicy

from navet.organisation.models import RoleAssignment
from navet.organisation.roles import model_permissions_for

CASE_VIEW = "cases.view_case"


def _handling_assignments(user):
    return [
        assignment
        for assignment in RoleAssignment.objects.active()
        .filter(person__user=user)
        .select_related("unit")
        if CASE_VIEW in model_permissions_for(assignment.role)
    ]


def handling_unit_ids(user) -> set[int] | None:
    """Ids of the units whose mailboxes `user` handles; None for all (superusers)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    held = {assignment.unit for assignment in _handling_assignments(user)}
    units = set()
    for unit in held:
        units.add(unit.pk)
        units.update(descendant.pk for descendant in unit.descendants())
    return units


def may_take(user, case) -> bool:
    """Whether `user` holds, in the case's handling unit or above it, one of the roles the
    mailbox's process lets take a case."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    roles = set(case.mailbox.taking_roles.values_list("role", flat=True))
    above = {unit.pk for unit in case.mailbox.handling_unit.ancestors()}
    return any(
        assignment.role in roles and assignment.unit_id in above
        for assignment in _handling_assignments(user)
    )


class CasePermissionPolicy(ModelPermissionPolicy):
    """For `Case`: the model permission, and the case's mailbox handled by one's unit."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        units = handling_unit_ids(user)
        return units is None or instance.mailbox.handling_unit_id in units

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        everything = self.model._default_manager.all()
        units = handling_unit_ids(user)
        if units is None:
            return everything
        return everything.filter(mailbox__handling_unit__in=units)
