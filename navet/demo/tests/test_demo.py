"""The demo municipality: Linköping's organisation as the seeds describe it, every role held,
the required logins, and realistic content on both sites. Loaded from code, idempotently."""

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from navet.demo.services import load_demo
from navet.organisation.models import Person, RoleAssignment, Unit, UnitKind
from navet.organisation.roles import Role
from navet.web.models import NewsPage, StartPage

REQUIRED_LOGINS = {
    "kommunikationsdirektor": Role.SYSTEM_OWNER_DELEGATE,
    "infomaster": Role.INFOMASTER,
    "webmaster": Role.WEBMASTER,
    "huvudredaktor.utbildning": Role.HEAD_EDITOR,
    "redaktor.utbildning": Role.EDITOR,
    "forfattare.utbildning": Role.AUTHOR,
    "huvudredaktor.social": Role.HEAD_EDITOR,
    "forfattare.social": Role.AUTHOR,
}


@pytest.mark.django_db
def test_demo_organisation_follows_the_seeds():
    administrations = set(
        Unit.objects.filter(kind=UnitKind.ADMINISTRATION).values_list("name", flat=True)
    )
    assert len(administrations) >= 6
    assert {
        "Kommunledningsförvaltningen",
        "Utbildningsförvaltningen",
        "Socialförvaltningen",
        "Leanlink",
    } <= administrations
    assert Unit.objects.filter(kind=UnitKind.COMPANY).count() >= 2
    staff = Unit.objects.get(name="Kommunikations- och utvecklingsstaben")
    assert set(staff.children.values_list("name", flat=True)) == {
        "Planerad kommunikation",
        "Nyheter och media",
    }
    assert Unit.objects.get(kind=UnitKind.EXECUTIVE_BOARD).name == "Kommunstyrelsen"
    for unit in Unit.objects.filter(kind=UnitKind.ADMINISTRATION):
        assert unit.public_section and unit.intranet_section, unit


@pytest.mark.django_db
def test_demo_has_people_holding_every_role():
    held = set(RoleAssignment.objects.active().values_list("role", flat=True))
    assert held == set(Role)


@pytest.mark.django_db
@pytest.mark.parametrize("username,role", REQUIRED_LOGINS.items())
def test_demo_logins_work_with_the_demo_password(username, role):
    # Sign-in throttling (django-axes) needs the request an attempt comes with.
    request = RequestFactory().post("/logga-in/")
    user = authenticate(request, username=username, password=settings.NAVET_DEMO_PASSWORD)
    assert user is not None
    assert user.person.role_assignments.active().filter(role=role).exists()


@pytest.mark.django_db
def test_demo_content_on_both_sites():
    assert StartPage.main("public") and StartPage.main("intranet")
    assert StartPage.objects.filter(audience="intranet").count() == 1, "no intranet translations"
    assert Page.objects.filter(depth__gt=2).live().count() >= 20
    assert NewsPage.objects.live().count() >= 10
    for start in (StartPage.main("public"), StartPage.main("intranet")):
        assert NewsPage.objects.descendant_of(start).count() >= 5
    assert get_document_model().objects.count() >= 3
    assert get_image_model().objects.count() >= 3


def _counts():
    models = [Unit, Person, RoleAssignment, Page, get_document_model(), get_image_model()]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_demo_is_idempotent():
    before = _counts()
    load_demo(password=settings.NAVET_DEMO_PASSWORD)
    assert _counts() == before


@pytest.mark.django_db
def test_demo_keeps_edits_made_while_trying_navet():
    start = StartPage.main("public")
    start.title = "Ändrad av infomaster"
    start.save()
    load_demo(password=settings.NAVET_DEMO_PASSWORD)
    start.refresh_from_db()
    assert start.title == "Ändrad av infomaster"


@pytest.mark.django_db
def test_demo_is_refused_when_not_allowed():
    with override_settings(NAVET_DEMO_ALLOWED=False), pytest.raises(CommandError):
        call_command("load_demo")
