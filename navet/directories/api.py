"""The directories as open data (W3.4, W3.5): an API after Open Referral's HSDS 3.0 API
reference under /api/hsds/, and CSV files of the providers and the associations. Its OpenAPI
description (hsds/openapi.json) is served at /api/hsds/openapi.json.

Everything here is public and the same for everyone, on either site: only live entries,
read by `hsds.Directory`. Answers carry `Access-Control-Allow-Origin: *` (open data is for
any site to read) and are never kept by Navet's page cache or a proxy in front of it
(`Cache-Control: private`): publishing an entry purges the pages that show it, not these
addresses, and a kept copy could show an entry after it was unpublished. Bad parameters
get a 400 answer in Swedish that says what is wrong, never an error page."""

import csv
import io
import json
import re
import uuid
from collections import defaultdict
from functools import lru_cache, wraps
from math import ceil

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from . import hsds
from .models import (
    PROVIDER_FORMAT_RELATIONS,
    Association,
    AssociationSupport,
    EvaluationFigure,
    Measure,
    Operator,
    Provider,
    Service,
)

app_name = "hsds"

JSON_CONTENT_TYPE = "application/json; charset=utf-8"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")
# Parameters of the HSDS API reference this API does not have: asking for them is an
# error rather than an answer that silently ignores them.
UNSUPPORTED = (
    "search",
    "format",
    "taxonomy_term_id",
    "taxonomy_id",
    "modified_after",
    "minimal",
    "full_service",
    "postcode",
    "proximity",
)
# A cell that starts with one of these is a formula to a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SEPARATOR = "; "


class ApiError(Exception):
    def __init__(self, status: int, message: str, parameter: str = ""):
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter


def not_found(message: str = "") -> ApiError:
    return ApiError(404, message or _("Nothing published has that id."))


def _open(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    # "private" keeps Navet's page cache and any shared cache from storing it.
    response["Cache-Control"] = "private, no-cache"
    response["Content-Language"] = get_language()
    return response


def json_response(data, status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    return _open(HttpResponse(body, status=status, content_type=JSON_CONTENT_TYPE))


def error_response(error: ApiError) -> HttpResponse:
    body = {"status": error.status, "message": error.message}
    if error.parameter:
        body["parameter"] = error.parameter
    return json_response(body, status=error.status)


def endpoint(view):
    """GET (and HEAD) only; a CORS preflight is answered; an `ApiError` becomes its JSON
    answer."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = _open(HttpResponse(status=204))
            response["Allow"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            return response
        if request.method not in ("GET", "HEAD"):
            response = error_response(ApiError(405, _("Only GET is allowed here.")))
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return error_response(error)

    return wrapper


# Parameters.


def openapi_url(request) -> str:
    return request.build_absolute_uri(reverse("hsds:openapi"))


def refuse_unsupported(request) -> None:
    for name in UNSUPPORTED:
        if name in request.GET:
            raise ApiError(
                400,
                _("“%(name)s” is not supported here. See the parameters in %(url)s")
                % {"name": name, "url": openapi_url(request)},
                name,
            )


def whole_number(request, name: str, *, default: int, maximum: int) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not WHOLE_NUMBER.fullmatch(raw) or not 1 <= int(raw) <= maximum:
        raise ApiError(
            400,
            _("“%(name)s” must be a whole number from 1 to %(maximum)s.")
            % {"name": name, "maximum": maximum},
            name,
        )
    return int(raw)


def boolean(request, name: str) -> bool:
    raw = request.GET.get(name)
    if raw is None:
        return False
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    raise ApiError(400, _("“%(name)s” must be true or false.") % {"name": name}, name)


def an_id(request, name: str) -> str:
    raw = request.GET.get(name)
    if raw is None:
        return ""
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise ApiError(
            400, _("“%(name)s” must be an id (a UUID).") % {"name": name}, name
        ) from None


def paged(request, refs_of, build, *, options=()):
    """HSDS's Page object of `build(refs, full=…)` for the asked page of `refs_of()`; every
    parameter is checked before anything is read. `options` names the parameters besides
    the page's that the endpoint has: "full", "organization_id"."""
    refuse_unsupported(request)
    page = whole_number(request, "page", default=1, maximum=MAX_PAGE)
    per_page = whole_number(request, "per_page", default=DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE)
    full = boolean(request, "full") if "full" in options else False
    organization_id = an_id(request, "organization_id") if "organization_id" in options else ""
    refs = refs_of()
    if organization_id:
        refs = [ref for ref in refs if ref.organization_id == organization_id]
    total_pages = ceil(len(refs) / per_page)
    chunk = refs[(page - 1) * per_page : page * per_page]
    contents = build(chunk, full=full) if chunk else []
    return json_response(
        {
            "total_items": len(refs),
            "total_pages": total_pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": not contents,
            "contents": contents,
        }
    )


def one(request, refs_of, build, id):
    refuse_unsupported(request)
    try:
        wanted = str(uuid.UUID(id))
    except ValueError:
        raise not_found() from None
    for ref in refs_of():
        if ref.id == wanted:
            return json_response(build([ref])[0])
    raise not_found()


def directory(request) -> hsds.Directory:
    return hsds.Directory(absolute=request.build_absolute_uri)


# The HSDS endpoints.


@endpoint
def index(request):
    refuse_unsupported(request)
    return json_response({"version": hsds.HSDS_VERSION, "openapi_url": openapi_url(request)})


@lru_cache(maxsize=1)
def _openapi_document() -> dict:
    return json.loads(hsds.OPENAPI_PATH.read_text(encoding="utf-8"))


@endpoint
def openapi(request):
    document = dict(_openapi_document())
    document["servers"] = [{"url": request.build_absolute_uri(reverse("hsds:index")).rstrip("/")}]
    return json_response(document)


@endpoint
def services(request):
    found = directory(request)
    return paged(
        request,
        found.service_refs,
        lambda refs, full: found.services(refs, full=full),
        options=("full", "organization_id"),
    )


@endpoint
def service(request, id):
    found = directory(request)
    return one(request, found.service_refs, found.services, id)


@endpoint
def organizations(request):
    found = directory(request)
    return paged(
        request,
        found.organization_refs,
        lambda refs, full: found.organizations(refs, full=full),
        options=("full",),
    )


@endpoint
def organization(request, id):
    found = directory(request)
    return one(request, found.organization_refs, found.organizations, id)


@endpoint
def service_at_locations(request):
    found = directory(request)
    return paged(
        request,
        found.service_at_location_refs,
        lambda refs, full: found.service_at_locations(refs, full=full),
        options=("full", "organization_id"),
    )


@endpoint
def service_at_location(request, id):
    found = directory(request)
    return one(request, found.service_at_location_refs, found.service_at_locations, id)


@endpoint
def locations(request):
    found = directory(request)
    return paged(
        request,
        found.location_refs,
        lambda refs, full: found.locations(refs),
        options=("organization_id",),
    )


@endpoint
def location(request, id):
    found = directory(request)
    return one(request, found.location_refs, found.locations, id)


# CSV.


def cell(value):
    """A value as a CSV cell; text that a spreadsheet would run as a formula gets a
    leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_response(header: list, rows: list[list], filename: str) -> HttpResponse:
    """UTF-8 with a byte order mark, so that Excel reads it as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    # Semicolons: what Excel with Swedish settings splits on when the file is opened.
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([cell(name) for name in header])
    writer.writerows([cell(value) for value in row] for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _open(response)


def joined(values) -> str:
    return SEPARATOR.join(str(value) for value in values if value)


def figure_value(value):
    return hsds.number(value) if value is not None else None


PROVIDER_COLUMNS = (
    gettext_lazy("Service"),
    gettext_lazy("Provider"),
    gettext_lazy("Operated by"),
    gettext_lazy("Organisation"),
    gettext_lazy("Organisation number"),
    gettext_lazy("Street address"),
    gettext_lazy("Postal code"),
    gettext_lazy("City"),
    gettext_lazy("Areas served"),
    gettext_lazy("The assignment"),
    gettext_lazy("Quality requirements"),
    gettext_lazy("Languages spoken"),
    gettext_lazy("Profile"),
    gettext_lazy("Places"),
    gettext_lazy("About the provider"),
    gettext_lazy("Email"),
    gettext_lazy("Phone"),
    gettext_lazy("Website"),
    gettext_lazy("Last checked"),
    gettext_lazy("Id in the open data (HSDS)"),
)


def _measure_columns(service: Service) -> list[tuple[Measure, int]]:
    """The service's measures that a live provider has a figure of, each with the latest
    year that has figures."""
    latest = {}
    figures = EvaluationFigure.objects.filter(
        measure__service=service, provider__service=service, provider__live=True
    ).values_list("measure_id", "year")
    for measure_id, year in figures:
        latest[measure_id] = max(year, latest.get(measure_id, year))
    measures = Measure.objects.filter(pk__in=latest).order_by("name", "pk")
    return [(measure, latest[measure.pk]) for measure in measures]


def _measure_heading(measure: Measure, year: int) -> str:
    return (
        f"{measure.name} ({measure.unit}, {year})" if measure.unit else f"{measure.name} ({year})"
    )


@endpoint
def providers_csv(request):
    """One row per live provider, of every live service or of the one asked for. A file
    for one service has a column for each of its measures: the latest year's figures."""
    slug = request.GET.get("service")
    providers = Provider.objects.filter(live=True, service__live=True)
    measures, filename = [], "utforare.csv"
    if slug is not None:
        service = (
            Service.objects.filter(live=True, slug=slug).first() if SLUG.fullmatch(slug) else None
        )
        if service is None:
            raise not_found(_("There is no published service with that slug."))
        providers = providers.filter(service=service)
        measures = _measure_columns(service)
        filename = f"utforare-{service.slug}.csv"
    providers = (
        providers.select_related("service")
        .prefetch_related(
            *PROVIDER_FORMAT_RELATIONS,
            Prefetch("figures", queryset=EvaluationFigure.objects.all()),
        )
        .order_by("service__name", "service_id", "name", "pk")
    )
    operators = dict(Operator.choices)
    rows = []
    for provider in providers:
        figures = {
            (figure.measure_id, figure.year): figure.value for figure in provider.figures.all()
        }
        number = hsds.public_organisation_number(provider.organisation_number)
        rows.append(
            [
                provider.service.name,
                provider.name,
                operators.get(provider.operator, ""),
                provider.organisation,
                hsds.formatted_organisation_number(number),
                provider.street_address,
                provider.postal_code,
                provider.city,
                joined(area.name for area in provider.areas.all()),
                provider.assignment,
                joined(provider.requirements),
                joined(language.name for language in provider.languages.all()),
                joined(profile.name for profile in provider.profiles.all()),
                provider.places,
                provider.about,
                provider.email,
                provider.phone,
                provider.website,
                hsds.date_text(provider.last_published_at),
                hsds.provider_service_id(provider.pk),
                *(figure_value(figures.get((m.pk, year))) for m, year in measures),
            ]
        )
    header = [*PROVIDER_COLUMNS, *(_measure_heading(m, year) for m, year in measures)]
    return csv_response(header, rows, filename)


ASSOCIATION_COLUMNS = (
    gettext_lazy("Association"),
    gettext_lazy("Organisation number"),
    gettext_lazy("Purpose"),
    gettext_lazy("Activities"),
    gettext_lazy("What the association does"),
    gettext_lazy("Area"),
    gettext_lazy("Meeting place"),
    gettext_lazy("Contact person"),
    gettext_lazy("Email"),
    gettext_lazy("Phone"),
    gettext_lazy("Website"),
    gettext_lazy("Responsible committee"),
    gettext_lazy("Kinds of support"),
)
AFTER_SUPPORT_COLUMNS = (
    gettext_lazy("Last checked"),
    gettext_lazy("Id in the open data (HSDS)"),
)


@endpoint
def associations_csv(request):
    """One row per live association; the support it received in a column per year."""
    associations = list(
        Association.objects.filter(live=True)
        .select_related("area", "owning_unit")
        .prefetch_related(
            "activities",
            Prefetch(
                "support", queryset=AssociationSupport.objects.order_by("-year", "sort_order", "pk")
            ),
        )
        .order_by("name", "pk")
    )
    years = sorted(
        {support.year for association in associations for support in association.support.all()},
        reverse=True,
    )
    rows = []
    for association in associations:
        amounts = defaultdict(int)
        kinds = []
        for support in association.support.all():
            amounts[support.year] += support.amount
            if support.kind not in kinds:
                kinds.append(support.kind)
        number = hsds.public_organisation_number(association.organisation_number)
        rows.append(
            [
                association.name,
                hsds.formatted_organisation_number(number),
                association.purpose,
                joined(activity.name for activity in association.activities.all()),
                association.activity_description,
                association.area.name if association.area else "",
                association.meeting_place,
                association.contact_name,
                association.email,
                association.phone,
                association.website,
                association.owning_unit.name if association.owning_unit else "",
                joined(kinds),
                *(amounts.get(year) for year in years),
                hsds.date_text(association.last_published_at),
                hsds.association_id(association.pk),
            ]
        )
    header = [
        *ASSOCIATION_COLUMNS,
        *(_("Support %(year)s (SEK)") % {"year": year} for year in years),
        *AFTER_SUPPORT_COLUMNS,
    ]
    return csv_response(header, rows, "foreningar.csv")


urlpatterns = [
    path("", index, name="index"),
    path("openapi.json", openapi, name="openapi"),
    path("services", services, name="services"),
    path("services/<str:id>", service, name="service"),
    path("organizations", organizations, name="organizations"),
    path("organizations/<str:id>", organization, name="organization"),
    path("service_at_locations", service_at_locations, name="service_at_locations"),
    path("service_at_locations/<str:id>", service_at_location, name="service_at_location"),
    path("locations", locations, name="locations"),
    path("locations/<str:id>", location, name="location"),
    path("providers.csv", providers_csv, name="providers_csv"),
    path("associations.csv", associations_csv, name="associations_csv"),
]
