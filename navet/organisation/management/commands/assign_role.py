import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.log_actions import log

from navet.organisation.models import Person, RoleAssignment, Unit, UnitKind
from navet.organisation.roles import Role


class Command(BaseCommand):
    help = (
        "Give a person a role in a unit – e.g. the first infomaster of a new install, who then "
        "manages everything else in the admin. Logged in the audit log like admin changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=[role.value for role in Role])
        parser.add_argument("unit", help="The unit's name, e.g. 'Planerad kommunikation'.")
        parser.add_argument(
            "--create-user",
            action="store_true",
            help="Create the account if it does not exist (asks for its password).",
        )
        parser.add_argument(
            "--create-unit",
            choices=[kind.value for kind in UnitKind],
            help="Create the unit as a top-level unit of this kind if it does not exist.",
        )

    @transaction.atomic
    def handle(self, *args, username, role, unit, create_unit=None, create_user=False, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            if not create_user:
                raise CommandError(
                    f"No account with the username {username!r} (use --create-user)."
                )
            user = self._create_user(username)
        unit_obj = Unit.objects.filter(name=unit).first()
        if unit_obj is None:
            if not create_unit:
                raise CommandError(f"No unit named {unit!r} (use --create-unit KIND).")
            unit_obj = Unit.objects.create(name=unit, kind=create_unit)
            log(unit_obj, "wagtail.create")
        person = Person.objects.filter(user=user).first()
        if person is None:
            person = Person.objects.create(
                user=user,
                first_name=user.first_name or user.username,
                last_name=user.last_name,
                unit=unit_obj,
                email=user.email,
            )
            log(person, "wagtail.create")
        assignment, created = RoleAssignment.objects.get_or_create(
            person=person, role=role, unit=unit_obj
        )
        if created:
            log(assignment, "wagtail.create")
        self.stdout.write(self.style.SUCCESS(f"{assignment} ({'new' if created else 'existed'})."))

    def _create_user(self, username):
        password = getpass.getpass(f"Password for {username}: ")
        if password != getpass.getpass("Again: "):
            raise CommandError("The passwords did not match.")
        user = get_user_model()(username=username)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        user.save()
        return user
