"""The language review in Wagtail (W3.3e): the editor panel, the Språkgranskning task that
holds a submission with errors, the publish block, the infomaster's settings, the report."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import TaskState

from navet.editorial.tests.helpers import create_news, section_news_index
from navet.language.models import JargonTerm, PageLanguageReview, RuleSeverity
from navet.language.services import review_page
from navet.organisation.models import Unit
from navet.web.models import ContentPage, NewsPage

pytestmark = pytest.mark.django_db

KIB_INGRESS = "Ring KiB om det brinner på natten."


@pytest.fixture
def jargon_is_an_error(db):
    """The infomaster makes unexplained internal terms an error."""
    RuleSeverity.objects.create(rule="W3.3e.jargon", severity="error")


def test_W3_3e_internal_terms_are_seeded_and_editable_by_the_infomaster(client, demo_user):
    assert {"KiB", "PM3", "Linweb", "förvaltningsobjekt"} <= set(
        JargonTerm.objects.values_list("term", flat=True)
    )
    client.force_login(demo_user("infomaster"))
    response = client.post(
        "/admin/snippets/language/jargonterm/add/",
        {"term": "Navet", "explanation": "kommunens publiceringsplattform"},
    )
    assert response.status_code == 302
    client.force_login(demo_user("huvudredaktor.social"))
    assert client.get("/admin/snippets/language/jargonterm/add/").status_code != 200


def test_W3_3e_the_infomaster_sets_the_severity_of_a_rule(client, demo_user):
    page = ContentPage.objects.get(title="Ansök om plats i förskola")
    page.intro = "Du kan erhålla en plats."
    assert {f.severity.value for f in review_page(page).findings} == {"warning"}

    client.force_login(demo_user("infomaster"))
    response = client.post(
        "/admin/snippets/language/ruleseverity/add/",
        {"rule": "W3.3e.bureaucratic", "severity": "error"},
    )
    assert response.status_code == 302
    assert [f.rule for f in review_page(page).errors] == ["W3.3e.bureaucratic"]


def test_W3_3e_editor_panel_shows_the_findings_of_the_draft(client, demo_user):
    page = ContentPage.objects.get(title="Kommunens styrdokument")
    client.force_login(demo_user("huvudredaktor.kommunledning"))
    content = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Språkgranskning (W3.3e)" in content
    assert "LIX" in content
    assert "svår att läsa" in content


def test_W3_3e_publishing_with_an_error_level_finding_is_refused(
    client, demo_user, jargon_is_an_error
):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    index = section_news_index("Utbildningsförvaltningen", site="intranet")
    response = create_news(
        client, index, title="Brand", ingress=KIB_INGRESS, action="action-publish"
    )
    assert response.status_code == 200
    assert "W3.3e.jargon" in response.content.decode()
    assert not NewsPage.objects.filter(title="Brand", live=True).exists()

    fixed = "Ring kommunikatör i beredskap (KiB) om det brinner på natten."
    response = create_news(client, index, title="Brand", ingress=fixed, action="action-publish")
    assert response.status_code == 302
    assert NewsPage.objects.get(title="Brand").live


def test_W3_3e_no_code_path_publishes_past_a_language_error(demo_user, jargon_is_an_error):
    index = section_news_index("Utbildningsförvaltningen", site="intranet")
    page = NewsPage(title="Via kod", ingress=KIB_INGRESS, live=False)
    index.add_child(instance=page)
    with pytest.raises(ValidationError) as refused:
        page.save_revision().publish()
    assert "W3.3e.jargon" in str(refused.value)


def test_W3_3e_sprakgranskning_holds_a_submission_until_fixed(
    client, demo_user, jargon_is_an_error
):
    author = demo_user("forfattare.utbildning")
    client.force_login(author)
    index = section_news_index("Utbildningsförvaltningen", site="intranet")
    response = create_news(client, index, title="Larm", ingress=KIB_INGRESS, action="action-submit")
    assert response.status_code == 302
    page = NewsPage.objects.get(title="Larm")
    state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    assert state.task.name == "Språkgranskning"
    assert state.task.specific.get_actions(page, author)

    # Asking again without a fix changes nothing.
    state.task.specific.on_action(state, author, "recheck")
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS

    # The author fixes the text and asks for a new review: on to approval.
    draft = page.get_latest_revision_as_object()
    draft.ingress = "Ring kommunikatör i beredskap (KiB) om det brinner på natten."
    draft.save_revision(user=author)
    state.task.specific.on_action(state, author, "recheck")
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Godkännande av närmast behörig"


def test_W3_3e_a_clean_submission_passes_the_language_review_by_itself(client, demo_user):
    client.force_login(demo_user("forfattare.utbildning"))
    index = section_news_index("Utbildningsförvaltningen", site="intranet")
    create_news(
        client,
        index,
        title="Julfest",
        ingress="Alla är välkomna på julfest.",
        action="action-submit",
    )
    page = NewsPage.objects.get(title="Julfest")
    assert page.current_workflow_task.name == "Godkännande av närmast behörig"


def test_W3_3e_easy_to_read_pages_are_held_to_stricter_limits():
    page = ContentPage.objects.get(title="Familjerådgivning")
    assert not review_page(page).errors
    page.is_easy_to_read = True
    rules = {f.rule for f in review_page(page).errors}
    assert rules & {"W3.3e.easy-to-read.lix", "W3.3e.easy-to-read.long-sentence"}


def test_W3_3e_report_lists_pages_worst_first_per_unit_with_csv(client, demo_user):
    assert PageLanguageReview.objects.count() >= 50
    client.force_login(demo_user("infomaster"))
    response = client.get("/admin/reports/klarsprak/")
    assert response.status_code == 200
    assert "Lämna synpunkter på den nya översiktsplanen" in response.content.decode()

    export = client.get("/admin/reports/klarsprak/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    header, *data = rows
    assert header[:6] == ["Sida", "Enhet", "LIX", "Fel", "Varningar", "Råd"]
    keys = [(-int(r[3]), -int(r[4]), -float(r[2])) for r in data]
    assert keys == sorted(keys), "worst first"

    social = Unit.objects.get(name="Socialförvaltningen")
    filtered = client.get("/admin/reports/klarsprak/", {"unit": social.pk, "export": "csv"})
    units = {
        row[1] for row in csv.reader(io.StringIO(b"".join(filtered.streaming_content).decode()))
    }
    assert units == {"Enhet", "Socialförvaltningen"}


def test_W3_3e_publishing_records_the_review_for_the_report(demo_user):
    page = ContentPage.objects.get(title="Familjerådgivning")
    page.intro = "Vi erhåller många frågor."
    page.save_revision().publish()
    assert PageLanguageReview.objects.get(page=page).warnings >= 1


def test_W3_3e_demo_easy_to_read_version_is_linked_and_passes_the_stricter_review(
    public_client,
):
    page = ContentPage.objects.get(title="Ekonomiskt bistånd")
    easy = page.easy_to_read_version
    assert easy.is_easy_to_read and easy.live
    assert not review_page(easy).errors
    content = public_client.get(page.get_url_parts()[2]).content.decode()
    assert f'href="{easy.get_url_parts()[2]}"' in content
    assert "Lättläst" in content
