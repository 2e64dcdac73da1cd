"""A year of the archive as one WACZ 1.1.1 package, for the archive authority: the WARC
files, a CDXJ index of every record, the list of pages and a datapackage.json that gives
each file's SHA-256 (https://specs.webrecorder.net/wacz/1.1.1/)."""

import hashlib
import json
import logging
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from django.utils import timezone
from warcio.archiveiterator import ArchiveIterator

from .capture import archive_root
from .models import Capture

WACZ_VERSION = "1.1.1"
logger = logging.getLogger(__name__)


def surt(url: str) -> str:
    """The Sort-friendly URI Reordering Transform used as the CDXJ key."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("http"):
        return url
    host = parts.hostname or ""
    key = ",".join(reversed(host.split(".")))
    if parts.port:
        key += f":{parts.port}"
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return f"{key}){path}".lower()


def cdxj_lines(path: Path, name: str) -> list[str]:
    lines = []
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            if record.rec_type not in ("response", "resource", "metadata"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            date = record.rec_headers.get_header("WARC-Date")
            timestamp = "".join(ch for ch in date if ch.isdigit())[:14]
            entry = {"url": uri, "filename": name}
            if record.rec_type == "response":
                entry["status"] = record.http_headers.get_statuscode()
                entry["mime"] = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
            else:
                entry["mime"] = record.rec_headers.get_header("Content-Type") or ""
                if record.rec_type == "metadata":
                    entry["mime"] = "warc/metadata"
            digest = record.rec_headers.get_header("WARC-Payload-Digest")
            if digest:
                entry["digest"] = digest
            record.content_stream().read()
            entry["offset"] = iterator.get_record_offset()
            entry["length"] = iterator.get_record_length()
            lines.append(f"{surt(uri)} {timestamp} {json.dumps(entry, ensure_ascii=False)}")
    return lines


def _sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def write_wacz(*, year: int, target) -> int:
    """Write the year's package to the binary file `target`; returns the captures in it."""
    captures = list(
        Capture.objects.captured().filter(published_at__year=year).order_by("published_at")
    )
    root = archive_root()
    resources, index, pages = [], [], []
    with zipfile.ZipFile(target, "w") as package:
        for record in captures:
            path = root / record.warc_file
            if not path.exists():
                # Recorded as captured but its file is gone: reported, the rest exported.
                logger.error("WACZ %s: capture %s has no WARC file %s", year, record.pk, path)
                continue
            name = Path(record.warc_file).name
            data = path.read_bytes()
            # WARC files are gzipped already: stored as they are, so offsets stay readable.
            package.writestr(f"archive/{name}", data, compress_type=zipfile.ZIP_STORED)
            resources.append(
                {"name": name, "path": f"archive/{name}", "hash": _sha256(data), "bytes": len(data)}
            )
            index.extend(cdxj_lines(path, name))
            if record.url:
                pages.append(
                    {
                        "id": f"capture-{record.pk}",
                        "url": record.url,
                        "ts": record.published_at.isoformat(),
                        "title": record.title,
                    }
                )
        files = {
            "indexes/index.cdxj": "\n".join(sorted(index)).encode() + b"\n",
            "pages/pages.jsonl": "\n".join(
                json.dumps(line, ensure_ascii=False)
                for line in [
                    {"format": "json-pages-1.0", "id": "pages", "title": f"Navet {year}"},
                    *pages,
                ]
            ).encode()
            + b"\n",
        }
        for path, data in files.items():
            package.writestr(path, data, compress_type=zipfile.ZIP_DEFLATED)
            resources.append(
                {"name": Path(path).name, "path": path, "hash": _sha256(data), "bytes": len(data)}
            )
        datapackage = json.dumps(
            {
                "profile": "data-package",
                "wacz_version": WACZ_VERSION,
                "title": f"Navet – arkiv {year}",
                "description": "Publicerade versioner av kommunens webbplatser och intranät.",
                "created": timezone.now().isoformat(),
                "software": "Navet",
                "mainPageUrl": pages[0]["url"] if pages else "",
                "resources": resources,
            },
            ensure_ascii=False,
            indent=2,
        ).encode()
        package.writestr("datapackage.json", datapackage, compress_type=zipfile.ZIP_DEFLATED)
        package.writestr(
            "datapackage-digest.json",
            json.dumps({"path": "datapackage.json", "hash": _sha256(datapackage)}),
            compress_type=zipfile.ZIP_DEFLATED,
        )
    return len(captures)
