"""W3.5: associations receiving municipal support in one uniform overview, their website
linked and marked with a symbol; the public form on which an association proposes changes
to its own entry, approved by the responsible committee before anything is published."""

import html
import json
import re

import pytest
from django.conf import settings
from django.contrib.admin.utils import quote
from django.test import Client
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Revision, TaskState, WorkflowState

from navet.directories.association_forms import EDITABLE_FIELDS
from navet.directories.models import Association, ChangeRequest
from navet.directories.pages import AssociationDirectoryPage
from navet.editorial.selectors import approvers_for
from navet.editorial.tests.helpers import after_commit
from navet.web.models import StartPage

from . import factories

pytestmark = pytest.mark.django_db

UNIFORM_OVERVIEW = ["Syfte", "Verksamhet", "Område", "Mötesplats"]
UNIFORM_PAGE = [
    "Organisationsnummer",
    "Syfte",
    "Verksamhet",
    "Område",
    "Mötesplats",
    "Kontaktperson",
    "E-post",
    "Telefon",
    "Webbplats",
]
# What the public form may change, and what it may not touch on the row.
BOOKKEEPING = {"latest_revision_id", "has_unpublished_changes"}


@pytest.fixture
def directory():
    start = StartPage.main("public")
    page = AssociationDirectoryPage(title="Föreningar", slug="foreningar-test")
    start.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def url(directory, *parts) -> str:
    """The path of the directory page, or of a route below it."""
    return directory.get_url_parts()[2] + "".join(f"{part}/" for part in parts)


def text(response) -> str:
    """The page's text as a reader gets it: entities decoded, spaces collapsed (no-break
    spaces kept)."""
    return text_of(response.content.decode())


def text_of(fragment: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def main(response) -> str:
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def terms(fragment: str) -> list[str]:
    return [html.unescape(term) for term in re.findall(r"<dt>(.*?)</dt>", fragment)]


def row_snapshot(association) -> dict:
    association = Association.objects.get(pk=association.pk)
    return {
        field.attname: getattr(association, field.attname)
        for field in Association._meta.concrete_fields
        if field.attname not in BOOKKEEPING
    }


def saved_counts(association) -> tuple[int, int, int]:
    return (
        Revision.objects.filter(
            base_content_type=association.get_base_content_type(), object_id=str(association.pk)
        ).count(),
        ChangeRequest.objects.filter(association=association).count(),
        WorkflowState.objects.filter(
            base_content_type=association.get_base_content_type(), object_id=str(association.pk)
        ).count(),
    )


def proposal(association, **changes) -> dict:
    """The form as the association sends it: the live values, the changes, who sends it."""
    data = {name: getattr(association, name) or "" for name in EDITABLE_FIELDS}
    data.update(
        submitter_name="Karin Ek",
        submitter_email="karin.ek@forening.example",
        message="",
        homepage="",
    )
    data.update(changes)
    return data


def propose(client, directory, association, address="192.0.2.10", **changes):
    return client.post(
        url(directory, association.slug, "foresla-andring"),
        proposal(association, **changes),
        REMOTE_ADDR=address,
    )


def in_progress_state(association):
    return WorkflowState.objects.get(
        base_content_type=association.get_base_content_type(),
        object_id=str(association.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )


# --- The uniform overview ------------------------------------------------------------------


def association_in(name, *, area, activity, **fields):
    """A live association in an area and with an activity of its own (the demo's
    associations are in the directory too)."""
    entry = factories.association(name=name, area_name=area, **fields)
    entry.activities.set([factories.activity(activity)])
    return factories.publish(entry)


def test_W3_5_the_overview_shows_every_live_association_in_one_uniform_format(
    public_client, directory
):
    first = factories.association(name="Ryds IF", website="https://www.rydsif.se/")
    association_in(
        "Öbergs schacksällskap",
        area="Skäggetorp",
        activity="Kultur",
        meeting_place="Skäggetorps bibliotek",
        purpose="Att spela schack tillsammans.",
    )
    draft = factories.association(name="Utkastföreningen", live=False)

    response = public_client.get(url(directory))

    assert response.status_code == 200
    page = text(response)
    assert "Ryds IF" in page and "Öbergs schacksällskap" in page
    assert draft.name not in page
    assert "Rydsskolans gymnastiksal" in page and "Skäggetorps bibliotek" in page
    assert "Att spela schack tillsammans." in page
    # Every live association, each with the same facts in the same order.
    cards = re.findall(r'<li class="association-card">(.*?)</li>', main(response), re.S)
    assert len(cards) == Association.objects.filter(live=True).count()
    for card in cards:
        assert terms(card) == UNIFORM_OVERVIEW
    # Swedish alphabetical order: Ö after R.
    assert page.index("Ryds IF") < page.index("Öbergs schacksällskap")
    assert f'href="{url(directory, first.slug)}"' in main(response)
    assert main(response).count("<h1") == 1


def test_W3_5_the_overview_filters_by_area_and_activity_without_javascript(
    public_client, directory
):
    association_in("Provbyns IF", area="Provbyn", activity="Providrott")
    association_in("Provbyns kulturförening", area="Provbyn", activity="Provkultur")
    association_in("Testorps IF", area="Testorp", activity="Providrott")

    def shown(**query):
        page = text(public_client.get(url(directory), query))
        return {
            name
            for name in ("Provbyns IF", "Provbyns kulturförening", "Testorps IF")
            if name in page
        }

    assert shown(omrade="provbyn") == {"Provbyns IF", "Provbyns kulturförening"}
    assert shown(verksamhet="providrott") == {"Provbyns IF", "Testorps IF"}
    assert shown(omrade="provbyn", verksamhet="providrott") == {"Provbyns IF"}

    nothing = public_client.get(url(directory), {"omrade": "testorp", "verksamhet": "provkultur"})
    assert nothing.status_code == 200
    assert "Ingen förening matchar ditt val" in text(nothing)
    assert "Visa alla föreningar" in text(nothing)
    # The choices made are kept in the form.
    assert '<option value="testorp" selected>' in main(nothing)
    assert '<option value="provkultur" selected>' in main(nothing)

    # A value that is no area or activity is no filter at all (and no cached variant).
    assert shown(omrade="<script>", verksamhet="x") == {
        "Provbyns IF",
        "Provbyns kulturförening",
        "Testorps IF",
    }
    # The filter is an ordinary form with labelled choices.
    form = main(public_client.get(url(directory)))
    assert 'method="get"' in form
    assert '<label for="filter-area">Område</label>' in form
    assert '<label for="filter-activity">Verksamhet</label>' in form
    assert "<legend>" in form


# --- An association's page -----------------------------------------------------------------


def test_W3_5_an_association_page_has_the_uniform_overview_in_the_same_order(
    public_client, directory
):
    association = factories.association(
        name="Ryds IF",
        organisation_number=factories.organisation_number(4711),
        activity_description="Fotboll för barn från sex år, två kvällar i veckan.",
        phone="013-12 34 56",
        website="https://www.rydsif.se/",
    )
    association.support.create(year=2024, kind="Lokalbidrag", amount=1250000)
    factories.publish(association)

    response = public_client.get(url(directory, association.slug))

    assert response.status_code == 200
    body = main(response)
    assert terms(body) == [*UNIFORM_PAGE, "Ansvarig nämnd"]
    page = text(response)
    for value in (
        association.organisation_number,
        "Att ge barn och unga en meningsfull fritid.",
        "Idrott",
        "Fotboll för barn från sex år, två kvällar i veckan.",
        "Ryd",
        "Rydsskolans gymnastiksal",
        "Anna Berg",
        "kontakt@forening.example",
        "013-12 34 56",
        "Kultur- och fritidsförvaltningen",
    ):
        assert value in page, value
    # Support by year, in kronor the Swedish way.
    table = body[body.index("<table") : body.index("</table>")]
    assert "<caption>" in table and 'scope="col"' in table
    assert "2025 Verksamhetsbidrag 25\xa0000\xa0kr" in text_of(table)
    assert "2024 Lokalbidrag 1\xa0250\xa0000\xa0kr" in text_of(table)
    assert text_of(table).index("2025") < text_of(table).index("2024")
    # Checked by the committee: the last publish.
    association.refresh_from_db()
    checked = association.last_published_at.astimezone().date()
    assert f'<time datetime="{checked:%Y-%m-%d}">' in body
    assert "Senast kontrollerad" in page
    assert body.count("<h1") == 1


def test_W3_5_the_website_is_linked_and_marked_as_the_associations_own_external_site(
    public_client, directory
):
    association = factories.association(name="Ryds IF", website="https://www.rydsif.se/lag")
    body = main(public_client.get(url(directory, association.slug)))

    link = re.search(r'<a href="https://www\.rydsif\.se/lag"([^>]*)>(.*?)</a>', body)
    assert link, body
    assert 'class="external-link"' in link.group(1)
    assert "(extern webbplats)" in link.group(2)
    assert "föreningens egen webbplats" in text_of(body)
    # A website on the municipality's own domain is no external link.
    own = factories.association(name="Kommunens förening", website="https://linkoping.se/forening")
    own_body = main(public_client.get(url(directory, own.slug)))
    assert 'href="https://linkoping.se/forening">' in own_body


def test_W3_5_the_page_describes_the_association_as_a_schema_org_organization_safely(
    public_client, directory
):
    association = factories.association(
        name="Ryds IF </script><script>alert(1)</script>",
        website="https://www.rydsif.se/",
        phone="013-12 34 56",
    )
    association.slug = "ryds-if"
    association.save()
    factories.publish(association)

    body = public_client.get(url(directory, "ryds-if")).content.decode()

    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert len(scripts) == 1
    assert "<" not in scripts[0]
    data = json.loads(scripts[0])
    assert data["@type"] == "Organization"
    assert data["name"] == association.name
    assert data["url"] == "https://www.rydsif.se/"
    assert data["telephone"] == "013-12 34 56"
    assert data["location"]["name"] == "Rydsskolans gymnastiksal"
    assert "<script>alert(1)</script>" not in body


def test_W3_5_unknown_and_unpublished_associations_are_not_found(public_client, directory):
    draft = factories.association(name="Utkastföreningen", live=False)
    for path in (
        url(directory, "finns-inte"),
        url(directory, draft.slug),
        url(directory, draft.slug, "foresla-andring"),
        url(directory, "finns-inte", "foresla-andring", "tack"),
    ):
        assert public_client.get(path).status_code == 404, path
    response = public_client.post(
        url(directory, draft.slug, "foresla-andring"), proposal(draft, purpose="Nytt syfte.")
    )
    assert response.status_code == 404
    assert saved_counts(draft)[1:] == (0, 0)


def test_W3_5_only_the_live_version_is_shown_never_a_draft(public_client, directory):
    association = factories.association(name="Ryds IF")
    association.purpose = "Ett utkast som ingen har godkänt."
    association.save_revision()

    page = text(public_client.get(url(directory, association.slug)))
    overview = text(public_client.get(url(directory)))
    form = main(public_client.get(url(directory, association.slug, "foresla-andring")))

    for shown in (page, overview, form):
        assert "Ett utkast som ingen har godkänt." not in shown
    assert "Att ge barn och unga en meningsfull fritid." in page


# --- Proposing a change ----------------------------------------------------------------------


def test_W3_5_the_form_is_prefilled_with_the_live_values_and_accessible(public_client, directory):
    association = factories.association(name="Ryds IF", phone="013-12 34 56")
    response = public_client.get(url(directory, association.slug, "foresla-andring"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    body = main(response)
    assert "csrfmiddlewaretoken" in body
    assert body.count("<h1") == 1
    assert body.count("<fieldset>") == 2 and body.count("<legend>") == 2
    assert 'value="Rydsskolans gymnastiksal"' in body
    assert 'value="013-12 34 56"' in body
    assert "Att ge barn och unga en meningsfull fritid.</textarea>" in body
    # Every input the person sees has its label.
    for name in (*EDITABLE_FIELDS, "submitter_name", "submitter_email", "message"):
        assert f'<label for="id_{name}">' in body, name
    # The bot trap is hidden from everyone and labelled.
    trap = re.search(r'<div class="association-form__trap" hidden>(.*?)</div>', body, re.S)
    assert trap and '<label for="id_homepage">' in trap.group(1)
    assert 'tabindex="-1"' in trap.group(1)
    assert "Ingenting publiceras förrän ansvarig nämnd" in text_of(body)


def test_W3_5_a_proposal_becomes_a_draft_revision_in_the_workflow_and_nothing_is_published(
    public_client, directory
):
    association = factories.association(name="Ryds IF")
    before_row = row_snapshot(association)
    revisions, _, _ = saved_counts(association)

    response = propose(
        public_client,
        directory,
        association,
        purpose="Att ge barn och unga i Ryd en aktiv fritid.",
        meeting_place="Rydshallen, Rydsvägen 20",
        website="www.rydsif.se",
        message="Vi har flyttat till Rydshallen.",
    )

    assert response.status_code == 303
    thanks = url(directory, association.slug, "foresla-andring", "tack")
    assert response["Location"] == thanks
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    # A new draft revision with the proposed values, the live row as it was.
    assert saved_counts(association) == (revisions + 1, 1, 1)
    assert row_snapshot(association) == before_row
    association.refresh_from_db()
    assert association.live and association.has_unpublished_changes
    draft = association.get_latest_revision_as_object()
    assert draft.purpose == "Att ge barn och unga i Ryd en aktiv fritid."
    assert draft.meeting_place == "Rydshallen, Rydsvägen 20"
    assert draft.website == "https://www.rydsif.se"
    assert draft.contact_name == "Anna Berg"
    assert [a.name for a in draft.activities.all()] == ["Idrott"]
    # The change request points to it.
    change = ChangeRequest.objects.get(association=association)
    assert change.revision_id == association.latest_revision_id
    assert (change.submitter_name, change.submitter_email) == (
        "Karin Ek",
        "karin.ek@forening.example",
    )
    assert change.message == "Vi har flyttat till Rydshallen."
    # The workflow has it, with the committee's approval step waiting.
    state = in_progress_state(association)
    assert state.requested_by is None
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert type(state.current_task_state.task.specific).__name__ == "NearestAuthorisedApprovalTask"
    assert state.current_task_state.revision_id == association.latest_revision_id
    # The public pages show what was approved, not the proposal.
    for page in (
        public_client.get(url(directory, association.slug)),
        public_client.get(url(directory)),
    ):
        assert "Att ge barn och unga en meningsfull fritid." in text(page)
        assert "Rydshallen" not in text(page)
    answer = text(public_client.get(thanks))
    assert "Ingenting publiceras förrän ansvarig nämnd" in answer
    assert "Kultur- och fritidsförvaltningen" in answer


def test_W3_5_the_committees_head_editor_approves_and_is_told_by_email_after_the_commit(
    public_client, directory, smtp_inbox
):
    association = factories.association(name="Ryds IF")
    assert "huvudredaktor.kultur" in {user.username for user in approvers_for(page=association)}

    with after_commit():
        response = propose(public_client, directory, association, phone="013-12 34 56")
        assert response.status_code == 303
        assert smtp_inbox.messages == []  # on the task queue, after the commit

    to_head_editor = smtp_inbox.to("huvudredaktor.kultur@linkoping.se")
    assert to_head_editor
    assert "Ryds IF" in to_head_editor[-1].get_body().get_content()
    # Nobody outside the committee's administration is asked.
    assert not smtp_inbox.to("huvudredaktor.utbildning@linkoping.se")


def test_W3_5_approval_by_the_head_editor_publishes_the_proposal(
    client, public_client, directory, demo_user
):
    association = factories.association(name="Ryds IF")
    # Visitors have the pages as they were (and Navet's page cache keeps them).
    assert "Rydsskolans gymnastiksal" in text(public_client.get(url(directory, association.slug)))
    assert "Rydsskolans gymnastiksal" in text(public_client.get(url(directory)))
    propose(
        public_client,
        directory,
        association,
        purpose="Att ge barn och unga i Ryd en aktiv fritid.",
        meeting_place="Rydshallen",
    )
    state = in_progress_state(association).current_task_state

    client.force_login(demo_user("huvudredaktor.kultur"))
    # The approver finds the proposal in the admin.
    edit_url = AdminURLFinder(demo_user("huvudredaktor.kultur")).get_edit_url(association)
    assert client.get(edit_url).status_code == 200
    response = client.post(
        reverse(
            "wagtailsnippets_directories_association:workflow_action",
            args=[quote(association.pk), "approve", state.pk],
        ),
        {"comment": ""},
    )

    assert response.status_code == 302
    association.refresh_from_db()
    assert association.purpose == "Att ge barn och unga i Ryd en aktiv fritid."
    assert association.meeting_place == "Rydshallen"
    assert not association.has_unpublished_changes
    assert association.live_revision_id == ChangeRequest.objects.get().revision_id
    shown = text(public_client.get(url(directory, association.slug)))
    assert "Att ge barn och unga i Ryd en aktiv fritid." in shown
    assert "Rydshallen" in shown
    overview = text(public_client.get(url(directory)))
    assert "Rydshallen" in overview and "Rydsskolans gymnastiksal" not in overview


def test_W3_5_a_second_proposal_joins_the_workflow_under_way(public_client, directory):
    association = factories.association(name="Ryds IF")
    propose(public_client, directory, association, meeting_place="Rydshallen")
    first_state = in_progress_state(association)

    response = propose(
        public_client, directory, association, address="192.0.2.20", phone="013-12 34 56"
    )

    assert response.status_code == 303
    assert saved_counts(association)[1:] == (2, 1)  # two requests, one workflow
    state = in_progress_state(association)
    assert state.pk == first_state.pk
    association.refresh_from_db()
    # The approvers review what approval would publish: both proposals.
    assert state.current_task_state.revision_id == association.latest_revision_id
    latest = association.get_latest_revision_as_object()
    assert (latest.meeting_place, latest.phone) == ("Rydshallen", "013-12 34 56")


def test_W3_5_a_proposal_after_a_request_for_changes_goes_back_to_the_committee(
    client, public_client, directory, demo_user, smtp_inbox
):
    association = factories.association(name="Ryds IF")
    propose(public_client, directory, association, meeting_place="Rydshallen")
    task_state = in_progress_state(association).current_task_state
    client.force_login(demo_user("huvudredaktor.kultur"))
    client.post(
        reverse(
            "wagtailsnippets_directories_association:workflow_action",
            args=[quote(association.pk), "reject", task_state.pk],
        ),
        {"comment": "Vilken adress har Rydshallen?"},
    )
    state = WorkflowState.objects.get(object_id=str(association.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    with after_commit():
        response = propose(
            public_client,
            directory,
            association,
            address="192.0.2.30",
            meeting_place="Rydshallen, Rydsvägen 20",
        )

    assert response.status_code == 303
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert saved_counts(association)[1:] == (2, 1)
    association.refresh_from_db()
    assert state.current_task_state.revision_id == association.latest_revision_id
    assert smtp_inbox.to("huvudredaktor.kultur@linkoping.se")
    assert association.meeting_place == "Rydsskolans gymnastiksal"


HOSTILE = [
    ("purpose", "x" * 601, "högst 600 tecken"),
    ("activity_description", "x" * 1001, "högst 1000 tecken"),
    ("meeting_place", "x" * 201, "högst 200 tecken"),
    ("contact_name", "x" * 121, "högst 120 tecken"),
    ("phone", "1" * 41, "högst 40 tecken"),
    ("submitter_name", "x" * 121, "högst 120 tecken"),
    ("message", "x" * 2001, "högst 2000 tecken"),
    ("email", "inte en adress", "giltig e-postadress"),
    ("submitter_email", "karin@", "giltig e-postadress"),
    ("email", "info@forening.example\nBcc: alla@example.com", "på en rad"),
    ("website", "inte en webbadress", "giltig webbadress"),
    ("website", "https://" + "a" * 200 + ".se", "högst 200 tecken"),
    ("website", "javascript:alert(document.cookie)", "https://"),
    ("website", " JaVaScRiPt:alert(1)", "https://"),
    ("website", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "https://"),
    ("website", "https://linkoping.se@evil.example/", "användarnamn"),
    ("purpose", "Ett syfte\x00med nolltecken.", "osynliga kontrolltecknen"),
    ("purpose", "Ett syfte\x1b[31m i färg.", "osynliga kontrolltecknen"),
    ("contact_name", "Anna \u202eBerg", "kontrolltecken"),
    ("meeting_place", "Rydshallen\nVåning 2", "på en rad"),
    ("purpose", "<script>alert(1)</script>", "HTML-kod"),
    ("contact_name", "<b>Anna</b> Berg", "HTML-kod"),
    ("message", "Se <a href='https://evil.example'>här</a>", "HTML-kod"),
    ("phone", "ring mig", "siffror"),
    ("purpose", "", "Skriv föreningens syfte"),
    ("submitter_name", "", "Skriv ditt namn"),
]


@pytest.mark.parametrize(("field", "value", "message"), HOSTILE)
def test_W3_5_hostile_input_is_refused_with_a_message_and_nothing_is_saved(
    public_client, directory, field, value, message
):
    association = factories.association(name="Ryds IF")
    before, row = saved_counts(association), row_snapshot(association)

    response = propose(public_client, directory, association, **{field: value})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = main(response)
    assert message in text_of(body), text_of(body)
    # The summary first, its links to the fields; the field names its error.
    summary = body[body.index('class="error-summary"') : body.index("</div>")]
    assert f'href="#id_{field}"' in summary
    widget = re.search(rf'<(?:input|textarea)[^>]*name="{field}"[^>]*>', body).group(0)
    assert 'aria-invalid="true"' in widget
    assert f"id_{field}_error" in widget
    assert f'id="id_{field}_error"' in body
    assert response.content.decode().count("<title>Fel:") == 1
    assert saved_counts(association) == before
    assert row_snapshot(association) == row
    # What was typed is shown back as text, never as markup or control characters.
    assert "<script>alert(1)</script>" not in body
    assert "<b>Anna</b>" not in body
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202e]", response.content.decode())


def test_W3_5_a_filled_in_bot_trap_or_no_change_at_all_is_refused(public_client, directory):
    association = factories.association(name="Ryds IF")
    before = saved_counts(association)

    bot = propose(
        public_client, directory, association, homepage="https://spam.example", phone="0701234"
    )
    unchanged = propose(public_client, directory, association)
    nothing_to_reach = propose(public_client, directory, association, email="", phone="")

    assert "fält som människor inte ser" in text(bot)
    assert "https://spam.example" not in bot.content.decode()
    assert "Du har inte ändrat något" in text(unchanged)
    assert "e-postadress eller ett telefonnummer" in text(nothing_to_reach)
    for response in (bot, unchanged, nothing_to_reach):
        assert response.status_code == 200
        assert 'class="error-summary"' in response.content.decode()
    assert saved_counts(association) == before


def test_W3_5_the_form_needs_its_csrf_token(directory):
    association = factories.association(name="Ryds IF")
    client = Client(enforce_csrf_checks=True, HTTP_HOST=settings.NAVET_PUBLIC_HOST)
    before = saved_counts(association)
    form_url = url(directory, association.slug, "foresla-andring")

    refused = client.post(form_url, proposal(association, phone="013-12 34 56"))
    assert refused.status_code == 403
    assert saved_counts(association) == before

    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(form_url).content.decode()
    ).group(1)
    accepted = client.post(
        form_url, {**proposal(association, phone="013-12 34 56"), "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code == 303


def test_W3_5_at_most_five_proposals_an_hour_from_one_address(public_client, directory):
    associations = [factories.association(name=f"Förening {n}") for n in "ABCDEF"]
    for association in associations[:5]:
        assert propose(public_client, directory, association, phone="013-111111").status_code == 303

    last = associations[5]
    before = saved_counts(last)
    response = propose(public_client, directory, last, phone="013-111111")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "no-store" in response["Cache-Control"]
    assert "Vänta en timme" in text(response)
    assert "Ditt förslag har inte sparats" in text(response)
    assert saved_counts(last) == before
    # Another address may still propose.
    other = propose(public_client, directory, last, address="192.0.2.99", phone="013-111111")
    assert other.status_code == 303


def test_W3_5_at_most_three_proposals_an_hour_for_one_association(public_client, directory):
    association = factories.association(name="Ryds IF")
    for number in range(3):
        response = propose(
            public_client,
            directory,
            association,
            address=f"198.51.100.{number + 1}",
            phone=f"013-20 00 0{number}",
        )
        assert response.status_code == 303
    before = saved_counts(association)

    response = propose(
        public_client, directory, association, address="198.51.100.50", phone="013-99 99 99"
    )

    assert response.status_code == 429
    assert "Ryds IF har fått flera förslag" in text(response)
    assert saved_counts(association) == before


def test_W3_5_other_methods_are_not_allowed(public_client, directory):
    association = factories.association(name="Ryds IF")
    assert public_client.post(url(directory, association.slug)).status_code == 405
    assert public_client.put(url(directory, association.slug, "foresla-andring")).status_code == 405


def test_W3_5_a_preview_of_the_directory_page_shows_the_overview(directory):
    factories.association(name="Ryds IF")
    directory.intro = "Ett utkast till ingress."

    response = directory.make_preview_request()

    assert response.status_code == 200
    page = text(response)
    assert "Ett utkast till ingress." in page
    assert "Ryds IF" in page
