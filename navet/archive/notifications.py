"""The monthly compliance email to each head editor: their administration's part."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from navet.organisation.models import Person, RoleAssignment
from navet.organisation.roles import Role


def head_editors() -> list[Person]:
    ids = (
        RoleAssignment.objects.active()
        .filter(role=Role.HEAD_EDITOR)
        .values_list("person_id", flat=True)
        .distinct()
    )
    return list(Person.objects.filter(pk__in=ids).select_related("user"))


def send_compliance_report(*, person: Person) -> bool:
    """Email `person` the state of the administrations where they are head editor."""
    from .compliance_views import visible_states

    user = person.user
    address = person.email or (user.email if user else "")
    if user is None or not address or not user.is_active:
        return False
    try:
        states = [state for state in visible_states(user) if state.unit is not None]
    except PermissionDenied:  # no longer a head editor anywhere
        return False
    if not states:
        return False
    context = {
        "person": person,
        "states": states,
        "today": timezone.localdate(),
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/efterlevnad/",
    }
    send_mail(
        subject=render_to_string("archive/email/compliance_subject.txt", context).strip(),
        message=render_to_string("archive/email/compliance.txt", context),
        from_email=None,
        recipient_list=[address],
    )
    return True
