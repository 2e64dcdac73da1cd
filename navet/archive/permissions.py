"""Who may do what in the archive (W3.7). The model permissions come from the roles (see
`roles`); culling and the compliance view are narrowed here to one's own part of the
organisation: the infomaster (supervision of archiving) and the system owner's delegate
see everything, a head editor or communications lead their administration."""

from navet.organisation.models import RoleAssignment, Unit
from navet.organisation.roles import Role

WHOLE_ORGANISATION = (Role.INFOMASTER, Role.SYSTEM_OWNER_DELEGATE)
CULLERS = (Role.INFOMASTER, Role.HEAD_EDITOR)


def units_for(user, *, roles) -> set[int] | None:
    """Ids of the units (with everything below them) where `user` holds one of `roles`;
    None for every unit."""
    if not user.is_active:
        return set()
    if user.is_superuser:
        return None
    assignments = list(RoleAssignment.objects.active().filter(person__user=user, role__in=roles))
    if any(assignment.role in WHOLE_ORGANISATION for assignment in assignments):
        return None
    held = {assignment.unit_id for assignment in assignments}
    if not held:
        return set()
    return {unit.pk for unit in Unit.objects.all() if held & {u.pk for u in unit.ancestors()}}


def user_can_cull(user, record) -> bool:
    if not user.has_perm("archive.cull_capture"):
        return False
    units = units_for(user, roles=CULLERS)
    return units is None or (record.unit_id is not None and record.unit_id in units)


def user_can_browse(user, record) -> bool:
    """The archive shows a page's versions to those who may edit it or supervise archiving."""
    if not user.has_perm("archive.view_capture"):
        return False
    if units_for(user, roles=WHOLE_ORGANISATION) is None:
        return True
    page = record.page
    if page is not None:
        return page.permissions_for_user(user).can_edit()
    units = units_for(user, roles=(*CULLERS, Role.EDITOR, Role.COMMUNICATIONS_LEAD))
    return units is None or record.unit_id in units


def compliance_units(user) -> set[int] | None:
    """The units whose compliance `user` follows: all for the infomaster and the system
    owner's delegate, their own administration for a head editor or communications lead."""
    if not user.has_perm("archive.view_compliancesnapshot"):
        return set()
    return units_for(user, roles=(*WHOLE_ORGANISATION, Role.HEAD_EDITOR, Role.COMMUNICATIONS_LEAD))
