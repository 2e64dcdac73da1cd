"""Accounts of people who sign in with the identity provider (oidc.py), and the role
assignments administrators have mapped from the provider's claims.

A person is found by the provider's issuer and stable identifier (`ProviderIdentity`), never
by email. Someone the provider knows but Navet does not gets, at their first sign-in, a
person in NAVET_OIDC_NEW_PERSON_UNIT and an account without a usable password and without
any role: it reads the intranet and nothing more (W3.2, W3.7). Rights come from role
assignments only; a claim gives a role only through a `ClaimRoleMapping` an administrator
made, and the assignment made from it ends when the claim is gone at a later sign-in.
Every account and assignment made or ended here is in Wagtail's audit log.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from .models import (
    ClaimRoleMapping,
    MappedRoleAssignment,
    Person,
    ProviderIdentity,
    RoleAssignment,
    Unit,
    UnitKind,
)

logger = logging.getLogger(__name__)

# Audit log actions.
ACCOUNT_CREATED = "navet.account.create_at_sign_in"
ASSIGNMENT_FROM_CLAIM = "navet.role_assignment.from_claim"
ASSIGNMENT_ENDED = "navet.role_assignment.end"


def _claim(claims: dict, setting: str) -> str:
    value = claims.get(getattr(settings, setting))
    return str(value).strip() if value else ""


def new_person_unit() -> Unit | None:
    if settings.NAVET_OIDC_NEW_PERSON_UNIT:
        return Unit.objects.filter(name=settings.NAVET_OIDC_NEW_PERSON_UNIT).first()
    return (
        Unit.objects.filter(parent=None, kind=UnitKind.MUNICIPALITY).first()
        or Unit.objects.filter(parent=None).first()
    )


def _free_username(*, email: str, issuer: str, subject: str) -> str:
    User = get_user_model()
    if email and not User.objects.filter(username__iexact=email).exists():
        return email[:150]
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:16]
    return f"idp-{digest}"


def _new_account(*, person: Person, issuer: str, subject: str):
    user = get_user_model()(
        username=_free_username(email=person.email, issuer=issuer, subject=subject),
        email=person.email,
        first_name=person.first_name[:150],
        last_name=person.last_name[:150],
    )
    # The provider checks who they are; Navet keeps no password for them.
    user.set_unusable_password()
    user.save()
    log(instance=user, action=ACCOUNT_CREATED, user=None)
    return user


def _update_from_claims(*, person: Person, user, claims: dict) -> None:
    """The provider is where names and addresses are kept up to date."""
    changes = {
        "first_name": _claim(claims, "NAVET_OIDC_GIVEN_NAME_CLAIM")[:80],
        "last_name": _claim(claims, "NAVET_OIDC_FAMILY_NAME_CLAIM")[:80],
        "email": _claim(claims, "NAVET_OIDC_EMAIL_CLAIM")[:254],
    }
    changes = {name: value for name, value in changes.items() if value}
    changed = [name for name, value in changes.items() if getattr(person, name) != value]
    if changed:
        for name in changed:
            setattr(person, name, changes[name])
        person.save(update_fields=changed)
    account_changed = [name for name, value in changes.items() if getattr(user, name) != value]
    if account_changed:
        for name in account_changed:
            setattr(user, name, changes[name][:150] if name != "email" else changes[name])
        user.save(update_fields=account_changed)


@transaction.atomic
def account_for_identity(*, issuer: str, subject: str, claims: dict):
    """The account of whoever the provider says signed in, made at their first sign-in.
    An account an administrator or the daily check deactivated stays deactivated (the
    callback then refuses it)."""
    identity = (
        ProviderIdentity.objects.select_for_update(of=("self",))
        .select_related("person__user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is None:
        unit = new_person_unit()
        if unit is None:
            raise SuspiciousOperation("No unit to place a new person in")
        person = Person.objects.create(
            first_name=_claim(claims, "NAVET_OIDC_GIVEN_NAME_CLAIM")[:80] or gettext("Unknown"),
            last_name=_claim(claims, "NAVET_OIDC_FAMILY_NAME_CLAIM")[:80] or subject[:80],
            email=_claim(claims, "NAVET_OIDC_EMAIL_CLAIM")[:254],
            unit=unit,
        )
        identity = ProviderIdentity.objects.create(person=person, issuer=issuer, subject=subject)
    else:
        person = identity.person
        identity.last_signed_in = timezone.now()
        identity.save(update_fields=["last_signed_in"])
    user = person.user
    if user is None:
        user = _new_account(person=person, issuer=issuer, subject=subject)
        person.user = user
        person.save(update_fields=["user"])
    _update_from_claims(person=person, user=user, claims=claims)
    if user.is_active:
        apply_claim_mappings(person=person, claims=claims)
    return user


# Role assignments from claims.


def end_assignment(*, assignment: RoleAssignment, reason: str, user=None) -> None:
    """End an assignment today, with the reason in its note and in the audit log. One that
    has not yet been in force a whole day is removed instead (an assignment cannot end
    before it starts); the log keeps it."""
    today = timezone.localdate()
    data = {"reason": reason, "person": str(assignment.person), "role": assignment.role}
    if assignment.valid_from >= today:
        log(instance=assignment, action=ASSIGNMENT_ENDED, user=user, data=data, deleted=True)
        assignment.delete()
        return
    yesterday = today - timedelta(days=1)
    if assignment.valid_to is not None and assignment.valid_to <= yesterday:
        return
    assignment.valid_to = yesterday
    assignment.note = f"{assignment.note} – {reason}".strip(" –")[:255]
    assignment.save(update_fields=["valid_to", "note"])
    log(instance=assignment, action=ASSIGNMENT_ENDED, user=user, data=data)


def apply_claim_mappings(*, person: Person, claims: dict) -> None:
    """Give the person the assignments their claims are mapped to, and end those whose
    claim is gone (or whose mapping was removed)."""
    mappings = [mapping for mapping in ClaimRoleMapping.objects.all() if mapping.matches(claims)]
    current = {
        link.mapping_id: link
        for link in MappedRoleAssignment.objects.select_related("assignment").filter(
            assignment__person=person
        )
        if link.assignment.is_active()
    }
    for mapping in mappings:
        if mapping.pk in current:
            continue
        assignment = RoleAssignment.objects.create(
            person=person,
            role=mapping.role,
            unit=mapping.unit,
            note=(gettext("From sign-in: %(mapping)s") % {"mapping": mapping})[:255],
        )
        MappedRoleAssignment.objects.create(assignment=assignment, mapping=mapping)
        log(
            instance=assignment,
            action=ASSIGNMENT_FROM_CLAIM,
            user=None,
            data={"claim": mapping.claim, "value": mapping.value, "mapping": mapping.pk},
        )
    wanted = {mapping.pk for mapping in mappings}
    for mapping_id, link in current.items():
        if mapping_id not in wanted:
            end_assignment(
                assignment=link.assignment,
                reason=gettext("the claim it was mapped from is gone at sign-in"),
            )


def end_mapped_assignments(*, mapping: ClaimRoleMapping, user=None) -> None:
    """A mapping is being removed: the assignments made from it end."""
    for link in MappedRoleAssignment.objects.select_related("assignment__person").filter(
        mapping=mapping
    ):
        if link.assignment.is_active():
            end_assignment(
                assignment=link.assignment,
                reason=gettext("the claim mapping it came from was removed"),
                user=user,
            )


def register_log_actions(actions) -> None:
    actions.register_action(
        ACCOUNT_CREATED,
        _("Account created at sign-in"),
        _("Account created at the first sign-in with the identity provider"),
    )
    actions.register_action(
        ASSIGNMENT_FROM_CLAIM,
        _("Role assignment from a claim"),
        _("Role assignment made at sign-in from a claim mapped to a role"),
    )
    actions.register_action(ASSIGNMENT_ENDED)(AssignmentEndedFormatter)


class AssignmentEndedFormatter(LogFormatter):
    label = _("Role assignment ended")

    def format_message(self, log_entry):
        return gettext("Role assignment ended: %(reason)s") % {
            "reason": log_entry.data.get("reason", "")
        }
