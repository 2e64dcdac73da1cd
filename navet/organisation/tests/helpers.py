from django.contrib.auth import get_user_model

from navet.organisation.models import Person, RoleAssignment, Unit


def new_person(*, username: str, unit: Unit, role: str | None = None) -> Person:
    user = get_user_model().objects.create_user(username=username, password="x-test-password")
    person = Person.objects.create(user=user, first_name="Test", last_name=username, unit=unit)
    if role:
        RoleAssignment.objects.create(person=person, role=role, unit=unit)
    return person


def fresh(user):
    """The user as a new request would load it, with no cached permissions."""
    return get_user_model().objects.get(pk=user.pk)
