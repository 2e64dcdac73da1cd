"""schema.org descriptions of the service directory's pages as JSON-LD (W3.4): a
GovernmentService for a service with its providers, an Organization for each provider.

The `<script type="application/ld+json">` is data, never run: the sites' Content-Security-
Policy (no inline script) does not apply to it. It is escaped as `json_script` does, so
nothing in an entry can end the element or start markup."""

import json

from django.utils.safestring import SafeString, mark_safe

from navet.web.csp import JSON_ESCAPES

from .models import Provider, Service

CONTEXT = "https://schema.org"


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def organization(provider: Provider, *, url: str = "") -> dict:
    """The provider as schema.org Organization: who performs the service, where, in which
    languages, and how to reach it."""
    address = _without_empty(
        {
            "@type": "PostalAddress",
            "streetAddress": provider.street_address,
            "postalCode": provider.postal_code,
            "addressLocality": provider.city,
            "addressCountry": "SE",
        }
    )
    identifier = (
        {
            "@type": "PropertyValue",
            "propertyID": "organisationsnummer",
            "value": provider.organisation_number,
        }
        if provider.organisation_number
        else None
    )
    return _without_empty(
        {
            "@type": "Organization",
            "name": provider.name,
            "legalName": provider.organisation,
            "identifier": identifier,
            "description": provider.assignment,
            "address": address if len(address) > 2 else None,
            "areaServed": [
                {"@type": "AdministrativeArea", "name": area.name} for area in provider.areas.all()
            ],
            "knowsLanguage": [
                {"@type": "Language", "name": language.name, "alternateName": language.code}
                for language in provider.languages.all()
            ],
            "email": provider.email,
            "telephone": provider.phone,
            "url": provider.website,
            "mainEntityOfPage": url,
        }
    )


def government_service(
    service: Service,
    *,
    url: str = "",
    operator_name: str = "",
    providers: list[tuple[Provider, str]] = (),
) -> dict:
    """The service as schema.org GovernmentService; `providers` are (provider, address of
    its page) pairs."""
    committee = service.owning_unit
    return _without_empty(
        {
            "@type": "GovernmentService",
            "name": service.name,
            "description": service.summary,
            "url": url,
            "serviceType": service.choice_system,
            "serviceOperator": _without_empty(
                {
                    "@type": "GovernmentOrganization",
                    "name": operator_name,
                    "department": (
                        {"@type": "GovernmentOrganization", "name": committee.name}
                        if committee is not None
                        else None
                    ),
                }
            )
            if operator_name
            else None,
            "provider": [organization(provider, url=page) for provider, page in providers],
        }
    )


def script(data: dict | list) -> SafeString:
    """`<script type="application/ld+json">` with `data` and the schema.org context."""
    if isinstance(data, list):
        data = {"@context": CONTEXT, "@graph": data}
    else:
        data = {"@context": CONTEXT, **data}
    text = json.dumps(data, ensure_ascii=False, default=str).translate(JSON_ESCAPES)
    return mark_safe(  # noqa: S308 - JSON with <, > and & escaped
        f'<script type="application/ld+json">{text}</script>'
    )
