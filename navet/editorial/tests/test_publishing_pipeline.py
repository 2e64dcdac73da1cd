"""One publishing pipeline (W3.3, W3.7): the checks first, then one publish, then what
follows from it after the commit. The review date (W3.3d) is part of the published
revision; the language review (W3.3e) runs once per publish; other apps add their checks
to editorial's registry."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail import hooks

from navet.editorial.checks import HOOK, publishing_problems
from navet.editorial.services import add_months
from navet.language import engine, services
from navet.web.models import ContentPage, NewsPage

from .helpers import after_commit, create_news, draft_news, section_news_index

pytestmark = pytest.mark.django_db


def test_W3_3d_the_review_date_is_in_the_published_revision(client, demo_user):
    page = ContentPage.objects.live().get(title="Ekonomiskt bistånd")
    ContentPage.objects.filter(pk=page.pk).update(review_by=None)
    page.refresh_from_db()
    revision = page.save_revision()
    revision.publish()

    due = add_months(timezone.localdate(), 12)
    page.refresh_from_db()
    assert page.review_by == due
    assert page.live_revision.content["review_by"] == due.isoformat()
    client.force_login(demo_user("huvudredaktor.social"))
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f'value="{due.isoformat()}"' in editor


def test_W3_3d_a_future_review_date_is_kept(demo_user):
    page = ContentPage.objects.live().get(title="Ekonomiskt bistånd")
    later = timezone.localdate() + datetime.timedelta(days=40)
    draft = page.get_latest_revision_as_object()
    draft.review_by = later
    draft.save_revision().publish()
    page.refresh_from_db()
    assert page.review_by == later


def test_W3_3e_the_language_review_runs_once_per_publish(client, demo_user, monkeypatch):
    calls = []
    real_review = engine.review

    def counting(*args, **kwargs):
        calls.append(1)
        return real_review(*args, **kwargs)

    monkeypatch.setattr(engine, "review", counting)
    services._review.cache_clear()
    client.force_login(demo_user("huvudredaktor.utbildning"))
    index = section_news_index("Utbildningsförvaltningen")
    response = create_news(
        client,
        index,
        title="Skolstart i augusti",
        ingress="Skolan börjar den 18 augusti.",
        action="action-publish",
    )
    assert response.status_code == 302
    assert NewsPage.objects.get(title="Skolstart i augusti").live
    assert len(calls) == 1


def test_W3_3c_a_refused_page_is_never_half_published(demo_user):
    index = section_news_index("Utbildningsförvaltningen", site="intranet")
    page = draft_news(index, title="Utan ingress", ingress="", also_public=True)
    with after_commit(), pytest.raises(ValidationError):
        page.get_latest_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.live_revision is None and page.review_by is None
    assert not NewsPage.objects.filter(internal_original=page).exists()


def test_other_apps_add_their_checks_to_the_registry(demo_user):
    def no_tuesdays(page, *, parent, publishing):
        return (
            [("X1", "title", "Inget publiceras med ordet tisdag.")]
            if "tisdag" in page.title
            else []
        )

    page = ContentPage.objects.live().get(title="Ekonomiskt bistånd")
    draft = page.get_latest_revision_as_object()
    draft.title = "Öppet på tisdag"
    with hooks.register_temporarily(HOOK, no_tuesdays):
        assert [problem.rule for problem in publishing_problems(draft)] == ["X1"]
        with pytest.raises(ValidationError) as refused:
            draft.save_revision().publish()
    assert "X1" in str(refused.value)
    assert publishing_problems(draft) == []


def test_W3_3e_language_errors_are_registered_as_a_publishing_check():
    assert services.publishing_errors in hooks.get_hooks(HOOK)
