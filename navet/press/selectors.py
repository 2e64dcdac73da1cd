"""Reads for the press room: topics, spokespeople and press contacts, the people to tell about
a media inquiry."""

from django.http import Http404
from django.utils.translation import gettext as _

from navet.organisation.models import Person, RoleAssignment
from navet.organisation.roles import Role

from .models import PressTopic
from .pages import PressInvitationPage, PressReleasePage

PRESS_ROLES = (Role.SPOKESPERSON, Role.PRESS_CONTACT)


def topic_or_404(slug: str) -> PressTopic:
    topic = PressTopic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404(_("No such topic in the press room."))
    return topic


def topics_in_use(*, room) -> list[PressTopic]:
    """The topics of the room's live releases and invitations, for its topic pages."""
    used = set()
    for model in (PressReleasePage, PressInvitationPage):
        used |= set(model.objects.live().public().child_of(room).values_list("topics", flat=True))
    return list(PressTopic.objects.filter(pk__in=used - {None}))


def press_contacts() -> list[dict]:
    """The spokespeople and press contacts, from today's role assignments: one entry per
    person and role, the units they speak for listed together."""
    assignments = (
        RoleAssignment.objects.active()
        .filter(role__in=PRESS_ROLES)
        .select_related("person", "unit")
        .order_by("role", "person__last_name", "person__first_name", "unit__name")
    )
    groups = {role: {} for role in (Role.PRESS_CONTACT, Role.SPOKESPERSON)}
    for assignment in assignments:
        people = groups[assignment.role]
        entry = people.setdefault(assignment.person_id, {"person": assignment.person, "units": []})
        entry["units"].append(assignment.unit)
    return [
        {"role": role, "label": Role(role).label, "people": list(people.values())}
        for role, people in groups.items()
        if people
    ]


def communications_leads_for(*, unit) -> list[Person]:
    """K2: the communications lead of the administration – of the unit, or the nearest unit
    above it that has one."""
    for candidate in unit.ancestors():
        people = list(
            Person.objects.filter(
                role_assignments__in=RoleAssignment.objects.active().filter(
                    role=Role.COMMUNICATIONS_LEAD, unit=candidate
                )
            ).distinct()
        )
        if people:
            return people
    return []
