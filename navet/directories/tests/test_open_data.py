"""The directories as open data (W3.4, W3.5): HSDS 3.0 JSON that validates against the
official schemas (vendored, resolved locally), paged as HSDS pages, with the evaluation
figures and the associations' support as extensions; CSV files; an OpenAPI description
that covers every route; only ever live entries."""

import csv
import datetime
import hashlib
import io
import json
import re
import uuid
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from navet.directories import api, hsds
from navet.directories.models import (
    Association,
    AssociationSupport,
    EvaluationFigure,
    EvaluationReport,
    Measure,
    Operator,
    Provider,
    Service,
)

from . import factories

pytestmark = pytest.mark.django_db

BASE = hsds.SCHEMA_BASE
NAVET = "urn:navet:hsds:openapi"
API = "/api/hsds"


def _registry() -> Registry:
    resources = [
        (BASE + path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT202012))
        for path in sorted(hsds.SCHEMA_DIR.glob("*.json"))
    ]
    navet = json.loads(hsds.OPENAPI_PATH.read_text())
    resources.append((NAVET, Resource.from_contents(navet, DRAFT202012)))
    # What HSDS's compiled schemas add to the object schemas (see hsds/schema/README.md).
    resources.append(
        (
            "urn:navet:test:organization-with-services",
            Resource.from_contents(
                {
                    "allOf": [{"$ref": BASE + "organization.json"}],
                    "properties": {
                        "services": {"type": "array", "items": {"$ref": BASE + "service.json"}}
                    },
                },
                DRAFT202012,
            ),
        )
    )
    resources.append(
        (
            "urn:navet:test:service-at-location-with-service",
            Resource.from_contents(
                {
                    "allOf": [{"$ref": BASE + "service_at_location.json"}],
                    "properties": {"service": {"$ref": BASE + "service.json"}},
                },
                DRAFT202012,
            ),
        )
    )
    return Registry().with_resources(resources)


REGISTRY = _registry()


def assert_valid(instance, ref: str) -> None:
    validator = Draft202012Validator(
        {"$ref": ref}, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(instance), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def navet(schema: str) -> str:
    return f"{NAVET}#/components/schemas/{schema}"


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def every_page(client, url, **params):
    """All contents of a paged endpoint, page by page."""
    contents, page = [], 1
    while True:
        body = get_json(client, url, page=page, per_page=2, **params)
        contents += body["contents"]
        if body["last_page"]:
            return contents
        page += 1


@pytest.fixture(autouse=True)
def _only_the_tests_entries():
    """Whatever directory entries the demo has, each test counts its own."""
    Provider.objects.all().delete()
    Service.objects.all().delete()
    Association.objects.all().delete()


@pytest.fixture
def homecare():
    """Hemtjänst with three live providers, two of them one legal body, with figures."""
    service = factories.service(name="Hemtjänst", choice_system="Lagen om valfrihetssystem")
    ryd = factories.provider(
        service,
        name="Omsorg i Ryd",
        organisation="Omsorg AB",
        organisation_number="556677-8899",
        areas=("Ryd", "Skäggetorp"),
        languages=(("Svenska", "sv"), ("Arabiska", "ar")),
        profiles=("Demenskompetens",),
        places=40,
        phone="013-12 34 56",
        website="https://www.omsorg.example/ryd/",
        about="Vi har funnits i Ryd sedan 1998.",
    )
    berga = factories.provider(
        service,
        name="Omsorg i Berga",
        organisation="Omsorg AB",
        organisation_number="556677-8899",
        areas=("Berga",),
    )
    kommunal = factories.provider(
        service,
        name="Kommunens hemtjänst",
        operator=Operator.MUNICIPAL,
        organisation="Linköpings kommun",
        organisation_number="212000-0449",
    )
    measure = Measure.objects.create(
        service=service,
        name="Nöjda brukare",
        unit="%",
        source="Socialstyrelsen, Vad tycker de äldre om äldreomsorgen?",
        source_url="https://www.socialstyrelsen.se/",
    )
    for provider, value in ((ryd, "90.00"), (berga, "81.00"), (kommunal, "84.50")):
        EvaluationFigure.objects.create(
            provider=provider,
            measure=measure,
            year=2025,
            value=Decimal(value),
            published_on=datetime.date(2025, 10, 1),
        )
    EvaluationFigure.objects.create(
        provider=ryd,
        measure=measure,
        year=2024,
        value=Decimal("88"),
        published_on=datetime.date(2024, 10, 1),
    )
    return service, {"ryd": ryd, "berga": berga, "kommunal": kommunal}, measure


@pytest.fixture
def association():
    entry = factories.association(
        name="Ryds bollklubb",
        organisation_number="802400-1235",
        website="https://www.rydsbk.example/",
        phone="013-99 88 77",
        activity_description="Fotboll för barn och unga.",
    )
    AssociationSupport.objects.create(
        association=entry, year=2024, kind="Lokalbidrag", amount=12000
    )
    AssociationSupport.objects.create(association=entry, year=2025, kind="Lokalbidrag", amount=5000)
    return entry


def service_of(client, provider):
    return get_json(client, f"{API}/services/{hsds.provider_service_id(provider.pk)}")


# Validity against the official schemas.


def test_W3_4_every_service_validates_against_the_official_HSDS_schema(public_client, homecare):
    listed = every_page(public_client, f"{API}/services")
    full = every_page(public_client, f"{API}/services", full="true")
    assert len(listed) == len(full) == 4
    for obj in listed + full:
        assert_valid(obj, BASE + "service.json")
        assert_valid(obj, navet("Service"))
        uuid.UUID(obj["id"])
    for obj in listed:
        assert not any(isinstance(value, list) for value in obj.values())
    for obj in full:
        detail = get_json(public_client, f"{API}/services/{obj['id']}")
        assert detail == obj
        assert_valid(detail, BASE + "service.json")
        assert_valid(detail, navet("Service"))


def test_W3_4_organizations_locations_and_services_at_locations_validate(
    public_client, homecare, association
):
    organizations = every_page(public_client, f"{API}/organizations")
    assert {o["x-kind"] for o in organizations} == {"committee", "provider", "association"}
    for obj in organizations + every_page(public_client, f"{API}/organizations", full="true"):
        assert_valid(obj, BASE + "organization.json")
        assert_valid(obj, navet("Organization"))
        detail = get_json(public_client, f"{API}/organizations/{obj['id']}")
        assert_valid(detail, "urn:navet:test:organization-with-services")
        assert_valid(detail, navet("OrganizationWithServices"))

    locations = every_page(public_client, f"{API}/locations")
    assert {o["x-kind"] for o in locations} == {"provider_location", "meeting_place"}
    for obj in locations:
        assert_valid(obj, BASE + "location.json")
        assert_valid(obj, navet("Location"))
        assert get_json(public_client, f"{API}/locations/{obj['id']}") == obj

    links = every_page(public_client, f"{API}/service_at_locations")
    assert len(links) == 3
    for obj in links + every_page(public_client, f"{API}/service_at_locations", full="true"):
        assert_valid(obj, "urn:navet:test:service-at-location-with-service")
        assert_valid(obj, navet("ServiceAtLocation"))
        detail = get_json(public_client, f"{API}/service_at_locations/{obj['id']}")
        assert_valid(detail, "urn:navet:test:service-at-location-with-service")
        assert detail["service"]["id"] == detail["service_id"]
        assert detail["location"]["id"] == detail["location_id"]
        assert "service_at_locations" not in detail["service"]


PAGE_SCHEMAS = {
    "services": "ServicePage",
    "organizations": "OrganizationPage",
    "locations": "LocationPage",
    "service_at_locations": "ServiceAtLocationPage",
}


def test_W3_4_every_page_is_an_HSDS_page_object(public_client, homecare, association):
    for path, schema in PAGE_SCHEMAS.items():
        body = get_json(public_client, f"{API}/{path}")
        assert_valid(body, BASE + "openapi.json#/components/schemas/Page")
        assert_valid(body, navet(schema))
        assert set(body) == {
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        }


def test_W3_4_the_vendored_schemas_are_the_official_files_with_their_licence():
    readme = (hsds.SCHEMA_DIR / "README.md").read_text()
    listed = dict(re.findall(r"^\| `([^`]+)` \| `([0-9a-f]{40})` \|$", readme, re.MULTILINE))
    assert "service.json" in listed and "LICENSE" in listed
    present = {path.name for path in hsds.SCHEMA_DIR.iterdir()} - {"README.md"}
    assert present == set(listed)
    for name, blob in listed.items():
        content = (hsds.SCHEMA_DIR / name).read_bytes()
        digest = hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False)
        assert digest.hexdigest() == blob, name
    assert (
        "Creative Commons Attribution-ShareAlike 4.0" in (hsds.SCHEMA_DIR / "LICENSE").read_text()
    )
    assert "c457a0e3ecb0cfe43525ea8bcdbfd62542ed6730" in readme


# What the objects say.


def test_W3_4_a_provider_is_a_service_of_its_legal_body_at_its_address(public_client, homecare):
    service, providers, _measure = homecare
    obj = service_of(public_client, providers["ryd"])

    assert obj["name"] == "Hemtjänst – Omsorg i Ryd"
    assert obj["alternate_name"] == "Omsorg i Ryd"
    assert obj["description"] == (
        "Hjälp i hemmet med personlig omvårdnad och service.\n\nVi har funnits i Ryd sedan 1998."
    )
    assert obj["status"] == "active"
    assert obj["url"] == "https://www.omsorg.example/ryd/"
    assert obj["application_process"] == "Du ansöker hos kommunen. Sedan väljer du utförare."
    assert [area["name"] for area in obj["service_areas"]] == ["Ryd", "Skäggetorp"]
    assert {(lang["name"], lang["code"]) for lang in obj["languages"]} == {
        ("Svenska", "sv"),
        ("Arabiska", "ar"),
    }
    assert obj["phones"][0]["number"] == "013-12 34 56"
    assert obj["x-operator"] == "private"
    assert obj["x-places"] == 40
    assert obj["x-profiles"] == ["Demenskompetens"]
    assert obj["x-quality_requirements"] == ["Personalen har utbildning för uppdraget."]
    assert obj["x-municipal_service"] == {
        "id": hsds.municipal_service_id(service.pk),
        "name": "Hemtjänst",
    }
    assert "Socialförvaltningen" in obj["funding"][0]["source"]

    [link] = obj["service_at_locations"]
    address = link["location"]["addresses"][0]
    assert (address["address_1"], address["postal_code"], address["city"]) == (
        "Storgatan 1",
        "582 23",
        "Linköping",
    )
    assert address["country"] == "SE" and address["address_type"] == "physical"

    # Two providers of one organisation number are one organization with two services.
    organization = get_json(public_client, f"{API}/organizations/{obj['organization_id']}")
    assert organization == {**obj["organization"], "services": organization["services"]}
    assert organization["name"] == "Omsorg AB"
    assert organization["x-kind"] == "provider"
    assert organization["legal_status"] == "Privat"
    assert organization["organization_identifiers"] == [
        {
            "id": organization["organization_identifiers"][0]["id"],
            "organization_id": organization["id"],
            "identifier_scheme": "SE-ON",
            "identifier_type": "Organisationsnummer",
            "identifier": "5566778899",
        }
    ]
    assert sorted(s["alternate_name"] for s in organization["services"]) == [
        "Omsorg i Berga",
        "Omsorg i Ryd",
    ]
    assert len(organization["locations"]) == 2
    assert "Hemtjänst (Omsorg i Ryd)" in organization["description"]


def test_W3_4_the_committee_provides_the_service_the_municipality_funds(public_client, homecare):
    service, providers, _measure = homecare
    obj = get_json(public_client, f"{API}/services/{hsds.municipal_service_id(service.pk)}")
    assert obj["x-kind"] == "municipal_service"
    assert obj["x-choice_system"] == "Lagen om valfrihetssystem"
    assert obj["description"] == service.summary
    assert {link["id"] for link in obj["x-providers"]} == {
        hsds.provider_service_id(provider.pk) for provider in providers.values()
    }
    committee = obj["organization"]
    assert committee["name"] == "Socialförvaltningen"
    assert committee["x-kind"] == "committee"
    assert "Hemtjänst" in committee["description"]

    # The services follow the service they provide, in one list.
    names = [s["name"] for s in every_page(public_client, f"{API}/services")]
    assert names[0] == "Hemtjänst"
    assert names[1:] == sorted(names[1:])


def test_W3_4_evaluation_figures_are_an_extension_with_the_municipal_average(
    public_client, homecare
):
    _service, providers, _measure = homecare
    document = get_document_model().objects.create(
        title="Uppföljning 2025", file=ContentFile(b"%PDF-1.4 rapport", name="uppfoljning.pdf")
    )
    EvaluationReport.objects.create(
        provider=providers["ryd"],
        year=2025,
        title="Uppföljning av Omsorg i Ryd",
        source="Kommunens uppföljning",
        published_on=datetime.date(2025, 11, 1),
        document=document,
    )
    closed = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=closed, restriction_type=CollectionViewRestriction.LOGIN
    )
    internal = get_document_model().objects.create(
        title="Intern", file=ContentFile(b"%PDF-1.4 intern", name="intern.pdf"), collection=closed
    )
    EvaluationReport.objects.create(
        provider=providers["ryd"],
        year=2024,
        title="Intern granskning",
        source="Kommunens uppföljning",
        published_on=datetime.date(2024, 11, 1),
        document=internal,
    )

    obj = service_of(public_client, providers["ryd"])

    assert obj["x-evaluations"] == [
        {
            "measure": "Nöjda brukare",
            "unit": "%",
            "year": 2025,
            "value": 90,
            "higher_is_better": True,
            "source": "Socialstyrelsen, Vad tycker de äldre om äldreomsorgen?",
            "source_url": "https://www.socialstyrelsen.se/",
            "published_on": "2025-10-01",
            "municipal_average": 85.2,
            "providers_in_average": 3,
        },
        {
            "measure": "Nöjda brukare",
            "unit": "%",
            "year": 2024,
            "value": 88,
            "higher_is_better": True,
            "source": "Socialstyrelsen, Vad tycker de äldre om äldreomsorgen?",
            "source_url": "https://www.socialstyrelsen.se/",
            "published_on": "2024-10-01",
            "municipal_average": 88,
            "providers_in_average": 1,
        },
    ]
    public, restricted = obj["x-evaluation_reports"]
    assert public["url"] == f"http://{public_client.defaults['HTTP_HOST']}{document.url}"
    assert "url" not in restricted
    assert service_of(public_client, providers["kommunal"])["x-evaluations"][0]["value"] == 84.5

    # Lists carry one-to-one fields only, unless full=true.
    listed = get_json(public_client, f"{API}/services")["contents"]
    assert all("x-evaluations" not in s for s in listed)
    full = get_json(public_client, f"{API}/services", full="true")["contents"]
    assert any(s.get("x-evaluations") for s in full)


def test_W3_5_an_association_is_an_organization_with_its_support_and_meeting_place(
    public_client, association
):
    obj = get_json(public_client, f"{API}/organizations/{hsds.association_id(association.pk)}")
    assert obj["x-kind"] == "association"
    assert obj["name"] == "Ryds bollklubb"
    assert obj["description"] == (
        "Att ge barn och unga en meningsfull fritid.\n\nFotboll för barn och unga."
    )
    assert obj["website"] == "https://www.rydsbk.example/"
    assert obj["x-support"] == [
        {"year": 2025, "kind": "Verksamhetsbidrag", "amount": 25000, "currency": "SEK"},
        {"year": 2025, "kind": "Lokalbidrag", "amount": 5000, "currency": "SEK"},
        {"year": 2024, "kind": "Lokalbidrag", "amount": 12000, "currency": "SEK"},
    ]
    assert obj["x-activities"] == ["Idrott"]
    assert obj["x-area"] == "Ryd"
    assert obj["contacts"][0]["name"] == "Anna Berg"
    assert obj["organization_identifiers"][0]["identifier"] == "8024001235"
    assert obj["funding"][0]["source"] == "Stöd från Kultur- och fritidsförvaltningen."
    [place] = obj["locations"]
    assert place["name"] == "Rydsskolans gymnastiksal"
    assert place["x-kind"] == "meeting_place"
    assert get_json(public_client, f"{API}/locations/{place['id']}") == place
    assert obj["services"] == []


def test_W3_4_a_sole_traders_personal_identity_number_is_never_published(public_client):
    service = factories.service(name="Ledsagning")
    # A valid number whose third digit is 0 or 1: a person's, born in January.
    sole_trader = factories.provider(
        service, name="Eva Ek Ledsagning", organisation="Eva Ek", organisation_number="850101-1236"
    )
    obj = service_of(public_client, sole_trader)
    organization = obj["organization"]
    assert organization["organization_identifiers"] == []
    assert organization["id"] == hsds.legal_body_id(f"directories.provider:{sole_trader.pk}")
    assert "8501011236" not in json.dumps(obj)
    content = public_client.get(f"{API}/providers.csv", {"service": service.slug}).content
    assert b"850101" not in content


def test_W3_4_ids_are_stable_uuids(public_client, homecare):
    first = [s["id"] for s in every_page(public_client, f"{API}/services")]
    again = [s["id"] for s in every_page(public_client, f"{API}/services")]
    assert first == again
    assert len(set(first)) == len(first)
    assert all(uuid.UUID(value).version == 5 for value in first)


# Only live entries.


def test_W3_4_drafts_never_appear_only_the_live_values(public_client, homecare):
    service, providers, _measure = homecare
    ryd = providers["ryd"]
    ryd.name = "Nytt namn i utkast"
    ryd.assignment = "Ett utkast till nytt uppdrag."
    ryd.save_revision()
    never = factories.provider(service, name="Aldrig publicerad", live=False)
    gone = factories.provider(service, name="Avpublicerad")
    gone.unpublish()
    draft_service = factories.service(name="Tjänst i utkast", live=False)
    factories.provider(draft_service, name="Utförare av utkastet", live=False)

    every = json.dumps(
        [
            every_page(public_client, f"{API}/{path}", full="true")
            for path in ("services", "organizations", "service_at_locations")
        ]
        + [every_page(public_client, f"{API}/locations")],
        ensure_ascii=False,
    )
    assert "Omsorg i Ryd" in every
    for hidden in (
        "Nytt namn i utkast",
        "Ett utkast till nytt uppdrag",
        "Aldrig publicerad",
        "Avpublicerad",
        "Tjänst i utkast",
        "Utförare av utkastet",
    ):
        assert hidden not in every
    for entry in (never, gone):
        get_json(public_client, f"{API}/services/{hsds.provider_service_id(entry.pk)}", 404)
        get_json(public_client, f"{API}/locations/{hsds.provider_location_id(entry.pk)}", 404)

    csv_text = public_client.get(f"{API}/providers.csv").content.decode("utf-8-sig")
    assert "Omsorg i Ryd" in csv_text
    assert "Nytt namn i utkast" not in csv_text and "Aldrig publicerad" not in csv_text
    assert "Avpublicerad" not in csv_text and "Utförare av utkastet" not in csv_text
    get_json(public_client, f"{API}/providers.csv", 404, service=draft_service.slug)


def test_W3_5_an_unpublished_association_is_gone_and_a_draft_shows_the_live_values(
    public_client, association
):
    association.purpose = "Ett utkast till syfte."
    association.save_revision()
    hidden = factories.association(name="Förening i utkast", live=False)
    body = json.dumps(every_page(public_client, f"{API}/organizations", full="true"))
    assert "Ett utkast till syfte" not in body and "Förening i utkast" not in body
    csv_text = public_client.get(f"{API}/associations.csv").content.decode("utf-8-sig")
    assert "Ryds bollklubb" in csv_text
    assert "Ett utkast till syfte" not in csv_text and "Förening i utkast" not in csv_text

    association.unpublish()
    get_json(public_client, f"{API}/organizations/{hsds.association_id(association.pk)}", 404)
    get_json(public_client, f"{API}/organizations/{hsds.association_id(hidden.pk)}", 404)


def test_W3_4_the_intranet_serves_the_same_live_entries_to_those_signed_in(
    public_client, intranet_client, demo_user, homecare
):
    _service, providers, _measure = homecare
    providers["ryd"].name = "Nytt namn i utkast"
    providers["ryd"].save_revision()
    assert intranet_client.get(f"{API}/services").status_code == 302
    intranet_client.force_login(demo_user("huvudredaktor.social"))
    inside = get_json(intranet_client, f"{API}/services", full="true")
    assert inside == get_json(public_client, f"{API}/services", full="true")
    assert "Nytt namn i utkast" not in json.dumps(inside, ensure_ascii=False)


def test_W3_4_answers_are_never_kept_by_the_page_cache(public_client, homecare):
    _service, providers, _measure = homecare
    url = f"{API}/services"
    first = public_client.get(url)
    assert "private" in first["Cache-Control"]
    providers["berga"].unpublish()
    second = public_client.get(url)
    assert second.get("X-Navet-Cache") != "hit"
    assert "Omsorg i Berga" not in second.content.decode()


# Paging and parameters.


def test_W3_4_paging_walks_every_object_once(public_client, homecare):
    service, _providers, _measure = homecare
    for number in range(4):
        factories.provider(service, name=f"Extra utförare {number}")
    total = 8  # the service and its seven providers

    first = get_json(public_client, f"{API}/services", per_page=3)
    assert (first["total_items"], first["total_pages"], first["page_number"]) == (total, 3, 1)
    assert (first["size"], first["first_page"], first["last_page"], first["empty"]) == (
        3,
        True,
        False,
        False,
    )
    second = get_json(public_client, f"{API}/services", per_page=3, page=2)
    assert (second["page_number"], second["first_page"], second["last_page"]) == (2, False, False)
    last = get_json(public_client, f"{API}/services", per_page=3, page=3)
    assert (last["size"], last["last_page"]) == (2, True)
    ids = [s["id"] for page in (first, second, last) for s in page["contents"]]
    assert len(set(ids)) == total

    after = get_json(public_client, f"{API}/services", per_page=3, page=4)
    assert (after["size"], after["empty"], after["last_page"], after["contents"]) == (
        0,
        True,
        True,
        [],
    )
    default = get_json(public_client, f"{API}/services")
    assert default["size"] == total and default["total_pages"] == 1
    assert get_json(public_client, f"{API}/services", per_page=100)["size"] == total
    assert get_json(public_client, f"{API}/services", per_page=1)["total_pages"] == total


def test_W3_4_a_page_costs_the_same_queries_however_many_it_shows(
    public_client, homecare, django_assert_max_num_queries
):
    service, _providers, _measure = homecare
    url = f"{API}/services"
    with CaptureQueriesContext(connection) as few:
        public_client.get(url, {"full": "true"})
    for number in range(6):
        factories.provider(service, name=f"Fler utförare {number}", areas=("Ryd", "Berga"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = public_client.get(url, {"full": "true"})
    assert response.json()["total_items"] == 10


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("page", "abc"),
        ("page", "0"),
        ("page", "-1"),
        ("page", "1.5"),
        ("page", ""),
        ("page", " 2"),
        ("page", "٣"),
        ("page", "1e3"),
        ("page", "99999999999999999999999999"),
        ("page", "1000001"),
        ("per_page", "0"),
        ("per_page", "-5"),
        ("per_page", "101"),
        ("per_page", "100000000000"),
        ("per_page", "x"),
        ("full", "maybe"),
        ("organization_id", "not-an-id"),
        ("search", "hemtjänst"),
        ("modified_after", "2025-01-01"),
    ],
)
def test_W3_4_a_bad_parameter_gets_a_400_in_swedish_never_a_500(
    public_client, homecare, parameter, value
):
    for path in ("services", "service_at_locations"):
        body = get_json(public_client, f"{API}/{path}", 400, **{parameter: value})
        assert body["status"] == 400
        assert body["parameter"] == parameter
        assert re.search(r"måste vara|stöds inte", body["message"]), body["message"]
        assert_valid(body, navet("Error"))


def test_W3_4_the_400_messages_say_what_is_allowed(public_client):
    body = get_json(public_client, f"{API}/organizations", 400, per_page="500")
    assert body["message"] == "”per_page” måste vara ett heltal från 1 till 100."
    body = get_json(public_client, f"{API}/locations", 400, page="noll")
    assert body["message"] == "”page” måste vara ett heltal från 1 till 1000000."
    body = get_json(public_client, f"{API}/services", 400, full="ja")
    assert body["message"] == "”full” måste vara true eller false."


def test_W3_4_organization_id_narrows_services_to_what_it_provides(public_client, homecare):
    _service, providers, _measure = homecare
    organization_id = service_of(public_client, providers["ryd"])["organization_id"]
    body = get_json(public_client, f"{API}/services", organization_id=organization_id)
    assert sorted(s["alternate_name"] for s in body["contents"]) == [
        "Omsorg i Berga",
        "Omsorg i Ryd",
    ]
    body = get_json(public_client, f"{API}/locations", organization_id=str(uuid.uuid4()))
    assert body["total_items"] == 0 and body["total_pages"] == 0 and body["empty"]


def test_W3_4_an_unknown_or_malformed_id_is_a_404_in_json(public_client, homecare):
    for path in ("services", "organizations", "locations", "service_at_locations"):
        for wrong in (str(uuid.uuid4()), "inte-ett-id", "1"):
            body = get_json(public_client, f"{API}/{path}/{wrong}", 404)
            assert body == {"status": 404, "message": "Det finns inget publicerat med det id:t."}


def test_W3_4_only_reading_is_allowed(public_client):
    response = public_client.options(f"{API}/services")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    response = public_client.delete(f"{API}/services")
    assert response.status_code == 405
    assert response.json()["status"] == 405


def test_W3_4_the_api_says_its_hsds_version(public_client):
    body = get_json(public_client, f"{API}/")
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/hsds/openapi.json")
    assert_valid(body, navet("ApiInfo"))


# CSV.


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_W3_4_providers_csv_has_a_row_per_provider_with_swedish_headings(public_client, homecare):
    service, providers, _measure = homecare
    other = factories.service(name="Daglig verksamhet")
    factories.provider(other, name="Dagcenter Ryd")

    rows = read_csv(public_client.get(f"{API}/providers.csv"))
    assert [row["Utförare"] for row in rows] == [
        "Dagcenter Ryd",
        "Kommunens hemtjänst",
        "Omsorg i Berga",
        "Omsorg i Ryd",
    ]
    ryd = rows[-1]
    assert ryd["Tjänst"] == "Hemtjänst"
    assert ryd["Regi"] == "Privat"
    assert ryd["Organisationsnummer"] == "556677-8899"
    assert ryd["Områden"] == "Ryd; Skäggetorp"
    assert ryd["Språk"] in ("Arabiska; Svenska", "Svenska; Arabiska")
    assert ryd["Kvalitetskrav"] == "Personalen har utbildning för uppdraget."
    assert ryd["Platser"] == "40"
    assert ryd["Id i öppna data (HSDS)"] == hsds.provider_service_id(providers["ryd"].pk)
    assert "Nöjda brukare (%, 2025)" not in ryd

    # A file for one service has its measures: the latest year's figures.
    rows = read_csv(public_client.get(f"{API}/providers.csv", {"service": service.slug}))
    assert [row["Utförare"] for row in rows] == [
        "Kommunens hemtjänst",
        "Omsorg i Berga",
        "Omsorg i Ryd",
    ]
    assert [row["Nöjda brukare (%, 2025)"] for row in rows] == ["84.5", "81", "90"]
    response = public_client.get(f"{API}/providers.csv", {"service": service.slug})
    assert f"utforare-{service.slug}.csv" in response["Content-Disposition"]

    for wrong in ("finns-inte", "../etc", ""):
        body = get_json(public_client, f"{API}/providers.csv", 404, service=wrong)
        assert body["message"] == "Det finns ingen publicerad tjänst med det kortnamnet."


def test_W3_4_csv_cells_that_a_spreadsheet_would_run_are_defused(public_client):
    service = factories.service(name="Hemtjänst")
    factories.provider(
        service,
        name='=HYPERLINK("https://evil.example")',
        organisation="+SUM(A1:A9)",
        assignment="-2+3",
        about="@cmd",
        phone="+46 13 20 60 00",
    )
    [row] = read_csv(public_client.get(f"{API}/providers.csv"))
    assert row["Utförare"] == '\'=HYPERLINK("https://evil.example")'
    assert row["Organisation"] == "'+SUM(A1:A9)"
    assert row["Uppdraget"] == "'-2+3"
    assert row["Om utföraren"] == "'@cmd"
    assert row["Telefon"] == "'+46 13 20 60 00"
    assert row["Tjänst"] == "Hemtjänst"
    assert api.cell("\tTAB") == "'\tTAB"
    assert api.cell(-5) == -5


def test_W3_5_associations_csv_has_the_support_per_year(public_client, association):
    factories.association(
        name="=Förening",
        purpose="@SUM(1)",
        meeting_place="Berga bibliotek",
        area_name="Berga",
    )
    AssociationSupport.objects.filter(association__name="=Förening").update(year=2023)

    response = public_client.get(f"{API}/associations.csv")
    rows = read_csv(response)
    assert "foreningar.csv" in response["Content-Disposition"]
    assert [row["Förening"] for row in rows] == ["'=Förening", "Ryds bollklubb"]
    formula, ryd = rows
    assert formula["Syfte"] == "'@SUM(1)"
    assert ryd["Organisationsnummer"] == "802400-1235"
    assert ryd["Verksamhet"] == "Idrott"
    assert ryd["Område"] == "Ryd"
    assert ryd["Mötesplats"] == "Rydsskolans gymnastiksal"
    assert ryd["Kontaktperson"] == "Anna Berg"
    assert ryd["Ansvarig nämnd"] == "Kultur- och fritidsförvaltningen"
    assert ryd["Typer av stöd"] == "Verksamhetsbidrag; Lokalbidrag"
    assert (ryd["Stöd 2025 (kronor)"], ryd["Stöd 2024 (kronor)"], ryd["Stöd 2023 (kronor)"]) == (
        "30000",
        "12000",
        "",
    )
    assert formula["Stöd 2023 (kronor)"] == "25000"
    assert ryd["Id i öppna data (HSDS)"] == hsds.association_id(association.pk)


# The OpenAPI description.


def documented_paths(client) -> dict:
    document = get_json(client, f"{API}/openapi.json")
    assert document["openapi"].startswith("3.1")
    assert document["servers"] == [{"url": f"http://{client.defaults['HTTP_HOST']}{API}"}]
    return document["paths"]


def test_W3_4_every_route_is_documented_and_every_documented_path_answers(
    public_client, homecare, association
):
    service, providers, _measure = homecare
    paths = documented_paths(public_client)
    routes = {
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", pattern.pattern._route)
        for pattern in api.urlpatterns
        if isinstance(pattern, URLPattern)
    }
    assert routes == set(paths)

    ids = {
        "services": hsds.provider_service_id(providers["ryd"].pk),
        "organizations": hsds.association_id(association.pk),
        "locations": hsds.provider_location_id(providers["ryd"].pk),
        "service_at_locations": hsds.service_at_location_id(providers["ryd"].pk),
    }
    for path in paths:
        url = API + path.replace("{id}", ids.get(path.split("/")[1], ""))
        response = public_client.get(url)
        assert response.status_code == 200, path
        assert response["Access-Control-Allow-Origin"] == "*"
    assert public_client.get(f"{API}/providers.csv", {"service": service.slug}).status_code == 200


def test_W3_4_the_openapi_description_references_the_hsds_schemas(public_client):
    document = get_json(public_client, f"{API}/openapi.json")
    text = json.dumps(document)
    for name in ("service.json", "organization.json", "location.json", "service_at_location.json"):
        assert BASE + name in text
    extensions = document["components"]["schemas"]["ServiceExtensions"]["properties"]
    assert {"x-evaluations", "x-quality_requirements", "x-kind"} <= set(extensions)
    organization = document["components"]["schemas"]["OrganizationExtensions"]["properties"]
    assert "x-support" in organization
    # Every $ref in it resolves, locally.
    for ref in re.findall(r'"\$ref": "([^"]+)"', text):
        target = ref if not ref.startswith("#") else NAVET + ref
        REGISTRY.resolver().lookup(target)
