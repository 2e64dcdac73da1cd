"""W3.3a: what is important for many is prioritised on the start pages."""

import datetime

import pytest
from django.utils import timezone

from navet.web.models import NewsPage, Priority, StartPage
from navet.web.selectors import news_for_start_page

from .helpers import draft_news, section_news_index

pytestmark = pytest.mark.django_db


def publish(index, *, title, days_ago, priority, user):
    page = draft_news(
        index,
        title=title,
        owner=user,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        priority=priority,
    )
    page.get_latest_revision().publish(user=user)
    return page


def start_page_titles(client):
    return [news.title for news in client.get("/").context["latest_news"]]


def test_W3_3a_important_news_comes_first_then_by_date(public_client, demo_user):
    user = demo_user("huvudredaktor.utbildning")
    index = section_news_index("Utbildningsförvaltningen")
    publish(index, title="Låg idag", days_ago=0, priority=Priority.LOW, user=user)
    publish(index, title="Viktig för fem dagar sedan", days_ago=5, priority=1, user=user)
    publish(index, title="Normal igår", days_ago=1, priority=Priority.NORMAL, user=user)

    titles = start_page_titles(public_client)
    assert titles.index("Viktig för fem dagar sedan") < titles.index("Normal igår")
    assert titles.index("Normal igår") < titles.index("Låg idag")


def test_W3_3a_old_important_news_does_not_stay_on_top(public_client, demo_user):
    user = demo_user("huvudredaktor.utbildning")
    index = section_news_index("Utbildningsförvaltningen")
    publish(index, title="Viktig men gammal", days_ago=60, priority=1, user=user)
    publish(index, title="Normal och färsk", days_ago=0, priority=Priority.NORMAL, user=user)
    start = StartPage.main("public")
    ordered = [n.title for n in news_for_start_page(start=start, window_days=14)]
    assert ordered.index("Normal och färsk") < ordered.index("Viktig men gammal")
    older_than_window = list(news_for_start_page(start=start, window_days=14))[-3:]
    assert "Viktig men gammal" in [n.title for n in older_than_window]


def test_W3_3a_infomaster_top_news_is_shown_first(public_client):
    start = StartPage.main("public")
    response = public_client.get("/")
    assert response.context["top_news"] == start.top_news
    content = response.content.decode()
    assert content.index(start.top_news.title) < content.index('class="news-list"')
    assert start.top_news not in list(response.context["latest_news"])


def test_W3_3a_unpublished_top_news_is_not_shown(public_client):
    start = StartPage.main("public")
    start.top_news.unpublish()
    assert not public_client.get("/").context["top_news"]


def test_W3_3a_priority_is_marked_in_lists(public_client):
    important = NewsPage.objects.live().public().filter(priority=1).first()
    content = public_client.get("/").content.decode()
    assert important.title in content
    assert "news-list__item--important" in content


def test_W3_3a_public_start_page_cannot_feature_intranet_news(public_client):
    from django.core.exceptions import ValidationError

    start = StartPage.main("public")
    intranet_news = NewsPage.objects.descendant_of(StartPage.main("intranet")).first()
    start.top_news = intranet_news
    with pytest.raises(ValidationError) as refused:
        start.full_clean()
    assert "top_news" in refused.value.message_dict

    # Even if stored some other way, it is never shown.
    StartPage.objects.filter(pk=start.pk).update(top_news=intranet_news)
    response = public_client.get("/")
    assert not response.context["top_news"]
    assert intranet_news.title not in response.content.decode()
