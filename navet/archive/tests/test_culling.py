"""W3.7 culling: a report of what is due under its retention decision; culling by the
infomaster or the unit's head editor removes the captures and the old revisions, and is
logged; nothing is culled without a decision that allows it."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision

from navet.archive.capture import archive_root
from navet.archive.models import Capture
from navet.archive.selectors import due_for_culling
from navet.archive.services import NoDecisionAllowsCulling, cull
from navet.demo.archive import NEWS_DUE_FOR_CULLING
from navet.web.models import NewsPage

pytestmark = pytest.mark.django_db


def due_news_capture():
    page = NewsPage.objects.get(title=NEWS_DUE_FOR_CULLING)
    return page, Capture.objects.filter(page=page).order_by("published_at").first()


def test_w3_7_the_report_lists_what_is_due_under_its_decision(client, demo_user):
    page, record = due_news_capture()
    infomaster = demo_user("infomaster")
    assert record in due_for_culling(user=infomaster)
    # The current version is not replaced: never due.
    current = Capture.objects.filter(page=page).order_by("published_at").last()
    assert current not in due_for_culling(user=infomaster)
    client.force_login(infomaster)
    html = client.get(reverse("navet_archive_culling")).content.decode()
    assert NEWS_DUE_FOR_CULLING in html and "KS 2023-0413" in html


def test_w3_7_culling_removes_the_capture_its_file_and_old_revisions_and_is_logged(
    client, demo_user
):
    page, record = due_news_capture()
    path = archive_root() / record.warc_file
    assert path.exists()
    revision_id = record.revision_id
    client.force_login(demo_user("infomaster"))
    from navet.editorial.tests.helpers import after_commit

    with after_commit():
        response = client.post(reverse("navet_archive_cull"), {"capture": [record.pk]})
    assert response.status_code == 302
    assert not Capture.objects.filter(pk=record.pk).exists()
    assert not Revision.objects.filter(pk=revision_id).exists()
    assert not path.exists()
    page.refresh_from_db()
    assert page.live and Revision.objects.filter(pk=page.live_revision_id).exists()
    entry = PageLogEntry.objects.get(page=page, action="navet_archive.cull")
    assert entry.user == demo_user("infomaster")
    assert entry.data["decision"] == "KS 2023-0413"


def test_w3_7_nothing_is_culled_without_a_decision_that_allows_it(demo_user):
    _page, record = due_news_capture()
    infomaster = demo_user("infomaster")
    record.decision = None
    with pytest.raises(NoDecisionAllowsCulling):
        cull(records=[record], user=infomaster)
    _page, record = due_news_capture()
    record.decision.keep_forever, record.decision.cull_after_years = True, None
    with pytest.raises(NoDecisionAllowsCulling):
        cull(records=[record], user=infomaster)
    assert Capture.objects.filter(pk=record.pk).exists()


def test_w3_7_a_version_is_not_culled_before_its_time(client, demo_user):
    page, _record = due_news_capture()
    current = Capture.objects.filter(page=page).order_by("published_at").last()
    client.force_login(demo_user("infomaster"))
    response = client.post(reverse("navet_archive_cull"), {"capture": [current.pk]}, follow=True)
    assert "får inte gallras" in response.content.decode()
    assert Capture.objects.filter(pk=current.pk).exists()


def test_w3_7_only_the_right_roles_cull(client, demo_user):
    _page, record = due_news_capture()
    # Editors may not cull at all; another administration's head editor not this one.
    client.force_login(demo_user("redaktor.utbildning"))
    refused = client.post(reverse("navet_archive_cull"), {"capture": [record.pk]})
    assert refused.status_code in (302, 403) and refused.get("Location") != "/admin/arkiv/gallring/"
    client.force_login(demo_user("huvudredaktor.social"))
    response = client.post(reverse("navet_archive_cull"), {"capture": [record.pk]}, follow=True)
    assert "tillhör en annan enhet" in response.content.decode()
    assert Capture.objects.filter(pk=record.pk).exists()


def test_w3_7_the_head_editor_of_the_pages_administration_culls_it(demo_user):
    _page, record = due_news_capture()
    head_editor = demo_user("huvudredaktor.kommunledning")
    assert record in due_for_culling(user=head_editor)
    assert record not in due_for_culling(user=demo_user("huvudredaktor.social"))
    assert cull(records=[record], user=head_editor) == 1
    assert not Capture.objects.filter(pk=record.pk).exists()
