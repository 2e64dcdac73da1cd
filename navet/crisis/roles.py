"""Who leads crisis communication (K2, K4): the on-call communicator (KiB), the infomaster
and the communicators and communications lead of the staff's crisis unit (Nyheter och
media); after the hand-over, also the communications lead of the responsible
administration. Everything comes from role assignments."""

from navet.organisation.models import RoleAssignment
from navet.organisation.roles import Role, permission_codes

from .models import CrisisSettings

CRISIS_MODELS = ("crisisevent", "crisisupdate", "crisislogentry")
LEAD = permission_codes("crisis", ("add", "change", "view"), CRISIS_MODELS)
# Roles that lead a crisis wherever they are held.
LEADING_ANYWHERE = (Role.ON_CALL_COMMUNICATOR, Role.INFOMASTER)
# Roles that lead a crisis when held in the crisis unit (or a unit within it).
LEADING_IN_CRISIS_UNIT = (Role.COMMUNICATOR, Role.COMMUNICATIONS_LEAD, Role.MANAGER)
# K4: the administration takes over after the first phase.
TAKING_OVER = (Role.COMMUNICATIONS_LEAD,)


def crisis_permissions() -> dict:
    return dict.fromkeys((*LEADING_ANYWHERE, *LEADING_IN_CRISIS_UNIT, *TAKING_OVER), LEAD)


def _assignments(user):
    if not (user and user.is_authenticated and user.is_active):
        return []
    return list(RoleAssignment.objects.active().filter(person__user=user).select_related("unit"))


def leads_crisis_communication(user) -> bool:
    """K2: may start, update and end any crisis event."""
    if user is not None and user.is_active and user.is_superuser:
        return True
    assignments = _assignments(user)
    if any(assignment.role in LEADING_ANYWHERE for assignment in assignments):
        return True
    crisis_unit = CrisisSettings.load().crisis_unit
    return crisis_unit is not None and any(
        assignment.role in LEADING_IN_CRISIS_UNIT and crisis_unit in assignment.unit.ancestors()
        for assignment in assignments
    )


def may_update(user, event) -> bool:
    """K4: the crisis leaders, and once the event is handed over, the responsible
    administration's communications lead."""
    if leads_crisis_communication(user):
        return True
    if event.handed_over_at is None:
        return False
    return any(
        assignment.role in TAKING_OVER
        and assignment.unit_id in {unit.pk for unit in event.responsible_unit.ancestors()}
        for assignment in _assignments(user)
    )
