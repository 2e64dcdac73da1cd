"""W3.3c: every news item has a short ingress that states the essential."""

import pytest
from django.core.exceptions import ValidationError

from navet.editorial.models import EditorialSettings
from navet.web.models import NewsPage

from .helpers import create_news, draft_news, section_news_index

pytestmark = pytest.mark.django_db


def test_W3_3c_publishing_without_ingress_is_refused_in_swedish(client, demo_user):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    index = section_news_index("Utbildningsförvaltningen")
    response = create_news(client, index, title="Nyhet utan ingress", action="action-publish")

    assert response.status_code == 200
    content = response.content.decode()
    assert "måste ha en ingress" in content
    assert "W3.3c" in content
    assert 'value="Nyhet utan ingress"' in content, "the editor's input must be kept"
    assert not NewsPage.objects.filter(title="Nyhet utan ingress").exists()


def test_W3_3c_submitting_for_approval_without_ingress_is_refused(client, demo_user):
    client.force_login(demo_user("forfattare.utbildning"))
    index = section_news_index("Utbildningsförvaltningen")
    response = create_news(client, index, title="Inskickad utan ingress", action="action-submit")
    assert response.status_code == 200
    assert "W3.3c" in response.content.decode()
    assert not NewsPage.objects.filter(title="Inskickad utan ingress").exists()


def test_W3_3c_a_draft_may_lack_an_ingress_for_now(client, demo_user):
    client.force_login(demo_user("forfattare.utbildning"))
    index = section_news_index("Utbildningsförvaltningen")
    response = create_news(client, index, title="Utkast utan ingress")
    assert response.status_code == 302
    page = NewsPage.objects.get(title="Utkast utan ingress")
    assert not page.live


def test_W3_3c_ingress_longer_than_the_limit_is_refused(client, demo_user):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    index = section_news_index("Utbildningsförvaltningen")
    response = create_news(
        client, index, title="Lång ingress", ingress="Ord " * 80, action="action-publish"
    )
    assert response.status_code == 200
    assert "högst 300" in response.content.decode()


def test_W3_3c_the_infomaster_sets_the_limit(client, demo_user):
    settings = EditorialSettings.load()
    settings.ingress_max_length = 100
    settings.save()
    client.force_login(demo_user("huvudredaktor.utbildning"))
    index = section_news_index("Utbildningsförvaltningen")
    response = create_news(
        client, index, title="Medellång ingress", ingress="x" * 150, action="action-publish"
    )
    assert "högst 100" in response.content.decode()

    client.force_login(demo_user("infomaster"))
    url = "/admin/settings/editorial/editorialsettings/"
    assert "Längsta ingress" in client.get(url, follow=True).content.decode()
    client.force_login(demo_user("huvudredaktor.utbildning"))
    response = client.get(url, follow=True)
    assert "Längsta ingress" not in response.content.decode()


def test_W3_3c_publishing_with_a_good_ingress_goes_live(client, demo_user):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    index = section_news_index("Utbildningsförvaltningen")
    response = create_news(
        client,
        index,
        title="Nyhet med ingress",
        ingress="Skolorna stänger en timme tidigare på fredag.",
        action="action-publish",
    )
    assert response.status_code == 302
    assert NewsPage.objects.get(title="Nyhet med ingress").live


def test_W3_3c_no_code_path_publishes_news_without_ingress(demo_user):
    index = section_news_index("Utbildningsförvaltningen")
    page = draft_news(index, title="Via kod", ingress="", owner=demo_user("infomaster"))
    with pytest.raises(ValidationError) as refused:
        page.get_latest_revision().publish()
    assert "W3.3c" in str(refused.value)
    page.refresh_from_db()
    assert not page.live


def test_W3_3c_ingress_is_shown_first_and_in_news_lists(public_client):
    news = NewsPage.objects.live().public().filter(priority=2).first()
    page = public_client.get(news.get_url_parts()[2]).content.decode()
    assert page.index(news.ingress) < page.index('class="body"')
    listing = public_client.get(news.get_parent().get_url_parts()[2]).content.decode()
    assert news.ingress in listing
