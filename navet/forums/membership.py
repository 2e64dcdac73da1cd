"""Who is in a forum, computed from today's role assignments (K3, K6, W3.7). Nothing here is
stored: a new head editor is in the web council the moment the assignment starts, and out
of it the day it ends."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from navet.organisation.models import Person, RoleAssignment, Unit
from navet.organisation.roles import Role

from .models import Admission, AgendaItem, ExtraMemberKind, Forum, MinutesAudience

# The roles of communication work: who may join the voluntary communication network.
COMMUNICATION_ROLES = (
    Role.COMMUNICATIONS_LEAD,
    Role.COMMUNICATOR,
    Role.HEAD_EDITOR,
    Role.EDITOR,
    Role.INFOMASTER,
    Role.WEBMASTER,
    Role.ON_CALL_COMMUNICATOR,
    Role.PRESS_CONTACT,
)


@dataclass
class Member:
    person: Person
    reasons: list[str] = field(default_factory=list)
    is_chair: bool = False
    is_secretary: bool = False
    is_expert: bool = False
    is_extra: bool = False


def _holders(*, role: str, unit: Unit | None, below: bool = False, unit_kind: str = ""):
    assignments = RoleAssignment.objects.active().filter(role=role)
    if unit is not None:
        units = [unit, *unit.descendants()] if below else [unit]
        assignments = assignments.filter(unit__in=units)
    if unit_kind:
        assignments = assignments.filter(unit__kind=unit_kind)
    return assignments.select_related("person", "unit")


def chairs(forum: Forum) -> list[Person]:
    return [a.person for a in _holders(role=forum.chair_role, unit=forum.chair_unit)]


def secretaries(forum: Forum) -> list[Person]:
    if not forum.secretary_role:
        return []
    return [a.person for a in _holders(role=forum.secretary_role, unit=forum.secretary_unit)]


def _rule_holders(rule):
    return _holders(
        role=rule.role, unit=rule.unit, below=rule.include_units_below, unit_kind=rule.unit_kind
    )


def members(forum: Forum) -> list[Member]:
    """Everyone in the forum today, each once, with why: the chair, the secretary, holders
    of the member rules' roles, those who joined (while still eligible), and the extra
    members and experts the chair added."""
    found: dict[int, Member] = {}

    def add(person, reason, **flags):
        member = found.setdefault(person.pk, Member(person=person))
        if reason not in member.reasons:
            member.reasons.append(reason)
        for flag, value in flags.items():
            setattr(member, flag, getattr(member, flag) or value)

    for person in chairs(forum):
        add(person, _("Chair"), is_chair=True)
    for person in secretaries(forum):
        add(person, _("Secretary"), is_secretary=True)
    joined = set(forum.joined.values_list("person_id", flat=True))
    for rule in forum.participant_rules.all():
        for assignment in _rule_holders(rule):
            if rule.admission == Admission.MEMBER or assignment.person_id in joined:
                add(
                    assignment.person,
                    f"{rule.label} ({assignment.unit.short_name or assignment.unit.name})",
                )
    for extra in forum.extra_members.select_related("person"):
        add(
            extra.person,
            f"{extra.get_kind_display()}{': ' + extra.expertise if extra.expertise else ''}",
            is_expert=extra.kind == ExtraMemberKind.EXPERT,
            is_extra=True,
        )
    return sorted(
        found.values(),
        key=lambda m: (not m.is_chair, not m.is_secretary, m.person.last_name, m.person.first_name),
    )


def person_of(user) -> Person | None:
    if user is None or not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def is_member(forum: Forum, person: Person | None) -> bool:
    return person is not None and any(m.person.pk == person.pk for m in members(forum))


def is_chair(forum: Forum, person: Person | None) -> bool:
    return person is not None and any(p.pk == person.pk for p in chairs(forum))


def runs_meetings(forum: Forum, person: Person | None) -> bool:
    """The chair and the secretary schedule meetings and keep the minutes."""
    if person is None:
        return False
    return any(p.pk == person.pk for p in (*chairs(forum), *secretaries(forum)))


def may_join(forum: Forum, person: Person | None) -> bool:
    """A voluntary network is open to everyone holding a role one of its rules names."""
    if person is None:
        return False
    for rule in forum.participant_rules.filter(admission=Admission.MAY_JOIN):
        if _rule_holders(rule).filter(person=person).exists():
            return True
    return False


def is_open(forum: Forum) -> bool:
    return forum.participant_rules.filter(admission=Admission.MAY_JOIN).exists()


def forums_of(person: Person | None) -> list[Forum]:
    if person is None:
        return []
    return [forum for forum in Forum.objects.all() if is_member(forum, person)]


def excluded_from_item(item: AgendaItem, person: Person | None) -> bool:
    """W3.7 (2012, 3.7.7): the head editor of a unit an item could give a competitive
    advantage takes no part in it, and gets neither its papers nor its minutes."""
    unit = item.competitive_advantage_for
    if unit is None or person is None:
        return False
    units = [unit, *unit.descendants()]
    return (
        RoleAssignment.objects.active()
        .filter(person=person, role=Role.HEAD_EDITOR, unit__in=units)
        .exists()
    )


def may_read_minutes(minutes, person: Person | None) -> bool:
    if minutes is None or minutes.published_at is None or person is None:
        return False
    if minutes.audience == MinutesAudience.ALL_STAFF:
        return True
    return is_member(minutes.meeting.forum, person)
