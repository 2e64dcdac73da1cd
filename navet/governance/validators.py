import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def normalise_domain(value: str) -> str:
    """ "https://www.Linkoping.se/" → "linkoping.se": a register entry is a bare domain."""
    value = (value or "").strip().lower()
    value = re.sub(r"^[a-z]+://", "", value).split("/")[0].split(":")[0]
    return value.removeprefix("www.")


def validate_domain(value: str) -> None:
    if not DOMAIN.match(normalise_domain(value)):
        raise ValidationError(
            _("Write a domain name such as linkoping.se, without http:// or a path."),
            code="domain",
        )
