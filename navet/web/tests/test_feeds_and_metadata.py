"""News feeds, sitemap, robots.txt and Open Graph metadata (W3.2 keeps the intranet's out)."""

import xml.etree.ElementTree as ET

import pytest

from navet.web.models import NewsPage, StartPage

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_public_news_feed_is_valid_atom_with_ingresses(public_client):
    response = public_client.get("/flode/nyheter/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) >= 6
    titles = {entry.findtext(f"{ATOM}title") for entry in entries}
    summaries = {entry.findtext(f"{ATOM}summary") for entry in entries}
    news = NewsPage.objects.get(title="Vattenläcka i centrum är lagad")
    assert news.title in titles
    assert news.ingress in summaries


def test_W3_2_public_feed_leaves_out_intranet_news(public_client):
    feed = ET.fromstring(public_client.get("/flode/nyheter/").content)
    titles = {entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")}
    intranet_only = NewsPage.objects.descendant_of(StartPage.main("intranet")).filter(
        also_public=False
    )
    assert not titles & {news.title for news in intranet_only}


def test_W3_2_intranet_feed_needs_login(intranet_client, demo_user):
    assert intranet_client.get("/flode/nyheter/").status_code == 302
    intranet_client.force_login(demo_user("medarbetare"))
    feed = ET.fromstring(intranet_client.get("/flode/nyheter/").content)
    titles = {entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")}
    assert "Ändrade rutiner för krisberedskap" in titles


def test_start_page_announces_the_feed(public_client):
    content = public_client.get("/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in content
    assert 'href="/flode/nyheter/"' in content


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_sitemap_index_and_files_for_the_public_site_only(
    public_client, intranet_client, demo_user
):
    index = public_client.get("/sitemap.xml")
    assert index.status_code == 200
    root = ET.fromstring(index.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    files = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert files == ["http://localhost:8000/sitemap-1.xml"]

    urlset = ET.fromstring(public_client.get("/sitemap-1.xml").content)
    urls = [loc.text for loc in urlset.iter(f"{SITEMAP}loc")]
    assert len(urls) >= 20
    assert "http://localhost:8000/" in urls
    assert all(url.startswith("http://localhost:8000/") for url in urls)
    assert not any("intranet" in url for url in urls)
    news = NewsPage.objects.live().public().filter(locale__language_code="sv").first()
    assert news.full_url in urls
    assert public_client.get("/sitemap-2.xml").status_code == 404

    assert intranet_client.get("/sitemap.xml").status_code == 302
    intranet_client.force_login(demo_user("medarbetare"))
    assert intranet_client.get("/sitemap.xml").status_code == 404
    assert intranet_client.get("/sitemap-1.xml").status_code == 404


def test_sitemap_files_hold_at_most_the_file_size(public_client, settings, monkeypatch):
    from navet.web import sitemaps

    monkeypatch.setattr(sitemaps, "FILE_SIZE", 10)
    files = [
        loc.text
        for loc in ET.fromstring(public_client.get("/sitemap.xml").content).iter(f"{SITEMAP}loc")
    ]
    assert len(files) >= 3
    counts = []
    for url in files:
        urlset = ET.fromstring(public_client.get(url.replace("http://localhost:8000", "")).content)
        counts.append(len(list(urlset.iter(f"{SITEMAP}loc"))))
    assert max(counts) == 10
    assert min(counts) >= 1


def test_robots_txt(public_client, intranet_client):
    public = public_client.get("/robots.txt").content.decode()
    assert "Sitemap: http://localhost:8000/sitemap.xml" in public
    assert "Disallow: /admin/" in public
    intranet = intranet_client.get("/robots.txt")
    assert intranet.status_code == 200, "crawlers must be able to read it without login"
    assert intranet.content.decode().splitlines() == ["User-agent: *", "Disallow: /"]


def test_open_graph_on_public_pages_not_on_the_intranet(public_client, intranet_client, demo_user):
    news = NewsPage.objects.get(title="Vattenläcka i centrum är lagad")
    content = public_client.get(news.get_url_parts()[2]).content.decode()
    assert f'<meta property="og:title" content="{news.title}">' in content
    assert f'<meta property="og:description" content="{news.ingress}">' in content
    assert '<meta property="og:type" content="article">' in content
    assert '<meta property="og:locale" content="sv_SE">' in content

    intranet_client.force_login(demo_user("medarbetare"))
    intranet = intranet_client.get("/").content.decode()
    assert "og:title" not in intranet
    assert 'content="noindex, nofollow"' in intranet
