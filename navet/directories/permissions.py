"""Who may change a directory entry: the people with an author, editor or head editor role in
the administration of its responsible committee – the same scope as that administration's
pages – and the infomaster everywhere (W3.4, W3.7). Rights come from role assignments only:
the model permissions of the roles' groups (see `wagtail_hooks`), narrowed here to the
entries of their own units."""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from navet.organisation.models import RoleAssignment, Unit
from navet.organisation.roles import Role
from navet.organisation.services import scope_unit_for

ENTRY_ROLES = (Role.AUTHOR, Role.EDITOR, Role.HEAD_EDITOR)
EVERYWHERE = (Role.INFOMASTER,)


def entry_scope(unit: Unit | None) -> int | None:
    """The administration whose editors keep entries of `unit`, as for its pages."""
    scope = scope_unit_for(role=Role.EDITOR, unit=unit) if unit is not None else None
    return scope.pk if scope is not None else None


def units_editable_by(user) -> set[int] | None:
    """The ids of the units whose entries `user` may change; None for every unit."""
    if not user.is_active:
        return set()
    if user.is_superuser:
        return None
    assignments = RoleAssignment.objects.active().filter(person__user=user)
    if assignments.filter(role__in=EVERYWHERE).exists():
        return None
    scopes = {
        entry_scope(assignment.unit)
        for assignment in assignments.filter(role__in=ENTRY_ROLES).select_related("unit")
    } - {None}
    if not scopes:
        return set()
    return {unit.pk for unit in Unit.objects.all() if entry_scope(unit) in scopes}


class CommitteePermissionPolicy(ModelPermissionPolicy):
    """The model permissions, limited to the entries of the user's own administration.
    Entry models name the path to their responsible unit in `owning_unit_path`."""

    def _in_scope(self, user, instance) -> bool:
        units = units_editable_by(user)
        return units is None or instance.owning_unit_id in units

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return action == "view" or self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        everything = self.model._default_manager.all()
        if actions == ["view"]:
            return everything
        units = units_editable_by(user)
        if units is None:
            return everything
        return everything.filter(Q(**{f"{self.model.owning_unit_path}__in": units}))
