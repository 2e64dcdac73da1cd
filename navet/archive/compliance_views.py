"""The compliance view for the web council and the infomaster (W3.7): each administration's
state, its pages with problems and its trend; a CSV export."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .permissions import compliance_units
from .supervision import current_state, trend


def visible_states(user):
    units = compliance_units(user)
    if units is not None and not units:
        raise PermissionDenied
    states = current_state()
    if units is not None:
        states = {key: state for key, state in states.items() if key in units}
    return sorted(states.values(), key=lambda state: (state.unit is None, str(state.unit or "")))


def monthly(snapshots):
    """The last snapshot of each month, the latest twelve months."""
    by_month = {}
    for snapshot in snapshots:
        by_month[(snapshot.taken_on.year, snapshot.taken_on.month)] = snapshot
    return [by_month[key] for key in sorted(by_month)][-12:]


def compliance(request):
    states = visible_states(request.user)
    trends = trend(unit_ids=[state.unit.pk for state in states if state.unit])
    for state in states:
        state.trend = monthly(trends.get(state.unit.pk, [])) if state.unit else []
    return TemplateResponse(
        request,
        "archive/compliance.html",
        {
            "page_title": _("Compliance with the publishing rules"),
            "header_icon": "tasks",
            "states": states,
            "today": timezone.localdate(),
        },
    )


CSV_COLUMNS = [
    ("administration", "Förvaltning"),
    ("pages", "Publicerade sidor"),
    ("past_review", "Passerat granskningsdatum"),
    ("language_errors", "Med språkfel"),
    ("average_lix", "Genomsnittligt LIX"),
    ("without_sender", "Utan avsändare"),
    ("broken_links", "Trasiga länkar"),
    ("accessibility_problems", "Tillgänglighetsproblem"),
    ("failed_captures", "Misslyckade arkiveringar"),
]


def compliance_csv(request):
    states = visible_states(request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="efterlevnad-{timezone.localdate().isoformat()}.csv"'
    )
    # A byte order mark, so that spreadsheet programs read the Swedish letters right.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([label for _key, label in CSV_COLUMNS])
    for state in states:
        row = []
        for key, _label in CSV_COLUMNS:
            if key == "administration":
                row.append(str(state.unit) if state.unit else "Utan avsändare")
            elif key == "average_lix":
                lix = state.average_lix
                row.append("" if lix is None else str(lix).replace(".", ","))
            else:
                row.append(getattr(state, key))
        writer.writerow(row)
    return response
