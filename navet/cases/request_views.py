"""K4 on the intranet: an employee opens a case with one of the communications staff's
function mailboxes and follows their own cases. Only on the intranet, only signed in."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from navet.organisation.models import Person
from navet.web.banner import INTRANET
from navet.web.hosts import is_intranet_request

from . import services
from .forms import CaseRequestForm
from .models import Case


def _own_cases(user):
    return (
        Case.objects.filter(requested_by=user)
        .select_related("mailbox", "status")
        .order_by("-opened_at", "-pk")[:50]
    )


def _error_summary(form) -> list[dict]:
    summary = [{"field": None, "message": message} for message in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name != "__all__":
            summary += [{"field": form[name], "message": message} for message in errors]
    return summary


def open_case(request):
    """The form and the employee's own cases; the public website has no such page."""
    if not is_intranet_request(request):
        raise Http404
    return _open_case(request)


@login_required
@require_http_methods(["GET", "POST"])
def _open_case(request):
    user = request.user
    person = Person.objects.filter(user=user).select_related("unit").first()
    form = CaseRequestForm(
        request.POST if request.method == "POST" else None,
        initial={"unit": person.unit_id if person else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case_from_form(
                mailbox=form.cleaned_data["mailbox"],
                user=user,
                unit=form.cleaned_data["unit"],
                subject=form.cleaned_data["subject"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{reverse('navet_open_case')}?skickat={case.reference}")
    sent = None
    if reference := request.GET.get("skickat"):
        sent = Case.objects.filter(requested_by=user, reference=reference).first()
    return TemplateResponse(
        request,
        "cases/open_case.html",
        {
            "form": form,
            "invalid": form.is_bound and not form.is_valid(),
            "error_summary": _error_summary(form) if form.is_bound else [],
            "sent": sent,
            "own_cases": _own_cases(user),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def menu_links(*, audience: str) -> list:
    """The intranet's main menu links to the form for support (`navet_site_menu_links`)."""
    return [(_("Support from communications"), "navet_open_case")] if audience == INTRANET else []
