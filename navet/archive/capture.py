"""Capturing a published version as its readers saw it (W3.7), into a WARC 1.1 file.

The page is asked for through Django's own request handling, for the site's host: on the
public site as an anonymous visitor, on the intranet as an employee without any role (the
archive's reader account), so a capture never holds what that reader could not see. The
stylesheets, images and icons the page uses come the same way, then a metadata record names
the page, the revision, the publisher and the retention decision."""

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.utils import timezone
from wagtail.models import Page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from navet.web.selectors import is_intranet_site

READER_USERNAME = "navet-arkivets-lasare"
# A query string keeps the anonymous page cache out of the way: it could still hold the
# version before this one until its purge has run.
FRESH_QUERY = {"navet-arkiv": "1"}
ASSET_ATTRIBUTE = re.compile(
    r"""<(?P<tag>link|img|source|script)\b(?P<attrs>[^>]*)>""", re.IGNORECASE | re.DOTALL
)
ATTRIBUTE = re.compile(r"""(?P<name>[\w:-]+)\s*=\s*(?P<quote>["'])(?P<value>.*?)(?P=quote)""", re.S)
CSS_URL = re.compile(r"""url\(\s*(?P<quote>["']?)(?P<value>[^"')]+)(?P=quote)\s*\)""")
CAPTURED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload"}
MAX_ASSETS = 200


def archive_root() -> Path:
    """Where the WARC files live: `NAVET_ARCHIVE_ROOT`, or a private folder beside the
    uploaded media (never served as it is: only the admin's replay reads it)."""
    configured = getattr(settings, "NAVET_ARCHIVE_ROOT", "")
    return Path(configured) if configured else Path(settings.MEDIA_ROOT) / "private" / "archive"


def object_key(obj) -> dict:
    """How the captures of an object are found: its type and id."""
    model = obj.specific_class if isinstance(obj, Page) else type(obj)
    base = Page if isinstance(obj, Page) else model
    return {
        "content_type": ContentType.objects.get_for_model(base),
        "object_id": str(obj.pk),
    }


def reader_account():
    """The employee without special rights whose view of the intranet is archived: active,
    no role, no group, no password (nobody signs in with it)."""
    User = get_user_model()
    user = User.objects.filter(username=READER_USERNAME).first()
    if user is None:
        user = User(username=READER_USERNAME, first_name="Arkivets", last_name="läsare")
        user.set_unusable_password()
        user.save()
    return user


@dataclass
class Exchange:
    """A request made while capturing and the answer it got."""

    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def content_type(self) -> str:
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value
        return ""


@dataclass
class Snapshot:
    page: Exchange | None
    assets: list[Exchange] = field(default_factory=list)


def reader_urls(obj) -> list[str]:
    """The addresses at which readers see `obj`."""
    if isinstance(obj, Page):
        url = obj.get_full_url()
        return [url] if url else []
    # A directory entry is shown by the directory pages' routes.
    from navet.directories.models import DirectoryEntry
    from navet.directories.signals import directory_pages_of

    if isinstance(obj, DirectoryEntry):
        return [
            page.full_url.rstrip("/") + "/" + path.lstrip("/")
            for page in directory_pages_of(obj)
            if page.full_url
            for path in obj.shown_at()
        ]
    for attribute in ("get_full_url", "full_url"):
        value = getattr(obj, attribute, None)
        value = value() if callable(value) else value
        if value:
            return [value]
    return []


def is_intranet_url(url: str) -> bool:
    from wagtail.models import Site

    host = urlsplit(url).hostname or ""
    if host == settings.NAVET_INTRANET_HOST:
        return True
    return any(is_intranet_site(site) for site in Site.objects.filter(hostname=host))


def _exchange(client: Client, url: str, *, fresh: bool = False) -> Exchange:
    parts = urlsplit(url)
    response = client.get(
        parts.path or "/",
        {**FRESH_QUERY} if fresh else {},
        HTTP_HOST=parts.netloc,
        secure=parts.scheme == "https",
    )
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    headers = [(name, value) for name, value in response.items()]
    return Exchange(url, response.status_code, response.reason_phrase, headers, body)


def asset_urls(html: str, base: str) -> list[str]:
    """Same-site stylesheets, images and icons that the HTML uses, in order."""
    found = []
    for match in ASSET_ATTRIBUTE.finditer(html):
        tag = match["tag"].lower()
        attributes = {m["name"].lower(): m["value"] for m in ATTRIBUTE.finditer(match["attrs"])}
        if tag == "link":
            rels = set(attributes.get("rel", "").lower().split())
            if rels & CAPTURED_LINK_RELS and "href" in attributes:
                found.append(attributes["href"])
        elif tag == "script":
            if "src" in attributes:
                found.append(attributes["src"])
        else:
            if "src" in attributes:
                found.append(attributes["src"])
            for candidate in attributes.get("srcset", "").split(","):
                if candidate.strip():
                    found.append(candidate.strip().split()[0])
    return _same_site(found, base)


def css_urls(css: str, base: str) -> list[str]:
    return _same_site([m["value"] for m in CSS_URL.finditer(css)], base)


def _same_site(candidates, base: str) -> list[str]:
    from html import unescape

    origin = urlsplit(base).netloc
    urls = []
    for candidate in candidates:
        if candidate.startswith("data:"):
            continue
        url = urljoin(base, unescape(candidate)).split("#")[0]
        if urlsplit(url).netloc == origin and url not in urls:
            urls.append(url)
    return urls


def take_snapshot(url: str) -> Snapshot:
    """What a reader's browser fetched for `url`: the page, then what it uses."""
    client = Client(raise_request_exception=False)
    intranet = is_intranet_url(url)
    if intranet:
        client.force_login(reader_account())
    try:
        page = _exchange(client, url, fresh=True)
        snapshot = Snapshot(page=page)
        if page.status != 200 or "html" not in page.content_type:
            return snapshot
        queue = asset_urls(page.body.decode("utf-8", "replace"), url)
        seen = set(queue)
        while queue and len(snapshot.assets) < MAX_ASSETS:
            asset = _exchange(client, queue.pop(0))
            snapshot.assets.append(asset)
            if asset.status == 200 and "css" in asset.content_type:
                for found in css_urls(asset.body.decode("utf-8", "replace"), asset.url):
                    if found not in seen:
                        seen.add(found)
                        queue.append(found)
        return snapshot
    finally:
        if intranet:
            client.logout()


def _http_headers(exchange: Exchange) -> StatusAndHeaders:
    # The body is stored whole, decoded: lengths and encodings must describe it as stored.
    kept = [
        (name, value)
        for name, value in exchange.headers
        if name.lower() not in ("content-length", "transfer-encoding", "content-encoding")
    ]
    kept.append(("Content-Length", str(len(exchange.body))))
    return StatusAndHeaders(f"{exchange.status} {exchange.reason}", kept, protocol="HTTP/1.1")


def _request_headers(url: str) -> StatusAndHeaders:
    parts = urlsplit(url)
    path = parts.path or "/"
    return StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [("Host", parts.netloc), ("User-Agent", "Navet archive")],
        is_http_request=True,
    )


def write_warc(*, path: Path, snapshots: list[Snapshot], metadata: dict, resources=()) -> None:
    """One WARC 1.1 file: warcinfo, then request and response records for every exchange,
    `resources` (uri, content type, bytes) and the metadata record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    when = timezone.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    temporary = path.with_suffix(".part")
    with temporary.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True, warc_version="1.1")
        writer.write_record(
            writer.create_warcinfo_record(
                path.name,
                {
                    "software": "Navet archive (warcio)",
                    "format": "WARC File Format 1.1",
                    "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
                    "isPartOf": str(metadata.get("title", "")),
                },
            )
        )
        for snapshot in snapshots:
            for exchange in [snapshot.page, *snapshot.assets]:
                if exchange is None:
                    continue
                headers = {"WARC-Date": when}
                response = writer.create_warc_record(
                    exchange.url,
                    "response",
                    payload=io.BytesIO(exchange.body),
                    http_headers=_http_headers(exchange),
                    warc_headers_dict=headers,
                )
                request = writer.create_warc_record(
                    exchange.url,
                    "request",
                    payload=io.BytesIO(b""),
                    http_headers=_request_headers(exchange.url),
                    warc_headers_dict=headers,
                )
                writer.write_request_response_pair(request, response)
        for uri, content_type, body in resources:
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "resource",
                    payload=io.BytesIO(body),
                    warc_content_type=content_type,
                    warc_headers_dict={"WARC-Date": when},
                )
            )
        main_uri = metadata.get("url") or f"urn:navet:{metadata['object']}"
        writer.write_record(
            writer.create_warc_record(
                main_uri,
                "metadata",
                payload=io.BytesIO(
                    json.dumps(metadata, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
                ),
                warc_content_type="application/json",
                warc_headers_dict={"WARC-Date": when},
            )
        )
    temporary.replace(path)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
