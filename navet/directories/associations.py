"""The public association directory (W3.5): every live association in one uniform overview,
a page per association in the same order for all, and the form on which an association
proposes changes to its own entry.

Only live entries are shown: the row of a snippet with drafts holds its live version, drafts
live in revisions. A proposal becomes a draft revision of the association, and the
publishing workflow takes it to the responsible committee's editors (W3.7); nothing is
published, and the live row keeps its content, until they approve."""

import hashlib
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState

from navet.organisation.throttling import client_ip_address

from .association_forms import ChangeRequestForm
from .models import Activity, Area, Association, ChangeRequest

AREA_PARAMETER = "omrade"
ACTIVITY_PARAMETER = "verksamhet"
TEMPLATES = {
    "index": "directories/association_directory_page.html",
    "detail": "directories/association_detail.html",
    "form": "directories/association_change_form.html",
    "thanks": "directories/association_change_thanks.html",
    "rate_limited": "directories/association_rate_limited.html",
}

# Public change requests (W3.5): how many an hour from one address and for one association,
# and how many sendings of the form, valid or not, from one address.
WINDOW_SECONDS = 60 * 60


def limits() -> dict[str, int]:
    return {
        "address": getattr(settings, "NAVET_CHANGE_REQUESTS_PER_ADDRESS", 5),
        "association": getattr(settings, "NAVET_CHANGE_REQUESTS_PER_ASSOCIATION", 3),
        "attempts": getattr(settings, "NAVET_CHANGE_REQUEST_ATTEMPTS_PER_ADDRESS", 30),
    }


# --- Presenting an entry ------------------------------------------------------------------

# Swedish alphabetical order: å, ä, ö after z (the database sorts by code point).
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})
_SWEDISH_ORDER.update({ord(char): "e" for char in "éèêë"})
_JSON_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}
NO_BREAK_SPACE = "\u00a0"


def swedish_sort_key(text: str) -> str:
    return (text or "").casefold().translate(_SWEDISH_ORDER)


def kronor(amount) -> str:
    """25000 → "25 000 kr", with no-break spaces (Swedish: groups of three, the unit after)."""
    return f"{int(amount):,}".replace(",", NO_BREAK_SPACE) + NO_BREAK_SPACE + "kr"


def web_address(url: str) -> str | None:
    """The address if it is an http(s) address with a host, else None: an entry's website
    is only ever linked as a web page."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def web_address_label(url: str) -> str:
    """https://www.forening.se/ → www.forening.se, for reading aloud and printing."""
    parts = urlsplit(url)
    label = parts.netloc + (parts.path if parts.path not in ("", "/") else "")
    return label + (f"?{parts.query}" if parts.query else "")


def json_for_script(data) -> str:
    """JSON that cannot end the <script> element it stands in, whatever the text holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped above


def organisation_json_ld(association, *, url: str) -> str:
    """schema.org Organization for the association page."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": association.name,
        "mainEntityOfPage": url,
    }
    if association.purpose:
        data["description"] = association.purpose
    if association.organisation_number:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "organisationsnummer",
            "value": association.organisation_number,
        }
    website = web_address(association.website)
    if website:
        data["url"] = website
    if association.email:
        data["email"] = association.email
    if association.phone:
        data["telephone"] = association.phone
    if association.meeting_place:
        place = {"@type": "Place", "name": association.meeting_place}
        if association.area_id:
            place["containedInPlace"] = {"@type": "Place", "name": association.area.name}
        data["location"] = place
    if association.contact_name:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "name": association.contact_name,
            **({"email": association.email} if association.email else {}),
            **({"telephone": association.phone} if association.phone else {}),
        }
    if association.owning_unit_id:
        data["funder"] = {"@type": "GovernmentOrganization", "name": association.owning_unit.name}
    activities = [activity.name for activity in association.activities.all()]
    if activities:
        data["knowsAbout"] = activities
    return json_for_script(data)


def live_associations():
    return (
        Association.objects.filter(live=True)
        .select_related("area", "owning_unit")
        .prefetch_related("activities")
    )


def live_association(slug: str) -> Association:
    association = live_associations().filter(slug=slug).first()
    if association is None:
        raise Http404(_("No such association in the directory."))
    return association


def association_url(page, request, association) -> str:
    return page.get_url(request) + page.reverse_subpage("association", args=[association.slug])


def fragment_key(page, request, *variant) -> str:
    """The key of the page's cached fragments for this route (see navet.web.fragments):
    the directory page's live revision and what the route shows. A preview has none."""
    if getattr(request, "is_preview", False) or not page.live or not page.live_revision_id:
        return ""
    return "-".join(str(part) for part in (page.pk, page.live_revision_id, *variant))


def directory_version() -> str:
    """Changes whenever an association is published, unpublished or deleted."""
    totals = Association.objects.filter(live=True).aggregate(
        count=Count("pk"), revisions=Sum("live_revision_id"), last=Max("last_published_at")
    )
    return hashlib.sha256(repr(sorted(totals.items())).encode()).hexdigest()[:16]


def never_cached(response):
    """Forms and what answers them are this visitor's own: no shared cache keeps them."""
    add_never_cache_headers(response)
    return response


# --- The routes ----------------------------------------------------------------------------


def _in_use(model, relation: str) -> list:
    objects = model.objects.filter(**{f"{relation}__live": True}).distinct()
    return sorted(objects, key=lambda obj: swedish_sort_key(obj.name))


def directory_index(page, request):
    """Every live association in the uniform overview, filtered by area and activity."""
    areas = _in_use(Area, "associations")
    activities = _in_use(Activity, "associations")
    # Only known values filter (and key the cached fragment); anything else is ignored.
    area = {a.slug: a for a in areas}.get(request.GET.get(AREA_PARAMETER, "").strip())
    activity = {a.slug: a for a in activities}.get(request.GET.get(ACTIVITY_PARAMETER, "").strip())

    def listing():
        entries = live_associations()
        if area is not None:
            entries = entries.filter(area=area)
        if activity is not None:
            entries = entries.filter(activities=activity)
        entries = sorted(entries.distinct(), key=lambda entry: swedish_sort_key(entry.name))
        base = page.get_url(request)
        for entry in entries:
            entry.page_url = base + page.reverse_subpage("association", args=[entry.slug])
        return entries

    key = fragment_key(
        page,
        request,
        "index",
        area.slug if area else "",
        activity.slug if activity else "",
        directory_version(),
    )
    return page.render(
        request,
        template=TEMPLATES["index"],
        context_overrides={
            "associations": SimpleLazyObject(listing),
            "areas": areas,
            "activities": activities,
            "chosen_area": area,
            "chosen_activity": activity,
            "filtered": area is not None or activity is not None,
            "area_parameter": AREA_PARAMETER,
            "activity_parameter": ACTIVITY_PARAMETER,
            "fragment_key": key,
        },
    )


def association_detail(page, request, slug):
    """One association's uniform overview, the same fields in the same order for all."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    association = live_association(slug)
    url = (page.get_full_url(request) or "") + page.reverse_subpage("association", args=[slug])
    directory_url = page.get_url(request)
    support = [
        {"year": row.year, "kind": row.kind, "amount": kronor(row.amount)}
        for row in association.support.all()
    ]
    website = web_address(association.website)
    return page.render(
        request,
        template=TEMPLATES["detail"],
        context_overrides={
            "association": association,
            "activities": list(association.activities.all()),
            "support": support,
            "website": website,
            "website_label": web_address_label(website) if website else "",
            "json_ld": organisation_json_ld(association, url=url),
            "directory_url": directory_url,
            "change_url": directory_url
            + page.reverse_subpage("propose_change", args=[association.slug]),
            "fragment_key": fragment_key(
                page, request, "association", association.pk, association.live_revision_id
            ),
        },
    )


def propose_change(page, request, slug):
    """The form on which an association proposes changes to its own entry (W3.5)."""
    if request.method not in ("GET", "HEAD", "POST"):
        return never_cached(HttpResponseNotAllowed(["GET", "HEAD", "POST"]))
    association = live_association(slug)
    if request.method != "POST":
        form = ChangeRequestForm(association=association)
        return never_cached(_render_form(page, request, association, form))

    address = client_ip_address(request) or "unknown"
    throttle = ChangeRequestThrottle(address=address, association_id=association.pk)
    refusal = throttle.refusal()
    if refusal:
        return rate_limited(page, request, association, refusal)
    form = ChangeRequestForm(request.POST, association=association)
    if not form.is_valid():
        return never_cached(_render_form(page, request, association, form))
    refusal = throttle.claim()
    if refusal:
        return rate_limited(page, request, association, refusal)
    try:
        submit_change_request(
            association_id=association.pk,
            proposed=form.proposed_values(),
            submitter_name=form.cleaned_data["submitter_name"],
            submitter_email=form.cleaned_data["submitter_email"],
            message=form.cleaned_data["message"],
        )
    except Association.DoesNotExist:
        # Unpublished or deleted since the form was shown: nothing was saved.
        throttle.release()
        raise Http404(_("No such association in the directory.")) from None
    except Exception:
        throttle.release()
        raise
    thanks = page.get_url(request) + page.reverse_subpage("propose_change_thanks", args=[slug])
    response = HttpResponseRedirect(thanks)
    response.status_code = 303  # See Other: the browser asks for the thank-you page with GET
    return never_cached(response)


def propose_change_thanks(page, request, slug):
    association = live_association(slug)
    return never_cached(
        page.render(
            request,
            template=TEMPLATES["thanks"],
            context_overrides={
                "association": association,
                "association_url": association_url(page, request, association),
                "fragment_key": "",
            },
        )
    )


def _render_form(page, request, association, form):
    invalid = form.is_bound and bool(form.errors)
    errors = []
    if invalid:
        errors += [{"field": None, "message": message} for message in form.non_field_errors()]
        for field in form:
            if field.name != "homepage":
                errors += [{"field": field, "message": message} for message in field.errors]
    return page.render(
        request,
        template=TEMPLATES["form"],
        context_overrides={
            "association": association,
            "association_url": association_url(page, request, association),
            "form": form,
            "error_summary": errors,
            "invalid": invalid,
            "fragment_key": "",
        },
    )


def rate_limited(page, request, association, reason: str):
    response = page.render(
        request,
        template=TEMPLATES["rate_limited"],
        context_overrides={
            "association": association,
            "association_url": association_url(page, request, association),
            "reason": reason,
            "fragment_key": "",
        },
    )
    response.status_code = 429
    response["Retry-After"] = str(WINDOW_SECONDS)
    return never_cached(response)


# --- Rate limits ---------------------------------------------------------------------------


def _slot_keys(scope: str, value: str, limit: int) -> list[str]:
    digest = hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()
    return [f"navet-throttle:{scope}:{digest}:{index}" for index in range(limit)]


def _has_free_slot(scope: str, value: str, limit: int) -> bool:
    return len(cache.get_many(_slot_keys(scope, value, limit))) < limit


def _take_slot(scope: str, value: str, limit: int) -> str | None:
    """Claim one of `limit` slots that each last an hour from when they were claimed, so at
    most `limit` claims succeed in any hour; the key claimed, or None. `cache.add` is
    atomic: concurrent requests cannot share a slot (as navet.organisation.throttling)."""
    keys = _slot_keys(scope, value, limit)
    taken = cache.get_many(keys)
    for key in keys:
        if key not in taken and cache.add(key, 1, timeout=WINDOW_SECONDS):
            return key
    return None


class ChangeRequestThrottle:
    """At most `limits()["address"]` change requests an hour from one address and
    `limits()["association"]` for one association; every sending of the form, valid or
    not, counts towards `limits()["attempts"]` from one address."""

    ADDRESS, ASSOCIATION = "address", "association"

    def __init__(self, *, address: str, association_id: int):
        self.address = address
        self.association = str(association_id)
        self.claimed: list[str] = []

    def refusal(self) -> str | None:
        """Why this sending is refused before it is even looked at, if it is."""
        numbers = limits()
        if not _take_slot("change-request-attempt", self.address, numbers["attempts"]):
            return self.ADDRESS
        if not _has_free_slot("change-request-address", self.address, numbers["address"]):
            return self.ADDRESS
        if not _has_free_slot(
            "change-request-association", self.association, numbers["association"]
        ):
            return self.ASSOCIATION
        return None

    def claim(self) -> str | None:
        """Take a slot for the address and one for the association, or neither."""
        numbers = limits()
        address_key = _take_slot("change-request-address", self.address, numbers["address"])
        if address_key is None:
            return self.ADDRESS
        association_key = _take_slot(
            "change-request-association", self.association, numbers["association"]
        )
        if association_key is None:
            cache.delete(address_key)
            return self.ASSOCIATION
        self.claimed = [address_key, association_key]
        return None

    def release(self) -> None:
        """Give the slots back: the change request was not saved after all."""
        if self.claimed:
            cache.delete_many(self.claimed)
            self.claimed = []


# --- Saving a proposal ---------------------------------------------------------------------


@transaction.atomic
def submit_change_request(
    *, association_id: int, proposed: dict, submitter_name: str, submitter_email: str, message
) -> ChangeRequest:
    """A draft revision of the association with the proposed values, the change request
    that points to it, and the workflow that takes it to the committee's editors – all or
    nothing. The live row's content is not touched and nothing is published."""
    live = Association.objects.select_for_update().get(pk=association_id, live=True)
    proposal = _draft_base(live)
    for name, value in proposed.items():
        setattr(proposal, name, value)
    # Only the revision's bookkeeping (latest revision, unpublished changes) is written to
    # the row; `clean=False`: the form has checked the proposed fields.
    revision = proposal.save_revision(user=None, clean=False, log_action=True)
    change_request = ChangeRequest.objects.create(
        association=live,
        revision=revision,
        submitter_name=submitter_name,
        submitter_email=submitter_email,
        message=message,
    )
    _send_to_committee(live, proposal)
    return change_request


def _draft_base(live: Association) -> Association:
    """What the proposal changes: a copy of the live association – or, when a draft is
    already waiting (an editor's, or an earlier proposal in the workflow), of that draft, so
    the new revision carries it too. Approval publishes the latest revision, and an earlier
    proposal would otherwise be silently dropped."""
    revision = live.latest_revision
    if live.has_unpublished_changes and revision is not None:
        return revision.as_object()
    return Association.objects.get(pk=live.pk)


def _send_to_committee(live: Association, proposal: Association) -> None:
    """Start the publishing workflow for the association. One already under way is not
    started again: its current step starts over on the new revision, so the approvers
    review (and are told about) what approval would publish."""
    state = live.current_workflow_state
    if state is None:
        workflow = live.get_workflow()
        if workflow is not None and workflow.active:
            # Wagtail's WorkflowState.requested_by may be empty: no account asked for it.
            workflow.start(proposal, user=None)
        return
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=None)
        return
    task_state = state.current_task_state
    if task_state is not None and task_state.status == TaskState.STATUS_IN_PROGRESS:
        task_state.specific.cancel(
            user=None,
            resume=True,
            comment=_("The association proposed another change through the public form."),
        )
