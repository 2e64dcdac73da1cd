"""W3.4: the public pages of the service directory – every live service with all its live
providers in one uniform format, filtered on the server, compared side by side; the
provider's own website marked as external; evaluation figures beside the municipality's
average; schema.org JSON-LD; drafts never shown; hostile query strings never a 500."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from navet.directories.compare import figure_text, selection
from navet.directories.models import EvaluationFigure, EvaluationReport, Measure, Operator
from navet.directories.pages import ServiceDirectoryPage
from navet.organisation.models import Unit
from navet.web.models import StartPage

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    start = StartPage.main("public")
    page = ServiceDirectoryPage(
        title="Välja utförare",
        slug="valja-utforare-test",
        intro="Här jämför du utförarna av tjänster du kan välja.",
        owning_unit=Unit.objects.get(name="Socialförvaltningen"),
    )
    start.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def homecare():
    """Hemtjänst with three live providers that differ in every filtered fact."""
    service = factories.service(name="Hemtjänst test", choice_system="LOV")
    providers = {
        "omsorg": factories.provider(
            service,
            name="Omsorg i Ryd",
            areas=("Ryd",),
            languages=(("Svenska", "sv"), ("Arabiska", "ar")),
            profiles=("Demenskompetens",),
            operator=Operator.PRIVATE,
            website="https://www.omsorgiryd.example/",
            places=40,
            phone="013-12 34 56",
        ),
        "kommunal": factories.provider(
            service,
            name="Kommunens hemtjänst",
            areas=("Ryd", "Skäggetorp"),
            languages=(("Svenska", "sv"), ("Finska", "fi")),
            operator=Operator.MUNICIPAL,
            organisation="Linköpings kommun",
            website="https://www.linkoping.se/hemtjanst/",
        ),
        "ideell": factories.provider(
            service,
            name="Idéburen omsorg",
            areas=("Berga",),
            operator=Operator.NON_PROFIT,
        ),
    }
    return service, providers


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def squash(value: str) -> str:
    """Text as read: runs of whitespace, no-break spaces included, as one space."""
    return " ".join(value.split())


def text(response) -> str:
    return squash(html(response).get_text(" "))


def provider_names(response) -> list[str]:
    return [a.get_text(strip=True) for a in html(response).select(".provider-list h3 a")]


def base(directory) -> str:
    """The directory page's path on the public site."""
    return directory.get_url_parts()[2]


def service_url(directory, service) -> str:
    return f"{base(directory)}{service.slug}/"


def provider_url(directory, provider) -> str:
    return f"{base(directory)}{provider.service.slug}/{provider.slug}/"


def compare_url(directory, service, *slugs) -> str:
    query = "&".join(f"p={slug}" for slug in slugs)
    return f"{base(directory)}{service.slug}/jamfor/?{query}"


def json_ld(response) -> list[dict]:
    scripts = html(response).find_all("script", type="application/ld+json")
    return [json.loads(script.string) for script in scripts]


# The services.


def test_W3_4_index_lists_live_services_with_committee_and_live_providers(
    public_client, directory, homecare
):
    service, _providers = homecare
    factories.provider(service, name="Ej publicerad", live=False)
    draft_service = factories.service(name="Opublicerad tjänst", live=False)

    response = public_client.get(base(directory))

    assert response.status_code == 200
    page = html(response)
    assert page.find_all("h1")[0].get_text(strip=True) == "Välja utförare"
    cards = {card.h2.get_text(strip=True): card for card in page.select(".directory-card")}
    assert "Hemtjänst test" in cards
    assert draft_service.name not in cards
    card = cards["Hemtjänst test"]
    assert card.h2.a["href"] == service_url(directory, service)
    card_text = squash(card.get_text(" "))
    assert service.summary in card_text
    assert "Ansvarig nämnd Socialförvaltningen" in card_text
    assert "Utförare att välja mellan 3" in card_text


def test_W3_4_service_page_shows_the_service_its_requirements_and_every_live_provider(
    public_client, directory, homecare
):
    service, providers = homecare
    service.requirements.create(text="Kontaktperson utses inom fem dagar.")
    factories.publish(service)

    response = public_client.get(service_url(directory, service))

    assert response.status_code == 200
    page = html(response)
    assert [h1.get_text(strip=True) for h1 in page.find_all("h1")] == ["Hemtjänst test"]
    content = text(response)
    assert service.summary in content
    assert "Sedan väljer du utförare." in content
    assert "Ansvarig nämnd: Socialförvaltningen" in content
    checked = page.select_one(".entry-check time")
    assert checked["datetime"] == f"{timezone.localtime(service.last_published_at):%Y-%m-%d}"
    assert "Senast kontrollerad" in content
    requirements = [li.get_text(strip=True) for li in page.select("#requirements-heading ~ ul li")]
    assert requirements == [
        "Personalen har utbildning för uppdraget.",
        "Kontaktperson utses inom fem dagar.",
    ]
    assert provider_names(response) == ["Idéburen omsorg", "Kommunens hemtjänst", "Omsorg i Ryd"]
    # Each provider has its own compare checkbox, and the form asks the compare route.
    boxes = page.select(".compare-form input[type=checkbox][name=p]")
    assert sorted(box["value"] for box in boxes) == sorted(p.slug for p in providers.values())
    for box in boxes:
        assert (
            page.select_one(f"label[for={box['id']}]")
            .get_text(" ", strip=True)
            .startswith("Jämför")
        )
    assert page.select_one(".compare-form")["action"] == f"{service_url(directory, service)}jamfor/"
    assert page.select_one(".compare-form")["method"] == "get"


def test_W3_4_an_unpublished_service_has_no_page(public_client, directory, homecare):
    service, providers = homecare
    service.unpublish()

    assert public_client.get(service_url(directory, service)).status_code == 404
    assert public_client.get(provider_url(directory, providers["omsorg"])).status_code == 404
    assert public_client.get(f"{base(directory)}finns-inte/").status_code == 404


# The filter.


def test_W3_4_filter_by_language(public_client, directory, homecare):
    service, _ = homecare
    response = public_client.get(service_url(directory, service), {"sprak": "ar"})

    assert provider_names(response) == ["Omsorg i Ryd"]
    assert "Visade utförare: 1 av 3." in text(response)
    selected = html(response).select_one("select[name=sprak] option[selected]")
    assert selected["value"] == "ar"


def test_W3_4_filter_by_area(public_client, directory, homecare):
    service, _ = homecare
    response = public_client.get(service_url(directory, service), {"omrade": "skaggetorp"})
    assert provider_names(response) == ["Kommunens hemtjänst"]

    response = public_client.get(service_url(directory, service), {"omrade": "ryd"})
    assert provider_names(response) == ["Kommunens hemtjänst", "Omsorg i Ryd"]


def test_W3_4_filter_by_operator_and_profile(public_client, directory, homecare):
    service, _ = homecare
    url = service_url(directory, service)

    response = public_client.get(url, {"regi": ["municipal", "non_profit"]})
    assert provider_names(response) == ["Idéburen omsorg", "Kommunens hemtjänst"]
    assert provider_names(public_client.get(url, {"regi": "private"})) == ["Omsorg i Ryd"]
    assert provider_names(public_client.get(url, {"profil": "demenskompetens"})) == ["Omsorg i Ryd"]


def test_W3_4_filters_combine_and_say_clearly_when_nothing_matches(
    public_client, directory, homecare
):
    service, _ = homecare
    response = public_client.get(
        service_url(directory, service), {"omrade": "ryd", "regi": "non_profit"}
    )

    assert response.status_code == 200
    assert provider_names(response) == []
    assert "Ingen utförare matchar dina val." in text(response)
    assert html(response).select_one(".compare-form") is None


def test_W3_4_filter_form_works_without_javascript_and_labels_every_field(
    public_client, directory, homecare
):
    service, _ = homecare
    page = html(public_client.get(service_url(directory, service)))
    form = page.select_one("form.directory-filter")

    assert form["method"] == "get"
    assert form["action"] == service_url(directory, service)
    assert form.select_one("button[type=submit]") is not None
    for field in form.select("select, input"):
        assert form.select_one(f"label[for={field['id']}]") is not None, field["name"]
    operators = form.select_one("fieldset")
    assert operators.legend.get_text(strip=True) == "Regi"
    assert [box["value"] for box in operators.select("input")] == [
        "municipal",
        "private",
        "non_profit",
    ]
    # Only what the live providers have is offered.
    areas = [option["value"] for option in form.select("select[name=omrade] option")]
    assert areas == ["", "berga", "ryd", "skaggetorp"]


# The provider.


def test_W3_4_provider_page_has_the_uniform_format_in_the_same_order(
    public_client, directory, homecare
):
    _service, providers = homecare
    providers["omsorg"].additional_requirements.create(text="Personalen talar arabiska.")
    factories.publish(providers["omsorg"])
    headings = []
    for provider in providers.values():
        response = public_client.get(provider_url(directory, provider))
        assert response.status_code == 200
        page = html(response)
        assert [h1.get_text(strip=True) for h1 in page.find_all("h1")] == [provider.name]
        headings.append([h2.get_text(strip=True) for h2 in page.find_all("h2")])
        content = text(response)
        checked = timezone.localtime(provider.last_published_at)
        assert f"Senast kontrollerad: {checked.day} " in content
        assert "Ansvarig nämnd: Socialförvaltningen" in content
    assert headings[0] == headings[1] == headings[2]
    assert headings[0] == [
        "Vem utför tjänsten",
        "Uppdraget",
        "Kvalitetskrav",
        "Språk, profil och platser",
        "Om utföraren",
        "Kontakt",
        "Utvärderingar",
    ]

    response = public_client.get(provider_url(directory, providers["omsorg"]))
    content = text(response)
    provider = providers["omsorg"]
    for fact in (
        provider.organisation,
        provider.organisation_number,
        "Storgatan 1 582 23 Linköping",
        "Privat",
        provider.assignment,
        "Personalen har utbildning för uppdraget.",
        "Personalen talar arabiska.",
        "Arabiska, Svenska",
        "Demenskompetens",
        "Platser 40",
        provider.email,
        "013-12 34 56",
    ):
        assert fact in content, fact
    tel = html(response).select_one("a[href^='tel:']")
    assert tel["href"] == "tel:0131234 56".replace(" ", "")


def test_W3_4_the_providers_own_website_is_marked_as_external(public_client, directory, homecare):
    service, providers = homecare
    response = public_client.get(provider_url(directory, providers["omsorg"]))

    link = html(response).select_one("a[href='https://www.omsorgiryd.example/']")
    assert "external-link" in link["class"]
    assert "Utförarens egen webbplats" in link.get_text(" ")
    hidden = [span.get_text(strip=True) for span in link.select(".visually-hidden")]
    assert "(extern webbplats)" in hidden

    # A provider's site on the municipality's own domain is no external site (W3.6).
    response = public_client.get(provider_url(directory, providers["kommunal"]))
    link = html(response).select_one("a[href='https://www.linkoping.se/hemtjanst/']")
    assert "external-link" not in link.get("class", [])
    assert "Utförarens egen webbplats" in link.get_text(" ")

    response = public_client.get(compare_url(directory, service, "omsorg-i-ryd", "ideburen-omsorg"))
    link = html(response).select_one("table a[href='https://www.omsorgiryd.example/']")
    assert "external-link" in link["class"]


def test_W3_4_provider_page_shows_reports_with_file_type_and_size(
    public_client, directory, homecare
):
    _service, providers = homecare
    document = get_document_model().objects.create(
        title="Uppföljning 2024", file=ContentFile(b"%PDF-1.4 rapport", name="uppfoljning.pdf")
    )
    EvaluationReport.objects.create(
        provider=providers["omsorg"],
        year=2024,
        title="Uppföljning av Omsorg i Ryd 2024",
        source="Kommunens uppföljning",
        published_on=datetime.date(2025, 3, 1),
        document=document,
    )

    response = public_client.get(provider_url(directory, providers["omsorg"]))

    link = html(response).select_one(".report-list a")
    assert link["href"] == document.url
    assert "Uppföljning av Omsorg i Ryd 2024" in link.get_text()
    assert "(PDF, 16 byte)" in squash(link.get_text(" "))
    assert "Publicerad 1 mars 2025" in text(response)


# Evaluation figures and the municipality's average.


@pytest.fixture
def figures(homecare):
    service, providers = homecare
    nöjd = Measure.objects.create(
        service=service,
        name="Nöjda brukare",
        unit="%",
        source="Socialstyrelsen, Vad tycker de äldre om äldreomsorgen?",
        source_url="https://www.socialstyrelsen.se/brukarundersokning/",
    )
    hidden = factories.provider(service, name="Avpublicerad", live=False)
    published = datetime.date(2025, 4, 1)
    for provider, year, value in (
        (providers["omsorg"], 2024, "80"),
        (providers["kommunal"], 2024, "91.5"),
        (providers["omsorg"], 2023, "70"),
        (providers["kommunal"], 2023, "74"),
        (providers["ideell"], 2023, "60"),
        (hidden, 2024, "10"),
    ):
        EvaluationFigure.objects.create(
            provider=provider, measure=nöjd, year=year, value=Decimal(value), published_on=published
        )
    return service, providers, nöjd


def test_W3_4_provider_page_shows_latest_figure_with_the_municipal_average(
    public_client, directory, figures
):
    _service, providers, _measure = figures
    response = public_client.get(provider_url(directory, providers["omsorg"]))

    row = html(response).select_one("#figures-caption").find_parent("table").tbody.tr
    cells = [squash(cell.get_text(" ")) for cell in row.find_all(["th", "td"])]
    assert cells[0].startswith("Nöjda brukare")
    # The latest year; the average is over live providers with a figure that year only
    # (80 and 91,5 – the unpublished provider's 10 does not count).
    assert cells[1] == "80 % (2024)"
    assert cells[2] == "85,8 % (2024)"
    assert "Socialstyrelsen" in cells[3]
    assert cells[4] == "1 april 2025"

    # A provider whose latest figure is older is compared with that year's average.
    response = public_client.get(provider_url(directory, providers["ideell"]))
    row = html(response).select_one("#figures-caption").find_parent("table").tbody.tr
    cells = [squash(cell.get_text(" ")) for cell in row.find_all(["th", "td"])]
    assert cells[1] == "60 % (2023)"
    assert cells[2] == "68 % (2023)"


def test_W3_4_figures_read_as_in_swedish():
    from django.utils import translation

    with translation.override("sv"):
        assert figure_text(Decimal("80.00"), "%") == "80\u00a0%"
        assert figure_text(Decimal("85.50")) == "85,5"
        assert figure_text(Decimal("1200")) == "1200"


# The comparison.


def compare_table(response):
    table = html(response).select_one("table.compare-table")
    assert table is not None, text(response)
    return table


def test_W3_4_compare_shows_the_same_rows_for_every_provider(public_client, directory, figures):
    service, providers, _measure = figures
    slugs = [providers["omsorg"].slug, providers["kommunal"].slug, providers["ideell"].slug]

    response = public_client.get(compare_url(directory, service, *slugs))

    assert response.status_code == 200
    table = compare_table(response)
    caption = table.caption
    region = table.find_parent("div")
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert region["aria-labelledby"] == caption["id"]
    columns = table.thead.find_all("th", scope="col")
    assert [c.get_text(strip=True) for c in columns[1:]] == [
        "Omsorg i Ryd",
        "Kommunens hemtjänst",
        "Idéburen omsorg",
    ]
    rows = table.tbody.find_all("tr")
    headers = []
    for row in rows:
        assert len(row.find_all("th", scope="row")) == 1
        assert len(row.find_all("td")) == 3
        headers.append(row.th.contents[0].strip())
    assert headers == [
        "Regi",
        "Organisation",
        "Organisationsnummer",
        "Adress",
        "Områden",
        "Språk",
        "Profil",
        "Platser",
        "Kvalitetskrav utöver tjänstens egna",
        "Nöjda brukare",
        "Kontakt",
        "Webbplats",
        "Senast kontrollerad",
    ]
    measure_row = rows[headers.index("Nöjda brukare")]
    assert "Kommunens genomsnitt 2024: 85,8" in squash(measure_row.th.get_text(" "))
    assert [squash(td.get_text(" ")).split(" Kommunens")[0] for td in measure_row("td")] == [
        "80 % (2024)",
        "91,5 % (2024)",
        "60 % (2023)",
    ]
    operators = [td.get_text(strip=True) for td in rows[0]("td")]
    assert operators == ["Privat", "Kommunal", "Idéburen"]


@pytest.mark.parametrize("count", [0, 1, 5])
def test_W3_4_compare_takes_two_to_four_providers(public_client, directory, homecare, count):
    service, providers = homecare
    extra = [factories.provider(service, name=f"Extra {n}") for n in range(2)]
    slugs = [p.slug for p in [*providers.values(), *extra]][:count]

    response = public_client.get(compare_url(directory, service, *slugs))

    assert response.status_code == 200
    assert "Välj två till fyra utförare" in text(response)
    assert html(response).select_one("table") is None
    # The choice again, without JavaScript, with what was chosen ticked.
    ticked = html(response).select(".compare-form input[checked]")
    assert len(ticked) == count


def test_W3_4_compare_of_four_is_allowed(public_client, directory, homecare):
    service, providers = homecare
    fourth = factories.provider(service, name="Fjärde utföraren")
    slugs = [*(p.slug for p in providers.values()), fourth.slug]

    table = compare_table(public_client.get(compare_url(directory, service, *slugs)))
    assert len(table.thead.find_all("th", scope="col")) == 5


def test_W3_4_compare_with_unknown_slugs_says_so(public_client, directory, homecare):
    service, providers = homecare
    other_service = factories.service(name="Annan tjänst")
    stranger = factories.provider(other_service, name="Annan utförare")

    response = public_client.get(compare_url(directory, service, "finns-inte", "inte-heller"))
    assert response.status_code == 200
    assert "Välj två till fyra utförare" in text(response)
    assert "finns inte bland tjänstens utförare" in text(response)

    # A provider of another service is unknown here.
    response = public_client.get(
        compare_url(directory, service, providers["omsorg"].slug, stranger.slug)
    )
    assert html(response).select_one("table") is None
    assert "finns inte bland tjänstens utförare" in text(response)

    # Two known ones and an unknown one: the two are compared, the unknown one is named.
    response = public_client.get(
        compare_url(directory, service, providers["omsorg"].slug, providers["ideell"].slug, "borta")
    )
    assert len(compare_table(response).thead.find_all("th", scope="col")) == 3
    assert "finns inte bland tjänstens utförare" in text(response)


def test_W3_4_selection_keeps_order_and_drops_repeats():
    chosen = selection(["b", "a", "b", " ", "<script>"])
    assert chosen.slugs == ["b", "a"]
    assert chosen.unknown


# Only live entries.


def test_W3_4_a_draft_is_never_shown(public_client, directory, homecare):
    service, providers = homecare
    provider = providers["omsorg"]
    provider.name = "Utkastnamn som ingen godkänt"
    provider.assignment = "Utkasttext som ingen godkänt"
    provider.save_revision()
    service.summary = "Utkastsammanfattning"
    service.save_revision()

    pages = [
        base(directory),
        service_url(directory, service),
        provider_url(directory, provider),
        compare_url(directory, service, provider.slug, providers["ideell"].slug),
    ]
    for url in pages:
        response = public_client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert "Utkast" not in content, url
    assert "Omsorg i Ryd" in public_client.get(provider_url(directory, provider)).content.decode()


def test_W3_4_an_unpublished_provider_is_absent(public_client, directory, homecare):
    service, providers = homecare
    providers["omsorg"].unpublish()

    response = public_client.get(service_url(directory, service))
    assert "Omsorg i Ryd" not in provider_names(response)
    assert "Omsorg i Ryd" not in response.content.decode()
    assert public_client.get(provider_url(directory, providers["omsorg"])).status_code == 404
    response = public_client.get(
        compare_url(directory, service, providers["omsorg"].slug, providers["ideell"].slug)
    )
    assert html(response).select_one("table") is None
    index = text(public_client.get(base(directory)))
    assert "Utförare att välja mellan 2" in index


def test_W3_4_each_route_renders_its_own_content_not_a_cached_fragment(
    public_client, directory, homecare
):
    service, providers = homecare
    urls = {
        "Välja utförare": base(directory),
        "Hemtjänst test": service_url(directory, service),
        "Omsorg i Ryd": provider_url(directory, providers["omsorg"]),
        "Kommunens hemtjänst": provider_url(directory, providers["kommunal"]),
    }
    for _round in range(2):
        for heading, url in urls.items():
            page = html(public_client.get(url))
            assert page.h1.get_text(strip=True) == heading
            assert page.title.get_text().startswith(heading)


# schema.org.


def test_W3_4_json_ld_describes_the_service_and_its_providers(public_client, directory, homecare):
    service, providers = homecare
    response = public_client.get(service_url(directory, service))
    (data,) = json_ld(response)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "Hemtjänst test"
    assert data["url"].endswith(service_url(directory, service))
    assert data["serviceOperator"]["name"] == "Linköpings kommun"
    organisations = {org["name"]: org for org in data["provider"]}
    assert set(organisations) == {p.name for p in providers.values()}
    omsorg = organisations["Omsorg i Ryd"]
    assert omsorg["@type"] == "Organization"
    assert omsorg["url"] == "https://www.omsorgiryd.example/"
    assert omsorg["identifier"]["value"] == providers["omsorg"].organisation_number
    assert omsorg["address"]["postalCode"] == "582 23"

    (data,) = json_ld(public_client.get(provider_url(directory, providers["omsorg"])))
    assert data["@type"] == "GovernmentService"
    assert [org["@type"] for org in data["provider"]] == ["Organization"]

    (data,) = json_ld(public_client.get(base(directory)))
    assert {item["@type"] for item in data["@graph"]} == {"GovernmentService"}
    assert "Hemtjänst test" in [item["name"] for item in data["@graph"]]


def test_W3_4_json_ld_cannot_end_its_script_element(public_client, directory):
    service = factories.service(name="Tjänst med tecken")
    factories.provider(service, name="Ond </script><script>alert(1)</script> & Co")

    response = public_client.get(service_url(directory, service))

    body = response.content.decode()
    script = body.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script and "&" not in script
    (data,) = json_ld(response)
    assert data["provider"][0]["name"] == "Ond </script><script>alert(1)</script> & Co"
    assert "<script>alert(1)" not in body.replace(script, "")


# Hostile requests.


@pytest.mark.parametrize(
    "route, query",
    [
        ("service", "sprak=1%27%20OR%201%3D1"),
        ("service", "omrade=%00&profil=%ff%fe"),
        ("service", "regi=municipal&regi=%3Cscript%3E"),
        ("service", "omrade=" + "x" * 5000),
        ("service", "sprak[]=sv&omrade[$ne]=1"),
        ("compare", "p=%3Cscript%3Ealert(1)%3C/script%3E&p=x"),
        ("compare", "p=" + "a" * 5000 + "&p=b"),
        ("compare", "p=%00&p=%00"),
        ("compare", "p=1%27%20OR%201%3D1&p=--"),
        ("compare", "&".join(f"p=s{n}" for n in range(300))),
        ("compare", "p"),
        ("index", "p=%3Cscript%3E&sprak=1%27"),
        ("provider", "p=%3Cscript%3E"),
    ],
)
def test_W3_4_hostile_query_strings_are_no_server_error(
    public_client, directory, homecare, route, query
):
    service, providers = homecare
    path = {
        "index": base(directory),
        "service": service_url(directory, service),
        "compare": f"{service_url(directory, service)}jamfor/",
        "provider": provider_url(directory, providers["omsorg"]),
    }[route]

    response = public_client.get(f"{path}?{query}")

    assert response.status_code in (200, 400), response.status_code
    assert b"<script>alert" not in response.content
    assert b"<script>" not in response.content.replace(b'<script type="application/ld+json">', b"")


def test_W3_4_hostile_filter_values_are_left_out_not_looked_up(public_client, directory, homecare):
    service, _ = homecare
    response = public_client.get(service_url(directory, service), {"sprak": "1' OR 1=1"})

    assert response.status_code == 200
    assert len(provider_names(response)) == 3
    assert "finns inte längre" in text(response)


# Previews and the number of queries.


def test_W3_4_a_preview_shows_the_draft_and_keeps_out_of_shared_caches(
    public_client, directory, homecare
):
    from django.core.cache import cache

    directory.intro = "Utkast till ingress som ingen har godkänt"
    cache.clear()

    response = directory.make_preview_request()

    assert "Utkast till ingress" in response.content.decode()
    assert "Hemtjänst test" in response.content.decode()
    page_fragments = re.compile(r"navet:fragment:\d+:(head|main|languages|brand|nav|footer):")
    # The local-memory cache's keys, or Redis's (django-redis).
    keys = cache.keys("navet:fragment:*") if hasattr(cache, "keys") else list(cache._cache)
    assert not [key for key in keys if page_fragments.search(key)]
    assert "Utkast till ingress" not in public_client.get(base(directory)).content.decode()


@pytest.mark.parametrize("route", ["service", "compare"])
def test_W3_4_queries_do_not_grow_with_the_number_of_providers(
    public_client, directory, figures, route
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    service, _providers, _measure = figures

    def queries() -> int:
        slugs = [p.slug for p in service.providers.filter(live=True)][:4]
        url = service_url(directory, service)
        url = compare_url(directory, service, *slugs) if route == "compare" else url
        cache.clear()  # Never from the full-page cache.
        with CaptureQueriesContext(connection) as captured:
            assert public_client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for n in range(5):
        extra = factories.provider(
            service, name=f"Fler {n}", profiles=("Kvällsinsatser",), areas=("Berga", "Ryd")
        )
        extra.additional_requirements.create(text="Eget krav.")
    assert queries() == few


def test_W3_4_only_addresses_without_a_query_string_are_cached(public_client, directory, homecare):
    service, providers = homecare
    url = service_url(directory, service)

    public_client.get(url)
    assert public_client.get(url)["X-Navet-Cache"] == "hit"
    for query in ({"sprak": "ar"}, {"p": [providers["omsorg"].slug, providers["ideell"].slug]}):
        target = f"{url}jamfor/" if "p" in query else url
        public_client.get(target, query)
        assert "X-Navet-Cache" not in public_client.get(target, query)
