"""W3.3d: a clear sender is required to publish; every page has a review date; overdue
pages are reported per unit and their owners and head editors are reminded by email."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from navet.editorial.models import ReviewReminder
from navet.editorial.selectors import overdue_pages
from navet.editorial.services import add_months, send_review_reminders
from navet.organisation.models import Unit
from navet.web.models import ContentPage

pytestmark = pytest.mark.django_db


def new_content_page(*, unit_name="Socialförvaltningen", owner=None, **fields):
    section = Unit.objects.get(name=unit_name).public_section
    page = ContentPage(title="Granskas", slug="granskas", live=False, owner=owner, **fields)
    section.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def test_W3_3d_publishing_without_a_sender_is_refused(demo_user):
    page = new_content_page()
    # Neither the page nor anything above it names a unit.
    for ancestor in page.get_ancestors().specific():
        if hasattr(ancestor, "owning_unit_id"):
            type(ancestor).objects.filter(pk=ancestor.pk).update(owning_unit=None)
    type(page).objects.filter(pk=page.pk).update(owning_unit=None)
    page.refresh_from_db()
    page.owning_unit = None
    with pytest.raises(ValidationError) as refused:
        page.save_revision().publish()
    assert "W3.3d" in str(refused.value)
    assert not ContentPage.objects.get(pk=page.pk).live


def test_W3_3d_a_sender_without_any_contact_is_refused(demo_user):
    unit = Unit.objects.get(name="Kommunstyrelsen")  # no email, no phone
    page = new_content_page(owning_unit=unit)
    with pytest.raises(ValidationError) as refused:
        page.get_latest_revision().publish()
    assert "W3.3d" in str(refused.value)
    assert "Kommunstyrelsen" in str(refused.value)


def test_W3_3d_the_publish_form_names_the_missing_sender(client, demo_user):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    client.force_login(demo_user("infomaster"))
    section = Unit.objects.get(name="Socialförvaltningen").public_section
    board = Unit.objects.get(name="Kommunstyrelsen")
    response = client.post(
        f"/admin/pages/add/web/contentpage/{section.pk}/",
        nested_form_data(
            {
                "title": "Utan kontakt",
                "slug": "utan-kontakt",
                "intro": "",
                "body": streamfield([]),
                "owning_unit": board.pk,
                "contact": "",
                "review_by": "",
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 200
    assert "W3.3d" in response.content.decode()
    assert not ContentPage.objects.filter(title="Utan kontakt").exists()


def test_W3_3d_publishing_sets_the_review_date_twelve_months_ahead(demo_user):
    page = new_content_page()
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.review_by == add_months(timezone.localdate(), 12)


def test_W3_3d_a_section_may_set_its_own_review_interval(demo_user):
    section = Unit.objects.get(name="Socialförvaltningen").public_section.specific
    section.review_interval_months = 6
    section.save()
    page = new_content_page()
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.review_by == add_months(timezone.localdate(), 6)


def test_W3_3d_republishing_an_overdue_page_counts_as_review():
    page = ContentPage.objects.get(title="Familjerådgivning")
    assert page.review_by < timezone.localdate()
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.review_by > timezone.localdate()
    assert page not in overdue_pages()


def test_add_months_handles_short_months():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 30), 12) == datetime.date(2027, 11, 30)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)


def test_W3_3d_overdue_report_lists_pages_per_unit(client, demo_user):
    client.force_login(demo_user("kommunikationsdirektor"))
    response = client.get("/admin/reports/granska/")
    assert response.status_code == 200
    content = response.content.decode()
    for title in ("Skollunch och specialkost", "Familjerådgivning", "Handläggningstider"):
        assert title in content
    assert "Ansök om plats i förskola" not in content

    social = Unit.objects.get(name="Socialförvaltningen")
    filtered = client.get("/admin/reports/granska/", {"unit": social.pk}).content.decode()
    assert "Familjerådgivning" in filtered
    assert "Skollunch och specialkost" not in filtered


def test_W3_3d_overdue_report_exports_csv_for_the_web_council(client, demo_user):
    client.force_login(demo_user("infomaster"))
    response = client.get("/admin/reports/granska/", {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, *data = rows
    assert header[:3] == ["Sida", "Enhet", "Granska senast"]
    assert {row[0] for row in data} == {
        "Skollunch och specialkost",
        "Familjerådgivning",
        "Handläggningstider",
    }
    assert data[[r[0] for r in data].index("Familjerådgivning")][:2] == [
        "Familjerådgivning",
        "Socialförvaltningen",
    ]


def test_W3_3d_reminders_go_to_owner_and_head_editor_by_smtp(smtp_inbox, demo_user):
    page = ContentPage.objects.get(title="Familjerådgivning")
    author = demo_user("forfattare.social")
    ContentPage.objects.filter(pk=page.pk).update(owner=author)

    call_command("send_review_reminders")

    head_editor = smtp_inbox.to("huvudredaktor.social@linkoping.se")
    owner = smtp_inbox.to("forfattare.social@linkoping.se")
    assert head_editor and owner
    body = owner[0].get_body().get_content()
    assert "Familjerådgivning" in body
    assert f"/admin/pages/{page.pk}/edit/" in body
    assert "W3.3d" in body


def test_W3_3d_reminders_repeat_weekly_until_reviewed(smtp_inbox):
    page = ContentPage.objects.get(title="Familjerådgivning")
    first = send_review_reminders()
    assert first > 0
    assert send_review_reminders() == 0, "not again within a week"

    ReviewReminder.objects.filter(page=page).update(
        sent_at=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    before = len(smtp_inbox.messages)
    send_review_reminders()
    assert any(
        "Familjerådgivning" in m.get_body().get_content() for m in smtp_inbox.messages[before:]
    )

    page.save_revision().publish()  # reviewed
    ReviewReminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    before = len(smtp_inbox.messages)
    send_review_reminders()
    assert not any(
        "Familjerådgivning" in m.get_body().get_content() for m in smtp_inbox.messages[before:]
    )
