"""The demo's directories (W3.4, W3.5): hemtjänst with at least six providers, Leanlink among
them, and two years of figures; förskola with several providers; daglig verksamhet enligt
LSS; at least ten associations; the two public pages live. Loaded idempotently."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Page, Revision

from navet.demo.services import load_demo
from navet.directories import imports
from navet.directories.models import (
    Activity,
    Area,
    Association,
    AssociationDirectoryPage,
    AssociationSupport,
    EvaluationFigure,
    EvaluationReport,
    Measure,
    Operator,
    Profile,
    Provider,
    Service,
    ServiceDirectoryPage,
    SpokenLanguage,
)
from navet.directories.validators import validate_organisation_number
from navet.organisation.models import Unit
from navet.organisation.roles import Role
from navet.web.models import StartPage

pytestmark = pytest.mark.django_db


def test_W3_4_demo_hemtjanst_has_six_providers_with_two_years_of_figures():
    hemtjanst = Service.objects.get(slug="hemtjanst")
    assert hemtjanst.live
    assert hemtjanst.owning_unit.name == "Socialförvaltningen"
    assert "LOV" in hemtjanst.choice_system
    providers = Provider.objects.filter(service=hemtjanst, live=True)
    assert providers.count() >= 6
    leanlink = providers.get(name="Leanlink")
    assert leanlink.operator == Operator.MUNICIPAL
    assert (leanlink.organisation, leanlink.organisation_number) == (
        "Linköpings kommun",
        "212000-0449",
    )
    assert providers.exclude(operator=Operator.MUNICIPAL).count() >= 5
    measures = Measure.objects.filter(service=hemtjanst)
    assert measures.filter(source__startswith="Socialstyrelsen").exists()
    assert measures.filter(source="Kommunens uppföljning").exists()
    assert measures.filter(higher_is_better=False).exists()
    for provider in providers:
        years = set(provider.figures.values_list("year", flat=True))
        assert {2024, 2025} <= years, provider
        assert provider.figures.count() == 2 * measures.count(), provider
    assert EvaluationReport.objects.filter(provider__service=hemtjanst).exists()


def test_W3_4_demo_forskola_and_daglig_verksamhet():
    forskola = Service.objects.get(slug="forskola", live=True)
    assert forskola.owning_unit.name == "Utbildningsförvaltningen"
    assert forskola.choice_system == "Skollagen"
    assert forskola.providers.filter(live=True).count() >= 4
    assert {Operator.MUNICIPAL, Operator.PRIVATE} <= set(
        forskola.providers.values_list("operator", flat=True)
    )
    assert EvaluationFigure.objects.filter(measure__service=forskola, year=2025).exists()
    daglig = Service.objects.get(slug="daglig-verksamhet-lss", live=True)
    assert daglig.owning_unit.name == "Socialförvaltningen"
    assert daglig.providers.filter(live=True).count() >= 2


def test_W3_4_demo_entries_are_complete_published_and_dated():
    for entry in [*Provider.objects.all(), *Association.objects.all(), *Service.objects.all()]:
        assert entry.live, entry
        assert entry.review_by is not None, entry
        assert entry.last_published_at is not None, entry
    for provider in Provider.objects.all():
        validate_organisation_number(provider.organisation_number)
        assert provider.postal_code.startswith("58"), provider
        assert provider.areas.exists() and provider.languages.exists(), provider
    assert SpokenLanguage.objects.filter(code="sgn-SE").exists()
    assert Area.objects.filter(name="Skäggetorp").exists()


def test_W3_5_demo_has_ten_supported_associations():
    associations = Association.objects.filter(live=True)
    assert associations.count() >= 10
    activities = set(associations.values_list("activities__name", flat=True))
    assert {"Idrott", "Kultur", "Pensionärer", "Funktionsrätt", "Scouting"} <= activities
    for association in associations:
        validate_organisation_number(association.organisation_number)
        assert association.purpose and association.meeting_place and association.area
        assert {2024, 2025} <= set(association.support.values_list("year", flat=True))


def test_W3_4_demo_directory_pages_are_live():
    start = StartPage.main("public")
    services_page = ServiceDirectoryPage.objects.child_of(start).get(slug="valja-utforare")
    assert services_page.live and services_page.title == "Välja utförare"
    assert services_page.intro
    culture = Unit.objects.get(name="Kultur- och fritidsförvaltningen").public_section
    associations_page = AssociationDirectoryPage.objects.child_of(culture).get(slug="foreningar")
    assert associations_page.live
    assert associations_page.title == "Föreningar med stöd från kommunen"


def test_W3_4_demo_social_editor_imports_social_figures_only():
    editor = get_user_model().objects.get(username="redaktor.social")
    assert editor.person.role_assignments.active().filter(role=Role.EDITOR).exists()
    slugs = set(imports.services_for_import(editor).values_list("slug", flat=True))
    assert {"hemtjanst", "daglig-verksamhet-lss"} <= slugs
    assert "forskola" not in slugs


def _counts():
    models = [
        Service,
        Provider,
        Measure,
        EvaluationFigure,
        EvaluationReport,
        Association,
        AssociationSupport,
        Area,
        SpokenLanguage,
        Profile,
        Activity,
        Page,
        Revision,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_W3_4_demo_directories_load_idempotently():
    before = _counts()
    load_demo(password=settings.NAVET_DEMO_PASSWORD)
    assert _counts() == before
