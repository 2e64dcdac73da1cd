"""Directory entries for tests, complete in the uniform format unless told otherwise."""

import itertools

from django.utils.text import slugify

from navet.organisation.models import Unit

from ..models import (
    Activity,
    Area,
    Association,
    Operator,
    Profile,
    Provider,
    Service,
    SpokenLanguage,
)
from ..validators import luhn_valid

_serial = itertools.count(1)


def organisation_number(seed: int) -> str:
    """A valid organisation number (the check digit right) made from `seed`."""
    base = f"55{seed:07d}"[-9:]
    check = next(digit for digit in "0123456789" if luhn_valid(base + digit))
    return f"{base[:6]}-{base[6:]}{check}"


def area(name="Ryd") -> Area:
    return Area.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]


def language(name="Svenska", code="sv") -> SpokenLanguage:
    return SpokenLanguage.objects.get_or_create(code=code, defaults={"name": name})[0]


def profile(name="Demenskompetens") -> Profile:
    return Profile.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]


def activity(name="Idrott") -> Activity:
    return Activity.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]


def publish(entry, user=None):
    revision = entry.save_revision(user=user)
    revision.publish(user=user)
    entry.refresh_from_db()
    return entry


def service(*, name=None, unit="Socialförvaltningen", live=True, **fields) -> Service:
    name = name or f"Tjänst {next(_serial)}"
    entry = Service(
        name=name,
        slug=slugify(name),
        summary=fields.pop("summary", f"{name} för dig som behöver stöd i vardagen."),
        description=fields.pop(
            "description", "<p>Du ansöker hos kommunen. Sedan väljer du utförare.</p>"
        ),
        owning_unit=Unit.objects.get(name=unit),
        live=False,
        **fields,
    )
    entry.save()
    entry.requirements.create(text="Personalen har utbildning för uppdraget.")
    return publish(entry) if live else entry


def provider(
    service_entry,
    *,
    name=None,
    live=True,
    areas=("Ryd",),
    languages=(("Svenska", "sv"),),
    profiles=(),
    **fields,
) -> Provider:
    number = next(_serial)
    name = name or f"Utförare {number}"
    values = {
        "operator": Operator.PRIVATE,
        "organisation": f"{name} AB",
        "organisation_number": organisation_number(number),
        "street_address": "Storgatan 1",
        "postal_code": "582 23",
        "city": "Linköping",
        "assignment": "Hjälp i hemmet med personlig omvårdnad och service.",
        "email": f"info{number}@utforare.example",
        **fields,
    }
    entry = Provider(service=service_entry, name=name, slug=slugify(name), live=False, **values)
    entry.save()
    entry.areas.set([area(a) for a in areas])
    entry.languages.set([language(n, c) for n, c in languages])
    entry.profiles.set([profile(p) for p in profiles])
    entry.save()
    return publish(entry) if live else entry


def association(*, name=None, live=True, unit="Kultur- och fritidsförvaltningen", **fields):
    name = name or f"Förening {next(_serial)}"
    values = {
        "purpose": "Att ge barn och unga en meningsfull fritid.",
        "area": area(fields.pop("area_name", "Ryd")),
        "meeting_place": "Rydsskolans gymnastiksal",
        "contact_name": "Anna Berg",
        "email": "kontakt@forening.example",
        "owning_unit": Unit.objects.get(name=unit),
        **fields,
    }
    entry = Association(name=name, slug=slugify(name), live=False, **values)
    entry.save()
    entry.activities.set([activity()])
    entry.support.create(year=2025, kind="Verksamhetsbidrag", amount=25000)
    entry.save()
    return publish(entry) if live else entry
