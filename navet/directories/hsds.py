"""The directories as open data in Open Referral's Human Services Data Specification 3.0
(W3.4, W3.5). Only live entries are read: the row of a live entry is its published content,
drafts wait in revisions and never reach the open data.

How the directories map onto HSDS, where an organization provides services at locations:

- A service the municipality funds (`Service`) is an HSDS service provided by the committee
  that answers for it; the committee (`organisation.Unit`) is an HSDS organization.
- A provider (`Provider`) is the service as that provider delivers it: an HSDS service of
  the legal body that performs it, with the areas it serves, the languages spoken, its
  address as a location and the evaluation figures. The legal body is one HSDS organization
  however many services it performs, identified by its Swedish organisation number
  (org-id.guide scheme SE-ON). A sole trader's number is a personal identity number: it is
  never published in the open data, nor used to derive an id.
- An association the municipality supports (`Association`) is an HSDS organization with its
  meeting place as a location and the support it received.

HSDS 3.0 has no formal extension mechanism ("Extending HSDS": follow the design of HSDS,
document and share the extension); its schemas allow other properties. What HSDS has no
field for travels in properties whose names start with "x-", described in Navet's OpenAPI
description (hsds/openapi.json): the evaluation figures (`x-evaluations`), the support an
association received (`x-support`) and the rest listed there.

Ids are UUIDs, as HSDS wants them: version 5 over a fixed namespace and what the object is,
so an entry keeps its ids from one request and one day to the next."""

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from pathlib import Path

from django.db.models import Avg, Count, F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import CollectionViewRestriction

from navet.language.engine.text import parse as parse_text
from navet.organisation.models import Unit

from .models import (
    PROVIDER_FORMAT_RELATIONS,
    Association,
    AssociationSupport,
    EvaluationFigure,
    EvaluationReport,
    Operator,
    Provider,
    Service,
)

HSDS_VERSION = "3.0"
# The official schemas of HSDS 3.0, vendored with their licence (see hsds/schema/README.md).
HSDS_DIR = Path(__file__).with_name("hsds")
SCHEMA_DIR = HSDS_DIR / "schema"
OPENAPI_PATH = HSDS_DIR / "openapi.json"
# Where the specification publishes the same files; their $refs are relative to it.
SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"

NAMESPACE = uuid.UUID("fe2d0233-ef38-4595-8ddb-d1f513854f83")
COUNTRY = "SE"
ORGANISATION_NUMBER_SCHEME = "SE-ON"


class Kind:
    """What an HSDS object is in Navet, as its `x-kind` says."""

    MUNICIPAL_SERVICE = "municipal_service"
    PROVIDER_SERVICE = "provider_service"
    COMMITTEE = "committee"
    PROVIDER = "provider"
    ASSOCIATION = "association"
    PROVIDER_LOCATION = "provider_location"
    MEETING_PLACE = "meeting_place"


def stable_id(*parts) -> str:
    """The HSDS id of what `parts` name: a model label, a key, and what of it."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


SERVICE_LABEL = Service._meta.label_lower
PROVIDER_LABEL = Provider._meta.label_lower
ASSOCIATION_LABEL = Association._meta.label_lower
UNIT_LABEL = Unit._meta.label_lower


def municipal_service_id(pk) -> str:
    return stable_id(SERVICE_LABEL, pk)


def provider_service_id(pk) -> str:
    return stable_id(PROVIDER_LABEL, pk, "service")


def committee_id(pk) -> str:
    return stable_id(UNIT_LABEL, pk)


def association_id(pk) -> str:
    return stable_id(ASSOCIATION_LABEL, pk)


def provider_location_id(pk) -> str:
    return stable_id(PROVIDER_LABEL, pk, "location")


def service_at_location_id(pk) -> str:
    return stable_id(PROVIDER_LABEL, pk, "service_at_location")


def meeting_place_id(pk) -> str:
    return stable_id(ASSOCIATION_LABEL, pk, "location")


def public_organisation_number(value: str) -> str:
    """The ten digits of a legal body's organisation number, or "" for anything else. A
    number whose third digit is 0 or 1 is a person's (the month of birth): a sole trader
    registers under their personal identity number, which open data never carries."""
    digits = re.sub(r"[^0-9]", "", value or "")
    if len(digits) != 10 or digits[2] in "01":
        return ""
    return digits


def formatted_organisation_number(digits: str) -> str:
    return f"{digits[:6]}-{digits[6:]}" if digits else ""


def legal_body_key(provider_pk, organisation_number: str) -> str:
    """Providers with the same organisation number are one legal body; without a public
    number the provider is a legal body of its own."""
    digits = public_organisation_number(organisation_number)
    return f"organisation-number:{digits}" if digits else f"{PROVIDER_LABEL}:{provider_pk}"


def legal_body_id(key: str) -> str:
    return stable_id(key, "organization")


def plain_text(html: str) -> str:
    """Rich text as plain text, paragraphs apart."""
    if not html:
        return ""
    text = parse_text(html).text
    return "\n\n".join(part.strip() for part in re.split(r"\n\s*\n", text) if part.strip())


def paragraphs(*texts: str) -> str:
    return "\n\n".join(text.strip() for text in texts if text and text.strip())


def compact(**fields) -> dict:
    """The fields that have a value: HSDS leaves out what is not known (a null would not
    be a string)."""
    return {name: value for name, value in fields.items() if value not in (None, "")}


def one_to_one(obj: dict) -> dict:
    """An object as HSDS's list endpoints carry it: without its one-to-many arrays, nested
    objects likewise (the specification's compiled *_list schemas are made the same way)."""
    return {
        name: one_to_one(value) if isinstance(value, dict) else value
        for name, value in obj.items()
        if not isinstance(value, list)
    }


def date_text(moment) -> str:
    return timezone.localtime(moment).date().isoformat() if moment else ""


def datetime_text(moment) -> str:
    if not moment:
        return ""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def average(value) -> int | float | None:
    """The municipality's average as the service's pages show it: one decimal."""
    if value is None:
        return None
    return number(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def common(values) -> str:
    """The value every one of `values` has, or ""."""
    found = set(values)
    return found.pop() if len(found) == 1 else ""


@dataclass(frozen=True)
class Ref:
    """An HSDS object in a listing: enough to order, count and page it before anything of
    it is loaded."""

    id: str
    kind: str
    key: int | str
    name: str
    organization_id: str = ""


class Directory:
    """The live directory entries as HSDS objects. `absolute` makes a path an absolute
    address (the request's `build_absolute_uri`). One instance serves one request: what it
    reads is kept for that request only."""

    def __init__(self, *, absolute=lambda path: path):
        self.absolute = absolute

    # What is live, in a few narrow queries.

    @cached_property
    def _service_rows(self) -> list[dict]:
        return list(
            Service.objects.filter(live=True)
            .order_by("name", "pk")
            .values("pk", "name", "owning_unit_id")
        )

    @cached_property
    def _provider_rows(self) -> list[dict]:
        return list(
            Provider.objects.filter(live=True, service__live=True)
            .order_by("name", "pk")
            .values(
                "pk",
                "name",
                "service_id",
                "organisation",
                "organisation_number",
                "street_address",
                "city",
                "last_published_at",
            )
        )

    @cached_property
    def _association_rows(self) -> list[dict]:
        return list(
            Association.objects.filter(live=True)
            .order_by("name", "pk")
            .values("pk", "name", "owning_unit_id", "meeting_place")
        )

    @cached_property
    def _legal_body_of(self) -> dict[int, str]:
        return {
            row["pk"]: legal_body_key(row["pk"], row["organisation_number"])
            for row in self._provider_rows
        }

    @cached_property
    def _legal_bodies(self) -> dict[str, list[dict]]:
        """Each legal body's providers, the most recently published first."""
        bodies = defaultdict(list)
        for row in self._provider_rows:
            bodies[self._legal_body_of[row["pk"]]].append(row)
        for rows in bodies.values():
            rows.sort(key=lambda row: row["last_published_at"] or timezone.now(), reverse=True)
        return dict(bodies)

    @cached_property
    def _committees(self) -> dict[int, Unit]:
        ids = {row["owning_unit_id"] for row in self._service_rows}
        ids |= {row["owning_unit_id"] for row in self._association_rows}
        return Unit.objects.in_bulk(ids - {None})

    @cached_property
    def _restricted_collection_paths(self) -> list[str]:
        return list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))

    def _legal_body_name(self, key: str) -> str:
        lead = self._legal_bodies[key][0]
        return lead["organisation"] or lead["name"]

    # The listings, in the order the endpoints page them.

    def service_refs(self) -> list[Ref]:
        """Each service the municipality funds, followed by its providers."""
        by_service = defaultdict(list)
        for row in self._provider_rows:
            by_service[row["service_id"]].append(row)
        refs = []
        for row in self._service_rows:
            unit_id = row["owning_unit_id"]
            refs.append(
                Ref(
                    id=municipal_service_id(row["pk"]),
                    kind=Kind.MUNICIPAL_SERVICE,
                    key=row["pk"],
                    name=row["name"],
                    organization_id=committee_id(unit_id) if unit_id else "",
                )
            )
            refs += [
                Ref(
                    id=provider_service_id(provider["pk"]),
                    kind=Kind.PROVIDER_SERVICE,
                    key=provider["pk"],
                    name=provider["name"],
                    organization_id=legal_body_id(self._legal_body_of[provider["pk"]]),
                )
                for provider in by_service[row["pk"]]
            ]
        return refs

    def organization_refs(self) -> list[Ref]:
        """The committees, then the legal bodies that provide services, then the
        associations, each by name."""
        committees = sorted(self._committees.values(), key=lambda unit: (unit.name, unit.pk))
        refs = [
            Ref(id=committee_id(unit.pk), kind=Kind.COMMITTEE, key=unit.pk, name=unit.name)
            for unit in committees
        ]
        bodies = sorted(
            self._legal_bodies, key=lambda key: (self._legal_body_name(key).casefold(), key)
        )
        refs += [
            Ref(
                id=legal_body_id(key),
                kind=Kind.PROVIDER,
                key=key,
                name=self._legal_body_name(key),
            )
            for key in bodies
        ]
        refs += [
            Ref(
                id=association_id(row["pk"]), kind=Kind.ASSOCIATION, key=row["pk"], name=row["name"]
            )
            for row in self._association_rows
        ]
        return refs

    def _has_address(self, row: dict) -> bool:
        return bool(row["street_address"] and row["city"])

    def location_refs(self) -> list[Ref]:
        """The providers' addresses, then the associations' meeting places."""
        refs = [
            Ref(
                id=provider_location_id(row["pk"]),
                kind=Kind.PROVIDER_LOCATION,
                key=row["pk"],
                name=row["name"],
                organization_id=legal_body_id(self._legal_body_of[row["pk"]]),
            )
            for row in self._provider_rows
            if self._has_address(row)
        ]
        refs += [
            Ref(
                id=meeting_place_id(row["pk"]),
                kind=Kind.MEETING_PLACE,
                key=row["pk"],
                name=row["meeting_place"],
                organization_id=association_id(row["pk"]),
            )
            for row in self._association_rows
            if row["meeting_place"]
        ]
        return refs

    def service_at_location_refs(self) -> list[Ref]:
        """Each provider's service at its address."""
        return [
            Ref(
                id=service_at_location_id(row["pk"]),
                kind=Kind.PROVIDER_SERVICE,
                key=row["pk"],
                name=row["name"],
                organization_id=legal_body_id(self._legal_body_of[row["pk"]]),
            )
            for row in self._provider_rows
            if self._has_address(row)
        ]

    # Loading what a page of objects shows: a fixed number of queries per page.

    def _load_services(self, pks) -> dict[int, Service]:
        if not pks:
            return {}
        live_providers = (
            Provider.objects.filter(live=True)
            .order_by("name", "pk")
            .only("pk", "name", "service_id")
        )
        return (
            Service.objects.filter(live=True)
            .select_related("owning_unit")
            .prefetch_related("requirements", Prefetch("providers", queryset=live_providers))
            .in_bulk(pks)
        )

    def _load_providers(self, pks) -> dict[int, Provider]:
        if not pks:
            return {}
        return (
            Provider.objects.filter(live=True, service__live=True)
            .select_related("service", "service__owning_unit")
            .prefetch_related(
                *PROVIDER_FORMAT_RELATIONS,
                Prefetch(
                    "figures",
                    queryset=EvaluationFigure.objects.filter(
                        measure__service_id=F("provider__service_id")
                    )
                    .select_related("measure")
                    .order_by("measure__name", "measure_id", "-year"),
                ),
                Prefetch(
                    "reports",
                    queryset=EvaluationReport.objects.select_related(
                        "document", "document__collection"
                    ).order_by("-year", "-published_on", "title"),
                ),
            )
            .in_bulk(pks)
        )

    def _averages(self, service_ids) -> dict[tuple[int, int], tuple]:
        """The municipality's average of each measure and year: the mean over the service's
        live providers that have a figure, and how many they are."""
        rows = (
            EvaluationFigure.objects.filter(
                provider__live=True,
                provider__service__live=True,
                provider__service_id=F("measure__service_id"),
                measure__service_id__in=service_ids,
            )
            .values("measure_id", "year")
            .annotate(average=Avg("value"), count=Count("pk"))
        )
        return {(row["measure_id"], row["year"]): (row["average"], row["count"]) for row in rows}

    # Services.

    def services(self, refs, *, full: bool = True, with_organization: bool = True) -> list:
        municipal = self._load_services([r.key for r in refs if r.kind == Kind.MUNICIPAL_SERVICE])
        providers = self._load_providers([r.key for r in refs if r.kind == Kind.PROVIDER_SERVICE])
        averages = self._averages({provider.service_id for provider in providers.values()})
        organizations = {}
        if with_organization:
            wanted = {r.organization_id for r in refs if r.organization_id}
            org_refs = [ref for ref in self.organization_refs() if ref.id in wanted]
            organizations = {
                org["id"]: org for org in self.organizations(org_refs, with_services=False)
            }
        objects = []
        for ref in refs:
            if ref.kind == Kind.MUNICIPAL_SERVICE:
                obj = self._municipal_service(municipal[ref.key])
            else:
                obj = self._provider_service(providers[ref.key], averages)
            if ref.organization_id in organizations:
                obj["organization"] = organizations[ref.organization_id]
            objects.append(obj if full else one_to_one(obj))
        return objects

    def _municipal_service(self, service: Service) -> dict:
        unit = service.owning_unit
        obj = compact(
            id=municipal_service_id(service.pk),
            organization_id=committee_id(unit.pk) if unit else "",
            name=service.name,
            description=service.summary,
            status="active",
            application_process=plain_text(service.description),
            assured_date=date_text(service.last_published_at),
            assurer_email=unit.email if unit else "",
            last_modified=datetime_text(service.last_published_at),
        )
        obj["x-kind"] = Kind.MUNICIPAL_SERVICE
        if service.choice_system:
            obj["x-choice_system"] = service.choice_system
        obj["x-quality_requirements"] = [str(r) for r in service.requirements.all()]
        obj["x-providers"] = [
            {"id": provider_service_id(provider.pk), "name": provider.name}
            for provider in service.providers.all()
        ]
        return obj

    def _provider_service(self, provider: Provider, averages) -> dict:
        service = provider.service
        unit = service.owning_unit
        sid = provider_service_id(provider.pk)
        figures = list(provider.figures.all())
        changed = [provider.last_published_at, *(figure.imported_at for figure in figures)]
        obj = compact(
            id=sid,
            organization_id=legal_body_id(
                legal_body_key(provider.pk, provider.organisation_number)
            ),
            name=f"{service.name} – {provider.name}",
            alternate_name=provider.name,
            description=paragraphs(provider.assignment, provider.about),
            url=provider.website,
            email=provider.email,
            status="active",
            application_process=plain_text(service.description),
            assured_date=date_text(provider.last_published_at),
            assurer_email=unit.email if unit else "",
            last_modified=datetime_text(max((m for m in changed if m), default=None)),
        )
        obj["phones"] = (
            [
                {
                    "id": stable_id(PROVIDER_LABEL, provider.pk, "phone"),
                    "service_id": sid,
                    "number": provider.phone,
                    "type": "voice",
                }
            ]
            if provider.phone
            else []
        )
        obj["service_areas"] = [
            {
                "id": stable_id(PROVIDER_LABEL, provider.pk, "area", area.pk),
                "service_id": sid,
                "name": area.name,
            }
            for area in provider.areas.all()
        ]
        obj["languages"] = [
            {
                "id": stable_id(PROVIDER_LABEL, provider.pk, "language", language.pk),
                "service_id": sid,
                "name": language.name,
                "code": language.code,
            }
            for language in provider.languages.all()
        ]
        location = self._provider_location(provider)
        obj["service_at_locations"] = (
            [
                {
                    "id": service_at_location_id(provider.pk),
                    "service_id": sid,
                    "location_id": location["id"],
                    "location": location,
                }
            ]
            if location
            else []
        )
        obj["funding"] = (
            [
                {
                    "id": stable_id(PROVIDER_LABEL, provider.pk, "funding"),
                    "service_id": sid,
                    "source": _(
                        "Funded by the municipality; %(committee)s answers for the service."
                    )
                    % {"committee": unit.name},
                }
            ]
            if unit
            else []
        )
        obj["x-kind"] = Kind.PROVIDER_SERVICE
        obj["x-municipal_service"] = {"id": municipal_service_id(service.pk), "name": service.name}
        if provider.operator:
            obj["x-operator"] = provider.operator
        if provider.places is not None:
            obj["x-places"] = provider.places
        obj["x-profiles"] = [profile.name for profile in provider.profiles.all()]
        obj["x-quality_requirements"] = provider.requirements
        obj["x-evaluations"] = [self._evaluation(figure, averages) for figure in figures]
        obj["x-evaluation_reports"] = [self._report(report) for report in provider.reports.all()]
        return obj

    def _evaluation(self, figure: EvaluationFigure, averages) -> dict:
        measure = figure.measure
        mean, count = averages.get((measure.pk, figure.year), (None, 0))
        return compact(
            measure=measure.name,
            unit=measure.unit,
            year=figure.year,
            value=number(figure.value),
            higher_is_better=measure.higher_is_better,
            source=measure.source,
            source_url=measure.source_url,
            published_on=figure.published_on.isoformat(),
            municipal_average=average(mean),
            providers_in_average=count or None,
        )

    def _report(self, report: EvaluationReport) -> dict:
        document = report.document
        path = document.collection.path
        public = not any(path.startswith(closed) for closed in self._restricted_collection_paths)
        return compact(
            title=report.title,
            year=report.year,
            source=report.source,
            published_on=report.published_on.isoformat(),
            url=self.absolute(document.url) if public else "",
        )

    # Locations.

    def _provider_location(self, provider) -> dict | None:
        if not (provider.street_address and provider.city):
            return None
        lid = provider_location_id(provider.pk)
        address = {
            "id": stable_id(PROVIDER_LABEL, provider.pk, "address"),
            "location_id": lid,
            "address_1": provider.street_address,
            "city": provider.city,
            # Swedish addresses have no state or province; HSDS requires the field.
            "state_province": "",
            "postal_code": provider.postal_code,
            "country": COUNTRY,
            "address_type": "physical",
        }
        obj = compact(
            id=lid,
            location_type="physical",
            organization_id=legal_body_id(
                legal_body_key(provider.pk, provider.organisation_number)
            ),
            name=provider.name,
        )
        obj["addresses"] = [address]
        obj["x-kind"] = Kind.PROVIDER_LOCATION
        return obj

    def _meeting_place(self, association: Association) -> dict | None:
        if not association.meeting_place:
            return None
        obj = compact(
            id=meeting_place_id(association.pk),
            location_type="physical",
            organization_id=association_id(association.pk),
            name=association.meeting_place,
            description=_("Where %(association)s meets.") % {"association": association.name},
        )
        obj["x-kind"] = Kind.MEETING_PLACE
        if association.area:
            obj["x-area"] = association.area.name
        return obj

    def locations(self, refs) -> list:
        providers = Provider.objects.filter(live=True, service__live=True).in_bulk(
            [r.key for r in refs if r.kind == Kind.PROVIDER_LOCATION]
        )
        associations = (
            Association.objects.filter(live=True)
            .select_related("area")
            .in_bulk([r.key for r in refs if r.kind == Kind.MEETING_PLACE])
        )
        return [
            self._provider_location(providers[ref.key])
            if ref.kind == Kind.PROVIDER_LOCATION
            else self._meeting_place(associations[ref.key])
            for ref in refs
        ]

    def service_at_locations(self, refs, *, full: bool = True) -> list:
        """Each with its location and, as HSDS's compiled schema nests it, the service
        (without its own service_at_locations)."""
        service_refs = {ref.id: ref for ref in self.service_refs()}
        services = {
            obj["id"]: obj
            for obj in self.services([service_refs[provider_service_id(ref.key)] for ref in refs])
        }
        objects = []
        for ref in refs:
            service = dict(services[provider_service_id(ref.key)])
            link = service.pop("service_at_locations")[0]
            obj = {**link, "service": service}
            objects.append(obj if full else one_to_one(obj))
        return objects

    # Organizations.

    def organizations(self, refs, *, full: bool = True, with_services: bool = True) -> list:
        units = self._committees
        association_objects = (
            Association.objects.filter(live=True)
            .select_related("area", "owning_unit")
            .prefetch_related(
                "activities",
                Prefetch(
                    "support",
                    queryset=AssociationSupport.objects.order_by("-year", "sort_order", "pk"),
                ),
            )
            .in_bulk([r.key for r in refs if r.kind == Kind.ASSOCIATION])
        )
        body_keys = [r.key for r in refs if r.kind == Kind.PROVIDER]
        member_pks = [row["pk"] for key in body_keys for row in self._legal_bodies[key]]
        members = (
            Provider.objects.filter(live=True, service__live=True)
            .select_related("service")
            .in_bulk(member_pks)
        )
        services_of = {}
        if with_services and full:
            services_of = self._services_of_organizations(refs)
        objects = []
        for ref in refs:
            if ref.kind == Kind.COMMITTEE:
                obj = self._committee(units[ref.key])
            elif ref.kind == Kind.PROVIDER:
                rows = self._legal_bodies[ref.key]
                obj = self._legal_body(ref.key, [members[row["pk"]] for row in rows])
            else:
                obj = self._association(association_objects[ref.key])
            if with_services and full:
                obj["services"] = services_of.get(ref.id, [])
            objects.append(obj if full else one_to_one(obj))
        return objects

    def _services_of_organizations(self, refs) -> dict[str, list]:
        """The services each organization provides, as HSDS lists them (one-to-one fields)."""
        wanted = {ref.id for ref in refs}
        service_refs = [ref for ref in self.service_refs() if ref.organization_id in wanted]
        objects = self.services(service_refs, full=False, with_organization=False)
        services = defaultdict(list)
        for ref, obj in zip(service_refs, objects, strict=True):
            services[ref.organization_id].append(obj)
        return services

    def _committee(self, unit: Unit) -> dict:
        oid = committee_id(unit.pk)
        names = [row["name"] for row in self._service_rows if row["owning_unit_id"] == unit.pk]
        supported = sum(1 for row in self._association_rows if row["owning_unit_id"] == unit.pk)
        description = []
        if names:
            description.append(
                _("Answers for these municipally funded services: %(services)s.")
                % {"services": ", ".join(names)}
            )
        if supported:
            description.append(
                _("Number of associations it supports: %(count)s.") % {"count": supported}
            )
        obj = compact(id=oid, name=unit.name, description=" ".join(description), email=unit.email)
        obj["phones"] = (
            [
                {
                    "id": stable_id(UNIT_LABEL, unit.pk, "phone"),
                    "organization_id": oid,
                    "number": unit.phone,
                    "type": "voice",
                }
            ]
            if unit.phone
            else []
        )
        obj["x-kind"] = Kind.COMMITTEE
        return obj

    def _identifiers(self, oid: str, organisation_number: str) -> list:
        digits = public_organisation_number(organisation_number)
        if not digits:
            return []
        return [
            {
                "id": stable_id(oid, "identifier", ORGANISATION_NUMBER_SCHEME),
                "organization_id": oid,
                "identifier_scheme": ORGANISATION_NUMBER_SCHEME,
                "identifier_type": _("Swedish organisation number"),
                "identifier": digits,
            }
        ]

    def _legal_body(self, key: str, providers: list[Provider]) -> dict:
        """A legal body that performs services the municipality funds; `providers` are its
        providers, the most recently published first."""
        oid = legal_body_id(key)
        lead = providers[0]
        performed = sorted(f"{provider.service.name} ({provider.name})" for provider in providers)
        operators = {provider.operator for provider in providers}
        operator = operators.pop() if len(operators) == 1 else ""
        obj = compact(
            id=oid,
            name=lead.organisation or lead.name,
            description=_("Performs services the municipality funds: %(services)s.")
            % {"services": "; ".join(performed)},
            email=common(provider.email for provider in providers),
            website=common(provider.website for provider in providers),
            legal_status=str(dict(Operator.choices).get(operator, "")),
        )
        obj["organization_identifiers"] = self._identifiers(oid, lead.organisation_number)
        obj["locations"] = [
            location
            for location in (self._provider_location(provider) for provider in providers)
            if location
        ]
        obj["x-kind"] = Kind.PROVIDER
        return obj

    def _association(self, association: Association) -> dict:
        oid = association_id(association.pk)
        unit = association.owning_unit
        obj = compact(
            id=oid,
            name=association.name,
            description=paragraphs(association.purpose, association.activity_description),
            email=association.email,
            website=association.website,
        )
        obj["organization_identifiers"] = self._identifiers(oid, association.organisation_number)
        phones = (
            [
                {
                    "id": stable_id(ASSOCIATION_LABEL, association.pk, "phone"),
                    "organization_id": oid,
                    "number": association.phone,
                    "type": "voice",
                }
            ]
            if association.phone
            else []
        )
        obj["phones"] = phones
        obj["contacts"] = (
            [
                {
                    **compact(
                        id=stable_id(ASSOCIATION_LABEL, association.pk, "contact"),
                        organization_id=oid,
                        name=association.contact_name,
                        email=association.email,
                    ),
                    "phones": phones,
                }
            ]
            if association.contact_name
            else []
        )
        place = self._meeting_place(association)
        obj["locations"] = [place] if place else []
        obj["funding"] = (
            [
                {
                    "id": stable_id(ASSOCIATION_LABEL, association.pk, "funding"),
                    "organization_id": oid,
                    "source": _("Support from %(committee)s.") % {"committee": unit.name},
                }
            ]
            if unit
            else []
        )
        obj["x-kind"] = Kind.ASSOCIATION
        if association.area:
            obj["x-area"] = association.area.name
        obj["x-activities"] = [activity.name for activity in association.activities.all()]
        obj["x-support"] = [
            {
                "year": support.year,
                "kind": support.kind,
                "amount": support.amount,
                "currency": "SEK",
            }
            for support in association.support.all()
        ]
        return obj
