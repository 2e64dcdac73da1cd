"""W3.7 archiving: the archive in the admin replays what was published – images and styles
included – from the WARC files alone; the sites on a date; a year exported as a WACZ
package that follows the WACZ 1.1.1 structure."""

import datetime
import hashlib
import io
import json
import zipfile
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from warcio.archiveiterator import ArchiveIterator

from navet.archive.models import Capture, CaptureStatus
from navet.demo.archive import INTRO_A_YEAR_AGO, PAGE_A_YEAR_AGO
from navet.web.models import ContentPage

pytestmark = pytest.mark.django_db


def demo_page():
    return ContentPage.objects.get(title=PAGE_A_YEAR_AGO, locale__language_code="sv")


def year_old_capture():
    return Capture.objects.filter(page=demo_page()).order_by("published_at").first()


def test_w3_7_a_pages_archive_lists_its_versions_with_the_decision(client, demo_user):
    client.force_login(demo_user("infomaster"))
    page = demo_page()
    html = client.get(reverse("navet_archive_page", args=[page.pk])).content.decode()
    assert "Kommunens externa webbplats (KS 2023-0412)" in html
    assert html.count(reverse("navet_archive_capture", args=[year_old_capture().pk])) == 1


def test_w3_7_a_capture_replays_as_published_a_year_ago_without_the_live_site(client, demo_user):
    client.force_login(demo_user("infomaster"))
    record = year_old_capture()
    assert record.published_at < timezone.now() - datetime.timedelta(days=300)
    detail = client.get(reverse("navet_archive_capture", args=[record.pk])).content.decode()
    assert reverse("navet_archive_replay", args=[record.pk]) in detail

    # The live page has changed since, and its stylesheet is not asked for: the archive
    # answers from the WARC file.
    page = demo_page()
    assert page.intro != INTRO_A_YEAR_AGO
    replay = client.get(reverse("navet_archive_replay", args=[record.pk]))
    html = replay.content.decode()
    assert replay.status_code == 200
    assert INTRO_A_YEAR_AGO in html
    assert "sandbox" in replay["Content-Security-Policy"]
    assert "script-src" not in replay["Content-Security-Policy"]
    resource_prefix = reverse("navet_archive_resource", args=[record.pk]) + "?uri="
    assert 'href="/static/' not in html and 'src="/media/' not in html
    rewritten = [part.split('"')[0] for part in html.split(resource_prefix)[1:]]
    assert rewritten, "the page's stylesheets and images point into the archive"
    types = set()
    for query in rewritten:
        uri = parse_qs("uri=" + query.replace("&amp;", "&"))["uri"][0]
        answer = client.get(resource_prefix + uri)
        assert answer.status_code == 200, uri
        types.add(answer["Content-Type"].split(";")[0])
    assert "text/css" in types and any(kind.startswith("image/") for kind in types)


def test_w3_7_the_archive_is_only_for_those_who_may_see_it(client, demo_user):
    record = year_old_capture()
    url = reverse("navet_archive_replay", args=[record.pk])
    assert client.get(url).status_code == 302  # to the admin's login
    client.force_login(demo_user("medarbetare"))
    assert client.get(url).status_code in (302, 403)
    # Another administration's editor may not open it; the page's own editor may.
    client.force_login(demo_user("redaktor.social"))
    assert client.get(url).status_code in (302, 403)
    client.force_login(demo_user("redaktor.utbildning"))
    assert client.get(url).status_code == 200


def test_w3_7_the_sites_on_a_date_show_the_version_live_that_day(client, demo_user):
    client.force_login(demo_user("infomaster"))
    day = (timezone.now() - datetime.timedelta(days=100)).date()
    response = client.get(
        reverse("navet_archive_site_on_date"), {"site": "public", "date": day.isoformat()}
    )
    captures = list(response.context["captures"])
    assert year_old_capture() in captures
    assert all(record.site == "public" for record in captures)
    refused = client.get(reverse("navet_archive_site_on_date"), {"date": "igår"})
    assert refused.status_code == 200
    assert "Skriv datumet som ÅÅÅÅ-MM-DD" in refused.content.decode()


def test_w3_7_a_year_exports_as_a_valid_wacz_package(client, demo_user):
    client.force_login(demo_user("infomaster"))
    year = year_old_capture().published_at.year
    response = client.get(reverse("navet_archive_export", args=[year]))
    assert response.status_code == 200
    package = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(package.namelist())
    assert {"datapackage.json", "indexes/index.cdxj", "pages/pages.jsonl"} <= names
    warcs = [name for name in names if name.startswith("archive/")]
    assert warcs and all(name.endswith(".warc.gz") for name in warcs)
    for name in warcs:
        assert package.getinfo(name).compress_type == zipfile.ZIP_STORED

    datapackage = json.loads(package.read("datapackage.json"))
    assert datapackage["profile"] == "data-package"
    assert datapackage["wacz_version"] == "1.1.1"
    listed = {resource["path"]: resource for resource in datapackage["resources"]}
    assert set(listed) == names - {"datapackage.json", "datapackage-digest.json"}
    for path, resource in listed.items():
        data = package.read(path)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["bytes"] == len(data)
    digest = json.loads(package.read("datapackage-digest.json"))
    assert (
        digest["hash"] == "sha256:" + hashlib.sha256(package.read("datapackage.json")).hexdigest()
    )

    pages = package.read("pages/pages.jsonl").decode().splitlines()
    assert json.loads(pages[0])["format"] == "json-pages-1.0"
    assert any(json.loads(line)["url"] == demo_page().full_url for line in pages[1:])

    lines = package.read("indexes/index.cdxj").decode().splitlines()
    assert lines == sorted(lines)
    for line in lines:
        _key, timestamp, entry = line.split(" ", 2)
        entry = json.loads(entry)
        assert len(timestamp) == 14 and timestamp.isdigit()
        # Each entry's offset and length find its record in the package's WARC file.
        data = package.read(f"archive/{entry['filename']}")
        chunk = data[entry["offset"] : entry["offset"] + entry["length"]]
        record = next(iter(ArchiveIterator(io.BytesIO(chunk))))
        assert record.rec_headers.get_header("WARC-Target-URI") == entry["url"]
    assert urlsplit(demo_page().full_url).hostname.split(".")[-1] in lines[0]


def test_w3_7_only_supervisors_export_the_archive(client, demo_user):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    assert client.get(reverse("navet_archive_export", args=[2026])).status_code in (302, 403)


def test_w3_7_the_archive_index_lists_failed_captures(client, demo_user):
    record = year_old_capture()
    Capture.objects.filter(pk=record.pk).update(status=CaptureStatus.FAILED, error="boom")
    client.force_login(demo_user("infomaster"))
    response = client.get(reverse("navet_archive"), {"status": "failed"})
    listed = list(response.context["captures"])
    assert record in listed
    assert all(capture.status == CaptureStatus.FAILED for capture in listed)
