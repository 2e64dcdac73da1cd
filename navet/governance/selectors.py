"""Accounts that need the communications staff's attention (W4.3): an approved account whose
administrators no longer hold a role, or whose review date has passed."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from navet.editorial.selectors import users_holding
from navet.organisation.models import RoleAssignment
from navet.organisation.roles import Role

from .models import GovernanceSettings, SocialMediaAccount

# Who is told about the accounts that need attention: the communications staff.
COMMUNICATIONS_ROLES = (Role.COMMUNICATIONS_LEAD, Role.COMMUNICATOR)


def accounts_needing_attention(*, today=None) -> list[tuple[SocialMediaAccount, list[str]]]:
    """(account, reasons) for every live account that needs attention, in the register's
    order. The reasons are in the active language."""
    today = today or timezone.localdate()
    accounts = list(
        SocialMediaAccount.objects.filter(live=True)
        .select_related("owning_unit")
        .prefetch_related("administrators")
        .order_by("platform", "handle", "pk")
    )
    people_ids = {person.pk for account in accounts for person in account.administrators.all()}
    holding = set(
        RoleAssignment.objects.active(on=today)
        .filter(person_id__in=people_ids)
        .values_list("person_id", flat=True)
    )
    flagged = []
    for account in accounts:
        reasons = []
        administrators = list(account.administrators.all())
        without_role = [person for person in administrators if person.pk not in holding]
        if not administrators:
            reasons.append(_("It has no administrators."))
        elif len(without_role) == len(administrators):
            reasons.append(_("None of its administrators holds a role any more."))
        else:
            reasons += [
                _("%(name)s administers the account but no longer holds a role.")
                % {"name": person.full_name}
                for person in without_role
            ]
        if account.review_by is not None and account.review_by < today:
            reasons.append(
                _("Its review date, %(date)s, has passed.")
                % {"date": formats.date_format(account.review_by, "Y-m-d")}
            )
        if reasons:
            flagged.append((account, reasons))
    return flagged


def communications_staff():
    """The communications leads and communicators of the communications staff and of the
    units below it (W4.3); nobody when no communications staff is set."""
    unit = GovernanceSettings.load().communications_unit
    if unit is None:
        return []
    users = set()
    for candidate in [unit, *unit.descendants()]:
        users.update(users_holding(roles=COMMUNICATIONS_ROLES, unit=candidate))
    return sorted(users, key=lambda user: user.username)


def accounts_in_workflow():
    """Accounts whose approval chain is under way."""
    states = WorkflowState.objects.filter(
        base_content_type__app_label="governance",
        base_content_type__model="socialmediaaccount",
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).values_list("object_id", flat=True)
    return SocialMediaAccount.objects.filter(pk__in=[int(pk) for pk in states if pk.isdigit()])


def pending_accounts_for(user) -> list[SocialMediaAccount]:
    """W4.3: the accounts waiting in their approval chain that a head editor, communications
    lead or communicator is told about – those of the units where they hold the role, and
    the units below; the communications staff's are told about every unit's."""
    if not user.is_authenticated or not user.is_active:
        return []
    assignments = list(
        RoleAssignment.objects.active()
        .filter(
            person__user=user,
            role__in=(Role.HEAD_EDITOR, *COMMUNICATIONS_ROLES),
        )
        .select_related("unit")
    )
    if not assignments:
        return []
    pending = accounts_in_workflow().select_related("owning_unit").order_by("platform", "handle")
    communications = GovernanceSettings.load().communications_unit
    in_communications = communications is not None and any(
        assignment.role in COMMUNICATIONS_ROLES and communications in assignment.unit.ancestors()
        for assignment in assignments
    )
    if in_communications:
        return list(pending)
    held = {assignment.unit_id for assignment in assignments}
    return [
        account
        for account in pending
        if held & {unit.pk for unit in account.owning_unit.ancestors()}
    ]
