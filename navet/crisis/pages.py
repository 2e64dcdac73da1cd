"""The crisis pages of both sites: /kris/ lists the events, /kris/<id>/ shows one event's
updates. The intranet shows every update, first; the public website the public ones (W3.3b).
On the intranet the login middleware stands in front (W3.2)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from navet.web.banner import INTRANET, PUBLIC
from navet.web.hosts import is_intranet_request

from .selectors import events_for, live_updates


def _audience(request) -> str:
    return INTRANET if is_intranet_request(request) else PUBLIC


def event_index(request):
    audience = _audience(request)
    events = list(events_for(audience=audience)[:50])
    return TemplateResponse(
        request, "crisis/event_index.html", {"events": events, "audience": audience}
    )


def event_page(request, pk: int):
    audience = _audience(request)
    event = get_object_or_404(events_for(audience=audience), pk=pk)
    updates = list(live_updates(event=event, audience=audience))
    if not updates:
        raise Http404
    return TemplateResponse(
        request,
        "crisis/event_page.html",
        {"event": event, "updates": updates, "audience": audience},
    )
