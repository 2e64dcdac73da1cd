"""Swedish identifiers in the directories' uniform format (W3.4)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ORGANISATION_NUMBER = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def normalise_organisation_number(value: str) -> str:
    """ "5560001234" and "556000-1234" are the same number; it is kept as NNNNNN-NNNN."""
    match = ORGANISATION_NUMBER.match((value or "").strip())
    return f"{match[1]}-{match[2]}" if match else (value or "").strip()


def validate_organisation_number(value: str) -> None:
    """Bolagsverket's organisation numbers (and a sole trader's personal identity number):
    ten digits whose last is a Luhn check digit."""
    match = ORGANISATION_NUMBER.match((value or "").strip())
    if not match:
        raise ValidationError(
            _("Write the organisation number as ten digits, e.g. 212000-0449."), code="format"
        )
    if not luhn_valid(match[1] + match[2]):
        raise ValidationError(
            _("%(value)s is not an organisation number: the check digit is wrong.")
            % {"value": value},
            code="check_digit",
        )
