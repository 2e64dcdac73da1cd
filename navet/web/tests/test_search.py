"""Search on each site at /sok/?q=…: Swedish stems ("skolor" finds "skola"), title, summary
and sender in the results, pages of results; the public search never returns intranet
content and the intranet's needs login (W3.2); hostile queries never give a 5xx."""

import pytest
from django.utils.text import slugify

from navet.organisation.models import Unit
from navet.web.models import ContentPage
from navet.web.search import clean_query, stem

pytestmark = pytest.mark.django_db


def result_titles(response):
    return [page.title for page in response.context["results"]]


def test_swedish_stems():
    assert stem("skolor") == stem("skola") == stem("skolorna")
    assert stem("förskolorna") == stem("förskola")
    assert stem("bidragen") == stem("bidrag")


def test_W3_3e_skolor_finds_a_page_that_only_says_skola(public_client):
    section = Unit.objects.get(name="Utbildningsförvaltningen").public_section
    page = ContentPage(title="Vår skola i Berga", slug="berga", intro="En skola nära naturen.")
    section.add_child(instance=page)
    page.save_revision().publish()

    response = public_client.get("/sok/", {"q": "skolor"})
    assert response.status_code == 200
    assert "Vår skola i Berga" in result_titles(response)


def test_results_show_title_summary_and_sender(public_client):
    response = public_client.get("/sok/", {"q": "förskola"})
    content = response.content.decode()
    page = ContentPage.objects.get(title="Ansök om plats i förskola")
    assert page.title in result_titles(response)
    assert page.intro in content
    assert "Avsändare: Utbildningsförvaltningen" in content
    assert 'role="search"' in content


def test_results_are_paginated(public_client):
    section = Unit.objects.get(name="Kultur- och fritidsförvaltningen").public_section
    for number in range(13):
        page = ContentPage(title=f"Simhall nummer {number}", slug=f"simhall-{number}")
        section.add_child(instance=page)
        page.save_revision().publish()
    first = public_client.get("/sok/", {"q": "simhall"})
    assert first.context["results"].paginator.count == 13
    assert len(first.context["results"]) == 10
    second = public_client.get("/sok/", {"q": "simhall", "sida": "2"})
    assert len(second.context["results"]) == 3
    assert 'rel="next"' in first.content.decode()


def test_W3_2_public_search_never_returns_intranet_content(public_client):
    # Words that only intranet pages use.
    for query in ("planeringsdagar", "verksamhetssystem", "ferietjänst", "Linweb"):
        response = public_client.get("/sok/", {"q": query})
        assert response.status_code == 200
        for page in response.context["results"]:
            assert not page.get_view_restrictions().exists(), (query, page.title)
            assert "intranat" not in page.url_path


def test_W3_2_intranet_search_requires_login_and_finds_intranet_pages(intranet_client, demo_user):
    anonymous = intranet_client.get("/sok/", {"q": "planeringsdagar"})
    assert anonymous.status_code == 302
    assert anonymous.url.startswith("/logga-in/")

    intranet_client.force_login(demo_user("medarbetare"))
    response = intranet_client.get("/sok/", {"q": "planeringsdagar"})
    assert "Planeringsdagar inför vårterminen" in result_titles(response)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"skola',
        "((skola",
        "skola)) OR",
        "AND OR NOT",
        "* ? ^ ~ : -",
        "x" * 2000,
        "skola " * 400,
        "\x00\x01\x1b[31m skola \x7f",
        "'; DROP TABLE wagtailcore_page; --",
        "<script>alert(1)</script>",
        "🙂 ÅÄÖ ﷺ",
        "",
        "   ",
    ],
)
def test_hostile_queries_never_fail(public_client, query):
    response = public_client.get("/sok/", {"q": query, "sida": "x"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_query_cleaning_keeps_words_only():
    visible, stems = clean_query('  "Skolor" AND (lov\x00)  ' + "y" * 3000)
    assert stems[:3] == [stem("Skolor"), stem("AND"), stem("lov")]
    assert len(visible) <= 200
    assert "\x00" not in visible


def test_postgresql_search_uses_the_swedish_configuration():
    from django.conf import settings
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "swedish"
    if connection.vendor == "postgresql":
        assert get_search_backend().config == "swedish"


def _search_queries(client, word, page="1"):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/sok/", {"q": word, "sida": page})
    assert response.status_code == 200
    return len(captured.captured_queries), response.context["results"].paginator.count


def test_search_queries_do_not_grow_with_the_number_of_hits(public_client):
    section = Unit.objects.get(name="Socialförvaltningen").public_section
    for number in range(45):
        page = ContentPage(
            title=f"Vattenmätare {number}", slug=f"vattenmatare-{number}", intro="Om vattenmätare."
        )
        section.add_child(instance=page)
        page.save_revision().publish()
    few = ContentPage(title="Cykelbana", slug="cykelbana", intro="Om cykelbanan.")
    section.add_child(instance=few)
    few.save_revision().publish()

    _search_queries(public_client, "cykelbana")  # warm up per-process lookups
    queries_few, hits_few = _search_queries(public_client, "cykelbana")
    queries_many, hits_many = _search_queries(public_client, "vattenmätare")
    queries_later_page, _hits = _search_queries(public_client, "vattenmätare", "4")
    assert (hits_few, hits_many) == (1, 45)
    assert queries_many == queries_few
    # A later page of results leaves out the hits of other kinds (directory entries).
    assert queries_later_page <= queries_few


def test_a_results_page_that_is_not_a_number_is_the_first(public_client):
    response = public_client.get("/sok/", {"q": "förskola", "sida": "999999999"})
    assert response.status_code == 200
    assert response.context["results"].number == 1


def skip_unless_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the ranked search path is PostgreSQL's")


def publish_public_pages(titles, intro):
    section = Unit.objects.get(name="Socialförvaltningen").public_section
    for title in titles:
        page = ContentPage(title=title, slug=slugify(title), intro=intro)
        section.add_child(instance=page)
        page.save_revision().publish()


def test_postgresql_hits_use_the_index_and_many_hits_put_title_matches_first(
    public_client, monkeypatch
):
    from navet.web.search import RankedHits

    skip_unless_postgresql()
    publish_public_pages([f"Sida {number}" for number in range(4)], "Om vinterväghållning i byn.")
    publish_public_pages(["Vinterväghållning"], "Fakta.")

    monkeypatch.setattr(RankedHits, "FULL_RANK_LIMIT", 2)
    response = public_client.get("/sok/", {"q": "vinterväghållning"})
    assert result_titles(response)[0] == "Vinterväghållning"
    assert response.context["results"].paginator.count == 5
    sql = str(RankedHits(ContentPage.objects.live(), ["vinterväghållning"]).entries.query)
    assert '"title" @@' in sql and '"body" @@' in sql and "||" not in sql


def test_postgresql_counts_and_fetches_the_shown_page_in_one_query(public_client):
    """The ranked path reads the hits once: the page shown and the number of hits come
    from one query; a page past the last is the first page, counted apart."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    skip_unless_postgresql()
    publish_public_pages([f"Snöröjning {number}" for number in range(12)], "Om snöröjning.")

    def index_reads(params):
        with CaptureQueriesContext(connection) as captured:
            response = public_client.get("/sok/", params)
        # The pages' hits (the directories' entries are searched apart, on the first page).
        reads = [
            query
            for query in captured.captured_queries
            if "wagtailsearch_indexentry" in query["sql"] and "wagtailcore_page" in query["sql"]
        ]
        return response, len(reads)

    first, reads = index_reads({"q": "snöröjning"})
    assert reads == 1
    assert first.context["results"].paginator.count == 12
    assert len(first.context["results"].object_list) == 10
    second, reads = index_reads({"q": "snöröjning", "sida": "2"})
    assert reads == 1 and second.context["results"].number == 2
    assert len(second.context["results"].object_list) == 2
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    # Not a page number: the first page, in one query all the same.
    zero, reads = index_reads({"q": "snöröjning", "sida": "0"})
    assert reads == 1 and zero.context["results"].number == 1
    past, reads = index_reads({"q": "snöröjning", "sida": "7"})
    assert reads == 3 and past.context["results"].number == 1
    assert result_titles(past) == result_titles(first)
