"""The crisis pages of both sites: /kris/ lists the events, /kris/<id>/ shows one event's
updates. The intranet shows every update, first; the public website the public ones (W3.3b).
On the intranet the login middleware stands in front (W3.2). Under a language prefix
(/en/kris/<id>/) the updates are shown in that language where translated (W3.3e), in
Swedish where not."""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from navet.web.banner import INTRANET, PUBLIC
from navet.web.hosts import is_intranet_request

from .models import CrisisUpdate
from .selectors import events_for, live_updates


@dataclass
class ShownUpdate:
    source: CrisisUpdate  # the Swedish update: its time, audience and sender
    text: CrisisUpdate  # what the reader reads: the translation, or the source
    versions: list[tuple[str, str]]  # (language code, path) of the update's other languages

    @property
    def language(self) -> str:
        return self.text.locale.language_code


def _audience(request) -> str:
    return INTRANET if is_intranet_request(request) else PUBLIC


def event_index(request):
    audience = _audience(request)
    language = get_language()
    events = [
        (event, event.public_path(language=language))
        for event in events_for(audience=audience)[:50]
    ]
    return TemplateResponse(
        request,
        "crisis/event_index.html",
        {"events": events, "audience": audience, "language": language},
    )


def _shown(update, *, event, language: str) -> ShownUpdate:
    text = update.translations.get(language, update)
    languages = [settings.LANGUAGE_CODE, *update.translations]
    return ShownUpdate(
        source=update,
        text=text,
        versions=[
            (code, f"{event.public_path(language=code)}#update-{update.pk}")
            for code in languages
            if code != text.locale.language_code
        ],
    )


def event_page(request, pk: int):
    audience = _audience(request)
    event = get_object_or_404(events_for(audience=audience), pk=pk)
    updates = live_updates(event=event, audience=audience)
    if not updates:
        raise Http404
    language = get_language()
    return TemplateResponse(
        request,
        "crisis/event_page.html",
        {
            "event": event,
            "updates": [_shown(update, event=event, language=language) for update in updates],
            "audience": audience,
            "language": language,
        },
    )
