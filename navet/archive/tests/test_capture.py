"""W3.7 archiving: every published version of a page of either site, or of a register entry,
is captured after the commit into a WARC 1.1 file holding what its readers were served –
the HTML, its stylesheets and images – and a metadata record naming the page, the revision,
the publisher and the retention decision. Capturing never breaks publishing; a failure is
retried and recorded."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from navet.archive.capture import reader_account
from navet.archive.models import Capture, CaptureStatus
from navet.archive.services import capture_live
from navet.directories.models import Provider
from navet.editorial.tests.helpers import after_commit
from navet.web.models import Audience, ContentPage, StartPage

from .helpers import latest_capture, publish, stored, warc_path, warcio_check

pytestmark = pytest.mark.django_db

PRESCHOOL = "Ansök om plats i förskola"


def preschool_page():
    return ContentPage.objects.get(title=PRESCHOOL, locale__language_code="sv")


def test_w3_7_a_publish_is_captured_after_the_commit_not_during_it(demo_user):
    page = preschool_page()
    editor = demo_user("redaktor.utbildning")
    with after_commit():
        page.intro = "Ny text om förskoleplatser i Linköping."
        page.save_revision(user=editor).publish(user=editor)
        waiting = latest_capture(page)
        # Publishing only noted the version: nothing rendered, nothing written yet.
        assert waiting.status == CaptureStatus.PENDING and not waiting.warc_file
    record = latest_capture(page)
    page.refresh_from_db()
    assert record.status == CaptureStatus.CAPTURED
    assert record.revision_id == page.live_revision_id


def test_w3_7_a_page_scheduled_for_later_is_captured_when_it_goes_live_not_before(demo_user):
    """An embargo: nobody read the page before its time, so there is nothing to archive."""
    parent = preschool_page().get_parent()
    editor = demo_user("redaktor.utbildning")
    page = ContentPage(
        title="Nya förskolor öppnar",
        intro="Tre nya förskolor öppnar i höst.",
        owning_unit=parent.specific.owning_unit,
        go_live_at=timezone.now() + datetime.timedelta(hours=1),
    )
    parent.add_child(instance=page)
    with after_commit():
        page.save_revision(user=editor).publish(user=editor)
    assert latest_capture(page) is None
    # Its time has come: Wagtail's scheduled publishing puts it live.
    revision = page.latest_revision
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    with after_commit():
        call_command("publish_scheduled")
    assert latest_capture(page).status == CaptureStatus.CAPTURED


def test_w3_7_a_capture_holds_what_readers_saw_and_validates(demo_user):
    page = preschool_page()
    editor = demo_user("redaktor.utbildning")
    page.intro = "Ansök om plats senast fyra månader i förväg."
    publish(page, editor)
    record = latest_capture(page)
    assert record.publisher == editor
    assert record.site == "public" and record.url == page.full_url
    assert record.decision.reference == "KS 2023-0412"

    check = warcio_check(warc_path(record))
    assert check.returncode == 0, check.stdout + check.stderr

    archived = stored(record)
    served = Client(HTTP_HOST=settings.NAVET_PUBLIC_HOST).get(page.url)
    main = archived.responses[page.full_url]
    assert main.status == 200
    assert "Ansök om plats senast fyra månader i förväg." in main.body.decode()
    # Readers were served the same page and the same stylesheets and images.
    assert main.body.decode().count("<img") == served.content.decode().count("<img")
    kinds = {stored.content_type.split(";")[0] for stored in archived.responses.values()}
    assert "text/css" in kinds
    assert any(kind.startswith("image/") for kind in kinds)

    metadata = archived.metadata
    assert metadata["page_id"] == page.pk
    assert metadata["revision_id"] == page.live_revision_id
    assert metadata["publisher"] == (editor.get_full_name() or editor.username)
    assert metadata["retention_decision"]["reference"] == "KS 2023-0412"


def test_w3_7_the_previous_version_is_replaced_when_a_new_one_is_published(demo_user):
    page = preschool_page()
    editor = demo_user("redaktor.utbildning")
    publish(page, editor)
    first = latest_capture(page)
    publish(page, editor)
    first.refresh_from_db()
    assert first.superseded_at is not None
    assert latest_capture(page).superseded_at is None


def test_w3_7_an_unpublished_or_deleted_pages_archive_stays_and_its_time_starts(demo_user):
    page = preschool_page()
    publish(page, demo_user("redaktor.utbildning"))
    record = latest_capture(page)
    page.unpublish()
    record.refresh_from_db()
    assert record.superseded_at is not None
    Capture.objects.filter(pk=record.pk).update(superseded_at=None)
    page.delete()
    record.refresh_from_db()
    assert record.superseded_at is not None and record.page_id is None
    assert record.title == PRESCHOOL and warc_path(record).exists()


def test_w3_7_an_intranet_capture_holds_only_what_an_employee_without_rights_sees(demo_user):
    intranet = StartPage.main(Audience.INTRANET)
    page = ContentPage.objects.descendant_of(intranet).filter(live=True).first()
    head_editor = demo_user("infomaster")
    publish(page, head_editor)
    record = latest_capture(page)
    assert record.status == CaptureStatus.CAPTURED, record.error
    assert record.site == "intranet"
    # The reader: active, without any role, group, permission or password.
    reader = reader_account()
    assert reader.is_active and not reader.is_staff and not reader.is_superuser
    assert not reader.groups.exists() and not reader.has_usable_password()
    assert not reader.has_perm("wagtailadmin.access_admin")
    # Every stored answer is what a plain employee gets at the same address.
    employee = Client(HTTP_HOST=settings.NAVET_INTRANET_HOST)
    employee.force_login(demo_user("medarbetare"))
    archived = stored(record)
    html = archived.responses[record.url].body.decode()
    assert page.title in html
    assert "infomaster" not in html and "/admin/" not in html
    for uri, answer in archived.responses.items():
        assert employee.get(urlsplit(uri).path).status_code == answer.status, uri


def test_w3_7_a_page_the_employee_may_not_see_is_not_archived_with_its_content(demo_user):
    intranet = StartPage.main(Audience.INTRANET)
    page = ContentPage.objects.descendant_of(intranet).filter(live=True).first()
    managers = Group.objects.create(name="Bara chefer")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(managers)
    publish(page, demo_user("infomaster"))
    record = latest_capture(page)
    assert record.status == CaptureStatus.FAILED
    assert "answered with an error" in record.error
    assert not record.warc_file


def test_w3_7_a_failed_capture_is_retried_recorded_and_never_breaks_publishing(
    demo_user, settings, tmp_path
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the archive should be")
    settings.NAVET_ARCHIVE_ROOT = str(blocked)
    page = preschool_page()
    page.intro = "Publiceras trots att arkivet inte går att skriva."
    publish(page, demo_user("redaktor.utbildning"))
    page.refresh_from_db()
    assert page.live and page.intro.startswith("Publiceras trots")
    record = latest_capture(page)
    assert record.status == CaptureStatus.FAILED
    assert record.attempts == 4  # the first try and three retries
    assert record.error

    settings.NAVET_ARCHIVE_ROOT = str(tmp_path / "archive")
    from navet.archive.tasks import capture_published_version

    capture_published_version.call(record.pk)
    record.refresh_from_db()
    assert record.status == CaptureStatus.CAPTURED and not record.error


def test_w3_7_a_register_entry_is_captured_with_the_pages_that_show_it(demo_user):
    provider = Provider.objects.filter(live=True).first()
    publish(provider, demo_user("huvudredaktor.social"))
    record = Capture.objects.for_object(provider).latest("pk")
    assert record.status == CaptureStatus.CAPTURED, record.error
    assert record.decision.reference == "KS 2024-0051"
    archived = stored(record)
    assert record.url in archived.responses
    assert provider.name in archived.responses[record.url].body.decode()
    check = warcio_check(warc_path(record))
    assert check.returncode == 0, check.stdout


def test_w3_7_capture_site_archives_what_was_published_before_the_archive(tmp_path, settings):
    settings.NAVET_ARCHIVE_ROOT = str(tmp_path)
    page = preschool_page()
    Capture.objects.filter(page=page).delete()
    record = capture_live(obj=page)
    assert record.status == CaptureStatus.CAPTURED
    assert record.revision_id == page.live_revision_id
    # Once is enough: the same live version is not captured again.
    assert capture_live(obj=page).pk == record.pk
