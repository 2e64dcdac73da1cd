"""Static copies of the public start page and the crisis pages, written on every crisis
change, that nginx serves when the app server or the database does not answer
(deploy/nginx.conf.template, `@fallback`). Each carries the banner as it was and a note of
when it was written. Written to NAVET_FALLBACK_ROOT (nothing is written when it is empty)."""

import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import override

from navet.web.banner import PUBLIC, assemble, banner_html

from .selectors import events_for, live_updates

logger = logging.getLogger(__name__)
MAIN_START = b'<main id="main" tabindex="-1">'


def fallback_root() -> Path | None:
    root = getattr(settings, "NAVET_FALLBACK_ROOT", "")
    return Path(root) if root else None


def copy_of(root: Path, path: str) -> Path:
    return root / "public" / path.strip("/") / "index.html"


def paths_to_write(root: Path) -> list[str]:
    """The start page, the crisis pages, and each event's page in every language one of its
    public updates is translated into (W3.3e) – and in any language it has a copy in from
    before: a translation taken back must not stay in the copy."""
    paths = ["/", "/kris/"]
    for event in events_for(audience=PUBLIC)[:20]:
        translated = {
            language
            for update in live_updates(event=event, audience=PUBLIC)
            for language in update.translations
        }
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            path = event.public_path(language=code)
            if code == settings.LANGUAGE_CODE or code in translated or copy_of(root, path).exists():
                paths.append(path)
    return paths


def note(moment) -> bytes:
    with override(settings.LANGUAGE_CODE):
        text = _(
            "The website is under heavy load. This is a saved copy of the page, last updated "
            "%(time)s."
        ) % {"time": date_format(timezone.localtime(moment), "j F Y H:i")}
    lang = settings.LANGUAGE_CODE
    return f'<p class="fallback-note" role="status" lang="{lang}">{escape(text)}</p>'.encode()


def _write_atomically(target: Path, content: bytes) -> None:
    """nginx never reads a half-written file: write beside it, then rename over it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".writing-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


def write_fallback_pages() -> list[str]:
    """Write each copy; one that fails is logged and skipped. Returns the paths written."""
    root = fallback_root()
    if root is None:
        return []
    client = Client(HTTP_HOST=settings.NAVET_PUBLIC_HOST)
    marker = note(timezone.now())
    written = []
    for path in paths_to_write(root):
        try:
            response = client.get(path, secure=True)
            if response.status_code != 200:
                logger.warning("No fallback copy of %s: it answered %s", path, response.status_code)
                continue
            content = assemble(response.content).replace(MAIN_START, MAIN_START + marker, 1)
            _write_atomically(copy_of(root, path), content)
            written.append(path)
        except Exception:
            logger.exception("Couldn't write the fallback copy of %s", path)
    # The banner nginx includes in the pages it still has cached.
    for language, _name in settings.LANGUAGES:
        path = f"/_banner/{PUBLIC}/{language}/"
        try:
            html = banner_html(audience=PUBLIC, language=language).encode()
            _write_atomically(copy_of(root, path), html)
            written.append(path)
        except Exception:
            logger.exception("Couldn't write the fallback copy of %s", path)
    return written
