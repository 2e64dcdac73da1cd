"""The on-call roster on the intranet (W3.2: behind login; never on the public website):
who is on call now with their phone, the coming weeks, and iCalendar feeds."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from navet.organisation.models import Person
from navet.web.banner import INTRANET
from navet.web.hosts import is_intranet_request

from . import roster
from .models import OnCallShift


def _intranet_only(request) -> None:
    if not is_intranet_request(request) or not request.user.is_authenticated:
        raise Http404


def on_call(request):
    _intranet_only(request)
    return TemplateResponse(
        request,
        "crisis/on_call.html",
        {
            "now": roster.on_call_now(),
            "weeks": roster.weeks(),
            "sees_gaps": roster.sees_gaps(request.user),
        },
    )


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def roster_feed(request):
    _intranet_only(request)
    shifts = OnCallShift.objects.select_related("person")
    return _ics(
        roster.calendar(shifts, name=_("On-call communicators")), "kommunikator-i-beredskap.ics"
    )


def person_feed(request, pk: int):
    _intranet_only(request)
    person = get_object_or_404(Person, pk=pk)
    shifts = OnCallShift.objects.filter(person=person).select_related("person")
    return _ics(
        roster.calendar(shifts, name=_("On call: %(person)s") % {"person": person.full_name}),
        f"beredskap-{person.pk}.ics",
    )


def menu_links(*, audience: str) -> list:
    """The intranet's main menu links to who is on call (`navet_site_menu_links`)."""
    return [(_("On-call communicator"), "crisis_on_call")] if audience == INTRANET else []
