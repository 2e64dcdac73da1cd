"""W3.4, W3.5: directory entries are published only in the uniform format, by the people of
the responsible administration, through the same approval, language review, review dates
and search as pages."""

import datetime

import pytest
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import ModelLogEntry, TaskState

from navet.directories.models import Provider, QualityRequirement, Service
from navet.directories.pages import ServiceDirectoryPage
from navet.directories.validators import validate_organisation_number
from navet.editorial.services import PublishingRefused, send_review_reminders
from navet.editorial.tests.helpers import after_commit
from navet.language.models import RuleSeverity
from navet.web.models import StartPage

from . import factories

pytestmark = pytest.mark.django_db

REQUIRED_TEXT = [
    "operator",
    "organisation",
    "organisation_number",
    "street_address",
    "postal_code",
    "city",
    "assignment",
]


@pytest.fixture
def hemtjanst():
    return factories.service(name="Hemtjänst i test", unit="Socialförvaltningen")


def edit_url(entry):
    name = f"wagtailsnippets_directories_{entry._meta.model_name}"
    return reverse(f"{name}:edit", args=[quote(entry.pk)])


def provider_form(provider, **changes):
    data = {
        "service": provider.service_id,
        "name": provider.name,
        "slug": provider.slug,
        "operator": provider.operator,
        "organisation": provider.organisation,
        "organisation_number": provider.organisation_number,
        "street_address": provider.street_address,
        "postal_code": provider.postal_code,
        "city": provider.city,
        "areas": [area.pk for area in provider.areas.all()],
        "assignment": provider.assignment,
        "languages": [language.pk for language in provider.languages.all()],
        "profiles": [profile.pk for profile in provider.profiles.all()],
        "places": "",
        "about": provider.about,
        "email": provider.email,
        "phone": provider.phone,
        "website": provider.website,
        "review_by": "",
        "additional_requirements-TOTAL_FORMS": "0",
        "additional_requirements-INITIAL_FORMS": "0",
        "additional_requirements-MIN_NUM_FORMS": "0",
        "additional_requirements-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("field", REQUIRED_TEXT)
def test_W3_4_a_provider_missing_a_required_field_cannot_be_published(hemtjanst, field):
    provider = factories.provider(hemtjanst, live=False, **{field: ""})
    with pytest.raises(PublishingRefused) as refused:
        factories.publish(provider)
    assert [(p.rule, p.field) for p in refused.value.problems] == [("W3.4", field)]
    assert not Provider.objects.get(pk=provider.pk).live


@pytest.mark.parametrize("relation", ["areas", "languages"])
def test_W3_4_a_provider_must_name_its_areas_and_languages(hemtjanst, relation):
    provider = factories.provider(hemtjanst, live=False, **{relation: ()})
    with pytest.raises(PublishingRefused) as refused:
        factories.publish(provider)
    assert [(p.rule, p.field) for p in refused.value.problems] == [("W3.4", relation)]


def test_W3_4_a_provider_needs_an_email_address_or_a_phone_number(hemtjanst):
    with pytest.raises(PublishingRefused) as refused:
        factories.provider(hemtjanst, email="", phone="")
    assert [(p.rule, p.field) for p in refused.value.problems] == [("W3.4", "email")]
    assert factories.provider(hemtjanst, email="", phone="013-12 34 56").live


def test_W3_4_a_service_needs_its_committee_and_quality_requirements():
    service = factories.service(live=False)
    QualityRequirement.objects.filter(service=service).delete()
    service = Service.objects.get(pk=service.pk)
    with pytest.raises(PublishingRefused) as refused:
        factories.publish(service)
    assert [(p.rule, p.field) for p in refused.value.problems] == [("W3.4", "requirements")]


def test_W3_5_an_association_missing_its_meeting_place_cannot_be_published():
    association = factories.association(live=False, meeting_place="")
    with pytest.raises(PublishingRefused) as refused:
        factories.publish(association)
    assert [(p.rule, p.field) for p in refused.value.problems] == [("W3.5", "meeting_place")]


@pytest.mark.parametrize(
    "number, valid",
    [("212000-0449", True), ("2120000449", True), ("212000-0448", False), ("12345", False)],
)
def test_W3_4_organisation_numbers_are_checked(number, valid):
    if valid:
        validate_organisation_number(number)
    else:
        with pytest.raises(ValidationError) as refused:
            validate_organisation_number(number)
        assert refused.value.code in ("format", "check_digit")


def test_W3_4_the_publish_form_names_the_missing_field_and_keeps_the_live_version(
    client, demo_user, hemtjanst
):
    provider = factories.provider(hemtjanst, name="Omsorg i Ryd")
    client.force_login(demo_user("huvudredaktor.social"))
    response = client.post(
        edit_url(provider),
        provider_form(provider, street_address="", name="Omsorg i Ryd och Berga")
        | {"action-publish": "action-publish"},
    )
    assert response.status_code == 200
    assert "W3.4" in response.content.decode()
    assert Provider.objects.get(pk=provider.pk).name == "Omsorg i Ryd"


def test_W3_4_an_incomplete_draft_can_be_saved_without_reaching_readers(
    client, demo_user, hemtjanst
):
    provider = factories.provider(hemtjanst, name="Omsorg i Berga")
    client.force_login(demo_user("huvudredaktor.social"))
    response = client.post(
        edit_url(provider), provider_form(provider, street_address="", name="Omsorg Berga")
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.name == "Omsorg i Berga"  # the live row is untouched
    assert provider.has_unpublished_changes
    assert provider.latest_revision.as_object().name == "Omsorg Berga"


def test_W3_4_role_groups_carry_the_directory_permissions(demo_user):
    head_editor = demo_user("huvudredaktor.social")
    author = demo_user("forfattare.social")
    assert head_editor.has_perm("directories.publish_provider")
    assert head_editor.has_perm("directories.delete_provider")
    assert author.has_perm("directories.change_provider")
    assert not author.has_perm("directories.publish_provider")
    assert not demo_user("medarbetare").has_perm("directories.change_provider")


def test_W3_4_editors_change_only_their_own_administrations_entries(client, demo_user, hemtjanst):
    provider = factories.provider(hemtjanst, name="Hemtjänst Söder")
    client.force_login(demo_user("huvudredaktor.utbildning"))
    assert client.get(edit_url(provider)).status_code in (302, 403)
    response = client.post(
        edit_url(provider),
        provider_form(provider, name="Kapad") | {"action-publish": "action-publish"},
    )
    assert response.status_code in (302, 403)
    assert Provider.objects.get(pk=provider.pk).name == "Hemtjänst Söder"
    assert not provider.revisions.filter(content__name="Kapad").exists()

    listing = client.get(reverse("wagtailsnippets_directories_provider:list"))
    assert "Hemtjänst Söder" not in listing.content.decode()
    add_form = client.get(reverse("wagtailsnippets_directories_provider:add"))
    assert "Hemtjänst i test" not in add_form.content.decode()  # not their service to choose

    client.force_login(demo_user("huvudredaktor.social"))
    assert client.get(edit_url(provider)).status_code == 200
    assert (
        "Hemtjänst Söder"
        in client.get(reverse("wagtailsnippets_directories_provider:list")).content.decode()
    )
    client.force_login(demo_user("infomaster"))
    assert client.get(edit_url(provider)).status_code == 200


def test_W3_4_an_authors_change_goes_through_approval(client, demo_user, hemtjanst, smtp_inbox):
    provider = factories.provider(hemtjanst, name="Trygg omsorg")
    client.force_login(demo_user("forfattare.social"))
    with after_commit():
        response = client.post(
            edit_url(provider),
            provider_form(provider, name="Trygg omsorg i Linköping")
            | {"action-submit": "action-submit"},
        )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.name == "Trygg omsorg"  # not yet: it waits for approval
    state = provider.current_workflow_task_state
    assert state is not None and state.task.specific.__class__.__name__ == (
        "NearestAuthorisedApprovalTask"
    )
    recipients = {address for m in smtp_inbox.messages for address in m["To"].split(", ")}
    assert "huvudredaktor.social@linkoping.se" in recipients

    # An author cannot approve their own submission; the head editor of the committee can.
    approve = reverse(
        "wagtailsnippets_directories_provider:workflow_action",
        args=[quote(provider.pk), "approve", state.pk],
    )
    client.post(approve, {"comment": ""})
    assert Provider.objects.get(pk=provider.pk).name == "Trygg omsorg"
    client.force_login(demo_user("huvudredaktor.social"))
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    provider.refresh_from_db()
    assert provider.name == "Trygg omsorg i Linköping"
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_APPROVED
    assert ModelLogEntry.objects.filter(
        object_id=str(provider.pk),
        action="wagtail.workflow.approve",
        user=demo_user("huvudredaktor.social"),
    ).exists()
    assert provider.last_checked is not None


def test_W3_4_an_author_cannot_publish_directly(client, demo_user, hemtjanst):
    provider = factories.provider(hemtjanst, name="Omsorg Norr")
    client.force_login(demo_user("forfattare.social"))
    client.post(
        edit_url(provider),
        provider_form(provider, name="Omsorg Norr AB") | {"action-publish": "action-publish"},
    )
    assert Provider.objects.get(pk=provider.pk).name == "Omsorg Norr"


def test_W3_3e_the_language_review_covers_the_entries_text(hemtjanst):
    RuleSeverity.objects.create(rule="W3.3e.long-sentence", severity="error")
    long_sentence = " ".join(["Vi"] + ["hjälper"] * 30) + "."
    provider = factories.provider(hemtjanst, live=False, assignment=long_sentence)
    with pytest.raises(PublishingRefused) as refused:
        factories.publish(provider)
    assert "W3.3e.long-sentence" in {problem.rule for problem in refused.value.problems}


def test_W3_3d_an_overdue_entry_reminds_the_committees_head_editor(hemtjanst, smtp_inbox):
    provider = factories.provider(hemtjanst, name="Omsorg Väst")
    Provider.objects.filter(pk=provider.pk).update(
        review_by=timezone.localdate() - datetime.timedelta(days=1)
    )
    send_review_reminders()
    [message] = smtp_inbox.to("huvudredaktor.social@linkoping.se")
    body = message.get_body().get_content()
    assert "Omsorg Väst" in body
    assert AdminURLFinder().get_edit_url(provider) in body
    before = len(smtp_inbox.messages)
    send_review_reminders()  # a week has not passed
    assert len(smtp_inbox.messages) == before


def test_W3_3d_publishing_an_entry_dates_its_next_review(hemtjanst):
    provider = factories.provider(hemtjanst)
    assert provider.review_by > timezone.localdate()
    assert provider.latest_revision.content["review_by"] == provider.review_by.isoformat()


def test_W3_4_entries_are_found_by_the_site_search_with_swedish_stems(
    public_client, intranet_client, demo_user, hemtjanst
):
    directory = ServiceDirectoryPage.objects.live().descendant_of(StartPage.main("public")).first()
    factories.provider(
        hemtjanst, name="Städhjälpen", assignment="Vi gör städningar och tvättar åt dig."
    )
    hidden = factories.provider(
        hemtjanst, name="Utkastet", live=False, assignment="Städningar i utkast."
    )
    response = public_client.get("/sok/", {"q": "städning"})
    hits = response.context["other_hits"]
    assert [hit.title for hit in hits] == ["Städhjälpen"]
    assert hits[0].url == f"{directory.url}{hemtjanst.slug}/stadhjalpen/"
    assert hidden.name not in response.content.decode()
    # Not on the intranet, which has no directory page.
    intranet_client.force_login(demo_user("medarbetare"))
    assert intranet_client.get("/sok/", {"q": "städning"}).context["other_hits"] == []


def test_W3_4_publishing_an_entry_purges_the_cached_pages_that_show_it(public_client, hemtjanst):
    directory = ServiceDirectoryPage.objects.live().descendant_of(StartPage.main("public")).first()
    provider = factories.provider(hemtjanst, name="Omsorg Öst")
    service_url = f"{directory.url}{hemtjanst.slug}/"
    provider_url = f"{service_url}{provider.slug}/"
    for url in (service_url, provider_url):
        public_client.get(url)
        assert public_client.get(url)["X-Navet-Cache"] == "hit"

    provider.name = "Omsorg Öst och Väst"
    factories.publish(provider)
    for url in (service_url, provider_url):
        response = public_client.get(url)
        assert response["X-Navet-Cache"] == "miss"
        assert "Omsorg Öst och Väst" in response.content.decode()
