"""The archive in the admin (W3.7): a page's versions, replay from the WARC files, the site
on a date, a year as a WACZ package, the culling report and the retention decisions."""

import datetime
import tempfile

from csp.decorators import csp
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from . import selectors
from .capture import archive_root
from .models import Capture, CaptureStatus, RetentionDecision
from .permissions import WHOLE_ORGANISATION, units_for, user_can_browse
from .replay import Rewriter, read_warc
from .retention import decision_for
from .services import NoDecisionAllowsCulling, cull
from .wacz import write_wacz

# The replayed page runs nothing: styles and images from the archive, no script, no form.
REPLAY_POLICY = {
    "default-src": ["'none'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "font-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'none'"],
    "base-uri": ["'none'"],
    # Same origin only, so the admin's session reaches the images; scripts stay off.
    "sandbox": ["allow-same-origin"],
}


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _sees_everything(user) -> bool:
    return units_for(user, roles=WHOLE_ORGANISATION) is None


def _render(request, template, context):
    return TemplateResponse(request, template, context)


def archive_index(request):
    _require(request, "archive.view_capture")
    captures = selectors.captures_for(request.user)
    status = request.GET.get("status", "")
    if status in CaptureStatus.values:
        captures = captures.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        captures = captures.filter(title__icontains=query)
    page = Paginator(captures.select_related("unit"), 50).get_page(request.GET.get("p"))
    return _render(
        request,
        "archive/index.html",
        {
            "page_title": _("Archive"),
            "header_icon": "folder-inverse",
            "captures": page,
            "status": status,
            "query": query,
            "statuses": CaptureStatus.choices,
            "sees_everything": _sees_everything(request.user),
            "years": selectors.capture_years(),
        },
    )


def page_archive(request, page_id):
    _require(request, "archive.view_capture")
    page = get_object_or_404(Page, pk=page_id).specific
    if not (_sees_everything(request.user) or page.permissions_for_user(request.user).can_edit()):
        raise PermissionDenied
    captures = Capture.objects.filter(page=page).select_related("decision")
    return _render(
        request,
        "archive/page_archive.html",
        {
            "page_title": _("Archive of “%(title)s”") % {"title": page.title},
            "header_icon": "folder-inverse",
            "page": page,
            "decision": decision_for(page),
            "captures": captures,
        },
    )


def _capture_for(request, capture_id) -> Capture:
    _require(request, "archive.view_capture")
    record = get_object_or_404(Capture, pk=capture_id)
    if not user_can_browse(request.user, record):
        raise PermissionDenied
    return record


def capture_detail(request, capture_id):
    record = _capture_for(request, capture_id)
    return _render(
        request,
        "archive/capture.html",
        {
            "page_title": _("“%(title)s” as published %(date)s")
            % {
                "title": record.title,
                "date": timezone.localtime(record.published_at).strftime("%Y-%m-%d %H:%M"),
            },
            "header_icon": "folder-inverse",
            "capture": record,
            "replayable": record.status == CaptureStatus.CAPTURED and bool(record.url),
            "others": Capture.objects.filter(
                content_type=record.content_type, object_id=record.object_id
            ).exclude(pk=record.pk)[:20],
        },
    )


def _stored(record: Capture):
    if record.status != CaptureStatus.CAPTURED or not record.warc_file:
        raise Http404
    path = archive_root() / record.warc_file
    if not path.exists():
        raise Http404
    return read_warc(path)


def _rewriter(record, stored):
    return Rewriter(stored=stored, resource_url=reverse("navet_archive_resource", args=[record.pk]))


def _replay_response(stored_response, rewriter) -> HttpResponse:
    response = HttpResponse(
        rewriter.body_of(stored_response),
        content_type=stored_response.content_type,
        status=stored_response.status,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@xframe_options_sameorigin
@csp(REPLAY_POLICY)
def replay(request, capture_id):
    """The captured page itself, for the frame of `capture_detail`."""
    record = _capture_for(request, capture_id)
    stored = _stored(record)
    main = stored.responses.get(record.url) or stored.responses.get(stored.main_uri)
    if main is None:
        raise Http404
    return _replay_response(main, _rewriter(record, stored))


@xframe_options_sameorigin
@csp(REPLAY_POLICY)
def replay_resource(request, capture_id):
    record = _capture_for(request, capture_id)
    stored = _stored(record)
    found = stored.responses.get(request.GET.get("uri", ""))
    if found is None:
        raise Http404
    return _replay_response(found, _rewriter(record, stored))


def site_on_date(request):
    """Every page of a site as it was published on a given day."""
    _require(request, "archive.view_capture")
    if not _sees_everything(request.user):
        raise PermissionDenied
    site = request.GET.get("site", "public")
    if site not in ("public", "intranet"):
        site = "public"
    error = ""
    try:
        day = datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = timezone.localdate()
        if request.GET.get("date"):
            error = _("Write the date as YYYY-MM-DD, e.g. 2025-06-30.")
    return _render(
        request,
        "archive/site_on_date.html",
        {
            "page_title": _("The sites on a date"),
            "header_icon": "date",
            "site": site,
            "day": day,
            "error": error,
            "captures": selectors.site_on(site=site, day=day),
        },
    )


def export_year(request, year):
    _require(request, "archive.view_capture")
    if not _sees_everything(request.user):
        raise PermissionDenied
    # FileResponse closes it when the download has been sent.
    package = tempfile.TemporaryFile()  # noqa: SIM115
    write_wacz(year=year, target=package)
    package.seek(0)
    return FileResponse(
        package,
        as_attachment=True,
        filename=f"navet-arkiv-{year}.wacz",
        content_type="application/wacz+zip",
    )


def culling_report(request):
    _require(request, "archive.cull_capture")
    due = selectors.due_for_culling(user=request.user)
    return _render(
        request,
        "archive/culling.html",
        {
            "page_title": _("Due for culling"),
            "header_icon": "bin",
            "due": due,
            "waiting": selectors.without_decision_count(user=request.user),
        },
    )


@require_POST
def cull_selected(request):
    _require(request, "archive.cull_capture")
    ids = [value for value in request.POST.getlist("capture") if value.isdigit()]
    records = Capture.objects.filter(pk__in=ids).select_related("decision", "revision", "page")
    if not ids or not records:
        messages.error(request, _("Choose the versions to cull."))
        return redirect("navet_archive_culling")
    try:
        count = cull(records=records, user=request.user)
    except (NoDecisionAllowsCulling, PermissionDenied) as refusal:
        messages.error(request, str(refusal))
        return redirect("navet_archive_culling")
    messages.success(request, _("%(count)s archived versions were culled.") % {"count": count})
    return redirect("navet_archive_culling")


class RetentionDecisionViewSet(ModelViewSet):
    model = RetentionDecision
    icon = "clipboard-list"
    menu_label = gettext_lazy("Retention decisions")
    add_to_admin_menu = False
    url_prefix = "arkiv/gallringsbeslut"
    name = "retention_decisions"
    list_display = ["title", "scope", "summary", "reference", "decided_on"]
    list_filter = ["scope", "keep_forever"]
    search_fields = ["title", "reference"]
