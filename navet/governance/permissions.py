"""Who may change a register request: the people with a role in its owning unit or a unit
above it, the communications staff and the infomaster (W4.3, W3.6). The model
permissions come from the roles (see `roles`); this narrows them to the requests of one's
own part of the organisation."""

from wagtail.permission_policies import ModelPermissionPolicy

from navet.organisation.models import RoleAssignment, Unit
from navet.organisation.roles import Role

from .models import GovernanceSettings


def units_managed_by(user) -> set[int] | None:
    """Ids of the units whose requests `user` may change; None for every unit."""
    if not user.is_active:
        return set()
    if user.is_superuser:
        return None
    assignments = list(
        RoleAssignment.objects.active().filter(person__user=user).select_related("unit")
    )
    if any(assignment.role == Role.INFOMASTER for assignment in assignments):
        return None
    communications = GovernanceSettings.load().communications_unit
    if communications is not None and any(
        communications in assignment.unit.ancestors() for assignment in assignments
    ):
        return None
    held = {assignment.unit_id for assignment in assignments}
    return {unit.pk for unit in Unit.objects.all() if held & {u.pk for u in unit.ancestors()}}


class OwnUnitPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        units = units_managed_by(user)
        return action == "view" or units is None or instance.owning_unit_id in units

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        everything = self.model._default_manager.all()
        units = units_managed_by(user)
        if actions == ["view"] or units is None:
            return everything
        return everything.filter(owning_unit__in=units)
