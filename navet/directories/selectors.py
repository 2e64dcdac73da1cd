"""What the public pages of the service directory read (W3.4): live entries only. For an
entry with drafts the database row is the published content while it is live; drafts wait
in revisions and are never read here."""

import re

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import (
    PROVIDER_FORMAT_RELATIONS,
    Area,
    EvaluationReport,
    Operator,
    Profile,
    Provider,
    Service,
    SpokenLanguage,
)

# A slug as the routes and the models have it; anything else is never looked up.
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


def is_slug(value: str) -> bool:
    return bool(SLUG.fullmatch(value or ""))


def live_services() -> QuerySet[Service]:
    """Every live service with its committee and its number of live providers."""
    return (
        Service.objects.filter(live=True)
        .select_related("owning_unit")
        .annotate(live_providers=Count("providers", filter=Q(providers__live=True)))
        .order_by("name", "pk")
    )


def live_service(slug: str) -> Service | None:
    if not is_slug(slug):
        return None
    return (
        Service.objects.filter(live=True, slug=slug)
        .select_related("owning_unit")
        .prefetch_related("requirements")
        .first()
    )


def live_providers(service: Service) -> QuerySet[Provider]:
    """The service's live providers with everything the uniform format shows."""
    return (
        Provider.objects.filter(live=True, service=service)
        .select_related("service", "service__owning_unit")
        .prefetch_related(
            *PROVIDER_FORMAT_RELATIONS,
        )
        .order_by("name", "pk")
    )


def live_provider(service: Service, slug: str) -> Provider | None:
    if not is_slug(slug):
        return None
    return (
        live_providers(service)
        .filter(slug=slug)
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=EvaluationReport.objects.select_related("document").order_by(
                    "-year", "-published_on", "title"
                ),
            )
        )
        .first()
    )


def providers_with_slugs(service: Service, slugs: list[str]) -> list[Provider]:
    """The live providers of `service` among `slugs`, in the order the slugs came."""
    wanted = [slug for slug in slugs if is_slug(slug)]
    found = {
        provider.slug: provider for provider in live_providers(service).filter(slug__in=wanted)
    }
    return [found[slug] for slug in wanted if slug in found]


def filter_options(service: Service) -> dict[str, list]:
    """The areas, languages, profiles and kinds of operator the service's live providers
    have: a filter offers only what can match something."""
    live = {"providers__live": True, "providers__service": service}
    operators = set(
        Provider.objects.filter(live=True, service=service).values_list("operator", flat=True)
    )
    return {
        "areas": list(Area.objects.filter(**live).distinct().order_by("name")),
        "languages": list(SpokenLanguage.objects.filter(**live).distinct().order_by("name")),
        "profiles": list(Profile.objects.filter(**live).distinct().order_by("name")),
        "operators": [value for value, _label in Operator.choices if value in operators],
    }


def filtered_providers(
    providers: QuerySet[Provider],
    *,
    area: str = "",
    language: str = "",
    profile: str = "",
    operators: list[str] | tuple = (),
) -> QuerySet[Provider]:
    """`providers` narrowed by area slug, language code, profile slug and operators (any of
    them). Values are validated choices (see `filters`)."""
    if area:
        providers = providers.filter(areas__slug=area)
    if language:
        providers = providers.filter(languages__code=language)
    if profile:
        providers = providers.filter(profiles__slug=profile)
    if operators:
        providers = providers.filter(operator__in=operators)
    return providers
